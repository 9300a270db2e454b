namespace LiveProfile.Prediction;

/// <summary>
/// One customer's calibration-period history as the buy-till-you-die models see it. The first purchase starts
/// the clock and is not counted. All times are in one unit (weeks in the CDNOW reference data).
/// </summary>
internal readonly record struct RepeatPurchaseSummary
{
    /// <param name="frequency">x: number of repeat purchase periods (several purchases on one day count once).</param>
    /// <param name="recency">t_x: time of the last repeat purchase since the first purchase; 0 when x = 0.</param>
    /// <param name="age">T: time from the first purchase to the end of the calibration period.</param>
    /// <param name="meanRepeatSpend">zbar: average value of the repeat purchases; 0 when x = 0.</param>
    public RepeatPurchaseSummary(int frequency, double recency, double age, double meanRepeatSpend = 0)
    {
        if (frequency < 0)
        {
            throw new ArgumentException($"Frequency must be non-negative, got {frequency}.", nameof(frequency));
        }
        if (!double.IsFinite(age) || age < 0)
        {
            throw new ArgumentException($"Age T must be finite and non-negative, got {age}.", nameof(age));
        }
        if (!double.IsFinite(recency) || recency < 0 || recency > age)
        {
            throw new ArgumentException($"Recency t_x must lie in [0, T] = [0, {age}], got {recency}.", nameof(recency));
        }
        if (frequency == 0 && recency != 0)
        {
            throw new ArgumentException($"A customer without repeat purchases has recency 0, got {recency}.", nameof(recency));
        }
        if (!double.IsFinite(meanRepeatSpend) || meanRepeatSpend < 0)
        {
            throw new ArgumentException($"Mean repeat spend must be finite and non-negative, got {meanRepeatSpend}.", nameof(meanRepeatSpend));
        }
        if (frequency == 0 && meanRepeatSpend != 0)
        {
            throw new ArgumentException($"A customer without repeat purchases has no mean repeat spend, got {meanRepeatSpend}.", nameof(meanRepeatSpend));
        }
        Frequency = frequency;
        Recency = recency;
        Age = age;
        MeanRepeatSpend = meanRepeatSpend;
    }

    /// <summary>x: number of repeat purchases.</summary>
    public int Frequency { get; }

    /// <summary>t_x: time of the last repeat purchase since the first purchase.</summary>
    public double Recency { get; }

    /// <summary>T: time observed since the first purchase.</summary>
    public double Age { get; }

    /// <summary>zbar: average value of the repeat purchases.</summary>
    public double MeanRepeatSpend { get; }
}
