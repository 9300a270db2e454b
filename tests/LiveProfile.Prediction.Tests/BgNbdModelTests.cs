namespace LiveProfile.Prediction.Tests;

/// <summary>
/// BG/NBD against Fader, Hardie &amp; Lee (2005) on CDNOW. "Exact" values were computed independently with mpmath
/// at 25-40 digits (the closed-form likelihood, Newton's method on it for the MLE, mpmath's hyp2f1 for eq. 10).
/// </summary>
public sealed class BgNbdModelTests
{
    private static readonly BgNbdModel Published = new(0.243, 4.414, 0.793, 2.426);
    // Fitted once for the tests of this class (speed is measured in docs/benchmarks.md, not asserted here).
    private static readonly Lazy<ModelFit<BgNbdModel>> CdnowFit = new(() => BgNbdModel.Fit(ReferenceData.CdnowSummary));

    [Fact]
    public void LogLikelihood_PublishedParameters_IsPublishedValue()
    {
        var ll = BgNbdModel.LogLikelihood(Published, ReferenceData.CdnowSummary);

        Assert.Equal(-9582.4, ll, 0.1);
        Approx.Relative(-9582.42683118236, ll, 1e-12);
    }

    [Fact]
    public void Fit_Cdnow_ReproducesPublishedParameters()
    {
        var fit = CdnowFit.Value;

        // Published to 3 decimals; the exact MLE (0.2425929, 4.4135316, 0.7928861, 2.4257534) rounds to them.
        Assert.Equal(0.243, fit.Model.R, 0.0005);
        Assert.Equal(4.414, fit.Model.Alpha, 0.0005);
        Assert.Equal(0.793, fit.Model.A, 0.0005);
        Assert.Equal(2.426, fit.Model.B, 0.0005);
        Assert.Equal(-9582.4, fit.LogLikelihood, 0.1);
        Assert.True(fit.Converged);
        Assert.InRange(fit.Iterations, 1, 499);
    }

    [Fact]
    public void Fit_Cdnow_FindsTheExactMaximum()
    {
        var fit = CdnowFit.Value;

        Approx.Relative(0.242592907, fit.Model.R, 1e-4);
        Approx.Relative(4.41353156, fit.Model.Alpha, 1e-4);
        Approx.Relative(0.792886148, fit.Model.A, 1e-4);
        Approx.Relative(2.42575344, fit.Model.B, 1e-4);
        Assert.Equal(-9582.42556056736, fit.LogLikelihood, 1e-6);
        Assert.Equal(fit.LogLikelihood, BgNbdModel.LogLikelihood(fit.Model, ReferenceData.CdnowSummary), 1e-9);
    }

    [Fact]
    public void Fit_TinyIterationBudget_IsNotConverged()
    {
        var fit = BgNbdModel.Fit(ReferenceData.CdnowSummary, maximumIterations: 1);

        Assert.False(fit.Converged);
        Assert.True(fit.LogLikelihood < -9582.43);
    }

