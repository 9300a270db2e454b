using MathNet.Numerics;

namespace LiveProfile.Prediction;

/// <summary>
/// BG/NBD (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way"): while active a customer buys as
/// a Poisson process with rate lambda ~ Gamma(r, alpha); after each purchase they drop out with probability
/// p ~ Beta(a, b).
/// </summary>
internal sealed class BgNbdModel : IRepeatPurchaseModel
{
    // Eq. 10 divides by a - 1; the expectation is smooth in a, so within this of a = 1 it is interpolated
    // linearly between a = 1 -+ this: cancellation in the bracket costs ~1e-16 / step, the interpolation ~step^2.
    private const double UnitShapeStep = 1e-5;

    public BgNbdModel(double r, double alpha, double a, double b)
    {
        R = ModelParameter.Positive(r, nameof(r));
        Alpha = ModelParameter.Positive(alpha, nameof(alpha));
        A = ModelParameter.Positive(a, nameof(a));
        B = ModelParameter.Positive(b, nameof(b));
    }

    /// <summary>Shape of the purchase-rate gamma.</summary>
    public double R { get; }

    /// <summary>Scale (rate) of the purchase-rate gamma, in time units.</summary>
    public double Alpha { get; }

    /// <summary>First shape of the dropout-probability beta.</summary>
    public double A { get; }

    /// <summary>Second shape of the dropout-probability beta.</summary>
    public double B { get; }

    /// <summary>Fits by maximum likelihood, starting from all parameters 1.</summary>
    public static ModelFit<BgNbdModel> Fit(IReadOnlyList<RepeatPurchaseSummary> customers, int maximumIterations = 500)
    {
        var groups = CustomerGroups.Of(customers);
        var outcome = LogParameterOptimizer.Maximize(
            p => groups.Sum(new BgNbdModel(p[0], p[1], p[2], p[3]).LogLikelihood), [1.0, 1.0, 1.0, 1.0], maximumIterations);
        var p = outcome.Parameters;
        return new ModelFit<BgNbdModel>(new BgNbdModel(p[0], p[1], p[2], p[3]), outcome.LogLikelihood, outcome.Iterations, outcome.Converged);
    }

    /// <summary>Sum over customers of the log-likelihood.</summary>
    public static double LogLikelihood(BgNbdModel model, IEnumerable<RepeatPurchaseSummary> customers) =>
        customers.Sum(model.LogLikelihood);

    /// <summary>
    /// One customer's log-likelihood: ln A1 + ln A2 + ln(A3 + [x &gt; 0] A4) with
    /// A1 = G(r+x) alpha^r / G(r), A2 = B(a, b+x) / B(a, b), A3 = (alpha+T)^-(r+x),
    /// A4 = a / (b+x-1) (alpha+t_x)^-(r+x); the last sum is taken with log-sum-exp.
    /// </summary>
    public double LogLikelihood(RepeatPurchaseSummary customer)
    {
        var (x, tx, t) = (customer.Frequency, customer.Recency, customer.Age);
        var rx = R + x;
        var logA1 = SpecialFunctions.GammaLn(rx) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha);
        var logA2 = SpecialFunctions.BetaLn(A, B + x) - SpecialFunctions.BetaLn(A, B);
        var logA3 = -rx * Math.Log(Alpha + t);
        var logA4 = x > 0 ? Math.Log(A) - Math.Log(B + x - 1) - rx * Math.Log(Alpha + tx) : double.NegativeInfinity;
        return logA1 + logA2 + LogMath.LogSumExp(logA3, logA4);
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + [x &gt; 0] a / (b+x-1) ((alpha+T) / (alpha+t_x))^(r+x)); 1 when x = 0.</summary>
    public double ProbabilityAlive(RepeatPurchaseSummary customer)
    {
        if (customer.Frequency == 0)
        {
            return 1.0;
        }
        var rx = R + customer.Frequency;
        var logOdds = Math.Log(A) - Math.Log(B + customer.Frequency - 1)
            + rx * (Math.Log(Alpha + customer.Age) - Math.Log(Alpha + customer.Recency));
        return LogMath.LogisticOfNegative(logOdds);
    }

    /// <inheritdoc cref="ProbabilityAlive(RepeatPurchaseSummary)"/>
    public double ProbabilityAlive(int frequency, double recency, double age) =>
        ProbabilityAlive(new RepeatPurchaseSummary(frequency, recency, age));

    /// <summary>
    /// E[X(t)]: expected purchases of a newly acquired customer in their first <paramref name="horizon"/> time units,
    /// (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]: eq. 10 with x = t_x = T = 0.
    /// </summary>
    public double ExpectedPurchases(double horizon) => ConditionalExpectedPurchases(horizon, default);

    /// <summary>
    /// E[Y(t) | x, t_x, T] (FHL eq. 10):
    /// (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] P(alive).
    /// The series converges like z^n in z = t/(alpha+T+t): horizons beyond ~1e4 (alpha+T) exhaust its term budget
    /// and throw <see cref="ArithmeticException"/>.
    /// </summary>
    public double ConditionalExpectedPurchases(double horizon, RepeatPurchaseSummary customer)
    {
        ModelParameter.Horizon(horizon, nameof(horizon));
        if (Math.Abs(A - 1) >= UnitShapeStep)
        {
            return ConditionalExpectedPurchases(A, horizon, customer);
        }
        var below = ConditionalExpectedPurchases(1 - UnitShapeStep, horizon, customer);
        var above = ConditionalExpectedPurchases(1 + UnitShapeStep, horizon, customer);
        return below + (A - (1 - UnitShapeStep)) / (2 * UnitShapeStep) * (above - below);
    }

    /// <inheritdoc cref="ConditionalExpectedPurchases(double, RepeatPurchaseSummary)"/>
    public double ConditionalExpectedPurchases(double horizon, int frequency, double recency, double age) =>
        ConditionalExpectedPurchases(horizon, new RepeatPurchaseSummary(frequency, recency, age));

    private double ConditionalExpectedPurchases(double a, double horizon, RepeatPurchaseSummary customer)
    {
        if (horizon == 0)
        {
            return 0;
        }
        var x = customer.Frequency;
        var scaledAge = Alpha + customer.Age;
        var z = horizon / (scaledAge + horizon);
        // Euler's transformation 2F1(A, B; C; z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) turns
        // (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z) into (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z): no huge
        // hypergeometric value times a tiny power, so no overflow for large x or long horizons.
        var logOneMinusZ = -LogMath.Log1p(horizon / scaledAge);
        var transformed = Hypergeometric2F1.Evaluate(a + B - 1 - R, a - 1, a + B + x - 1, z);
        var bracket = 1 - Math.Exp((a - 1) * logOneMinusZ) * transformed;
        var alive = new BgNbdModel(R, Alpha, a, B).ProbabilityAlive(customer);
        return (a + B + x - 1) / (a - 1) * bracket * alive;
    }
}
