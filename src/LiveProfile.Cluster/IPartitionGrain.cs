using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Ranking;
using LiveProfile.Engine.Views;
using Orleans.Concurrency;

namespace LiveProfile.Cluster;

/// <summary>
/// One engine partition as an Orleans grain (key = partition number). Batches are passed as
/// <see cref="Immutable{T}"/>: the dispatcher never touches a batch after sending it, so in-process
/// calls skip the deep copy.
/// </summary>
public interface IPartitionGrain : IGrainWithIntegerKey
{
    Task Apply(Immutable<IReadOnlyList<PartitionCommand>> batch, long watermarkMs);

    Task<byte[]?> Extract(ulong profile, long lsn);

    Task Absorb(ulong target, byte[] state, long lsn);

    Task<Immutable<ProfileSummary?>> GetProfile(ulong profile, Immutable<IReadOnlyList<LiveProfile.Engine.Contract.Pseudonym>> identifiers);

    /// <summary>Evaluates one tag of one profile with every fact that decided it, at the partition's clock.</summary>
    Task<ExplainReply> Explain(ulong profile, string tag);

    /// <summary>
    /// A segment's size in this partition and up to <paramref name="sample"/> members. The expression was validated by
    /// the caller; it is parsed again here against the taxonomy this partition evaluates.
    /// </summary>
    Task<SegmentSliceReply> QuerySegment(string expression, int sample);

    /// <summary>The members of a saved segment in this partition, read from its counter; null when it is not saved here.</summary>
    Task<long?> SavedSegmentCount(string name);

    /// <summary>A page of a segment's members in this partition, from <paramref name="fromOrdinal"/> on.</summary>
    Task<SegmentPageReply> SegmentMembers(string expression, int fromOrdinal, int limit);

    /// <summary>
    /// This partition's share of a room right now: viewers, new viewers, viewers per tag and per family, product funnels;
    /// with a <paramref name="segment"/> (validated by the caller), its viewers and funnels only.
    /// </summary>
    Task<RoomSliceReply> RoomAudience(string room, string? segment);

    /// <summary>Rooms with viewers in this partition now, and how many.</summary>
    Task<Dictionary<string, int>> LiveRooms();

    /// <summary>
    /// Every buyer's repeat buying at the end of local day <paramref name="cutoffDay"/> (null: this partition's today),
    /// for fitting customer-value models.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task<RepeatBuyersReply> RepeatBuyers(int? cutoffDay);

    /// <summary>What a viewer's view of a room depends on (tags, consent, history with the room and the on-screen category); null when it is not here.</summary>
    Task<ViewerFactsReply?> ViewerFacts(ulong profile, string room);

    /// <summary>The best <paramref name="limit"/> invitees of a scheduled session held here; null when the session is not scheduled.</summary>
    [ResponseTimeout("00:10:00")]
    Task<InviteesReply?> Invitees(string session, int limit);

    /// <summary>This partition's clickers of each product of the room's current line-up; null when no scheduled session runs.</summary>
    Task<LineupClicksReply?> LineupClicks(string room);

    /// <summary>
    /// The room's current line-up ranked for a viewer held here (null: not personalised) with the room's clicks per product
    /// (summed over partitions); null when no scheduled session runs.
    /// </summary>
    Task<LineupRankingReply?> RankLineup(ulong? profile, string room, Immutable<Dictionary<string, long>> clicks, int limit);

    /// <summary>A scheduled session's line-up ranked for a viewer held here at a time (offline evaluation); null when it is not scheduled.</summary>
    Task<LineupRankingReply?> RankSession(ulong? profile, string session, Immutable<Dictionary<string, long>> clicks, long atMs, int limit);

    /// <summary>This partition's co-views and co-purchases over the last <paramref name="sinceDays"/> days, for the item-to-item model.</summary>
    [ResponseTimeout("00:10:00")]
    Task<CoOccurrencesReply> CoOccurrences(int sinceDays);

    /// <summary>Sets the item-to-item model the ranking reads.</summary>
    Task SetItemNeighbors(Immutable<ItemNeighborsReply> neighbors);

    /// <summary>One profile's repurchase cycles per category (soonest expected first); null when it is not here.</summary>
    Task<RepurchaseCycleReply[]?> RepurchaseCycles(ulong profile);

