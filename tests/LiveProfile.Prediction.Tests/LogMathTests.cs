namespace LiveProfile.Prediction.Tests;

public sealed class LogMathTests
{
    [Fact]
    public void LogSumExp_LargeArguments_DoNotOverflow()
    {
        Assert.Equal(1000 + Math.Log(2), LogMath.LogSumExp(1000, 1000), 12);
        Assert.Equal(-1000 + Math.Log(2), LogMath.LogSumExp(-1000, -1000), 12);
        Assert.Equal(5.0, LogMath.LogSumExp(5, double.NegativeInfinity));
    }

    [Fact]
    public void LogDiffExp_CloseArguments_KeepsPrecision()
    {
        // ln(e^x - e^y) = x + ln(1 - e^-(x-y)) ~ x + ln(x - y) for x - y ~ 1e-12 (exact in doubles near 800).
        const double y = 800 - 1e-12;
        Approx.Relative(800 + Math.Log(800 - y), LogMath.LogDiffExp(800, y), 1e-12);
        Assert.Equal(double.NegativeInfinity, LogMath.LogDiffExp(3, 3));
        Assert.Equal(Math.Log(Math.E - 1), LogMath.LogDiffExp(1, 0), 14);
    }

    [Fact]
    public void Log1pAndExpm1_TinyArguments_AreExact()
    {
        Assert.Equal(1e-20, LogMath.Log1p(1e-20));
        Approx.Relative(1e-10 + 5e-21, LogMath.Expm1(1e-10), 1e-15);
        Approx.Relative(Math.Log(1.5), LogMath.Log1p(0.5), 1e-15);
        Approx.Relative(-1e-9, LogMath.Expm1(-1e-9) , 1e-8);
    }

    [Fact]
    public void OneMinusExpOver_ZeroRate_IsItsLimit()
    {
        Assert.Equal(2.5, LogMath.OneMinusExpOver(0, 2.5));
        Approx.Relative(2.5, LogMath.OneMinusExpOver(1e-12, 2.5), 1e-11);
        Approx.Relative((1 - Math.Exp(-0.5 * 2.5)) / 0.5, LogMath.OneMinusExpOver(0.5, 2.5), 1e-15);
    }

    [Fact]
    public void LogisticOfNegative_ExtremeArguments_StayInUnitInterval()
    {
        Assert.Equal(0.0, LogMath.LogisticOfNegative(1000));
        Assert.Equal(1.0, LogMath.LogisticOfNegative(-1000));
        Assert.Equal(0.5, LogMath.LogisticOfNegative(0));
    }
}
