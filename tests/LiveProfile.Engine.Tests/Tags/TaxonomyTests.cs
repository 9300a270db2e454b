using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>Every definition of spec/taxonomy.md, as docs/tag-language.md writes it, compiles and decides true and false cases.</summary>
public sealed class TaxonomyTests
{
    /// <summary>The tag ids of spec/taxonomy.md (parametric ones with their parameter).</summary>
    private static readonly string[] SpecIds =
    [
        "gender:female", "gender:male", "age:18-24", "age:25-34", "age:35-44", "age:45+", "region:$province", "new_user",
        "interest:$category", "appliance_researcher", "night_owl", "loyal_fan", "silent_watcher", "active_chatter", "gift_giver", "sharer",
        "high_value", "price_sensitive", "impulse_buyer", "big_ticket", "repeat_buyer", "dormant", "churn_risk",
        "ingredient_focused", "guochao_lover", "review_focused", "promotion_hunter", "quality_seeker", "potential:$category",
    ];

    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["region:$province"] = "浙江",
        ["interest:$category"] = "beauty",
        ["potential:$category"] = "digital",
    };

    public static TheoryData<string, string[], bool> Cases => new()
    {
        { "gender:female", ["attr('gender') = 'female'"], true },
        { "gender:female", ["attr('gender') = 'male'"], false },
        { "gender:female", [], false },
        { "gender:male", ["attr('gender') = 'male'"], true },
        { "gender:male", ["attr('gender') = 'female'"], false },
        { "age:18-24", ["age() = 20"], true },
        { "age:18-24", ["age() = 30"], false },
        { "age:18-24", [], false },
        { "age:25-34", ["age() = 25"], true },
        { "age:25-34", ["age() = 35"], false },
        { "age:35-44", ["age() = 44"], true },
        { "age:35-44", ["age() = 45"], false },
        { "age:45+", ["age() = 61"], true },
        { "age:45+", ["age() = 44"], false },
        { "age:45+", [], false },
        { "region:$province", ["attr('province') = '浙江'"], true },
        { "region:$province", ["attr('province') = '广东'"], false },
        { "new_user", ["days_since_registered() = 3.5"], true },
        { "new_user", ["days_since_registered() = 45"], false },
        { "new_user", [], false },
        { "interest:$category", ["share('beauty') = 0.42", "interactions(30d, 'beauty') = 7"], true },
        { "interest:$category", ["share('beauty') = 0.42", "interactions(30d, 'beauty') = 2"], false },
        { "interest:$category", ["share('beauty') = 0.2", "interactions(30d, 'beauty') = 40"], false },
        { "appliance_researcher", ["product_views('appliance', 30d) = 4", "distinct_products('appliance', 30d) = 2", "intent_count('question', 30d, 'appliance') = 2", "avg_dwell(30d, 'appliance') = 12m"], true },
        { "appliance_researcher", ["product_views('appliance', 30d) = 4", "distinct_products('appliance', 30d) = 2", "intent_count('question', 30d, 'appliance') = 2", "avg_dwell(30d, 'appliance') = 5m"], false },
        { "appliance_researcher", ["product_views('appliance', 30d) = 9", "distinct_products('appliance', 30d) = 1", "intent_count('question', 30d, 'appliance') = 5", "avg_dwell(30d, 'appliance') = 1h"], false },
        { "night_owl", ["hour_share(22, 3, 30d) = 0.7", "hour_days(22, 3, 30d) = 4"], true },
        { "night_owl", ["hour_share(22, 3, 30d) = 0.3", "hour_days(22, 3, 30d) = 10"], false },
        { "night_owl", ["hour_share(22, 3, 30d) = 1", "hour_days(22, 3, 30d) = 1"], false },
        { "loyal_fan", ["followed_last_sessions(5) = 3"], true },
        { "loyal_fan", ["max_room_sessions(30d) = 4"], true },
        { "loyal_fan", ["followed_last_sessions(5) = 2", "max_room_sessions(30d) = 3"], false },
        { "silent_watcher", ["dwell(30d) = 90m"], true },
        { "silent_watcher", ["dwell(30d) = 90m", "count('live.like', 30d) = 1"], false },
        { "silent_watcher", ["dwell(30d) = 20m"], false },
        { "active_chatter", ["count('live.comment', 30d) = 30", "dwell(30d) = 5h"], true },
        { "active_chatter", ["count('live.comment', 30d) = 30", "dwell(30d) = 20h"], false },
        { "active_chatter", ["count('live.comment', 30d) = 25"], false },
        { "gift_giver", ["gift_value(30d) = 150"], true },
        { "gift_giver", ["gift_value(30d) = 50"], false },
        { "sharer", ["count('live.share', 30d) = 3"], true },
        { "sharer", ["count('live.share', 30d) = 2"], false },
        { "high_value", ["orders(180d) = 3", "spend(180d) = 2500"], true },
        { "high_value", ["orders(180d) = 1", "spend(180d) = 900", "spend_percentile(180d) = 0.95"], true },
        { "high_value", ["orders(180d) = 3", "spend(180d) = 1500", "spend_percentile(180d) = 0.5"], false },
        { "high_value", [], false },
        { "price_sensitive", ["orders() = 4", "discount_share() = 0.5"], true },
        { "price_sensitive", ["intent_count('ask_price', 30d) = 3"], true },
        { "price_sensitive", ["sessions_attended(30d) = 4", "coupon_sessions(30d) = 2"], true },
        { "price_sensitive", ["orders() = 4", "discount_share() = 0.25", "intent_count('ask_price', 30d) = 1", "sessions_attended(30d) = 4", "coupon_sessions(30d) = 1"], false },
        { "price_sensitive", ["orders() = 1", "discount_share() = 1"], false },
        { "impulse_buyer", ["impulse_orders(30d) = 2"], true },
        { "impulse_buyer", ["impulse_orders(30d) = 1"], false },
        { "big_ticket", ["orders() = 2", "aov() = 1200"], true },
        { "big_ticket", ["orders() = 1", "aov() = 5000"], false },
        { "big_ticket", ["orders() = 5", "aov() = 300"], false },
        { "repeat_buyer", ["repeat_categories(7d, 180d) = 1"], true },
        { "repeat_buyer", ["repeat_categories(7d, 180d) = 0"], false },
        { "dormant", ["days_since_last_activity() = 75"], true },
        { "dormant", ["days_since_last_activity() = 10"], false },
        { "dormant", [], false },
        { "churn_risk", ["orders() = 2", "model_score('p_alive') = 0.2"], true },
        { "churn_risk", ["orders() = 1", "model_score('churn') = 0.8"], true },
        { "churn_risk", ["orders() = 2"], false },
        { "churn_risk", ["orders() = 0", "model_score('churn') = 0.9"], false },
        { "churn_risk", ["orders() = 3", "model_score('p_alive') = 0.6", "model_score('churn') = 0.2"], false },
        { "ingredient_focused", ["intent_count('ask_ingredient', 30d) = 3"], true },
        { "ingredient_focused", ["intent_count('ask_ingredient', 30d) = 2"], false },
        { "guochao_lover", ["label_share('国潮') = 0.5", "interactions(30d) = 8"], true },
        { "guochao_lover", ["label_share('国潮') = 0.2", "interactions(30d) = 8"], false },
        { "guochao_lover", ["label_share('国潮') = 1", "interactions(30d) = 2"], false },
        { "review_focused", ["intent_count('ask_review', 30d) = 3"], true },
        { "review_focused", ["review_views(30d) = 4"], true },
        { "review_focused", ["intent_count('ask_review', 30d) = 1", "review_views(30d) = 2"], false },
        { "promotion_hunter", ["coupon_sessions(30d) = 3"], true },
        { "promotion_hunter", ["coupon_sessions(30d) = 2"], false },
        { "quality_seeker", ["orders() = 3", "premium_order_share() = 0.8"], true },
        { "quality_seeker", ["orders() = 3", "premium_order_share() = 0.5"], false },
        { "quality_seeker", ["orders() = 1", "premium_order_share() = 1"], false },
        { "potential:$category", ["share('digital') = 0.2", "share_ago('digital', 7d) = 0.05"], true },
        { "potential:$category", ["share('digital') = 0.2", "share_ago('digital', 7d) = 0"], true },
        { "potential:$category", ["share('digital') = 0.2", "share_ago('digital', 7d) = 0.05", "has_tag('interest:digital') = true"], false },
        { "potential:$category", ["share('digital') = 0.2", "share_ago('digital', 7d) = 0.1"], false },
        { "potential:$category", ["share('digital') = 0.1", "share_ago('digital', 7d) = 0"], false },
    };

    internal static TagExpression CompileDefinition(string id, string source, TagValueType type = TagValueType.Bool)
    {
        var options = new TagCompileOptions
        {
            ExpectedType = type,
            Parameters = Parameters.TryGetValue(id, out var value) ? new Dictionary<string, string> { [id[(id.IndexOf('$') + 1)..]] = value } : null,
        };
        var compiled = TagExpression.Compile(source, options);
        Assert.True(compiled.Success, $"{id}: {compiled}");
        return compiled.Expression!;
    }

    [Fact]
    public void Docs_DefaultTaxonomy_DefinesEverySpecTagOnce()
    {
        Assert.Equal(SpecIds.Order(StringComparer.Ordinal), TaxonomyDefinitions.All.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cases_EveryDefinition_HasTrueAndFalseCases()
    {
        var cases = Cases.Select(row => ((string)row[0], (bool)row[2])).ToHashSet();
        foreach (var id in SpecIds)
        {
            Assert.Contains((id, true), cases);
            Assert.Contains((id, false), cases);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_TaxonomyDefinition_DecidesCase(string id, string[] facts, bool expected)
    {
        var expression = CompileDefinition(id, TaxonomyDefinitions.Get(id).When);
        var context = new FakeFeatureContext().With(facts);
        Assert.Equal(expected, expression.EvaluateBool(context));
        var explanation = expression.Explain(context);
        Assert.Equal(expected, explanation.Result.Bool);
        Assert.NotEmpty(explanation.Facts);
    }

    [Fact]
    public void Compile_EveryDefinitionAsTemplate_ChecksWithoutParameters()
    {
        foreach (var definition in TaxonomyDefinitions.All)
        {
            var compiled = TagExpression.Compile(definition.When);
            Assert.True(compiled.Success, $"{definition.Id}: {compiled}");
            Assert.Equal(definition.Id.Contains('$'), compiled.Expression!.IsTemplate);
            Assert.True(compiled.Expression.Cost <= CostLimits.Default.MaxCost);
        }
    }

    [Fact]
    public void Evaluate_InterestWeight_IsTheShare()
    {
        var weight = CompileDefinition("interest:$category", TaxonomyDefinitions.Get("interest:$category").Weight!, TagValueType.Number);
        Assert.Equal(0.42, weight.EvaluateNumber(new FakeFeatureContext().With("share('beauty') = 0.42")), 10);
    }

    [Fact]
    public void Instantiate_InterestTemplate_BindsEachCategory()
    {
        var template = TagExpression.Compile(TaxonomyDefinitions.Get("interest:$category").When).Expression!;
        Assert.True(template.IsTemplate);
        Assert.Equal(["category"], template.Parameters);
        var context = new FakeFeatureContext().With("share('food') = 0.5", "interactions(30d, 'food') = 9", "share('beauty') = 0.1");
        var food = template.Instantiate(new Dictionary<string, string> { ["category"] = "food" }).Expression!;
        var beauty = template.Instantiate(new Dictionary<string, string> { ["category"] = "beauty" }).Expression!;
        Assert.True(food.EvaluateBool(context));
        Assert.False(beauty.EvaluateBool(context));
        Assert.Equal("share('food') >= 30% and interactions(30d, 'food') >= 5", food.Text);
    }
}
