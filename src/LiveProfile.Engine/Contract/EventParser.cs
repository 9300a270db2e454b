using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace LiveProfile.Engine.Contract;

/// <summary>
/// Parses and validates a request body of events against the event contract (spec/events.md).
/// Stateless apart from its limits: one instance can serve all requests concurrently.
/// </summary>
/// <remarks>
/// <para>Whole-request rejections (<see cref="RequestRejectedException"/>, nothing of the request may be
/// stored): a body larger than <see cref="IngestLimits.MaxRequestBytes"/> (413
/// <c>request_too_large</c>); more than <see cref="IngestLimits.MaxEventsPerRequest"/> events (413
/// <c>too_many_events</c>); and 400 <c>malformed_body</c> for a body that is empty or only whitespace,
/// is not valid UTF-8 (JSON text must be), or, for <see cref="BodyFormat.JsonArray"/>, is not one
/// well-formed JSON array. A leading UTF-8 byte order mark is ignored.</para>
/// <para>NDJSON: the body is split on '\n'; a trailing '\r' and surrounding blanks are trimmed; blank
/// lines are skipped but counted, so <see cref="Rejection.Line"/> is the editor line number. Each line is
/// validated on its own, so a broken line is <c>invalid_json</c> and the others still count.</para>
/// <para>JSON array: each element is one event and its 1-based index is its line. The array is framed
/// with a JSON reader, so broken JSON anywhere makes the whole body malformed (there is no way to tell
/// where the next element starts); an element that is valid JSON but not an object is
/// <c>not_an_object</c>.</para>
/// <para>The per-event rules are documented on <see cref="EventReader"/> and <see cref="PropField"/>.</para>
/// </remarks>
public sealed class EventParser
{
    private readonly IngestLimits _limits;

    public EventParser(IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxEventBytes, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxRequestBytes, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxEventsPerRequest, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxDepth, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limits.MaxDepth, 1000, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxStringChars, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxCommentChars, 1, nameof(limits));
        if (limits.MaxFuture < TimeSpan.Zero || limits.Retention <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(limits), "MaxFuture must be >= 0 and Retention > 0");
        _limits = limits;
    }

    public IngestLimits Limits => _limits;

    /// <summary>
    /// Parses a whole request body. Every event ends up either in <see cref="ParsedBatch.Accepted"/> or in
    /// <see cref="ParsedBatch.Rejected"/>, in body order.
    /// </summary>
    /// <param name="body">The raw request body (UTF-8).</param>
    /// <param name="format">How the body frames its events.</param>
    /// <param name="tenant">The tenant the events belong to (set on every record).</param>
    /// <param name="receivedMs">The server's receive time, Unix epoch ms: the clock for skew, future and retention checks.</param>
    /// <exception cref="RequestRejectedException">The request must be rejected as a whole.</exception>
    public ParsedBatch Parse(ReadOnlySpan<byte> body, BodyFormat format, string tenant, long receivedMs)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (body.Length > _limits.MaxRequestBytes)
        {
            throw new RequestRejectedException(413, RequestRejectionCode.RequestTooLarge,
                $"the request body is {body.Length} bytes; the limit is {_limits.MaxRequestBytes} bytes");
        }

        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        if (!Utf8.IsValid(body)) throw Malformed("the request body is not valid UTF-8");
        if (body.IndexOfAnyExcept(" \t\r\n"u8) < 0) throw Malformed("the request body is empty");

        var reader = new EventReader(_limits, tenant, receivedMs);
        return format switch
        {
            BodyFormat.Ndjson => ParseNdjson(body, reader),
            BodyFormat.JsonArray => ParseArray(body, reader),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown body format"),
        };
    }

    private ParsedBatch ParseNdjson(ReadOnlySpan<byte> body, EventReader reader)
    {
        int max = _limits.MaxEventsPerRequest;
        var batch = new ParsedBatch(Math.Min(body.Count((byte)'\n') + 1, max));
        int line = 0, events = 0;
        while (!body.IsEmpty)
        {
            int nl = body.IndexOf((byte)'\n');
            ReadOnlySpan<byte> text;
            if (nl < 0)
            {
                text = body;
                body = default;
            }
            else
            {
                text = body[..nl];
                body = body[(nl + 1)..];
            }

            line++;
            text = text.Trim(" \t\r"u8);
            if (text.IsEmpty) continue;
            if (++events > max) throw TooManyEvents();
            Add(batch, reader, text, line);
        }

        return batch;
    }

    private ParsedBatch ParseArray(ReadOnlySpan<byte> body, EventReader reader)
    {
        var batch = new ParsedBatch(16);

        // No depth limit while framing (the reader is iterative; its depth stack is bounded by the body
        // size): a too-deep element must come out as that element's too_deep, not as a broken body.
        var r = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray)
                throw Malformed($"a JSON array of events was expected, the body holds a JSON {r.TokenType}");
            int index = 0;
            while (true)
            {
                if (!r.Read()) throw Malformed("the JSON array is not closed");
                if (r.TokenType == JsonTokenType.EndArray) break;
                if (++index > _limits.MaxEventsPerRequest) throw TooManyEvents();
                int start = (int)r.TokenStartIndex;
                if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) r.Skip();
                Add(batch, reader, body[start..(int)r.BytesConsumed], index);
            }

            if (r.Read()) throw Malformed("content after the JSON array");
        }
        catch (JsonException ex)
        {
            throw Malformed("the request body is not a well-formed JSON array: " + ex.Message);
        }

        return batch;
    }

    private static void Add(ParsedBatch batch, EventReader reader, ReadOnlySpan<byte> json, int line)
    {
        var rec = reader.Read(json);
        if (rec is not null)
        {
            batch.Accepted.Add(rec);
            batch.AcceptedLines.Add(line);
        }
        else
        {
            batch.Rejected.Add(new Rejection(line, reader.ErrorId, reader.ErrorCode, reader.ErrorMessage, Encoding.UTF8.GetString(json)));
        }
    }

    private static RequestRejectedException Malformed(string message) =>
        new(400, RequestRejectionCode.MalformedBody, message);

    private RequestRejectedException TooManyEvents() =>
        new(413, RequestRejectionCode.TooManyEvents, $"the request holds more than {_limits.MaxEventsPerRequest} events");
}
