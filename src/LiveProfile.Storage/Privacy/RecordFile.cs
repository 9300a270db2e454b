using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using LiveProfile.Storage.IO;
using Microsoft.Win32.SafeHandles;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// An append-only file of checksummed records behind an 8-byte magic, shared by the key vault and
/// the quarantine store. Frame: <c>u32 payloadLength ‖ u8 type ‖ u32 crc32(length, type) ‖ payload ‖
/// u32 crc32(payload)</c>, little-endian. The header has its own checksum so that a damaged length is
/// never trusted.
/// <para>
/// Opening replays every record and classifies the first bad one: a torn tail (a frame that runs
/// past the end of the file, a short header, a last frame with a bad payload checksum, or only zero
/// bytes from there on: what an interrupted append leaves) is cut off; anything else, that is a bad
/// frame followed by more data, fails closed with an <see cref="InvalidDataException"/> naming the
/// file and the offset. A store must never silently drop records from its middle.
/// </para>
/// Not thread-safe for appends; <see cref="ReadPayload"/> is a positional read and may run beside them.
/// </summary>
internal sealed class RecordFile : IDisposable
{
    public const int MagicSize = 8;
    public const int HeaderSize = 9;
    public const int TrailerSize = 4;
    public const int FrameOverhead = HeaderSize + TrailerSize;

    private readonly byte[] _magic;
    private FileStream _stream;
    private Exception? _fault;

    private RecordFile(string path, byte[] magic, int maxPayload, FileStream stream, long length)
    {
        FilePath = path;
        _magic = magic;
        MaxPayload = maxPayload;
        _stream = stream;
        Length = length;
    }

    public string FilePath { get; }

    public int MaxPayload { get; }

    /// <summary>The end of the last valid record: where the next append goes.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes of torn tail cut off when the file was opened (0 normally).</summary>
    public long TruncatedBytes { get; private set; }

    private SafeFileHandle Handle => _stream.SafeFileHandle;

