using System.Globalization;

namespace LiveProfile.Peers;

/// <summary>
/// The markdown table each peer command ends with: events/s, the CPU it took (the machine is
/// shared, so events per busy core-second is the steadier figure), and the engine's ratio to each system.
/// </summary>
internal sealed class ResultTable(EngineResult plain, EngineResult tagged)
{
    private readonly List<(string System, double EventsPerSecond, double Cores, string Notes)> _peers = [];

    public void Add(string system, double eventsPerSecond, double cores, string notes) => _peers.Add((system, eventsPerSecond, cores, notes));

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| system | events/s | cores busy | events per core-second | engine (no tags) ÷ system | engine (default taxonomy) ÷ system | notes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        Row("LiveProfile engine, no tags", plain.EventsPerSecond, plain.Cores, "—", "—",
            $"identity, routing, 2 partitions; heap {plain.HeapPerProfile:N0} B/profile ({plain.Profiles:N0} profiles)");
        Row("LiveProfile engine, default taxonomy", tagged.EventsPerSecond, tagged.Cores, "—", "—", $"heap {tagged.HeapPerProfile:N0} B/profile");
        foreach (var (system, rate, cores, notes) in _peers)
        {
            Row(system, rate, cores, Ratio(plain.EventsPerSecond / rate), Ratio(tagged.EventsPerSecond / rate), notes);
        }
    }

    private static string Ratio(double ratio) => ratio.ToString("F1", CultureInfo.InvariantCulture) + "×";

    private static void Row(string system, double rate, double cores, string plainRatio, string taggedRatio, string notes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {system} | {rate:N0} | {cores:F2} | {rate / cores:N0} | {plainRatio} | {taggedRatio} | {notes} |"));
}
