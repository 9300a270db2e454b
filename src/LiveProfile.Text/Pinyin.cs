using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace LiveProfile.Text;

/// <summary>
/// Chinese characters to toneless pinyin through ICU's <c>Han-Latin</c> transliterator, from the libicu that .NET
/// already loads for globalisation on Linux: 张三 → "zhang san", and 小美眉 reads like 小美美 (an input-method typo
/// is usually a homophone). Latin letters and digits pass through, lower-cased. A transliterator is not safe for
/// concurrent use, so calls are serialised; results are cached (nicknames repeat), up to <see cref="CacheLimit"/>.
/// </summary>
public sealed unsafe class Pinyin : IDisposable
{
    private const string TransliteratorId = "Han-Latin; Latin-ASCII; Lower";
    private const int CacheLimit = 200_000;

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly delegate* unmanaged<nint, char*, int*, int, int, int*, int*, void> _transliterate;
    private readonly delegate* unmanaged<nint, void> _close;
    private nint _transliterator;

    private Pinyin(nint transliterator, nint transliterate, nint close)
    {
        _transliterator = transliterator;
        _transliterate = (delegate* unmanaged<nint, char*, int*, int, int, int*, int*, void>)transliterate;
        _close = (delegate* unmanaged<nint, void>)close;
    }

    /// <summary>The transliterator, or null when this machine has no ICU (invariant globalisation, or no libicu).</summary>
    public static Pinyin? TryCreate()
    {
        if (!IcuLibrary.TryLoad(out var library, out var suffix)) return null;
        if (!NativeLibrary.TryGetExport(library, "utrans_openU" + suffix, out var open)
            || !NativeLibrary.TryGetExport(library, "utrans_transUChars" + suffix, out var transliterate)
            || !NativeLibrary.TryGetExport(library, "utrans_close" + suffix, out var close))
        {
            return null;
        }
        var openU = (delegate* unmanaged<char*, int, int, char*, int, byte*, int*, nint>)open;
        var parseError = stackalloc byte[128]; // UParseError: line, offset and two 16-character contexts
        var status = 0;
        nint handle;
        fixed (char* id = TransliteratorId) handle = openU(id, TransliteratorId.Length, 0 /* UTRANS_FORWARD */, null, 0, parseError, &status);
        if (status > 0 || handle == 0) return null; // ICU errors are positive, warnings negative
        return new Pinyin(handle, transliterate, close);
    }

    /// <summary>The text in pinyin syllables separated by spaces, Latin lower-cased, everything else as ICU leaves it.</summary>
    public string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return text;
        if (_cache.TryGetValue(text, out var cached)) return cached;
        var result = Transliterate(text);
        if (_cache.Count < CacheLimit) _cache.TryAdd(text, result);
        return result;
    }

    private string Transliterate(string text)
    {
        // A Han character becomes at most 6 letters and a space; the rest stays about as long.
        var capacity = text.Length * 8 + 16;
        Span<char> buffer = capacity <= 1024 ? stackalloc char[capacity] : new char[capacity];
        text.CopyTo(buffer);
        var length = text.Length;
        var limit = text.Length;
        var status = 0;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_transliterator == 0, this);
            fixed (char* chars = buffer) _transliterate(_transliterator, chars, &length, capacity, 0, &limit, &status);
        }
        if (status > 0) throw new InvalidOperationException($"ICU transliteration failed with error {status}");
        return new string(buffer[..length]).Trim();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_transliterator == 0) return;
            _close(_transliterator);
            _transliterator = 0;
        }
    }

    /// <summary>Finds libicui18n the way .NET does: by versioned file name; its exports carry the version as a suffix.</summary>
    private static class IcuLibrary
    {
        public static bool TryLoad(out nint library, out string suffix)
        {
            for (var version = 90; version >= 50; version--)
            {
                if (!NativeLibrary.TryLoad($"libicui18n.so.{version}", out library)) continue;
                suffix = NativeLibrary.TryGetExport(library, $"utrans_openU_{version}", out _) ? $"_{version}" : "";
                return true;
            }
            library = 0;
            suffix = "";
            return false;
        }
    }
}
