using System.Buffers.Binary;
using System.IO.Hashing;

namespace LiveProfile.Storage.Dedup;

/// <summary>
/// Reads from a stream with a running CRC-32, checked against the trailer by <see cref="VerifyEnd"/>.
/// Never reads past the trailer, so the image can be embedded in a larger stream.
/// </summary>
internal sealed class ChecksummedReader(Stream stream)
{
    private readonly Crc32 _crc = new();

    /// <exception cref="InvalidDataException">The stream ended early.</exception>
    public void Read(Span<byte> destination)
    {
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Dedup index image truncated.", ex);
        }

        _crc.Append(destination);
    }

    public void VerifyEnd()
    {
        var expected = _crc.GetCurrentHashAsUInt32();
        Span<byte> trailer = stackalloc byte[4];
        Read(trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != expected)
        {
            throw new InvalidDataException("Dedup index image checksum mismatch.");
        }
    }
}
