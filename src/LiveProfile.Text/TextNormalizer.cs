using System.Text;

namespace LiveProfile.Text;

/// <summary>
/// Puts a raw comment into the one form the lexicon, the segmenter and the model see:
/// full-width → half-width (ｙｙｄｓ, １６０, ？), Latin lower-cased (YYDS, SSM), traditional →
/// simplified, whitespace runs collapsed. Emoji and other symbols are kept untouched.
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var raw in text)
        {
            var c = raw;
            if (c == '\u3000')
            {
                c = ' ';
            }
            else if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            if (c is >= 'A' and <= 'Z')
            {
                c = (char)(c + 32);
            }
            c = TraditionalChinese.ToSimplified(c);
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            sb.Append(c);
            lastWasSpace = false;
        }
        if (sb.Length > 0 && sb[^1] == ' ')
        {
            sb.Length--;
        }
        return sb.ToString();
    }
}
