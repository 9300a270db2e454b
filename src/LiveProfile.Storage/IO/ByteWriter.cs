using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveProfile.Storage.IO;

/// <summary>
/// A growable byte buffer with the writes <see cref="SpanReader"/> reads back: little-endian
/// fixed-width values, LEB128 varints (zigzag for signed) and length-prefixed strict UTF-8. Also an
/// <see cref="IBufferWriter{T}"/>, so it can be the direct target of anything that writes into one.
/// <para>
/// A sensitive writer zeroes every buffer it lets go of (growth, <see cref="Clear"/>), so key
/// material and PII do not linger in freed arrays.
/// </para>
/// </summary>
internal sealed class ByteWriter : IBufferWriter<byte>
{
    /// <summary>Strict UTF-8: a lone surrogate throws instead of silently becoming U+FFFD.</summary>
    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const int MaxVarIntBytes = 10;

    private readonly bool _sensitive;
    private byte[] _buffer;
    private int _length;

    // How far bytes may have been written: GetSpan/GetMemory hand out the whole free tail, which
    // Clear must then zero too even if the caller never advanced over it.
    private int _dirty;

    public ByteWriter(int capacity = 256, bool sensitive = false)
    {
        _buffer = new byte[Math.Max(16, capacity)];
        _sensitive = sensitive;
    }

    public int Length => _length;

    public int Capacity => _buffer.Length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The written bytes, writable in place (used to patch record headers).</summary>
    public Span<byte> WrittenMutable => _buffer.AsSpan(0, _length);

    /// <summary>Appends <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> Reserve(int count)
    {
        Ensure(count);
        Span<byte> span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    /// <summary>Unsigned LEB128: 7 bits a byte, low first, high bit set on all but the last.</summary>
    public void WriteVarUInt(ulong value)
    {
        Ensure(MaxVarIntBytes);
        byte[] buffer = _buffer;
        int i = _length;
        while (value >= 0x80)
        {
            buffer[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[i++] = (byte)value;
        _length = i;
    }

    /// <summary>Zigzag, then LEB128: small magnitudes of either sign take few bytes.</summary>
    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>A varint byte length and the strict UTF-8 bytes.</summary>
    /// <exception cref="EncoderFallbackException">The string is not valid UTF-16 (a lone surrogate); nothing is written.</exception>
    public void WriteString(string value)
    {
        int count = Utf8.GetByteCount(value);
        WriteVarUInt((uint)count);
        Utf8.GetBytes(value, Reserve(count));
    }

    /// <summary>A 16-bit byte length and the strict UTF-8 bytes (names, codes: short by contract).</summary>
    /// <exception cref="EncoderFallbackException">The string is not valid UTF-16 (a lone surrogate); nothing is written.</exception>
    public void WriteString16(string value)
    {
        int count = Utf8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new ArgumentException("String too long for a 16-bit length.", nameof(value));
        }

        WriteUInt16((ushort)count);
        Utf8.GetBytes(value, Reserve(count));
    }

    /// <summary>The bytes as they are, no length.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>A varint length and the bytes.</summary>
    public void WritePrefixedBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt((uint)bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>Empties the writer, keeping its buffer (zeroed first when sensitive).</summary>
    public void Clear()
    {
        if (_sensitive)
        {
            CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, Math.Max(_length, _dirty)));
        }

        _length = 0;
        _dirty = 0;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _length);
        _length += count;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        _dirty = _buffer.Length;
        return _buffer.AsMemory(_length);
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        int size = (int)Math.Min(Array.MaxLength, Math.Max(2L * _buffer.Length, (long)_length + count));
        if (size - _length < count)
        {
            throw new InvalidOperationException($"A {nameof(ByteWriter)} cannot grow past {Array.MaxLength} bytes.");
        }

        var bigger = new byte[size];
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_sensitive)
        {
            CryptographicOperations.ZeroMemory(_buffer);
        }

        _buffer = bigger;
        _dirty = 0;
    }
}
