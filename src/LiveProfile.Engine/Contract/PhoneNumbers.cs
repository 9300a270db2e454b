namespace LiveProfile.Engine.Contract;

/// <summary>The phone numbers identifiers accept.</summary>
public static class PhoneNumbers
{
    /// <summary>E.164: '+', then 8–15 digits, the first one 1–9.</summary>
    public static bool IsE164(string s)
    {
        if (s.Length is < 9 or > 16 || s[0] != '+' || s[1] is < '1' or > '9') return false;
        for (int i = 2; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
        }
        return true;
    }
}
