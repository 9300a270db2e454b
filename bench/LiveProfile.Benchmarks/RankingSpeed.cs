using System.Diagnostics;
using System.Globalization;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Ranking;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `ranking [users]`: in-live ranking of a 200-product line-up for one viewer, in process (the partition's own call,
/// as the grain runs it). Users (default 200,000) get 30 days of history (5 events each) and consent to
/// personalisation; the item-to-item model is fitted over them; a scheduled session of room0 lists 200 products. Then
/// 20,000 rankings for random viewers, each timed alone: p50, p99, max.
/// </summary>
internal static class RankingSpeed
{
    private const int LineupSize = 200, Rankings = 20_000;

    public static int Run(string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 }, parallel: true);
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var lsn = 0L;
        var history = SyntheticEvents.Users(users * 5, users);
        var end = history[^1].TsMs;
        var session = new EventRecord { Tenant = "t", Id = "s-room0", Type = EventType.CatalogSession, TsMs = end - 3_600_000, ReceivedMs = end };
        session.Props.SessionRoom = "room0";
        session.Props.StartsAtMs = end - 3_600_000;
        session.Props.Products = [.. Enumerable.Range(0, LineupSize).Select(i => $"sku{i * 7 % 2000}")];
        var consents = Enumerable.Range(1, users).Select(u =>
        {
            var e = new EventRecord { Tenant = "t", Id = $"c{u}", Type = EventType.UserConsent, TsMs = SyntheticEvents.Start, ReceivedMs = SyntheticEvents.Start,
                Ids = [new Pseudonym(IdentifierKind.Viewer, (ulong)u * 0x9E3779B97F4A7C15UL)] };
            e.Props.Purposes = new ConsentPurposes(true, true, null);
            return e;
        }).ToList();
        EngineFeed.Dispatch(dispatcher, [.. SyntheticEvents.Catalog(), .. consents, .. history, session], ref lsn);

        var watch = Stopwatch.StartNew();
        var counts = new CoOccurrences();
        foreach (var engine in host.Engines) counts.Add(engine.CoOccurrences(30));
        var neighbors = ItemNeighbors.From(counts);
        foreach (var engine in host.Engines) engine.ItemNeighbors = neighbors;
        Console.WriteLine($"{host.Engines.Sum(e => e.ProfileCount):N0} profiles; item-to-item model: {neighbors.Products:N0} products from {counts.Views.Pairs.Count:N0} co-viewed and {counts.Purchases.Pairs.Count:N0} co-bought pairs in {watch.Elapsed.TotalSeconds:F1} s");

        var clicks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var engine in host.Engines)
        {
            if (engine.LineupClicks("room0") is not var (_, products, counted)) throw new InvalidOperationException("room0 has no line-up");
            for (var i = 0; i < products.Length; i++) clicks[products[i]] = clicks.GetValueOrDefault(products[i]) + counted[i];
        }
        var viewers = host.Engines.SelectMany(e => e.Profiles.Select(p => (Engine: e, p.Id))).ToArray();
        var random = new Random(1);
        var times = new double[Rankings];
        var personalised = 0;
        for (var i = -2_000; i < Rankings; i++) // the first 2,000 warm up
        {
            var (engine, id) = viewers[random.Next(viewers.Length)];
            var started = Stopwatch.GetTimestamp();
            var ranking = engine.RankLineup(id, "room0", clicks, 10) ?? throw new InvalidOperationException("no ranking");
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i < 0) continue;
            times[i] = elapsed;
            if (ranking.Personalised) personalised++;
            if (ranking.LineupSize != LineupSize) throw new InvalidOperationException($"line-up of {ranking.LineupSize}");
        }
        Array.Sort(times);
        Console.WriteLine();
        Console.WriteLine("| ranking of a 200-product line-up, one viewer | rankings | p50 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| in process (`PartitionEngine.RankLineup`) | {Rankings:N0} ({personalised:N0} personalised) | {times[Rankings / 2]:F3} ms | " +
            $"{times[(int)(Rankings * 0.99)]:F3} ms | {times[^1]:F3} ms |");
        return 0;
    }
}
