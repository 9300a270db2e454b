using LiveProfile.Cluster;
using LiveProfile.Engine.Tags.Taxonomy;
using LiveProfile.Server.Http;

namespace LiveProfile.Server.Rooms;

/// <summary>
/// A live room as the streamer sees it: its audience summed over the partitions (each counts its own viewers, so the
/// sums are exact), the share of viewers per family and per tag, demand by category, and the talk-track suggestions
/// the composition triggers. Groups smaller than the minimum group size are hidden.
/// </summary>
internal sealed class RoomService(EngineRuntime runtime, TalkTrackRules talkTracks)
{
    /// <summary>Tags listed per room, the most carried first (the rest are summarised as a count).</summary>
    public const int MaxTags = 60;

    /// <summary>Rooms with viewers now, the fullest first; rooms below the minimum group size show no count.</summary>
    public async Task<LiveRoomAnswer[]> LiveAsync(int minGroupSize)
    {
        var partitions = runtime.EngineOptions.Partitions;
        var slices = await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => runtime.Partitions.Grain(p).LiveRooms())).ConfigureAwait(false);
        return [.. slices.SelectMany(s => s).GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => (Room: g.Key, Viewers: g.Sum(r => r.Value)))
            .OrderByDescending(r => r.Viewers).ThenBy(r => r.Room, StringComparer.Ordinal)
            .Select(r => new LiveRoomAnswer(r.Room, r.Viewers < minGroupSize ? null : r.Viewers))];
    }

    /// <param name="segment">A segment expression the caller validated: the funnel counts only its members.</param>
    public async Task<RoomAnswer> SnapshotAsync(string room, int minGroupSize, string? segment = null)
    {
        var partitions = runtime.EngineOptions.Partitions;
        var slices = await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => runtime.Partitions.Grain(p).RoomAudience(room, segment)))
            .ConfigureAwait(false);
        var taxonomy = runtime.Tags.Current;
        var viewers = slices.Sum(s => s.Viewers);
        var newViewers = slices.Sum(s => s.NewViewers);
        var tagCounts = Sum(slices.Select(s => s.Tags));
        var familyCounts = Sum(slices.Select(s => s.Families));
        var group = new GroupRule(viewers, minGroupSize);
        var asOf = AsOf(runtime.Pipeline.Dispatcher.WatermarkMs);
        if (viewers > 0 && viewers < minGroupSize)
        {
            // Too few to show anything about them without singling someone out.
            return new RoomAnswer(room, asOf, minGroupSize, null, null, null, null, true, [], [], 0, [], [], null, [], null);
        }
        var onScreen = slices.Select(s => s.OnScreen).FirstOrDefault(p => p is not null);
        var funnel = Funnel(slices, onScreen, group);
        var inSegment = segment is null ? null : new RoomSegmentAnswer(segment, group.Count(slices.Sum(s => s.SegmentViewers ?? 0)));

        var families = taxonomy.Families
            .Select(f => group.Share(f.Id, f.NameZh, f.NameEn, null, familyCounts.GetValueOrDefault(f.Id)))
            .ToArray();
        var shown = tagCounts.Where(t => t.Value >= minGroupSize).OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(MaxTags).ToList();
        var tags = shown.Select(t => taxonomy.Find(t.Key) is { } tag ? group.Share(tag.Id, tag.NameZh, tag.NameEn, tag.Family, t.Value)
            : group.Share(t.Key, t.Key, t.Key, null, t.Value)).ToArray();
        var demand = taxonomy.Tags.Where(t => t.Definition == "interest:$category")
            .Select(t => group.Share(t.Parameters.GetValueOrDefault("category", t.Id), t.NameZh, t.NameEn, t.Family, tagCounts.GetValueOrDefault(t.Id)))
            .Where(d => d.Viewers is > 0).OrderByDescending(d => d.Viewers).ToArray();
        double? dwell = viewers == 0 ? null : Math.Round(slices.Sum(s => s.DwellSeconds) / (double)viewers, 1);
        return new RoomAnswer(room, asOf, minGroupSize, viewers, group.Count(newViewers), group.Count(viewers - newViewers), dwell, false, families,
            tags, tagCounts.Count(t => t.Value > 0) - shown.Count, demand, Suggest(taxonomy, group, tagCounts, familyCounts, newViewers),
            onScreen, funnel, inSegment);
    }

    /// <summary>The funnel rows summed over partitions (each counts its own people), the product on screen first, then by people reached.</summary>
    private static FunnelAnswer[] Funnel(RoomSliceReply[] slices, string? onScreen, GroupRule group) =>
        [.. slices.SelectMany(s => s.Funnel).GroupBy(f => f.Product, StringComparer.Ordinal)
            .Select(g => (Row: g.First(), Seen: g.Sum(f => f.OnScreen), Clicked: g.Sum(f => f.Clicked), Carted: g.Sum(f => f.Carted),
                Ordered: g.Sum(f => f.Ordered)))
            .OrderByDescending(f => f.Row.Product == onScreen).ThenByDescending(f => f.Seen).ThenBy(f => f.Row.Product, StringComparer.Ordinal)
            .Select(f => new FunnelAnswer(f.Row.Product, f.Row.Title, f.Row.Product == onScreen, group.Count(f.Seen), group.Count(f.Clicked),
                group.Count(f.Carted), group.Count(f.Ordered),
                f.Seen >= group.MinGroupSize && group.Count(f.Ordered) is not null ? Math.Round(f.Ordered / (double)f.Seen, 4) : null))];

    private SuggestionAnswer[] Suggest(CompiledTaxonomy taxonomy, GroupRule group, Dictionary<string, int> tags, Dictionary<string, int> families,
        int newViewers)
    {
        var fired = new List<SuggestionAnswer>();
        if (group.Viewers == 0) return [];
        foreach (var rule in talkTracks.Rules)
        {
            var count = rule.Target.Kind switch
            {
                TalkTrackTargetKind.Tag => tags.GetValueOrDefault(rule.Target.Id),
                TalkTrackTargetKind.Family => families.GetValueOrDefault(rule.Target.Id),
                _ => newViewers,
            };
            var share = count / (double)group.Viewers;
            if (count < Math.Max(group.MinGroupSize, rule.MinViewers) || share < rule.MinShare) continue;
            var name = rule.Target.Kind == TalkTrackTargetKind.Tag ? taxonomy.Find(rule.Target.Id)?.NameZh : null;
            fired.Add(new SuggestionAnswer(rule.Id, rule.Zh, rule.En,
                new SuggestionFigures(rule.Target.ToString(), name, count, group.Viewers, Math.Round(share, 4), rule.MinShare)));
        }
        return [.. fired.OrderByDescending(s => s.Because.Share)];
    }

    private static Dictionary<string, int> Sum(IEnumerable<Dictionary<string, int>> slices)
    {
        var sum = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var slice in slices)
        {
            foreach (var (key, count) in slice) sum[key] = sum.GetValueOrDefault(key) + count;
        }
        return sum;
    }

    private static DateTimeOffset? AsOf(long watermarkMs) => watermarkMs == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(watermarkMs);

    /// <summary>Shares of the room's viewers, with every count below the minimum group size hidden.</summary>
    private readonly record struct GroupRule(int Viewers, int MinGroupSize)
    {
        public int? Count(int count) => count > 0 && count < MinGroupSize ? null : count;

        public long? Count(long count) => count > 0 && count < MinGroupSize ? null : count;

        public ShareAnswer Share(string id, string zh, string en, string? family, int count)
        {
            var hidden = count > 0 && count < MinGroupSize;
            return new ShareAnswer(id, zh, en, family, hidden ? null : count,
                hidden || Viewers == 0 ? null : Math.Round(count / (double)Viewers, 4), hidden ? true : null);
        }
    }
}
