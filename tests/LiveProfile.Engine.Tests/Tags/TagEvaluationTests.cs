using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>Operator semantics: numbers, percentages, durations, strings, absent values, short-circuits, folding, inputs.</summary>
public sealed class TagEvaluationTests
{
    private static TagExpression Compile(string source, TagValueType? type = TagValueType.Bool)
    {
        var compiled = TagExpression.Compile(source, new TagCompileOptions { ExpectedType = type });
        Assert.True(compiled.Success, compiled.ToString());
        return compiled.Expression!;
    }

    private static TagValue Eval(string source, params string[] facts) =>
        Compile(source, null).Evaluate(new FakeFeatureContext().With(facts));

    [Theory]
    [InlineData("1 + 2 * 3 == 7")]
    [InlineData("(1 + 2) * 3 == 9")]
    [InlineData("10 - 4 - 3 == 3")]
    [InlineData("12 / 3 / 2 == 2")]
    [InlineData("30% == 0.3")]
    [InlineData("-2 < -1")]
    [InlineData("--2 == 2")]
    [InlineData("1 / 0 == 0")]
    [InlineData("0 / 0 == 0")]
    [InlineData("1h == 60m and 60m == 3600s and 1d == 24h")]
    [InlineData("1h / 30m == 2")]
    [InlineData("2 * 30m == 1h and 30m * 2 == 1h and 1h / 2 == 30m")]
    [InlineData("1.5h == 90m")]
    [InlineData("'beauty' == \"beauty\"")]
    [InlineData("'it\\'s' == \"it's\"")]
    [InlineData("'\\u56fd\\u6f6e' == '国潮'")]
    [InlineData("'a' != 'b'")]
    [InlineData("true == (not false)")]
    [InlineData("true and (false or true) && !false || false")]
    [InlineData("not 1 > 2")]
    public void Evaluate_ConstantExpression_True(string source)
    {
        Assert.True(Compile(source).EvaluateBool(new FakeFeatureContext()));
    }

    [Fact]
    public void Evaluate_DivisionByZero_YieldsZero()
    {
        var e = Compile("count('live.comment', 30d) / (dwell(30d) / 1h)", TagValueType.Number);
        Assert.Equal(0, e.EvaluateNumber(new FakeFeatureContext().With("count('live.comment', 30d) = 25")));
        Assert.Equal(5, e.EvaluateNumber(new FakeFeatureContext().With("count('live.comment', 30d) = 25", "dwell(30d) = 5h")));
    }

    [Theory]
    [InlineData("model_score('churn') >= 0.7")]
    [InlineData("model_score('churn') < 0.7")]
    [InlineData("model_score('churn') == model_score('churn')")]
    [InlineData("model_score('churn') != 0.7")]
    [InlineData("model_score('churn') * 0 == 0")]
    [InlineData("model_score('churn') / 0 == 0")]
    [InlineData("age() >= 0")]
    public void Evaluate_AbsentValue_EveryComparisonFalse(string source)
    {
        Assert.False(Compile(source).EvaluateBool(new FakeFeatureContext()));
    }

    [Fact]
    public void Evaluate_AbsentModelScore_NegationIsTrue()
    {
        Assert.True(Compile("not (model_score('churn') >= 0.7)").EvaluateBool(new FakeFeatureContext()));
        Assert.True(Eval("model_score('churn')", []).IsAbsent);
    }

    [Fact]
    public void Evaluate_AndOr_ShortCircuitOutsideExplain()
    {
        var e = Compile("count('live.share', 30d) >= 3 and share('beauty') >= 0.3 or gift_value(30d) >= 100");
        var context = new FakeFeatureContext().With("gift_value(30d) = 200");
        Assert.True(e.EvaluateBool(context));
        Assert.Equal(["count('live.share', 30d)", "gift_value(30d)"], context.Calls);
    }

