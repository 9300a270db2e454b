using LiveProfile.Server.Rooms;

namespace LiveProfile.Server.Tests.Rooms;

/// <summary>The talk-track table: the shipped one is valid, and a broken one is refused with the rule and the field named.</summary>
public sealed class TalkTrackRulesTests
{
    [Fact]
    public void Shipped_Parses_WithDistinctIdsAndTheAdviceTheIssueNames()
    {
        var rules = TalkTrackRules.Parse(TalkTrackRules.Shipped(), "shipped").Rules;
        Assert.True(rules.Count >= 8);
        Assert.Contains(rules, r => r.Target.Id == "ingredient_focused");
        Assert.Contains(rules, r => r.Target.Id == "impulse_buyer");
        Assert.Contains(rules, r => r.Target.Id == "price_sensitive");
        Assert.Contains(rules, r => r.Target.Kind == TalkTrackTargetKind.NewViewers);
    }

    [Theory]
    [InlineData("rules:\n  - id: a\n    tag: x\n    min_share: 1.5\n    zh: 甲\n    en: a\n", "rule 1 (a): min_share")]
    [InlineData("rules:\n  - id: a\n    tag: x\n    family: y\n    min_share: 0.5\n    zh: 甲\n    en: a\n", "exactly one of")]
    [InlineData("rules:\n  - id: a\n    tag: x\n    min_share: 0.5\n    en: a\n", "zh and en")]
    [InlineData("rules:\n  - id: a\n    tag: x\n    min_share: 0.5\n    zh: 甲\n    en: a\n  - id: a\n    tag: y\n    min_share: 0.5\n    zh: 乙\n    en: b\n", "used twice")]
    [InlineData("rules:\n  - id: a\n    colour: red\n", "line 3")]
    public void Broken_Refused_NamingWhere(string yaml, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => TalkTrackRules.Parse(yaml, "t.yaml"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
