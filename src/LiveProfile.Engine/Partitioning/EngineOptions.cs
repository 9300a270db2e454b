namespace LiveProfile.Engine.Partitioning;

/// <summary>Settings of the profile engine. Set when a data directory is created; changing them needs a rebuild from the log.</summary>
public sealed record EngineOptions
{
    /// <summary>Number of partitions P: profile → partition is hash(profile) mod P.</summary>
    public int Partitions { get; init; } = 4;

    /// <summary>Half-life of decayed affinities.</summary>
    public TimeSpan AffinityHalfLife { get; init; } = TimeSpan.FromDays(14);

    /// <summary>A live visit with no heartbeat or leave for this long is closed at its last sign of presence.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Users' local time for hour-of-day features, minutes east of UTC (default UTC+8).</summary>
    public int LocalUtcOffsetMinutes { get; init; } = 8 * 60;

    /// <summary>An order this soon after a live click on one of its products is an impulse order.</summary>
    public TimeSpan ImpulseWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far behind the event-time clock a live event may arrive and still be measured as if it had come in order: it
    /// joins its visit (dwell) and meets its click or order (impulse). Visits, clicks and orders are remembered this
    /// long after event time has passed them. Concurrent producers and retries reorder events by minutes; bulk
    /// replays by more.
    /// </summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Classifies comments that reach the engine without an intent (the ingest path sets it; this
    /// covers in-process hosts and logs written before intents were recorded). Null: such comments are <c>other</c>.
    /// </summary>
    public Contract.ICommentIntentClassifier? CommentClassifier { get; init; }

    public double HalfLifeMinutes => AffinityHalfLife.TotalMinutes;

    public void Validate()
    {
        if (Partitions is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(Partitions), Partitions, "must be 1..4096");
        if (AffinityHalfLife <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AffinityHalfLife));
        if (HeartbeatTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(HeartbeatTimeout));
        if (AllowedLateness < TimeSpan.Zero || AllowedLateness > TimeSpan.FromDays(1)) throw new ArgumentOutOfRangeException(nameof(AllowedLateness), AllowedLateness, "must be 0 to 1 day");
        if (LocalUtcOffsetMinutes is < -14 * 60 or > 14 * 60) throw new ArgumentOutOfRangeException(nameof(LocalUtcOffsetMinutes));
    }
}
