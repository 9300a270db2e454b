using LiveProfile.Engine.Contract;
using static LiveProfile.Engine.Tests.Contract.Samples;

namespace LiveProfile.Engine.Tests.Contract;

public sealed class EventParserRejectionTests
{
    /// <summary>One event per rejection code that triggers exactly that code, and a word the message must name.</summary>
    public static TheoryData<string, string, string> OnePerCode() => new()
    {
        { RejectionCode.InvalidJson, """{"id":"bad-1","type":"live.like","ts":""", "JSON" },
        { RejectionCode.NotAnObject, """["id","bad-1"]""", "object" },
        { RejectionCode.EventTooLarge, J("""{"id":"bad-1","type":"live.comment","ts":"@TS",@V,"props":{"text":"@0"}}""", new string('a', 33_000)), "bytes" },
        { RejectionCode.TooDeep, J("""{"id":"bad-1","type":"live.follow","ts":"@TS",@V,"props":{"x":@0@1}}""", new string('[', 15), new string(']', 15)), "props.x" },
        { RejectionCode.StringTooLong, J("""{"id":"bad-1","type":"live.share","ts":"@TS",@V,"props":{"channel":"@0"}}""", new string('c', 4097)), "props.channel" },
        { RejectionCode.CommentTooLong, J("""{"id":"bad-1","type":"live.comment","ts":"@TS",@V,"props":{"text":"@0"}}""", new string('好', 501)), "props.text" },
        { RejectionCode.UnknownField, J("""{"id":"bad-1","type":"live.follow","ts":"@TS",@V,"extra":1}"""), "extra" },
        { RejectionCode.DuplicateField, J("""{"id":"bad-1","type":"live.follow","type":"live.follow","ts":"@TS",@V}"""), "type" },
        { RejectionCode.MissingField, J("""{"id":"bad-1","type":"live.comment","ts":"@TS",@V,"props":{}}"""), "props.text" },
        { RejectionCode.InvalidField, J("""{"id":"bad-1","type":"shop.review","ts":"@TS","user":{"accountId":"a"},"product":"p","props":{"rating":6}}"""), "props.rating" },
        { RejectionCode.InvalidId, J("""{"id":"bad id","type":"live.follow","ts":"@TS",@V}"""), "id" },
        { RejectionCode.UnknownType, J("""{"id":"bad-1","type":"live.dance","ts":"@TS",@V}"""), "type" },
        { RejectionCode.InvalidTime, J("""{"id":"bad-1","type":"live.follow","ts":"2025-06-18T11:59:00",@V}"""), "ts" },
        { RejectionCode.FutureTimestamp, J("""{"id":"bad-1","type":"live.follow","ts":"2025-06-18T12:06:00Z",@V}"""), "ts" },
        { RejectionCode.TooOld, J("""{"id":"bad-1","type":"live.follow","ts":"2024-01-01T00:00:00Z",@V}"""), "ts" },
        { RejectionCode.MissingIdentifier, J("""{"id":"bad-1","type":"live.follow","ts":"@TS","user":{"nickname":"n"},"room":"r1"}"""), "user" },
        { RejectionCode.InvalidPhone, J("""{"id":"bad-1","type":"live.follow","ts":"@TS","user":{"phone":"13800138000"},"room":"r1"}"""), "user.phone" },
    };

    [Fact]
    public void OnePerCode_CoversEveryRejectionCode_NoneMissing()
    {
        var covered = new HashSet<string>();
        foreach (var row in OnePerCode()) covered.Add((string)row[0]);

        Assert.Equal(RejectionCode.All.Order(), covered.Order());
    }

    [Theory]
    [MemberData(nameof(OnePerCode))]
    public void Parse_EventBreakingOneRule_RejectedWithThatCodeAndLine(string code, string bad, string named)
    {
        var batch = Samples.Parse(Samples.Comment("good-1") + "\n\n" + bad + "\n" + Samples.Comment("good-4") + "\n");

        Assert.Equal([1, 4], batch.AcceptedLines);
        var rejection = Assert.Single(batch.Rejected);
        Assert.Equal(code, rejection.Code);
        Assert.Equal(3, rejection.Line);
        Assert.Contains(named, rejection.Message, StringComparison.Ordinal);
        Assert.Equal(bad, rejection.RawJson);
        if (code is not (RejectionCode.InvalidId or RejectionCode.EventTooLarge or RejectionCode.NotAnObject)) Assert.Equal("bad-1", rejection.Id);
        else Assert.Null(rejection.Id);
    }

