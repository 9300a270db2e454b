using LiveProfile.Cluster;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Server.Checkpoints;
using LiveProfile.Server.Ingest;
using LiveProfile.Server.Telemetry;
using LiveProfile.Storage.Dedup;
using LiveProfile.Storage.Log;
using LiveProfile.Storage.Privacy;
using LiveProfile.Storage.Quarantine;
using Microsoft.Extensions.Options;

namespace LiveProfile.Server;

/// <summary>
/// Opens the data directory, recovers (checkpoint + log tail), and runs the pipeline and the
/// checkpoint timer. Starts after the Orleans silo and before Kestrel, so no request sees a
/// half-recovered engine; on stop it drains and writes a final checkpoint.
/// </summary>
internal sealed partial class EngineRuntime(
    IOptions<ServerOptions> options, EngineOptions engineOptions, IGrainFactory grains, FileCheckpointStore store,
    TagRuntime tags, ICommentIntentClassifier classifier, IngestMetrics metrics, ILogger<EngineRuntime> logger) : IHostedService, IAsyncDisposable
{
    private readonly ServerOptions _options = options.Value;
    private CancellationTokenSource? _timerStop;
    private Task _timer = Task.CompletedTask;

    public EventParser Parser { get; } = new(options.Value.Limits);
    public IngestPipeline Pipeline { get; private set; } = null!;
    public EventLog Log { get; private set; } = null!;
    public KeyVault Vault { get; private set; } = null!;
    public Pseudonymizer Pseudonymizer { get; private set; } = null!;
    public PrivacyDoor Privacy { get; private set; } = null!;
    public QuarantineStore Quarantine { get; private set; } = null!;
    public OrleansPartitionHost Partitions { get; private set; } = null!;
    public EngineOptions EngineOptions => engineOptions;
    public ServerOptions Options => _options;
    public TagRuntime Tags => tags;

    /// <summary>The log as the history unmerges replay.</summary>
    public LogHistory History { get; private set; } = null!;

    /// <summary>Set once recovery is done; the server answers 503 until then.</summary>
    public bool Ready { get; private set; }

    private bool _released;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var layout = new DataLayout(_options.DataDirectory);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Partitions = new OrleansPartitionHost(grains, engineOptions.Partitions);
        // Activate every partition first: each loads its checkpoint file (the bulk of a restart) on its own thread, while
        // this one opens the vault, the log and the router file. All of it is done before the replay starts.
        var activations = Task.WhenAll(Enumerable.Range(0, engineOptions.Partitions).Select(p => Partitions.Grain(p).Stats()));
        long checkpointLsn;
        EngineDispatcher dispatcher;
        try
        {
            Vault = KeyVault.Open(layout.Vault);
            Pseudonymizer = new Pseudonymizer(Vault);
            Privacy = new PrivacyDoor(Vault, Pseudonymizer);
            Quarantine = QuarantineStore.Open(layout.Quarantine, Vault);
            Log = EventLog.Open(layout.Log, new EventLogOptions { SegmentBytes = _options.SegmentBytes }, logger);

            var dedupOptions = new DedupOptions { Window = _options.DedupWindow };
            var router = store.LoadRouter(dedupOptions);
            checkpointLsn = store.Manifest?.Lsn ?? 0;
            dispatcher = new EngineDispatcher(Partitions, router?.Identity ?? new IdentityGraph(), checkpointLsn,
                router?.WatermarkMs ?? long.MinValue) { Changes = tags.Sink };
            History = new LogHistory(Log);
            dispatcher.UseHistory(engineOptions, History);
            Pipeline = new IngestPipeline(Log, Vault, Privacy, router?.Dedup ?? new DedupIndex(dedupOptions), Quarantine, dispatcher,
                classifier, tags, metrics, _options, logger);
        }
        catch
        {
            await ((Task)activations).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // no partition load outlives a failed start
            throw;
        }
        long profiles = 0;
        foreach (var stats in await activations.ConfigureAwait(false)) profiles += stats.Profiles;
        var loaded = clock.Elapsed;
        LogRecovering(logger, layout.Root, checkpointLsn, profiles, loaded.TotalSeconds, Log.LastLsn);
        var replayed = await Pipeline.ReplayAsync(checkpointLsn + 1, n => LogReplayProgress(logger, n), cancellationToken).ConfigureAwait(false);
        LogRecovered(logger, replayed, (clock.Elapsed - loaded).TotalSeconds, dispatcher.AppliedLsn);

        Pipeline.StartApplying();
        _timerStop = new CancellationTokenSource();
        _timer = CheckpointTimerAsync(_timerStop.Token);
        Ready = true;
    }

    /// <summary>Writes a checkpoint now: every partition and the router at the same log position.</summary>
    public Task<long> CheckpointAsync(CancellationToken ct) =>
        Pipeline.CheckpointAsync(store, lsn => Task.WhenAll(Enumerable.Range(0, Partitions.Partitions).Select(p => Partitions.Grain(p).Checkpoint(lsn))), ct);

    private async Task CheckpointTimerAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.CheckpointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await CheckpointAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckpointFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!Ready) return;
        Ready = false;
        if (_timerStop is not null) await _timerStop.CancelAsync().ConfigureAwait(false);
        await _timer.ConfigureAwait(false);
        await Pipeline.WaitAppliedAsync(cancellationToken).ConfigureAwait(false);
        if (Pipeline.Healthy) await CheckpointAsync(cancellationToken).ConfigureAwait(false);
        await ReleaseAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Also after a start that failed half-way (the vault opened, then the log would not; or the host failed to bind its
    /// port after this service started): the files must not stay open and locked for the next start in this process.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _timerStop?.Dispose();
        await ReleaseAsync().ConfigureAwait(false);
    }

    private async Task ReleaseAsync()
    {
        if (_released) return;
        _released = true;
        if (Pipeline is not null) await Pipeline.DisposeAsync().ConfigureAwait(false);
        if (Log is not null) await Log.DisposeAsync().ConfigureAwait(false);
        Quarantine?.Dispose();
        Vault?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Recovering {DataDirectory}: checkpoint at {CheckpointLsn} ({Profiles} profiles) opened in {Seconds:F2} s, log ends at {LastLsn}")]
    private static partial void LogRecovering(ILogger logger, string dataDirectory, long checkpointLsn, long profiles, double seconds, long lastLsn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Events} events")]
    private static partial void LogReplayProgress(ILogger logger, long events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered: {Events} events replayed in {Seconds:F2} s, applied through {Lsn}")]
    private static partial void LogRecovered(ILogger logger, long events, double seconds, long lsn);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkpoint failed; the log is kept until one succeeds")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception ex);
}
