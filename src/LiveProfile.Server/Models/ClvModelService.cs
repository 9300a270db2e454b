using System.Diagnostics;
using LiveProfile.Cluster;
using LiveProfile.Engine.Time;
using LiveProfile.Prediction;
using Orleans.Concurrency;

namespace LiveProfile.Server.Models;

/// <summary>
/// Customer-value models over the live population: BG/NBD and Pareto/NBD for how many purchase days a buyer has left,
/// Gamma-Gamma for what each is worth, fitted by maximum likelihood on every buyer's repeat buying up to a calibration
/// day (each buyer's first purchase starts its clock, several orders on one day count once, times in weeks). A fit is
/// stored as a new version and served; it then sets each buyer's <c>p_alive</c> model score (BG/NBD, at the
/// population's today), which the taxonomy's <c>churn_risk</c> tag reads. One fit at a time.
/// </summary>
internal sealed class ClvModelService(EngineRuntime runtime, VersionedModelStore<ClvParameters> store, ILogger<ClvModelService> logger) : IDisposable
{
    /// <summary>The model score a fit sets on every buyer.</summary>
    public const string AliveScore = "p_alive";

    private const double DaysPerWeek = 7;
    private readonly SemaphoreSlim _fitting = new(1, 1);
    private volatile Served? _served = Served.From(store.LoadLatest());

    /// <summary>The fit being served, or null before the first.</summary>
    public ClvParameters? Current => _served?.Parameters;

    public void Dispose() => _fitting.Dispose();

    /// <summary>Fits the models over every partition's buyers up to <paramref name="calibrationEnd"/> (default: today).</summary>
    /// <exception cref="ModelFitException">No population to fit, or a fit already running.</exception>
    public async Task<ClvParameters> FitAsync(DateOnly? calibrationEnd, CancellationToken ct)
    {
        if (!await _fitting.WaitAsync(0, ct).ConfigureAwait(false)) throw new ModelFitException("fit_in_progress", "a customer-value fit is already running");
        try
        {
            var watch = Stopwatch.StartNew();
            // Without a calibration end, the population's today: the newest partition clock, one cutoff for every partition.
            var cutoffDay = calibrationEnd is { } end ? PopulationClock.DayOf(end) : await PopulationClock.TodayAsync(runtime).ConfigureAwait(false)
                ?? throw new ModelFitException("no_buyers", "no events applied yet: nothing to fit");
            var replies = await GatherAsync(cutoffDay).ConfigureAwait(false);
            var customers = Summaries(replies).Select(s => s.Summary).ToList();
            var lastDay = PopulationClock.DateOf(cutoffDay);
            if (customers.Count == 0) throw new ModelFitException("no_buyers", $"no profile had bought by {lastDay:yyyy-MM-dd}");
            ClvLog.Fitting(logger, customers.Count, lastDay);

            var bgNbd = BgNbdModel.Fit(customers);
            var paretoNbd = ParetoNbdModel.Fit(customers);
            var repeat = customers.Where(c => c.Frequency > 0 && c.MeanRepeatSpend > 0).ToList();
            var gammaGamma = repeat.Count > 0 ? GammaGammaModel.Fit(repeat) : null;
            var fitSeconds = watch.Elapsed.TotalSeconds;

            // Fitted up to today, the buyers just gathered are the ones to score; else gather them again at today.
            var scored = await ScoreAsync(bgNbd.Model, calibrationEnd is null ? replies : null).ConfigureAwait(false);
            var parameters = new ClvParameters((Current?.Version ?? 0) + 1, DateTimeOffset.UtcNow, lastDay, "week", customers.Count, repeat.Count,
                new BgNbdParameters(bgNbd.Model.R, bgNbd.Model.Alpha, bgNbd.Model.A, bgNbd.Model.B, bgNbd.LogLikelihood, bgNbd.Iterations, bgNbd.Converged),
                new ParetoNbdParameters(paretoNbd.Model.R, paretoNbd.Model.Alpha, paretoNbd.Model.S, paretoNbd.Model.Beta, paretoNbd.LogLikelihood,
                    paretoNbd.Iterations, paretoNbd.Converged),
                gammaGamma is null ? null : new GammaGammaParameters(gammaGamma.Model.P, gammaGamma.Model.Q, gammaGamma.Model.V,
                    gammaGamma.LogLikelihood, gammaGamma.Iterations, gammaGamma.Converged),
                fitSeconds, scored);
            store.Save(parameters.Version, parameters);
            _served = new Served(parameters, bgNbd.Model, paretoNbd.Model, gammaGamma?.Model);
            ClvLog.Fitted(logger, parameters.Version, fitSeconds, scored);
            return parameters;
        }
        finally
        {
            _fitting.Release();
        }
    }

