namespace LiveProfile.Prediction;

/// <summary>The optimiser's result in natural (not log) parameters.</summary>
internal sealed record OptimizationOutcome(IReadOnlyList<double> Parameters, double LogLikelihood, int Iterations, bool Converged);
