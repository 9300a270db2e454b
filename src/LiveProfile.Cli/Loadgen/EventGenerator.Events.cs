using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiveProfile.Cli.Loadgen;

/// <summary>The event mix and how each type is written.</summary>
internal sealed partial class EventGenerator
{
    private enum Kind { Heartbeat, Join, Leave, Comment, Like, Click, Gift, Share, Follow, Coupon, View, Search, CartAdd, Order }

    // Roughly a busy evening: presence pings dominate, then chat and clicks; orders are rare.
    private static readonly (Kind Kind, int Weight, string Type)[] Mix =
    [
        (Kind.Heartbeat, 31, "live.heartbeat"), (Kind.Join, 8, "live.join"), (Kind.Leave, 6, "live.leave"),
        (Kind.Comment, 10, "live.comment"), (Kind.Like, 10, "live.like"), (Kind.Click, 12, "live.product_click"),
        (Kind.Gift, 1, "live.gift"), (Kind.Share, 1, "live.share"), (Kind.Follow, 1, "live.follow"),
        (Kind.Coupon, 2, "live.coupon_claim"), (Kind.View, 10, "shop.view"), (Kind.Search, 2, "shop.search"),
        (Kind.CartAdd, 4, "shop.cart_add"), (Kind.Order, 2, "shop.order"),
    ];

    private static readonly Kind[] Wheel = [.. Mix.SelectMany(m => Enumerable.Repeat(m.Kind, m.Weight))];
    private static readonly JsonEncodedText[] TypeNames = [.. Mix.OrderBy(m => m.Kind).Select(m => Encode(m.Type))];
    private static readonly JsonEncodedText CatalogProduct = Encode("catalog.product");
    private static readonly JsonEncodedText[] RoomNames = [.. Enumerable.Range(0, Rooms).Select(r => Encode($"lg-room-{r:D2}"))];
    private static readonly JsonEncodedText[] Sources = [.. new[] { "feed", "search", "share", "push", "follow" }.Select(Encode)];
    private static readonly JsonEncodedText[] Channels = [.. new[] { "wechat", "moments", "weibo", "qq", "link" }.Select(Encode)];
    private static readonly JsonEncodedText[] Comments =
    [
        .. new[] { "这个精华敏感肌能用吗", "多少钱", "已拍", "求链接 😍", "有优惠券吗", "续航怎么样", "什么时候发货", "主播好美", "666", "想要", "配料干净吗", "和上一代对比怎么样" }
            .Select(Encode),
    ];
    private static readonly JsonEncodedText[] Queries = [.. new[] { "敏感肌精华", "降噪耳机", "螺蛳粉", "扫地机器人", "羽绒服 女", "纸尿裤", "跑鞋" }.Select(Encode)];
    private static readonly (JsonEncodedText Id, double Value)[] Gifts =
        [(Encode("gift:heart"), 0.1), (Encode("gift:rose"), 1), (Encode("gift:lollipop"), 9.9), (Encode("gift:rocket"), 520)];

    private static readonly JsonEncodedText PId = Encode("id"), PType = Encode("type"), PTs = Encode("ts"), PUser = Encode("user"),
        PViewerId = Encode("viewerId"), PRoom = Encode("room"), PProduct = Encode("product"), PProps = Encode("props"),
        PSource = Encode("source"), PText = Encode("text"), PCount = Encode("count"), PGiftId = Encode("giftId"), PValue = Encode("value"),
        PChannel = Encode("channel"), PCouponId = Encode("couponId"), PDurationMs = Encode("durationMs"), PQuery = Encode("query"),
        PQty = Encode("qty"), POrderId = Encode("orderId"), PItems = Encode("items"), PUnitPrice = Encode("unitPrice"),
        PDiscount = Encode("discount"), PTotal = Encode("total"), PTitle = Encode("title"), PCategory = Encode("category"),
        PBrand = Encode("brand"), PPrice = Encode("price");

