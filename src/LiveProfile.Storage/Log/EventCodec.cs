using System.Buffers;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Storage.Log;

/// <summary>
/// The binary form of an <see cref="EventRecord"/> in the event log.
/// <para>
/// Layout (version 1; integers little-endian, "varint" is LEB128, "zigzag" a signed varint,
/// "str" a varint byte length then strict UTF-8):
/// <c>u8 version | u8 flags | str tenant | str id | u8 type | zigzag tsMs | zigzag (receivedMs − tsMs)
/// | zigzag skewMs | [str room] | [str session] | [str product] | varint n, n × (u8 kind, u64 hash)
/// | [varint len, sealed bytes] | [u64 sealKey] | props…</c> where the bracketed parts are present when
/// their flag bit is set (room 1, session 2, product 4, sealed 8, sealKey ≠ 0 16), and props run to the
/// end of the payload as <c>u8 tag, value</c> pairs (<see cref="PropTag"/>) for the non-null fields only.
/// </para>
/// <para>
/// New props get new tags, so old logs stay readable; a reader that meets a tag it does not know,
/// or any malformed input, throws <see cref="InvalidDataException"/> rather than guess.
/// </para>
/// </summary>
public static class EventCodec
{
    /// <summary>The format version written as the first byte.</summary>
    public const byte FormatVersion = 1;

    private const byte FlagRoom = 1;
    private const byte FlagSession = 2;
    private const byte FlagProduct = 4;
    private const byte FlagSealed = 8;
    private const byte FlagSealKey = 16;
    private const byte KnownFlags = FlagRoom | FlagSession | FlagProduct | FlagSealed | FlagSealKey;

    private const byte PurposeUnset = 0;
    private const byte PurposeFalse = 1;
    private const byte PurposeTrue = 2;

    /// <summary>Appends the encoding of <paramref name="e"/> to <paramref name="output"/>.</summary>
    /// <exception cref="InvalidOperationException">The event still carries plaintext PII (<see cref="EventRecord.Raw"/> is set).</exception>
    /// <exception cref="ArgumentException">A required field or a list element is null, or the type is not defined.</exception>
    /// <exception cref="System.Text.EncoderFallbackException">A string is not valid UTF-16 (a lone surrogate).</exception>
    public static void Write(EventRecord e, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(output);
        if (e.Raw is not null)
        {
            throw new InvalidOperationException(
                $"Event '{e.Id}' still carries raw identity (plaintext PII); it must pass the privacy door before it is logged.");
        }

        if (e.Tenant is null || e.Id is null || e.Props is null || e.Ids is null)
        {
            throw new ArgumentException("Tenant, Id, Props and Ids must not be null.", nameof(e));
        }

        if (!IsDefined(e.Type))
        {
            throw new ArgumentException($"Event type {(byte)e.Type} is not defined.", nameof(e));
        }

        byte flags = 0;
        if (e.Room is not null) flags |= FlagRoom;
        if (e.Session is not null) flags |= FlagSession;
        if (e.Product is not null) flags |= FlagProduct;
        if (e.Sealed is not null) flags |= FlagSealed;
        if (e.SealKey != 0) flags |= FlagSealKey;

        var w = new CodecWriter(output);
        w.Byte(FormatVersion);
        w.Byte(flags);
        w.String(e.Tenant);
        w.String(e.Id);
        w.Byte((byte)e.Type);
        w.VarInt(e.TsMs);
        w.VarInt(unchecked(e.ReceivedMs - e.TsMs));
        w.VarInt(e.SkewMs);
        if (e.Room is not null) w.String(e.Room);
        if (e.Session is not null) w.String(e.Session);
        if (e.Product is not null) w.String(e.Product);

        List<Pseudonym> ids = e.Ids;
        w.VarUInt((uint)ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            w.Byte((byte)ids[i].Kind);
            w.UInt64(ids[i].Hash);
        }

        if (e.Sealed is not null) w.Bytes(e.Sealed);
        if (e.SealKey != 0) w.UInt64(e.SealKey);

        WriteProps(ref w, e.Props);
        w.Complete();
    }

