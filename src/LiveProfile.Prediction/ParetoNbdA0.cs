using MathNet.Numerics;

namespace LiveProfile.Prediction;

/// <summary>
/// ln A0 of the Pareto/NBD likelihood, where s/(r+s+x) A0 = s * Integral over (t_x, T] of
/// (alpha+tau)^-(r+x) (beta+tau)^-(s+1) d tau is the weight of "died in (t_x, T]". With
/// w(tau) = |alpha-beta| / (max(alpha,beta)+tau) the integral has the closed form (Fader-Hardie note;
/// lifetimes' ParetoNBDFitter._log_A_0)
/// A0 = F(w(t_x)) / (max+t_x)^(r+s+x) - F(w(T)) / (max+T)^(r+s+x),
/// F = 2F1(r+s+x, s+1; r+s+x+1; w) when alpha &gt;= beta, 2F1(r+s+x, r+x; r+s+x+1; w) when alpha &lt; beta.
/// </summary>
internal static class ParetoNbdA0
{
    // Above this w the series needs thousands of terms (it converges like w^n); the integral is then
    // integrated numerically instead. Only far from realistic fits does alpha dwarf beta (or the reverse) this much.
    private const double SeriesLimit = 0.95;
    private const int SeriesTerms = 20_000;

    /// <summary>ln A0; -inf when t_x = T (no time to die in after the last purchase).</summary>
    public static double Log(ParetoNbdModel model, RepeatPurchaseSummary customer)
    {
        if (customer.Recency >= customer.Age)
        {
            return double.NegativeInfinity;
        }
        var (high, low) = (Math.Max(model.Alpha, model.Beta), Math.Min(model.Alpha, model.Beta));
        return (high - low) / (high + customer.Recency) <= SeriesLimit && TryLogBySeries(model, customer, out var value)
            ? value
            : LogByQuadrature(model, customer);
    }

    /// <summary>ln A0 from the closed form; false when a series does not converge in its term budget.</summary>
    public static bool TryLogBySeries(ParetoNbdModel model, RepeatPurchaseSummary customer, out double value)
    {
        if (TryLogTerm(model, customer.Frequency, customer.Recency, out var atRecency)
            && TryLogTerm(model, customer.Frequency, customer.Age, out var atAge))
        {
            value = LogMath.LogDiffExp(atRecency, atAge);
            return true;
        }
        value = double.NaN;
        return false;
    }

    /// <summary>ln of F(w(tau)) / (max+tau)^(r+s+x), with F rewritten by Euler's transformation.</summary>
    /// <remarks>
    /// 2F1(A, B; A+1; w) = (1-w)^(1-B) 2F1(1, A+1-B; A+1; w): the right-hand series has terms at most w^n, so
    /// it neither overflows for large x nor needs the huge intermediate sums of the original.
    /// </remarks>
    private static bool TryLogTerm(ParetoNbdModel m, int x, double tau, out double logTerm)
    {
        var rsx = m.R + m.S + x;
        var alphaIsHigh = m.Alpha >= m.Beta;
        var (high, low) = alphaIsHigh ? (m.Alpha, m.Beta) : (m.Beta, m.Alpha);
        var b = alphaIsHigh ? m.S + 1 : m.R + x;
        var logHigh = Math.Log(high + tau);
        var logOneMinusW = Math.Log(low + tau) - logHigh;
        var w = (high - low) / (high + tau);
        if (!Hypergeometric2F1.TryEvaluate(1, rsx + 1 - b, rsx + 1, w, SeriesTerms, out var series))
        {
            logTerm = double.NaN;
            return false;
        }
        logTerm = (1 - b) * logOneMinusW + Math.Log(series) - rsx * logHigh;
        return true;
    }

    /// <summary>
    /// ln A0 from its integral, substituting u = ln(min(alpha,beta) + tau): the integrand is then smooth in u even
    /// when it falls by orders of magnitude within a tiny tau interval, and it is scaled by its value at t_x.
    /// </summary>
    public static double LogByQuadrature(ParetoNbdModel m, RepeatPurchaseSummary customer)
    {
        if (customer.Recency >= customer.Age)
        {
            return double.NegativeInfinity;
        }
        var x = customer.Frequency;
        var low = Math.Min(m.Alpha, m.Beta);
        double LogIntegrand(double u)
        {
            var tau = Math.Exp(u) - low;
            return -(m.R + x) * Math.Log(m.Alpha + tau) - (m.S + 1) * Math.Log(m.Beta + tau) + u;
        }
        var (from, to) = (Math.Log(low + customer.Recency), Math.Log(low + customer.Age));
        var scale = Math.Max(LogIntegrand(from), LogIntegrand(to));
        var integral = Integrate.GaussKronrod(u => Math.Exp(LogIntegrand(u) - scale), from, to, out _, out _, 1e-12, 30, 15);
        return Math.Log(m.R + m.S + x) + scale + Math.Log(integral);
    }
}
