using System.Buffers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using static LiveProfile.Engine.Contract.RejectionCode;

namespace LiveProfile.Engine.Contract;

/// <summary>
/// Reads and validates one event (one NDJSON line or one JSON array element) against the event
/// contract (spec/events.md) into an <see cref="EventRecord"/>, or reports the first problem found.
/// One instance serves one <see cref="EventParser.Parse"/> call: it holds the last error and a scratch
/// buffer, so it is neither thread-safe nor shared.
/// </summary>
/// <remarks>
/// <para>Order of checks: size (<c>event_too_large</c>) before anything; then the JSON is read once,
/// front to back, and the first problem wins. After a semantic problem the rest of the event is still
/// scanned, so that broken JSON (<c>invalid_json</c>) or excessive nesting (<c>too_deep</c>) is what
/// gets reported when present, and so that the id can be echoed even when it comes after the problem.</para>
/// <para>Envelope rules: exactly the fields id, type, ts, sentAt, user, room, session, product, props,
/// each at most once (<c>unknown_field</c>, <c>duplicate_field</c>); JSON null means absent everywhere.
/// <c>id</c>: string of 1–64 chars of <c>[A-Za-z0-9_.:-]</c>, else <c>invalid_id</c>. <c>type</c>: a
/// string (else <c>invalid_field</c>) naming a known type (else <c>unknown_type</c>). <c>ts</c>,
/// <c>sentAt</c>: RFC 3339 with offset or integer epoch ms within years 1–9999 (else
/// <c>invalid_time</c>; a digit string is not epoch ms). <c>room</c>, <c>session</c>, <c>product</c>:
/// non-empty strings. <c>user</c>: an object of non-empty strings accountId, viewerId, deviceId, phone
/// (E.164), nickname, parsed (and validated) for every type that carries one.</para>
/// </remarks>
internal sealed class EventReader
{
    private const int FId = 1, FType = 2, FTs = 3, FSentAt = 4, FUser = 5, FRoom = 6, FSession = 7, FProduct = 8, FProps = 9;
    private const string AllowedTop = "id, type, ts, sentAt, user, room, session, product, props";
    private const string AllowedUser = "accountId, viewerId, deviceId, phone, nickname";
    private const string IdRule = "a string of 1-64 characters from [A-Za-z0-9_.:-]";
    private const string TimeRule = "an RFC 3339 time with offset (e.g. 2025-06-18T20:00:00+08:00) or Unix epoch milliseconds";
    private const string PhoneRule = "E.164: '+' then 8-15 digits, the first 1-9, no spaces or dashes";
    private const int MaxIdChars = 64;

    private static readonly string[] TopNames = ["", "id", "type", "ts", "sentAt", "user", "room", "session", "product", "props"];
    private static readonly string[] UserPaths = ["", "user.accountId", "user.viewerId", "user.deviceId", "user.phone", "user.nickname"];
    private static readonly string[] JoinSources = ["feed", "search", "share", "push", "follow"];
    private static readonly string[] Genders = ["female", "male", "unknown"];
    private static readonly string[] ViewSections = ["details", "reviews", "specs", "qa"];
    private static readonly string[] LinkKinds = ["account", "viewer", "device", "phone", "nickname"];
    private static readonly SearchValues<char> IdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-");
    private static readonly string[] TypeNames = BuildTypeNames();

    private readonly IngestLimits _limits;
    private readonly string _tenant;
    private readonly long _receivedMs;
    private readonly long _latestTsMs;
    private readonly long _earliestTsMs;
    private readonly int _maxBirthYear;
    private readonly JsonReaderOptions _options;
    private ArrayBufferWriter<byte>? _extra;

    public EventReader(IngestLimits limits, string tenant, long receivedMs)
    {
        _limits = limits;
        _tenant = tenant;
        _receivedMs = receivedMs;
        _latestTsMs = receivedMs + (long)limits.MaxFuture.TotalMilliseconds;
        _earliestTsMs = receivedMs - (long)limits.Retention.TotalMilliseconds;
        _maxBirthYear = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(receivedMs, 0, Rfc3339.MaxMs)).Year;

