using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace LiveProfile.Prediction;

/// <summary>
/// Maximises a log-likelihood over positive parameters by minimising its negative over their logarithms, which
/// removes the positivity constraints. A Nelder-Mead simplex finds the basin, BFGS with central-difference
/// gradients polishes; if MathNet's BFGS gives up (it throws rather than returning its best point), a small
/// simplex polishes the best point seen so far instead.
/// </summary>
internal static class LogParameterOptimizer
{
    // Relative gradient |g_i| * max(1, |theta_i|) / max(1, |f|) at which BFGS stops: on the CDNOW sample
    // (f ~ 1e4) an absolute gradient of ~1e-4, which moves the parameters by ~1e-5 relative. Central
    // differences carry ~1e-10 relative noise, so a tighter rule only makes BFGS chase noise.
    private const double GradientTolerance = 1e-8;
    // A result counts as converged below this relative gradient at the final point.
    private const double ConvergedGradient = 1e-7;
    // About the cube root of the rounding noise over the third derivative: the step that balances the two errors.
    private const double DifferenceStep = 1e-5;
    // Stands in for an infeasible or overflowing likelihood so that a line search backs off instead of throwing.
    private const double Infeasible = 1e300;

    /// <summary>Finds the parameters maximising <paramref name="logLikelihood"/>, starting from <paramref name="start"/>.</summary>
    public static OptimizationOutcome Maximize(Func<double[], double> logLikelihood, IReadOnlyList<double> start, int maximumIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumIterations, 1);
        var tracker = new LogParameterObjective(logLikelihood, Infeasible);
        var initial = Vector<double>.Build.Dense(start.Select(p => Math.Log(ModelParameter.Positive(p, nameof(start)))).ToArray());
        if (tracker.Objective(initial) >= Infeasible)
        {
            throw new ArgumentException("The log-likelihood is not finite at the starting parameters.", nameof(start));
        }

        // A simplex over a wide region first: from a poor start BFGS's first line search can run far along the
        // gradient into a flat boundary basin (on CDNOW, BG/NBD's a -> 0: the NBD limit, LL -9763.7) and stay there.
        var iterations = Simplex(tracker, initial, 0.5, 1e-10, maximumIterations * 10);
        var gradients = 0;
        var objective = ObjectiveFunction.Gradient(tracker.Objective, theta =>
        {
            gradients++;
            return Gradient(tracker.Objective, theta);
        });
        try
        {
            // BFGS then polishes the simplex's point to a small gradient.
            var result = new BfgsMinimizer(GradientTolerance, 1e-12, 1e-12, maximumIterations).FindMinimum(objective, tracker.BestPoint);
            iterations += result.Iterations;
        }
        catch (OptimizationException)
        {
            // MathNet throws for line-search failure and for the iteration limit alike, without the iteration
            // count: the gradients evaluated (about one per iteration plus line-search trials) stand in for it.
            iterations += Math.Min(gradients, maximumIterations);
            iterations += Simplex(tracker, tracker.BestPoint, 0.01, 1e-14, maximumIterations * 10);
        }

        var best = tracker.BestPoint;
        var value = tracker.BestValue;
        var gradient = Gradient(tracker.Objective, best);
        var relative = Enumerable.Range(0, best.Count).Max(i => Math.Abs(gradient[i]) * Math.Max(1, Math.Abs(best[i])) / Math.Max(1, Math.Abs(value)));
        return new OptimizationOutcome(best.Select(Math.Exp).ToArray(), -value, iterations, relative < ConvergedGradient);
    }

    /// <summary>Nelder-Mead from <paramref name="start"/>; returns the evaluations used (all of them when it hits the limit).</summary>
    private static int Simplex(LogParameterObjective tracker, Vector<double> start, double spread, double tolerance, int maximumEvaluations)
    {
        try
        {
            var perturbation = Vector<double>.Build.Dense(start.Count, spread);
            return new NelderMeadSimplex(tolerance, maximumEvaluations).FindMinimum(ObjectiveFunction.Value(tracker.Objective), start, perturbation).Iterations;
        }
        catch (MaximumIterationsException)
        {
            return maximumEvaluations;
        }
    }

    private static Vector<double> Gradient(Func<Vector<double>, double> f, Vector<double> theta)
    {
        var gradient = Vector<double>.Build.Dense(theta.Count);
        double? f0 = null;
        for (var i = 0; i < theta.Count; i++)
        {
            var up = theta.Clone();
            var down = theta.Clone();
            up[i] += DifferenceStep;
            down[i] -= DifferenceStep;
            var (fu, fd) = (f(up), f(down));
            if (fu < Infeasible && fd < Infeasible)
            {
                gradient[i] = (fu - fd) / (2 * DifferenceStep);
                continue;
            }
            // Next to an infeasible region a one-sided difference is better than none; a zero keeps MathNet from throwing.
            f0 ??= f(theta);
            gradient[i] = f0 >= Infeasible ? 0
                : fu < Infeasible ? (fu - f0.Value) / DifferenceStep
                : fd < Infeasible ? (f0.Value - fd) / DifferenceStep
                : 0;
        }
        return gradient;
    }
}
