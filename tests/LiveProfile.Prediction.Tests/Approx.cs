namespace LiveProfile.Prediction.Tests;

/// <summary>Relative comparison for values that span many orders of magnitude.</summary>
internal static class Approx
{
    public static void Relative(double expected, double actual, double tolerance)
    {
        Assert.True(double.IsFinite(actual), $"Expected {expected}, got {actual}.");
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"Expected {expected:R} within relative {tolerance}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}).");
    }
}
