using System.Diagnostics;
using System.Globalization;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `invitations [users]`: pre-live invitations for a scheduled session over N profiles (default 1,000,000) with the
/// default taxonomy: 5 events per user over 30 days, marketing consent for every other user, a session whose line-up
/// holds 50 products of two top-level categories. Times each partition's <c>Invitees</c> (as its grain runs it; the
/// partitions run in parallel in the server) for the 1,000 best, five times.
/// </summary>
internal static class InvitationSpeed
{
    public static int Run(string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 }, parallel: true, new TagRuntime(2, CompiledTaxonomy.Default));
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var lsn = 0L;
        var watch = Stopwatch.StartNew();
        var catalog = SyntheticEvents.Catalog();
        EngineFeed.Dispatch(dispatcher, catalog, ref lsn, 16_384, pipelined: true);
        var consents = Enumerable.Range(1, users).Where(u => u % 2 == 0).Select(u =>
        {
            var e = new EventRecord { Tenant = "t", Id = $"c{u}", Type = EventType.UserConsent, TsMs = SyntheticEvents.Start, ReceivedMs = SyntheticEvents.Start,
                Ids = [new Pseudonym(IdentifierKind.Viewer, (ulong)u * 0x9E3779B97F4A7C15UL)] };
            e.Props.Purposes = new ConsentPurposes(true, null, true);
            return e;
        }).ToList();
        EngineFeed.Dispatch(dispatcher, consents, ref lsn, 16_384, pipelined: true);
        consents.Clear();
        for (var chunk = 0; chunk < 5; chunk++)
        {
            // Five slices of the 30 days, generated one at a time to bound memory.
            var events = SyntheticEvents.Users(users, users, SyntheticEvents.Start + chunk * 6L * 86_400_000, 6L * 86_400_000, seed: chunk + 1);
            EngineFeed.Dispatch(dispatcher, events, ref lsn, 16_384, pipelined: true);
        }
        foreach (var engine in host.Engines) engine.CompleteTagWork();
        var end = SyntheticEvents.Start + 30L * 86_400_000;
        var categories = catalog.Where(c => c.Props.Category is { } path && (path.StartsWith("beauty", StringComparison.Ordinal) || path.StartsWith("food", StringComparison.Ordinal)))
            .Select(c => c.Product!).Take(50).ToList();
        var session = new EventRecord { Tenant = "t", Id = "s-next", Type = EventType.CatalogSession, TsMs = end, ReceivedMs = end };
        session.Props.SessionRoom = "room1";
        session.Props.StartsAtMs = end + 3_600_000;
        session.Props.Products = categories;
        EngineFeed.Dispatch(dispatcher, [session], ref lsn, 16_384, pipelined: true);
        var profiles = host.Engines.Sum(e => e.ProfileCount);
        Console.WriteLine($"{profiles:N0} profiles ({lsn:N0} events) in {watch.Elapsed.TotalSeconds:F0} s; line-up of {categories.Count} products");

        Console.WriteLine();
        Console.WriteLine("| round | candidates scored (both partitions) | slowest partition | both one after another |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (var round = 1; round <= 5; round++)
        {
            var (scored, slowest, total) = (0, 0.0, 0.0);
            foreach (var engine in host.Engines)
            {
                var started = Stopwatch.GetTimestamp();
                var top = engine.Invitees("s-next", 1000, out var n) ?? throw new InvalidOperationException("no session");
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                (scored, slowest, total) = (scored + n, Math.Max(slowest, ms), total + ms);
                if (top.Count == 0) throw new InvalidOperationException("no invitee");
            }
            Console.WriteLine($"| {round} | {scored:N0} | {slowest:F1} ms | {total:F1} ms |");
        }
        return 0;
    }
}
