namespace LiveProfile.Prediction;

/// <summary>
/// Gauss hypergeometric function 2F1(a, b; c; z) by its power series, for |z| &lt; 1. The models only need
/// 0 &lt;= z &lt; 1 with positive-ish parameters, where the series converges; near z = 1 it converges slowly,
/// so the term count is bounded and a failure to converge is reported rather than a truncated sum returned.
/// </summary>
internal static class Hypergeometric2F1
{
    /// <summary>Enough for z up to about 1 - 4e-5 at full precision.</summary>
    public const int DefaultMaximumTerms = 1_000_000;

    private const double RelativeTolerance = 1e-15;

    /// <summary>2F1(a, b; c; z); throws <see cref="ArithmeticException"/> when the series does not converge in the term budget.</summary>
    public static double Evaluate(double a, double b, double c, double z, int maximumTerms = DefaultMaximumTerms) =>
        TryEvaluate(a, b, c, z, maximumTerms, out var value)
            ? value
            : throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}) did not converge within {maximumTerms} terms.");

    /// <summary>2F1(a, b; c; z), or false when the series does not converge within <paramref name="maximumTerms"/> terms.</summary>
    public static bool TryEvaluate(double a, double b, double c, double z, int maximumTerms, out double value)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(z))
        {
            throw new ArgumentException($"2F1 arguments must be finite: a={a}, b={b}, c={c}, z={z}.");
        }
        if (!(Math.Abs(z) < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The 2F1 power series needs |z| < 1.");
        }
        if (c <= 0 && c == Math.Floor(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "2F1 is undefined for c a non-positive integer.");
        }

        // Ratios of consecutive terms settle monotonically towards z only once n exceeds the parameters'
        // size, so the tail bound below is trusted only from there on.
        var monotoneFrom = Math.Abs(a) + Math.Abs(b) + Math.Abs(c) + 1;
        var sum = 1.0;
        var term = 1.0;
        for (var n = 0; n < maximumTerms; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            var next = term * ratio;
            if (next == 0)
            {
                // A non-positive integer a or b ends the series (a polynomial), or the terms underflowed.
                value = sum;
                return true;
            }
            sum += next;
            if (!double.IsFinite(sum))
            {
                value = double.NaN;
                return false;
            }
            term = next;
            if (n + 1 >= monotoneFrom)
            {
                // Once later ratios stay below rho, the tail after this term is at most |term| * rho / (1 - rho).
                var rho = Math.Max(Math.Abs(ratio), Math.Abs(z));
                if (rho < 1 && Math.Abs(term) * rho <= RelativeTolerance * Math.Abs(sum) * (1 - rho))
                {
                    value = sum;
                    return true;
                }
            }
        }
        value = double.NaN;
        return false;
    }
}
