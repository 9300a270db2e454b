using System.Buffers;
using System.Text.Json;
using LiveProfile.Simulation.Generation;

namespace LiveProfile.Simulation.Output;

/// <summary>Encodes deliveries as NDJSON into a reusable buffer: one request body, or a chunk of a file.</summary>
internal sealed class NdjsonEncoder(EventWriter writer)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private Utf8JsonWriter? _json;

    public int Count { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void Add(Delivery d, long? sentAtMs)
    {
        var json = _json ??= new Utf8JsonWriter(_buffer, EventWriter.WriterOptions);
        json.Reset(_buffer);
        writer.Write(json, d.Event, sentAtMs);
        json.Flush();
        _buffer.Write("\n"u8);
        Count++;
    }

    public void Clear()
    {
        _buffer.Clear();
        Count = 0;
    }
}
