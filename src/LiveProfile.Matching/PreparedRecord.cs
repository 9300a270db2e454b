namespace LiveProfile.Matching;

/// <summary>A record with the forms its comparisons and blocking keys read computed once: nickname core and its pinyin.</summary>
internal sealed class PreparedRecord
{
    public PreparedRecord(PersonRecord record, Text.Pinyin? pinyin)
    {
        Record = record;
        NicknameCore = record.Nickname is { } nickname ? NicknameNormalizer.Core(nickname) : null;
        if (NicknameCore is { Length: > 0 } core)
        {
            Syllables = pinyin is null || !HasHan(core) ? [core] : pinyin.Of(core).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            NicknamePinyin = string.Concat(Syllables);
        }
        else
        {
            NicknameCore = null;
        }
        Devices = record.Devices is { Count: > 0 } devices ? [.. devices.Distinct(StringComparer.Ordinal)] : null;
        AddressTokens = record.AddressTokens is { Count: > 0 } tokens ? [.. tokens.Distinct(StringComparer.Ordinal)] : null;
        Touches = record.Touches is { Count: > 0 } touches ? [.. touches] : null;
    }

    public PersonRecord Record { get; }

    /// <summary>Whether there is anything for ICU to read: a core of Latin letters and digits is its own pinyin.</summary>
    private static bool HasHan(string core)
    {
        foreach (var c in core) if (c > '\u007f') return true;
        return false;
    }

    /// <summary>The nickname without decorations, or null when there is none.</summary>
    public string? NicknameCore { get; }

    /// <summary>The core's pinyin syllables run together (the core itself without ICU).</summary>
    public string? NicknamePinyin { get; }

    public string[] Syllables { get; } = [];

    /// <summary>Distinct; a few at most, so arrays (scanned) rather than sets: ten million accounts are held.</summary>
    public string[]? Devices { get; }

    /// <summary>Distinct, like <see cref="Devices"/>.</summary>
    public string[]? AddressTokens { get; }

    public ProductTouch[]? Touches { get; }
}
