using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LiveProfile.Storage.Log;

/// <summary>
/// Appends primitives to an <see cref="IBufferWriter{T}"/> through a cached span, so that most
/// writes are a bounds check and a store. Call <see cref="Complete"/> once at the end.
/// </summary>
internal ref struct CodecWriter
{
    private const int MinChunk = 256;

    /// <summary>Strict UTF-8: a lone surrogate throws instead of silently becoming U+FFFD.</summary>
    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _pos;

    public CodecWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = output.GetSpan(MinChunk);
        _pos = 0;
    }

    public void Byte(byte value)
    {
        Reserve(1)[0] = value;
        _pos += 1;
    }

    public void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        _pos += 8;
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
        _pos += 8;
    }

    public void VarUInt(ulong value)
    {
        Span<byte> span = Reserve(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _pos += i;
    }

    public void VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void String(string value)
    {
        int count = Utf8.GetByteCount(value);
        VarUInt((uint)count);
        int written = Utf8.GetBytes(value, Reserve(count));
        _pos += written;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        VarUInt((uint)value.Length);
        value.CopyTo(Reserve(value.Length));
        _pos += value.Length;
    }

    public void Complete()
    {
        _output.Advance(_pos);
        _pos = 0;
        _span = default;
    }

    private Span<byte> Reserve(int count)
    {
        if (_span.Length - _pos < count)
        {
            _output.Advance(_pos);
            _pos = 0;
            _span = _output.GetSpan(Math.Max(count, MinChunk));
        }

        return _span.Slice(_pos, count);
    }
}
