namespace LiveProfile.Matching;

/// <summary>
/// Fellegi-Sunter parameters: per field and level, m (how often a true match compares at that level) and u (how often
/// two different people do), and the prior share of matches among the compared pairs. A pair's match weight is the sum
/// of log2(m/u) over its fields (missing fields add nothing); its probability follows from the weight, the prior and
/// the other candidates (<see cref="Matcher.Candidates"/>).
/// </summary>
public sealed class MatchModel
{
    private readonly double[][] _m;
    private readonly double[][] _u;

    public MatchModel(double prior, double[][] m, double[][] u, int iterations)
    {
        if (prior is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(prior), prior, "the prior must be strictly between 0 and 1");
        if (m.Length != MatchLevels.Fields.Length || u.Length != MatchLevels.Fields.Length) throw new ArgumentException("one row per field");
        Prior = prior;
        _m = m;
        _u = u;
        Iterations = iterations;
    }

    /// <summary>The probability that two records drawn at random are the same person.</summary>
    public double Prior { get; }

    /// <summary>A copy with another prior and u (after the fit: the prior of random pairs, u cleared of the matches among them).</summary>
    public MatchModel With(double prior, double[][] u) => new(prior, _m, u, Iterations);

    /// <summary>EM iterations the fit took.</summary>
    public int Iterations { get; }

    public double M(MatchField field, byte level) => _m[(int)field][level];

    public double U(MatchField field, byte level) => _u[(int)field][level];

    /// <summary>log2(m/u) of a field at a level, with u replaced by <paramref name="u"/> when given (a value's own frequency).</summary>
    public double Weight(MatchField field, byte level, double? u = null) =>
        level == MatchLevels.Missing ? 0 : Math.Log2(M(field, level) / (u ?? U(field, level)));
}