    /// <summary>The model scores of one profile (model name → score); null when it is not here.</summary>
    Task<Dictionary<string, float>?> ModelScores(ulong profile);

    /// <summary>The local day of this partition's event-time clock; null before its first event.</summary>
    Task<int?> Today();

    /// <summary>One profile's repeat buying at this partition's today; null when it is not here.</summary>
    Task<RepeatBuyersReply?> RepeatBuyingOf(ulong profile);

    /// <summary>The churn classifier's examples at the end of local <paramref name="day"/>, with their labels when asked for.</summary>
    [ResponseTimeout("00:10:00")]
    Task<ChurnExamplesReply> ChurnExamples(int day, bool labelled);

    /// <summary>Sets a model's score of the profiles held here; returns how many were.</summary>
    [ResponseTimeout("00:10:00")]
    Task<int> SetModelScores(string model, Immutable<ulong[]> profiles, Immutable<float[]> scores);

    /// <summary>Marks <paramref name="lsn"/> applied (the dispatcher has drained) and writes a checkpoint at it.</summary>
    /// <remarks>
    /// Not bound by Orleans' default 30 s response timeout: writing millions of profiles takes longer (about 5 s for
    /// 250,000 on this project's machine), and a caller that gave up would lose the checkpoint (the final one, on stop).
    /// </remarks>
    [ResponseTimeout("01:00:00")]
    Task Checkpoint(long lsn);

    /// <remarks>The first call activates the grain, which loads its checkpoint: as long as writing it, so the same timeout.</remarks>
    [ResponseTimeout("01:00:00")]
    Task<PartitionStats> Stats();
}

[GenerateSerializer, Immutable]
public sealed record PartitionStats([property: Id(0)] int Partition, [property: Id(1)] int Profiles, [property: Id(2)] long AppliedLsn,
    [property: Id(3)] int OpenVisits, [property: Id(4)] int Products);

/// <summary>
/// Buyers' repeat buying in days since each one's first purchase, as parallel arrays (millions of rows cross the silo
/// boundary cheaply this way), and the partition's today (null before its first event).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RepeatBuyersReply([property: Id(0)] ulong[] Profiles, [property: Id(1)] int[] RepeatDays, [property: Id(2)] int[] RecencyDays,
    [property: Id(3)] int[] AgeDays, [property: Id(4)] double[] RepeatSpend, [property: Id(5)] int? Today, [property: Id(6)] int CutoffDay)
{
    public static RepeatBuyersReply From(IReadOnlyList<(ulong Profile, LiveProfile.Engine.Features.RepeatBuying Buying)> buyers, int? today, int cutoffDay) =>
        new([.. buyers.Select(b => b.Profile)], [.. buyers.Select(b => b.Buying.RepeatDays)], [.. buyers.Select(b => b.Buying.RecencyDays)],
            [.. buyers.Select(b => b.Buying.AgeDays)], [.. buyers.Select(b => b.Buying.RepeatSpend)], today, cutoffDay);
}

/// <summary>A partition's best invitees, best first, and how many candidates the bitmaps let through.</summary>
[GenerateSerializer, Immutable]
public sealed record InviteesReply([property: Id(0)] ulong[] Profiles, [property: Id(1)] double[] Scores, [property: Id(2)] double[] Attend,
    [property: Id(3)] double[] Buy, [property: Id(4)] string[][] Reasons, [property: Id(5)] int Scored);

[GenerateSerializer, Immutable]
public sealed record LineupClicksReply([property: Id(0)] string Session, [property: Id(1)] string[] Products, [property: Id(2)] long[] Clicks);

[GenerateSerializer, Immutable]
public sealed record LineupRankingReply([property: Id(0)] string Session, [property: Id(1)] bool Personalised, [property: Id(2)] int LineupSize,
    [property: Id(3)] RankedProductReply[] Products);

[GenerateSerializer, Immutable]
public sealed record RankedProductReply([property: Id(0)] string Product, [property: Id(1)] string Title, [property: Id(2)] double Score,
    [property: Id(3)] RankReasonReply[] Reasons);

[GenerateSerializer, Immutable]
public sealed record RankReasonReply([property: Id(0)] string Kind, [property: Id(1)] string Detail, [property: Id(2)] double Contribution);

