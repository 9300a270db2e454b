namespace LiveProfile.Prediction.Tests;

/// <summary>The series against closed forms of 2F1.</summary>
public sealed class Hypergeometric2F1Tests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    [InlineData(-0.7)]
    public void Evaluate_OneOneTwo_IsMinusLogOneMinusZOverZ(double z) =>
        Approx.Relative(-Math.Log(1 - z) / z, Hypergeometric2F1.Evaluate(1, 1, 2, z), 1e-13);

    [Theory]
    [InlineData(0.3, 0.25)]
    [InlineData(2.5, 0.8)]
    [InlineData(7.0, -0.4)]
    public void Evaluate_BEqualsC_IsBinomialSeries(double a, double z) =>
        Approx.Relative(Math.Pow(1 - z, -a), Hypergeometric2F1.Evaluate(a, 1.7, 1.7, z), 1e-13);

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.95)]
    public void Evaluate_HalfHalfThreeHalves_IsArcsin(double x) =>
        Approx.Relative(Math.Asin(x) / x, Hypergeometric2F1.Evaluate(0.5, 0.5, 1.5, x * x), 1e-13);

    [Fact]
    public void Evaluate_NegativeIntegerA_IsPolynomial()
    {
        const double b = 2.3, c = 4.1, z = 0.7;
        var expected = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));

        Approx.Relative(expected, Hypergeometric2F1.Evaluate(-2, b, c, z), 1e-14);
    }

    [Fact]
    public void Evaluate_ZeroArgument_IsOne() => Assert.Equal(1.0, Hypergeometric2F1.Evaluate(3.2, 4.5, 1.1, 0));

    [Fact]
    public void TryEvaluate_TooFewTermsNearOne_ReportsNoConvergence()
    {
        Assert.False(Hypergeometric2F1.TryEvaluate(1, 1, 2, 0.99999, 1000, out var value));
        Assert.True(double.IsNaN(value));
        Assert.Throws<ArithmeticException>(() => Hypergeometric2F1.Evaluate(1, 1, 2, 0.99999, 1000));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.5)]
    [InlineData(double.NaN)]
    public void Evaluate_ArgumentOutsideUnitDisc_IsRejected(double z) =>
        Assert.ThrowsAny<ArgumentException>(() => Hypergeometric2F1.Evaluate(1, 1, 2, z));

    [Fact]
    public void Evaluate_NonPositiveIntegerC_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric2F1.Evaluate(1.5, 1, -2, 0.3));
}
