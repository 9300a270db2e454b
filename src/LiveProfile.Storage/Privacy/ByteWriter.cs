using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// A growable byte buffer with little-endian primitive writes, used for record payloads and sealed
/// plaintexts. A sensitive writer zeroes every buffer it lets go of (growth, <see cref="Clear"/>),
/// so key material and PII do not linger in freed arrays.
/// </summary>
internal sealed class ByteWriter
{
    private readonly bool _sensitive;
    private byte[] _buffer;
    private int _length;

    public ByteWriter(int capacity = 256, bool sensitive = false)
    {
        _buffer = new byte[Math.Max(16, capacity)];
        _sensitive = sensitive;
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The written bytes, writable in place (used to patch record headers).</summary>
    public Span<byte> WrittenMutable => _buffer.AsSpan(0, _length);

    /// <summary>Appends <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> Reserve(int count)
    {
        Ensure(count);
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Unsigned LEB128.</summary>
    public void WriteVarUInt(uint value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    /// <summary>A string as a varint byte length and its UTF-8 bytes.</summary>
    public void WriteVarString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>A string as a 16-bit byte length and its UTF-8 bytes (names, codes: short by contract).</summary>
    public void WriteString16(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new ArgumentException("String too long for a 16-bit length.", nameof(value));
        }

        WriteUInt16((ushort)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    public void Clear()
    {
        if (_sensitive)
        {
            CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _length));
        }

        _length = 0;
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _length >= count)
        {
            return;
        }

        var size = Math.Max(_buffer.Length * 2, _length + count);
        var bigger = new byte[size];
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_sensitive)
        {
            CryptographicOperations.ZeroMemory(_buffer);
        }

        _buffer = bigger;
    }
}
