using LiveProfile.Engine.Contract;
using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// The plaintext inside <see cref="EventRecord.Sealed"/>: version byte 1, a 16-bit presence mask,
/// then the present fields in mask order as varint-length UTF-8 (links: varint count, then kind
/// byte and value each). Compact, no reflection, no allocation beyond the strings read back.
/// </summary>
internal static class SealedIdentityCodec
{
    private const byte Version = 1;

    private const ushort HasAccount = 1 << 0;
    private const ushort HasViewer = 1 << 1;
    private const ushort HasDevice = 1 << 2;
    private const ushort HasPhone = 1 << 3;
    private const ushort HasNickname = 1 << 4;
    private const ushort HasName = 1 << 5;
    private const ushort HasAddress = 1 << 6;
    private const ushort HasLinks = 1 << 7;
    private const ushort HasExtra = 1 << 8;
    private const ushort Known = (1 << 9) - 1;

    /// <summary>Whether the identity holds anything to seal.</summary>
    public static bool HasContent(RawIdentity raw) => Mask(raw) != 0;

    public static void Encode(RawIdentity raw, ByteWriter writer)
    {
        var mask = Mask(raw);
        writer.WriteByte(Version);
        writer.WriteUInt16(mask);
        WriteIf(writer, raw.AccountId);
        WriteIf(writer, raw.ViewerId);
        WriteIf(writer, raw.DeviceId);
        WriteIf(writer, raw.Phone);
        WriteIf(writer, raw.Nickname);
        WriteIf(writer, raw.Name);
        WriteIf(writer, raw.Address);
        if (raw.Links is { Count: > 0 } links)
        {
            writer.WriteVarUInt((uint)links.Count);
            foreach (var (kind, value) in links)
            {
                writer.WriteByte((byte)kind);
                writer.WriteString(value);
            }
        }

        WriteIf(writer, raw.ExtraPropsJson);
    }

    /// <exception cref="InvalidDataException">Not a blob this codec wrote.</exception>
    public static RawIdentity Decode(ReadOnlySpan<byte> plaintext)
    {
        var reader = new SpanReader(plaintext);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"Unknown sealed identity version {version}.");
        }

        var mask = reader.ReadUInt16();
        if ((mask & ~Known) != 0)
        {
            throw new InvalidDataException($"Unknown sealed identity fields 0x{mask:x4}.");
        }

        var raw = new RawIdentity
        {
            AccountId = ReadIf(ref reader, mask, HasAccount),
            ViewerId = ReadIf(ref reader, mask, HasViewer),
            DeviceId = ReadIf(ref reader, mask, HasDevice),
            Phone = ReadIf(ref reader, mask, HasPhone),
            Nickname = ReadIf(ref reader, mask, HasNickname),
            Name = ReadIf(ref reader, mask, HasName),
            Address = ReadIf(ref reader, mask, HasAddress),
        };
        if ((mask & HasLinks) != 0)
        {
            var count = reader.ReadLength(minElementBytes: 2); // a kind byte and at least a length byte each
            var links = new List<(IdentifierKind Kind, string Value)>(count);
            for (var i = 0; i < count; i++)
            {
                var kind = (IdentifierKind)reader.ReadByte();
                links.Add((kind, reader.ReadString()));
            }

            raw.Links = links;
        }

        raw.ExtraPropsJson = ReadIf(ref reader, mask, HasExtra);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException("Trailing bytes in a sealed identity.");
        }

        return raw;
    }

    private static ushort Mask(RawIdentity raw)
    {
        ushort mask = 0;
        if (raw.AccountId is not null) mask |= HasAccount;
        if (raw.ViewerId is not null) mask |= HasViewer;
        if (raw.DeviceId is not null) mask |= HasDevice;
        if (raw.Phone is not null) mask |= HasPhone;
        if (raw.Nickname is not null) mask |= HasNickname;
        if (raw.Name is not null) mask |= HasName;
        if (raw.Address is not null) mask |= HasAddress;
        if (raw.Links is { Count: > 0 }) mask |= HasLinks;
        if (raw.ExtraPropsJson is not null) mask |= HasExtra;
        return mask;
    }

    private static void WriteIf(ByteWriter writer, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(value);
        }
    }

    private static string? ReadIf(ref SpanReader reader, ushort mask, ushort bit) =>
        (mask & bit) != 0 ? reader.ReadString() : null;
}