    /// <summary>Opens (creating it atomically, with only the magic, if missing) and replays the file.</summary>
    public static RecordFile Open(string path, ReadOnlySpan<byte> magic, int maxPayload, RecordHandler handler)
    {
        if (magic.Length != MagicSize)
        {
            throw new ArgumentException("The magic must be 8 bytes.", nameof(magic));
        }

        var tmp = path + ".tmp";
        if (!File.Exists(path))
        {
            CreateEmpty(path, tmp, magic);
        }

        var stream = PrivateFiles.Open(path, FileMode.Open);
        try
        {
            // Only now, holding the lock: a leftover of an interrupted compaction (the file itself is whole).
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }

            var fileLength = RandomAccess.GetLength(stream.SafeFileHandle);
            Span<byte> head = stackalloc byte[MagicSize];
            if (fileLength < MagicSize || RandomAccess.Read(stream.SafeFileHandle, head, 0) != MagicSize || !head.SequenceEqual(magic))
            {
                throw Corrupt(path, 0, "not a file of this kind (bad magic)");
            }

            var file = new RecordFile(path, magic.ToArray(), maxPayload, stream, MagicSize);
            var end = file.Scan(fileLength, handler);
            if (end < fileLength)
            {
                RandomAccess.SetLength(stream.SafeFileHandle, end);
                RandomAccess.FlushToDisk(stream.SafeFileHandle);
                file.TruncatedBytes = fileLength - end;
            }

            file.Length = end;
            return file;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Starts a record in <paramref name="writer"/>; returns its start for <see cref="EndRecord"/>.</summary>
    public static int BeginRecord(ByteWriter writer, byte type)
    {
        var start = writer.Length;
        writer.Reserve(HeaderSize)[4] = type;
        return start;
    }

    /// <summary>Completes the record begun at <paramref name="start"/>: length, header and payload checksums.</summary>
    public static void EndRecord(ByteWriter writer, int start)
    {
        var payloadLength = writer.Length - start - HeaderSize;
        var header = writer.WrittenMutable.Slice(start, HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[5..], Crc32.HashToUInt32(header[..5]));
        var payloadCrc = Crc32.HashToUInt32(writer.WrittenSpan.Slice(start + HeaderSize, payloadLength));
        writer.WriteUInt32(payloadCrc);
    }

    /// <summary>Writes framed records at the end (not yet durable: call <see cref="Sync"/>).</summary>
    public void Append(ReadOnlySpan<byte> frames)
    {
        ThrowIfFaulted();
        try
        {
            RandomAccess.Write(Handle, frames, Length);
        }
        catch (Exception ex)
        {
            // Nothing advanced: the next append overwrites whatever part of this one reached the file.
            throw new IOException($"Append to '{FilePath}' failed.", ex);
        }

        Length += frames.Length;
    }

    /// <summary>fsync. A failed fsync leaves the durability of everything written unknown: the file faults.</summary>
    public void Sync()
    {
        ThrowIfFaulted();
        try
        {
            RandomAccess.FlushToDisk(Handle);
        }
        catch (Exception ex)
        {
            _fault = ex;
            throw new IOException($"fsync of '{FilePath}' failed; the store is closed for writing.", ex);
        }
    }

    /// <summary>Reads and verifies the record at <paramref name="offset"/> (an offset the replay reported).</summary>
    public byte[] ReadPayload(long offset, out byte type)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        ReadExactly(Handle, header, offset);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (Crc32.HashToUInt32(header[..5]) != BinaryPrimitives.ReadUInt32LittleEndian(header[5..]) || length > MaxPayload)
        {
            throw Corrupt(FilePath, offset, "record header checksum mismatch");
        }

        type = header[4];
        var frame = new byte[length + TrailerSize];
        ReadExactly(Handle, frame, offset + HeaderSize);
        var payload = frame.AsSpan(0, (int)length);
        if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan((int)length)))
        {
            throw Corrupt(FilePath, offset, "record payload checksum mismatch");
        }

        return payload.ToArray();
    }

    /// <summary>Starts an atomic rewrite of the whole file (compaction).</summary>
    public RecordFileRewrite BeginRewrite()
    {
        ThrowIfFaulted();
        return new RecordFileRewrite(this, FilePath + ".tmp", _magic);
    }

    /// <summary>Called by <see cref="RecordFileRewrite.Commit"/> once the new file has replaced the old.</summary>
    internal void ReplaceStream(FileStream stream, long length)
    {
        var old = _stream;
        _stream = stream;
        Length = length;
        if (!ReferenceEquals(old, stream))
        {
            old.Dispose();
        }
    }

    /// <summary>Windows cannot rename over an open file: release it first (Unix keeps the lock throughout).</summary>
    internal void ReleaseForReplace() => _stream.Dispose();

    public void Dispose() => _stream.Dispose();

    internal static InvalidDataException Corrupt(string path, long offset, string reason) =>
        new($"'{path}' is corrupt at offset {offset}: {reason}. Refusing to open it; restore it from a backup.");

    internal static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(handle, destination, offset);
            if (read <= 0)
            {
                throw new EndOfStreamException($"Unexpected end of file at offset {offset}.");
            }

            destination = destination[read..];
            offset += read;
        }
    }

    private static void CreateEmpty(string path, string tmp, ReadOnlySpan<byte> magic)
    {
        using (var stream = PrivateFiles.Open(tmp, FileMode.Create))
        {
            RandomAccess.Write(stream.SafeFileHandle, magic, 0);
            RandomAccess.FlushToDisk(stream.SafeFileHandle);
        }

        File.Move(tmp, path, overwrite: false);
        DirectorySync.Fsync(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    private void ThrowIfFaulted()
    {
        if (_fault is not null)
        {
            throw new InvalidOperationException($"'{FilePath}' faulted on an earlier I/O error; reopen it.", _fault);
        }
    }

    /// <summary>Replays the records after the magic; returns the end of the last valid one.</summary>
    private long Scan(long fileLength, RecordHandler handler)
    {
        var buffer = new byte[(int)Math.Min(1 << 20, Math.Max(4096, fileLength))];
        long bufferStart = 0;
        var bufferLength = 0;
        long offset = MagicSize;
        try
        {
            while (offset < fileLength)
            {
                var remaining = fileLength - offset;
                if (remaining < HeaderSize)
                {
                    return offset; // a header cut short
                }

                Fill(offset, HeaderSize);
                var header = buffer.AsSpan((int)(offset - bufferStart), HeaderSize);
                var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
                var type = header[4];
                if (Crc32.HashToUInt32(header[..5]) != BinaryPrimitives.ReadUInt32LittleEndian(header[5..]))
                {
                    if (IsZeroFrom(offset, fileLength))
                    {
                        return offset; // the file grew but the data never reached it
                    }

                    throw Corrupt(FilePath, offset, "record header checksum mismatch");
                }

                if (length > MaxPayload)
                {
                    throw Corrupt(FilePath, offset, $"record length {length} over the limit {MaxPayload}");
                }

                var frame = FrameOverhead + (long)length;
                if (frame > remaining)
                {
                    return offset; // an append cut short
                }

                Fill(offset, (int)frame);
                var at = (int)(offset - bufferStart);
                var payload = buffer.AsSpan(at + HeaderSize, (int)length);
                var crc = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at + HeaderSize + (int)length, TrailerSize));
                if (Crc32.HashToUInt32(payload) != crc)
                {
                    if (offset + frame == fileLength || IsZeroFrom(offset + frame, fileLength))
                    {
                        return offset; // the last append, partly written
                    }

                    throw Corrupt(FilePath, offset, "record payload checksum mismatch");
                }

                try
                {
                    handler(type, payload, offset);
                }
                catch (InvalidDataException ex)
                {
                    throw Corrupt(FilePath, offset, ex.Message);
                }

                offset += frame;
            }

            return offset;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer); // the vault's keys passed through it
        }

        void Fill(long from, int count)
        {
            if (from >= bufferStart && from + count <= bufferStart + bufferLength)
            {
                return;
            }

            if (count > buffer.Length)
            {
                CryptographicOperations.ZeroMemory(buffer);
                buffer = new byte[Math.Max(count, buffer.Length * 2)];
            }

            bufferStart = from;
            bufferLength = (int)Math.Min(buffer.Length, fileLength - from);
            ReadExactly(Handle, buffer.AsSpan(0, bufferLength), from);
        }
    }

    private bool IsZeroFrom(long from, long to)
    {
        Span<byte> chunk = stackalloc byte[4096];
        while (from < to)
        {
            var count = (int)Math.Min(chunk.Length, to - from);
            ReadExactly(Handle, chunk[..count], from);
            if (chunk[..count].ContainsAnyExcept((byte)0))
            {
                return false;
            }

            from += count;
        }

        return true;
    }
}
