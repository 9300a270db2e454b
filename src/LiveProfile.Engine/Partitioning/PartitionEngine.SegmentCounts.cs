using LiveProfile.Engine.Features;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Member counts of the saved segments, kept by counters so that a saved segment's size is read, not computed (counting
/// a 4-tag segment over 100M profiles reads 50 MB of bitsets, about 3 ms at this machine's memory bandwidth). A segment
/// is counted from the bitmaps the first time its size is asked for, exact at that moment; from then on every change
/// that can move a profile in or out moves its counter: tag changes, profiles arriving (created, absorbed) and leaving
/// (merged away, erased). A checkpoint does not carry the counters: the first question after loading counts again.
/// </summary>
public sealed partial class PartitionEngine
{
    private readonly Dictionary<SavedSegment, long> _savedCounts = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyList<SavedSegment>? _savedCountsFor;

    /// <summary>The members of the saved segment named <paramref name="name"/> in this partition; null when none is saved so.</summary>
    public long? SavedSegmentCount(string name)
    {
        var saved = _tagRuntime.SavedSegments;
        if (!ReferenceEquals(saved, _savedCountsFor))
        {
            // Forget the counters of segments deleted or saved again since (a new definition is a new object).
            foreach (var gone in _savedCounts.Keys.Where(s => !saved.Contains(s)).ToList()) _savedCounts.Remove(gone);
            _savedCountsFor = saved;
        }
        if (saved.FirstOrDefault(s => s.Name == name) is not { } segment) return null;
        if (!_savedCounts.TryGetValue(segment, out var count)) _savedCounts[segment] = count = SegmentEvaluator.Count(segment.Node, Bitmaps);
        return count;
    }

    /// <summary>A profile entered (+1) or left (-1) a saved segment; nothing to do until the segment is counted.</summary>
    private void MoveSavedCount(SavedSegment segment, int delta)
    {
        if (_savedCounts.Count == 0) return;
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_savedCounts, segment);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count)) count += delta;
    }

    /// <summary>
    /// A profile arrived with the tags it holds (created, or the target of a merge): it is in the saved segments those tags
    /// satisfy (a new profile is in <c>not churn_risk</c>), published when <paramref name="publish"/> (not when loading).
    /// </summary>
    private void SavedSegmentsOnArrival(Profile profile, bool publish)
    {
        var sink = publish ? _tagRuntime.Sink : null;
        if (sink is null && _savedCounts.Count == 0) return;
        foreach (var segment in _tagRuntime.SavedSegments)
        {
            if (!Satisfies(profile, segment)) continue;
            MoveSavedCount(segment, +1);
            sink?.Publish(new TagChange(profile.Id, segment.ChangeTag, TagChangeKind.SegmentEntered, 0, 0, NowFor(profile), _taxonomy.Version));
        }
    }

    /// <summary>A profile left the partition with the tags it holds: it is no longer in the saved segments they satisfy.</summary>
    private void SavedSegmentsOnDeparture(Profile profile)
    {
        if (_savedCounts.Count == 0) return;
        foreach (var segment in _tagRuntime.SavedSegments)
        {
            if (Satisfies(profile, segment)) MoveSavedCount(segment, -1);
        }
    }

    // A method of its own: a lambda in the callers would allocate its closure on every call, segments or not.
    private static bool Satisfies(Profile profile, SavedSegment segment) => SegmentEvaluator.Matches(segment.Node, tag => Holds(profile, tag));
}
