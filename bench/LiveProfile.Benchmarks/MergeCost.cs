using System.Diagnostics;
using System.Globalization;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `merges [users]`: the cost of an identity merge through the engine. Users (default 200,000) get 30 days of history
/// (5 events each on average), then 10,000 `identity.link` events each join two of them, a profile with history merged
/// into another in whichever partition it lives (the dispatcher drains, extracts, absorbs). Timed against 10,000
/// ordinary events through the same path.
/// </summary>
internal static class MergeCost
{
    private const int Links = 10_000, BatchSize = 1_000;

    public static int Run(string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 }, parallel: true);
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var lsn = 0L;
        EngineFeed.Dispatch(dispatcher, SyntheticEvents.Catalog(), ref lsn, BatchSize);
        var watch = Stopwatch.StartNew();
        EngineFeed.Dispatch(dispatcher, SyntheticEvents.Users(users * 5, users), ref lsn, BatchSize);
        Console.WriteLine($"{host.Engines.Sum(e => e.ProfileCount):N0} profiles from {users * 5:N0} events in {watch.Elapsed.TotalSeconds:F1} s");

        // Baseline: ordinary events, one batch at a time like the links below.
        var ordinary = SyntheticEvents.Users(Links, users, SyntheticEvents.Start + 31L * 86_400_000, 60_000, seed: 2);
        var baseline = Time(dispatcher, ordinary, ref lsn);

        // Pairs of users who both have a profile (history) become one person each.
        var ts = SyntheticEvents.Start + 31L * 86_400_000 + 120_000;
        var existing = Enumerable.Range(1, users).Select(u => Viewer((ulong)u)).Where(v => dispatcher.Locate(v.Hash).Profile != 0).Take(2 * Links).ToList();
        if (existing.Count < 2 * Links) throw new InvalidOperationException($"only {existing.Count:N0} users have a profile; {2 * Links:N0} are needed");
        var links = Enumerable.Range(0, Links).Select(k =>
        {
            var e = new EventRecord { Tenant = "t", Id = $"link{k}", Type = EventType.IdentityLink, TsMs = ts + k, ReceivedMs = ts + k, Ids = [existing[2 * k]] };
            e.Props.LinkedIds = [existing[2 * k + 1]];
            return e;
        }).ToList();
        var before = host.Engines.Sum(e => e.ProfileCount);
        var merging = Time(dispatcher, links, ref lsn);
        var merged = before - host.Engines.Sum(e => e.ProfileCount);
        if (merged != Links) throw new InvalidOperationException($"{merged:N0} profiles merged, {Links:N0} expected");

        Console.WriteLine();
        Console.WriteLine("| events | count | total | per event |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| ordinary events (baseline) | {Links:N0} | {baseline.TotalMilliseconds:F1} ms | {baseline.TotalMicroseconds / Links:F1} µs |");
        Console.WriteLine($"| `identity.link` merging two profiles with history | {Links:N0} | {merging.TotalMilliseconds:F1} ms | {merging.TotalMicroseconds / Links:F1} µs |");
        return 0;
    }

    private static Pseudonym Viewer(ulong user) => new(IdentifierKind.Viewer, user * 0x9E3779B97F4A7C15UL);

    private static TimeSpan Time(EngineDispatcher dispatcher, List<EventRecord> events, ref long lsn)
    {
        var watch = Stopwatch.StartNew();
        EngineFeed.Dispatch(dispatcher, events, ref lsn, BatchSize);
        return watch.Elapsed;
    }
}