    /// <summary>
    /// A profile's customer-value predictions over <paramref name="horizonDays"/> from its buying at its partition's
    /// today (<paramref name="reply"/>, from <c>RepeatBuyingOf</c>); null before the first fit.
    /// </summary>
    public ClvPrediction? Predict(RepeatBuyersReply? reply, int horizonDays)
    {
        if (_served is not var (current, bgNbd, paretoNbd, gammaGamma)) return null;
        if (reply is null || reply.Profiles.Length == 0) return new ClvPrediction(current.Version, false, 0, 0, 0, null, null, null, null, null, null);
        var (_, customer) = Summaries([reply]).Single();
        var horizon = horizonDays / DaysPerWeek;
        var expectedSpend = gammaGamma?.ConditionalExpectedAverageSpend(customer);
        double? purchases = null, value = null;
        string[]? warnings = null;
        try
        {
            purchases = bgNbd.ConditionalExpectedPurchases(horizon, customer);
            // Valued over equal periods of at most a month (4.345 weeks), discounted at 1 % a period, as is usual for CLV.
            var months = (int)Math.Ceiling(horizon / 4.345);
            if (gammaGamma is not null) value = CustomerValue.Expected(bgNbd, gammaGamma, customer, months, horizon / Math.Max(1, months), 0.01);
        }
        catch (ArithmeticException)
        {
            // The series behind E[Y(t)] gives up when the horizon dwarfs alpha + T (a fit with a tiny alpha, a buyer of today).
            warnings = [$"expected purchases and value over {horizonDays} days are out of the model's numeric range for this buyer: ask for a shorter horizon"];
        }
        return new ClvPrediction(current.Version, true, customer.Frequency, customer.Recency, customer.Age, bgNbd.ProbabilityAlive(customer),
            paretoNbd.ProbabilityAlive(customer), purchases, expectedSpend, value, warnings);
    }

    /// <summary>Sets every buyer's <see cref="AliveScore"/> at today, from <paramref name="atToday"/> (one reply per partition) when given.</summary>
    private async Task<int> ScoreAsync(BgNbdModel model, RepeatBuyersReply[]? atToday)
    {
        var scored = 0;
        for (var p = 0; p < runtime.EngineOptions.Partitions; p++)
        {
            var grain = runtime.Partitions.Grain(p);
            var reply = atToday?[p] ?? await grain.RepeatBuyers(null).ConfigureAwait(false);
            var summaries = Summaries([reply]).ToList();
            var scores = summaries.Select(s => (float)model.ProbabilityAlive(s.Summary)).ToArray();
            scored += await grain.SetModelScores(AliveScore, new Immutable<ulong[]>([.. summaries.Select(s => s.Profile)]), new Immutable<float[]>(scores))
                .ConfigureAwait(false);
        }
        return scored;
    }

    private async Task<RepeatBuyersReply[]> GatherAsync(int? cutoffDay) =>
        await Task.WhenAll(Enumerable.Range(0, runtime.EngineOptions.Partitions).Select(p => runtime.Partitions.Grain(p).RepeatBuyers(cutoffDay)))
            .ConfigureAwait(false);

    private static IEnumerable<(ulong Profile, RepeatPurchaseSummary Summary)> Summaries(IEnumerable<RepeatBuyersReply> replies)
    {
        foreach (var r in replies)
        {
            for (var i = 0; i < r.Profiles.Length; i++)
            {
                var x = r.RepeatDays[i];
                yield return (r.Profiles[i], new RepeatPurchaseSummary(x, r.RecencyDays[i] / DaysPerWeek, r.AgeDays[i] / DaysPerWeek,
                    x == 0 ? 0 : Math.Max(0, r.RepeatSpend[i] / x)));
            }
        }
    }


    /// <summary>The parameters served and the models made from them, swapped as one.</summary>
    private sealed record Served(ClvParameters Parameters, BgNbdModel BgNbd, ParetoNbdModel ParetoNbd, GammaGammaModel? GammaGamma)
    {
        public static Served? From(ClvParameters? p) => p is null ? null : new Served(p, new BgNbdModel(p.BgNbd.R, p.BgNbd.Alpha, p.BgNbd.A, p.BgNbd.B),
            new ParetoNbdModel(p.ParetoNbd.R, p.ParetoNbd.Alpha, p.ParetoNbd.S, p.ParetoNbd.Beta),
            p.GammaGamma is { } g ? new GammaGammaModel(g.P, g.Q, g.V) : null);
    }

}

internal static partial class ClvLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Fitting customer-value models on {Customers} buyers up to {LastDay}")]
    public static partial void Fitting(ILogger logger, int customers, DateOnly lastDay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer-value models v{Version} fitted in {Seconds:F1} s; {Scored} buyers scored")]
    public static partial void Fitted(ILogger logger, int version, double seconds, int scored);
}
