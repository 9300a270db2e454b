using LiveProfile.Cli.Evaluate;
using LiveProfile.Cli.Http;
using LiveProfile.Cli.Simulate;
using LiveProfile.Server.Tests.Infrastructure;
using LiveProfile.Simulation;
using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.Output;
using Xunit.Abstractions;

namespace LiveProfile.Server.Tests.Cli;

/// <summary>
/// The simulator against a real server, end to end: noisy traffic sent the way
/// <c>liveprofile simulate</c> sends it, then the profiles scored the way <c>liveprofile evaluate</c>
/// scores them against the ground truth.
/// </summary>
public sealed class SimulationQualityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Simulate_NoisyRunThroughTheServer_ProfilesMatchTheGroundTruth()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var options = new SimulationOptions
        {
            Seed = 11, Users = 400, Days = 35, Rooms = 10, ProductsPerCategory = 40,
            EndMs = DateTimeOffset.Parse("2026-11-20T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
            Noise = new NoiseOptions { UnlinkedIdentities = 0 }, // identity noise is the identity issue's to score
        };
        var simulation = new LiveCommerceSimulation(options);
        using var client = new EventsClient(new Uri(server.Url), null, EventsClient.CreateHandler(2), TimeSpan.FromSeconds(60));
        var sender = new SimulationSender(client, new EventWriter(options.Seed, options.EndMs, simulation.Catalog), batch: 2_000, concurrency: 2);
        await sender.RunAsync(simulation.Deliveries(), realTime: false, skipBeforeMs: long.MinValue, CancellationToken.None);

        // Every line answered: the broken ones rejected with a code, the repeats counted as duplicates.
        var tally = sender.Tally;
        Assert.Null(tally.Failure);
        Assert.Equal(simulation.Noise.Malformed, tally.Rejected);
        Assert.Equal(simulation.Noise.Duplicates, tally.Duplicates);
        Assert.Equal(simulation.Events + 1, tally.Accepted); // and the closing tick

        using var reader = new ProfileReader(new Uri(server.Url), null, 4);
        Assert.True(await reader.WaitSettledAsync(TimeSpan.FromMinutes(2), _ => { }, CancellationToken.None));
        var taxonomy = await reader.TaxonomyAsync(CancellationToken.None);
        var scores = new QualityScores(taxonomy.Tags.Where(t => t.Source == "rule"));
        foreach (var person in simulation.Truth!.Results(simulation.People))
        {
            var line = new TruthLine(person.Person, person.Account, person.Viewer, person.Unlinked, person.Traits, [.. person.Tags]);
            scores.Add(line, await reader.TagsAsync(person.Person, CancellationToken.None));
        }
        var all = scores.Overall();
        foreach (var t in scores.Tags.Where(t => t.Support > 0)) output.WriteLine($"{t.Id}: support {t.Support}, precision {t.Precision:F3}, recall {t.Recall:F3}");
        output.WriteLine($"all: support {all.Support}, precision {all.Precision:F3}, recall {all.Recall:F3}");
        Assert.Equal(0, scores.MissingProfiles);
        Assert.True(all.Support > 1_000, $"support {all.Support}");
        Assert.True(all.Precision >= 0.97 && all.Recall >= 0.97, $"precision {all.Precision:F3}, recall {all.Recall:F3}");
        var basic = scores.Families().Single(f => f.Id == "basic");
        Assert.Equal(1.0, basic.Precision);
        Assert.Equal(1.0, basic.Recall);
    }
}
