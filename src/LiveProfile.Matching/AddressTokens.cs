using System.Text;

namespace LiveProfile.Matching;

/// <summary>
/// The words of a Chinese delivery address that say where a person lives: district, road and number, compound,
/// building, unit, room (<c>西湖区 文化路 123号 阳光花园 5栋 2单元 301室</c>). A word ends after an administrative or
/// street suffix, and a run of digits starts one. Province and city words are left out: the region is compared on its
/// own, and words everyone in a city shares would make two neighbours' addresses look alike.
/// </summary>
public static class AddressTokens
{
    /// <summary>Longest address read; a longer one is cut (addresses are short, a limit keeps a bad one cheap).</summary>
    public const int MaxLength = 200;

    private const string Suffixes = "省市区县旗镇乡村路街道巷弄号栋幢座楼元室";
    private const string RegionSuffixes = "省市";

    public static IReadOnlyList<string> Of(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return [];
        var text = address.Length > MaxLength ? address[..MaxLength] : address;
        var tokens = new List<string>();
        var word = new StringBuilder();
        void End()
        {
            if (word.Length > 0 && !RegionSuffixes.Contains(word[^1], StringComparison.Ordinal)) tokens.Add(word.ToString());
            word.Clear();
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                End();
                continue;
            }
            // A number starts a word (阳光花园 | 5栋), and a word of digits ends where the digits do unless a suffix follows.
            if (char.IsAsciiDigit(c) && word.Length > 0 && !char.IsAsciiDigit(word[^1])) End();
            else if (!char.IsAsciiDigit(c) && word.Length > 0 && char.IsAsciiDigit(word[^1]) && !Suffixes.Contains(c, StringComparison.Ordinal) && c != '单') End();
            word.Append(c);
            if (EndsWord(c, word, i + 1 < text.Length ? text[i + 1] : '\0')) End();
        }
        End();
        return tokens.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether <paramref name="c"/>, just appended, ends the word: a suffix, but 街 not before 道, 元 only after 单.</summary>
    private static bool EndsWord(char c, StringBuilder word, char next) =>
        Suffixes.Contains(c, StringComparison.Ordinal)
        && !(c == '街' && next == '道')
        && (c != '元' || (word.Length >= 2 && word[^2] == '单'));
}
