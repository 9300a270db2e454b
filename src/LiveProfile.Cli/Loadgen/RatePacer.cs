namespace LiveProfile.Cli.Loadgen;

/// <summary>
/// When batch number k (0-based, shared by all senders) may go: k · batch / rate seconds after the
/// start. A schedule rather than a sleep per sender, so slow answers are caught up, not compounded.
/// </summary>
internal sealed class RatePacer(int eventsPerSecond, int batch)
{
    public bool Unlimited => eventsPerSecond <= 0;

    public TimeSpan Due(long batchIndex) =>
        Unlimited ? TimeSpan.Zero : TimeSpan.FromSeconds((double)batchIndex * batch / eventsPerSecond);
}
