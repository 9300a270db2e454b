namespace LiveProfile.Storage.Log;

/// <summary>Settings of an <see cref="EventLog"/>.</summary>
public sealed class EventLogOptions
{
    /// <summary>64 MiB.</summary>
    public const long DefaultSegmentBytes = 64L * 1024 * 1024;

    /// <summary>1 GiB: recovery may read a torn tail of the last segment into memory at once.</summary>
    public const long MaxSegmentBytes = 1L * 1024 * 1024 * 1024;

    /// <summary>
    /// A segment is closed and a new one started when the next record would take it past this size
    /// (a single record larger than this gets a segment of its own). Default 64 MiB.
    /// </summary>
    public long SegmentBytes { get; set; } = DefaultSegmentBytes;

    /// <summary>
    /// How long the flusher waits after the first pending append before it writes and fsyncs, so that
    /// more appends share one fsync. Zero (the default) flushes at once; appends that arrive while an
    /// fsync is running are still coalesced into the next one. Millisecond granularity.
    /// </summary>
    public TimeSpan FlushDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Test seam: called by the flusher with "write", "fsync" or "create" before each such call; throw to inject a fault.</summary>
    internal Action<string>? FaultInjection { get; set; }

    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (SegmentBytes < 1 || SegmentBytes > MaxSegmentBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentBytes), SegmentBytes, $"SegmentBytes must be between 1 and {MaxSegmentBytes}.");
        }

        if (FlushDelay < TimeSpan.Zero || FlushDelay > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(FlushDelay), FlushDelay, "FlushDelay must be between 0 and 1 s.");
        }
    }
}
