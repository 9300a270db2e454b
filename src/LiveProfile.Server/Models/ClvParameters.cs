namespace LiveProfile.Server.Models;

/// <summary>
/// One fit of the customer-value models over the live population, as served and stored (<c>models/clv/v{n}.json</c>).
/// Times are in weeks: the unit the models were fitted in and the one their published parameters use.
/// </summary>
/// <param name="CalibrationEnd">The last local day of the calibration window; buying after it was not seen by the fit.</param>
/// <param name="Customers">Profiles that had bought by then (each one's first purchase starts its clock).</param>
/// <param name="RepeatBuyers">Of those, the ones with a repeat purchase day (what Gamma-Gamma is fitted on).</param>
/// <param name="Scored">Profiles whose <c>p_alive</c> model score this fit set (at the population's today).</param>
internal sealed record ClvParameters(int Version, DateTimeOffset FittedAt, DateOnly CalibrationEnd, string TimeUnit, int Customers,
    int RepeatBuyers, BgNbdParameters BgNbd, ParetoNbdParameters ParetoNbd, GammaGammaParameters? GammaGamma, double FitSeconds, int Scored);

internal sealed record BgNbdParameters(double R, double Alpha, double A, double B, double LogLikelihood, int Iterations, bool Converged);

internal sealed record ParetoNbdParameters(double R, double Alpha, double S, double Beta, double LogLikelihood, int Iterations, bool Converged);

internal sealed record GammaGammaParameters(double P, double Q, double V, double LogLikelihood, int Iterations, bool Converged);

/// <summary>The body of <c>POST /v1/models/clv/fit</c>: the calibration window's last day (default: the population's today).</summary>
internal sealed record ClvFitRequest(DateOnly? CalibrationEnd);

/// <summary>
/// A profile's predictions at the population's today: from the served customer-value fit (null before one), from the
/// churn classifier (null before one), and its next purchase per category from its repurchase cycles.
/// </summary>
internal sealed record PredictionsAnswer(string ProfileId, DateOnly? AsOf, int HorizonDays, ClvPrediction? Clv, ChurnPrediction? Churn,
    NextPurchase[] NextPurchases);

/// <summary>When the profile will likely order a category again, from its own repurchase cycle (two order days or more).</summary>
/// <param name="DaysUntil">Days from today to the expected order; negative: overdue by that many days.</param>
internal sealed record NextPurchase(string Category, int OrderDays, DateOnly LastOrder, double CycleDays, DateOnly Expected, int DaysUntil);

/// <summary>Whether the profile is still a customer, what it will buy over the horizon, and what that is worth.</summary>
/// <param name="Warnings">Predictions left out, and why.</param>
internal sealed record ClvPrediction(int ModelVersion, bool Buyer, int RepeatPurchaseDays, double RecencyWeeks, double AgeWeeks, double? ProbabilityAlive,
    double? ProbabilityAliveParetoNbd, double? ExpectedPurchases, double? ExpectedAverageOrderValue, double? ExpectedValue, string[]? Warnings);

/// <param name="Risk">The churn risk the last fit set (null: the profile was not active in the 90 days before it).</param>
internal sealed record ChurnPrediction(int ModelVersion, double? Risk);
