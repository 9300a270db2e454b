using System.Globalization;

namespace LiveProfile.Peers;

/// <summary>
/// The markdown table each peer command ends with: events/s, the CPU it took and what other
/// processes took meanwhile (the machine is shared, so events per busy core-second is the steadier
/// figure), and the engine's ratio to each system.
/// </summary>
internal sealed class ResultTable(EngineResult plain, EngineResult tagged)
{
    private readonly List<(string System, double EventsPerSecond, double Cores, double Others, string Notes)> _peers = [];

    public void Add(string system, double eventsPerSecond, double cores, double others, string notes) =>
        _peers.Add((system, eventsPerSecond, cores, others, notes));

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| system | events/s | cores busy (other processes) | events per core-second | engine (no tags) ÷ system | engine (default taxonomy) ÷ system | notes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        Row("LiveProfile engine, no tags", plain.EventsPerSecond, plain.Cores, plain.OtherCores, "—", "—",
            $"identity, routing, {EngineRun.Partitions} partitions; heap {plain.HeapPerProfile:N0} B/profile ({plain.Profiles:N0} profiles)");
        Row("LiveProfile engine, default taxonomy", tagged.EventsPerSecond, tagged.Cores, tagged.OtherCores, "—", "—", $"heap {tagged.HeapPerProfile:N0} B/profile");
        foreach (var (system, rate, cores, others, notes) in _peers)
        {
            Row(system, rate, cores, others, Ratio(plain.EventsPerSecond / rate), Ratio(tagged.EventsPerSecond / rate), notes);
        }
    }

    /// <summary>
    /// The engine measured again after the peers, and each peer's ratio against the slower of the engine's two measurements:
    /// a peer's run lasts minutes, during which the machine may slow down or speed up.
    /// </summary>
    public void PrintBracketed(EngineResult after)
    {
        var slower = Math.Min(plain.EventsPerSecond, after.EventsPerSecond);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The engine (no tags) again after the peers: {after.EventsPerSecond:N0} events/s on {after.Cores:F2} cores. Against the slower of its two measurements ({slower:N0} events/s):"));
        foreach (var (system, rate, _, _, _) in _peers) Console.WriteLine($"- engine ÷ {system}: {Ratio(slower / rate)}");
    }

    private static string Ratio(double ratio) => ratio.ToString("F1", CultureInfo.InvariantCulture) + "×";

    private static void Row(string system, double rate, double cores, double others, string plainRatio, string taggedRatio, string notes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {system} | {rate:N0} | {cores:F2} ({others:F2}) | {rate / cores:N0} | {plainRatio} | {taggedRatio} | {notes} |"));
}
