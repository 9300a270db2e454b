namespace LiveProfile.Simulation;

/// <summary>Simulated time: local days in China Standard Time (UTC+8), as the default taxonomy reads them.</summary>
internal static class SimClock
{
    public const long OffsetMs = 8 * 3_600_000L;
    public const long DayMs = 86_400_000L;

    public static int LocalDay(long ms) => (int)Math.Floor((ms + OffsetMs) / (double)DayMs);

    public static long DayStartMs(int day) => day * DayMs - OffsetMs;

    public static int LocalHour(long ms) => (int)((ms + OffsetMs) % DayMs / 3_600_000);

    public static int LocalYear(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(8)).Year;

    public static string DayLabel(int day) => DateTimeOffset.FromUnixTimeMilliseconds(DayStartMs(day)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Rfc3339(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
}