    /// <summary>Decodes one payload written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Unknown version, flag, type or tag, or a malformed payload.</exception>
    public static EventRecord Read(ReadOnlySpan<byte> payload)
    {
        var r = new CodecReader(payload);
        byte version = r.Byte();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Event codec: unsupported format version {version} (this build reads {FormatVersion}).");
        }

        byte flags = r.Byte();
        if ((flags & ~KnownFlags) != 0)
        {
            throw new InvalidDataException($"Event codec: unknown envelope flags 0x{flags:x2}.");
        }

        string tenant = r.String();
        string id = r.String();
        byte type = r.Byte();
        if (!IsDefined((EventType)type))
        {
            throw new InvalidDataException($"Event codec: unknown event type {type}.");
        }

        long ts = r.VarInt();
        long received = unchecked(ts + r.VarInt());
        long skew = r.VarInt();
        var e = new EventRecord
        {
            Tenant = tenant,
            Id = id,
            Type = (EventType)type,
            TsMs = ts,
            ReceivedMs = received,
            SkewMs = skew,
        };
        if ((flags & FlagRoom) != 0) e.Room = r.String();
        if ((flags & FlagSession) != 0) e.Session = r.String();
        if ((flags & FlagProduct) != 0) e.Product = r.String();

        int idCount = r.Length(minElementBytes: 9);
        var ids = new List<Pseudonym>(idCount);
        for (int i = 0; i < idCount; i++)
        {
            var kind = (IdentifierKind)r.Byte();
            ids.Add(new Pseudonym(kind, r.UInt64()));
        }

        e.Ids = ids;
        if ((flags & FlagSealed) != 0) e.Sealed = r.Bytes();
        if ((flags & FlagSealKey) != 0) e.SealKey = r.UInt64();

