using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace LiveProfile.Storage.Log;

/// <summary>
/// Walks the records of one segment file sequentially through a pooled read-ahead buffer, verifying
/// length, CRC and LSN of each. It never advances past a bad record, so <see cref="Position"/> is
/// then the bad record's offset. LSNs come out plain; the end-of-batch flag is reported on its own.
/// </summary>
internal sealed class SegmentReader : IDisposable
{
    private const int DefaultBufferBytes = 256 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly long _fileLength;
    private byte[] _buffer;
    private long _bufferOffset; // file offset of _buffer[0]
    private int _start;         // first unconsumed byte
    private int _end;           // one past the last loaded byte

    public SegmentReader(SafeFileHandle handle, long fileLength)
    {
        _handle = handle;
        _fileLength = fileLength;
        _buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(fileLength, 4096, DefaultBufferBytes));
    }

    public long Position => _bufferOffset + _start;

    public long FileLength => _fileLength;

    /// <summary>
    /// Reads the record at <see cref="Position"/>, which must carry <paramref name="expectedLsn"/>, and
    /// moves past it when it is <see cref="RecordStatus.Ok"/>. <paramref name="endOfBatch"/> tells whether
    /// it is the last record of its append batch.
    /// </summary>
    public RecordStatus Next(long expectedLsn, out long lsn, out bool endOfBatch, out ReadOnlyMemory<byte> payload)
    {
        lsn = 0;
        endOfBatch = false;
        payload = default;
        long offset = Position;
        if (offset == _fileLength)
        {
            return RecordStatus.End;
        }

        if (!Ensure(RecordFormat.HeaderBytes))
        {
            return RecordStatus.TruncatedHeader;
        }

        ReadOnlySpan<byte> header = _buffer.AsSpan(_start, RecordFormat.HeaderBytes);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        lsn = RecordFormat.ReadLsnField(header, out endOfBatch);
        if (length == 0 || length > RecordFormat.MaxPayloadBytes)
        {
            return RecordStatus.BadLength;
        }

        int recordBytes = RecordFormat.HeaderBytes + (int)length;
        if (offset + recordBytes > _fileLength || !Ensure(recordBytes))
        {
            return RecordStatus.TruncatedPayload;
        }

        if (Crc32C.Compute(_buffer.AsSpan(_start + 8, 8 + (int)length)) != crc)
        {
            return RecordStatus.BadChecksum;
        }

        if (lsn != expectedLsn)
        {
            return RecordStatus.BadLsn;
        }

        payload = _buffer.AsMemory(_start + RecordFormat.HeaderBytes, (int)length);
        _start += recordBytes;
        return RecordStatus.Ok;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Makes <paramref name="count"/> bytes from <see cref="Position"/> available, or returns false at end of file.</summary>
    private bool Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        long position = Position;
        if (position + count > _fileLength)
        {
            return false;
        }

        if (count > _buffer.Length)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(count, _buffer.Length * 2));
            _buffer.AsSpan(_start, _end - _start).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        }

        _end -= _start;
        _start = 0;
        _bufferOffset = position;
        while (_end < count)
        {
            int want = (int)Math.Min(_buffer.Length - _end, _fileLength - (_bufferOffset + _end));
            int read = RandomAccess.Read(_handle, _buffer.AsSpan(_end, want), _bufferOffset + _end);
            if (read <= 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    public static string Describe(RecordStatus status, long expectedLsn, long foundLsn) => status switch
    {
        RecordStatus.TruncatedHeader => $"incomplete record header (expected LSN {expectedLsn})",
        RecordStatus.TruncatedPayload => $"record length runs past the end of the file (expected LSN {expectedLsn})",
        RecordStatus.BadLength => $"invalid record length (expected LSN {expectedLsn})",
        RecordStatus.BadChecksum => $"CRC-32C mismatch (expected LSN {expectedLsn})",
        RecordStatus.BadLsn => $"LSN discontinuity: found LSN {foundLsn}, expected {expectedLsn}",
        RecordStatus.End => $"segment ends early (expected LSN {expectedLsn})",
        _ => status.ToString(),
    };
}
