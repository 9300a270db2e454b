using System.Text;

namespace LiveProfile.Server.Tests.Infrastructure;

/// <summary>One Server-Sent Events frame: an event (id, event, data) or a comment.</summary>
internal sealed record SseFrame(string? Id, string? Event, string Data, string? Comment);

/// <summary>Reads frames off an SSE response body as a browser's EventSource would.</summary>
internal sealed class SseReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>The next frame, comments included.</summary>
    public async Task<SseFrame> NextFrameAsync(CancellationToken ct)
    {
        string? id = null, type = null, comment = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("the stream ended");
            if (line.Length == 0)
            {
                if (id is not null || type is not null || data.Length > 0 || comment is not null) return new SseFrame(id, type, data.ToString(), comment);
                continue;
            }
            if (line[0] == ':')
            {
                comment = line[1..].Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
            }
        }
    }

    /// <summary>The next event, skipping comments.</summary>
    public async Task<SseFrame> NextEventAsync(CancellationToken ct)
    {
        while (true)
        {
            var frame = await NextFrameAsync(ct);
            if (frame.Event is not null || frame.Data.Length > 0) return frame;
        }
    }

    public void Dispose() => _reader.Dispose();
}
