namespace LiveProfile.Cli.Loadgen;

/// <summary>
/// Zipf-distributed ranks 1..n (P(k) ∝ k^-s) by rejection-inversion (Hörmann and Derflinger 1996):
/// O(1) memory and time per sample, so a million users cost no table.
/// </summary>
internal sealed class ZipfSampler
{
    private readonly int _n;
    private readonly double _exponent;
    private readonly double _hIntegralX1;
    private readonly double _hIntegralN;
    private readonly double _s;

    public ZipfSampler(int n, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(exponent, 0);
        _n = n;
        _exponent = exponent;
        _hIntegralX1 = HIntegral(1.5) - 1;
        _hIntegralN = HIntegral(n + 0.5);
        _s = 2 - HIntegralInverse(HIntegral(2.5) - H(2));
    }

    public int Sample(Random rng)
    {
        while (true)
        {
            var u = _hIntegralN + rng.NextDouble() * (_hIntegralX1 - _hIntegralN);
            var x = HIntegralInverse(u);
            var k = (int)Math.Clamp(x + 0.5, 1, _n);
            if (k - x <= _s || u >= HIntegral(k + 0.5) - H(k)) return k;
        }
    }

    private double H(double x) => Math.Exp(-_exponent * Math.Log(x));

    private double HIntegral(double x)
    {
        var logX = Math.Log(x);
        return Helper2((1 - _exponent) * logX) * logX;
    }

    private double HIntegralInverse(double x)
    {
        var t = Math.Max(x * (1 - _exponent), -1);
        return Math.Exp(Helper1(t) * x);
    }

    /// <summary>log(1 + x) / x, stable near 0.</summary>
    private static double Helper1(double x) =>
        Math.Abs(x) > 1e-8 ? Math.Log(1 + x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));

    /// <summary>(e^x − 1) / x, stable near 0.</summary>
    private static double Helper2(double x) =>
        Math.Abs(x) > 1e-8 ? (Math.Exp(x) - 1) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x));
}
