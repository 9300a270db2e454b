using System.Buffers.Binary;
using System.Text;

namespace LiveProfile.Storage.Privacy;

/// <summary>Reads what <see cref="ByteWriter"/> wrote; throws <see cref="InvalidDataException"/> on underflow.</summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public PayloadReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new InvalidDataException($"Payload truncated: wanted {count} bytes at {_position}, {Remaining} left.");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    public ReadOnlySpan<byte> ReadRest() => ReadBytes(Remaining);

    public byte ReadByte() => ReadBytes(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    public uint ReadVarUInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Malformed varint.");
    }

    public string ReadVarString()
    {
        var count = ReadVarUInt();
        if (count > int.MaxValue)
        {
            throw new InvalidDataException("String length out of range.");
        }

        return Encoding.UTF8.GetString(ReadBytes((int)count));
    }

    public string ReadString16() => Encoding.UTF8.GetString(ReadBytes(ReadUInt16()));
}
