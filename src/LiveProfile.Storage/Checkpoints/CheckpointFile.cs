using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using LiveProfile.Storage.IO;
using LiveProfile.Storage.Log;

namespace LiveProfile.Storage.Checkpoints;

/// <summary>
/// Checkpoint (snapshot) files written atomically and verified before use.
/// <para>
/// Layout: a 32-byte header, then the payload. Header (little-endian): <c>"LPCK" | u32 formatVersion
/// (the payload's, chosen by the caller) | u64 payloadLength | u64 payloadChecksum (XXH3-64) | u16
/// headerLayout = 1 | u16 flags = 0 | u32 CRC-32C of the preceding 28 bytes</c>. The file must be
/// exactly header + payload long.
/// </para>
/// <para>
/// Writing streams the payload into <c>path.tmp</c> after a placeholder header while hashing it,
/// then fills in the header, fsyncs, renames over <c>path</c> and fsyncs the directory: a crash
/// leaves either the old checkpoint or the new one, never a mix. A leftover <c>.tmp</c> from such a
/// crash is never read, and the next write overwrites it.
/// </para>
/// </summary>
public static class CheckpointFile
{
    public const int HeaderBytes = 32;

    private const uint Magic = 0x4B43504C; // "LPCK" read as little-endian u32
    private const ushort HeaderLayout = 1;
    private const int FileBufferBytes = 64 * 1024;
    private const int HashBufferBytes = 1024 * 1024;

    /// <summary>Atomically replaces <paramref name="path"/> with a checkpoint whose payload <paramref name="writePayload"/> streams out.</summary>
    /// <remarks>The stream given to <paramref name="writePayload"/> is write-only and forward-only; disposing it is harmless.</remarks>
    public static void WriteAtomic(string path, uint formatVersion, Action<Stream> writePayload)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writePayload);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException("The path has no directory.", nameof(path));
        string tmp = full + ".tmp";
        try
        {
            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileBufferBytes))
            {
                Span<byte> header = stackalloc byte[HeaderBytes];
                header.Clear();
                file.Write(header);

                var payload = new HashingWriteStream(file);
                writePayload(payload);

                WriteHeader(header, formatVersion, payload.BytesWritten, payload.Checksum);
                file.Position = 0;
                file.Write(header);
                file.Flush(flushToDisk: true);
            }

            File.Move(tmp, full, overwrite: true);
            DirectorySync.Fsync(directory);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>
    /// Verifies <paramref name="path"/> in full (magic, header checksum, length, payload checksum), and
    /// only then hands its payload to <paramref name="readPayload"/> with the stored format version.
    /// </summary>
    /// <exception cref="CheckpointCorruptedException">Any check failed.</exception>
    /// <exception cref="FileNotFoundException">There is no checkpoint at <paramref name="path"/>.</exception>
    public static T Read<T>(string path, Func<Stream, uint, T> readPayload)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(readPayload);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferBytes, FileOptions.SequentialScan);
        (uint version, long payloadLength, ulong checksum) = ReadHeader(file, path);
        VerifyPayload(file, path, payloadLength, checksum);

        file.Position = HeaderBytes;
        using var payload = new BoundedReadStream(file, payloadLength);
        return readPayload(payload, version);
    }

    private static void WriteHeader(Span<byte> header, uint formatVersion, long payloadLength, ulong checksum)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], formatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], payloadLength);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], checksum);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], HeaderLayout);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], Crc32C.Compute(header[..28]));
    }

    private static (uint Version, long PayloadLength, ulong Checksum) ReadHeader(FileStream file, string path)
    {
        long fileLength = file.Length;
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (fileLength < HeaderBytes)
        {
            throw new CheckpointCorruptedException(path, fileLength, $"the file is {fileLength} bytes, shorter than the {HeaderBytes}-byte header");
        }

        file.ReadExactly(header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            throw new CheckpointCorruptedException(path, 0, "bad magic (not an LPCK checkpoint)");
        }

        if (Crc32C.Compute(header[..28]) != BinaryPrimitives.ReadUInt32LittleEndian(header[28..]))
        {
            throw new CheckpointCorruptedException(path, 0, "header checksum mismatch");
        }

        ushort layout = BinaryPrimitives.ReadUInt16LittleEndian(header[24..]);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
        if (layout != HeaderLayout || flags != 0)
        {
            throw new CheckpointCorruptedException(path, 24, $"unsupported header layout {layout} / flags {flags}");
        }

        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        if (payloadLength < 0 || payloadLength != fileLength - HeaderBytes)
        {
            throw new CheckpointCorruptedException(path, Math.Min(fileLength, HeaderBytes + Math.Max(payloadLength, 0)),
                $"the header says {payloadLength} payload bytes but the file holds {fileLength - HeaderBytes}");
        }

        return (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]), payloadLength, BinaryPrimitives.ReadUInt64LittleEndian(header[16..]));
    }

    private static void VerifyPayload(FileStream file, string path, long payloadLength, ulong expected)
    {
        var hash = new XxHash3();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(HashBufferBytes);
        try
        {
            long left = payloadLength;
            while (left > 0)
            {
                int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read <= 0)
                {
                    throw new CheckpointCorruptedException(path, payloadLength - left + HeaderBytes, "the file ended while reading the payload");
                }

                hash.Append(buffer.AsSpan(0, read));
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (hash.GetCurrentHashAsUInt64() != expected)
        {
            throw new CheckpointCorruptedException(path, -1, $"payload checksum mismatch over bytes {HeaderBytes}..{HeaderBytes + payloadLength}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
