using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveProfile.Engine.Contract;
using LiveProfile.Server;
using LiveProfile.Server.Http;
using LiveProfile.Server.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Orleans.Concurrency;

namespace LiveProfile.Cli.Evaluate;

/// <summary>
/// <c>liveprofile evaluate-models</c>: replays an event file with a time split into an embedded server (a temporary data
/// directory, the ordinary ingest path) and measures the models on what came after the split: the in-live ranking's
/// HR@10 and NDCG@10 on the test period's live product clicks against a popularity baseline (the line-up ordered by
/// the training period's clicks and views), the churn classifier's AUC (its own time split inside the training
/// history), and the precision of pre-live invitations against who came to the test period's sessions.
/// </summary>
internal static class ModelEvaluation
{
    private const int TopK = 10, Invitations = 100;

    public static async Task<int> RunAsync(string file, int testDays, bool grantConsent, string? report, TextWriter output, CancellationToken ct)
    {
        var lines = new List<EventLine>();
        var unreadable = 0;
        foreach (var text in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (EventLine.Parse(text) is { } line) lines.Add(line);
            else unreadable++;
        }
        if (lines.Count == 0) throw new InvalidDataException($"{file}: no events");
        var last = lines.Max(l => l.TsMs);
        var split = last - testDays * 86_400_000L;
        bool World(EventLine l) => l.Type.StartsWith("catalog.", StringComparison.Ordinal) || l.Type == "live.product_on_screen";
        // The catalog and the schedule are known ahead; behaviour only up to the split.
        var training = lines.Where(l => World(l) || l.TsMs <= split).ToList();
        var test = lines.Where(l => !World(l) && l.TsMs > split).ToList();
        Progress(output, $"{lines.Count:N0} events ({unreadable:N0} unreadable lines skipped); split at {Date(split)}: {training.Count:N0} to train on, {test.Count:N0} to test");

        var data = Directory.CreateTempSubdirectory("liveprofile-eval-");
        try
        {
            await using var app = LiveProfileServer.Build([], o =>
            {
                o.DataDirectory = data.FullName;
                o.SiloPort = FreePort();
                o.GatewayPort = FreePort();
                o.Retention = TimeSpan.FromDays(3650);
                o.ModelRefitInterval = TimeSpan.Zero;
            }, $"http://127.0.0.1:{FreePort()}");
            await app.StartAsync(ct).ConfigureAwait(false);
            var runtime = app.Services.GetRequiredService<EngineRuntime>();
            var consents = grantConsent ? Consents(training, lines.Min(l => l.TsMs)) : [];
            await IngestAsync(runtime, [.. consents, .. training.Select(l => l.Line)], output, ct).ConfigureAwait(false);

            await app.Services.GetRequiredService<ItemNeighborService>().FitAsync(ct).ConfigureAwait(false);
            var ranking = await RankingAsync(runtime, lines, training, test, ct).ConfigureAwait(false);
            Progress(output, $"ranking: {ranking.Live.Count:N0} clicks ranked");
            var profiles = app.Services.GetRequiredService<LiveProfile.Cluster.PartitionCounts>().Profiles;
            var invitations = await InvitationsAsync(runtime, lines, test, split, profiles).ConfigureAwait(false);
            string churn;
            try
            {
                var fit = await app.Services.GetRequiredService<ChurnModelService>().FitAsync(ct).ConfigureAwait(false);
                churn = string.Create(CultureInfo.InvariantCulture,
                    $"AUC **{fit.Evaluation.Auc:F3}** (Brier {fit.Evaluation.Brier:F3}) on {fit.Evaluation.Examples:N0} profiles at {fit.EvaluatedAt:yyyy-MM-dd}, {fit.Evaluation.ChurnRate:P1} churned");
            }
            catch (ModelFitException ex)
            {
                churn = $"not measured: {ex.Message}";
            }
            await app.StopAsync(ct).ConfigureAwait(false);

            var text = Report(file, split, testDays, grantConsent, ranking, invitations, churn);
            await output.WriteLineAsync(text).ConfigureAwait(false);
            if (report is not null) await File.WriteAllTextAsync(report, text, ct).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Each first click of a viewer on a line-up product after the split, ranked at its time: by LiveProfile with what a
    /// live room knows then (the product on screen, the session's clicks so far) and without (the split's state alone),
    /// against popularity (the training period's clicks and views) and the session's clicks so far.
    /// </summary>
    private static async Task<RankingScores> RankingAsync(EngineRuntime runtime, List<EventLine> all, List<EventLine> training, List<EventLine> test, CancellationToken ct)
    {
        var lineups = all.Where(l => l.Type == "catalog.session" && l.Session is not null && l.Props.ValueKind == JsonValueKind.Object
                && l.Props.TryGetProperty("products", out _))
            .GroupBy(l => l.Session!).ToDictionary(g => g.Key, g => g.Last().Props.GetProperty("products").EnumerateArray().Select(p => p.GetString()!).Distinct().ToArray());
        var popularity = training.Where(l => l.Product is not null && l.Type is "live.product_click" or "shop.view")
            .GroupBy(l => l.Product!).ToDictionary(g => g.Key, g => g.Count());
        var scores = new RankingScores();
        var none = new Immutable<Dictionary<string, long>>([]);
        foreach (var session in test.Where(l => l.Type == "live.product_click" && l.User is not null && l.Session is not null && l.Product is not null)
                     .GroupBy(l => l.Session!))
        {
            if (!lineups.TryGetValue(session.Key, out var lineup)) continue;
            var clickers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var click in session.OrderBy(l => l.TsMs))
            {
                ct.ThrowIfCancellationRequested();
                var (user, product) = (click.User!, click.Product!);
                var firstClick = !clickers.TryGetValue(product, out var who) || !who.Contains(user);
                if (firstClick && Array.IndexOf(lineup, product) >= 0
                    && ProfileEndpoints.TryLocate(user, TenantResolver.DefaultTenant, runtime, out var profile, out var partition, out _))
                {
                    var soFar = clickers.ToDictionary(c => c.Key, c => (long)c.Value.Count, StringComparer.Ordinal);
                    var grain = runtime.Partitions.Grain(partition);
                    var live = await grain.RankSession(profile, session.Key, new Immutable<Dictionary<string, long>>(soFar), click.TsMs, lineup.Length).ConfigureAwait(false);
                    var frozen = await grain.RankSession(profile, session.Key, none, long.MinValue, lineup.Length).ConfigureAwait(false);
                    if (live is { Personalised: true } && frozen is not null)
                    {
                        var byPopularity = lineup.Select((p, i) => (p, i)).OrderByDescending(x => popularity.GetValueOrDefault(x.p)).ThenBy(x => x.i).Select(x => x.p).ToList();
                        var byMomentum = lineup.Select((p, i) => (p, i)).OrderByDescending(x => soFar.GetValueOrDefault(x.p))
                            .ThenByDescending(x => popularity.GetValueOrDefault(x.p)).ThenBy(x => x.i).Select(x => x.p).ToList();
                        scores.Live.Add(Array.FindIndex(live.Products, p => p.Product == product), lineup.Length);
                        scores.Frozen.Add(Array.FindIndex(frozen.Products, p => p.Product == product), lineup.Length);
                        scores.Popularity.Add(byPopularity.IndexOf(product), lineup.Length);
                        scores.Momentum.Add(byMomentum.IndexOf(product), lineup.Length);
                    }
                }
                if (!clickers.TryGetValue(product, out who)) clickers[product] = who = new HashSet<string>(StringComparer.Ordinal);
                who.Add(user);
            }
        }
        return scores;
    }

    /// <summary>Invitations for each session starting after the split, computed on the training state, against who came.</summary>
    private static async Task<InvitationScore> InvitationsAsync(EngineRuntime runtime, List<EventLine> all, List<EventLine> test, long split, long profiles)
    {
        var score = new InvitationScore();
        var sessions = all.Where(l => l.Type == "catalog.session" && l.Session is not null && l.Props.ValueKind == JsonValueKind.Object
                && l.Props.TryGetProperty("startsAt", out var at) && at.ValueKind == JsonValueKind.Number && at.GetInt64() > split)
            .Select(l => l.Session!).Distinct().ToList();
        var attendees = test.Where(l => l.Type.StartsWith("live.", StringComparison.Ordinal) && l.Session is not null && l.User is not null)
            .GroupBy(l => l.Session!).ToDictionary(g => g.Key, g => g.Select(l => l.User!).Distinct().ToList());
        foreach (var session in sessions)
        {
            if (!attendees.TryGetValue(session, out var came)) continue;
            var cameProfiles = new HashSet<ulong>();
            foreach (var user in came)
            {
                if (ProfileEndpoints.TryLocate(user, TenantResolver.DefaultTenant, runtime, out var p, out _, out _)) cameProfiles.Add(p);
            }
            var replies = await Task.WhenAll(Enumerable.Range(0, runtime.EngineOptions.Partitions)
                .Select(p => runtime.Partitions.Grain(p).Invitees(session, Invitations))).ConfigureAwait(false);
            var invited = replies.Where(r => r is not null).SelectMany(r => r!.Profiles.Zip(r.Scores)).OrderByDescending(x => x.Second).Take(Invitations)
                .Select(x => x.First).ToList();
            if (invited.Count == 0) continue;
            score.Add(invited.Count(cameProfiles.Contains), invited.Count, cameProfiles.Count, Math.Max(1, profiles));
        }
        return score;
    }

    /// <summary>Personalisation and marketing granted to every person of the training events, at the start (the simulator models no consent).</summary>
    private static List<string> Consents(List<EventLine> training, long firstMs)
    {
        var users = training.Where(l => l.User is not null).Select(l => l.User!).Distinct(StringComparer.Ordinal).ToList();
        return [.. users.Select((u, i) =>
        {
            var (kind, id) = (u[..u.IndexOf(':')], u[(u.IndexOf(':') + 1)..]);
            var field = kind == "account" ? "accountId" : "viewerId";
            return $$"""{"id":"eval-consent-{{i}}","type":"user.consent","ts":{{firstMs}},"user":{"{{field}}":{{JsonSerializer.Serialize(id)}}},"props":{"purposes":{"analytics":true,"personalization":true,"marketing":true""" + "}}}";
        })];
    }

    private static async Task IngestAsync(EngineRuntime runtime, List<string> lines, TextWriter output, CancellationToken ct)
    {
        long accepted = 0, rejected = 0;
        for (var i = 0; i < lines.Count; i += 5000)
        {
            var body = Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(i).Take(5000)));
            var receivedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var parsed = runtime.Parser.Parse(body, BodyFormat.Ndjson, TenantResolver.DefaultTenant, receivedMs);
            var outcome = await runtime.Pipeline.IngestAsync(parsed, TenantResolver.DefaultTenant, receivedMs, ct).ConfigureAwait(false);
            (accepted, rejected) = (accepted + outcome.Accepted, rejected + outcome.Rejected.Count);
            if ((i / 5000) % 100 == 99) Progress(output, $"ingested {i + 5000:N0} of {lines.Count:N0}");
        }
        await runtime.Pipeline.WaitAppliedAsync(ct).ConfigureAwait(false);
        Progress(output, $"training events ingested: {accepted:N0} accepted, {rejected:N0} rejected");
    }

    private static string Report(string file, long split, int testDays, bool grantConsent, RankingScores ranking, InvitationScore invitations, string churn)
    {
        var b = new StringBuilder();
        var ratio = ranking.Live.HitRate / ranking.Popularity.HitRate;
        b.AppendLine(CultureInfo.InvariantCulture, $"# Model evaluation: {Path.GetFileName(file)}");
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"Split at {Date(split)} (the last {testDays} days are the test period){(grantConsent ? "; every simulated person granted personalisation and marketing" : "")}.");
        b.AppendLine();
        b.AppendLine("| in-live ranking of the session's line-up at each first click after the split | clicks | HR@10 | NDCG@10 | mean line-up |");
        b.AppendLine("|---|---:|---:|---:|---:|");
        Row("LiveProfile, live (the split's profiles; the screen and the session's clicks at the time)", ranking.Live, bold: true);
        Row("LiveProfile, the split's state alone (no screen, no clicks)", ranking.Frozen, bold: false);
        Row("popularity (the training period's clicks and views)", ranking.Popularity, bold: false);
        Row("the session's clicks so far, then popularity", ranking.Momentum, bold: false);
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"HR@10 ratio: **{ratio:F2}×** the popularity baseline.");
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"Churn classifier: {churn}.");
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture,
            $"Invitations: {invitations.Sessions:N0} sessions after the split, top {Invitations} each: precision **{invitations.Precision:F3}** (invitees who came), " +
            $"against a base rate of {invitations.BaseRate:F3} (people who came ÷ everyone known).");
        return b.ToString();

        void Row(string name, RankingScore score, bool bold)
        {
            var hr = bold ? $"**{score.HitRate:F3}**" : $"{score.HitRate:F3}";
            b.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {score.Count:N0} | {hr} | {score.Ndcg:F3} | {score.MeanLineup:F1} |");
        }
    }

    private static void Progress(TextWriter output, string line) => output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    private static string Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RankingScores
    {
        public RankingScore Live { get; } = new();
        public RankingScore Frozen { get; } = new();
        public RankingScore Popularity { get; } = new();
        public RankingScore Momentum { get; } = new();
    }

    private sealed class RankingScore
    {
        private double _ndcg;
        private long _lineups;

        public int Count { get; private set; }
        public int Hits { get; private set; }
        public double HitRate => Count == 0 ? double.NaN : Hits / (double)Count;
        public double Ndcg => Count == 0 ? double.NaN : _ndcg / Count;
        public double MeanLineup => Count == 0 ? double.NaN : _lineups / (double)Count;

        /// <param name="rank">0-based rank of the clicked product (-1: not ranked).</param>
        public void Add(int rank, int lineup)
        {
            Count++;
            _lineups += lineup;
            if (rank is < 0 or >= TopK) return;
            Hits++;
            _ndcg += 1 / Math.Log2(rank + 2);
        }
    }

    private sealed class InvitationScore
    {
        private long _hits, _invited, _came, _population;

        public int Sessions { get; private set; }
        public double Precision => _invited == 0 ? double.NaN : _hits / (double)_invited;
        public double BaseRate => _population == 0 ? double.NaN : _came / (double)_population;

        public void Add(int hits, int invited, int came, long population)
        {
            Sessions++;
            (_hits, _invited, _came, _population) = (_hits + hits, _invited + invited, _came + came, _population + population);
        }
    }
}
