using F23.StringSimilarity;

namespace LiveProfile.Matching;

/// <summary>Compares two prepared records field by field into levels (<see cref="MatchLevels"/>).</summary>
internal static class RecordComparison
{
    private static readonly JaroWinkler JaroWinkler = new();

    /// <summary>Fills <paramref name="levels"/> (one per <see cref="MatchField"/>).</summary>
    public static void Compare(PreparedRecord a, PreparedRecord b, Span<byte> levels)
    {
        levels[(int)MatchField.Nickname] = Nickname(a, b);
        levels[(int)MatchField.Phone] = Equal(a.Record.PhoneHash, b.Record.PhoneHash);
        levels[(int)MatchField.Device] = a.Devices is null || b.Devices is null ? MatchLevels.Missing : Overlap(a.Devices, b.Devices) > 0 ? (byte)0 : (byte)1;
        levels[(int)MatchField.Province] = Equal(a.Record.Province, b.Record.Province);
        levels[(int)MatchField.City] = Equal(a.Record.City, b.Record.City);
        levels[(int)MatchField.Address] = Address(a.AddressTokens, b.AddressTokens);
        levels[(int)MatchField.CoClicks] = CoClicks(a.Touches, b.Touches);
    }

    /// <summary>Distinct products both touched within <see cref="MatchLevels.CoClickMinutes"/>: two or more, one, none.</summary>
    private static byte CoClicks(ProductTouch[]? a, ProductTouch[]? b)
    {
        if (a is null || b is null) return MatchLevels.Missing;
        string? first = null;
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (Math.Abs(x.Minute - y.Minute) > MatchLevels.CoClickMinutes || !string.Equals(x.Product, y.Product, StringComparison.Ordinal)) continue;
                if (first is null) first = x.Product;
                else if (!string.Equals(first, x.Product, StringComparison.Ordinal)) return 0;
            }
        }
        return first is null ? (byte)2 : (byte)1;
    }

    private static byte Nickname(PreparedRecord a, PreparedRecord b)
    {
        if (a.NicknameCore is not { } x || b.NicknameCore is not { } y) return MatchLevels.Missing;
        if (x == y) return 0;
        if (a.NicknamePinyin == b.NicknamePinyin) return 1;
        var similarity = JaroWinkler.Similarity(a.NicknamePinyin, b.NicknamePinyin);
        if (similarity >= 0.92) return 2;
        if (similarity >= 0.8 || x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal)) return 3;
        return 4;
    }

    private static byte Equal(string? a, string? b) =>
        a is null || b is null ? MatchLevels.Missing : string.Equals(a, b, StringComparison.Ordinal) ? (byte)0 : (byte)1;

    private static int Overlap(string[] a, string[] b)
    {
        var shared = 0;
        foreach (var x in a) if (Array.IndexOf(b, x) >= 0) shared++;
        return shared;
    }

    private static byte Address(string[]? a, string[]? b)
    {
        if (a is null || b is null) return MatchLevels.Missing;
        var shared = Overlap(a, b);
        var union = a.Length + b.Length - shared;
        return shared * 2 >= union ? (byte)0 : shared > 0 ? (byte)1 : (byte)2;
    }
}
