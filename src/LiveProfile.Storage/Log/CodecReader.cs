using System.Buffers.Binary;
using System.Text;

namespace LiveProfile.Storage.Log;

/// <summary>Reads what <see cref="CodecWriter"/> wrote; every read is bounds-checked and throws <see cref="InvalidDataException"/>.</summary>
internal ref struct CodecReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public CodecReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public readonly int Remaining => _data.Length - _pos;

    public readonly int Position => _pos;

    public byte Byte()
    {
        if (_pos >= _data.Length)
        {
            throw Truncated();
        }

        return _data[_pos++];
    }

    public ulong UInt64()
    {
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        return value;
    }

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public ulong VarUInt()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = Byte();
            if (shift == 63 && b > 1)
            {
                throw new InvalidDataException($"Event codec: varint overflows 64 bits at offset {_pos - 1}.");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException($"Event codec: varint longer than 10 bytes at offset {_pos}.");
    }

    public long VarInt()
    {
        ulong raw = VarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int VarInt32()
    {
        long value = VarInt();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException($"Event codec: value {value} does not fit in 32 bits at offset {_pos}.");
        }

        return (int)value;
    }

    /// <summary>A length or count: at most the bytes left divided by the smallest element size.</summary>
    public int Length(int minElementBytes = 1)
    {
        ulong value = VarUInt();
        if (value > (ulong)(Remaining / minElementBytes))
        {
            throw new InvalidDataException($"Event codec: length {value} exceeds the {Remaining} bytes left at offset {_pos}.");
        }

        return (int)value;
    }

    public string String()
    {
        ReadOnlySpan<byte> bytes = Take(Length());
        try
        {
            return CodecWriter.Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"Event codec: invalid UTF-8 before offset {_pos}.", ex);
        }
    }

    public byte[] Bytes() => Take(Length()).ToArray();

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_data.Length - _pos < count)
        {
            throw Truncated();
        }

        ReadOnlySpan<byte> span = _data.Slice(_pos, count);
        _pos += count;
        return span;
    }

    private readonly InvalidDataException Truncated() =>
        new($"Event codec: payload truncated at offset {_pos} of {_data.Length}.");
}
