namespace LiveProfile.Engine.Time;

/// <summary>
/// Compact event-time units. Profiles store minutes and days since 2020-01-01 UTC so that a time
/// fits in 4 or 2 bytes; every conversion goes through here.
/// </summary>
public static class EventTime
{
    /// <summary>2020-01-01T00:00:00Z in Unix epoch milliseconds.</summary>
    public const long EpochMs = 1_577_836_800_000;
    public const long MsPerMinute = 60_000;
    public const long MsPerDay = 86_400_000;

    /// <summary>Minutes since the compact epoch (negative for older times; CDNOW data is from 1997).</summary>
    public static int ToMinute(long unixMs) => (int)Math.Floor((unixMs - EpochMs) / (double)MsPerMinute);

    public static long FromMinute(int minute) => EpochMs + minute * MsPerMinute;

    /// <summary>UTC day index since the compact epoch, as a signed 32-bit value.</summary>
    public static int ToDay(long unixMs) => (int)Math.Floor((unixMs - EpochMs) / (double)MsPerDay);

    public static long FromDay(int day) => EpochMs + day * MsPerDay;

    /// <summary>Local hour of day (0–23) for a UTC offset in minutes.</summary>
    public static int LocalHour(long unixMs, int utcOffsetMinutes)
    {
        var localMinutes = Math.Floor((unixMs + utcOffsetMinutes * MsPerMinute) / (double)MsPerMinute);
        var minuteOfDay = (long)localMinutes % 1440;
        if (minuteOfDay < 0) minuteOfDay += 1440;
        return (int)(minuteOfDay / 60);
    }

    /// <summary>Local day index for a UTC offset in minutes (for "distinct days" in the user's time).</summary>
    public static int LocalDay(long unixMs, int utcOffsetMinutes) => ToDay(unixMs + utcOffsetMinutes * MsPerMinute);
}
