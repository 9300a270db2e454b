namespace LiveProfile.Prediction.Tests;

/// <summary>
/// Gamma-Gamma spend on CDNOW's 946 repeat buyers (Fader, Hardie &amp; Lee 2005, "RFM and CLV"). "Exact" values
/// were computed independently with mpmath (25-40 digits, Newton's method for the MLE).
/// </summary>
public sealed class GammaGammaModelTests
{
    private static readonly GammaGammaModel Published = new(6.25, 3.74, 15.44);
    // Fitted once for the tests of this class (speed is measured in docs/benchmarks.md, not asserted here).
    private static readonly Lazy<ModelFit<GammaGammaModel>> CdnowFit = new(() => GammaGammaModel.Fit(ReferenceData.CdnowSummaryWithSpend));

    [Fact]
    public void LogLikelihood_PublishedParameters_IsPublishedValue()
    {
        // The density of zbar, with its x^(px) factor, gives the published -4055.9; without that factor the sum
        // is -24347.5, so the published figure is for zbar, not for the total x zbar.
        var ll = GammaGammaModel.LogLikelihood(Published, ReferenceData.CdnowSummaryWithSpend);

        Assert.Equal(-4055.9, ll, 0.1);
        Approx.Relative(-4055.92471273017, ll, 1e-12);
    }

    [Fact]
    public void Fit_Cdnow_ReproducesPublishedParameters()
    {
        var fit = CdnowFit.Value;

        Assert.Equal(6.25, fit.Model.P, 0.005);
        Assert.Equal(3.74, fit.Model.Q, 0.005);
        // The exact MLE has v = 15.4477 (lifetimes prints 15.45); the paper's 15.44 is 0.008 below it.
        Assert.Equal(15.44, fit.Model.V, 0.01);
        Assert.Equal(-4055.9, fit.LogLikelihood, 0.1);
        Assert.True(fit.Converged);
        Assert.InRange(fit.Iterations, 1, 499);
    }

    [Fact]
    public void Fit_Cdnow_FindsTheExactMaximum()
    {
        var fit = CdnowFit.Value;

        Approx.Relative(6.24880249, fit.Model.P, 1e-4);
        Approx.Relative(3.74458845, fit.Model.Q, 1e-4);
        Approx.Relative(15.447748, fit.Model.V, 1e-4);
        Assert.Equal(-4055.92324350286, fit.LogLikelihood, 1e-6);
    }

    [Fact]
    public void ConditionalExpectedAverageSpend_FittedModel_MatchesLifetimesDocumentation()
    {
        // lifetimes' docs list 24.658619 (x = 2, zbar = 22.35), 18.911489 (x = 1, zbar = 11.77) and 35.170981 (x = 0).
        var model = CdnowFit.Value.Model;

        Assert.Equal(24.658619, model.ConditionalExpectedAverageSpend(2, 22.35), 0.001);
        Assert.Equal(18.911489, model.ConditionalExpectedAverageSpend(1, 11.77), 0.001);
        Assert.Equal(35.170981, model.ConditionalExpectedAverageSpend(0, 0), 0.001);
    }

    [Fact]
    public void ConditionalExpectedAverageSpend_LiesBetweenPopulationMeanAndOwnMean()
    {
        var populationMean = Published.P * Published.V / (Published.Q - 1);

        Assert.Equal(populationMean, Published.ConditionalExpectedAverageSpend(0, 0), 12);
        var few = Published.ConditionalExpectedAverageSpend(1, 100);
        var many = Published.ConditionalExpectedAverageSpend(50, 100);
        Assert.InRange(few, populationMean, 100);
        Assert.InRange(many, few, 100);
        Assert.Equal(100, Published.ConditionalExpectedAverageSpend(100_000, 100), 0.01);
    }

    [Fact]
    public void ConditionalExpectedAverageSpend_InfiniteMean_IsAnError() =>
        Assert.Throws<InvalidOperationException>(() => new GammaGammaModel(1, 0.5, 10).ConditionalExpectedAverageSpend(0, 0));

    [Fact]
    public void Fit_NoCustomersOrNoRepeatBuyers_IsAnError()
    {
        Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit([]));
        var error = Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit([new RepeatPurchaseSummary(0, 0, 38.86), new RepeatPurchaseSummary(0, 0, 20)]));
        Assert.Contains("repeat buyers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_RepeatBuyerWithoutSpend_IsAnError() =>
        Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit([new RepeatPurchaseSummary(2, 10, 38.86, 0)]));

    [Theory]
    [InlineData(6.25, 3.74, 15.44, 100, 1000.0, -17.216560671249824)]
    [InlineData(1e-3, 1e3, 1e-2, 100, 1000.0, -16126.565488377132)]
    [InlineData(1e3, 1e-3, 1e4, 1, 0.01, -13817.806659408474)]
    public void LogLikelihood_ExtremeCustomersAndParameters_IsFiniteAndAccurate(double p, double q, double v, int x, double zbar, double expected) =>
        Approx.Relative(expected, new GammaGammaModel(p, q, v).LogLikelihood(new RepeatPurchaseSummary(x, 1, 2, zbar)), 1e-11);
}
