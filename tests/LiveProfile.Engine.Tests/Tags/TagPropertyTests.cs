using System.Text;
using CsCheck;
using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>
/// Compilation never throws on any text (only diagnostics), accepted expressions respect every
/// bound, well-typed generated expressions compile unless a limit stops them, and evaluation and
/// explanation of accepted expressions never throw, whatever values the context returns.
/// </summary>
public sealed class TagPropertyTests
{
    private static readonly string[] Tokens =
    [
        "share", "count", "interactions", "has_tag", "attr", "dwell", "model_score", "GetType", "new", "typeof", "x",
        "(", ")", ",", "'beauty'", "\"live.comment\"", "'live.share'", "'", "\"", "\\", "30d", "12h", "5m", "90s", "30%", "0.3", "2000", "1.", ".5",
        "and", "or", "not", "&&", "||", "!", "&", "|", "==", "!=", "<", "<=", ">", ">=", "=", "=>",
        "+", "-", "*", "/", "%", "$category", "$", "${", "#{", "}", "{", ".", "[", "]", "@", ":", "::", ";", "?",
        "true", "false", "\n", " ", "国潮", "\t", "\0", "\u00a0",
    ];

    private static readonly HashSet<string> LimitCodes = [DiagnosticCodes.TooDeep, DiagnosticCodes.TooManyNodes, DiagnosticCodes.TooCostly, DiagnosticCodes.SourceTooLong];

    private static readonly Dictionary<string, string> Bound = new() { ["category"] = "food" };

    private static readonly double[] Interesting = [0, 1, -1, 0.5, 3, 1e308, -1e308, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 86400];

    /// <summary>Compiles; checks the diagnostics are well formed or the expression is within every bound.</summary>
    private static TagCompilation Check(string source, TagCompileOptions? options = null)
    {
        options ??= new TagCompileOptions { ExpectedType = null, Parameters = Bound };
        var compiled = TagExpression.Compile(source, options);
        if (!compiled.Success)
        {
            Assert.NotEmpty(compiled.Diagnostics);
            foreach (var d in compiled.Diagnostics)
            {
                Assert.True(d.Line >= 1 && d.Column >= 1, d.ToString());
                Assert.StartsWith("TL", d.Code, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(d.Message));
            }
            return compiled;
        }
        var e = compiled.Expression!;
        var limits = options.Limits;
        Assert.InRange(e.Cost, 0, limits.MaxCost);
        Assert.InRange(e.Depth, 1, limits.MaxDepth);
        Assert.InRange(e.NodeCount, 1, limits.MaxNodes);
        Assert.True(source.Length <= limits.MaxSourceLength);
        return compiled;
    }

    private static FakeFeatureContext RandomContext(int seed)
    {
        var random = new Random(seed);
        return new FakeFeatureContext
        {
            NumberFallback = _ => random.Next(3) == 0 ? Interesting[random.Next(Interesting.Length)] : random.NextDouble() * 100,
            TextFallback = _ => random.Next(2) == 0 ? "" : "food",
            FlagFallback = _ => random.Next(2) == 0,
        };
    }

    private static void EvaluateEverything(TagExpression e, int seed, int expectedCalls)
    {
        e.Evaluate(RandomContext(seed));
        var explanation = e.Explain(RandomContext(seed));
        Assert.Equal(e.ResultType, explanation.Result.Type);
        if (expectedCalls >= 0) Assert.Equal(expectedCalls, explanation.Facts.Count(f => f.Kind == ExplainedFactKind.Call));
        foreach (var fact in explanation.Facts) Assert.False(string.IsNullOrEmpty(fact.ToString()));
        _ = explanation.Summary;
    }

