using LiveProfile.Engine.Contract;

namespace LiveProfile.Server;

/// <summary>Configuration of a LiveProfile server (section <c>LiveProfile</c>, env <c>LIVEPROFILE_</c>, command-line flags win).</summary>
public sealed class ServerOptions
{
    public const string Section = "LiveProfile";

    /// <summary>Where the log, checkpoints, key vault and quarantine live.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Partitions for a new data directory; an existing one keeps the number it was created with.</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>Events with the same (tenant, id) within this window are applied once.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often partitions are checkpointed (and covered log segments removed, without <see cref="KeepLogHistory"/>).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events logged but not yet applied above which ingest answers 503 (the engine is behind).</summary>
    public long MaxApplyLag { get; set; } = 2_000_000;

    /// <summary>Ingest requests in flight above which ingest answers 429.</summary>
    public int MaxConcurrentIngests { get; set; } = 64;

    /// <summary>
    /// Keep log segments after a checkpoint covers them: the whole history is what an unmerge replays to rebuild the
    /// profiles it separates (and what timelines read). Off: checkpoints delete covered segments, the disk holds only
    /// the recent log, and <c>POST /v1/identity/unmerge</c> answers 409 <c>history_incomplete</c>.
    /// </summary>
    public bool KeepLogHistory { get; set; } = true;

    /// <summary>Log segment size.</summary>
    public long SegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Events older than this (in event time, against the server clock) are rejected.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Orleans silo and gateway ports (localhost clustering).</summary>
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>API key → tenant. Empty: one default tenant, loopback callers only.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = [];

    /// <summary>Ingest the shipped sample on start when the log is empty.</summary>
    public string? SampleFile { get; set; }

    /// <summary>Tag changes kept in memory for <c>GET /v1/changes</c> readers that resume (<c>Last-Event-ID</c>).</summary>
    public int ChangeFeedRetained { get; set; } = 65_536;

    /// <summary>How often a <c>GET /v1/changes</c> stream sends a <c>: keep-alive</c> comment (proxies close idle connections).</summary>
    public TimeSpan ChangeFeedKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Aggregates shown to operators (segment counts, room composition, funnels) hide groups smaller than this, so that
    /// no person can be singled out from an aggregate.
    /// </summary>
    public int MinGroupSize { get; set; } = 10;

    /// <summary>How often the customer-value models and the churn classifier are fitted again over the population (zero: only when asked).</summary>
    public TimeSpan ModelRefitInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often the identity matcher reads the new log, fits its model to the tenant's viewers and accounts, links the
    /// viewers it is sure of and refreshes the review queue (zero: only when asked, <c>POST /v1/identity/matching/run</c>).
    /// </summary>
    public TimeSpan IdentityMatchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the matcher is built anew and its model fitted to every account and unlinked viewer (also when either
    /// grew by a quarter since the last fit). In between, passes match what changed against the last fit. Zero: every pass.
    /// </summary>
    public TimeSpan IdentityRefitInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Match probability at or above which a viewer is linked to an account without review.</summary>
    public double IdentityAutoLinkAt { get; set; } = new LiveProfile.Matching.MatchOptions().AutoLinkAt;

    /// <summary>Match probability at or above which (and below <see cref="IdentityAutoLinkAt"/>) a candidate waits for review.</summary>
    public double IdentityReviewAt { get; set; } = new LiveProfile.Matching.MatchOptions().ReviewAt;

    /// <summary>Fewest accounts, and fewest unlinked viewers, a tenant needs before the matcher fits a model to them.</summary>
    public int IdentityMatchMinRecords { get; set; } = 20;

    public IngestLimits Limits => new() { Retention = Retention };

    /// <summary>The matcher's thresholds (<see cref="IdentityAutoLinkAt"/>, <see cref="IdentityReviewAt"/>).</summary>
    public LiveProfile.Matching.MatchOptions MatchOptions => new() { AutoLinkAt = IdentityAutoLinkAt, ReviewAt = IdentityReviewAt };

    public void Validate()
    {
        if (ModelRefitInterval < TimeSpan.Zero) throw new InvalidOperationException($"LiveProfile:ModelRefitInterval must not be negative (got {ModelRefitInterval}).");
        if (Partitions is < 1 or > 4096) throw new InvalidOperationException($"LiveProfile:Partitions must be 1..4096 (got {Partitions}).");
        if (DedupWindow <= TimeSpan.Zero) throw new InvalidOperationException("LiveProfile:DedupWindow must be positive.");
        if (CheckpointInterval < TimeSpan.FromSeconds(1)) throw new InvalidOperationException("LiveProfile:CheckpointInterval must be at least 1 s.");
        if (MaxConcurrentIngests < 1) throw new InvalidOperationException("LiveProfile:MaxConcurrentIngests must be at least 1.");
        if (ChangeFeedRetained is < 1 or > 10_000_000) throw new InvalidOperationException("LiveProfile:ChangeFeedRetained must be 1..10000000.");
        if (ChangeFeedKeepAlive < TimeSpan.FromMilliseconds(10)) throw new InvalidOperationException("LiveProfile:ChangeFeedKeepAlive must be at least 10 ms.");
        if (MinGroupSize is < 1 or > 1_000_000) throw new InvalidOperationException("LiveProfile:MinGroupSize must be 1..1000000.");
        if (IdentityMatchInterval < TimeSpan.Zero) throw new InvalidOperationException($"LiveProfile:IdentityMatchInterval must not be negative (got {IdentityMatchInterval}).");
        if (IdentityRefitInterval < TimeSpan.Zero) throw new InvalidOperationException($"LiveProfile:IdentityRefitInterval must not be negative (got {IdentityRefitInterval}).");
        if (IdentityMatchMinRecords is < 2 or > 1_000_000) throw new InvalidOperationException("LiveProfile:IdentityMatchMinRecords must be 2..1000000.");
        try
        {
            MatchOptions.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"LiveProfile:IdentityAutoLinkAt and IdentityReviewAt: {ex.Message}", ex);
        }
    }
}
