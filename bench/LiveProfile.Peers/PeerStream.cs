using LiveProfile.Benchmarks;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Peers;

/// <summary>
/// The apply benchmark's stream (ApplyBenchmarks): the 2,000-product catalog, 30 days of history
/// ending at 01:00 of the measured day, then the measured events between 02:00 and 14:00 of that
/// day, Zipf users. Every system gets the same lists, in the same order, with the same log positions.
/// </summary>
internal sealed class PeerStream
{
    private const long Day = 86_400_000;
    private const int BatchSize = 16_384;

    private PeerStream(List<(long, EventRecord)> catalog, List<(long, EventRecord)>[] history, List<(long, EventRecord)>[] measured, int events)
    {
        Catalog = catalog;
        History = history;
        Measured = measured;
        MeasuredEvents = events;
    }

    public List<(long Lsn, EventRecord Event)> Catalog { get; }
    public List<(long Lsn, EventRecord Event)>[] History { get; }
    public List<(long Lsn, EventRecord Event)>[] Measured { get; }
    public int MeasuredEvents { get; }

    /// <summary>The live rooms of the measured events.</summary>
    public IEnumerable<string> Rooms => Measured.SelectMany(b => b).Select(c => c.Event.Room).OfType<string>().Distinct().Order(StringComparer.Ordinal);

    /// <summary>Profiles to compare between systems: the 5 most active users and users of evenly spaced measured events.</summary>
    public IReadOnlyList<ulong> SampleProfiles(int count)
    {
        var ids = new List<ulong>();
        for (var user = 1UL; user <= 5; user++) ids.Add(user * 0x9E3779B97F4A7C15UL); // as SyntheticEvents pseudonymises them
        var events = Measured.SelectMany(b => b).ToList();
        for (var i = 0; i < count - 5; i++) ids.Add(events[(int)((long)i * events.Count / (count - 5))].Event.Ids[0].Hash);
        return [.. ids.Distinct()];
    }

    public static PeerStream Build(PeerSettings settings)
    {
        var catalog = SyntheticEvents.Catalog().Select((e, i) => ((long)i + 1, e)).ToList();
        var today = SyntheticEvents.Start + 30 * Day;
        var history = SyntheticEvents.Users(settings.History, settings.Users, today - 30 * Day + Day / 24, 30 * Day, seed: 2);
        var measured = SyntheticEvents.Users(settings.Events, settings.Users, today + 2 * Day / 24, 12 * Day / 24, seed: 1);
        var first = catalog.Count + 1L;
        var historyBatches = Batches(history, first);
        var measuredBatches = Batches(measured, first + history.Count);
        return new PeerStream(catalog, historyBatches, measuredBatches, measured.Count);
    }

    private static List<(long, EventRecord)>[] Batches(List<EventRecord> events, long first) =>
        [.. events.Select((e, i) => (first + i, e)).Chunk(BatchSize).Select(c => c.ToList())];
}
