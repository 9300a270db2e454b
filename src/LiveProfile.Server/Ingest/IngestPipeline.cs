using System.Diagnostics;
using EventLog = LiveProfile.Storage.Log.EventLog;
using System.Threading.Channels;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Server.Telemetry;
using LiveProfile.Storage.Dedup;
using LiveProfile.Storage.Log;
using LiveProfile.Storage.Privacy;
using LiveProfile.Storage.Quarantine;

namespace LiveProfile.Server.Ingest;

/// <summary>
/// The write path: privacy door → quarantine of rejects → (sequencer: dedup, log append) → group
/// commit → acknowledge. A separate apply loop feeds durable events, in log order, to the
/// dispatcher and so to the partitions. The answer is sent only when the events are durable.
/// </summary>
internal sealed partial class IngestPipeline : IAsyncDisposable
{
    private readonly EventLog _log;
    private readonly KeyVault _vault;
    private readonly PrivacyDoor _privacy;
    private readonly QuarantineStore _quarantine;
    private readonly IngestMetrics _metrics;
    private readonly ServerOptions _options;
    private readonly ILogger _logger;
    private readonly object _sequencer = new();
    private readonly Channel<(long FirstLsn, List<EventRecord> Events)> _applyQueue =
        Channel.CreateUnbounded<(long, List<EventRecord>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _applyGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly DedupIndex _dedup;
    private readonly ICommentIntentClassifier _classifier;
    private readonly Engine.Tags.TagRuntime _tags;
    private int _inFlight;
    private Task _applyLoop = Task.CompletedTask;
    private Exception? _failure;
    private CancellationTokenSource _wake = new();

    public IngestPipeline(EventLog log, KeyVault vault, PrivacyDoor privacy, DedupIndex dedup, QuarantineStore quarantine,
        EngineDispatcher dispatcher, ICommentIntentClassifier classifier, Engine.Tags.TagRuntime tags, IngestMetrics metrics,
        ServerOptions options, ILogger logger)
    {
        _classifier = classifier;
        _tags = tags;
        _log = log;
        _vault = vault;
        _privacy = privacy;
        _dedup = dedup;
        _quarantine = quarantine;
        Dispatcher = dispatcher;
        _metrics = metrics;
        _options = options;
        _logger = logger;
        metrics.Observe(() => _log.BytesWritten, () => ApplyLag, () => _log.DurableLsn);
    }

    public EngineDispatcher Dispatcher { get; }
    public EventLog Log => _log;
    public long ApplyLag => Math.Max(0, _log.DurableLsn - Dispatcher.AppliedLsn);
    public bool Healthy => _failure is null;
    public string? FailureReason => _failure?.Message;

    public async Task<IngestOutcome> IngestAsync(ParsedBatch parsed, string tenant, long receivedMs, CancellationToken ct)
    {
        if (_failure is not null)
        {
            throw new OverloadedException(503, "engine_failed", $"ingest is stopped: {_failure.Message}", TimeSpan.FromSeconds(30));
        }
        if (ApplyLag > _options.MaxApplyLag)
        {
            throw new OverloadedException(503, "engine_behind", $"{ApplyLag} events wait to be applied; retry shortly", TimeSpan.FromSeconds(1));
        }
        if (Interlocked.Increment(ref _inFlight) > _options.MaxConcurrentIngests)
        {
            Interlocked.Decrement(ref _inFlight);
            throw new OverloadedException(429, "too_many_requests", "too many ingest requests in flight", TimeSpan.FromSeconds(1));
        }
        try
        {
            return await IngestCoreAsync(parsed, tenant, receivedMs, ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<IngestOutcome> IngestCoreAsync(ParsedBatch parsed, string tenant, long receivedMs, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // The privacy door and the classifier are thread-safe: requests pseudonymise, seal and classify
        // comments in parallel, outside the sequencer; the intent is logged with the event.
        foreach (var e in parsed.Accepted)
        {
            _privacy.Apply(e);
            if (e.Type == EventType.LiveComment && e.Props.Intent is null && e.Props.Text is { } text) e.Props.Intent = _classifier.Classify(text);
        }
        if (parsed.Rejected.Count > 0)
        {
            _quarantine.Add(tenant, receivedMs, [.. parsed.Rejected.Select(r => new QuarantineEntryInput(r.Line, r.Id, r.Code, r.Message, r.RawJson))]);
            foreach (var r in parsed.Rejected) _metrics.Rejected(r.Code);
        }

        var fresh = new List<EventRecord>(parsed.Accepted.Count);
        long lastLsn = 0;
        lock (_sequencer)
        {
            foreach (var e in parsed.Accepted)
            {
                if (_dedup.TryAdd(e.Tenant, e.Id, e.ReceivedMs)) fresh.Add(e);
            }
            if (fresh.Count > 0)
            {
                try
                {
                    // Keys before events: no logged event may be sealed under a key that is not durable.
                    _vault.Flush();
                    lastLsn = _log.Append(fresh);
                }
                catch (Exception ex)
                {
                    // Nothing was logged: forget the ids so that the client's retry is not taken for a duplicate.
                    foreach (var e in fresh) _dedup.Remove(e.Tenant, e.Id, e.ReceivedMs);
                    throw Fail(ex);
                }
                _applyQueue.Writer.TryWrite((lastLsn - fresh.Count + 1, fresh));
            }
        }
        if (lastLsn > 0)
        {
            try
            {
                await _log.WaitDurableAsync(lastLsn, ct).ConfigureAwait(false);
            }
            catch (LogFailedException ex)
            {
                throw Fail(ex);
            }
        }

        var duplicates = parsed.Accepted.Count - fresh.Count;
        _metrics.Accepted(fresh.Count);
        if (duplicates > 0) _metrics.Duplicates(duplicates);
        _metrics.AckLatency(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new IngestOutcome(fresh.Count, duplicates, parsed.Rejected);
    }

    /// <summary>The log or the vault failed: stop ingest for good (fail-stop) and answer 503.</summary>
    private OverloadedException Fail(Exception ex)
    {
        _failure ??= ex;
        LogIngestFailed(_logger, ex);
        return new OverloadedException(503, "storage_failed", $"ingest is stopped: {ex.Message}", TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Tag work appeared without events (a new taxonomy version): an idle apply loop starts stepping
    /// the partitions now instead of at the next event.
    /// </summary>
    public void Wake() => Volatile.Read(ref _wake).Cancel();

    /// <summary>Starts applying durable events to the partitions.</summary>
    public void StartApplying() => _applyLoop = Task.Run(ApplyLoopAsync);

    private async Task ApplyLoopAsync()
    {
        var reader = _applyQueue.Reader;
        var batch = new List<(long, EventRecord)>(16_384);
        try
        {
            while (true)
            {
                if (!reader.TryPeek(out _))
                {
                    // Idle: let the last hand-off finish so that AppliedLsn catches up, then wait for work,
                    // stepping the partitions meanwhile while a backfill or a day sweep has profiles left.
                    await DrainAsync().ConfigureAwait(false);
                    if (!await WaitForEventsAsync(reader).ConfigureAwait(false)) break;
                }
                batch.Clear();
                long last = 0;
                while (batch.Count < 16_384 && reader.TryRead(out var item))
                {
                    for (var i = 0; i < item.Events.Count; i++) batch.Add((item.FirstLsn + i, item.Events[i]));
                    last = item.FirstLsn + item.Events.Count - 1;
                }
                await _log.WaitDurableAsync(last, _stopping.Token).ConfigureAwait(false);
                await _applyGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
                try
                {
                    // Not drained: the next batch is routed while the partitions apply this one.
                    await Dispatcher.DispatchAsync(batch, drain: false).ConfigureAwait(false);
                }
                finally
                {
                    _applyGate.Release();
                }
            }
            await DrainAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _failure = ex;
            LogApplyFailed(_logger, ex);
        }
    }

    private async Task<bool> WaitForEventsAsync(ChannelReader<(long FirstLsn, List<EventRecord> Events)> reader)
    {
        while (true)
        {
            while (_tags.HasPendingWork)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                idle.CancelAfter(TimeSpan.FromMilliseconds(20));
                try
                {
                    return await reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                {
                    await _applyGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
                    try
                    {
                        await Dispatcher.StepAsync().ConfigureAwait(false);
                    }
                    finally
                    {
                        _applyGate.Release();
                    }
                }
            }
            var wake = Volatile.Read(ref _wake);
            // Work announced before this wake source was read woke an older one: look again.
            if (_tags.HasPendingWork) continue;
            using var woken = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, wake.Token);
            try
            {
                return await reader.WaitToReadAsync(woken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref _wake, new CancellationTokenSource(), wake);
            }
        }
    }

    private async Task DrainAsync()
    {
        await _applyGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            await Dispatcher.DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            _applyGate.Release();
        }
    }

    /// <summary>Waits until everything durable has been applied (tests, shutdown, demo).</summary>
    public Task WaitAppliedAsync(CancellationToken ct) => WaitAppliedAsync(_log.DurableLsn, ct);

    /// <summary>Waits until the log position <paramref name="lsn"/> has been applied, or the pipeline failed.</summary>
    public async Task WaitAppliedAsync(long lsn, CancellationToken ct)
    {
        while (Dispatcher.AppliedLsn < lsn && _failure is null) await Task.Delay(5, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _applyQueue.Writer.TryComplete();
        try
        {
            await _applyLoop.ConfigureAwait(false);
        }
        finally
        {
            _stopping.Cancel();
            _stopping.Dispose();
            _wake.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Writing to the event log or the key vault failed; ingest is stopped")]
    private static partial void LogIngestFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Applying events to the partitions failed; ingest is stopped")]
    private static partial void LogApplyFailed(ILogger logger, Exception ex);
}
