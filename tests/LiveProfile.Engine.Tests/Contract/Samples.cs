using System.Text;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tests.Contract;

/// <summary>Valid sample events of every type and helpers to parse them.</summary>
internal static class Samples
{
    public const string Tenant = "t1";

    /// <summary>2025-06-18T11:59:00Z, one minute before <see cref="ReceivedMs"/>.</summary>
    public const string Ts = "2025-06-18T19:59:00+08:00";

    public const string User = """{"accountId":"acc-1","viewerId":"v-1","deviceId":"d-1","phone":"+8613800138000","nickname":"小美"}""";

    /// <summary>The user and room of a live event.</summary>
    public const string V = """ "user":{"viewerId":"v-1"},"room":"r1" """;

    public static readonly long ReceivedMs = new DateTimeOffset(2025, 6, 18, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static long TsMs => ReceivedMs - 60_000;

    public static readonly IReadOnlyDictionary<EventType, string> ByType = new Dictionary<EventType, string>
    {
        [EventType.LiveJoin] = J("""{"id":"e-join","type":"live.join","ts":"@TS","user":@USER,"room":"r1","session":"s1","props":{"source":"feed"}}"""),
        [EventType.LiveLeave] = J("""{"id":"e-leave","type":"live.leave","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1"}"""),
        [EventType.LiveHeartbeat] = J("""{"id":"e-hb","type":"live.heartbeat","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1"}"""),
        [EventType.LiveComment] = J("""{"id":"e-comment","type":"live.comment","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1","props":{"text":"这个精华好用吗？"}}"""),
        [EventType.LiveLike] = J("""{"id":"e-like","type":"live.like","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1","props":{"count":3}}"""),
        [EventType.LiveGift] = J("""{"id":"e-gift","type":"live.gift","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1","props":{"giftId":"rocket","value":99.5}}"""),
        [EventType.LiveShare] = J("""{"id":"e-share","type":"live.share","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1","props":{"channel":"wechat"}}"""),
        [EventType.LiveFollow] = J("""{"id":"e-follow","type":"live.follow","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1"}"""),
        [EventType.LiveProductClick] = J("""{"id":"e-click","type":"live.product_click","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1","product":"sku-1"}"""),
        [EventType.LiveCouponClaim] = J("""{"id":"e-coupon","type":"live.coupon_claim","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1","props":{"couponId":"c-10","value":10}}"""),
        [EventType.LiveProductOnScreen] = J("""{"id":"e-onscreen","type":"live.product_on_screen","ts":"@TS","room":"r1","product":"sku-1","props":{"until":"2025-06-18T20:10:00+08:00"}}"""),
        [EventType.ShopView] = J("""{"id":"e-view","type":"shop.view","ts":"@TS","user":{"accountId":"acc-1"},"product":"sku-1","props":{"durationMs":12000}}"""),
        [EventType.ShopSearch] = J("""{"id":"e-search","type":"shop.search","ts":"@TS","user":{"accountId":"acc-1"},"props":{"query":"精华 保湿"}}"""),
        [EventType.ShopCartAdd] = J("""{"id":"e-cart","type":"shop.cart_add","ts":"@TS","user":{"accountId":"acc-1"},"product":"sku-1","props":{"qty":2}}"""),
        [EventType.ShopOrder] = J("""{"id":"e-order","type":"shop.order","ts":"@TS","user":{"accountId":"acc-1"},"props":{"orderId":"o-1","items":[{"product":"sku-1","qty":2,"unitPrice":199.0,"discount":20},{"product":"sku-2","unitPrice":59.9}],"total":437.9,"couponId":"c-10","room":"r1"}}"""),
        [EventType.ShopRefund] = J("""{"id":"e-refund","type":"shop.refund","ts":"@TS","user":{"accountId":"acc-1"},"props":{"orderId":"o-1","amount":59.9}}"""),
        [EventType.ShopReview] = J("""{"id":"e-review","type":"shop.review","ts":"@TS","user":{"accountId":"acc-1"},"product":"sku-1","props":{"rating":5,"text":"很好"}}"""),
        [EventType.UserProfile] = J("""{"id":"e-profile","type":"user.profile","ts":"@TS","user":{"accountId":"acc-1"},"props":{"gender":"female","birthYear":1995,"province":"浙江","city":"杭州","registeredAt":1700000000000,"name":"王小美","address":"西湖区文三路1号"}}"""),
        [EventType.UserConsent] = J("""{"id":"e-consent","type":"user.consent","ts":"@TS","user":{"accountId":"acc-1"},"props":{"purposes":{"analytics":true,"personalization":false}}}"""),
        [EventType.IdentityLink] = J("""{"id":"e-link","type":"identity.link","ts":"@TS","user":{"accountId":"acc-1"},"props":{"identifiers":[{"kind":"account","value":"acc-1"},{"kind":"viewer","value":"v-1"},{"kind":"phone","value":"+8613800138000"}],"confidence":0.9}}"""),
        [EventType.CatalogProduct] = J("""{"id":"e-product","type":"catalog.product","ts":"@TS","product":"sku-1","props":{"title":"玻尿酸精华","category":"beauty/skincare/serum","brand":"某品牌","price":199,"labels":["国潮","新品"],"ingredients":["hyaluronic acid","niacinamide"]}}"""),
        [EventType.CatalogSession] = J("""{"id":"e-session","type":"catalog.session","ts":"@TS","props":{"room":"r1","startsAt":"2025-06-18T20:00:00+08:00","streamer":"主播A","products":["sku-1","sku-2"],"title":"618 美妆专场"}}"""),
        [EventType.ExternalTrend] = J("""{"id":"e-trend","type":"external.trend","ts":"@TS","props":{"keyword":"早C晚A","category":"beauty","score":0.87}}"""),
        [EventType.ExternalInventory] = J("""{"id":"e-stock","type":"external.inventory","ts":"@TS","product":"sku-1","props":{"stock":0}}"""),
        [EventType.MarketingInvite] = J("""{"id":"e-invite","type":"marketing.invite","ts":"@TS","user":{"accountId":"acc-1"},"session":"s-618","props":{"channel":"push"}}"""),
    };

    /// <summary>
    /// Fills a JSON template: <c>@TS</c> is <see cref="Ts"/>, <c>@USER</c> is <see cref="User"/>, <c>@V</c> is
    /// <see cref="V"/>, <c>@0</c>..<c>@9</c> are <paramref name="args"/>.
    /// </summary>
    public static string J(string template, params string[] args)
    {
        var s = template.Replace("@TS", Ts, StringComparison.Ordinal).Replace("@USER", User, StringComparison.Ordinal)
            .Replace("@V", V, StringComparison.Ordinal);
        for (int i = args.Length - 1; i >= 0; i--) s = s.Replace("@" + i, args[i], StringComparison.Ordinal);
        return s;
    }

    /// <summary>A valid comment event with the given id, for mixed bodies.</summary>
    public static string Comment(string id) =>
        J("""{"id":"@0","type":"live.comment","ts":"@TS","user":{"viewerId":"v-1"},"room":"r1","props":{"text":"hi"}}""", id);

    public static ParsedBatch Parse(string body, BodyFormat format = BodyFormat.Ndjson, IngestLimits? limits = null) =>
        new EventParser(limits ?? IngestLimits.Default).Parse(Encoding.UTF8.GetBytes(body), format, Tenant, ReceivedMs);

    public static EventRecord ParseOne(string json)
    {
        var batch = Parse(json);
        Assert.True(batch.Rejected.Count == 0, batch.Rejected.Count == 0 ? "" : $"{batch.Rejected[0].Code}: {batch.Rejected[0].Message}");
        return Assert.Single(batch.Accepted);
    }

    public static Rejection RejectOne(string json)
    {
        var batch = Parse(json);
        Assert.Empty(batch.Accepted);
        return Assert.Single(batch.Rejected);
    }
}
