using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;

namespace LiveProfile.Storage.Log;

/// <summary>
/// Framing of one log record: <c>[u32 payloadLength][u32 crc32c][u64 lsn][payload]</c>, little-endian,
/// where the CRC-32C covers the LSN bytes and the payload (which sit next to each other). Segment files
/// are named <c>log-{firstLsn:D20}.seg</c> and hold records only, no file header.
/// <para>
/// The top bit of the LSN field is the end-of-batch flag: set on the last record of every
/// <see cref="EventLog.Append"/> batch, so recovery can tell a batch that was wholly written from one
/// a crash tore apart. It sits inside the CRC, so a flipped flag is caught like any other damage.
/// Readers decode the field with <see cref="ReadLsnField"/> and never see the flag in an LSN.
/// </para>
/// </summary>
internal static class RecordFormat
{
    public const int HeaderBytes = 16;

    /// <summary>
    /// The largest LSN. Below 2^62, so an LSN never reaches the flag bit (63) and a garbage field with
    /// bit 62 set can never pass for an LSN.
    /// </summary>
    public const long MaxLsn = (1L << 62) - 1;

    /// <summary>Upper bound of a payload (events are ≤ 32 KiB of JSON); larger length fields are garbage.</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    /// <summary>The smallest possible record: a header and one payload byte.</summary>
    public const int MinRecordBytes = HeaderBytes + 1;

    private const ulong EndOfBatchBit = 1UL << 63;
    private const int LsnFieldOffset = 8;
    private const string Prefix = "log-";
    private const string Suffix = ".seg";
    private const int Digits = 20;

    public static string SegmentFileName(long firstLsn) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{firstLsn:D20}{Suffix}");

    public static bool TryParseSegmentFileName(string fileName, out long firstLsn)
    {
        firstLsn = 0;
        if (fileName.Length != Prefix.Length + Digits + Suffix.Length
            || !fileName.StartsWith(Prefix, StringComparison.Ordinal)
            || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> digits = fileName.AsSpan(Prefix.Length, Digits);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out firstLsn) && firstLsn >= 1;
    }

    /// <summary>
    /// Fills the header of a record whose payload already sits right after it in <paramref name="record"/>;
    /// <paramref name="endOfBatch"/> marks the last record of an append batch.
    /// </summary>
    public static void WriteHeader(Span<byte> record, long lsn, bool endOfBatch)
    {
        int payloadLength = record.Length - HeaderBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payloadLength);
        BinaryPrimitives.WriteUInt64LittleEndian(record[LsnFieldOffset..], EncodeLsnField(lsn, endOfBatch));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32C.Compute(record[LsnFieldOffset..]));
    }

    /// <summary>The 64-bit LSN field: the LSN, with the top bit set when the record ends its batch.</summary>
    public static ulong EncodeLsnField(long lsn, bool endOfBatch)
    {
        Debug.Assert(lsn is >= 1 and <= MaxLsn, "LSNs stay below the flag bits");
        return (ulong)lsn | (endOfBatch ? EndOfBatchBit : 0);
    }

    /// <summary>Splits an LSN field into the plain LSN and the end-of-batch flag.</summary>
    public static long DecodeLsnField(ulong field, out bool endOfBatch)
    {
        endOfBatch = (field & EndOfBatchBit) != 0;
        return (long)(field & ~EndOfBatchBit);
    }

    /// <summary>Reads the LSN field of a record <paramref name="header"/> (at least <see cref="HeaderBytes"/> long).</summary>
    public static long ReadLsnField(ReadOnlySpan<byte> header, out bool endOfBatch) =>
        DecodeLsnField(BinaryPrimitives.ReadUInt64LittleEndian(header[LsnFieldOffset..]), out endOfBatch);
}
