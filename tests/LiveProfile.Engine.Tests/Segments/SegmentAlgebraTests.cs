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

    /// <summary>
    /// Dense counts read bitset copies made by an earlier count: tag changes and removals after that must reach them.
    /// Common tags (about half the profiles each) so that conjunctions take the dense path.
    /// </summary>
    [Fact]
    public void Count_ChangesAfterADenseCount_StillMatchBruteForce()
    {
        foreach (var tag in Vocabulary) TagKeys.Intern(tag);
        var conjunction = Gen.Int[0, 3].Select(i => (SegmentNode)new TagTerm(Vocabulary[i]))
            .Select(Gen.Bool, (term, negated) => negated ? new NotNode(term) : term)
            .List[2, 4]
            .Where(ops => ops.Any(o => o is TagTerm))
            .Select(ops => (SegmentNode)new AndNode(ops));
        var change = Gen.Select(Gen.Int[0, 399], Gen.Int[0, 3], Gen.Int[0, 2]); // profile, tag, set / clear / remove profile
        Gen.Select(Population, conjunction, change.Array[1, 200]).Sample((population, expression, changes) =>
        {
            var (profiles, removed) = population;
            profiles = [.. profiles.Select(p => p.ToHashSet()), .. Enumerable.Range(0, 400 - profiles.Length).Select(_ => new HashSet<string>())];
            removed = [.. removed, .. Enumerable.Repeat(true, 400 - removed.Length)];
            using var bitmaps = Build(profiles, removed);
            for (var o = 0; o < profiles.Length; o++) if (removed[o]) profiles[o].Clear(); // as the bitmaps forgot them
            Assert.Equal(BruteForce(expression, profiles, removed).Count, SegmentEvaluator.Count(expression, bitmaps));
            foreach (var (ordinal, tagIndex, kind) in changes)
            {
                var tag = Vocabulary[tagIndex];
                if (kind == 2)
                {
                    if (removed[ordinal]) continue;
                    bitmaps.RemoveProfile(ordinal, [.. profiles[ordinal].Select(t => new ProfileTag(TagKeys.Intern(t), 1, 0, TagSource.Rule))]);
                    removed[ordinal] = true;
                    profiles[ordinal].Clear();
                    continue;
                }
                if (removed[ordinal]) // a new profile takes the freed ordinal
                {
                    bitmaps.AddProfile(ordinal);
                    removed[ordinal] = false;
                }
                if (kind == 0 && profiles[ordinal].Add(tag)) bitmaps.Set(TagKeys.Intern(tag), ordinal);
                if (kind == 1 && profiles[ordinal].Remove(tag)) bitmaps.Clear(TagKeys.Intern(tag), ordinal);
            }
            Assert.Equal(BruteForce(expression, profiles, removed).Count, SegmentEvaluator.Count(expression, bitmaps));
        }, iter: 300);
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
