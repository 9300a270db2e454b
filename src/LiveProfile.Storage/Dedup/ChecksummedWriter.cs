using System.Buffers.Binary;
using System.IO.Hashing;

namespace LiveProfile.Storage.Dedup;

/// <summary>Buffered writes to a stream with a running CRC-32, appended by <see cref="Finish"/>.</summary>
internal sealed class ChecksummedWriter(Stream stream)
{
    private readonly Crc32 _crc = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _length;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length)
        {
            FlushBuffer();
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Finish()
    {
        FlushBuffer();
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, _crc.GetCurrentHashAsUInt32());
        stream.Write(crc);
        stream.Flush();
    }

    private void FlushBuffer()
    {
        _crc.Append(_buffer.AsSpan(0, _length));
        stream.Write(_buffer, 0, _length);
        _length = 0;
    }
}
