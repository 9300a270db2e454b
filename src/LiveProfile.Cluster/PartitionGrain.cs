using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Views;
using Orleans.Concurrency;
using Orleans.Configuration;

namespace LiveProfile.Cluster;

/// <summary>Hosts one <see cref="PartitionEngine"/>: single-threaded by Orleans' turn-based scheduling, always active.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class PartitionGrain(IPartitionStateStore store, EngineOptions options, LiveProfile.Engine.Tags.TagRuntime tags, PartitionCounts counts)
    : Grain, IPartitionGrain
{
    private PartitionEngine _engine = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var partition = (int)this.GetPrimaryKeyLong();
        _engine = store.Load(partition, options, tags) ?? new PartitionEngine(partition, options, tags);
        counts.Report(partition, _engine.ProfileCount);
        return Task.CompletedTask;
    }

    public Task Apply(Immutable<IReadOnlyList<PartitionCommand>> batch, long watermarkMs)
    {
        _engine.Apply(batch.Value, watermarkMs);
        counts.Report(_engine.PartitionId, _engine.ProfileCount);
        return Task.CompletedTask;
    }

    public Task<byte[]?> Extract(ulong profile, long lsn)
    {
        var state = _engine.Extract(profile, lsn);
        counts.Report(_engine.PartitionId, _engine.ProfileCount);
        return Task.FromResult(state);
    }

    public Task Absorb(ulong target, byte[] state, long lsn)
    {
        _engine.Absorb(target, state, lsn);
        counts.Report(_engine.PartitionId, _engine.ProfileCount);
        return Task.CompletedTask;
    }

    public Task<Immutable<ProfileSummary?>> GetProfile(ulong profile, Immutable<IReadOnlyList<Pseudonym>> identifiers)
    {
        var found = _engine.Find(profile);
        var summary = found is null ? null : ProfileSummaryBuilder.Build(_engine, found, identifiers.Value);
        return Task.FromResult(new Immutable<ProfileSummary?>(summary));
    }

    public Task<ExplainReply> Explain(ulong profile, string tag)
    {
        if (_engine.Find(profile) is null) return Task.FromResult(new ExplainReply(ExplainStatus.ProfileNotFound, null));
        var reply = _engine.Explain(profile, tag) is { } explanation
            ? new ExplainReply(ExplainStatus.Explained, TagExplanationDto.From(explanation, _engine.Taxonomy))
            : new ExplainReply(ExplainStatus.TagNotFound, null);
        return Task.FromResult(reply);
    }

    public Task<SegmentSliceReply> QuerySegment(string expression, int sample)
    {
        var slice = _engine.QuerySegment(SegmentParser.Parse(expression, new TaxonomyVocabulary(_engine.Taxonomy, acceptUnknown: true)), sample);
        return Task.FromResult(new SegmentSliceReply(slice.Count, slice.Sample));
    }

    public Task<long?> SavedSegmentCount(string name) => Task.FromResult(_engine.SavedSegmentCount(name));

    public Task<SegmentPageReply> SegmentMembers(string expression, int fromOrdinal, int limit)
    {
        var page = _engine.SegmentMembers(SegmentParser.Parse(expression, new TaxonomyVocabulary(_engine.Taxonomy, acceptUnknown: true)), fromOrdinal, limit);
        return Task.FromResult(new SegmentPageReply(page.Members, page.Next));
    }

    public Task<Dictionary<string, int>> LiveRooms() => Task.FromResult(_engine.LiveRooms());

    public Task<RoomSliceReply> RoomAudience(string room, string? segment)
    {
        var node = segment is null ? null : SegmentParser.Parse(segment, new TaxonomyVocabulary(_engine.Taxonomy, acceptUnknown: true));
        var slice = _engine.Audience(room, node);
        var funnel = slice.Funnel.Select(f => new FunnelRowReply(f.Product, f.Title, f.Counts.OnScreen, f.Counts.Clicked, f.Counts.Carted, f.Counts.Ordered))
            .ToArray();
        return Task.FromResult(new RoomSliceReply(slice.Viewers, slice.NewViewers, new(slice.Tags), new(slice.Families), funnel, slice.OnScreen,
            slice.SegmentViewers, slice.DwellSeconds));
    }

    public Task Checkpoint(long lsn)
    {
        _engine.MarkApplied(lsn);
        store.Save(_engine, lsn);
        return Task.CompletedTask;
    }

    public Task<PartitionStats> Stats() =>
        Task.FromResult(new PartitionStats(_engine.PartitionId, _engine.ProfileCount, _engine.AppliedLsn, _engine.OpenVisitCount, _engine.World.ProductCount));

    public Task<RepeatBuyersReply> RepeatBuyers(int? cutoffDay)
    {
        var day = cutoffDay ?? _engine.Today;
        if (day is not { } cutoff) return Task.FromResult(RepeatBuyersReply.From([], null, 0));
        return Task.FromResult(RepeatBuyersReply.From(_engine.RepeatBuyers(cutoff), _engine.Today, cutoff));
    }

    public Task<int?> Today() => Task.FromResult(_engine.Today);

    public Task<InviteesReply?> Invitees(string session, int limit)
    {
        if (_engine.Invitees(session, limit, out var scored) is not { } top) return Task.FromResult<InviteesReply?>(null);
        return Task.FromResult<InviteesReply?>(new InviteesReply([.. top.Select(i => i.Profile)], [.. top.Select(i => i.Score)], [.. top.Select(i => i.Attend)],
            [.. top.Select(i => i.Buy)], [.. top.Select(i => i.Reasons.ToArray())], scored));
    }

    public Task<LineupClicksReply?> LineupClicks(string room) =>
        Task.FromResult(_engine.LineupClicks(room) is var (session, products, clicks) ? new LineupClicksReply(session, products, clicks) : null);

    public Task<LineupRankingReply?> RankLineup(ulong? profile, string room, Immutable<Dictionary<string, long>> clicks, int limit) =>
        Task.FromResult(Reply(_engine.RankLineup(profile, room, clicks.Value, limit)));

    public Task<LineupRankingReply?> RankSession(ulong? profile, string session, Immutable<Dictionary<string, long>> clicks, long atMs, int limit) =>
        Task.FromResult(Reply(_engine.RankSession(profile, session, clicks.Value, atMs, limit)));

    private static LineupRankingReply? Reply(LineupRanking? ranking) => ranking is null ? null : new LineupRankingReply(ranking.Session, ranking.Personalised,
        ranking.LineupSize, [.. ranking.Products.Select(p => new RankedProductReply(p.Product, p.Title, p.Score,
            [.. p.Reasons.Select(r => new RankReasonReply(r.Kind, r.Detail, r.Contribution))]))]);

    public Task<CoOccurrencesReply> CoOccurrences(int sinceDays) => Task.FromResult(CoOccurrencesReply.From(_engine.CoOccurrences(sinceDays)));

    public Task SetItemNeighbors(Immutable<ItemNeighborsReply> neighbors)
    {
        var n = neighbors.Value;
        var map = new Dictionary<string, (string, float)[]>(n.Products.Length, StringComparer.Ordinal);
        for (var i = 0; i < n.Products.Length; i++) map[n.Products[i]] = [.. n.Neighbors[i].Zip(n.Weights[i])];
        var popularity = new Dictionary<string, float>(n.Popular.Length, StringComparer.Ordinal);
        for (var i = 0; i < n.Popular.Length; i++) popularity[n.Popular[i]] = n.Popularity[i];
        _engine.ItemNeighbors = new LiveProfile.Engine.Ranking.ItemNeighbors(map, popularity);
        return Task.CompletedTask;
    }

    public Task<ViewerFactsReply?> ViewerFacts(ulong profile, string room) =>
        Task.FromResult(_engine.ViewerFactsOf(profile, room) is { } f
            ? new ViewerFactsReply(f.Tags, f.Personalization, f.OnScreen, f.OnScreenCategory, f.CategoryOrders, f.ReturningToRoom)
            : null);

    public Task<RepurchaseCycleReply[]?> RepurchaseCycles(ulong profile) =>
        Task.FromResult(_engine.RepurchaseCyclesOf(profile)?.Select(c => new RepurchaseCycleReply(c.Category, c.Cycle.OrderDays, c.Cycle.LastDay,
            c.Cycle.MedianGapDays, c.Cycle.ExpectedDay)).ToArray());

    public Task<Dictionary<string, float>?> ModelScores(ulong profile) => Task.FromResult(_engine.ModelScoresOf(profile));

    public Task<RepeatBuyersReply?> RepeatBuyingOf(ulong profile)
    {
        if (_engine.Find(profile) is not { } found || _engine.Today is not { } today) return Task.FromResult<RepeatBuyersReply?>(null);
        var buying = found.RepeatBuyingAt(today);
        return Task.FromResult<RepeatBuyersReply?>(RepeatBuyersReply.From(buying is { } b ? [(profile, b)] : [], today, today));
    }

    public Task<ChurnExamplesReply> ChurnExamples(int day, bool labelled)
    {
        var examples = _engine.ChurnExamplesAt(day, labelled);
        return Task.FromResult(new ChurnExamplesReply(examples.Profiles, examples.Features, examples.Churned));
    }

    public Task<int> SetModelScores(string model, Immutable<ulong[]> profiles, Immutable<float[]> scores) =>
        Task.FromResult(_engine.SetModelScores(model, profiles.Value, scores.Value));
}
