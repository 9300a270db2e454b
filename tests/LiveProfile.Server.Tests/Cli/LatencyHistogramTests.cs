using LiveProfile.Cli.Loadgen;

namespace LiveProfile.Server.Tests.Cli;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentile_SmallValues_Exact()
    {
        var h = new LatencyHistogram();
        foreach (var v in new long[] { 5, 1, 3, 2, 4 }) h.RecordMicros(v);

        Assert.Equal(1, h.PercentileMicros(20));
        Assert.Equal(3, h.PercentileMicros(50));
        Assert.Equal(5, h.PercentileMicros(99));
        Assert.Equal(5, h.MaxMicros);
        Assert.Equal(3, h.MeanMicros);
    }

    [Fact]
    public void Percentile_Empty_Zero()
    {
        Assert.Equal(0, new LatencyHistogram().PercentileMicros(99));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Percentile_RandomLatencies_WithinOneSixtyFourthAboveExact(int seed)
    {
        var rng = new Random(seed);
        var values = Enumerable.Range(0, 20_000).Select(_ => (long)Math.Exp(rng.NextDouble() * 18)).ToArray(); // 1 µs … 18 s
        var h = new LatencyHistogram();
        foreach (var v in values) h.RecordMicros(v);
        Array.Sort(values);

        foreach (var p in new[] { 0.1, 1, 25, 50, 90, 99, 99.9, 100 })
        {
            var exact = values[(int)Math.Ceiling(p / 100 * values.Length) - 1];
            var got = h.PercentileMicros(p);
            Assert.InRange(got, exact, exact + exact / 64);
        }
        Assert.Equal(values[^1], h.PercentileMicros(100));
        Assert.Equal(values[^1], h.MaxMicros);
    }

    [Fact]
    public void Index_EveryBucket_ContiguousAndOrdered()
    {
        long previousTop = -1;
        for (var i = 0; i < 3000; i++)
        {
            var top = LatencyHistogram.Highest(i);
            Assert.Equal(i, LatencyHistogram.Index(previousTop + 1)); // bucket i starts right after bucket i-1
            Assert.Equal(i, LatencyHistogram.Index(top));
            Assert.True(top > previousTop);
            previousTop = top;
        }
        Assert.InRange(LatencyHistogram.Index(long.MaxValue), 0, 4000);
    }

    [Fact]
    public void RecordMicros_Concurrent_LosesNothing()
    {
        var h = new LatencyHistogram();
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 10_000; i++) h.RecordMicros(i % 1000);
        });

        Assert.Equal(80_000, h.Count);
        Assert.Equal(999, h.MaxMicros);
    }

    [Fact]
    public void Add_TwoHistograms_CountsAndMaxCombine()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.RecordMicros(10);
        b.RecordMicros(5000);

        a.Add(b);

        Assert.Equal(2, a.Count);
        Assert.Equal(5000, a.MaxMicros);
        Assert.Equal(10, a.PercentileMicros(50));
    }
}
