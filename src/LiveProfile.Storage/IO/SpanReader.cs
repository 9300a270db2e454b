using System.Buffers.Binary;
using System.Text;

namespace LiveProfile.Storage.IO;

/// <summary>
/// Reads what <see cref="ByteWriter"/> wrote: little-endian fixed-width values, LEB128 varints and
/// length-prefixed strict UTF-8. Every read is bounds-checked; malformed input throws
/// <see cref="InvalidDataException"/> naming the offset, never an index or decoder exception.
/// </summary>
internal ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public SpanReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public readonly int Remaining => _data.Length - _pos;

    public readonly int Position => _pos;

    public byte ReadByte()
    {
        if (_pos >= _data.Length)
        {
            throw Truncated(1);
        }

        return _data[_pos++];
    }

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadBytes(8));

    /// <summary>Unsigned LEB128, at most 10 bytes; bits beyond 64 are an error, not silently dropped.</summary>
    public ulong ReadVarUInt()
    {
        int start = _pos;
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 63 && b > 1)
            {
                throw new InvalidDataException($"Varint at offset {start} overflows 64 bits.");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException($"Varint at offset {start} is longer than 10 bytes.");
    }

    /// <summary>A zigzag-encoded signed varint.</summary>
    public long ReadVarInt()
    {
        ulong raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadVarInt32()
    {
        int start = _pos;
        long value = ReadVarInt();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException($"Value {value} at offset {start} does not fit in 32 bits.");
        }

        return (int)value;
    }

    /// <summary>
    /// A varint length or count, checked against the bytes left (each element taking at least
    /// <paramref name="minElementBytes"/>), so a corrupt count cannot make the caller allocate gigabytes.
    /// </summary>
    public int ReadLength(int minElementBytes = 1)
    {
        int start = _pos;
        ulong value = ReadVarUInt();
        if (value > (ulong)(Remaining / minElementBytes))
        {
            throw new InvalidDataException($"Length {value} at offset {start} exceeds the {Remaining} bytes left.");
        }

        return (int)value;
    }

    /// <summary>A varint byte length and that many bytes of strict UTF-8.</summary>
    public string ReadString() => Decode(ReadBytes(ReadLength()));

    /// <summary>A 16-bit byte length and that many bytes of strict UTF-8.</summary>
    public string ReadString16() => Decode(ReadBytes(ReadUInt16()));

    /// <summary>A varint byte length and that many bytes, copied.</summary>
    public byte[] ReadPrefixedBytes() => ReadBytes(ReadLength()).ToArray();

    /// <summary>The next <paramref name="count"/> bytes, without copying.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw Truncated(count);
        }

        ReadOnlySpan<byte> span = _data.Slice(_pos, count);
        _pos += count;
        return span;
    }

    public ReadOnlySpan<byte> ReadRest() => ReadBytes(Remaining);

    private readonly string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return ByteWriter.Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"Invalid UTF-8 in the string ending at offset {_pos}.", ex);
        }
    }

    private readonly InvalidDataException Truncated(int wanted) =>
        new($"Truncated at offset {_pos}: wanted {wanted} bytes, {Remaining} left of {_data.Length}.");
}
