using Roaring.Net.CRoaring;

namespace LiveProfile.Engine.Segments;

/// <summary>
/// Evaluates a segment over one partition's <see cref="TagBitmaps"/> by bitmap algebra. An <c>and</c> starts from its
/// most selective operand (by bitmap cardinality) and narrows it, negated operands last as and-not; <c>not</c> alone is
/// the live profiles minus its operand. Tag bitmaps are read in place; only the result is allocated.
/// </summary>
public static class SegmentEvaluator
{
    /// <summary>An <c>and</c> whose every tag is carried by one profile in this many or more is counted on bitsets.</summary>
    internal const int DenseShare = 32;

    /// <summary>The number of profiles in the segment.</summary>
    public static long Count(SegmentNode node, TagBitmaps bitmaps) => Count(node, bitmaps, denseCopies: true);

    /// <param name="denseCopies">False to intersect Roaring bitmaps only (benchmarks compare the two).</param>
    internal static long Count(SegmentNode node, TagBitmaps bitmaps, bool denseCopies)
    {
        switch (node)
        {
            case TagTerm term:
                return bitmaps.Count(term.Tag);
            case AndNode conjunction when conjunction.Operands.Any(o => o is TagTerm) && conjunction.Operands.All(o => o is TagTerm or NotNode { Operand: TagTerm }):
                return CountTagIntersection(conjunction, bitmaps, denseCopies);
            default:
                using (var members = Evaluate(node, bitmaps)) return (long)members.Count;
        }
    }

    /// <summary>
    /// An <c>and</c> of tags and negated tags. When even its rarest tag is carried by at least one profile in
    /// <see cref="DenseShare"/>, every operand's bitset is streamed once (<see cref="DenseIntersection"/>): with members
    /// that common, Roaring's containers are as large as bitsets and intersecting them one pair at a time costs more.
    /// Otherwise the rarest tag's bitmap is narrowed by the others (negated last) without copying any tag's bitmap,
    /// materialising only what a further step reads; the last step only counts.
    /// </summary>
    private static long CountTagIntersection(AndNode and, TagBitmaps bitmaps, bool denseCopies)
    {
        var positive = new List<(string Tag, Roaring32Bitmap Members)>();
        foreach (var term in and.Operands.OfType<TagTerm>())
        {
            if (bitmaps.Of(term.Tag) is not { } members) return 0; // no one carries it
            positive.Add((term.Tag, members));
        }
        positive.Sort((x, y) => x.Members.Count.CompareTo(y.Members.Count));
        var negated = and.Operands.OfType<NotNode>().Select(n => ((TagTerm)n.Operand).Tag).ToList();
        if (denseCopies && (long)positive[0].Members.Count * DenseShare >= bitmaps.ProfileCount)
        {
            ulong[][] all = [.. positive.Select(p => bitmaps.DenseOf(p.Tag)!)];
            var words = all.Min(bits => bits.Length);
            return DenseIntersection.Count(all, [.. negated.Select(tag => bitmaps.DenseOf(tag, words)).OfType<ulong[]>()]);
        }
        var steps = positive.Skip(1).Select(p => (Bitmap: p.Members, Not: false))
            .Concat(negated.Select(bitmaps.Of).OfType<Roaring32Bitmap>().Select(b => (Bitmap: b, Not: true)))
            .ToList();
        Roaring32Bitmap? narrowed = null;
        try
        {
            var current = positive[0].Members;
            for (var i = 0; i < steps.Count; i++)
            {
                var (other, not) = steps[i];
                if (i == steps.Count - 1) return (long)(not ? current.AndNotCount(other) : current.AndCount(other));
                if (narrowed is null) current = narrowed = not ? current.AndNot(other) : current.And(other);
                else if (not) narrowed.IAndNot(other);
                else narrowed.IAnd(other);
                if (narrowed.IsEmpty) return 0;
            }
            return (long)current.Count;
        }
        finally
        {
            narrowed?.Dispose();
        }
    }

