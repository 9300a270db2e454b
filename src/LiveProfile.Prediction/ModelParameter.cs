namespace LiveProfile.Prediction;

/// <summary>Validation shared by the models: every parameter is a positive, finite shape or scale.</summary>
internal static class ModelParameter
{
    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Model parameter {name} must be positive and finite.");

    public static double Horizon(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite, non-negative time.");
}
