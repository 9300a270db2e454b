namespace LiveProfile.Cli.Evaluate;

/// <summary>Counts of one tag (or family) over the people of the ground truth.</summary>
internal sealed class TagScore(string id, string family)
{
    public string Id => id;
    public string Family => family;
    public int TruePositives, FalsePositives, FalseNegatives;
    /// <summary>Errors on people whose viewer id was never linked to their account (identity noise, not the rules).</summary>
    public int ErrorsOnUnlinked;
    public List<string> FalsePositiveExamples { get; } = [];
    public List<string> FalseNegativeExamples { get; } = [];

    public int Support => TruePositives + FalseNegatives;
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : TruePositives / (double)(TruePositives + FalsePositives);
    public double Recall => Support == 0 ? double.NaN : TruePositives / (double)Support;
    public double F1 => Precision + Recall is var sum && sum > 0 ? 2 * Precision * Recall / sum : double.NaN;

    public void Add(TagScore other)
    {
        TruePositives += other.TruePositives;
        FalsePositives += other.FalsePositives;
        FalseNegatives += other.FalseNegatives;
        ErrorsOnUnlinked += other.ErrorsOnUnlinked;
    }
}
