using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.Output;

namespace LiveProfile.Simulation.Tests;

/// <summary>Small simulated runs, encoded the way the CLI writes them.</summary>
internal static class SimulationRuns
{
    public static readonly long End = DateTimeOffset.Parse("2026-11-20T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    public static SimulationOptions Small(int seed = 7, NoiseOptions? noise = null) => new()
    {
        Seed = seed, Users = 150, Days = 20, EndMs = End, Rooms = 8, ProductsPerCategory = 30, Noise = noise ?? new NoiseOptions(),
    };

    /// <summary>The run's NDJSON lines (no <c>sentAt</c>, as in a file) and the simulation, finished.</summary>
    public static (List<string> Lines, LiveCommerceSimulation Simulation) Lines(SimulationOptions options)
    {
        var simulation = new LiveCommerceSimulation(options);
        var encoder = new NdjsonEncoder(new EventWriter(options.Seed, options.EndMs, simulation.Catalog));
        foreach (var d in simulation.Deliveries()) encoder.Add(d, sentAtMs: null);
        var text = System.Text.Encoding.UTF8.GetString(encoder.Written.Span);
        return ([.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)], simulation);
    }
}
