using MathNet.Numerics;

namespace LiveProfile.Prediction;

/// <summary>
/// Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987): while active a customer buys as a Poisson process with
/// rate lambda ~ Gamma(r, alpha); their lifetime is exponential with rate mu ~ Gamma(s, beta). Likelihood and
/// P(alive) follow Fader &amp; Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions".
/// </summary>
internal sealed class ParetoNbdModel : IRepeatPurchaseModel
{
    public ParetoNbdModel(double r, double alpha, double s, double beta)
    {
        R = ModelParameter.Positive(r, nameof(r));
        Alpha = ModelParameter.Positive(alpha, nameof(alpha));
        S = ModelParameter.Positive(s, nameof(s));
        Beta = ModelParameter.Positive(beta, nameof(beta));
    }

    /// <summary>Shape of the purchase-rate gamma.</summary>
    public double R { get; }

    /// <summary>Scale (rate) of the purchase-rate gamma, in time units.</summary>
    public double Alpha { get; }

    /// <summary>Shape of the dropout-rate gamma.</summary>
    public double S { get; }

    /// <summary>Scale (rate) of the dropout-rate gamma, in time units.</summary>
    public double Beta { get; }

    /// <summary>Fits by maximum likelihood, starting from all parameters 1.</summary>
    public static ModelFit<ParetoNbdModel> Fit(IReadOnlyList<RepeatPurchaseSummary> customers, int maximumIterations = 500)
    {
        var groups = CustomerGroups.Of(customers);
        var outcome = LogParameterOptimizer.Maximize(
            p => groups.Sum(new ParetoNbdModel(p[0], p[1], p[2], p[3]).LogLikelihood), [1.0, 1.0, 1.0, 1.0], maximumIterations);
        var p = outcome.Parameters;
        return new ModelFit<ParetoNbdModel>(new ParetoNbdModel(p[0], p[1], p[2], p[3]), outcome.LogLikelihood, outcome.Iterations, outcome.Converged);
    }

    /// <summary>Sum over customers of the log-likelihood.</summary>
    public static double LogLikelihood(ParetoNbdModel model, IEnumerable<RepeatPurchaseSummary> customers) =>
        customers.Sum(model.LogLikelihood);

    /// <summary>
    /// One customer's log-likelihood (Fader-Hardie note):
    /// L = G(r+x) alpha^r beta^s / G(r) [ (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0 ],
    /// the first term for "still alive at T", the second for "died between t_x and T".
    /// </summary>
    public double LogLikelihood(RepeatPurchaseSummary customer)
    {
        var x = customer.Frequency;
        var logA1 = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha) + S * Math.Log(Beta);
        var (alive, died) = LogTerms(customer);
        return logA1 + LogMath.LogSumExp(alive, died);
    }

    /// <summary>P(alive | x, t_x, T): the "alive at T" share of the likelihood bracket.</summary>
    public double ProbabilityAlive(RepeatPurchaseSummary customer)
    {
        var (alive, died) = LogTerms(customer);
        return LogMath.LogisticOfNegative(died - alive);
    }

    /// <inheritdoc cref="ProbabilityAlive(RepeatPurchaseSummary)"/>
    public double ProbabilityAlive(int frequency, double recency, double age) =>
        ProbabilityAlive(new RepeatPurchaseSummary(frequency, recency, age));

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive)
    /// (Fader-Hardie note); the bracket over s-1 is computed with expm1, so s = 1 gives its limit ln((beta+T+t)/(beta+T)).
    /// </summary>
    public double ConditionalExpectedPurchases(double horizon, RepeatPurchaseSummary customer)
    {
        ModelParameter.Horizon(horizon, nameof(horizon));
        var x = customer.Frequency;
        var t = customer.Age;
        var logGrowth = LogMath.Log1p(horizon / (Beta + t));
        var rateTimesLifetime = (R + x) / (Alpha + t) * (Beta + t) * LogMath.OneMinusExpOver(S - 1, logGrowth);
        return rateTimesLifetime * ProbabilityAlive(customer);
    }

    /// <inheritdoc cref="ConditionalExpectedPurchases(double, RepeatPurchaseSummary)"/>
    public double ConditionalExpectedPurchases(double horizon, int frequency, double recency, double age) =>
        ConditionalExpectedPurchases(horizon, new RepeatPurchaseSummary(frequency, recency, age));

    /// <summary>The logs of the two terms of the likelihood bracket: alive at T, and died in (t_x, T].</summary>
    private (double Alive, double Died) LogTerms(RepeatPurchaseSummary customer)
    {
        var x = customer.Frequency;
        var alive = -(R + x) * Math.Log(Alpha + customer.Age) - S * Math.Log(Beta + customer.Age);
        var died = Math.Log(S) - Math.Log(R + S + x) + ParetoNbdA0.Log(this, customer);
        return (alive, died);
    }
}
