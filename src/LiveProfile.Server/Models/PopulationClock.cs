namespace LiveProfile.Server.Models;

/// <summary>The population's today: the local day of the newest partition clock (null before any event), which model fits count from.</summary>
internal static class PopulationClock
{
    public static async Task<int?> TodayAsync(EngineRuntime runtime) =>
        (await Task.WhenAll(Enumerable.Range(0, runtime.EngineOptions.Partitions).Select(p => runtime.Partitions.Grain(p).Today())).ConfigureAwait(false)).Max();

    /// <summary>The date of a local day number of the engine's clock.</summary>
    public static DateOnly DateOf(int day) =>
        DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(LiveProfile.Engine.Time.EventTime.FromDay(day)).UtcDateTime);

    /// <summary>The local day number of a date.</summary>
    public static int DayOf(DateOnly date) =>
        LiveProfile.Engine.Time.EventTime.ToDay(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds());
}