    [Fact]
    public void Fit_NoCustomers_IsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => BgNbdModel.Fit([]));
        Assert.Contains("no customers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionalExpectedPurchases_PaperExample_Is1226()
    {
        // FHL 2005: a customer with x = 2, t_x = 30.43, T = 38.86 is expected to make 1.226 purchases in 39 weeks.
        var expected = Published.ConditionalExpectedPurchases(39, 2, 30.43, 38.86);

        Assert.Equal(1.226, expected, 0.0005);
        Approx.Relative(1.22602817476714, expected, 1e-12);
    }

    [Fact]
    public void ConditionalExpectedPurchases_EulerForm_MatchesDirectEquation10()
    {
        // Eq. 10 as printed, with the untransformed 2F1(r+x, b+x; a+b+x-1; z).
        foreach (var (t, x, tx, age) in new[] { (39.0, 2, 30.43, 38.86), (52.0, 0, 0.0, 20.0), (10.0, 7, 35.0, 38.86), (200.0, 1, 1.71, 38.86) })
        {
            var (r, alpha, a, b) = (Published.R, Published.Alpha, Published.A, Published.B);
            var z = t / (alpha + age + t);
            var f = Hypergeometric2F1.Evaluate(r + x, b + x, a + b + x - 1, z);
            var bracket = 1 - Math.Pow((alpha + age) / (alpha + age + t), r + x) * f;
            var direct = (a + b + x - 1) / (a - 1) * bracket * Published.ProbabilityAlive(x, tx, age);

            Approx.Relative(direct, Published.ConditionalExpectedPurchases(t, x, tx, age), 1e-11);
        }
    }

    [Fact]
    public void ExpectedPurchases_NewCustomer_MatchesHighPrecisionValue()
    {
        Approx.Relative(1.19672319332081, Published.ExpectedPurchases(39), 1e-12);
        Assert.Equal(0, Published.ExpectedPurchases(0));
        Assert.True(Published.ExpectedPurchases(78) > Published.ExpectedPurchases(39));
        // A very long horizon (z = 0.9996) still converges.
        Assert.InRange(Published.ExpectedPurchases(10_000), Published.ExpectedPurchases(78), 1e3);
    }

    [Fact]
    public void ConditionalExpectedPurchases_ShapeAIsOne_UsesTheLimit()
    {
        // E[X(t)] divides by a - 1; mpmath (50 digits) at a = 1 -+ 1e-15 gives the limit 1.97688537022422.
        var model = new BgNbdModel(0.5, 4, 1, 2);

        Approx.Relative(1.97688537022422, model.ExpectedPurchases(39), 1e-9);
        // Across the edge of the interpolated band around a = 1 the expectation stays continuous and keeps
        // falling in a (a larger a means likelier dropout).
        var inside = new BgNbdModel(0.5, 4, 1 + 0.9e-5, 2).ExpectedPurchases(39);
        var outside = new BgNbdModel(0.5, 4, 1 + 1.1e-5, 2).ExpectedPurchases(39);
        Assert.True(model.ExpectedPurchases(39) > inside);
        Assert.InRange(inside - outside, 1e-9, 1e-5);
    }

    [Fact]
    public void ProbabilityAlive_KnownValuesAndRange()
    {
        Approx.Relative(0.726578570080673, Published.ProbabilityAlive(2, 30.43, 38.86), 1e-12);
        // No repeat purchase: BG/NBD customers can only drop out right after a purchase.
        Assert.Equal(1.0, Published.ProbabilityAlive(0, 0, 38.86));
        Assert.All(ReferenceData.CdnowSummary, c => Assert.InRange(Published.ProbabilityAlive(c), double.Epsilon, 1.0));
        // A recent buyer is likelier alive than one who has been silent since early on.
        Assert.True(Published.ProbabilityAlive(5, 38, 38.86) > Published.ProbabilityAlive(5, 5, 38.86));
    }

    [Fact]
    public void Predictions_ExtremeCustomer_MatchHighPrecisionValues()
    {
        var customer = new RepeatPurchaseSummary(100, 900, 1000);

        Approx.Relative(0.0034653957549988, Published.ProbabilityAlive(customer), 1e-10);
        Approx.Relative(0.0176329729561912, Published.ConditionalExpectedPurchases(52, customer), 1e-10);
    }

    [Theory]
    [InlineData(0.243, 4.414, 0.793, 2.426, 100, 900.0, 1000.0, -330.93525078185742)]
    [InlineData(0.243, 4.414, 0.793, 2.426, 5, 1.0, 1000.0, -9.2630422530924767)]
    [InlineData(50, 1e-3, 1e-3, 1e3, 100, 900.0, 1000.0, -924.07327518992223)]
    [InlineData(50, 1e-3, 1e-3, 1e3, 0, 0.0, 1000.0, -690.7755778981887)]
    [InlineData(50, 1e-3, 1e-3, 1e3, 2, 30.43, 38.86, -527.57636879043939)]
    public void LogLikelihood_ExtremeCustomersAndParameters_IsFiniteAndAccurate(double r, double alpha, double a, double b, int x, double tx, double t, double expected) =>
        Approx.Relative(expected, new BgNbdModel(r, alpha, a, b).LogLikelihood(new RepeatPurchaseSummary(x, tx, t)), 1e-11);

    [Fact]
    public void Constructor_NonPositiveParameter_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(0, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(1, double.NaN, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Published.ConditionalExpectedPurchases(-1, default));
    }
}
