using CsCheck;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Engine.Tests.Segments;

/// <summary>Bitmap evaluation of segments against a brute-force evaluator over random profiles and expressions.</summary>
public sealed class SegmentAlgebraTests
{
    private static readonly string[] Vocabulary = ["seg_a", "seg_b", "seg_c", "seg_d", "seg_x:1", "seg_x:2", "seg_x:3", "seg_never"];

    internal sealed class TestVocabulary(IEnumerable<string> tags) : ISegmentVocabulary
    {
        private readonly HashSet<string> _tags = [.. tags];

        public bool Knows(string tag) => _tags.Contains(tag);

        public IReadOnlyList<string> WithPrefix(string prefix) => [.. _tags.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Order()];
    }

    private static readonly Gen<SegmentNode> Term =
        Gen.OneOf(
            Gen.Int[0, Vocabulary.Length - 1].Select(i => (SegmentNode)new TagTerm(Vocabulary[i])),
            Gen.Const((SegmentNode)new AnyTagTerm("seg_x:*", ["seg_x:1", "seg_x:2", "seg_x:3"])));

    private static Gen<SegmentNode> Expression(int depth) =>
        depth == 0
            ? Term
            : Gen.Frequency(
                (3, Term),
                (1, Expression(depth - 1).Select(n => (SegmentNode)new NotNode(n))),
                (2, Expression(depth - 1).List[2, 4].Select(ns => (SegmentNode)new AndNode(ns))),
                (2, Expression(depth - 1).List[2, 4].Select(ns => (SegmentNode)new OrNode(ns))));

    /// <summary>Profiles as tag sets; some removed again (freed ordinals must not show up).</summary>
    private static readonly Gen<(HashSet<string>[] Profiles, bool[] Removed)> Population =
        Gen.Int[0, (1 << Vocabulary.Length - 1) - 1].Array[0, 300].SelectMany(masks =>
            Gen.Bool.Array[masks.Length].Select(removed =>
                (masks.Select(m => Vocabulary.Where((_, i) => (m >> i & 1) != 0).ToHashSet()).ToArray(), removed)));

    private static TagBitmaps Build(HashSet<string>[] profiles, bool[] removed)
    {
        var bitmaps = new TagBitmaps();
        for (var ordinal = 0; ordinal < profiles.Length; ordinal++)
        {
            bitmaps.AddProfile(ordinal);
            foreach (var tag in profiles[ordinal]) bitmaps.Set(TagKeys.Intern(tag), ordinal);
        }
        for (var ordinal = 0; ordinal < profiles.Length; ordinal++)
        {
            if (!removed[ordinal]) continue;
            var held = profiles[ordinal].Select(t => new ProfileTag(TagKeys.Intern(t), 1, 0, TagSource.Rule)).ToArray();
            bitmaps.RemoveProfile(ordinal, held);
        }
        return bitmaps;
    }

    private static List<uint> BruteForce(SegmentNode node, HashSet<string>[] profiles, bool[] removed) =>
        [.. Enumerable.Range(0, profiles.Length).Where(o => !removed[o] && SegmentEvaluator.Matches(node, profiles[o].Contains)).Select(o => (uint)o)];

    [Fact]
    public void Evaluate_RandomExpressionsAndProfiles_SameMembersAsBruteForce()
    {
        foreach (var tag in Vocabulary) TagKeys.Intern(tag);
        Gen.Select(Population, Expression(3)).Sample((population, expression) =>
        {
            using var bitmaps = Build(population.Profiles, population.Removed);
            var expected = BruteForce(expression, population.Profiles, population.Removed);
            using var members = SegmentEvaluator.Evaluate(expression, bitmaps);
            Assert.Equal(expected, members.Values.ToList());
            Assert.Equal(expected.Count, SegmentEvaluator.Count(expression, bitmaps));
        }, iter: 500);
    }

    [Fact]
    public void Parse_PrintedExpression_EvaluatesTheSame()
    {
        foreach (var tag in Vocabulary) TagKeys.Intern(tag);
        var vocabulary = new TestVocabulary(Vocabulary);
        Gen.Select(Population, Expression(3)).Sample((population, expression) =>
        {
            using var bitmaps = Build(population.Profiles, population.Removed);
            var reparsed = SegmentParser.Parse(expression.ToString()!, vocabulary);
            using var a = SegmentEvaluator.Evaluate(expression, bitmaps);
            using var b = SegmentEvaluator.Evaluate(reparsed, bitmaps);
            Assert.Equal(a.Values.ToList(), b.Values.ToList());
        }, iter: 300);
    }
}