    /// <summary>Further rules, each as (code, event, a text the message must contain).</summary>
    public static TheoryData<string, string, string> MoreRules() => new()
    {
        // envelope
        { RejectionCode.MissingField, J("""{"type":"live.follow","ts":"@TS",@V}"""), "id" },
        { RejectionCode.MissingField, J("""{"id":"x","ts":"@TS",@V}"""), "type" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.follow",@V}"""), "ts" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"viewerId":"v"}}"""), "room" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.follow","ts":"@TS","room":"r"}"""), "user" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.follow","ts":"@TS","user":null,"room":"r"}"""), "user" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.product_click","ts":"@TS",@V}"""), "product" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"catalog.product","ts":"@TS","props":{"title":"t","category":"c","price":1}}"""), "product" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.comment","ts":"@TS",@V}"""), "props.text" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.comment","ts":"@TS",@V,"props":{"text":null}}"""), "props.text" },
        { RejectionCode.InvalidId, J("""{"id":"","type":"live.follow","ts":"@TS",@V}"""), "id" },
        { RejectionCode.InvalidId, J("""{"id":"@0","type":"live.follow","ts":"@TS",@V}""", new string('a', 65)), "id" },
        { RejectionCode.InvalidId, J("""{"id":42,"type":"live.follow","ts":"@TS",@V}"""), "id" },
        { RejectionCode.InvalidId, J("""{"id":"é","type":"live.follow","ts":"@TS",@V}"""), "id" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":7,"ts":"@TS",@V}"""), "type" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.follow","ts":"@TS","user":"v","room":"r"}"""), "user" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.follow","ts":"@TS",@V,"props":[]}"""), "props" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"viewerId":"v"},"room":5}"""), "room" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"viewerId":"v"},"room":""}"""), "room" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"viewerId":7},"room":"r"}"""), "user.viewerId" },
        { RejectionCode.UnknownField, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"viewerId":"v","email":"a@b"},"room":"r"}"""), "user.email" },
        { RejectionCode.DuplicateField, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"viewerId":"v","viewerId":"w"},"room":"r"}"""), "user.viewerId" },
        { RejectionCode.DuplicateField, J("""{"id":"x","type":"live.comment","ts":"@TS",@V,"props":{"text":"a","text":"b"}}"""), "props.text" },
        { RejectionCode.DuplicateField, J("""{"id":"x","type":"live.follow","ts":"@TS",@V,"props":{"foo":1,"foo":2}}"""), "props.foo" },
        { RejectionCode.DuplicateField, J("""{"id":"x","type":"live.follow","ts":"@TS",@V,"props":{"count":1,"count":2}}"""), "props.count" },
        { RejectionCode.InvalidPhone, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"phone":"+86 138 0013 8000"},"room":"r"}"""), "user.phone" },
        { RejectionCode.InvalidPhone, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"phone":"+0123456789"},"room":"r"}"""), "user.phone" },
        { RejectionCode.InvalidPhone, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"phone":"+1234567"},"room":"r"}"""), "user.phone" },
        { RejectionCode.InvalidPhone, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"phone":"+1234567890123456"},"room":"r"}"""), "user.phone" },
        { RejectionCode.MissingIdentifier, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{},"room":"r"}"""), "user" },
        { RejectionCode.StringTooLong, J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"viewerId":"@0"},"room":"r"}""", new string('v', 4097)), "user.viewerId" },
        { RejectionCode.StringTooLong, J("""{"id":"x","type":"live.follow","ts":"@TS",@V,"props":{"deep":{"a":["@0"]}}}""", new string('v', 4097)), "props.deep" },
        { RejectionCode.CommentTooLong, J("""{"id":"x","type":"shop.review","ts":"@TS","user":{"accountId":"a"},"product":"p","props":{"rating":1,"text":"@0"}}""", new string('差', 501)), "props.text" },
        { RejectionCode.TooDeep, J("""{"id":"x","type":"live.follow","ts":"@TS",@V,"props":{"x":@0@1}}""", new string('[', 100), new string(']', 100)), "deeper than 16" },
        { RejectionCode.TooDeep, J("""{"props":{"x":@0@1},"id":"x","type":"live.follow","ts":"@TS",@V}""", new string('[', 15), new string(']', 15)), "props" },
        // times
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"live.follow","ts":"2025-06-18 11:59:00Z",@V}"""), "ts" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"live.follow","ts":"2025-02-30T11:59:00Z",@V}"""), "ts" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"live.follow","ts":"2025-06-18T11:59:00+0800",@V}"""), "ts" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"live.follow","ts":"1750247940000",@V}"""), "ts" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"live.follow","ts":1750247940000.5,@V}"""), "ts" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"live.follow","ts":true,@V}"""), "ts" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"live.follow","ts":"@TS","sentAt":"yesterday",@V}"""), "sentAt" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"live.product_on_screen","ts":"@TS","room":"r","product":"p","props":{"until":"soon"}}"""), "props.until" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"catalog.session","ts":"@TS","props":{"room":"r","startsAt":"2025-06-18T20:00"}}"""), "props.startsAt" },
        { RejectionCode.InvalidTime, J("""{"id":"x","type":"user.profile","ts":"@TS","user":{"accountId":"a"},"props":{"registeredAt":"2020-01-01"}}"""), "props.registeredAt" },
        { RejectionCode.FutureTimestamp, J("""{"id":"x","type":"live.follow","ts":"@TS","sentAt":"2025-06-18T11:50:00Z",@V}"""), "skew" },
        // props per type
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.join","ts":"@TS",@V,"props":{"source":"ad"}}"""), "props.source" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.like","ts":"@TS",@V,"props":{"count":0}}"""), "props.count" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.like","ts":"@TS",@V,"props":{"count":1.5}}"""), "props.count" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.like","ts":"@TS",@V,"props":{"count":"2"}}"""), "props.count" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.gift","ts":"@TS",@V,"props":{"giftId":"g","value":"9.9"}}"""), "props.value" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"live.gift","ts":"@TS",@V,"props":{"giftId":"g","value":-1}}"""), "props.value" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.gift","ts":"@TS",@V,"props":{"giftId":"g"}}"""), "props.value" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"live.coupon_claim","ts":"@TS",@V,"props":{"value":1}}"""), "props.couponId" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.view","ts":"@TS","user":{"accountId":"a"},"product":"p","props":{"durationMs":-1}}"""), "props.durationMs" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"shop.search","ts":"@TS","user":{"accountId":"a"},"props":{"query":null}}"""), "props.query" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.search","ts":"@TS","user":{"accountId":"a"},"props":{"query":""}}"""), "props.query" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.cart_add","ts":"@TS","user":{"accountId":"a"},"product":"p","props":{"qty":0}}"""), "props.qty" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.cart_add","ts":"@TS","user":{"accountId":"a"},"product":"p","props":{"qty":2.0}}"""), "props.qty" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","total":1}}"""), "props.items" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":[],"total":1}}"""), "props.items" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":["sku"],"total":1}}"""), "props.items[0]" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":[{"product":"p","unitPrice":1},{"product":"q"}],"total":1}}"""), "props.items[1].unitPrice" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":[{"unitPrice":1}],"total":1}}"""), "props.items[0].product" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":[{"product":"p","unitPrice":1,"qty":0}],"total":1}}"""), "props.items[0].qty" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":[{"product":"p","unitPrice":1,"qty":3000000000}],"total":1}}"""), "props.items[0].qty" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":[{"product":"p","unitPrice":1,"discount":-2}],"total":1}}"""), "props.items[0].discount" },
        { RejectionCode.DuplicateField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":[{"product":"p","unitPrice":1,"product":"q"}],"total":1}}"""), "props.items[0].product" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.order","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","items":[{"product":"p","unitPrice":1}],"total":"1.00"}}"""), "props.total" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.refund","ts":"@TS","user":{"accountId":"a"},"props":{"orderId":"o","amount":-5}}"""), "props.amount" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.review","ts":"@TS","user":{"accountId":"a"},"product":"p","props":{"rating":0}}"""), "props.rating" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"shop.review","ts":"@TS","user":{"accountId":"a"},"product":"p","props":{"rating":4.5}}"""), "props.rating" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"shop.review","ts":"@TS","user":{"accountId":"a"},"product":"p","props":{"text":"ok"}}"""), "props.rating" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"user.profile","ts":"@TS","user":{"accountId":"a"},"props":{"gender":"f"}}"""), "props.gender" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"user.profile","ts":"@TS","user":{"accountId":"a"},"props":{"birthYear":1899}}"""), "props.birthYear" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"user.profile","ts":"@TS","user":{"accountId":"a"},"props":{"birthYear":2026}}"""), "props.birthYear" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"user.profile","ts":"@TS","user":{"accountId":"a"},"props":{"name":42}}"""), "props.name" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"user.consent","ts":"@TS","user":{"accountId":"a"},"props":{}}"""), "props.purposes" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"user.consent","ts":"@TS","user":{"accountId":"a"},"props":{"purposes":{"marketing":"yes"}}}"""), "props.purposes.marketing" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"user.consent","ts":"@TS","user":{"accountId":"a"},"props":{"purposes":{}}}"""), "props.purposes" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"user.consent","ts":"@TS","user":{"accountId":"a"},"props":{"purposes":true}}"""), "props.purposes" },
        { RejectionCode.UnknownField, J("""{"id":"x","type":"user.consent","ts":"@TS","user":{"accountId":"a"},"props":{"purposes":{"analytics":true,"sale":false}}}"""), "props.purposes.sale" },
        { RejectionCode.DuplicateField, J("""{"id":"x","type":"user.consent","ts":"@TS","user":{"accountId":"a"},"props":{"purposes":{"analytics":true,"analytics":false}}}"""), "props.purposes.analytics" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":[{"kind":"account","value":"a"}]}}"""), "props.identifiers" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":[{"kind":"account","value":"a"},{"kind":"account","value":"a"}]}}"""), "props.identifiers" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":[{"kind":"account","value":"a"},{"kind":"email","value":"e"}]}}"""), "props.identifiers[1].kind" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":[{"kind":"account","value":"a"},{"kind":"profile","value":"p"}]}}"""), "props.identifiers[1].kind" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":[{"kind":"account","value":"a"},{"kind":"viewer"}]}}"""), "props.identifiers[1].value" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":{"account":"a"}}}"""), "props.identifiers" },
        { RejectionCode.InvalidPhone, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":[{"kind":"account","value":"a"},{"kind":"phone","value":"138"}]}}"""), "props.identifiers[1].value" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":[{"kind":"account","value":"a"},{"kind":"viewer","value":"v"}],"confidence":1.5}}"""), "props.confidence" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"identity.link","ts":"@TS","user":{"accountId":"a"},"props":{"identifiers":[{"kind":"account","value":"a"},{"kind":"viewer","value":"v"}],"confidence":-0.1}}"""), "props.confidence" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"catalog.product","ts":"@TS","product":"p","props":{"title":"t","category":"beauty"}}"""), "props.price" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"catalog.product","ts":"@TS","product":"p","props":{"title":"t","category":"beauty//serum","price":1}}"""), "props.category" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"catalog.product","ts":"@TS","product":"p","props":{"title":"t","category":"beauty","price":1,"labels":"国潮"}}"""), "props.labels" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"catalog.product","ts":"@TS","product":"p","props":{"title":"t","category":"beauty","price":1,"ingredients":["a",3]}}"""), "props.ingredients[1]" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"catalog.session","ts":"@TS","room":"r","props":{"startsAt":"@TS"}}"""), "props.room" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"catalog.session","ts":"@TS","room":"r2","props":{"room":"r","startsAt":"@TS"}}"""), "room" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"external.trend","ts":"@TS","props":{"keyword":"k"}}"""), "props.score" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"external.inventory","ts":"@TS","product":"p"}"""), "props.stock" },
        { RejectionCode.InvalidField, J("""{"id":"x","type":"external.inventory","ts":"@TS","product":"p","props":{"stock":-1}}"""), "props.stock" },
        { RejectionCode.MissingField, J("""{"id":"x","type":"marketing.invite","ts":"@TS","user":{"accountId":"a"}}"""), "session" },
        // structure wins over semantics found earlier
        { RejectionCode.InvalidJson, """{"id":"x","type":"live.dance",}""", "JSON" },
        { RejectionCode.InvalidJson, J("""{"id":"x","type":"live.follow","ts":"@TS",@V} trailing"""), "JSON" },
        { RejectionCode.InvalidJson, J("""{"id":"x","type":"live.follow","ts":"@TS",@V}{"id":"y"}"""), "JSON" },
        { RejectionCode.InvalidJson, J("""{"id":"x","type":"live.follow","ts":"@TS",@V,"props":{"t":"\ud800"}}"""), "JSON" },
        { RejectionCode.InvalidJson, """{'id':'x'}""", "JSON" },
        { RejectionCode.InvalidJson, """{"id":"x"} // comment""", "JSON" },
        { RejectionCode.TooDeep, J("""{"id":"x","type":"live.dance","ts":"@TS","props":{"x":@0@1}}""", new string('[', 20), new string(']', 20)), "deeper" },
        { RejectionCode.NotAnObject, "null", "object" },
        { RejectionCode.NotAnObject, "\"text\"", "object" },
    };

    [Theory]
    [MemberData(nameof(MoreRules))]
    public void Parse_EventBreakingRule_RejectedWithCodeNamingField(string code, string bad, string named)
    {
        var rejection = Samples.RejectOne(bad);

        Assert.True(code == rejection.Code, $"expected {code}, got {rejection.Code}: {rejection.Message}");
        Assert.Equal(1, rejection.Line);
        Assert.Contains(named, rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SemanticErrorBeforeId_IdStillEchoed()
    {
        var rejection = Samples.RejectOne(J("""{"type":"live.dance","ts":"@TS","id":"late-id","props":{"a":[1,{"b":2}]}}"""));

        Assert.Equal(RejectionCode.UnknownType, rejection.Code);
        Assert.Equal("late-id", rejection.Id);
    }

    [Fact]
    public void Parse_PhoneRejected_MessageDoesNotEchoPhone()
    {
        var rejection = Samples.RejectOne(J("""{"id":"x","type":"live.follow","ts":"@TS","user":{"phone":"13800138000"},"room":"r"}"""));

        Assert.DoesNotContain("13800138000", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CustomLimits_Applied()
    {
        var limits = new IngestLimits { MaxCommentChars = 3, MaxStringChars = 5, MaxDepth = 3, MaxFuture = TimeSpan.Zero, Retention = TimeSpan.FromMinutes(1) };
        string Event(string props, string ts = "2025-06-18T11:59:30Z") =>
            J("""{"id":"x","type":"live.comment","ts":"@1",@V,"props":@0}""", props, ts);

        Assert.Equal(RejectionCode.CommentTooLong, Samples.Parse(Event("""{"text":"abcd"}"""), limits: limits).Rejected[0].Code);
        Assert.Equal(RejectionCode.StringTooLong, Samples.Parse(Event("""{"text":"abc","x":"abcdef"}"""), limits: limits).Rejected[0].Code);
        Assert.Equal(RejectionCode.TooDeep, Samples.Parse(Event("""{"text":"abc","x":[[]]}"""), limits: limits).Rejected[0].Code);
        Assert.Single(Samples.Parse(Event("""{"text":"abc","x":[]}"""), limits: limits).Accepted);
        Assert.Equal(RejectionCode.FutureTimestamp, Samples.Parse(Event("""{"text":"a"}""", "2025-06-18T12:00:00.001Z"), limits: limits).Rejected[0].Code);
        Assert.Equal(RejectionCode.TooOld, Samples.Parse(Event("""{"text":"a"}""", "2025-06-18T11:58:59.999Z"), limits: limits).Rejected[0].Code);
        Assert.Single(Samples.Parse(Event("""{"text":"a"}""", "2025-06-18T12:00:00Z"), limits: limits).Accepted);
    }
}
