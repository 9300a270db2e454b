namespace LiveProfile.Prediction.Churn;

/// <summary>One profile at one day: its features then and whether it churned after (no activity in the next 30 days).</summary>
internal sealed class ChurnExample
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

/// <summary>What the trained model says of an example.</summary>
internal sealed class ChurnScore
{
    public float Probability { get; set; }
}