    private void WriteEvent(long tsMs)
    {
        var kind = Wheel[_rng.Next(Wheel.Length)];
        var user = _users.Sample(_rng);
        var room = RoomNames[user % Rooms]; // a user's live events stay in one room
        _json.WriteStartObject();
        WriteId();
        _json.WriteString(PType, TypeNames[(int)kind]);
        _json.WriteNumber(PTs, tsMs);
        _json.WriteStartObject(PUser);
        WriteNumbered(PViewerId, "lgv"u8, user);
        _json.WriteEndObject();
        if (kind <= Kind.Coupon) _json.WriteString(PRoom, room);
        switch (kind)
        {
            case Kind.Join:
                Props().WriteString(PSource, Sources[_rng.Next(Sources.Length)]);
                break;
            case Kind.Comment:
                Props().WriteString(PText, Comments[_rng.Next(Comments.Length)]);
                break;
            case Kind.Like:
                Props().WriteNumber(PCount, 1 + _rng.Next(20));
                break;
            case Kind.Click:
                WriteProductRef();
                break;
            case Kind.Gift:
                var gift = Gifts[_rng.Next(Gifts.Length)];
                Props().WriteString(PGiftId, gift.Id);
                _json.WriteNumber(PValue, gift.Value);
                break;
            case Kind.Share:
                Props().WriteString(PChannel, Channels[_rng.Next(Channels.Length)]);
                break;
            case Kind.Coupon:
                var value = 10 * (1 + _rng.Next(5));
                Props();
                WriteNumbered(PCouponId, "lg-cpn-"u8, value);
                _json.WriteNumber(PValue, value);
                break;
            case Kind.View:
                WriteProductRef();
                Props().WriteNumber(PDurationMs, 2000 + _rng.Next(180_000));
                break;
            case Kind.Search:
                Props().WriteString(PQuery, Queries[_rng.Next(Queries.Length)]);
                break;
            case Kind.CartAdd:
                WriteProductRef();
                Props().WriteNumber(PQty, 1 + _rng.Next(3));
                break;
            case Kind.Order:
                WriteOrder(room);
                break;
        }
        if (kind is not (Kind.Heartbeat or Kind.Leave or Kind.Click or Kind.Follow)) _json.WriteEndObject(); // props
        _json.WriteEndObject();
    }

    private void WriteOrder(JsonEncodedText room)
    {
        Props();
        WriteNumbered(POrderId, _idPrefix, _sequence, "o"u8);
        _json.WriteStartArray(PItems);
        var total = 0.0;
        for (var i = 1 + _rng.Next(3); i > 0; i--)
        {
            var p = _products.Sample(_rng) - 1;
            var qty = 1 + _rng.Next(2);
            var unit = _catalog.Prices[p];
            var discount = _rng.Next(4) == 0 ? Math.Round(unit * qty * 0.1, 1) : 0;
            total += unit * qty - discount;
            _json.WriteStartObject();
            _json.WriteString(PProduct, _catalog.Ids[p]);
            _json.WriteNumber(PQty, qty);
            _json.WriteNumber(PUnitPrice, unit);
            _json.WriteNumber(PDiscount, discount);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteNumber(PTotal, Math.Round(total, 2));
        if (_rng.Next(2) == 0) _json.WriteString(PRoom, room); // attributed to the live room
    }

    private void WriteProduct(int p, long tsMs)
    {
        _json.WriteStartObject();
        WriteId();
        _json.WriteString(PType, CatalogProduct);
        _json.WriteNumber(PTs, tsMs);
        _json.WriteString(PProduct, _catalog.Ids[p]);
        Props().WriteString(PTitle, _catalog.Titles[p]);
        _json.WriteString(PCategory, _catalog.Categories[p]);
        _json.WriteString(PBrand, _catalog.BrandOf[p]);
        _json.WriteNumber(PPrice, _catalog.Prices[p]);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void WriteProductRef() => _json.WriteString(PProduct, _catalog.Ids[_products.Sample(_rng) - 1]);

    private Utf8JsonWriter Props()
    {
        _json.WriteStartObject(PProps);
        return _json;
    }

    private void WriteId() => WriteNumbered(PId, _idPrefix, ++_sequence);

    /// <summary>Writes prefix + number (+ suffix) as a string value without allocating.</summary>
    private void WriteNumbered(JsonEncodedText name, ReadOnlySpan<byte> prefix, long number, ReadOnlySpan<byte> suffix = default)
    {
        Span<byte> text = stackalloc byte[prefix.Length + suffix.Length + 20];
        prefix.CopyTo(text);
        var at = prefix.Length;
        suffix.CopyTo(text[at..]);
        at += suffix.Length;
        number.TryFormat(text[at..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        _json.WriteString(name, text[..(at + digits)]);
    }

    private static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
}
