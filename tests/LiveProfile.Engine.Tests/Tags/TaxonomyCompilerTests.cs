using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>The taxonomy file: the shipped default, and the diagnostics an operator gets for a broken one.</summary>
public sealed class TaxonomyCompilerTests
{
    private const string Header = """
        families:
          behavior: { zh: 行为偏好, en: Behaviour }
        parameters:
          category: [beauty, food]
        tags:

        """;

    private static TaxonomyCompilation Compile(string tags) => TaxonomyCompiler.Compile(Header + tags, 2);

    [Fact]
    public void Default_ImplementsEveryTagOfTheSpec()
    {
        var ids = CompiledTaxonomy.Default.Tags.Select(t => t.Id).ToHashSet();
        string[] plain =
        [
            "gender:female", "gender:male", "age:18-24", "age:25-34", "age:35-44", "age:45+", "new_user", "appliance_researcher", "night_owl",
            "loyal_fan", "silent_watcher", "active_chatter", "gift_giver", "sharer", "high_value", "price_sensitive", "impulse_buyer",
            "big_ticket", "repeat_buyer", "dormant", "churn_risk", "ingredient_focused", "guochao_lover", "review_focused",
            "promotion_hunter", "quality_seeker",
        ];
        Assert.All(plain, id => Assert.Contains(id, ids));
        foreach (var category in new[] { "beauty", "appliance", "digital", "food", "fashion", "mother_baby", "home", "sports" })
        {
            Assert.Contains("interest:" + category, ids);
            Assert.Contains("potential:" + category, ids);
        }
        Assert.Contains("region:上海", ids);
        Assert.Equal(34, ids.Count(i => i.StartsWith("region:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Default_NamesFamiliesAndSources_FollowTheSpec()
    {
        var t = CompiledTaxonomy.Default;
        Assert.Equal(["basic", "behavior", "spending", "content"], t.Families.Select(f => f.Id));
        Assert.Equal("美妆爱好者", t.Find("interest:beauty")!.NameZh);
        Assert.Equal("母婴关注者", t.Find("interest:mother_baby")!.NameZh);
        Assert.Equal("behavior", t.Find("interest:food")!.Family);
        Assert.Equal(Engine.Features.TagSource.Model, t.Find("churn_risk")!.Source);
        Assert.Equal("churn", t.Find("churn_risk")!.Model);
        Assert.Equal(Engine.Features.TagSource.Rule, t.Find("sharer")!.Source);
        Assert.True(t.Find("potential:food")!.IsInterestShift);
    }

    [Fact]
    public void Default_PotentialComesAfterTheInterestItReads()
    {
        var t = CompiledTaxonomy.Default;
        Assert.True(t.Find("interest:digital")!.Index < t.Find("potential:digital")!.Index);
    }

    [Fact]
    public void Default_EventTypesTouchOnlyTheTagsThatReadThem()
    {
        var t = CompiledTaxonomy.Default;
        bool Affects(EventType type, string tag) => TagBits.IsSet(t.AffectedBy(type), t.Find(tag)!.Index);
        Assert.True(Affects(EventType.LiveShare, "sharer"));
        Assert.False(Affects(EventType.LiveShare, "gift_giver"));
        Assert.False(Affects(EventType.LiveShare, "interest:beauty"));
        Assert.True(Affects(EventType.LiveGift, "gift_giver"));
        Assert.True(Affects(EventType.LiveProductClick, "interest:beauty"));
        Assert.True(Affects(EventType.LiveProductClick, "potential:beauty")); // directly, and through interest:beauty
        Assert.False(Affects(EventType.UserConsent, "sharer"));
        Assert.True(Affects(EventType.UserProfile, "gender:female"));
        Assert.False(Affects(EventType.ShopOrder, "gender:female"));
        Assert.True(TagBits.IsSet(t.TimeDriven, t.Find("dormant")!.Index));
        Assert.False(TagBits.IsSet(t.TimeDriven, t.Find("gender:female")!.Index));
        Assert.True(TagBits.IsSet(t.AffectedByModel("churn"), t.Find("churn_risk")!.Index));
    }

    [Fact]
    public void Valid_ParametricTag_ExpandsOverItsValues_WithNamesFilledIn()
    {
        var result = Compile("""
              - id: fan:$category
                family: behavior
                name: { zh: "{category}粉", en: "{category} fan" }
                when: share($category) >= 50%
            """);
        Assert.True(result.Success, result.ToString());
        Assert.Equal(["fan:beauty", "fan:food"], result.Taxonomy!.Tags.Select(t => t.Id));
        Assert.Equal("beauty粉", result.Taxonomy.Tags[0].NameZh);
        Assert.Equal(2, result.Taxonomy.Version);
    }

    [Theory]
    [InlineData("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: share('beauty') >= \n", "TL", 9)]
    [InlineData("  - id: a\n    family: nope\n    name: { zh: 甲, en: A }\n    when: true\n", TaxonomyCodes.UnknownFamily, 7)]
    [InlineData("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: true\n    colour: red\n", TaxonomyCodes.UnknownField, 10)]
    [InlineData("  - id: a\n    family: behavior\n    when: true\n", TaxonomyCodes.MissingField, 6)]
    [InlineData("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n", TaxonomyCodes.MissingField, 6)]
    [InlineData("  - id: a:$size\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: true\n", TaxonomyCodes.UnknownParameter, 6)]
    [InlineData("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: share($category) > 0\n", TaxonomyCodes.UnknownParameter, 9)]
    [InlineData("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: has_tag('b')\n", TaxonomyCodes.UnknownTag, 6)]
    [InlineData("  - id: bad id\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: true\n", TaxonomyCodes.InvalidId, 6)]
    [InlineData("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: true\n  - id: a\n    family: behavior\n    name: { zh: 乙, en: B }\n    when: true\n", TaxonomyCodes.DuplicateId, 10)]
    [InlineData("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: share('beauty')\n", "TL", 9)]
    [InlineData("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: true\n    weight: orders() > 1\n", "TL", 10)]
    [InlineData("  - id: a\n    family: behavior\n    name: [甲]\n    when: true\n", TaxonomyCodes.Shape, 8)]
    public void Invalid_ReportsTheProblemAtItsLine(string tags, string code, int line)
    {
        var result = Compile(tags);
        Assert.False(result.Success);
        var d = result.Diagnostics[0];
        Assert.StartsWith(code, d.Code, StringComparison.Ordinal);
        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Invalid_ExpressionColumn_PointsIntoTheFile()
    {
        var result = Compile("  - id: a\n    family: behavior\n    name: { zh: 甲, en: A }\n    when: count('live.comentt', 30d) >= 1\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((9, 17), (d.Line, d.Column)); // the quote of 'live.comentt': "    when: " is 10 columns, "count(" 6 more
        Assert.Equal("a", d.Tag);
        Assert.Contains("unknown event type", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_TagsThatReadEachOther_AreACycle()
    {
        var result = Compile("""
              - id: a
                family: behavior
                name: { zh: 甲, en: A }
                when: has_tag('b')
              - id: b
                family: behavior
                name: { zh: 乙, en: B }
                when: has_tag('a')
            """);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(TaxonomyCodes.Cycle, d.Code);
        Assert.Contains("a → b → a", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tags: [")]
    [InlineData("\t- id: a")]
    [InlineData("families: { a: 1 }\ntags: []\n")]
    [InlineData("- just\n- a list\n")]
    [InlineData("")]
    [InlineData("families:\n  x: { zh: a, en: b }\ntags: oops\n")]
    public void NotATaxonomy_IsADiagnosticNeverAnException(string yaml)
    {
        var result = TaxonomyCompiler.Compile(yaml, 2);
        Assert.False(result.Success);
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1));
    }

    [Fact]
    public void DeeplyNested_IsADiagnostic_NotAStackOverflow()
    {
        var yaml = new string('[', 500_000) + new string(']', 500_000);
        var d = Assert.Single(TaxonomyCompiler.Compile(yaml, 2).Diagnostics);
        Assert.Equal(TaxonomyCodes.TooLarge, d.Code);
        Assert.Contains("nested more than 32 levels", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_WithoutKeys_DoesNotGrowTheProcessWideKeyTable()
    {
        var id = "validated-only-" + Guid.NewGuid().ToString("N");
        var result = TaxonomyCompiler.Compile(Header + $"  - id: {id}\n    family: behavior\n    name: {{ zh: a, en: b }}\n    when: true\n", 2, assignKeys: false);
        Assert.True(result.Success, result.ToString());
        Assert.False(Engine.Tags.TagKeys.TryGet(id, out _));
        Assert.True(result.Taxonomy!.Tags[0].Key < 0);
    }

    [Fact]
    public void TooLarge_IsRefusedBeforeParsing()
    {
        var result = TaxonomyCompiler.Compile(new string('#', 100) + "\n", 2, new TaxonomyLimits { MaxBytes = 50 });
        Assert.Equal(TaxonomyCodes.TooLarge, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void TooManyTags_AfterExpansion_AreRefused()
    {
        var result = TaxonomyCompiler.Compile(Header + "  - id: fan:$category\n    family: behavior\n    name: { zh: a, en: b }\n    when: true\n", 2,
            new TaxonomyLimits { MaxTags = 1 });
        Assert.Equal(TaxonomyCodes.TooLarge, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("script::Runtime.getRuntime().exec('rm -rf /')")]
    [InlineData("@java.lang.Runtime@getRuntime()")]
    [InlineData("typeof(System.Diagnostics.Process)")]
    [InlineData("''.GetType().Assembly")]
    [InlineData("${7*7}")]
    public void InjectionInATaxonomy_IsRejectedAtSave(string expression)
    {
        var result = Compile($"  - id: a\n    family: behavior\n    name: {{ zh: 甲, en: A }}\n    when: \"{expression}\"\n");
        Assert.False(result.Success);
        Assert.StartsWith("TL", result.Diagnostics[0].Code, StringComparison.Ordinal);
    }
}
