using System.Globalization;

namespace LiveProfile.Server.Tests.Infrastructure;

/// <summary>Event lines as producers write them (spec/events.md).</summary>
internal static class Json
{
    public static string Now(double minutesAgo = 0) =>
        DateTimeOffset.UtcNow.AddMinutes(-minutesAgo).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static string Product(string id, string category, double price, string labels = "[]") =>
        $$$"""{"id":"cat-{{{id}}}","type":"catalog.product","ts":"{{{Now(60)}}}","product":"{{{id}}}","props":{"title":"{{{id}}}","category":"{{{category}}}","brand":"B","price":{{{price.ToString(CultureInfo.InvariantCulture)}}},"labels":{{{labels}}}}}""";

    public static string Click(string id, string viewer, string product, double minutesAgo = 1) =>
        $$$"""{"id":"{{{id}}}","type":"live.product_click","ts":"{{{Now(minutesAgo)}}}","user":{"viewerId":"{{{viewer}}}"},"room":"r1","product":"{{{product}}}"}""";

    public static string Like(string id, string viewer, int count = 1) =>
        $$$"""{"id":"{{{id}}}","type":"live.like","ts":"{{{Now(1)}}}","user":{"viewerId":"{{{viewer}}}"},"room":"r1","props":{"count":{{{count}}}}}""";

    public static string View(string id, string account, string product) =>
        $$$"""{"id":"{{{id}}}","type":"shop.view","ts":"{{{Now(2)}}}","user":{"accountId":"{{{account}}}"},"product":"{{{product}}}","props":{"durationMs":5000}}""";

    public static string Link(string id, string viewer, string account) =>
        $$$"""{"id":"{{{id}}}","type":"identity.link","ts":"{{{Now(0.5)}}}","user":{"viewerId":"{{{viewer}}}"},"props":{"identifiers":[{"kind":"viewer","value":"{{{viewer}}}"},{"kind":"account","value":"{{{account}}}"}]}}""";

    /// <summary>A timestamp as <see cref="Now"/> writes it, and the instant it stands for (tests compare event times).</summary>
    public static (string Text, DateTimeOffset At) Stamp(double minutesAgo)
    {
        var text = Now(minutesAgo);
        return (text, DateTimeOffset.Parse(text, CultureInfo.InvariantCulture));
    }

    public static string Share(string id, string viewer, double minutesAgo = 1) => Share(id, viewer, Now(minutesAgo));

    public static string Share(string id, string viewer, string ts) =>
        $$$"""{"id":"{{{id}}}","type":"live.share","ts":"{{{ts}}}","user":{"viewerId":"{{{viewer}}}"},"room":"r1","props":{"channel":"wechat"}}""";

    public static string Gift(string id, string viewer, double value, double minutesAgo = 1) =>
        $$$"""{"id":"{{{id}}}","type":"live.gift","ts":"{{{Now(minutesAgo)}}}","user":{"viewerId":"{{{viewer}}}"},"room":"r1","props":{"giftId":"rocket","value":{{{value.ToString(CultureInfo.InvariantCulture)}}}}}""";
}
