using System.Text.Json;

namespace LiveProfile.Server.Tests.Cli;

/// <summary>The shipped samples/live-commerce.ndjson stays valid and keeps its well-known user.</summary>
public sealed class SampleDataTests
{
    private static readonly string[] Lines = File.ReadAllLines(SamplePath());

    [Fact]
    public void SampleFile_EveryEvent_ValidWithUniqueId()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, n) in Lines.Select((l, i) => (l, i + 1)))
        {
            Assert.True(SpecCheck.Problems(line) is { Count: 0 } p, $"line {n}: {string.Join("; ", SpecCheck.Problems(line))}");
            using var doc = JsonDocument.Parse(line);
            Assert.True(ids.Add(doc.RootElement.GetProperty("id").GetString()!), $"line {n}: duplicate id");
        }
        Assert.InRange(Lines.Length, 5000, 7000);
        Assert.InRange(new FileInfo(SamplePath()).Length, 1, 1_000_000);
    }

    [Fact]
    public void SampleFile_Times_TwoWeeksBeforeEndCatalogFirst()
    {
        var end = DateTimeOffset.Parse("2026-11-28T14:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var types = Lines.Select(l => JsonDocument.Parse(l).RootElement).Select(e => (Type: e.GetProperty("type").GetString()!, Ts: SpecCheck.TimeMs(e, "ts"))).ToList();

        var firstBehaviour = types.FindIndex(t => !t.Type.StartsWith("catalog.", StringComparison.Ordinal));
        Assert.True(firstBehaviour >= 150);
        Assert.DoesNotContain(types.Skip(firstBehaviour), t => t.Type.StartsWith("catalog.", StringComparison.Ordinal));
        Assert.All(types.Where(t => t.Type != "catalog.session"), t => Assert.InRange(t.Ts, end - 14 * 86_400_000L, end));
    }

    [Fact]
    public void SampleFile_U1001_LinkedBeautyBuyer()
    {
        var hers = Lines.Where(l => l.Contains("\"u1001\"", StringComparison.Ordinal) || l.Contains("\"dy_10001\"", StringComparison.Ordinal)).ToList();

        Assert.Contains(hers, l => l.Contains("\"identity.link\"", StringComparison.Ordinal) && l.Contains("dy_10001", StringComparison.Ordinal));
        Assert.Contains(hers, l => l.Contains("\"user.profile\"", StringComparison.Ordinal));
        Assert.True(hers.Count(l => l.Contains("\"shop.order\"", StringComparison.Ordinal)) >= 3);
        Assert.True(hers.Count(l => l.Contains("\"live.join\"", StringComparison.Ordinal)) >= 4);
    }

    private static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "live-commerce.ndjson");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "LiveProfile.slnx"))) return candidate;
        }
        throw new FileNotFoundException("samples/live-commerce.ndjson above the test directory");
    }
}
