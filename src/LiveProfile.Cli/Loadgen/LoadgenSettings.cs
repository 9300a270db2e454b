namespace LiveProfile.Cli.Loadgen;

/// <summary>What <c>liveprofile loadgen</c> was asked to do. <see cref="Rate"/> 0 means as fast as the server answers.</summary>
internal sealed record LoadgenSettings(
    Uri Server, int Rate, int DurationSeconds, int Batch, int Concurrency, int Users, int Seed, string? ApiKey)
{
    public const int Products = 2000;

    /// <summary>A hard stop on events sent whatever the rate, so a run is bounded in count as well as time.</summary>
    public const long MaxEvents = 100_000_000;

    /// <summary>
    /// The batch actually sent: at a set rate, small enough for about ten requests a second, so that
    /// pacing stays smooth (1,000-event batches at 500 events/s would arrive in 2 s lumps).
    /// </summary>
    public int EffectiveBatch => Rate > 0 ? Math.Clamp(Rate / 10, 1, Batch) : Batch;
}
