namespace LiveProfile.Engine.Contract;

/// <summary>
/// Times of the contract: RFC 3339 date-times that carry an offset, or Unix epoch milliseconds.
/// Hand-written over UTF-8 bytes: no allocation, no culture.
/// </summary>
internal static class Rfc3339
{
    /// <summary>0001-01-01T00:00:00Z: the earliest time accepted in either form.</summary>
    public const long MinMs = -62_135_596_800_000;

    /// <summary>9999-12-31T23:59:59.999Z: the latest time accepted in either form.</summary>
    public const long MaxMs = 253_402_300_799_999;

    /// <summary>
    /// Parses <c>YYYY-MM-DD"T"HH:MM:SS[.frac]("Z"|±HH:MM)</c> ("t" and "z" also accepted, as RFC 3339
    /// allows). The offset is mandatory: a local time without one is ambiguous and rejected. Fraction
    /// digits beyond milliseconds are truncated. A leap second (<c>:60</c>) counts as the next second.
    /// Year 0001–9999, real calendar dates only, offset hours ≤ 23 and minutes ≤ 59.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out long epochMs)
    {
        epochMs = 0;
        if (s.Length < 20
            || !Digits(s, 0, 4, out int year) || s[4] != '-'
            || !Digits(s, 5, 2, out int month) || s[7] != '-'
            || !Digits(s, 8, 2, out int day)
            || (s[10] != 'T' && s[10] != 't')
            || !Digits(s, 11, 2, out int hour) || s[13] != ':'
            || !Digits(s, 14, 2, out int minute) || s[16] != ':'
            || !Digits(s, 17, 2, out int second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        int i = 19;
        int millis = 0;
        if (s[i] == '.')
        {
            int start = ++i;
            int scale = 100;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                millis += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }

            if (i == start) return false;
        }

        if (i >= s.Length) return false;
        int offsetMinutes;
        byte z = s[i];
        if (z is (byte)'Z' or (byte)'z')
        {
            offsetMinutes = 0;
            i++;
        }
        else if (z is (byte)'+' or (byte)'-')
        {
            if (s.Length - i != 6 || !Digits(s, i + 1, 2, out int oh) || s[i + 3] != ':' || !Digits(s, i + 4, 2, out int om)
                || oh > 23 || om > 59)
            {
                return false;
            }

            offsetMinutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
            i += 6;
        }
        else
        {
            return false;
        }

        if (i != s.Length) return false;
        long days = DaysFromCivil(year, month, day);
        long ms = ((((days * 24) + hour) * 60 + minute) * 60 + second) * 1000 + millis - offsetMinutes * 60_000L;
        if (ms is < MinMs or > MaxMs) return false;
        epochMs = ms;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        for (int i = at; i < at + count; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }

        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    private static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }
}
