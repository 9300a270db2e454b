namespace LiveProfile.Prediction;

/// <summary>
/// Discounted expected value of a customer's future purchases, as lifetimes' customer_lifetime_value computes it:
/// the horizon is cut into periods (e.g. months), each period's expected purchases (the growth of the cumulative
/// conditional expectation) are valued at the Gamma-Gamma expected spend and discounted to today.
/// </summary>
internal static class CustomerValue
{
    /// <summary>
    /// Sum over k = 1..periods of (E[Y(k L)] - E[Y((k-1) L)]) * spend / (1 + discountRate)^k, with L =
    /// <paramref name="periodLength"/> model time units per period (4.345 weeks per month for a weekly model) and
    /// spend = E[mean spend | x, zbar]. Purchases in period k are discounted as if made at its end.
    /// </summary>
    /// <param name="purchases">Fitted BG/NBD or Pareto/NBD model.</param>
    /// <param name="spend">Fitted Gamma-Gamma spend model.</param>
    /// <param name="customer">The customer's history, including the mean repeat spend.</param>
    /// <param name="periods">Number of periods in the horizon (12 for a year of months).</param>
    /// <param name="periodLength">Length of one period in the models' time unit.</param>
    /// <param name="discountRate">Discount rate per period (0.01 a month is about 12.7% a year).</param>
    public static double Expected(IRepeatPurchaseModel purchases, GammaGammaModel spend, RepeatPurchaseSummary customer,
        int periods, double periodLength, double discountRate)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        if (!double.IsFinite(periodLength) || periodLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(periodLength), periodLength, "Period length must be positive and finite.");
        }
        if (!double.IsFinite(discountRate) || discountRate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "Discount rate must be finite and above -1.");
        }

        var perPurchase = spend.ConditionalExpectedAverageSpend(customer);
        var value = 0.0;
        var previous = 0.0;
        for (var k = 1; k <= periods; k++)
        {
            var cumulative = purchases.ConditionalExpectedPurchases(k * periodLength, customer);
            value += (cumulative - previous) * perPurchase / Math.Pow(1 + discountRate, k);
            previous = cumulative;
        }
        return value;
    }
}
