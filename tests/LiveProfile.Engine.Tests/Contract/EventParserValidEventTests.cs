using System.Text.Json;
using LiveProfile.Engine.Contract;
using static LiveProfile.Engine.Tests.Contract.Samples;

namespace LiveProfile.Engine.Tests.Contract;

public sealed class EventParserValidEventTests
{
    public static TheoryData<EventType> AllTypes()
    {
        var data = new TheoryData<EventType>();
        foreach (var t in EventTypes.All) data.Add(t);
        return data;
    }

    [Fact]
    public void Samples_CoverEveryEventType_OneSampleEach()
    {
        foreach (var t in EventTypes.All) Assert.True(Samples.ByType.ContainsKey(t), $"no sample for {t.WireName()}");
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Parse_ValidSampleOfType_AcceptedWithEnvelopeFields(EventType type)
    {
        var rec = Samples.ParseOne(Samples.ByType[type]);

        Assert.Equal(type, rec.Type);
        Assert.Equal(Samples.Tenant, rec.Tenant);
        Assert.StartsWith("e-", rec.Id, StringComparison.Ordinal);
        Assert.Equal(Samples.TsMs, rec.TsMs);
        Assert.Equal(Samples.ReceivedMs, rec.ReceivedMs);
        Assert.Equal(0, rec.SkewMs);
        Assert.Empty(rec.Ids);
        Assert.Null(rec.Sealed);
        if (type.IsLive() || type == EventType.CatalogSession) Assert.Equal("r1", rec.Room);
        if (type.RequiresProduct()) Assert.Equal("sku-1", rec.Product);
        if (type.RequiresUser()) Assert.True(rec.Raw!.HasUserIdentifier);
        else Assert.Null(rec.Raw);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Parse_ValidSampleAsJsonArrayElement_SameRecordAsNdjson(EventType type)
    {
        var json = Samples.ByType[type];
        var fromArray = Samples.Parse($"[\n  {json},\n  {json}\n]", BodyFormat.JsonArray);

        Assert.Empty(fromArray.Rejected);
        Assert.Equal([1, 2], fromArray.AcceptedLines);
        Assert.Equal(type, fromArray.Accepted[1].Type);
        Assert.Equal(Samples.ParseOne(json).TsMs, fromArray.Accepted[1].TsMs);
    }

    [Fact]
    public void Parse_LiveJoin_EnvelopeAndUserFilled()
    {
        var rec = Samples.ParseOne(Samples.ByType[EventType.LiveJoin]);

        Assert.Equal("e-join", rec.Id);
        Assert.Equal("r1", rec.Room);
        Assert.Equal("s1", rec.Session);
        Assert.Null(rec.Product);
        Assert.Equal("feed", rec.Props.Source);
        var raw = rec.Raw!;
        Assert.Equal("acc-1", raw.AccountId);
        Assert.Equal("v-1", raw.ViewerId);
        Assert.Equal("d-1", raw.DeviceId);
        Assert.Equal("+8613800138000", raw.Phone);
        Assert.Equal("小美", raw.Nickname);
        Assert.Null(raw.ExtraPropsJson);
    }

    [Fact]
    public void Parse_ShopOrder_ItemsTotalsAndOrderRoom()
    {
        var rec = Samples.ParseOne(Samples.ByType[EventType.ShopOrder]);
        var p = rec.Props;

        Assert.Equal("o-1", p.OrderId);
        Assert.Equal(437.9, p.Total);
        Assert.Equal("c-10", p.CouponId);
        Assert.Equal("r1", p.OrderRoom);
        Assert.Null(rec.Room);
        Assert.Equal([new OrderItem("sku-1", 2, 199.0, 20), new OrderItem("sku-2", 1, 59.9, 0)], p.Items!);
    }

    [Fact]
    public void Parse_IdentityLink_IdentifiersAndConfidence()
    {
        var rec = Samples.ParseOne(Samples.ByType[EventType.IdentityLink]);

        Assert.Equal(0.9, rec.Props.Confidence);
        Assert.Equal(
            [(IdentifierKind.Account, "acc-1"), (IdentifierKind.Viewer, "v-1"), (IdentifierKind.Phone, "+8613800138000")],
            rec.Raw!.Links!);
        Assert.Null(rec.Props.LinkedIds);
    }

    [Fact]
    public void Parse_IdentityLinkWithoutConfidence_DefaultsToOne()
    {
        var rec = Samples.ParseOne(J("""{"id":"l","type":"identity.link","ts":"@TS","user":{"deviceId":"d"},"props":{"identifiers":[{"kind":"device","value":"d"},{"kind":"nickname","value":"小美"}]}}"""));

        Assert.Equal(1.0, rec.Props.Confidence);
        Assert.Equal(2, rec.Raw!.Links!.Count);
    }

    [Fact]
    public void Parse_UserConsent_PurposesWithUnsetOnesNull()
    {
        var rec = Samples.ParseOne(Samples.ByType[EventType.UserConsent]);

        Assert.Equal(new ConsentPurposes(true, false, null), rec.Props.Purposes);
    }

    [Fact]
    public void Parse_CatalogProduct_LabelsIngredientsAndMasterData()
    {
        var rec = Samples.ParseOne(Samples.ByType[EventType.CatalogProduct]);
        var p = rec.Props;

        Assert.Equal("sku-1", rec.Product);
        Assert.Equal("玻尿酸精华", p.Title);
        Assert.Equal("beauty/skincare/serum", p.Category);
        Assert.Equal("某品牌", p.Brand);
        Assert.Equal(199.0, p.Price);
        Assert.Equal(["国潮", "新品"], p.Labels!);
        Assert.Equal(["hyaluronic acid", "niacinamide"], p.Ingredients!);
    }

    [Fact]
    public void Parse_CatalogSession_RoomFromPropsOnRecordAndProps()
    {
        var rec = Samples.ParseOne(Samples.ByType[EventType.CatalogSession]);
        var p = rec.Props;

        Assert.Equal("r1", rec.Room);
        Assert.Equal("r1", p.SessionRoom);
        Assert.Equal(DateTimeOffset.Parse("2025-06-18T12:00:00Z").ToUnixTimeMilliseconds(), p.StartsAtMs);
        Assert.Equal("主播A", p.Streamer);
        Assert.Equal(["sku-1", "sku-2"], p.Products!);
        Assert.Equal("618 美妆专场", p.Title);
    }

    [Fact]
    public void Parse_CatalogSessionWithMatchingEnvelopeRoom_Accepted()
    {
        var rec = Samples.ParseOne(J("""{"id":"s","type":"catalog.session","ts":"@TS","room":"r1","props":{"room":"r1","startsAt":1750248000000}}"""));

        Assert.Equal("r1", rec.Room);
        Assert.Equal(1750248000000, rec.Props.StartsAtMs);
    }

    [Fact]
    public void Parse_UserProfile_PiiGoesToRawIdentityNotProps()
    {
        var rec = Samples.ParseOne(Samples.ByType[EventType.UserProfile]);
        var p = rec.Props;

        Assert.Equal("female", p.Gender);
        Assert.Equal(1995, p.BirthYear);
        Assert.Equal("浙江", p.Province);
        Assert.Equal("杭州", p.City);
        Assert.Equal(1700000000000, p.RegisteredAtMs);
        Assert.Equal("王小美", rec.Raw!.Name);
        Assert.Equal("西湖区文三路1号", rec.Raw.Address);
        foreach (var prop in typeof(EventProps).GetProperties())
        {
            var value = prop.GetValue(p) as string;
            Assert.False(value is "王小美" or "西湖区文三路1号", $"PII leaked into EventProps.{prop.Name}");
        }

        Assert.Null(rec.Raw.ExtraPropsJson);
    }

    [Fact]
    public void Parse_OtherTypesProps_FilledPerSpec()
    {
        Assert.Equal("这个精华好用吗？", Samples.ParseOne(Samples.ByType[EventType.LiveComment]).Props.Text);
        Assert.Equal(3, Samples.ParseOne(Samples.ByType[EventType.LiveLike]).Props.Count);
        var gift = Samples.ParseOne(Samples.ByType[EventType.LiveGift]).Props;
        Assert.Equal(("rocket", 99.5), (gift.GiftId, gift.Value!.Value));
        Assert.Equal("wechat", Samples.ParseOne(Samples.ByType[EventType.LiveShare]).Props.Channel);
        var coupon = Samples.ParseOne(Samples.ByType[EventType.LiveCouponClaim]).Props;
        Assert.Equal(("c-10", 10.0), (coupon.CouponId, coupon.Value!.Value));
        Assert.Equal(DateTimeOffset.Parse("2025-06-18T12:10:00Z").ToUnixTimeMilliseconds(),
            Samples.ParseOne(Samples.ByType[EventType.LiveProductOnScreen]).Props.UntilMs);
        Assert.Equal(12000, Samples.ParseOne(Samples.ByType[EventType.ShopView]).Props.DurationMs);
        Assert.Equal("精华 保湿", Samples.ParseOne(Samples.ByType[EventType.ShopSearch]).Props.Query);
        Assert.Equal(2, Samples.ParseOne(Samples.ByType[EventType.ShopCartAdd]).Props.Qty);
        var refund = Samples.ParseOne(Samples.ByType[EventType.ShopRefund]).Props;
        Assert.Equal(("o-1", 59.9), (refund.OrderId, refund.Amount!.Value));
        var review = Samples.ParseOne(Samples.ByType[EventType.ShopReview]).Props;
        Assert.Equal((5L, "很好"), (review.Rating!.Value, review.Text));
        var trend = Samples.ParseOne(Samples.ByType[EventType.ExternalTrend]).Props;
        Assert.Equal(("早C晚A", "beauty", 0.87), (trend.Keyword, trend.Category, trend.Score!.Value));
        Assert.Equal(0, Samples.ParseOne(Samples.ByType[EventType.ExternalInventory]).Props.Stock);
    }

    [Fact]
    public void Parse_LikeAndCartWithoutProps_DefaultCountAndQtyOne()
    {
        var like = Samples.ParseOne(J("""{"id":"l","type":"live.like","ts":"@TS","user":{"viewerId":"v"},"room":"r"}"""));
        var cart = Samples.ParseOne(J("""{"id":"c","type":"shop.cart_add","ts":"@TS","user":{"viewerId":"v"},"product":"p","props":{}}"""));

        Assert.Equal(1, like.Props.Count);
        Assert.Equal(1, cart.Props.Qty);
    }

    [Fact]
    public void Parse_SentAtGiven_TsCorrectedBySkew()
    {
        // The producer's clock is 30 s behind: it stamped ts 10 s before sending, and sent at T-30 s by its clock.
        long sentAt = Samples.ReceivedMs - 30_000;
        long ts = sentAt - 10_000;
        var rec = Samples.ParseOne(J("""{"id":"k","type":"live.follow","ts":@0,"sentAt":@1,"user":{"viewerId":"v"},"room":"r"}""", $"{ts}", $"{sentAt}"));

        Assert.Equal(30_000, rec.SkewMs);
        Assert.Equal(Samples.ReceivedMs - 10_000, rec.TsMs);
    }

    [Fact]
    public void Parse_SentAtAheadBringsFutureTsBack_Accepted()
    {
        // The producer's clock is 1 h ahead: ts looks 1 h in the future, sentAt explains it.
        var rec = Samples.ParseOne(J("""{"id":"k","type":"live.follow","ts":"2025-06-18T13:00:00Z","sentAt":"2025-06-18T13:00:01Z","user":{"viewerId":"v"},"room":"r"}"""));

        Assert.Equal(-3_601_000, rec.SkewMs);
        Assert.Equal(Samples.ReceivedMs - 1_000, rec.TsMs);
    }

    [Theory]
    [InlineData("1750247940000")]
    [InlineData("\"2025-06-18T11:59:00Z\"")]
    [InlineData("\"2025-06-18T11:59:00.000Z\"")]
    [InlineData("\"2025-06-18t11:59:00z\"")]
    [InlineData("\"2025-06-18T19:59:00+08:00\"")]
    [InlineData("\"2025-06-18T06:59:00-05:00\"")]
    [InlineData("\"2025-06-18T11:59:00.000123456+00:00\"")]
    [InlineData("\"2025-06-18T11:59:00\\u002B00:00\"")]
    public void Parse_TsInEpochMsOrRfc3339Forms_SameInstant(string ts)
    {
        var rec = Samples.ParseOne(J("""{"id":"k","type":"live.follow","ts":@0,"user":{"viewerId":"v"},"room":"r"}""", ts));

        Assert.Equal(Samples.TsMs, rec.TsMs);
    }

    [Fact]
    public void Parse_TsWithMilliseconds_KeepsMilliseconds()
    {
        var rec = Samples.ParseOne("""{"id":"k","type":"live.follow","ts":"2025-06-18T11:59:00.5+00:00","user":{"viewerId":"v"},"room":"r"}""");

        Assert.Equal(Samples.TsMs + 500, rec.TsMs);
    }

    [Fact]
    public void Parse_FieldsInAnyOrderPropsBeforeType_Accepted()
    {
        var rec = Samples.ParseOne(J("""{"props":{"text":"hi","mood":"happy"},"room":"r1","user":{"viewerId":"v"},"ts":"@TS","type":"live.comment","id":"late"}"""));

        Assert.Equal(EventType.LiveComment, rec.Type);
        Assert.Equal("hi", rec.Props.Text);
        Assert.Equal("""{"mood":"happy"}""", rec.Raw!.ExtraPropsJson);
    }

    [Fact]
    public void Parse_UnknownProps_KeptAsJsonObjectInRawIdentity()
    {
        var rec = Samples.ParseOne(J("""{"id":"k","type":"shop.view","ts":"@TS","product":"p","user":{"accountId":"a"},"props":{"durationMs":5,"ab":{"bucket":[1,2,"x"]},"text":"not a view field","n":null,"q\"uote":1.5e3}}"""));

        Assert.Equal(5, rec.Props.DurationMs);
        Assert.Null(rec.Props.Text);
        var extra = rec.Raw!.ExtraPropsJson!;
        Assert.Equal("""{"ab":{"bucket":[1,2,"x"]},"text":"not a view field","n":null,"q\"uote":1.5e3}""", extra);
        using var doc = JsonDocument.Parse(extra);
        Assert.Equal(1500, doc.RootElement.GetProperty("q\"uote").GetDouble());
    }

    [Fact]
    public void Parse_NullFields_TreatedAsAbsent()
    {
        var rec = Samples.ParseOne(J("""{"id":"k","type":"live.like","ts":"@TS","sentAt":null,"session":null,"user":{"viewerId":"v","phone":null},"room":"r","props":{"count":null}}"""));

        Assert.Equal(1, rec.Props.Count);
        Assert.Null(rec.Session);
        Assert.Null(rec.Raw!.Phone);
        Assert.Equal(0, rec.SkewMs);
    }

    [Fact]
    public void Parse_EscapedNamesAndValues_Decoded()
    {
        var rec = Samples.ParseOne(J("""{"\u0069d":"e\u002D1","type":"live.\u006Aoin","ts":"@TS","user":{"viewerId":"v"},"room":"r\n1","props":{"sour\u0063e":"f\u0065ed"}}"""));

        Assert.Equal("e-1", rec.Id);
        Assert.Equal(EventType.LiveJoin, rec.Type);
        Assert.Equal("r\n1", rec.Room);
        Assert.Equal("feed", rec.Props.Source);
    }

    [Fact]
    public void Parse_NestingExactlyAtLimit_Accepted()
    {
        // event(1) + props(2) + 14 arrays = 16 levels.
        var nested = new string('[', 14) + new string(']', 14);
        var rec = Samples.ParseOne(J("""{"id":"k","type":"live.follow","ts":"@TS","user":{"viewerId":"v"},"room":"r","props":{"x":@0}}""", nested));

        Assert.Equal($"{{\"x\":{nested}}}", rec.Raw!.ExtraPropsJson);
    }

    [Fact]
    public void Parse_CommentExactlyAtLimit_Accepted()
    {
        var text = new string('好', 500);
        var rec = Samples.ParseOne(J("""{"id":"k","type":"live.comment","ts":"@TS","user":{"viewerId":"v"},"room":"r","props":{"text":"@0"}}""", text));

        Assert.Equal(text, rec.Props.Text);
    }

    [Fact]
    public void Parse_TypeWithoutUserRequirementButUserGiven_UserParsed()
    {
        var rec = Samples.ParseOne(J("""{"id":"k","type":"external.trend","ts":"@TS","user":{"nickname":"n"},"props":{"keyword":"k","score":-3}}"""));

        Assert.Equal("n", rec.Raw!.Nickname);
        Assert.Equal(-3, rec.Props.Score);
    }
}
