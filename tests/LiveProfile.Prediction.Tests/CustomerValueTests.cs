namespace LiveProfile.Prediction.Tests;

public sealed class CustomerValueTests
{
    private const double WeeksPerMonth = 4.345;
    private static readonly BgNbdModel BgNbd = new(0.243, 4.414, 0.793, 2.426);
    private static readonly ParetoNbdModel ParetoNbd = new(0.553, 10.578, 0.606, 11.669);
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);
    private static readonly RepeatPurchaseSummary Customer = new(2, 30.43, 38.86, 22.35);

    public static TheoryData<string> Models => ["bg/nbd", "pareto/nbd"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Expected_NoDiscount_IsExpectedPurchasesTimesSpend(string name)
    {
        var model = Model(name);
        var expected = model.ConditionalExpectedPurchases(12 * WeeksPerMonth, Customer) * Spend.ConditionalExpectedAverageSpend(Customer);

        Approx.Relative(expected, CustomerValue.Expected(model, Spend, Customer, 12, WeeksPerMonth, 0), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Expected_Discounted_DiscountsEachMonthsPurchases(string name)
    {
        var model = Model(name);
        var spend = Spend.ConditionalExpectedAverageSpend(Customer);
        var first = model.ConditionalExpectedPurchases(WeeksPerMonth, Customer);
        var second = model.ConditionalExpectedPurchases(2 * WeeksPerMonth, Customer);
        var expected = first * spend / 1.01 + (second - first) * spend / (1.01 * 1.01);

        Approx.Relative(expected, CustomerValue.Expected(model, Spend, Customer, 2, WeeksPerMonth, 0.01), 1e-12);
        Assert.True(CustomerValue.Expected(model, Spend, Customer, 12, WeeksPerMonth, 0.01) < CustomerValue.Expected(model, Spend, Customer, 12, WeeksPerMonth, 0));
    }

    [Fact]
    public void Expected_LikelierAliveCustomer_IsWorthMore()
    {
        var lapsed = new RepeatPurchaseSummary(2, 5, 38.86, 22.35);

        Assert.True(CustomerValue.Expected(BgNbd, Spend, Customer, 12, WeeksPerMonth, 0.01) > CustomerValue.Expected(BgNbd, Spend, lapsed, 12, WeeksPerMonth, 0.01));
        Assert.Equal(0, CustomerValue.Expected(BgNbd, Spend, Customer, 0, WeeksPerMonth, 0.01));
    }

    [Fact]
    public void Expected_InvalidHorizon_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerValue.Expected(BgNbd, Spend, Customer, -1, WeeksPerMonth, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerValue.Expected(BgNbd, Spend, Customer, 12, 0, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerValue.Expected(BgNbd, Spend, Customer, 12, WeeksPerMonth, -1));
    }

    private static IRepeatPurchaseModel Model(string name) => name == "bg/nbd" ? BgNbd : ParetoNbd;
}
