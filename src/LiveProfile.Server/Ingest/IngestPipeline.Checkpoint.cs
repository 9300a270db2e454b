using LiveProfile.Server.Checkpoints;

namespace LiveProfile.Server.Ingest;

/// <summary>
/// Checkpoints: the apply loop is paused between batches so every partition and the router are
/// saved at the same log position; ingest keeps appending to the log meanwhile.
/// </summary>
internal sealed partial class IngestPipeline
{
    private long _lastCheckpointLsn = -1;

    public long LastCheckpointLsn => _lastCheckpointLsn;

    public async Task<long> CheckpointAsync(FileCheckpointStore store, Func<long, Task> checkpointPartitions, CancellationToken ct)
    {
        await _applyGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // A failed pipeline may hold half a merge or ids of events that never became durable:
            // its state must not replace the last good checkpoint.
            if (_failure is not null) throw new InvalidOperationException($"no checkpoint after a failure: {_failure.Message}");
            await Dispatcher.DrainAsync().ConfigureAwait(false);
            var lsn = Dispatcher.AppliedLsn;
            if (lsn == _lastCheckpointLsn) return lsn;
            await checkpointPartitions(lsn).ConfigureAwait(false);
            byte[] dedup;
            long appended;
            lock (_sequencer)
            {
                _dedup.ExpireBefore(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                using var buffer = new MemoryStream();
                _dedup.Save(buffer);
                dedup = buffer.ToArray();
                appended = _log.LastLsn;
            }
            // The dedup snapshot knows every id appended so far; they must all be durable before it is.
            await _log.WaitDurableAsync(appended, ct).ConfigureAwait(false);
            store.SaveRouter(lsn, Dispatcher.SaveIdentity, Dispatcher.WatermarkMs, s => s.Write(dedup));
            store.Commit(lsn, Dispatcher.Partitions, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (!_options.KeepLogHistory) _log.DeleteSegmentsBefore(lsn + 1);
            _lastCheckpointLsn = lsn;
            LogCheckpoint(_logger, lsn);
            return lsn;
        }
        finally
        {
            _applyGate.Release();
        }
    }

    /// <summary>Replays the log after the checkpoint through the dispatcher, re-learning the event ids for dedup.</summary>
    public async Task<long> ReplayAsync(long fromLsn, Action<long> progress, CancellationToken ct)
    {
        var chunk = new List<(long, LiveProfile.Engine.Contract.EventRecord)>(16_384);
        long replayed = 0;
        foreach (var (lsn, e) in _log.ReadFrom(fromLsn))
        {
            ct.ThrowIfCancellationRequested();
            _dedup.TryAdd(e.Tenant, e.Id, e.ReceivedMs);
            chunk.Add((lsn, e));
            if (chunk.Count == chunk.Capacity)
            {
                await Dispatcher.DispatchAsync(chunk, drain: false).ConfigureAwait(false);
                replayed += chunk.Count;
                chunk.Clear();
                progress(replayed);
            }
        }
        if (chunk.Count > 0)
        {
            await Dispatcher.DispatchAsync(chunk).ConfigureAwait(false);
            replayed += chunk.Count;
            progress(replayed);
        }
        await Dispatcher.DrainAsync().ConfigureAwait(false);
        return replayed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint written at log position {Lsn}")]
    private static partial void LogCheckpoint(ILogger logger, long lsn);
}
