using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using LiveProfile.Engine.Contract;
using LiveProfile.Matching;
using LiveProfile.Text;
using Microsoft.Extensions.Options;

namespace LiveProfile.Server.Matching;

/// <summary>
/// Probabilistic identity matching inside the server. Every <see cref="ServerOptions.IdentityMatchInterval"/> (or when
/// asked) a pass reads the log written since the last one into each tenant's evidence and makes person records of the
/// current identity graph (accounts; live viewers without one). Every <see cref="ServerOptions.IdentityRefitInterval"/>
/// (or when the population grew by a quarter) the matcher is built anew and its Fellegi-Sunter model fitted by EM to
/// every record, and all unlinked viewers are decided together; in between, a pass updates the accounts with new
/// evidence and decides the viewers with new evidence only. The sure ones are linked by a logged <c>identity.match</c>
/// carrying the probability and the fields that made it; the plausible ones wait in the review queue. Pairs a reviewer
/// rejected or an unmerge separated are never proposed again.
/// </summary>
internal sealed partial class IdentityMatchingService(EngineRuntime runtime, IOptions<ServerOptions> options, ILogger<IdentityMatchingService> logger)
    : BackgroundService
{
    /// <summary>Links logged in one batch; more wait for the next batch of the same pass.</summary>
    private const int LinksPerBatch = 1_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TenantMatching> _tenants = new(StringComparer.Ordinal);
    private long _readLsn;
    private Pinyin? _pinyin;
    private bool _pinyinTried;
    private int _unreadable;

    /// <summary>The tenant's candidates waiting for review (empty before its first pass).</summary>
    public ReviewQueue Queue(string tenant)
    {
        lock (_tenants) return State(tenant).Queue;
    }

    /// <summary>The tenant's last pass, or null before one ran.</summary>
    public MatchingPassReport? LastPass(string tenant)
    {
        lock (_tenants) return _tenants.TryGetValue(tenant, out var state) ? state.LastPass : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.IdentityMatchInterval;
        if (interval == TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!runtime.Ready) continue;
            try
            {
                foreach (var report in await RunAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (report.AutoLinked > 0 || report.Skipped is null) Passed(logger, report.Tenant, report.AutoLinked, report.ToReview, report.Seconds);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, ex);
            }
        }
    }

    /// <summary>One pass over every tenant with evidence: reads the new log, matches, links, refreshes the review queues.</summary>
    public async Task<IReadOnlyList<MatchingPassReport>> RunAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await Task.Run(CatchUp, ct).ConfigureAwait(false);
            List<(string Tenant, TenantMatching State)> tenants;
            lock (_tenants) tenants = [.. _tenants.Select(t => (t.Key, t.Value))];
            var reports = new List<MatchingPassReport>(tenants.Count);
            foreach (var (tenant, state) in tenants)
            {
                var report = await PassAsync(tenant, state, ct).ConfigureAwait(false);
                state.LastPass = report;
                reports.Add(report);
            }
            return reports;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the log from where the last pass stopped up to what the engine has applied (the graph the records follow).</summary>
    private void CatchUp()
    {
        var applied = runtime.Pipeline.Dispatcher.AppliedLsn;
        var from = Math.Max(_readLsn + 1, runtime.Log.FirstLsn);
        if (applied < from) return;
        var progress = Stopwatch.StartNew();
        foreach (var (lsn, e) in runtime.Log.ReadFrom(from))
        {
            if (lsn > applied) break;
            TenantMatching state;
            lock (_tenants) state = State(e.Tenant);
            state.Book.Observe(e, Unseal);
            _readLsn = lsn;
            // The first pass after a start reads the whole log: say how far it is.
            if (progress.Elapsed.TotalSeconds >= 10)
            {
                Reading(logger, lsn, applied);
                progress.Restart();
            }
        }
    }

    private RawIdentity? Unseal(EventRecord e)
    {
        try
        {
            return runtime.Privacy.Unseal(e);
        }
        catch (CryptographicException ex)
        {
            if (Interlocked.Increment(ref _unreadable) <= 10) Unreadable(logger, e.Id, ex.Message);
            return null;
        }
    }

    private async Task<MatchingPassReport> PassAsync(string tenant, TenantMatching state, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        var dispatcher = runtime.Pipeline.Dispatcher;
        var changed = state.Book.TakeChanged();
        var refit = state.Matcher is null || DateTimeOffset.UtcNow - state.FittedAt >= settings.IdentityRefitInterval
            || state.Matcher.AccountCount >= 1.25 * state.FittedAccounts || state.ViewersSeen >= 1.25 * state.FittedViewers;
        var population = state.Book.Records(dispatcher, refit ? state.Book.All : changed);
        foreach (var (id, side) in population.Sides)
        {
            if (state.Sides.TryAdd(id, side) && side.Kind == IdentifierKind.Viewer) state.ViewersSeen++;
        }
        MatchingPassReport Report(int linked, string? skipped) =>
            new(tenant, DateTimeOffset.UtcNow, refit && skipped is null, state.Matcher?.AccountCount ?? population.Accounts.Count, population.Viewers.Count,
                linked, state.Queue.Count, skipped, Stopwatch.GetElapsedTime(started).TotalSeconds, state.Matcher?.Model?.Prior,
                state.Matcher?.Model?.Iterations);
        if (refit && (population.Accounts.Count < settings.IdentityMatchMinRecords || population.Viewers.Count < settings.IdentityMatchMinRecords))
        {
            state.Matcher = null;
            return Report(0, $"{population.Accounts.Count} account(s) and {population.Viewers.Count} unlinked viewer(s): " +
                $"the model is fitted to at least {settings.IdentityMatchMinRecords} of each");
        }

        var decided = await Task.Run(() =>
        {
            if (refit)
            {
                // Built and fitted anew: the blocks, the nickname frequencies, m and u and the prior follow the population.
                var matcher = new Matcher(population.Accounts, Pinyin(), settings.MatchOptions);
                var randomPairs = (int)Math.Clamp((long)population.Accounts.Count * population.Viewers.Count, 10_000, 1_000_000);
                matcher.Fit(population.Viewers, randomPairs);
                (state.Matcher, state.FittedAt) = (matcher, DateTimeOffset.UtcNow);
                (state.FittedAccounts, state.FittedViewers) = (population.Accounts.Count, state.ViewersSeen);
            }
            else
            {
                foreach (var account in population.Accounts) state.Matcher!.Upsert(account);
            }
            return population.Viewers.Count == 0 ? [] : state.Matcher!.DecideAll(population.Viewers);
        }, ct).ConfigureAwait(false);

        var (links, review) = Decide(tenant, state, population.Viewers, decided);
        foreach (var batch in links.Chunk(LinksPerBatch)) await runtime.Pipeline.AppendInternalAsync(batch, ct).ConfigureAwait(false);
        if (refit) state.Queue.Replace(review);
        else state.Queue.Update(population.Viewers.Select(v => state.Sides[v.Id]).ToHashSet(), review, c => Settled(dispatcher, c));
        return Report(links.Count, null);
    }

    /// <summary>The links to log and the candidates to review of the viewers decided.</summary>
    private (List<EventRecord> Links, List<ReviewCandidate> Review) Decide(string tenant, TenantMatching state, List<PersonRecord> viewers,
        IReadOnlyList<(IReadOnlyList<MatchCandidate> Candidates, MatchDecision Decision)> decided)
    {
        var dispatcher = runtime.Pipeline.Dispatcher;
        var now = DateTimeOffset.UtcNow;
        var links = new List<EventRecord>();
        var review = new List<ReviewCandidate>();
        // An account is linked to one viewer per pass: of two viewers sure of it, the likelier; the other goes to review.
        // An account that has a viewer id already is one person's: a second id is for a reviewer to confirm.
        var linkedTo = new Dictionary<string, (int Viewer, double Probability)>(StringComparer.Ordinal);
        for (var i = 0; i < viewers.Count; i++)
        {
            if (decided[i].Decision != MatchDecision.AutoLink) continue;
            var best = decided[i].Candidates[0];
            if (HasViewer(dispatcher, state.Sides[best.AccountId])) continue;
            if (!linkedTo.TryGetValue(best.AccountId, out var held) || held.Probability < best.Probability) linkedTo[best.AccountId] = (i, best.Probability);
        }
        for (var i = 0; i < viewers.Count; i++)
        {
            var (candidates, decision) = decided[i];
            if (decision == MatchDecision.None) continue;
            var viewer = state.Sides[viewers[i].Id];
            // A pair kept apart (rejected, or cut by an unmerge) is never proposed again; it still counted as a rival.
            var open = candidates.Where(c => !dispatcher.KeptApart(viewer.Hash, state.Sides[c.AccountId].Hash)).ToList();
            if (open.Count == 0) continue;
            var winner = linkedTo.TryGetValue(open[0].AccountId, out var w) ? w.Viewer : -1;
            if (decision == MatchDecision.AutoLink && open[0] == candidates[0] && winner == i)
            {
                links.Add(PairDecisionEvents.Match(tenant, viewer, state.Sides[open[0].AccountId], open[0].Probability,
                    Explain(open[0].Probability, open[0].Fields), dispatcher.WatermarkMs));
                continue;
            }
            var why = decision != MatchDecision.AutoLink ? $"below the auto-link threshold ({options.Value.IdentityAutoLinkAt})"
                : open[0] != candidates[0] ? "its likeliest account was kept apart from it"
                : winner >= 0 ? "another viewer is likelier for the same account"
                : "the account has a viewer id already";
            var plausible = open.Where(c => c.Probability >= options.Value.IdentityReviewAt).ToList();
            foreach (var c in plausible)
            {
                var account = state.Sides[c.AccountId];
                review.Add(new ReviewCandidate(ReviewCandidate.IdOf(viewer, account), viewer, account, c.Probability, c.Fields, plausible.Count - 1, why, now));
            }
        }
        return (links, review);
    }

    private static bool HasViewer(Engine.Partitioning.EngineDispatcher dispatcher, Pseudonym account) =>
        dispatcher.Members(dispatcher.Locate(account.Hash).Profile).Any(m => m.Kind == IdentifierKind.Viewer);

    /// <summary>A waiting candidate decided elsewhere since: its viewer has an account now, or the two were kept apart.</summary>
    private static bool Settled(Engine.Partitioning.EngineDispatcher dispatcher, ReviewCandidate c) =>
        dispatcher.Members(dispatcher.Locate(c.Viewer.Hash).Profile).Any(m => m.Kind == IdentifierKind.Account)
        || dispatcher.KeptApart(c.Viewer.Hash, c.Account.Hash);

    /// <summary>The probability and the fields that weighed, strongest first: <c>p 0.97: nickname same +11.2 bits, …</c>.</summary>
    public static string Explain(double probability, IEnumerable<FieldContribution> contributions)
    {
        var fields = contributions.Where(f => f.Level != "missing" && Math.Abs(f.Weight) >= 0.05).OrderByDescending(f => Math.Abs(f.Weight))
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{Name(f.Field)} {f.Level} {f.Weight:+0.0;-0.0} bits"));
        return string.Create(CultureInfo.InvariantCulture, $"p {probability:0.000}: {string.Join(", ", fields)}");
    }

    public static string Name(MatchField field) => field switch
    {
        MatchField.CoClicks => "co-touched products",
        _ => field.ToString().ToLowerInvariant(),
    };

    private Pinyin? Pinyin()
    {
        if (!_pinyinTried)
        {
            _pinyinTried = true;
            _pinyin = Text.Pinyin.TryCreate();
            if (_pinyin is null) NoPinyin(logger);
        }
        return _pinyin;
    }

    private TenantMatching State(string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var state)) _tenants[tenant] = state = new TenantMatching();
        return state;
    }

    public override void Dispose()
    {
        _pinyin?.Dispose();
        _gate.Dispose();
        base.Dispose();
    }

    private sealed class TenantMatching
    {
        public IdentityEvidenceBook Book { get; } = new();
        public ReviewQueue Queue { get; } = new();
        public MatchingPassReport? LastPass { get; set; }

        /// <summary>The matcher of the last fit, its accounts kept up to date between fits (null: fit at the next pass).</summary>
        public Matcher? Matcher { get; set; }

        public DateTimeOffset FittedAt { get; set; }
        public int FittedAccounts { get; set; }
        public int FittedViewers { get; set; }

        /// <summary>The identifier each record id stands for (record ids are identifiers as the API writes them).</summary>
        public Dictionary<string, Pseudonym> Sides { get; } = new(StringComparer.Ordinal);

        /// <summary>Viewer records seen (entries of <see cref="Sides"/> that are viewers): a refit is due when they grew by a quarter.</summary>
        public int ViewersSeen { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity matching for {Tenant}: {Linked} linked, {Review} to review ({Seconds:F1} s)")]
    private static partial void Passed(ILogger logger, string tenant, int linked, int review, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity matching is reading the log for evidence: position {Lsn} of {Applied}")]
    private static partial void Reading(ILogger logger, long lsn, long applied);

    [LoggerMessage(Level = LogLevel.Error, Message = "Identity matching failed")]
    private static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity matching could not read the sealed identity of event {EventId}: {Reason}")]
    private static partial void Unreadable(ILogger logger, string eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ICU is not available: the identity matcher compares nicknames without pinyin")]
    private static partial void NoPinyin(ILogger logger);
}

/// <summary>What one matching pass over a tenant did.</summary>
/// <param name="Refitted">The matcher was built and its model fitted anew (else: only what changed was matched).</param>
/// <param name="ViewersDecided">Unlinked viewers decided: all of them after a fit, else those with new evidence.</param>
/// <param name="ToReview">Candidates waiting for review after the pass.</param>
/// <param name="Skipped">Why the model was not fitted (too few records), or null.</param>
internal sealed record MatchingPassReport(string Tenant, DateTimeOffset At, bool Refitted, int Accounts, int ViewersDecided, int AutoLinked,
    int ToReview, string? Skipped, double Seconds, double? Prior, int? EmIterations);
