namespace LiveProfile.Cli.Loadgen;

/// <summary>Hands out batch numbers 0, 1, 2 … to the senders, up to a fixed count.</summary>
internal sealed class BatchSchedule(long maxBatches)
{
    private long _next = -1;

    public bool TryNext(out long batch)
    {
        batch = Interlocked.Increment(ref _next);
        return batch < maxBatches;
    }
}