    /// <summary>The profile ordinals in the segment; the caller owns (and disposes) the bitmap.</summary>
    public static Roaring32Bitmap Evaluate(SegmentNode node, TagBitmaps bitmaps) => node switch
    {
        TagTerm term => bitmaps.Of(term.Tag)?.Clone() ?? new Roaring32Bitmap(),
        AnyTagTerm any => Union(any.Expanded.Select(t => bitmaps.Of(t)).OfType<Roaring32Bitmap>().ToArray()),
        NotNode not => Intersect([not], bitmaps),
        AndNode and => Intersect(and.Operands, bitmaps),
        OrNode or => UnionOf(or.Operands, bitmaps),
        _ => throw new ArgumentException($"unknown segment node {node.GetType().Name}", nameof(node)),
    };

    /// <summary>Estimated members, to order an <c>and</c>: exact for tags, an upper bound otherwise.</summary>
    internal static long Estimate(SegmentNode node, TagBitmaps bitmaps) => node switch
    {
        TagTerm term => bitmaps.Count(term.Tag),
        AnyTagTerm any => Math.Min(bitmaps.ProfileCount, any.Expanded.Sum(bitmaps.Count)),
        NotNode not => Math.Max(0, bitmaps.ProfileCount - (not.Operand is TagTerm t ? bitmaps.Count(t.Tag) : 0)),
        AndNode and => and.Operands.Min(o => Estimate(o, bitmaps)),
        OrNode or => Math.Min(bitmaps.ProfileCount, or.Operands.Sum(o => Estimate(o, bitmaps))),
        _ => bitmaps.ProfileCount,
    };

    private static Roaring32Bitmap Intersect(IReadOnlyList<SegmentNode> operands, TagBitmaps bitmaps)
    {
        var positive = operands.Where(o => o is not NotNode).OrderBy(o => Estimate(o, bitmaps)).ToList();
        var negative = operands.OfType<NotNode>().Select(n => n.Operand).ToList();
        var result = positive.Count > 0 ? Evaluate(positive[0], bitmaps) : bitmaps.Live.Clone();
        foreach (var operand in positive.Skip(1))
        {
            if (result.IsEmpty) return result;
            Fold(result, operand, bitmaps, Combine.And);
        }
        foreach (var operand in negative)
        {
            if (result.IsEmpty) return result;
            Fold(result, operand, bitmaps, Combine.AndNot);
        }
        return result;
    }

    private static Roaring32Bitmap UnionOf(IReadOnlyList<SegmentNode> operands, TagBitmaps bitmaps)
    {
        var result = new Roaring32Bitmap();
        foreach (var operand in operands) Fold(result, operand, bitmaps, Combine.Or);
        return result;
    }

    private enum Combine { And, AndNot, Or }

    /// <summary>Combines <paramref name="operand"/> into <paramref name="result"/> in place; a tag's bitmap is read, not copied.</summary>
    private static void Fold(Roaring32Bitmap result, SegmentNode operand, TagBitmaps bitmaps, Combine combine)
    {
        if (operand is TagTerm term)
        {
            if (bitmaps.Of(term.Tag) is { } members) Apply(result, members, combine);
            else if (combine == Combine.And) result.Clear(); // no one carries the tag
            return;
        }
        using var evaluated = Evaluate(operand, bitmaps);
        Apply(result, evaluated, combine);
    }

    private static void Apply(Roaring32Bitmap result, Roaring32Bitmap other, Combine combine)
    {
        switch (combine)
        {
            case Combine.And: result.IAnd(other); break;
            case Combine.AndNot: result.IAndNot(other); break;
            default: result.IOr(other); break;
        }
    }

    private static Roaring32Bitmap Union(Roaring32Bitmap[] bitmaps) =>
        bitmaps.Length switch
        {
            0 => new Roaring32Bitmap(),
            1 => bitmaps[0].Clone(),
            _ => bitmaps[0].OrMany(bitmaps[1..]),
        };

    /// <summary>Whether a profile carrying the tags <paramref name="has"/> answers true for is in the segment.</summary>
    public static bool Matches(SegmentNode node, Func<string, bool> has) => node switch
    {
        TagTerm term => has(term.Tag),
        AnyTagTerm any => any.Expanded.Any(has),
        NotNode not => !Matches(not.Operand, has),
        AndNode and => and.Operands.All(o => Matches(o, has)),
        OrNode or => or.Operands.Any(o => Matches(o, has)),
        _ => throw new ArgumentException($"unknown segment node {node.GetType().Name}", nameof(node)),
    };
}
