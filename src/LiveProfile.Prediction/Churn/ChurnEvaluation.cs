namespace LiveProfile.Prediction.Churn;

/// <summary>
/// How a churn model did on examples it was not trained on: ranking (AUC), probability quality (Brier score, log-loss),
/// and calibration as reliability bins (mean predicted risk against the observed churn rate, per tenth of risk).
/// </summary>
internal sealed record ChurnEvaluation(int Examples, double ChurnRate, double Auc, double Brier, double LogLoss, IReadOnlyList<ReliabilityBin> Calibration);

/// <param name="From">Lower bound of the predicted risks in the bin (inclusive); the bin ends at <c>From + 0.1</c>.</param>
internal sealed record ReliabilityBin(double From, int Examples, double MeanPredicted, double ObservedRate);
