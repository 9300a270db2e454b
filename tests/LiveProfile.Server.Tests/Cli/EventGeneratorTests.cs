using System.Text;
using System.Text.Json;
using LiveProfile.Cli.Loadgen;

namespace LiveProfile.Server.Tests.Cli;

public sealed class EventGeneratorTests
{
    private const long Now = 1_795_000_000_000;

    [Fact]
    public void NextBatch_TwoStreamsAndCatalog_ValidPerSpecWithUniqueIds()
    {
        var catalog = new LoadCatalog(LoadgenSettings.Products, seed: 5);
        using var a = new EventGenerator(catalog, users: 1000, seed: 6, idPrefix: "lg.run.0.");
        using var b = new EventGenerator(catalog, users: 1000, seed: 7, idPrefix: "lg.run.1.");
        var lines = a.CatalogBatches(700, Now).Concat([a.NextBatch(5000, Now), b.NextBatch(5000, Now)]).SelectMany(Lines).ToList();

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        var products = new HashSet<string>(catalog.Ids, StringComparer.Ordinal);
        foreach (var line in lines)
        {
            Assert.Empty(SpecCheck.Problems(line));
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            Assert.True(ids.Add(e.GetProperty("id").GetString()!), "duplicate id");
            types.Add(e.GetProperty("type").GetString()!);
            Assert.InRange(SpecCheck.TimeMs(e, "ts"), Now - 2000, Now); // never in the future
            if (e.TryGetProperty("product", out var product)) Assert.Contains(product.GetString()!, products);
            if (e.GetProperty("type").GetString() == "shop.order") AssertOrderAddsUp(e.GetProperty("props"));
        }
        Assert.Equal(LoadgenSettings.Products + 10_000, lines.Count);
        Assert.Superset(new HashSet<string> { "catalog.product", "live.join", "live.heartbeat", "live.comment", "live.product_click", "shop.view", "shop.order" }, types);
    }

    [Fact]
    public void NextBatch_TenThousandEvents_FitsRequestLimit()
    {
        using var generator = new EventGenerator(new LoadCatalog(100, 1), users: 100, seed: 1, idPrefix: "lg.");

        var payload = generator.NextBatch(10_000, Now);

        Assert.InRange(payload.Length, 1, 4 * 1024 * 1024);
        Assert.Equal(10_000, payload.Count(b => b == (byte)'\n'));
    }

    [Fact]
    public void NextBatch_SameSeed_SameEvents()
    {
        var catalog = new LoadCatalog(50, 3);
        using var a = new EventGenerator(catalog, 100, 9, "x.");
        using var b = new EventGenerator(catalog, 100, 9, "x.");

        Assert.Equal(a.NextBatch(200, Now), b.NextBatch(200, Now));
    }

    [Fact]
    public void Sample_Zipf_InRangeAndFavoursHead()
    {
        var zipf = new ZipfSampler(100_000, 1.1);
        var rng = new Random(42);
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < 200_000; i++)
        {
            var k = zipf.Sample(rng);
            Assert.InRange(k, 1, 100_000);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }

        // P(1) / P(2) = 2^1.1 ≈ 2.14
        Assert.InRange(counts[1] / (double)counts[2], 1.95, 2.35);
        Assert.True(counts.Count > 10_000, "a long tail of distinct users");
    }

    [Fact]
    public void Sample_SingleUser_One()
    {
        var zipf = new ZipfSampler(1, 1.1);

        Assert.Equal(1, zipf.Sample(new Random(1)));
    }

    [Fact]
    public void Due_GivenRate_EvenSpacingAndSmallRatesGetSmallBatches()
    {
        var pacer = new RatePacer(eventsPerSecond: 2000, batch: 500);

        Assert.Equal(TimeSpan.Zero, pacer.Due(0));
        Assert.Equal(TimeSpan.FromSeconds(1.5), pacer.Due(6));
        Assert.Equal(TimeSpan.Zero, new RatePacer(0, 500).Due(1000));
        Assert.Equal(50, Settings(rate: 500, batch: 1000).EffectiveBatch);
        Assert.Equal(1000, Settings(rate: 0, batch: 1000).EffectiveBatch);
        Assert.Equal(1, Settings(rate: 3, batch: 1000).EffectiveBatch);
    }

    private static LoadgenSettings Settings(int rate, int batch) =>
        new(new Uri("http://127.0.0.1:5080"), rate, 10, batch, 4, 100, 1, null);

    private static void AssertOrderAddsUp(JsonElement props)
    {
        var sum = props.GetProperty("items").EnumerateArray()
            .Sum(i => i.GetProperty("qty").GetInt32() * i.GetProperty("unitPrice").GetDouble() - i.GetProperty("discount").GetDouble());
        Assert.Equal(Math.Round(sum, 2), props.GetProperty("total").GetDouble(), 2);
    }

    private static IEnumerable<string> Lines(byte[] payload)
    {
        var text = Encoding.UTF8.GetString(payload);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
