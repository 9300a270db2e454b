using System.Globalization;
using System.Text;
using JiebaNet.Segmenter;

namespace LiveProfile.Text;

/// <summary>
/// Normalises a comment and cuts it into tokens: jieba (precise mode, HMM for unknown words)
/// with the live-commerce user dictionary for the Chinese/Latin/digit runs, each emoji kept as
/// one token (jieba would split a surrogate pair into two meaningless halves), '?' kept because
/// it marks questions, other punctuation dropped. Thread-safe once constructed: jieba's
/// dictionary is read-only after the user words are added.
/// </summary>
public sealed class CommentSegmenter
{
    private const string UserDictResource = "LiveProfile.Text.userdict.txt";
    private static readonly Lazy<CommentSegmenter> SharedInstance = new(() => new CommentSegmenter(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly JiebaSegmenter jieba;

    private CommentSegmenter()
    {
        // jieba.NET resolves its dictionaries relative to the working directory unless told
        // otherwise; the package's Resources/ folder is copied beside this assembly.
        var resources = Path.Combine(AppContext.BaseDirectory, "Resources");
        if (Directory.Exists(resources))
        {
            ConfigManager.ConfigFileBaseDir = resources;
        }
        jieba = new JiebaSegmenter();
        foreach (var (word, freq) in ReadUserDictionary())
        {
            jieba.AddWord(word, freq);
        }
    }

    /// <summary>The process-wide segmenter (jieba's dictionary is a process-wide singleton anyway).</summary>
    public static CommentSegmenter Shared => SharedInstance.Value;

    /// <summary>Normalises (see <see cref="Normalize"/>) and segments a raw comment.</summary>
    public IReadOnlyList<string> Segment(string comment) => SegmentNormalized(TextNormalizer.Normalize(comment));

    /// <summary>Full-width → half-width, lower-case Latin, traditional → simplified.</summary>
    public static string Normalize(string comment) => TextNormalizer.Normalize(comment);

    internal List<string> SegmentNormalized(string text)
    {
        var tokens = new List<string>(text.Length / 2 + 2);
        var run = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) && !char.IsSurrogate(c))
            {
                run.Append(c);
                i++;
                continue;
            }
            Flush(run, tokens);
            var symbolLength = SymbolLength(text, i);
            if (symbolLength > 0)
            {
                tokens.Add(text.Substring(i, symbolLength));
                i += symbolLength;
            }
            else
            {
                if (c == '?')
                {
                    tokens.Add("?");
                }
                i++;
            }
        }
        Flush(run, tokens);
        return tokens;
    }

    private void Flush(StringBuilder run, List<string> tokens)
    {
        if (run.Length == 0)
        {
            return;
        }
        foreach (var token in jieba.Cut(run.ToString(), cutAll: false, hmm: true))
        {
            if (!string.IsNullOrWhiteSpace(token))
            {
                tokens.Add(token);
            }
        }
        run.Clear();
    }

    // Length of an emoji or other pictographic symbol at i, including variation selectors and
    // ZWJ sequences (❤️, 👨‍👩‍👧), or 0 when the char is plain punctuation or space.
    private static int SymbolLength(string text, int i)
    {
        if (text[i] < 0x80)
        {
            return 0;
        }
        if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
        {
            return 0; // a lone surrogate: drop it
        }
        var category = Rune.GetUnicodeCategory(rune);
        if (category is not (UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol or UnicodeCategory.ModifierSymbol))
        {
            return 0;
        }
        var end = i + consumed;
        while (end < text.Length)
        {
            var next = text[end];
            if (next is '\uFE0F' or '\uFE0E')
            {
                end++;
                continue;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(next == '\u200D' ? end + 1 : end), out var follower, out var length) != System.Buffers.OperationStatus.Done)
            {
                break;
            }
            if (next == '\u200D')
            {
                end += 1 + length; // zero-width joiner sequence
            }
            else if (follower.Value is >= 0x1F3FB and <= 0x1F3FF)
            {
                end += length; // skin-tone modifier
            }
            else
            {
                break;
            }
        }
        return end - i;
    }

    private static List<(string Word, int Freq)> ReadUserDictionary()
    {
        using var stream = typeof(CommentSegmenter).Assembly.GetManifestResourceStream(UserDictResource)
            ?? throw new InvalidOperationException($"missing embedded resource {UserDictResource}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<(string Word, int Freq)>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var freq = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : 2000;
            words.Add((parts[0], freq));
        }
        return words;
    }
}
