using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Models;

/// <summary>The next purchase per category from a profile's own repurchase cycle, with no model fitted.</summary>
public sealed class NextPurchaseTests
{
    private static string Order(string id, string product, double daysAgo) =>
        $$$"""{"id":"{{{id}}}","type":"shop.order","ts":"{{{Json.Now(daysAgo * 24 * 60)}}}","user":{"accountId":"buyer"},"props":{"orderId":"{{{id}}}","items":[{"product":"{{{product}}}","qty":1,"unitPrice":30,"discount":0}],"total":30}}""";

    [Fact]
    public async Task Predictions_RepurchaseCycles_ExpectTheNextOrderAfterTheMedianGap()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        (await server.PostNdjsonAsync([
            Json.Product("rice", "food/staple/rice", 30), Json.Product("serum", "beauty/skincare/serum", 199),
            Order("o1", "rice", 50), Order("o2", "rice", 36), Order("o3", "rice", 20), Order("o4", "rice", 10), // gaps 14, 16, 10: median 14
            Order("o5", "serum", 30), // one order: no cycle
            Json.View("v", "buyer", "rice"),
        ])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        var answer = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/account:buyer/predictions")).RootElement;
        var next = Assert.Single(answer.GetProperty("nextPurchases").EnumerateArray());
        Assert.Equal("food", next.GetProperty("category").GetString());
        Assert.Equal(4, next.GetProperty("orderDays").GetInt32());
        Assert.Equal(14, next.GetProperty("cycleDays").GetDouble());
        Assert.Equal(4, next.GetProperty("daysUntil").GetInt32()); // last order 10 days ago + 14
        Assert.False(answer.TryGetProperty("clv", out _));
        Assert.False(answer.TryGetProperty("churn", out _));
    }
}
