namespace LiveProfile.Prediction;

/// <summary>A fitted purchase-count model (BG/NBD or Pareto/NBD), as customer value needs it.</summary>
internal interface IRepeatPurchaseModel
{
    /// <summary>Probability that the customer is still active at the end of the calibration period.</summary>
    double ProbabilityAlive(RepeatPurchaseSummary customer);

    /// <summary>Expected number of purchases in the next <paramref name="horizon"/> time units, given the history.</summary>
    double ConditionalExpectedPurchases(double horizon, RepeatPurchaseSummary customer);
}
