using LiveProfile.Engine.Contract;
using LiveProfile.Storage.Log;

namespace LiveProfile.Server.Ingest;

/// <summary>
/// Events the server writes itself (an unmerge, a matcher's link or a reviewer's decision): logged and applied in log
/// order like any other, so that a replay after a restart redoes them exactly where they happened.
/// </summary>
internal sealed partial class IngestPipeline
{
    /// <summary>Logs <paramref name="e"/> (already pseudonymised), waits until it is durable and applied; returns its log position.</summary>
    public Task<long> AppendInternalAsync(EventRecord e, CancellationToken ct) => AppendInternalAsync([e], ct);

    /// <summary>Logs <paramref name="events"/> as one batch (all or none after a crash), waits until durable and applied; returns the last position.</summary>
    public async Task<long> AppendInternalAsync(IReadOnlyList<EventRecord> events, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(events.Count);
        if (_failure is not null)
        {
            throw new OverloadedException(503, "engine_failed", $"ingest is stopped: {_failure.Message}", TimeSpan.FromSeconds(30));
        }
        long lsn;
        lock (_sequencer)
        {
            foreach (var e in events) _dedup.TryAdd(e.Tenant, e.Id, e.ReceivedMs);
            try
            {
                lsn = _log.Append(events);
            }
            catch (Exception ex)
            {
                throw Fail(ex);
            }
            _applyQueue.Writer.TryWrite((lsn - events.Count + 1, [.. events]));
        }
        try
        {
            await _log.WaitDurableAsync(lsn, ct).ConfigureAwait(false);
        }
        catch (LogFailedException ex)
        {
            throw Fail(ex);
        }
        await WaitAppliedAsync(lsn, ct).ConfigureAwait(false);
        if (_failure is not null) throw new OverloadedException(503, "engine_failed", $"ingest is stopped: {_failure.Message}", TimeSpan.FromSeconds(30));
        return lsn;
    }
}