    [Fact]
    public void Evaluate_DurationAndStringResults_Typed()
    {
        Assert.Equal(TagValue.FromSeconds(5400), Eval("dwell(30d) + 30m", "dwell(30d) = 1h"));
        Assert.Equal(TagValue.FromString("female"), Eval("attr('gender')", "attr('gender') = 'female'"));
        Assert.Equal("90m", Eval("dwell(30d) + 30m", "dwell(30d) = 1h").ToString());
    }

    [Fact]
    public void Compile_ConstantArguments_FoldedIntoCanonicalText()
    {
        var e = Compile("count('live.comment', 7d * 4) >= 2 * 10 and hour_share(20 + 2, 3, 30d) >= 0.6");
        Assert.Equal("count('live.comment', 28d) >= 2 * 10 and hour_share(22, 3, 30d) >= 0.6", e.Text);
        var context = new FakeFeatureContext().With("count('live.comment', 28d) = 20", "hour_share(22, 3, 30d) = 0.6");
        Assert.True(e.EvaluateBool(context));
    }

    [Fact]
    public void Compile_OptionalArguments_PassedOrOmitted()
    {
        var e = Compile("sessions_attended(30d) >= 2 and sessions_attended(30d, 'room-7') >= 1 and follows('room-7') and follows()");
        var context = new FakeFeatureContext().With("sessions_attended(30d) = 3", "sessions_attended(30d, 'room-7') = 1", "follows('room-7') = true", "follows() = true");
        Assert.True(e.EvaluateBool(context));
    }

    [Fact]
    public void ToDelegate_EvaluatesLikeEvaluate()
    {
        var e = Compile("share('beauty') >= 30%");
        var f = e.ToDelegate();
        Assert.True(f(new FakeFeatureContext().With("share('beauty') = 0.5")).Bool);
        Assert.False(f(new FakeFeatureContext()).Bool);
    }

    [Fact]
    public void Evaluate_Template_ThrowsUntilInstantiated()
    {
        var template = Compile("share($category) >= 30%");
        Assert.True(template.IsTemplate);
        Assert.Throws<InvalidOperationException>(() => template.EvaluateBool(new FakeFeatureContext()));
    }

    [Fact]
    public void Inputs_SilentWatcher_EventTypesAndClock()
    {
        var inputs = Compile(TaxonomyDefinitions.Get("silent_watcher").When).Inputs;
        Assert.True(inputs.IsAffectedBy(EventType.LiveComment));
        Assert.True(inputs.IsAffectedBy(EventType.LiveLike));
        Assert.True(inputs.IsAffectedBy(EventType.LiveGift));
        Assert.True(inputs.IsAffectedBy(EventType.LiveLeave));
        Assert.False(inputs.IsAffectedBy(EventType.LiveShare));
        Assert.False(inputs.IsAffectedBy(EventType.ShopOrder));
        Assert.True(inputs.IsTimeDependent);
        Assert.Equal(FeatureFamilies.Events | FeatureFamilies.Presence | FeatureFamilies.Clock, inputs.Families);
    }

    [Fact]
    public void Inputs_Gender_OnlyUserProfileAndNotTimeDependent()
    {
        var inputs = Compile("attr('gender') == 'female'").Inputs;
        Assert.Equal(["user.profile"], inputs.EventTypes);
        Assert.False(inputs.IsTimeDependent);
        Assert.Equal(FeatureFamilies.Attributes, inputs.Families);
    }

    [Fact]
    public void Inputs_TagsAndModels_Listed()
    {
        var churn = Compile(TaxonomyDefinitions.Get("churn_risk").When).Inputs;
        Assert.Equal(["p_alive", "churn"], churn.Models);
        var template = Compile(TaxonomyDefinitions.Get("potential:$category").When);
        Assert.Equal(["interest:$category"], template.Inputs.Tags);
        var bound = template.Instantiate(new Dictionary<string, string> { ["category"] = "food" }).Expression!;
        Assert.Equal(["interest:food"], bound.Inputs.Tags);
        Assert.True((bound.Inputs.Families & FeatureFamilies.Tags) != 0);
    }
}
