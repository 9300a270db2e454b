namespace LiveProfile.Cli.Loadgen;

/// <summary>
/// Log-linear latency buckets in microseconds, HdrHistogram style: exact below 128 µs, then 64
/// sub-buckets per power of two, so any percentile is within 1/64 (1.6 %) above the true value.
/// Recording is lock-free and safe from many threads; a fixed 30 KB whatever the sample count.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 6;
    private const int Sub = 1 << SubBits;          // sub-buckets per power of two
    private const int Linear = 2 * Sub;            // values below this are their own bucket
    private const int Buckets = Linear + (63 - SubBits - 1) * Sub;

    private readonly long[] _counts = new long[Buckets];
    private long _count;
    private long _max;
    private long _sum;

    public long Count => Interlocked.Read(ref _count);
    public long MaxMicros => Interlocked.Read(ref _max);
    public double MeanMicros => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    public void Record(TimeSpan latency) => RecordMicros(Math.Max(0, latency.Ticks / TimeSpan.TicksPerMicrosecond));

    public void RecordMicros(long micros)
    {
        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, micros);
        var max = Interlocked.Read(ref _max);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, micros, max);
            if (seen == max) break;
            max = seen;
        }
    }

    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 100) in µs, as the top of its bucket capped at the maximum; 0 when empty.</summary>
    public long PercentileMicros(double percentile)
    {
        var count = Count;
        if (count == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * count));
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(Highest(i), MaxMicros);
        }
        return MaxMicros;
    }

    public TimeSpan Percentile(double percentile) => TimeSpan.FromMicroseconds(PercentileMicros(percentile));

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < Buckets; i++) _counts[i] += other._counts[i];
        _count += other._count;
        _sum += other._sum;
        _max = Math.Max(_max, other._max);
    }

    internal static int Index(long v)
    {
        if (v < Linear) return (int)v;
        var magnitude = 63 - (int)long.LeadingZeroCount(v); // ≥ SubBits + 1
        var shift = magnitude - SubBits;
        var top = (int)(v >> shift);                  // in [Sub, 2 Sub)
        return Linear + (magnitude - SubBits - 1) * Sub + (top - Sub);
    }

    /// <summary>The largest value that lands in bucket <paramref name="index"/>.</summary>
    internal static long Highest(int index)
    {
        if (index < Linear) return index;
        var magnitude = (index - Linear) / Sub + SubBits + 1;
        var top = (long)((index - Linear) % Sub + Sub);
        var shift = magnitude - SubBits;
        return ((top + 1) << shift) - 1;
    }
}
