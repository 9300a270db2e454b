using MathNet.Numerics.LinearAlgebra;

namespace LiveProfile.Prediction;

/// <summary>
/// Negative log-likelihood over log-parameters, within a box, that remembers the best point it was asked about, because
/// MathNet's minimisers throw away their state when they give up.
/// </summary>
internal sealed class LogParameterObjective(Func<double[], double> logLikelihood, double infeasible)
{
    // Parameters beyond e^+-25 (~1e-11 .. 7e10) are treated as infeasible: there the likelihoods' large
    // cancelling terms (r ln alpha against (r+x) ln(alpha+T)) lose all precision, and rounding noise can look
    // like a better fit than any real optimum. Fits that run into the box are degenerate anyway.
    public const double LogBound = 25;

    public Vector<double> BestPoint { get; private set; } = Vector<double>.Build.Dense(1);

    public double BestValue { get; private set; } = double.PositiveInfinity;

    /// <summary>-LL(exp(theta)), or the infeasible marker where the parameters overflow or the likelihood is not finite.</summary>
    public double Objective(Vector<double> theta)
    {
        var parameters = new double[theta.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!(Math.Abs(theta[i]) <= LogBound))
            {
                return infeasible;
            }
            parameters[i] = Math.Exp(theta[i]);
        }
        var value = -logLikelihood(parameters);
        if (!double.IsFinite(value) || value >= infeasible)
        {
            return infeasible;
        }
        if (value < BestValue)
        {
            BestValue = value;
            BestPoint = theta.Clone();
        }
        return value;
    }
}
