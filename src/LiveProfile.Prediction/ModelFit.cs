namespace LiveProfile.Prediction;

/// <summary>A maximum-likelihood fit: the model, its log-likelihood on the data, and how the optimiser ended.</summary>
/// <param name="Model">The model at the best parameters found.</param>
/// <param name="LogLikelihood">Sum of the customers' log-likelihoods at those parameters.</param>
/// <param name="Iterations">Optimiser work: Nelder-Mead function evaluations plus BFGS iterations.</param>
/// <param name="Converged">
/// Whether the relative gradient at the result is small, i.e. it is a stationary point. A parameter at the search
/// box's edge (e^-25 or e^25) still signals a degenerate fit, such as a model collapsing into a simpler one.
/// </param>
internal sealed record ModelFit<TModel>(TModel Model, double LogLikelihood, int Iterations, bool Converged);
