namespace LiveProfile.Prediction.Tests;

public sealed class RepeatPurchaseSummaryTests
{
    [Fact]
    public void Constructor_ValidHistory_KeepsValues()
    {
        var customer = new RepeatPurchaseSummary(3, 20.5, 38.86, 17.25);

        Assert.Equal(3, customer.Frequency);
        Assert.Equal(20.5, customer.Recency);
        Assert.Equal(38.86, customer.Age);
        Assert.Equal(17.25, customer.MeanRepeatSpend);
    }

    [Fact]
    public void Constructor_LastPurchaseAtEndOfPeriod_IsAllowed() =>
        Assert.Equal(10, new RepeatPurchaseSummary(1, 10, 10).Recency);

    [Theory]
    [InlineData(2, -1.0, 38.86, 0.0, "Recency")]
    [InlineData(2, 40.0, 38.86, 0.0, "Recency")]
    [InlineData(-1, 0.0, 38.86, 0.0, "Frequency")]
    [InlineData(0, 5.0, 38.86, 0.0, "recency 0")]
    [InlineData(2, 1.0, -1.0, 0.0, "Age")]
    [InlineData(2, double.NaN, 38.86, 0.0, "Recency")]
    [InlineData(2, 1.0, double.PositiveInfinity, 0.0, "Age")]
    [InlineData(2, 1.0, 38.86, -5.0, "spend")]
    [InlineData(0, 0.0, 38.86, 12.0, "no mean repeat spend")]
    public void Constructor_InconsistentHistory_IsRejected(int x, double tx, double t, double zbar, string messagePart)
    {
        var error = Assert.Throws<ArgumentException>(() => new RepeatPurchaseSummary(x, tx, t, zbar));
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }
}
