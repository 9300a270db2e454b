using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>Explanations list every call value and every comparison with its threshold, for GET /v1/profiles/{id}/explain/{tag}.</summary>
public sealed class TagExplanationTests
{
    private static TagExpression Interest() =>
        TaxonomyTests.CompileDefinition("interest:$category", TaxonomyDefinitions.Get("interest:$category").When);

    [Fact]
    public void Explain_TrueTag_SummaryShowsValuesThresholdsAndChecks()
    {
        var explanation = Interest().Explain(new FakeFeatureContext().With("share('beauty') = 0.42", "interactions(30d, 'beauty') = 7"));
        Assert.True(explanation.Result.Bool);
        Assert.Equal("share('beauty') = 0.42 ≥ 0.3 ✓; interactions(30d, 'beauty') = 7 ≥ 5 ✓", explanation.Summary);
    }

    [Fact]
    public void Explain_FalseTag_EvaluatesEveryConditionWithoutShortCircuit()
    {
        var explanation = Interest().Explain(new FakeFeatureContext().With("share('beauty') = 0.1", "interactions(30d, 'beauty') = 2"));
        Assert.False(explanation.Result.Bool);
        Assert.Equal("share('beauty') = 0.1 ≥ 0.3 ✗; interactions(30d, 'beauty') = 2 ≥ 5 ✗", explanation.Summary);
    }

    [Fact]
    public void Explain_Facts_ListEachCallWithArgumentsValueAndPosition()
    {
        var explanation = Interest().Explain(new FakeFeatureContext().With("share('beauty') = 0.42", "interactions(30d, 'beauty') = 7"));
        var calls = explanation.Facts.Where(f => f.Kind == ExplainedFactKind.Call).ToList();
        Assert.Equal(["share", "interactions"], calls.Select(c => c.Function));
        Assert.Equal([TagValue.FromString("beauty")], calls[0].Arguments);
        Assert.Equal([TagValue.FromSeconds(30 * 86400), TagValue.FromString("beauty")], calls[1].Arguments);
        Assert.Equal(TagValue.FromNumber(0.42), calls[0].Value);
        Assert.Equal((1, 1), (calls[0].Line, calls[0].Column));
        Assert.Equal((1, 29), (calls[1].Line, calls[1].Column));
        Assert.Equal("interactions(30d, 'beauty') = 7", calls[1].ToString());

        var comparison = explanation.Facts.First(f => f.Kind == ExplainedFactKind.Comparison);
        Assert.Equal((">=", "share('beauty')", "30%"), (comparison.Operator, comparison.Left, comparison.Right));
        Assert.Equal(TagValue.FromNumber(0.42), comparison.LeftValue);
        Assert.Equal(TagValue.FromNumber(0.3), comparison.RightValue);
        Assert.True(comparison.Holds);
        Assert.Equal((1, 18), (comparison.Line, comparison.Column));
    }

    [Fact]
    public void Explain_ComputedOperands_ShowTheirTextAndValue()
    {
        var e = TaxonomyTests.CompileDefinition("active_chatter", TaxonomyDefinitions.Get("active_chatter").When);
        var explanation = e.Explain(new FakeFeatureContext().With("count('live.comment', 30d) = 30", "dwell(30d) = 5h"));
        Assert.Equal(
            "count('live.comment', 30d) = 30 ≥ 20 ✓; count('live.comment', 30d) / (dwell(30d) / 1h) = 6 ≥ 3 ✓",
            explanation.Summary);
        Assert.Contains(explanation.Facts, f => f.ToString() == "dwell(30d) = 5h");
    }

    [Fact]
    public void Explain_DurationsAbsentValuesAndTags_Printed()
    {
        var e = TagExpression.Compile("avg_dwell(30d, 'appliance') >= 10m and not has_tag('interest', 'digital') or model_score('churn') >= 0.7").Expression!;
        var explanation = e.Explain(new FakeFeatureContext().With("avg_dwell(30d, 'appliance') = 12m", "has_tag('interest:digital') = true"));
        Assert.Equal(
            "avg_dwell(30d, 'appliance') = 12m ≥ 10m ✓; has_tag('interest', 'digital') = true; model_score('churn') = absent ≥ 0.7 ✗",
            explanation.Summary);
        Assert.False(explanation.Result.Bool);
    }

    [Fact]
    public void Explain_StringComparison_ShowsBoth()
    {
        var e = TagExpression.Compile("attr('province') == '浙江'").Expression!;
        Assert.Equal("attr('province') = '广东' = '浙江' ✗", e.Explain(new FakeFeatureContext().With("attr('province') = '广东'")).Summary);
    }
}
