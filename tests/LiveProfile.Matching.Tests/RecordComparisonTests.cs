namespace LiveProfile.Matching.Tests;

public sealed class RecordComparisonTests
{
    private static byte Level(PersonRecord a, PersonRecord b, MatchField field)
    {
        Span<byte> levels = stackalloc byte[MatchLevels.Fields.Length];
        RecordComparison.Compare(new PreparedRecord(a, null), new PreparedRecord(b, null), levels);
        return levels[(int)field];
    }

    [Theory]
    [InlineData(30, -1, "one")]           // the serum clicked live, viewed in the shop half an hour later
    [InlineData(30, 20, "two or more")]   // and the cream too
    [InlineData(120, -1, "none")]         // two hours apart: not one visit's
    public void CoClicks_SameProductsWithinTheHour_Counted(int serumMinutes, int creamMinutes, string expected)
    {
        var viewer = new PersonRecord("v", Touches: [new("serum", 1_000), new("cream", 2_000)]);
        List<ProductTouch> shop = [new("serum", 1_000 + serumMinutes)];
        if (creamMinutes >= 0) shop.Add(new("cream", 2_000 + creamMinutes));
        var account = new PersonRecord("a", Touches: shop);
        Assert.Equal(expected, MatchLevels.Name(MatchField.CoClicks, Level(viewer, account, MatchField.CoClicks)));
    }

    [Fact]
    public void CoClicks_OneSideWithoutTouches_IsMissing() =>
        Assert.Equal(MatchLevels.Missing, Level(new PersonRecord("v", Touches: [new("serum", 1)]), new PersonRecord("a"), MatchField.CoClicks));

    [Theory]
    [InlineData("❤小美", "小美~", "same")]
    [InlineData("lucky88", "LUCKY88", "same")]
    [InlineData("小美", "王芳", "different")]
    public void Nickname_ByCore(string a, string b, string expected) =>
        Assert.Equal(expected, MatchLevels.Name(MatchField.Nickname, Level(new PersonRecord("v", a), new PersonRecord("a", b), MatchField.Nickname)));

    [Fact]
    public void Address_MostTokensShared_MostlyShared()
    {
        var a = new PersonRecord("v", AddressTokens: ["人民路", "88号", "阳光花园"]);
        var b = new PersonRecord("a", AddressTokens: ["人民路", "88号", "阳光花园", "3栋"]);
        Assert.Equal("mostly shared", MatchLevels.Name(MatchField.Address, Level(a, b, MatchField.Address)));
    }
}
