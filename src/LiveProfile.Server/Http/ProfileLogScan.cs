using LiveProfile.Engine.Contract;

namespace LiveProfile.Server.Http;

/// <summary>
/// A profile's newest events, read from the retained log (the timeline and the decisive events of
/// an explanation). The log is not indexed by profile, so the cost is bounded instead: only the
/// newest <see cref="ScanLimit"/> records are read, and none that a checkpoint already removed.
/// </summary>
internal static class ProfileLogScan
{
    /// <summary>Decoding costs about 2 µs a record: half a second at most.</summary>
    public const long ScanLimit = 250_000;

    /// <summary>
    /// The newest <paramref name="take"/> events of the profile (every identifier merged into it)
    /// that pass <paramref name="filter"/>, newest first; null when a checkpoint removed segments
    /// while they were read (the caller answers 503, retry).
    /// </summary>
    public static List<TimelineEvent>? Newest(EngineRuntime runtime, string tenant, ulong profile, int take, Func<EventRecord, bool>? filter,
        out long scannedFromLsn)
    {
        var members = runtime.Pipeline.Dispatcher.Members(profile).Select(m => m.Hash).ToHashSet();
        var log = runtime.Log;
        // Segments covered by a checkpoint are gone: start at the oldest record still retained.
        scannedFromLsn = Math.Max(Math.Max(1, log.FirstLsn), log.DurableLsn - ScanLimit + 1);
        var recent = new Queue<TimelineEvent>(take);
        try
        {
            foreach (var (lsn, e) in log.ReadFrom(scannedFromLsn))
            {
                if (lsn > log.DurableLsn) break;
                if (e.Tenant != tenant || !Involves(e, members) || (filter is not null && !filter(e))) continue;
                if (recent.Count == take) recent.Dequeue();
                recent.Enqueue(TimelineEvent.From(lsn, e));
            }
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or FileNotFoundException)
        {
            return null;
        }
        return [.. recent.Reverse()];
    }

    private static bool Involves(EventRecord e, HashSet<ulong> members)
    {
        foreach (var id in e.Ids) if (members.Contains(id.Hash)) return true;
        if (e.Props.LinkedIds is { } linked) foreach (var id in linked) if (members.Contains(id.Hash)) return true;
        return false;
    }
}
