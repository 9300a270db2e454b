using MathNet.Numerics;

namespace LiveProfile.Prediction;

/// <summary>
/// Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Fader &amp; Hardie 2013, "The Gamma-Gamma
/// Model of Monetary Value"): each purchase value is Gamma(p, nu), nu ~ Gamma(q, v) across customers, independent
/// of the purchase process. Only repeat buyers (x &gt; 0) carry information about their own spend.
/// </summary>
internal sealed class GammaGammaModel
{
    public GammaGammaModel(double p, double q, double v)
    {
        P = ModelParameter.Positive(p, nameof(p));
        Q = ModelParameter.Positive(q, nameof(q));
        V = ModelParameter.Positive(v, nameof(v));
    }

    /// <summary>Shape of each purchase value's gamma.</summary>
    public double P { get; }

    /// <summary>Shape of the gamma of the customers' rate nu.</summary>
    public double Q { get; }

    /// <summary>Scale of the gamma of the customers' rate nu, in money.</summary>
    public double V { get; }

    /// <summary>Fits by maximum likelihood on the repeat buyers, starting from all parameters 1.</summary>
    public static ModelFit<GammaGammaModel> Fit(IReadOnlyList<RepeatPurchaseSummary> customers, int maximumIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var buyers = RepeatBuyers(customers).ToList();
        if (buyers.Count == 0)
        {
            throw new ArgumentException("Cannot fit the Gamma-Gamma spend model without repeat buyers (x > 0).", nameof(customers));
        }
        var outcome = LogParameterOptimizer.Maximize(p => LogLikelihood(new GammaGammaModel(p[0], p[1], p[2]), buyers), [1.0, 1.0, 1.0], maximumIterations);
        var p = outcome.Parameters;
        return new ModelFit<GammaGammaModel>(new GammaGammaModel(p[0], p[1], p[2]), outcome.LogLikelihood, outcome.Iterations, outcome.Converged);
    }

    /// <summary>Sum of <see cref="LogLikelihood(RepeatPurchaseSummary)"/> over the repeat buyers; others are skipped.</summary>
    public static double LogLikelihood(GammaGammaModel model, IEnumerable<RepeatPurchaseSummary> customers) =>
        RepeatBuyers(customers).Sum(model.LogLikelihood);

    /// <summary>
    /// ln of the density of the mean repeat spend zbar given x:
    /// G(px+q) / (G(px) G(q)) v^q x^(px) zbar^(px-1) / (v + x zbar)^(px+q).
    /// </summary>
    /// <remarks>
    /// This is lifetimes' GammaGammaFitter form and gives the published -4055.9 on CDNOW. Modelling the total
    /// x zbar instead drops the Jacobian factor x, shifting the sum by -sum ln x (a constant, same optimum).
    /// </remarks>
    public double LogLikelihood(RepeatPurchaseSummary customer)
    {
        var (x, zbar) = (customer.Frequency, customer.MeanRepeatSpend);
        if (x == 0)
        {
            throw new ArgumentException("The Gamma-Gamma likelihood is defined for repeat buyers (x > 0) only.", nameof(customer));
        }
        if (zbar <= 0)
        {
            throw new ArgumentException($"A repeat buyer needs a positive mean repeat spend, got {zbar}.", nameof(customer));
        }
        var px = P * x;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q)
            + Q * Math.Log(V) + (px - 1) * Math.Log(zbar) + px * Math.Log(x) - (px + Q) * Math.Log(V + x * zbar);
    }

    /// <summary>
    /// E[mean spend | x, zbar] = p (v + x zbar) / (p x + q - 1): a weighted average of the population mean
    /// p v / (q-1) and the customer's zbar, leaning on zbar the more purchases back it. For x = 0 the population mean.
    /// </summary>
    public double ConditionalExpectedAverageSpend(int frequency, double meanRepeatSpend)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (!double.IsFinite(meanRepeatSpend) || meanRepeatSpend < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(meanRepeatSpend), meanRepeatSpend, "Mean repeat spend must be finite and non-negative.");
        }
        var shape = P * frequency + Q;
        if (shape <= 1)
        {
            throw new InvalidOperationException($"The expected spend is infinite when p x + q <= 1 (p = {P}, q = {Q}, x = {frequency}).");
        }
        return P * (V + frequency * meanRepeatSpend) / (shape - 1);
    }

    /// <inheritdoc cref="ConditionalExpectedAverageSpend(int, double)"/>
    public double ConditionalExpectedAverageSpend(RepeatPurchaseSummary customer) =>
        ConditionalExpectedAverageSpend(customer.Frequency, customer.MeanRepeatSpend);

    private static IEnumerable<RepeatPurchaseSummary> RepeatBuyers(IEnumerable<RepeatPurchaseSummary> customers) =>
        customers.Where(c => c.Frequency > 0);
}
