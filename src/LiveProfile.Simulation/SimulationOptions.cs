namespace LiveProfile.Simulation;

/// <summary>What to simulate. Everything is deterministic for a seed and an end time.</summary>
internal sealed record SimulationOptions
{
    public int Seed { get; init; } = 1;
    public int Users { get; init; } = 1_000;
    public int Days { get; init; } = 90;
    /// <summary>The end of the simulated timeline (ms); the run covers the <see cref="Days"/> local days before it.</summary>
    public long EndMs { get; init; }
    public int Rooms { get; init; } = 40;
    public int ProductsPerCategory { get; init; } = 300;
    public NoiseOptions Noise { get; init; } = new();
    /// <summary>Record what each person did and compute the tags they should carry.</summary>
    public bool GroundTruth { get; init; } = true;
    /// <summary>The demo: the first rooms broadcast back to back from this time on (ms), so that something is live.</summary>
    public long AlwaysLiveFromMs { get; init; } = long.MaxValue;
    /// <summary>Multiplies how often people watch and shop (the demo's few hundred people fill rooms with 8).</summary>
    public double Activity { get; init; } = 1;
    /// <summary>The demo: people arriving, on average, at each of those back-to-back broadcasts (0: only their usual habits).</summary>
    public int FeaturedAudience { get; init; }
    /// <summary>Seconds between live heartbeats of a present viewer.</summary>
    public int HeartbeatSeconds { get; init; } = 60;
}

/// <summary>Noise rates (0–1): what real producers get wrong.</summary>
internal sealed record NoiseOptions
{
    /// <summary>Events sent twice with the same id (a producer retry).</summary>
    public double Duplicates { get; init; } = 0.01;
    /// <summary>Events delivered late: up to two hours after later events.</summary>
    public double Late { get; init; } = 0.02;
    /// <summary>Extra lines a buggy producer sends broken (each must be rejected with a code).</summary>
    public double Malformed { get; init; } = 0.005;
    /// <summary>People whose phone clock is off by 30 s to 10 min (their events carry <c>sentAt</c>).</summary>
    public double SkewedClocks { get; init; } = 0.05;
    /// <summary>People with an account whose live viewer id is never linked to it.</summary>
    public double UnlinkedIdentities { get; init; } = 0.02;

    public static NoiseOptions None { get; } = new() { Duplicates = 0, Late = 0, Malformed = 0, SkewedClocks = 0, UnlinkedIdentities = 0 };
}
