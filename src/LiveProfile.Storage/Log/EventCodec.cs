using System.Buffers;
using LiveProfile.Engine.Contract;
using LiveProfile.Storage.IO;

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

    /// <summary>Where an event for an output other than a <see cref="ByteWriter"/> is encoded before the copy.</summary>
    [ThreadStatic]
    private static ByteWriter? t_scratch;

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

        // The log encodes straight into its ByteWriter; any other output gets a copy.
        if (output is ByteWriter direct)
        {
            Encode(e, flags, direct);
            return;
        }

        ByteWriter scratch = t_scratch ??= new ByteWriter(1024);
        try
        {
            Encode(e, flags, scratch);
            output.Write(scratch.WrittenSpan);
        }
        finally
        {
            scratch.Clear();
            if (scratch.Capacity > 1024 * 1024)
            {
                t_scratch = null; // one huge event must not pin its buffer on this thread
            }
        }
    }

    /// <summary>Decodes one payload written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Unknown version, flag, type or tag, or a malformed payload.</exception>
    public static EventRecord Read(ReadOnlySpan<byte> payload)
    {
        var r = new SpanReader(payload);
        byte version = r.ReadByte();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Event codec: unsupported format version {version} (this build reads {FormatVersion}).");
        }

        byte flags = r.ReadByte();
        if ((flags & ~KnownFlags) != 0)
        {
            throw new InvalidDataException($"Event codec: unknown envelope flags 0x{flags:x2}.");
        }

        string tenant = r.ReadString();
        string id = r.ReadString();
        byte type = r.ReadByte();
        if (!IsDefined((EventType)type))
        {
            throw new InvalidDataException($"Event codec: unknown event type {type}.");
        }

        long ts = r.ReadVarInt();
        long received = unchecked(ts + r.ReadVarInt());
        long skew = r.ReadVarInt();
        var e = new EventRecord
        {
            Tenant = tenant,
            Id = id,
            Type = (EventType)type,
            TsMs = ts,
            ReceivedMs = received,
            SkewMs = skew,
        };
        if ((flags & FlagRoom) != 0) e.Room = r.ReadString();
        if ((flags & FlagSession) != 0) e.Session = r.ReadString();
        if ((flags & FlagProduct) != 0) e.Product = r.ReadString();

        int idCount = r.ReadLength(minElementBytes: 9);
        var ids = new List<Pseudonym>(idCount);
        for (int i = 0; i < idCount; i++)
        {
            var kind = (IdentifierKind)r.ReadByte();
            ids.Add(new Pseudonym(kind, r.ReadUInt64()));
        }

        e.Ids = ids;
        if ((flags & FlagSealed) != 0) e.Sealed = r.ReadPrefixedBytes();
        if ((flags & FlagSealKey) != 0) e.SealKey = r.ReadUInt64();

        e.Props = ReadProps(ref r);
        return e;
    }

    private static void Encode(EventRecord e, byte flags, ByteWriter w)
    {
        w.WriteByte(FormatVersion);
        w.WriteByte(flags);
        w.WriteString(e.Tenant);
        w.WriteString(e.Id);
        w.WriteByte((byte)e.Type);
        w.WriteVarInt(e.TsMs);
        w.WriteVarInt(unchecked(e.ReceivedMs - e.TsMs));
        w.WriteVarInt(e.SkewMs);
        if (e.Room is not null) w.WriteString(e.Room);
        if (e.Session is not null) w.WriteString(e.Session);
        if (e.Product is not null) w.WriteString(e.Product);

        List<Pseudonym> ids = e.Ids;
        w.WriteVarUInt((uint)ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            w.WriteByte((byte)ids[i].Kind);
            w.WriteUInt64(ids[i].Hash);
        }

        if (e.Sealed is not null) w.WritePrefixedBytes(e.Sealed);
        if (e.SealKey != 0) w.WriteUInt64(e.SealKey);

        WriteProps(w, e.Props);
    }

    private static bool IsDefined(EventType type) => (byte)type is >= 1 and < EventTypes.Count;

    private static void WriteProps(ByteWriter w, EventProps p)
    {
        Str(w, PropTag.Source, p.Source);
        Str(w, PropTag.Text, p.Text);
        Str(w, PropTag.GiftId, p.GiftId);
        Str(w, PropTag.Channel, p.Channel);
        Str(w, PropTag.CouponId, p.CouponId);
        Str(w, PropTag.Query, p.Query);
        Str(w, PropTag.OrderId, p.OrderId);
        Str(w, PropTag.OrderRoom, p.OrderRoom);
        Str(w, PropTag.Gender, p.Gender);
        Str(w, PropTag.Province, p.Province);
        Str(w, PropTag.City, p.City);
        Str(w, PropTag.Title, p.Title);
        Str(w, PropTag.Category, p.Category);
        Str(w, PropTag.Brand, p.Brand);
        Str(w, PropTag.Streamer, p.Streamer);
        Str(w, PropTag.SessionRoom, p.SessionRoom);
        Str(w, PropTag.Keyword, p.Keyword);
        Str(w, PropTag.Section, p.Section);

        Int(w, PropTag.Count, p.Count);
        Int(w, PropTag.Qty, p.Qty);
        Int(w, PropTag.DurationMs, p.DurationMs);
        Int(w, PropTag.Rating, p.Rating);
        Int(w, PropTag.BirthYear, p.BirthYear);
        Int(w, PropTag.Stock, p.Stock);
        Int(w, PropTag.Intent, (long?)p.Intent);

        Dbl(w, PropTag.Value, p.Value);
        Dbl(w, PropTag.Total, p.Total);
        Dbl(w, PropTag.Amount, p.Amount);
        Dbl(w, PropTag.Price, p.Price);
        Dbl(w, PropTag.Score, p.Score);
        Dbl(w, PropTag.Confidence, p.Confidence);

        Int(w, PropTag.UntilMs, p.UntilMs);
        Int(w, PropTag.StartsAtMs, p.StartsAtMs);
        Int(w, PropTag.RegisteredAtMs, p.RegisteredAtMs);

        if (p.Items is { } items)
        {
            w.WriteByte((byte)PropTag.Items);
            w.WriteVarUInt((uint)items.Count);
            foreach (OrderItem item in items)
            {
                if (item.Product is null)
                {
                    throw new ArgumentException("An order item has no product.", nameof(p));
                }

                w.WriteString(item.Product);
                w.WriteVarInt(item.Qty);
                w.WriteDouble(item.UnitPrice);
                w.WriteDouble(item.Discount);
            }
        }

        StrList(w, PropTag.Labels, p.Labels);
        StrList(w, PropTag.Ingredients, p.Ingredients);
        StrList(w, PropTag.Products, p.Products);

        if (p.LinkedIds is { } linked)
        {
            w.WriteByte((byte)PropTag.LinkedIds);
            w.WriteVarUInt((uint)linked.Count);
            foreach (Pseudonym id in linked)
            {
                w.WriteByte((byte)id.Kind);
                w.WriteUInt64(id.Hash);
            }
        }

        if (p.Purposes is { } purposes)
        {
            w.WriteByte((byte)PropTag.Purposes);
            w.WriteByte((byte)(Purpose(purposes.Analytics) | (Purpose(purposes.Personalization) << 2) | (Purpose(purposes.Marketing) << 4)));
        }
    }

    private static EventProps ReadProps(ref SpanReader r)
    {
        var p = new EventProps();
        ulong seenLow = 0, seenHigh = 0;
        while (r.Remaining > 0)
        {
            int at = r.Position;
            byte tag = r.ReadByte();
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
                case PropTag.Source: p.Source = r.ReadString(); break;
                case PropTag.Text: p.Text = r.ReadString(); break;
                case PropTag.GiftId: p.GiftId = r.ReadString(); break;
                case PropTag.Channel: p.Channel = r.ReadString(); break;
                case PropTag.CouponId: p.CouponId = r.ReadString(); break;
                case PropTag.Query: p.Query = r.ReadString(); break;
                case PropTag.OrderId: p.OrderId = r.ReadString(); break;
                case PropTag.OrderRoom: p.OrderRoom = r.ReadString(); break;
                case PropTag.Gender: p.Gender = r.ReadString(); break;
                case PropTag.Province: p.Province = r.ReadString(); break;
                case PropTag.City: p.City = r.ReadString(); break;
                case PropTag.Title: p.Title = r.ReadString(); break;
                case PropTag.Category: p.Category = r.ReadString(); break;
                case PropTag.Brand: p.Brand = r.ReadString(); break;
                case PropTag.Streamer: p.Streamer = r.ReadString(); break;
                case PropTag.SessionRoom: p.SessionRoom = r.ReadString(); break;
                case PropTag.Keyword: p.Keyword = r.ReadString(); break;
                case PropTag.Section: p.Section = r.ReadString(); break;

                case PropTag.Count: p.Count = r.ReadVarInt(); break;
                case PropTag.Qty: p.Qty = r.ReadVarInt(); break;
                case PropTag.DurationMs: p.DurationMs = r.ReadVarInt(); break;
                case PropTag.Rating: p.Rating = r.ReadVarInt(); break;
                case PropTag.BirthYear: p.BirthYear = r.ReadVarInt(); break;
                case PropTag.Stock: p.Stock = r.ReadVarInt(); break;
                case PropTag.Intent: p.Intent = CommentIntents.Checked(r.ReadVarInt()); break;

                case PropTag.Value: p.Value = r.ReadDouble(); break;
                case PropTag.Total: p.Total = r.ReadDouble(); break;
                case PropTag.Amount: p.Amount = r.ReadDouble(); break;
                case PropTag.Price: p.Price = r.ReadDouble(); break;
                case PropTag.Score: p.Score = r.ReadDouble(); break;
                case PropTag.Confidence: p.Confidence = r.ReadDouble(); break;

                case PropTag.UntilMs: p.UntilMs = r.ReadVarInt(); break;
                case PropTag.StartsAtMs: p.StartsAtMs = r.ReadVarInt(); break;
                case PropTag.RegisteredAtMs: p.RegisteredAtMs = r.ReadVarInt(); break;

                case PropTag.Items:
                    int itemCount = r.ReadLength(minElementBytes: 18);
                    var items = new List<OrderItem>(itemCount);
                    for (int i = 0; i < itemCount; i++)
                    {
                        string product = r.ReadString();
                        int qty = r.ReadVarInt32();
                        double unitPrice = r.ReadDouble();
                        double discount = r.ReadDouble();
                        items.Add(new OrderItem(product, qty, unitPrice, discount));
                    }

                    p.Items = items;
                    break;

                case PropTag.Labels: p.Labels = ReadStrList(ref r); break;
                case PropTag.Ingredients: p.Ingredients = ReadStrList(ref r); break;
                case PropTag.Products: p.Products = ReadStrList(ref r); break;

                case PropTag.LinkedIds:
                    int linkedCount = r.ReadLength(minElementBytes: 9);
                    var linked = new List<Pseudonym>(linkedCount);
                    for (int i = 0; i < linkedCount; i++)
                    {
                        var kind = (IdentifierKind)r.ReadByte();
                        linked.Add(new Pseudonym(kind, r.ReadUInt64()));
                    }

                    p.LinkedIds = linked;
                    break;

                case PropTag.Purposes:
                    byte bits = r.ReadByte();
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

    private static void Str(ByteWriter w, PropTag tag, string? value)
    {
        if (value is null) return;
        w.WriteByte((byte)tag);
        w.WriteString(value);
    }

    private static void Int(ByteWriter w, PropTag tag, long? value)
    {
        if (value is not { } v) return;
        w.WriteByte((byte)tag);
        w.WriteVarInt(v);
    }

    private static void Dbl(ByteWriter w, PropTag tag, double? value)
    {
        if (value is not { } v) return;
        w.WriteByte((byte)tag);
        w.WriteDouble(v);
    }

    private static void StrList(ByteWriter w, PropTag tag, List<string>? values)
    {
        if (values is null) return;
        w.WriteByte((byte)tag);
        w.WriteVarUInt((uint)values.Count);
        foreach (string value in values)
        {
            if (value is null)
            {
                throw new ArgumentException($"Prop list {tag} contains a null element.", nameof(values));
            }

            w.WriteString(value);
        }
    }

    private static List<string> ReadStrList(ref SpanReader r)
    {
        int count = r.ReadLength();
        var list = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(r.ReadString());
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