/// <summary>A partition's co-views and co-purchases.</summary>
[GenerateSerializer, Immutable]
public sealed record CoOccurrencesReply([property: Id(0)] PairCountsReply Views, [property: Id(1)] PairCountsReply Purchases)
{
    public static CoOccurrencesReply From(CoOccurrences counts) => new(PairCountsReply.From(counts.Views), PairCountsReply.From(counts.Purchases));

    public CoOccurrences ToCounts()
    {
        var counts = new CoOccurrences();
        Views.AddTo(counts.Views);
        Purchases.AddTo(counts.Purchases);
        return counts;
    }
}

/// <summary>One signal's counts as parallel arrays: profiles per product, and pairs (A &lt; B) with their counts.</summary>
[GenerateSerializer, Immutable]
public sealed record PairCountsReply([property: Id(0)] string[] Products, [property: Id(1)] long[] Counts, [property: Id(2)] string[] PairA,
    [property: Id(3)] string[] PairB, [property: Id(4)] long[] PairCounts)
{
    public static PairCountsReply From(PairCounts counts) => new([.. counts.Products.Keys], [.. counts.Products.Values],
        [.. counts.Pairs.Keys.Select(p => p.A)], [.. counts.Pairs.Keys.Select(p => p.B)], [.. counts.Pairs.Values]);

    public void AddTo(PairCounts counts)
    {
        for (var i = 0; i < Products.Length; i++) counts.Count(Products[i], Counts[i]);
        for (var i = 0; i < PairA.Length; i++) counts.CountPair(PairA[i], PairB[i], PairCounts[i]);
    }
}

/// <summary>The item-to-item model: each product's neighbours and their weights, strongest first; products' popularity.</summary>
[GenerateSerializer, Immutable]
public sealed record ItemNeighborsReply([property: Id(0)] string[] Products, [property: Id(1)] string[][] Neighbors, [property: Id(2)] float[][] Weights,
    [property: Id(3)] string[] Popular, [property: Id(4)] float[] Popularity);

/// <summary>A category's repurchase cycle: local days since the epoch of the last order and of the one expected.</summary>
[GenerateSerializer, Immutable]
public sealed record RepurchaseCycleReply([property: Id(0)] string Category, [property: Id(1)] int OrderDays, [property: Id(2)] int LastDay,
    [property: Id(3)] double MedianGapDays, [property: Id(4)] int ExpectedDay);

[GenerateSerializer, Immutable]
public sealed record ViewerFactsReply([property: Id(0)] string[] Tags, [property: Id(1)] bool Personalization, [property: Id(2)] string? OnScreen,
    [property: Id(3)] string? OnScreenCategory, [property: Id(4)] int CategoryOrders, [property: Id(5)] bool ReturningToRoom);

/// <summary>Churn examples: profiles, their features row after row (<c>ChurnFeatures.Names</c>), labels when asked for.</summary>
[GenerateSerializer, Immutable]
public sealed record ChurnExamplesReply([property: Id(0)] ulong[] Profiles, [property: Id(1)] float[] Features, [property: Id(2)] bool[]? Churned);

[GenerateSerializer, Immutable]
public sealed record SegmentSliceReply([property: Id(0)] long Count, [property: Id(1)] ulong[] Sample);

[GenerateSerializer, Immutable]
public sealed record RoomSliceReply([property: Id(0)] int Viewers, [property: Id(1)] int NewViewers,
    [property: Id(2)] Dictionary<string, int> Tags, [property: Id(3)] Dictionary<string, int> Families,
    [property: Id(4)] FunnelRowReply[] Funnel, [property: Id(5)] string? OnScreen, [property: Id(6)] int? SegmentViewers,
    [property: Id(7)] long DwellSeconds);

/// <summary>People at each stage of one product's funnel in a partition.</summary>
[GenerateSerializer, Immutable]
public sealed record FunnelRowReply([property: Id(0)] string Product, [property: Id(1)] string Title, [property: Id(2)] long OnScreen,
    [property: Id(3)] long Clicked, [property: Id(4)] long Carted, [property: Id(5)] long Ordered);

/// <summary><see cref="Next"/>: the ordinal to continue from, -1 after the last page.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentPageReply([property: Id(0)] ulong[] Members, [property: Id(1)] int Next);
