using LiveProfile.Engine.Contract;
using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.People;

namespace LiveProfile.Simulation.Tests;

public sealed class SimulationTests
{
    [Fact]
    public void Deliveries_SameSeedAndEnd_SameLinesAndTruth()
    {
        var (a, runA) = SimulationRuns.Lines(SimulationRuns.Small());
        var (b, runB) = SimulationRuns.Lines(SimulationRuns.Small());
        Assert.Equal(a, b);
        Assert.Equal(Tags(runA), Tags(runB));
        var (c, _) = SimulationRuns.Lines(SimulationRuns.Small(seed: 8));
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Deliveries_EveryLine_ParsesUnderTheContractExceptTheBrokenOnes()
    {
        var (lines, simulation) = SimulationRuns.Lines(SimulationRuns.Small());
        var parser = new EventParser(IngestLimits.Default);
        int accepted = 0, rejected = 0;
        foreach (var chunk in lines.Chunk(IngestLimits.Default.MaxEventsPerRequest))
        {
            var body = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', chunk));
            var parsed = parser.Parse(body, BodyFormat.Ndjson, "t", SimulationRuns.End + 60_000);
            accepted += parsed.Accepted.Count;
            rejected += parsed.Rejected.Count;
        }
        // Each broken line is rejected, and nothing else is.
        Assert.True(simulation.Noise.Malformed > 0);
        Assert.Equal(simulation.Noise.Malformed, rejected);
        Assert.Equal(lines.Count - rejected, accepted);
    }

    [Fact]
    public void Deliveries_Catalog_HasTheEightCategoriesAndRealisticPrices()
    {
        var simulation = new LiveCommerceSimulation(SimulationRuns.Small() with { ProductsPerCategory = 300 });
        var products = simulation.Catalog.Products;
        Assert.True(products.Count >= 2_000);
        Assert.Equal(8, products.Select(p => p.Category).Distinct().Count());
        Assert.All(products, p => Assert.InRange(p.Price, 5, 20_000));
        Assert.Contains(products, p => p.Labels.Contains("国潮"));
        Assert.Contains(products, p => p.Labels.Contains("新品"));
        Assert.All(products.Where(p => p.CategoryPath.StartsWith("beauty/", StringComparison.Ordinal)), p => Assert.NotNull(p.Ingredients));
        // A fridge costs more than a face mask: prices follow the sub-category.
        Assert.True(products.Where(p => p.CategoryPath.Contains("refrigerator", StringComparison.Ordinal)).Min(p => p.Price)
            > products.Where(p => p.CategoryPath.Contains("mask", StringComparison.Ordinal)).Max(p => p.Price));
    }

    [Fact]
    public void Deliveries_NoNoise_InTimeOrderWithoutRepeats()
    {
        var simulation = new LiveCommerceSimulation(SimulationRuns.Small(noise: NoiseOptions.None));
        var deliveries = simulation.Deliveries().ToList();
        Assert.All(deliveries.Zip(deliveries.Skip(1)), pair => Assert.True(pair.First.DueMs <= pair.Second.DueMs));
        Assert.DoesNotContain(deliveries, d => d.Duplicate || d.Event.Broken is not null);
        Assert.All(deliveries, d => Assert.Equal(d.Event.TsMs, d.DueMs));
        Assert.Equal(deliveries.Count, deliveries.Select(d => d.Event.Seq).Distinct().Count());
    }

    [Fact]
    public void Deliveries_WithNoise_LateAfterLaterEventsAndDuplicatesKeepTheirId()
    {
        var simulation = new LiveCommerceSimulation(SimulationRuns.Small(noise: new NoiseOptions { Duplicates = 0.05, Late = 0.05 }));
        var deliveries = simulation.Deliveries().ToList();
        Assert.Contains(deliveries, d => d.DueMs > d.Event.TsMs); // late
        var repeats = deliveries.Where(d => d.Duplicate).ToList();
        Assert.NotEmpty(repeats);
        Assert.All(repeats, r => Assert.Contains(deliveries, d => !d.Duplicate && ReferenceEquals(d.Event, r.Event)));
        Assert.True(simulation.Noise.Late > 0 && simulation.Noise.Duplicates == repeats.Count);
    }

    [Fact]
    public void Sessions_ProductOnScreen_ChangesThroughTheBroadcast()
    {
        var simulation = new LiveCommerceSimulation(SimulationRuns.Small());
        var sessions = simulation.Scheduler.SessionsOn(simulation.StartDay);
        Assert.NotEmpty(sessions);
        foreach (var s in sessions)
        {
            Assert.True(s.Slots.Length > 10);
            Assert.Equal(s.StartMs, s.Slots[0].FromMs);
            Assert.Equal(s.EndMs, s.Slots[^1].UntilMs);
            Assert.All(s.Slots.Zip(s.Slots.Skip(1)), pair => Assert.Equal(pair.First.UntilMs, pair.Second.FromMs));
            var middle = s.Slots[s.Slots.Length / 2];
            Assert.Equal(middle.Product, s.OnScreen((middle.FromMs + middle.UntilMs) / 2));
            Assert.Equal(-1, s.OnScreen(s.EndMs + 1));
            Assert.True(s.Lineup.Length >= 10 && s.Slots.Select(x => x.Product).Distinct().Count() > 5);
        }
    }

    [Fact]
    public void Population_MixesTheDefaultTaxonomysBehaviours()
    {
        var simulation = new LiveCommerceSimulation(SimulationRuns.Small() with { Users = 5_000 });
        var people = simulation.People;
        foreach (var trait in Enum.GetValues<Traits>().Where(t => t != Traits.None))
        {
            var share = people.Count(p => p.Has(trait)) / (double)people.Length;
            Assert.InRange(share, 0.02, 0.25);
        }
        Assert.InRange(people.Count(p => p.Unlinked) / (double)people.Length, 0.01, 0.04);
        Assert.Contains(people, p => p.ShiftDay != int.MaxValue);
        Assert.Contains(people, p => p.ChurnDay != int.MaxValue);
    }

    private static List<string> Tags(LiveCommerceSimulation run) =>
        [.. run.Truth!.Results(run.People).Select(r => r.Person + ":" + string.Join(',', r.Tags))];
}
