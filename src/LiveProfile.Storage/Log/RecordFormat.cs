using System.Buffers.Binary;
using System.Globalization;

namespace LiveProfile.Storage.Log;

/// <summary>
/// Framing of one log record: <c>[u32 payloadLength][u32 crc32c][u64 lsn][payload]</c>, little-endian,
/// where the CRC-32C covers the LSN bytes and the payload (which sit next to each other). Segment files
/// are named <c>log-{firstLsn:D20}.seg</c> and hold records only, no file header.
/// </summary>
internal static class RecordFormat
{
    public const int HeaderBytes = 16;

    /// <summary>Upper bound of a payload (events are ≤ 32 KiB of JSON); larger length fields are garbage.</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    /// <summary>The smallest possible record: a header and one payload byte.</summary>
    public const int MinRecordBytes = HeaderBytes + 1;

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

    /// <summary>Fills the header of a record whose payload already sits right after it in <paramref name="record"/>.</summary>
    public static void WriteHeader(Span<byte> record, long lsn)
    {
        int payloadLength = record.Length - HeaderBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payloadLength);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], lsn);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32C.Compute(record[8..]));
    }
}