        // One level more than allowed, so that the reader hands over the first too-deep container and
        // this class reports too_deep instead of the reader throwing (which would read as invalid_json).
        _options = new JsonReaderOptions { MaxDepth = limits.MaxDepth + 1 };
    }

    /// <summary>The code of the last rejection (a <see cref="RejectionCode"/> constant).</summary>
    public string ErrorCode { get; private set; } = "";

    /// <summary>The message of the last rejection.</summary>
    public string ErrorMessage { get; private set; } = "";

    /// <summary>The id of the last rejected event, when it was readable and valid.</summary>
    public string? ErrorId { get; private set; }

    /// <summary>Reads one event; null when rejected (see <see cref="ErrorCode"/>).</summary>
    public EventRecord? Read(ReadOnlySpan<byte> json)
    {
        ErrorCode = "";
        ErrorMessage = "";
        ErrorId = null;
        if (json.Length > _limits.MaxEventBytes)
        {
            Fail(EventTooLarge, $"the event is {json.Length} bytes; the limit is {_limits.MaxEventBytes} bytes");
            return null;
        }

        var rec = new EventRecord { Tenant = _tenant, Id = "", Type = default, ReceivedMs = _receivedMs };
        var r = new Utf8JsonReader(json, _options);
        try
        {
            if (ReadEvent(ref r, rec, json))
            {
                if (r.Read()) Fail(InvalidJson, "invalid JSON: content after the event object");
                else return rec;
            }
            else if (ErrorCode is not (InvalidJson or TooDeep))
            {
                Drain(ref r);
            }
        }
        catch (JsonException ex)
        {
            Fail(InvalidJson, "invalid JSON: " + ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // GetString on an escape that is not valid UTF-16 (a lone surrogate).
            Fail(InvalidJson, "invalid JSON string: " + ex.Message);
        }

        return null;
    }

    private bool ReadEvent(ref Utf8JsonReader r, EventRecord rec, ReadOnlySpan<byte> json)
    {
        if (!r.Read()) return Fail(InvalidJson, "invalid JSON: the event is empty");
        if (r.TokenType != JsonTokenType.StartObject)
            return Fail(NotAnObject, $"an event must be a JSON object, got {Describe(r.TokenType)}");
        if (!Enter(ref r, "the event")) return false;

        int seen = 0;
        bool typeKnown = false, haveTs = false, haveSentAt = false, userSeen = false, propsSeen = false, deferred = false;
        long ts = 0, sentAt = 0;
        string? envelopeRoom = null;
        Utf8JsonReader propsReader = default;
        while (true)
        {
            if (!r.Read()) return Fail(InvalidJson, "invalid JSON: the event object is not closed");
            if (r.TokenType == JsonTokenType.EndObject) break;

            int f = ClassifyTop(ref r);
            if (f == 0)
                return Fail(UnknownField, $"unknown top-level field {QuotedName(ref r)}; allowed: {AllowedTop}");
            if ((seen & (1 << f)) != 0)
                return Fail(DuplicateField, $"duplicate top-level field \"{TopNames[f]}\"");
            seen |= 1 << f;

            r.Read();
            if (r.TokenType == JsonTokenType.Null) continue; // null = absent
            switch (f)
            {
                case FId:
                    if (!ReadId(ref r, rec)) return false;
                    break;
                case FType:
                    if (r.TokenType != JsonTokenType.String)
                        return Fail(InvalidField, $"type must be a string naming an event type, got {Describe(r.TokenType)}");
                    if (!TryParseType(ref r, out var type))
                        return Fail(UnknownType, $"type \"{Snippet(ref r)}\" is not a known event type");
                    rec.Type = type;
                    typeKnown = true;
                    break;
                case FTs:
                    if (!ReadTime(ref r, "ts", out ts)) return false;
                    haveTs = true;
                    break;
                case FSentAt:
                    if (!ReadTime(ref r, "sentAt", out sentAt)) return false;
                    haveSentAt = true;
                    break;
                case FUser:
                    if (r.TokenType != JsonTokenType.StartObject)
                        return Fail(InvalidField, $"user must be an object {{{AllowedUser}}}, got {Describe(r.TokenType)}");
                    if (!ReadUser(ref r, rec)) return false;
                    userSeen = true;
                    break;
                case FRoom:
                    if (!ReadString(ref r, "room", out envelopeRoom)) return false;
                    break;
                case FSession:
                    if (!ReadString(ref r, "session", out var session)) return false;
                    rec.Session = session;
                    break;
                case FProduct:
                    if (!ReadString(ref r, "product", out var product)) return false;
                    rec.Product = product;
                    break;
                default: // FProps
                    if (r.TokenType != JsonTokenType.StartObject)
                        return Fail(InvalidField, $"props must be an object, got {Describe(r.TokenType)}");
                    propsSeen = true;
                    if (typeKnown)
                    {
                        if (!ReadProps(ref r, rec, json)) return false;
                    }
                    else
                    {
                        // The props rules depend on the type, which comes later: remember where props
                        // start (the reader is a struct: a copy is a bookmark) and come back to them.
                        propsReader = r;
                        deferred = true;
                        if (!Skip(ref r, "props")) return false;
                    }

                    break;
            }
        }

        if (rec.Id.Length == 0) return Fail(MissingField, "id is required");
        if (!typeKnown) return Fail(MissingField, "type is required");
        if (!haveTs) return Fail(MissingField, "ts is required");

        var t = rec.Type;
        long skew = haveSentAt ? _receivedMs - sentAt : 0;
        long tsMs = ts + skew;
        rec.TsMs = tsMs;
        rec.SkewMs = skew;
        if (tsMs > _latestTsMs)
        {
            return Fail(FutureTimestamp,
                $"ts is {tsMs - _receivedMs} ms ahead of the server clock{(haveSentAt ? " after sentAt skew correction" : "")}; at most {(long)_limits.MaxFuture.TotalMilliseconds} ms is allowed");
        }

        if (tsMs < _earliestTsMs)
        {
            return Fail(TooOld,
                $"ts is {(_receivedMs - tsMs) / 86_400_000} days old{(haveSentAt ? " after sentAt skew correction" : "")}; events older than the retention of {_limits.Retention.TotalDays:0.##} days are rejected");
        }

        if (t.RequiresUser())
        {
            if (!userSeen) return Fail(MissingField, $"user is required for {t.WireName()}");
            if (rec.Raw is not { HasUserIdentifier: true })
                return Fail(MissingIdentifier, $"user must carry at least one of accountId, viewerId, deviceId, phone for {t.WireName()}");
        }

        if (deferred)
        {
            if (!ReadProps(ref propsReader, rec, json)) return false;
        }
        else if (!propsSeen && !FinishProps(rec, 0))
        {
            return false;
        }

        if (t == EventType.CatalogSession)
        {
            if (envelopeRoom is not null && envelopeRoom != rec.Props.SessionRoom)
                return Fail(InvalidField, "room must equal props.room for catalog.session (or be left out)");
            rec.Room = rec.Props.SessionRoom;
        }
        else
        {
            rec.Room = envelopeRoom;
        }

        if (t.IsLive() && rec.Room is null) return Fail(MissingField, $"room is required for {t.WireName()}");
        if (t.RequiresProduct() && rec.Product is null) return Fail(MissingField, $"product is required for {t.WireName()}");
        if (t.RequiresSession() && rec.Session is null) return Fail(MissingField, $"session is required for {t.WireName()}");
        return true;
    }

    private static int ClassifyTop(ref Utf8JsonReader r)
    {
        if (r.ValueTextEquals("id"u8)) return FId;
        if (r.ValueTextEquals("type"u8)) return FType;
        if (r.ValueTextEquals("ts"u8)) return FTs;
        if (r.ValueTextEquals("user"u8)) return FUser;
        if (r.ValueTextEquals("props"u8)) return FProps;
        if (r.ValueTextEquals("room"u8)) return FRoom;
        if (r.ValueTextEquals("product"u8)) return FProduct;
        if (r.ValueTextEquals("session"u8)) return FSession;
        if (r.ValueTextEquals("sentAt"u8)) return FSentAt;
        return 0;
    }

    private bool ReadId(ref Utf8JsonReader r, EventRecord rec)
    {
        if (r.TokenType != JsonTokenType.String) return Fail(InvalidId, $"id must be {IdRule}, got {Describe(r.TokenType)}");
        if (!TryReadValidId(ref r, out var id))
            return Fail(InvalidId, $"id must be {IdRule}, got \"{Snippet(ref r)}\"");
        rec.Id = id;
        ErrorId = id;
        return true;
    }

    private static bool TryReadValidId(ref Utf8JsonReader r, out string id)
    {
        id = "";
        int raw = r.ValueSpan.Length;
        if (raw == 0 || raw > (r.ValueIsEscaped ? MaxIdChars * 6 : MaxIdChars)) return false;
        var s = r.GetString()!;
        if (s.Length > MaxIdChars || s.AsSpan().ContainsAnyExcept(IdChars)) return false;
        id = s;
        return true;
    }

    private static bool TryParseType(ref Utf8JsonReader r, out EventType type)
    {
        if (r.ValueIsEscaped) return EventTypes.TryParse(r.GetString()!, out type);
        var span = r.ValueSpan;
        for (int i = 1; i < TypeNames.Length; i++)
        {
            if (TypeNames[i] is { } name && Ascii.Equals(span, name))
            {
                type = (EventType)i;
                return true;
            }
        }

        type = default;
        return false;
    }

    // ---- user ----------------------------------------------------------------------------------

    private bool ReadUser(ref Utf8JsonReader r, EventRecord rec)
    {
        if (!Enter(ref r, "user")) return false;
        var raw = rec.Raw ??= new RawIdentity();
        int seen = 0;
        while (true)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndObject) return true;
            int f = r.ValueTextEquals("accountId"u8) ? 1
                : r.ValueTextEquals("viewerId"u8) ? 2
                : r.ValueTextEquals("deviceId"u8) ? 3
                : r.ValueTextEquals("phone"u8) ? 4
                : r.ValueTextEquals("nickname"u8) ? 5
                : 0;
            if (f == 0) return Fail(UnknownField, $"unknown field user.{Snippet(ref r)}; allowed: {AllowedUser}");
            if ((seen & (1 << f)) != 0) return Fail(DuplicateField, $"duplicate field {UserPaths[f]}");
            seen |= 1 << f;
            r.Read();
            if (r.TokenType == JsonTokenType.Null) continue;
            if (!ReadString(ref r, UserPaths[f], out var s)) return false;
            switch (f)
            {
                case 1: raw.AccountId = s; break;
                case 2: raw.ViewerId = s; break;
                case 3: raw.DeviceId = s; break;
                case 4:
                    if (!IsE164(s)) return Fail(InvalidPhone, $"user.phone must be {PhoneRule}");
                    raw.Phone = s;
                    break;
                default: raw.Nickname = s; break;
            }
        }
    }

    private static bool IsE164(string s) => PhoneNumbers.IsE164(s);

    // ---- props ---------------------------------------------------------------------------------

    /// <summary>Reads the props object at <paramref name="r"/> (a StartObject) for <c>rec.Type</c>.</summary>
    private bool ReadProps(ref Utf8JsonReader r, EventRecord rec, ReadOnlySpan<byte> json)
    {
        if (!Enter(ref r, "props")) return false;
        ulong allowed = PropFields.Allowed(rec.Type);
        ulong seen = 0, present = 0;
        int extras = 0;
        List<string>? unknownNames = null;
        while (true)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndObject) break;
            var f = ClassifyProp(ref r);
            ulong bit = PropFields.Bit(f);
            if (f != PropField.None)
            {
                if ((seen & bit) != 0) return Fail(DuplicateField, $"duplicate field {PropFields.Path(f)}");
                seen |= bit;
                if ((allowed & bit) != 0)
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.Null) continue;
                    if (!ReadProp(ref r, f, rec)) return false;
                    present |= bit;
                    continue;
                }
            }

            // Not a field of this type: keep it, as JSON, for the sealed blob.
            string name;
            if (f == PropField.None)
            {
                if (!StringLengthOk(ref r))
                    return Fail(StringTooLong, $"a props field name is longer than {_limits.MaxStringChars} characters");
                name = r.GetString()!;
                unknownNames ??= [];
                if (unknownNames.Contains(name)) return Fail(DuplicateField, $"duplicate field props.{Truncate(name)}");
                unknownNames.Add(name);
            }
            else
            {
                name = PropFields.Name(f);
            }

            var rawName = r.ValueSpan;
            r.Read();
            int start = (int)r.TokenStartIndex;
            if (!Skip(ref r, "props." + name)) return false;
            AppendExtra(rawName, json[start..(int)r.BytesConsumed], extras++ == 0);
        }

        if (!FinishProps(rec, present)) return false;
        if (extras > 0)
        {
            var w = _extra!;
            w.Write("}"u8);
            (rec.Raw ??= new RawIdentity()).ExtraPropsJson = Encoding.UTF8.GetString(w.WrittenSpan);
        }

        return true;
    }

    private static PropField ClassifyProp(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped) return PropFields.Classify(r.ValueSpan);
        if (r.ValueSpan.Length > 128) return PropField.None;
        Span<byte> buffer = stackalloc byte[128];
        int n = r.CopyString(buffer);
        return PropFields.Classify(buffer[..n]);
    }

    private void AppendExtra(ReadOnlySpan<byte> rawName, ReadOnlySpan<byte> rawValue, bool first)
    {
        var w = _extra ??= new ArrayBufferWriter<byte>(256);
        if (first)
        {
            w.ResetWrittenCount();
            w.Write("{\""u8);
        }
        else
        {
            w.Write(",\""u8);
        }

        w.Write(rawName); // still escaped as sent, so it is valid inside quotes
        w.Write("\":"u8);
        w.Write(rawValue);
    }

    /// <summary>Checks the required props of the type and applies the defaults.</summary>
    private bool FinishProps(EventRecord rec, ulong present)
    {
        var type = rec.Type;
        ulong missing = PropFields.Required(type) & ~present;
        if (missing != 0)
        {
            var f = (PropField)BitOperations.TrailingZeroCount(missing);
            return Fail(MissingField, $"{PropFields.Path(f)} is required for {type.WireName()}");
        }

        var p = rec.Props;
        switch (type)
        {
            case EventType.LiveLike: p.Count ??= 1; break;
            case EventType.ShopCartAdd: p.Qty ??= 1; break;
            case EventType.IdentityLink: p.Confidence ??= 1; break;
        }

        return true;
    }

    /// <summary>Reads the (non-null) value at <paramref name="r"/> of a field known for the type.</summary>
    private bool ReadProp(ref Utf8JsonReader r, PropField f, EventRecord rec)
    {
        var p = rec.Props;
        FieldPath at = PropFields.Path(f);
        string s;
        long n;
        double d;
        switch (f)
        {
            case PropField.Source:
                if (!ReadChoice(ref r, at, JoinSources, out s)) return false;
                p.Source = s;
                break;
            case PropField.Text:
                if (!ReadText(ref r, at, out s)) return false;
                p.Text = s;
                break;
            case PropField.Count:
                if (!ReadInteger(ref r, at, 1, long.MaxValue, out n)) return false;
                p.Count = n;
                break;
            case PropField.GiftId:
                if (!ReadString(ref r, at, out s)) return false;
                p.GiftId = s;
                break;
            case PropField.Value:
                if (!ReadMoney(ref r, at, out d)) return false;
                p.Value = d;
                break;
            case PropField.Channel:
                if (!ReadString(ref r, at, out s)) return false;
                p.Channel = s;
                break;
            case PropField.CouponId:
                if (!ReadString(ref r, at, out s)) return false;
                p.CouponId = s;
                break;
            case PropField.Until:
                if (!ReadTime(ref r, at, out n)) return false;
                p.UntilMs = n;
                break;
            case PropField.DurationMs:
                if (!ReadInteger(ref r, at, 0, long.MaxValue, out n)) return false;
                p.DurationMs = n;
                break;
            case PropField.Query:
                if (!ReadString(ref r, at, out s)) return false;
                p.Query = s;
                break;
            case PropField.Qty:
                if (!ReadInteger(ref r, at, 1, long.MaxValue, out n)) return false;
                p.Qty = n;
                break;
            case PropField.OrderId:
                if (!ReadString(ref r, at, out s)) return false;
                p.OrderId = s;
                break;
            case PropField.Items:
                return ReadItems(ref r, p);
            case PropField.Total:
                if (!ReadMoney(ref r, at, out d)) return false;
                p.Total = d;
                break;
            case PropField.Room:
                if (!ReadString(ref r, at, out s)) return false;
                if (rec.Type == EventType.CatalogSession) p.SessionRoom = s;
                else p.OrderRoom = s;
                break;
            case PropField.Amount:
                if (!ReadMoney(ref r, at, out d)) return false;
                p.Amount = d;
                break;
            case PropField.Rating:
                if (!ReadInteger(ref r, at, 1, 5, out n)) return false;
                p.Rating = n;
                break;
            case PropField.Gender:
                if (!ReadChoice(ref r, at, Genders, out s)) return false;
                p.Gender = s;
                break;
            case PropField.BirthYear:
                if (!ReadInteger(ref r, at, 1900, _maxBirthYear, out n)) return false;
                p.BirthYear = n;
                break;
            case PropField.Province:
                if (!ReadString(ref r, at, out s)) return false;
                p.Province = s;
                break;
            case PropField.City:
                if (!ReadString(ref r, at, out s)) return false;
                p.City = s;
                break;
            case PropField.RegisteredAt:
                if (!ReadTime(ref r, at, out n)) return false;
                p.RegisteredAtMs = n;
                break;
            case PropField.Name:
                if (!ReadString(ref r, at, out s)) return false;
                (rec.Raw ??= new RawIdentity()).Name = s;
                break;
            case PropField.Address:
                if (!ReadString(ref r, at, out s)) return false;
                (rec.Raw ??= new RawIdentity()).Address = s;
                break;
            case PropField.Purposes:
                return ReadPurposes(ref r, p);
            case PropField.Identifiers:
                return ReadIdentifiers(ref r, rec);
            case PropField.Confidence:
                if (!ReadNumber(ref r, at, 0, 1, out d)) return false;
                p.Confidence = d;
                break;
            case PropField.Title:
                if (!ReadString(ref r, at, out s)) return false;
                p.Title = s;
                break;
            case PropField.Category:
                if (!ReadString(ref r, at, out s)) return false;
                if (s[0] == '/' || s[^1] == '/' || s.Contains("//", StringComparison.Ordinal))
                    return Fail(InvalidField, $"{at} must be a path of non-empty segments separated by '/' (e.g. beauty/skincare/serum)");
                p.Category = s;
                break;
            case PropField.Brand:
                if (!ReadString(ref r, at, out s)) return false;
                p.Brand = s;
                break;
            case PropField.Price:
                if (!ReadMoney(ref r, at, out d)) return false;
                p.Price = d;
                break;
            case PropField.Labels:
                if (!ReadStringList(ref r, at, out var labels)) return false;
                p.Labels = labels;
                break;
            case PropField.Ingredients:
                if (!ReadStringList(ref r, at, out var ingredients)) return false;
                p.Ingredients = ingredients;
                break;
            case PropField.StartsAt:
                if (!ReadTime(ref r, at, out n)) return false;
                p.StartsAtMs = n;
                break;
            case PropField.Streamer:
                if (!ReadString(ref r, at, out s)) return false;
                p.Streamer = s;
                break;
            case PropField.Products:
                if (!ReadStringList(ref r, at, out var products)) return false;
                p.Products = products;
                break;
            case PropField.Keyword:
                if (!ReadString(ref r, at, out s)) return false;
                p.Keyword = s;
                break;
            case PropField.Score:
                if (!ReadNumber(ref r, at, double.MinValue, double.MaxValue, out d)) return false;
                p.Score = d;
                break;
            case PropField.Stock:
                if (!ReadInteger(ref r, at, 0, long.MaxValue, out n)) return false;
                p.Stock = n;
                break;
            case PropField.Section:
                if (!ReadChoice(ref r, at, ViewSections, out s)) return false;
                p.Section = s;
                break;
            default:
                return Fail(InvalidField, $"{at} is not handled"); // unreachable: every PropField has a case
        }

        return true;
    }

    /// <summary><c>shop.order</c> items; see <see cref="PropField.Items"/>.</summary>
    private bool ReadItems(ref Utf8JsonReader r, EventProps p)
    {
        var at = new FieldPath("props.items");
        if (r.TokenType != JsonTokenType.StartArray)
            return Fail(InvalidField, $"{at} must be an array of {{product, qty, unitPrice, discount}}, got {Describe(r.TokenType)}");
        if (!Enter(ref r, at)) return false;
        var items = new List<OrderItem>();
        for (int i = 0; ; i++)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndArray) break;
            var item = at.At(i);
            if (r.TokenType != JsonTokenType.StartObject)
                return Fail(InvalidField, $"{item} must be an object {{product, qty, unitPrice, discount}}, got {Describe(r.TokenType)}");
            if (!Enter(ref r, item)) return false;
            string? product = null;
            long qty = 1;
            double unitPrice = 0, discount = 0;
            bool haveUnitPrice = false;
            int seen = 0;
            while (true)
            {
                r.Read();
                if (r.TokenType == JsonTokenType.EndObject) break;
                int f = r.ValueTextEquals("product"u8) ? 1
                    : r.ValueTextEquals("qty"u8) ? 2
                    : r.ValueTextEquals("unitPrice"u8) ? 3
                    : r.ValueTextEquals("discount"u8) ? 4
                    : 0;
                if (f == 0)
                {
                    if (!SkipMember(ref r, item)) return false;
                    continue;
                }

                var leaf = item.Leaf(f switch { 1 => "product", 2 => "qty", 3 => "unitPrice", _ => "discount" });
                if ((seen & (1 << f)) != 0) return Fail(DuplicateField, $"duplicate field {leaf}");
                seen |= 1 << f;
                r.Read();
                if (r.TokenType == JsonTokenType.Null) continue;
                switch (f)
                {
                    case 1:
                        if (!ReadString(ref r, leaf, out var s)) return false;
                        product = s;
                        break;
                    case 2:
                        if (!ReadInteger(ref r, leaf, 1, int.MaxValue, out qty)) return false;
                        break;
                    case 3:
                        if (!ReadMoney(ref r, leaf, out unitPrice)) return false;
                        haveUnitPrice = true;
                        break;
                    default:
                        if (!ReadMoney(ref r, leaf, out discount)) return false;
                        break;
                }
            }

            if (product is null) return Fail(MissingField, $"{item.Leaf("product")} is required");
            if (!haveUnitPrice) return Fail(MissingField, $"{item.Leaf("unitPrice")} is required");
            items.Add(new OrderItem(product, (int)qty, unitPrice, discount));
        }

        if (items.Count == 0) return Fail(InvalidField, $"{at} must list at least one item");
        p.Items = items;
        return true;
    }

    /// <summary><c>user.consent</c> purposes; see <see cref="PropField.Purposes"/>.</summary>
    private bool ReadPurposes(ref Utf8JsonReader r, EventProps p)
    {
        const string Allowed = "analytics, personalization, marketing";
        if (r.TokenType != JsonTokenType.StartObject)
            return Fail(InvalidField, $"props.purposes must be an object {{{Allowed}: true/false}}, got {Describe(r.TokenType)}");
        if (!Enter(ref r, "props.purposes")) return false;
        bool? analytics = null, personalization = null, marketing = null;
        int seen = 0;
        while (true)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndObject) break;
            int f = r.ValueTextEquals("analytics"u8) ? 1
                : r.ValueTextEquals("personalization"u8) ? 2
                : r.ValueTextEquals("marketing"u8) ? 3
                : 0;
            if (f == 0) return Fail(UnknownField, $"unknown consent purpose props.purposes.{Snippet(ref r)}; allowed: {Allowed}");
            string path = f switch { 1 => "props.purposes.analytics", 2 => "props.purposes.personalization", _ => "props.purposes.marketing" };
            if ((seen & (1 << f)) != 0) return Fail(DuplicateField, $"duplicate field {path}");
            seen |= 1 << f;
            r.Read();
            bool? v;
            switch (r.TokenType)
            {
                case JsonTokenType.True: v = true; break;
                case JsonTokenType.False: v = false; break;
                case JsonTokenType.Null: v = null; break;
                default: return Fail(InvalidField, $"{path} must be true or false, got {Describe(r.TokenType)}");
            }

            switch (f)
            {
                case 1: analytics = v; break;
                case 2: personalization = v; break;
                default: marketing = v; break;
            }
        }

        if (analytics is null && personalization is null && marketing is null)
            return Fail(InvalidField, $"props.purposes must set at least one of {Allowed} to true or false");
        p.Purposes = new ConsentPurposes(analytics, personalization, marketing);
        return true;
    }

    /// <summary><c>identity.link</c> identifiers; see <see cref="PropField.Identifiers"/>.</summary>
    private bool ReadIdentifiers(ref Utf8JsonReader r, EventRecord rec)
    {
        var at = new FieldPath("props.identifiers");
        if (r.TokenType != JsonTokenType.StartArray)
            return Fail(InvalidField, $"{at} must be an array of {{kind, value}}, got {Describe(r.TokenType)}");
        if (!Enter(ref r, at)) return false;
        var links = new List<(IdentifierKind Kind, string Value)>();
        bool distinct = false;
        for (int i = 0; ; i++)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndArray) break;
            var item = at.At(i);
            if (r.TokenType != JsonTokenType.StartObject)
                return Fail(InvalidField, $"{item} must be an object {{kind, value}}, got {Describe(r.TokenType)}");
            if (!Enter(ref r, item)) return false;
            string? kindName = null, value = null;
            int seen = 0;
            while (true)
            {
                r.Read();
                if (r.TokenType == JsonTokenType.EndObject) break;
                int f = r.ValueTextEquals("kind"u8) ? 1 : r.ValueTextEquals("value"u8) ? 2 : 0;
                if (f == 0)
                {
                    if (!SkipMember(ref r, item)) return false;
                    continue;
                }

                var leaf = item.Leaf(f == 1 ? "kind" : "value");
                if ((seen & (1 << f)) != 0) return Fail(DuplicateField, $"duplicate field {leaf}");
                seen |= 1 << f;
                r.Read();
                if (r.TokenType == JsonTokenType.Null) continue;
                if (f == 1)
                {
                    if (!ReadChoice(ref r, leaf, LinkKinds, out var k)) return false;
                    kindName = k;
                }
                else if (!ReadString(ref r, leaf, out value))
                {
                    return false;
                }
            }

            if (kindName is null) return Fail(MissingField, $"{item.Leaf("kind")} is required");
            if (value is null) return Fail(MissingField, $"{item.Leaf("value")} is required");
            if (!IdentifierKinds.TryParse(kindName, out var kind))
                return Fail(InvalidField, $"{item.Leaf("kind")} must be one of {string.Join(", ", LinkKinds)}");
            if (kind == IdentifierKind.Phone && !IsE164(value))
                return Fail(InvalidPhone, $"{item.Leaf("value")} (a phone) must be {PhoneRule}");
            if (links.Count > 0 && (links[0].Kind != kind || links[0].Value != value)) distinct = true;
            links.Add((kind, value));
        }

        if (!distinct)
            return Fail(InvalidField, $"{at} must name at least two different identifiers, got {links.Count} distinct");
        (rec.Raw ??= new RawIdentity()).Links = links;
        return true;
    }

    // ---- value readers: each reads the current (non-null) token and fails with a precise message --

    private bool ReadString(ref Utf8JsonReader r, FieldPath at, out string value)
    {
        value = "";
        if (r.TokenType != JsonTokenType.String) return Fail(InvalidField, $"{at} must be a string, got {Describe(r.TokenType)}");
        if (r.ValueSpan.Length == 0) return Fail(InvalidField, $"{at} must not be empty");
        value = r.GetString()!;
        if (value.Length > _limits.MaxStringChars)
            return Fail(StringTooLong, $"{at} has {value.Length} characters; strings are limited to {_limits.MaxStringChars}");
        return true;
    }

    private bool ReadText(ref Utf8JsonReader r, FieldPath at, out string value)
    {
        value = "";
        if (r.TokenType != JsonTokenType.String) return Fail(InvalidField, $"{at} must be a string, got {Describe(r.TokenType)}");
        if (r.ValueSpan.Length == 0) return Fail(InvalidField, $"{at} must not be empty");
        value = r.GetString()!;
        if (value.Length > _limits.MaxCommentChars)
            return Fail(CommentTooLong, $"{at} has {value.Length} characters; comments are limited to {_limits.MaxCommentChars}");
        return true;
    }

    private bool ReadChoice(ref Utf8JsonReader r, FieldPath at, string[] choices, out string value)
    {
        value = "";
        if (r.TokenType == JsonTokenType.String)
        {
            string? escaped = r.ValueIsEscaped ? r.GetString() : null;
            foreach (var c in choices)
            {
                if (escaped is null ? Ascii.Equals(r.ValueSpan, c) : escaped == c)
                {
                    value = c;
                    return true;
                }
            }

            return Fail(InvalidField, $"{at} must be one of {string.Join(", ", choices)}, got \"{Snippet(ref r)}\"");
        }

        return Fail(InvalidField, $"{at} must be one of {string.Join(", ", choices)}, got {Describe(r.TokenType)}");
    }

    private bool ReadInteger(ref Utf8JsonReader r, FieldPath at, long min, long max, out long value)
    {
        value = 0;
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out value) && value >= min && value <= max) return true;
        string rule = max == long.MaxValue ? $"an integer >= {min}" : $"an integer from {min} to {max}";
        return Fail(InvalidField, r.TokenType == JsonTokenType.Number
            ? $"{at} must be {rule}, got {Snippet(ref r)}"
            : $"{at} must be {rule}, got {Describe(r.TokenType)}");
    }

    private bool ReadMoney(ref Utf8JsonReader r, FieldPath at, out double value)
    {
        value = 0;
        if (r.TokenType != JsonTokenType.Number)
            return Fail(InvalidField, $"{at} must be a JSON number >= 0 (CNY), got {Describe(r.TokenType)}");
        if (!r.TryGetDouble(out value) || !double.IsFinite(value) || value < 0)
            return Fail(InvalidField, $"{at} must be a JSON number >= 0 (CNY), got {Snippet(ref r)}");
        return true;
    }

    private bool ReadNumber(ref Utf8JsonReader r, FieldPath at, double min, double max, out double value)
    {
        value = 0;
        if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out value) && double.IsFinite(value) && value >= min && value <= max)
            return true;
        string rule = min == double.MinValue ? "a finite number" : $"a number from {min} to {max}";
        return Fail(InvalidField, r.TokenType == JsonTokenType.Number
            ? $"{at} must be {rule}, got {Snippet(ref r)}"
            : $"{at} must be {rule}, got {Describe(r.TokenType)}");
    }

    private bool ReadTime(ref Utf8JsonReader r, FieldPath at, out long epochMs)
    {
        epochMs = 0;
        if (r.TokenType == JsonTokenType.Number)
        {
            if (r.TryGetInt64(out epochMs) && epochMs is >= Rfc3339.MinMs and <= Rfc3339.MaxMs) return true;
            return Fail(InvalidTime, $"{at} must be {TimeRule}; epoch milliseconds must be an integer within years 1-9999, got {Snippet(ref r)}");
        }

        if (r.TokenType != JsonTokenType.String) return Fail(InvalidTime, $"{at} must be {TimeRule}, got {Describe(r.TokenType)}");
        var span = r.ValueSpan;
        if (r.ValueIsEscaped && span.Length <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            int n = r.CopyString(buffer);
            if (Rfc3339.TryParse(buffer[..n], out epochMs)) return true;
        }
        else if (Rfc3339.TryParse(span, out epochMs))
        {
            return true;
        }

        return Fail(InvalidTime, $"{at} must be {TimeRule}, got \"{Snippet(ref r)}\"");
    }

    private bool ReadStringList(ref Utf8JsonReader r, FieldPath at, out List<string> list)
    {
        list = [];
        if (r.TokenType != JsonTokenType.StartArray) return Fail(InvalidField, $"{at} must be an array of strings, got {Describe(r.TokenType)}");
        if (!Enter(ref r, at)) return false;
        for (int i = 0; ; i++)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndArray) return true;
            if (!ReadString(ref r, at.At(i), out var s)) return false;
            list.Add(s);
        }
    }

    // ---- structure -------------------------------------------------------------------------------

    /// <summary>Fails with too_deep when the container token at <paramref name="r"/> is one level too many.</summary>
    private bool Enter(ref Utf8JsonReader r, FieldPath at) =>
        r.CurrentDepth < _limits.MaxDepth
        || Fail(TooDeep, $"{at} nests JSON deeper than {_limits.MaxDepth} levels");

    /// <summary>Skips a member whose name is at <paramref name="r"/>, checking its name and value.</summary>
    private bool SkipMember(ref Utf8JsonReader r, FieldPath at)
    {
        if (!StringLengthOk(ref r)) return Fail(StringTooLong, $"{at} has a field name longer than {_limits.MaxStringChars} characters");
        r.Read();
        return Skip(ref r, at);
    }

    /// <summary>
    /// Skips the value at <paramref name="r"/> (leaving the reader on its last token), enforcing the
    /// depth and string limits inside it.
    /// </summary>
    private bool Skip(ref Utf8JsonReader r, FieldPath at)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                return StringLengthOk(ref r) || Fail(StringTooLong, $"{at} is longer than {_limits.MaxStringChars} characters");
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                break;
            default:
                return true;
        }

        if (!Enter(ref r, at)) return false;
        int depth = r.CurrentDepth;
        while (r.Read() && r.CurrentDepth > depth)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (!Enter(ref r, at)) return false;
                    break;
                case JsonTokenType.String or JsonTokenType.PropertyName:
                    if (!StringLengthOk(ref r))
                        return Fail(StringTooLong, $"{at} contains a string longer than {_limits.MaxStringChars} characters");
                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the string or name at <paramref name="r"/> is within MaxStringChars UTF-16 chars. An
    /// escaped one is also decoded, so that an escape that is not valid UTF-16 (a lone surrogate) throws
    /// (invalid_json) here rather than in whoever reads the kept JSON later.
    /// </summary>
    private bool StringLengthOk(ref Utf8JsonReader r)
    {
        int max = _limits.MaxStringChars;
        var span = r.ValueSpan;
        if (r.ValueIsEscaped)
        {
            if (span.Length <= 256)
            {
                Span<char> buffer = stackalloc char[256];
                return r.CopyString(buffer) <= max;
            }

            return r.GetString()!.Length <= max;
        }

        // Unescaped: UTF-16 length <= UTF-8 length, so only long ones need counting.
        return span.Length <= max || Encoding.UTF8.GetCharCount(span) <= max;
    }

    /// <summary>
    /// After a semantic rejection: reads the rest of the event so that broken JSON or excessive nesting
    /// is reported instead, and picks up a valid top-level id not read yet. Throws JsonException on
    /// broken JSON (the caller turns it into invalid_json).
    /// </summary>
    private void Drain(ref Utf8JsonReader r)
    {
        int max = _limits.MaxDepth;
        while (r.Read())
        {
            var t = r.TokenType;
            if (t is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (r.CurrentDepth >= max)
                {
                    Fail(TooDeep, $"the event nests JSON deeper than {max} levels");
                    return;
                }
            }
            else if (t == JsonTokenType.PropertyName && ErrorId is null && r.CurrentDepth == 1 && r.ValueTextEquals("id"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String && TryReadValidId(ref r, out var id)) ErrorId = id;
                else if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && r.CurrentDepth >= max)
                {
                    Fail(TooDeep, $"the event nests JSON deeper than {max} levels");
                    return;
                }
            }
        }
    }

    private bool Fail(string code, string message)
    {
        ErrorCode = code;
        ErrorMessage = message;
        return false;
    }

    // ---- message helpers (error path only) ------------------------------------------------------

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => t.ToString(),
    };

    /// <summary>The current string, name or number, cut to 40 chars for a message.</summary>
    private static string Snippet(ref Utf8JsonReader r)
    {
        string s = r.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
            ? r.GetString()!
            : Encoding.UTF8.GetString(r.ValueSpan);
        return Truncate(s);
    }

    private static string QuotedName(ref Utf8JsonReader r) => $"\"{Snippet(ref r)}\"";

    private static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "...");

    private static string[] BuildTypeNames()
    {
        var names = new string[EventTypes.Count];
        foreach (var t in EventTypes.All) names[(int)t] = t.WireName();
        return names;
    }
}
