using LiveProfile.Engine.Tags;

namespace LiveProfile.Server.Http;

/// <summary>
/// Which tag changes a <c>GET /v1/changes</c> reader wants: tags by exact id or by prefix (an id
/// ending in ':' or '*', e.g. <c>interest:</c>), kinds, one profile. Empty parts match everything.
/// </summary>
internal sealed class ChangeFilter
{
    private static readonly Dictionary<string, TagChangeKind> Kinds = new(StringComparer.Ordinal)
    {
        ["added"] = TagChangeKind.Added,
        ["removed"] = TagChangeKind.Removed,
        ["weight_changed"] = TagChangeKind.WeightChanged,
        ["interest_shift"] = TagChangeKind.InterestShift,
        ["segment_entered"] = TagChangeKind.SegmentEntered,
        ["segment_left"] = TagChangeKind.SegmentLeft,
        ["merged"] = TagChangeKind.Merged,
        ["unmerged"] = TagChangeKind.Unmerged,
    };

    private readonly HashSet<string> _tags = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];
    private readonly HashSet<TagChangeKind> _kinds = [];
    private ulong? _profile;

    /// <summary>The wire name of a kind: snake_case, as <c>kind=</c> takes it.</summary>
    public static string KindName(TagChangeKind kind) => kind switch
    {
        TagChangeKind.Added => "added",
        TagChangeKind.Removed => "removed",
        TagChangeKind.WeightChanged => "weight_changed",
        TagChangeKind.InterestShift => "interest_shift",
        TagChangeKind.SegmentEntered => "segment_entered",
        TagChangeKind.Merged => "merged",
        TagChangeKind.Unmerged => "unmerged",
        _ => "segment_left",
    };

    /// <summary>The filter, or the problem (400) that the first invalid value gives.</summary>
    public static ChangeFilter? TryCreate(IEnumerable<string?> tags, IEnumerable<string?> kinds, out IResult? problem)
    {
        problem = null;
        var filter = new ChangeFilter();
        foreach (var tag in tags)
        {
            var t = tag?.Trim();
            if (string.IsNullOrEmpty(t) || t == "*")
            {
                problem = Problems.Of(400, "invalid_tag", "tag= is a tag id, or a prefix ending in ':' or '*' (interest:, potential:*)");
                return null;
            }
            if (t.EndsWith('*')) filter._prefixes.Add(t[..^1]);
            else if (t.EndsWith(':')) filter._prefixes.Add(t);
            else filter._tags.Add(t);
        }
        foreach (var kind in kinds)
        {
            if (kind is null || !Kinds.TryGetValue(kind.Trim().ToLowerInvariant(), out var k))
            {
                problem = Problems.Of(400, "invalid_kind", $"kind= is one of {string.Join(", ", Kinds.Keys)}");
                return null;
            }
            filter._kinds.Add(k);
        }
        return filter;
    }

    /// <summary>Only changes of this canonical profile.</summary>
    public void OnlyProfile(ulong profile) => _profile = profile;

    public bool Matches(TagChange change)
    {
        if (_profile is { } p && change.Profile != p) return false;
        if (_kinds.Count > 0 && !_kinds.Contains(change.Kind)) return false;
        if (_tags.Count == 0 && _prefixes.Count == 0) return true;
        if (_tags.Contains(change.Tag)) return true;
        foreach (var prefix in _prefixes) if (change.Tag.StartsWith(prefix, StringComparison.Ordinal)) return true;
        return false;
    }
}
