using LiveProfile.Engine.Segments;

namespace LiveProfile.Engine.Partitioning;

/// <summary>Segments over this partition's tag bitmaps: counts, samples and members by page.</summary>
public sealed partial class PartitionEngine
{
    /// <summary>The segment's size here and up to <paramref name="sample"/> of its members, spread evenly over it.</summary>
    public SegmentSlice QuerySegment(SegmentNode segment, int sample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        if (sample == 0) return new SegmentSlice(SegmentEvaluator.Count(segment, Bitmaps), []);
        using var members = SegmentEvaluator.Evaluate(segment, Bitmaps);
        var count = (long)members.Count;
        var take = (int)Math.Min(sample, count);
        var ids = new ulong[take];
        for (var i = 0; i < take; i++)
        {
            if (!members.TryGetValue((uint)(i * count / take), out var ordinal)) break; // the member at that rank
            ids[i] = _byOrdinal[(int)ordinal]!.Id;
        }
        return new SegmentSlice(count, ids);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> members with ordinals from <paramref name="fromOrdinal"/> on, in ordinal order,
    /// and the ordinal to continue from (-1 at the end). Pages of one export may see tag changes between them.
    /// </summary>
    public SegmentPage SegmentMembers(SegmentNode segment, int fromOrdinal, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOrdinal);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var members = SegmentEvaluator.Evaluate(segment, Bitmaps);
        if (fromOrdinal > 0) members.RemoveRange(0, (uint)fromOrdinal - 1);
        var ids = new List<ulong>(Math.Min(limit, 65_536));
        var next = -1;
        foreach (var ordinal in members.Values)
        {
            if (ids.Count == limit)
            {
                next = (int)ordinal;
                break;
            }
            ids.Add(_byOrdinal[(int)ordinal]!.Id);
        }
        return new SegmentPage([.. ids], next);
    }
}

/// <summary>A segment's size in one partition and a sample of its members.</summary>
public sealed record SegmentSlice(long Count, ulong[] Sample);

/// <summary>A page of a segment's members in one partition; <see cref="Next"/> is -1 after the last page.</summary>
public sealed record SegmentPage(ulong[] Members, int Next);
