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
            Syllables = pinyin is null ? [core] : pinyin.Of(core).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            NicknamePinyin = string.Concat(Syllables);
        }
        else
        {
            NicknameCore = null;
        }
        Devices = record.Devices is { Count: > 0 } devices ? [.. devices] : null;
        AddressTokens = record.AddressTokens is { Count: > 0 } tokens ? [.. tokens] : null;
    }

    public PersonRecord Record { get; }

    /// <summary>The nickname without decorations, or null when there is none.</summary>
    public string? NicknameCore { get; }

    /// <summary>The core's pinyin syllables run together (the core itself without ICU).</summary>
    public string? NicknamePinyin { get; }

    public string[] Syllables { get; } = [];

    public HashSet<string>? Devices { get; }

    public HashSet<string>? AddressTokens { get; }
}
