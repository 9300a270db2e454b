using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiveProfile.Cli.Loadgen;

/// <summary>
/// Writes valid synthetic events (spec/events.md) straight to UTF-8 NDJSON: a weighted mix of
/// live.* and shop.* types for Zipf-distributed users and products, stamped "now". Deterministic
/// for a seed except for <c>ts</c>. Ids are <c>{idPrefix}{n}</c>, unique within one generator; give
/// each concurrent generator its own prefix. Not thread-safe.
/// </summary>
internal sealed partial class EventGenerator : IDisposable
{
    public const int Rooms = 20;

    private readonly LoadCatalog _catalog;
    private readonly Random _rng;
    private readonly ZipfSampler _users;
    private readonly ZipfSampler _products;
    private readonly byte[] _idPrefix;
    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private readonly Utf8JsonWriter _json;
    private long _sequence;

    public EventGenerator(LoadCatalog catalog, int users, int seed, string idPrefix)
    {
        _catalog = catalog;
        _rng = new Random(seed);
        _users = new ZipfSampler(users, 1.1);
        _products = new ZipfSampler(catalog.Count, 0.9);
        _idPrefix = System.Text.Encoding.UTF8.GetBytes(idPrefix);
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            // Chinese text as UTF-8, not \u escapes: smaller and what real producers send.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    /// <summary>Events written so far (ids used).</summary>
    public long Generated => _sequence;

    /// <summary>One NDJSON payload of <paramref name="count"/> user events stamped around <paramref name="nowMs"/>.</summary>
    public byte[] NextBatch(int count, long nowMs)
    {
        _buffer.ResetWrittenCount();
        for (var i = 0; i < count; i++)
        {
            // Up to 2 s in the past: producers batch a little, and never stamp the future.
            WriteEvent(nowMs - _rng.Next(2000));
            EndLine();
        }
        return _buffer.WrittenSpan.ToArray();
    }

    /// <summary>The catalog.product events for every product, in payloads of at most <paramref name="batch"/> events.</summary>
    public IEnumerable<byte[]> CatalogBatches(int batch, long nowMs)
    {
        for (var first = 0; first < _catalog.Count; first += batch)
        {
            _buffer.ResetWrittenCount();
            for (var p = first; p < Math.Min(first + batch, _catalog.Count); p++)
            {
                WriteProduct(p, nowMs);
                EndLine();
            }
            yield return _buffer.WrittenSpan.ToArray();
        }
    }

    public void Dispose() => _json.Dispose();

    private void EndLine()
    {
        _json.Flush();
        _json.Reset();
        "\n"u8.CopyTo(_buffer.GetSpan(1));
        _buffer.Advance(1);
    }
}
