namespace LiveProfile.Prediction;

/// <summary>Log-space helpers: the likelihoods multiply tiny and huge factors, so they are summed as logs.</summary>
internal static class LogMath
{
    /// <summary>ln(e^x + e^y) without overflow; -inf stands for a zero term.</summary>
    public static double LogSumExp(double x, double y)
    {
        if (double.IsNegativeInfinity(x))
        {
            return y;
        }
        if (double.IsNegativeInfinity(y))
        {
            return x;
        }
        var max = Math.Max(x, y);
        return max + Log1p(Math.Exp(-Math.Abs(x - y)));
    }

    /// <summary>ln(e^x - e^y) for x &gt;= y; -inf when the difference is zero (or lost to rounding).</summary>
    public static double LogDiffExp(double x, double y)
    {
        if (double.IsNegativeInfinity(y))
        {
            return x;
        }
        if (!(x > y))
        {
            return double.NegativeInfinity;
        }
        var d = y - x;
        // ln(1 - e^d): log1p when e^d is small, ln(-expm1) when d is close to 0 (Maechler's rule).
        return x + (d < -Math.Log(2) ? Log1p(-Math.Exp(d)) : Math.Log(-Expm1(d)));
    }

    /// <summary>ln(1 + x), accurate for small x (the BCL's LogP1 is plain Log(1 + x)).</summary>
    public static double Log1p(double x)
    {
        var u = 1.0 + x;
        // Goldberg's trick: the rounding of 1 + x is corrected by the ratio x / (u - 1).
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>e^x - 1, accurate for small x (the BCL's ExpM1 is plain Exp(x) - 1).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1.0;
        }
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }
        // Kahan's trick: (u - 1) * x / ln(u) cancels the rounding error of exp.
        var um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

    /// <summary>(1 - e^(-k y)) / k, which tends to y as k tends to 0.</summary>
    public static double OneMinusExpOver(double k, double y) => k == 0 ? y : -Expm1(-k * y) / k;

    /// <summary>1 / (1 + e^x) without overflow for large |x|.</summary>
    public static double LogisticOfNegative(double x)
    {
        if (x >= 0)
        {
            var e = Math.Exp(-x);
            return e / (1.0 + e);
        }
        return 1.0 / (1.0 + Math.Exp(x));
    }
}