        e.Props = ReadProps(ref r);
        return e;
    }

    private static bool IsDefined(EventType type) => (byte)type is >= 1 and < EventTypes.Count;

    private static void WriteProps(ref CodecWriter w, EventProps p)
    {
        Str(ref w, PropTag.Source, p.Source);
        Str(ref w, PropTag.Text, p.Text);
        Str(ref w, PropTag.GiftId, p.GiftId);
        Str(ref w, PropTag.Channel, p.Channel);
        Str(ref w, PropTag.CouponId, p.CouponId);
        Str(ref w, PropTag.Query, p.Query);
        Str(ref w, PropTag.OrderId, p.OrderId);
        Str(ref w, PropTag.OrderRoom, p.OrderRoom);
        Str(ref w, PropTag.Gender, p.Gender);
        Str(ref w, PropTag.Province, p.Province);
        Str(ref w, PropTag.City, p.City);
        Str(ref w, PropTag.Title, p.Title);
        Str(ref w, PropTag.Category, p.Category);
        Str(ref w, PropTag.Brand, p.Brand);
        Str(ref w, PropTag.Streamer, p.Streamer);
        Str(ref w, PropTag.SessionRoom, p.SessionRoom);
        Str(ref w, PropTag.Keyword, p.Keyword);

        Int(ref w, PropTag.Count, p.Count);
        Int(ref w, PropTag.Qty, p.Qty);
        Int(ref w, PropTag.DurationMs, p.DurationMs);
        Int(ref w, PropTag.Rating, p.Rating);
        Int(ref w, PropTag.BirthYear, p.BirthYear);
        Int(ref w, PropTag.Stock, p.Stock);

        Dbl(ref w, PropTag.Value, p.Value);
        Dbl(ref w, PropTag.Total, p.Total);
        Dbl(ref w, PropTag.Amount, p.Amount);
        Dbl(ref w, PropTag.Price, p.Price);
        Dbl(ref w, PropTag.Score, p.Score);
        Dbl(ref w, PropTag.Confidence, p.Confidence);

        Int(ref w, PropTag.UntilMs, p.UntilMs);
        Int(ref w, PropTag.StartsAtMs, p.StartsAtMs);
        Int(ref w, PropTag.RegisteredAtMs, p.RegisteredAtMs);

        if (p.Items is { } items)
        {
            w.Byte((byte)PropTag.Items);
            w.VarUInt((uint)items.Count);
            foreach (OrderItem item in items)
            {
                if (item.Product is null)
                {
                    throw new ArgumentException("An order item has no product.", nameof(p));
                }

                w.String(item.Product);
                w.VarInt(item.Qty);
                w.Double(item.UnitPrice);
                w.Double(item.Discount);
            }
        }

        StrList(ref w, PropTag.Labels, p.Labels);
        StrList(ref w, PropTag.Ingredients, p.Ingredients);
        StrList(ref w, PropTag.Products, p.Products);

        if (p.LinkedIds is { } linked)
        {
            w.Byte((byte)PropTag.LinkedIds);
            w.VarUInt((uint)linked.Count);
            foreach (Pseudonym id in linked)
            {
                w.Byte((byte)id.Kind);
                w.UInt64(id.Hash);
            }
        }

        if (p.Purposes is { } purposes)
        {
            w.Byte((byte)PropTag.Purposes);
            w.Byte((byte)(Purpose(purposes.Analytics) | (Purpose(purposes.Personalization) << 2) | (Purpose(purposes.Marketing) << 4)));
        }
    }

    private static EventProps ReadProps(ref CodecReader r)
    {
        var p = new EventProps();
        ulong seenLow = 0, seenHigh = 0;
        while (r.Remaining > 0)
        {
            int at = r.Position;
            byte tag = r.Byte();
            if (tag >= 128)
            {
                throw UnknownTag(tag, at);
            }

            ref ulong seen = ref tag < 64 ? ref seenLow : ref seenHigh;
            ulong bit = 1UL << (tag & 63);
            if ((seen & bit) != 0)
            {
                throw new InvalidDataException($"Event codec: prop tag {tag} appears twice (offset {at}).");
            }

            seen |= bit;
            switch ((PropTag)tag)
            {
                case PropTag.Source: p.Source = r.String(); break;
                case PropTag.Text: p.Text = r.String(); break;
                case PropTag.GiftId: p.GiftId = r.String(); break;
                case PropTag.Channel: p.Channel = r.String(); break;
                case PropTag.CouponId: p.CouponId = r.String(); break;
                case PropTag.Query: p.Query = r.String(); break;
                case PropTag.OrderId: p.OrderId = r.String(); break;
                case PropTag.OrderRoom: p.OrderRoom = r.String(); break;
                case PropTag.Gender: p.Gender = r.String(); break;
                case PropTag.Province: p.Province = r.String(); break;
                case PropTag.City: p.City = r.String(); break;
                case PropTag.Title: p.Title = r.String(); break;
                case PropTag.Category: p.Category = r.String(); break;
                case PropTag.Brand: p.Brand = r.String(); break;
                case PropTag.Streamer: p.Streamer = r.String(); break;
                case PropTag.SessionRoom: p.SessionRoom = r.String(); break;
                case PropTag.Keyword: p.Keyword = r.String(); break;

                case PropTag.Count: p.Count = r.VarInt(); break;
                case PropTag.Qty: p.Qty = r.VarInt(); break;
                case PropTag.DurationMs: p.DurationMs = r.VarInt(); break;
                case PropTag.Rating: p.Rating = r.VarInt(); break;
                case PropTag.BirthYear: p.BirthYear = r.VarInt(); break;
                case PropTag.Stock: p.Stock = r.VarInt(); break;

                case PropTag.Value: p.Value = r.Double(); break;
                case PropTag.Total: p.Total = r.Double(); break;
                case PropTag.Amount: p.Amount = r.Double(); break;
                case PropTag.Price: p.Price = r.Double(); break;
                case PropTag.Score: p.Score = r.Double(); break;
                case PropTag.Confidence: p.Confidence = r.Double(); break;

                case PropTag.UntilMs: p.UntilMs = r.VarInt(); break;
                case PropTag.StartsAtMs: p.StartsAtMs = r.VarInt(); break;
                case PropTag.RegisteredAtMs: p.RegisteredAtMs = r.VarInt(); break;

                case PropTag.Items:
                    int itemCount = r.Length(minElementBytes: 18);
                    var items = new List<OrderItem>(itemCount);
                    for (int i = 0; i < itemCount; i++)
                    {
                        string product = r.String();
                        int qty = r.VarInt32();
                        double unitPrice = r.Double();
                        double discount = r.Double();
                        items.Add(new OrderItem(product, qty, unitPrice, discount));
                    }

                    p.Items = items;
                    break;

                case PropTag.Labels: p.Labels = ReadStrList(ref r); break;
                case PropTag.Ingredients: p.Ingredients = ReadStrList(ref r); break;
                case PropTag.Products: p.Products = ReadStrList(ref r); break;

                case PropTag.LinkedIds:
                    int linkedCount = r.Length(minElementBytes: 9);
                    var linked = new List<Pseudonym>(linkedCount);
                    for (int i = 0; i < linkedCount; i++)
                    {
                        var kind = (IdentifierKind)r.Byte();
                        linked.Add(new Pseudonym(kind, r.UInt64()));
                    }

                    p.LinkedIds = linked;
                    break;

                case PropTag.Purposes:
                    byte bits = r.Byte();
                    if ((bits & 0xC0) != 0 || (bits & 3) == 3 || ((bits >> 2) & 3) == 3 || ((bits >> 4) & 3) == 3)
                    {
                        throw new InvalidDataException($"Event codec: invalid consent purposes byte 0x{bits:x2} (offset {at}).");
                    }

                    p.Purposes = new ConsentPurposes(Purpose(bits & 3), Purpose((bits >> 2) & 3), Purpose((bits >> 4) & 3));
                    break;

                default:
                    throw UnknownTag(tag, at);
            }
        }

        return p;
    }

    private static void Str(ref CodecWriter w, PropTag tag, string? value)
    {
        if (value is null) return;
        w.Byte((byte)tag);
        w.String(value);
    }

    private static void Int(ref CodecWriter w, PropTag tag, long? value)
    {
        if (value is not { } v) return;
        w.Byte((byte)tag);
        w.VarInt(v);
    }

    private static void Dbl(ref CodecWriter w, PropTag tag, double? value)
    {
        if (value is not { } v) return;
        w.Byte((byte)tag);
        w.Double(v);
    }

    private static void StrList(ref CodecWriter w, PropTag tag, List<string>? values)
    {
        if (values is null) return;
        w.Byte((byte)tag);
        w.VarUInt((uint)values.Count);
        foreach (string value in values)
        {
            if (value is null)
            {
                throw new ArgumentException($"Prop list {tag} contains a null element.", nameof(values));
            }

            w.String(value);
        }
    }

    private static List<string> ReadStrList(ref CodecReader r)
    {
        int count = r.Length();
        var list = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(r.String());
        }

        return list;
    }

    private static int Purpose(bool? value) => value switch
    {
        null => PurposeUnset,
        false => PurposeFalse,
        true => PurposeTrue,
    };

    private static bool? Purpose(int bits) => bits switch
    {
        PurposeFalse => false,
        PurposeTrue => true,
        _ => null,
    };

    private static InvalidDataException UnknownTag(byte tag, int offset) =>
        new($"Event codec: unknown prop tag {tag} at offset {offset}; the log was written by a newer version.");
}
