using System.Diagnostics;
using LiveProfile.Cluster;
using LiveProfile.Engine.Features;
using LiveProfile.Prediction.Churn;
using Orleans.Concurrency;

namespace LiveProfile.Server.Models;

/// <summary>
/// The churn classifier over the live population, with labels from history: examples are every profile active in the
/// 90 days up to a past day, its features as of that day (rebuilt from the day windows) and whether it then showed no
/// activity for 30 days. Split in time: trained at today − 60 (labels up to today − 30), evaluated at today − 30 (labels
/// up to today), so that no label the evaluation reads was seen in training; the model served is then trained again at
/// today − 30 (the newest labels) and sets every active profile's <c>churn</c> model score at today, which
/// <c>churn_risk</c> reads. Versions are kept as <c>models/churn/vNNNN.json</c> (metrics) with the model's <c>.zip</c>.
/// </summary>
internal sealed class ChurnModelService : IDisposable
{
    /// <summary>The model score a fit sets on every active profile.</summary>
    public const string RiskScore = "churn";

    private const int HistoryDays = 2 * ChurnFeatures.HorizonDays;
    private readonly SemaphoreSlim _fitting = new(1, 1);
    private readonly EngineRuntime runtime;
    private readonly ILogger<ChurnModelService> logger;
    private readonly VersionedModelStore<ChurnModelAnswer> _store;
    private volatile ChurnModelAnswer? _current;

    public ChurnModelService(EngineRuntime runtime, string directory, ILogger<ChurnModelService> logger)
    {
        (this.runtime, this.logger) = (runtime, logger);
        _store = new VersionedModelStore<ChurnModelAnswer>(directory, ServerJson.Context.ChurnModelAnswer);
        _current = _store.LoadLatest();
    }

    public ChurnModelAnswer? Current => _current;

    public void Dispose() => _fitting.Dispose();

    /// <exception cref="ModelFitException">Too little history, one class only, or a fit already running.</exception>
    public async Task<ChurnModelAnswer> FitAsync(CancellationToken ct)
    {
        if (!await _fitting.WaitAsync(0, ct).ConfigureAwait(false)) throw new ModelFitException("fit_in_progress", "a churn fit is already running");
        try
        {
            var watch = Stopwatch.StartNew();
            var today = await PopulationClock.TodayAsync(runtime).ConfigureAwait(false) ?? throw new ModelFitException("not_enough_history", "no events applied yet");
            var (trainDay, testDay) = (today - HistoryDays, today - ChurnFeatures.HorizonDays);
            var (_, train) = await ExamplesAsync(trainDay, labelled: true).ConfigureAwait(false);
            var (_, test) = await ExamplesAsync(testDay, labelled: true).ConfigureAwait(false);
            Require(train, "training", trainDay);
            Require(test, "evaluation", testDay);

            var evaluation = ChurnClassifier.Train(train).Evaluate(test);
            var served = ChurnClassifier.Train(test);
            var (profiles, now) = await ExamplesAsync(today, labelled: false).ConfigureAwait(false);
            var risks = now.Count == 0 ? [] : served.Risks(now);
            var scored = await ScoreAsync(profiles, risks).ConfigureAwait(false);

            var version = (_current?.Version ?? 0) + 1;
            var answer = new ChurnModelAnswer(version, DateTimeOffset.UtcNow, PopulationClock.DateOf(today), PopulationClock.DateOf(trainDay),
                PopulationClock.DateOf(testDay), ChurnFeatures.HorizonDays,
                ChurnFeatures.LookbackDays, train.Count, ChurnFeatures.Names, evaluation, scored, watch.Elapsed.TotalSeconds);
            _store.Save(version, answer, (".zip", served.Save));
            _current = answer;
            ChurnLog.Fitted(logger, version, evaluation.Auc, scored);
            return answer;
        }
        finally
        {
            _fitting.Release();
        }
    }

    private static void Require(List<ChurnExample> examples, string what, int day)
    {
        var churned = examples.Count(e => e.Label);
        if (churned == 0 || churned == examples.Count)
        {
            throw new ModelFitException("not_enough_history",
                $"the {what} examples at {PopulationClock.DateOf(day):yyyy-MM-dd} ({examples.Count} active profiles, {churned} churned) need both churned and retained profiles: " +
                $"a churn fit needs {HistoryDays + ChurnFeatures.LookbackDays} days of history");
        }
    }

    private async Task<(List<ulong> Profiles, List<ChurnExample> Examples)> ExamplesAsync(int day, bool labelled)
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, runtime.EngineOptions.Partitions).Select(p => runtime.Partitions.Grain(p).ChurnExamples(day, labelled)))
            .ConfigureAwait(false);
        var width = ChurnFeatures.Count;
        var (profiles, examples) = (new List<ulong>(), new List<ChurnExample>());
        foreach (var reply in replies)
        {
            for (var i = 0; i < reply.Profiles.Length; i++)
            {
                profiles.Add(reply.Profiles[i]);
                examples.Add(new ChurnExample { Features = reply.Features[(i * width)..((i + 1) * width)], Label = reply.Churned?[i] ?? false });
            }
        }
        return (profiles, examples);
    }

    private async Task<int> ScoreAsync(List<ulong> profiles, float[] risks)
    {
        var partitions = runtime.EngineOptions.Partitions;
        var byPartition = Enumerable.Range(0, partitions).Select(_ => (Ids: new List<ulong>(), Risks: new List<float>())).ToArray();
        for (var i = 0; i < profiles.Count; i++)
        {
            var slot = byPartition[LiveProfile.Engine.Partitioning.Partitioner.PartitionOf(profiles[i], partitions)];
            slot.Ids.Add(profiles[i]);
            slot.Risks.Add(risks[i]);
        }
        var set = await Task.WhenAll(byPartition.Select((s, p) =>
            runtime.Partitions.Grain(p).SetModelScores(RiskScore, new Immutable<ulong[]>([.. s.Ids]), new Immutable<float[]>([.. s.Risks])))).ConfigureAwait(false);
        return set.Sum();
    }
}

/// <summary>A churn fit: its days, its evaluation on the later split, and how many profiles it scored.</summary>
internal sealed record ChurnModelAnswer(int Version, DateTimeOffset FittedAt, DateOnly Today, DateOnly TrainedAt, DateOnly EvaluatedAt, int HorizonDays,
    int LookbackDays, int TrainingExamples, string[] Features, ChurnEvaluation Evaluation, int Scored, double FitSeconds);

internal static partial class ChurnLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Churn model v{Version} fitted: AUC {Auc:F3} on the later split; {Scored} profiles scored")]
    public static partial void Fitted(ILogger logger, int version, double auc, int scored);
}
