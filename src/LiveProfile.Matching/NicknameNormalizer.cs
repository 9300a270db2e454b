using System.Text;

namespace LiveProfile.Matching;

/// <summary>
/// The core of a nickname: what stays when the decorations people add on one platform and not another are gone.
/// Full-width forms become half-width, Latin is lower-cased, and everything but Han characters, Latin letters and digits
/// is dropped: emoji, symbols, punctuation, decorative marks (丶 ゞ ° 灬 ~ _) and letters of other scripts used as
/// ornaments (ღ, の). Shop-style suffixes such as 的小店 or 官方 are cut. Traditional and simplified forms stay as they
/// are here; their pinyin reads alike.
/// </summary>
internal static class NicknameNormalizer
{
    private static readonly string[] Suffixes = ["的小店", "的店铺", "官方旗舰店", "旗舰店", "官方", "小号", "的号", "本人"];
    private static readonly string[] Prefixes = ["官方", "我是", "我叫"];

    public static string Core(string nickname)
    {
        var sb = new StringBuilder(nickname.Length);
        foreach (var rune in nickname.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (IsKept(rune)) sb.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        var core = sb.ToString();
        foreach (var suffix in Suffixes)
        {
            if (core.Length > suffix.Length && core.EndsWith(suffix, StringComparison.Ordinal)) core = core[..^suffix.Length];
        }
        foreach (var prefix in Prefixes)
        {
            if (core.Length > prefix.Length && core.StartsWith(prefix, StringComparison.Ordinal)) core = core[prefix.Length..];
        }
        return core;
    }

    /// <summary>
    /// Han characters, Latin letters and digits: what Chinese platforms' nicknames are written in. Letters of other
    /// scripts there are ornaments (ღ, ๑, ஐ, の), and so are 丶, 灬 and 〇.
    /// </summary>
    private static bool IsKept(Rune rune) => rune.Value switch
    {
        0x4E36 or 0x706C => false, // 丶 灬
        >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x2EBEF => true,
        >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' => true,
        >= 0xC0 and <= 0x24F => Rune.IsLetter(rune), // accented Latin
        _ => false,
    };
}