    [Fact]
    public void Compile_RandomTokenSequences_OnlyDiagnostics()
    {
        Gen.Select(Gen.OneOf(Tokens.Select(Gen.Const).ToArray()).Array[0, 40], Gen.Bool)
            .Sample((tokens, spaced) =>
            {
                var source = string.Join(spaced ? " " : "", tokens);
                var compiled = Check(source);
                if (compiled.Success && !compiled.Expression!.IsTemplate) EvaluateEverything(compiled.Expression, tokens.Length, expectedCalls: -1);
            }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void Compile_RandomCharacters_OnlyDiagnostics()
    {
        Gen.String[Gen.Char, 0, 120].Sample(source => Check(source), iter: 20_000, threads: 1);
        Gen.String[Gen.Char["()'\"$.,<>=!&|+-*/%0123456789dhms abcnotrue"], 0, 80].Sample(source => Check(source), iter: 20_000, threads: 1);
    }

    [Fact]
    public void Compile_MutatedTaxonomyDefinitions_OnlyDiagnostics()
    {
        var sources = TaxonomyDefinitions.All.Select(d => d.When).ToArray();
        Gen.Select(Gen.Int[0, sources.Length - 1], Gen.Int[0, 1000], Gen.Char, Gen.Int[0, 2])
            .Sample((index, at, c, operation) =>
            {
                var source = new StringBuilder(sources[index]);
                var position = at % (source.Length + 1);
                switch (operation)
                {
                    case 0: source.Insert(position, c); break;
                    case 1 when position < source.Length: source.Remove(position, 1); break;
                    default: if (position < source.Length) source[position] = c; break;
                }
                Check(source.ToString());
            }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void Compile_RandomWellTypedExpressions_AcceptedOrStoppedOnlyByLimits()
    {
        var accepted = 0;
        var total = 0;
        Gen.Select(Gen.Int, Gen.Int[0, 7]).Sample((seed, depth) =>
        {
            var generator = new RandomExpressions(new Random(seed));
            var source = generator.Bool(depth);
            var compiled = Check(source, new TagCompileOptions { Parameters = Bound });
            total++;
            if (!compiled.Success)
            {
                Assert.All(compiled.Diagnostics, d => Assert.Contains(d.Code, LimitCodes));
                return;
            }
            accepted++;
            EvaluateEverything(compiled.Expression!, seed, generator.Calls);

            // The canonical text compiles to the same thing.
            var again = TagExpression.Compile(compiled.Expression!.Text);
            Assert.True(again.Success, $"{compiled.Expression.Text}: {again}");
            Assert.Equal(compiled.Expression.Text, again.Expression!.Text);
        }, iter: 5_000, threads: 1);
        Assert.True(accepted * 2 > total, $"only {accepted} of {total} generated expressions were within the limits");
    }

    [Fact]
    public void Compile_RandomWellTypedTemplates_CheckWithoutParameters()
    {
        Gen.Select(Gen.Int, Gen.Int[0, 5]).Sample((seed, depth) =>
        {
            var source = new RandomExpressions(new Random(seed)).Bool(depth);
            var compiled = Check(source, TagCompileOptions.Default);
            if (!compiled.Success)
            {
                Assert.All(compiled.Diagnostics, d => Assert.Contains(d.Code, LimitCodes));
                return;
            }
            var instance = compiled.Expression!.Instantiate(Bound);
            Assert.True(instance.Success, instance.ToString());
            Assert.False(instance.Expression!.IsTemplate);
        }, iter: 3_000, threads: 1);
    }

    [Fact]
    public void Compile_TightLimits_NeverExceeded()
    {
        var limits = new CostLimits { MaxDepth = 6, MaxNodes = 20, MaxCost = 5, MaxSourceLength = 200 };
        Gen.Select(Gen.Int, Gen.Int[0, 6]).Sample((seed, depth) =>
        {
            var source = new RandomExpressions(new Random(seed)).Bool(depth);
            var compiled = Check(source, new TagCompileOptions { Parameters = Bound, Limits = limits });
            if (!compiled.Success) Assert.All(compiled.Diagnostics, d => Assert.Contains(d.Code, LimitCodes));
        }, iter: 5_000, threads: 1);
    }
}
