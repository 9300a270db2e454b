using LiveProfile.Engine.Contract;
using LiveProfile.Storage.Log;

namespace LiveProfile.Server.Ingest;

/// <summary>
/// Events the server writes itself (an unmerge): logged and applied in log order like any other, so that a replay after a
/// restart redoes them exactly where they happened.
/// </summary>
internal sealed partial class IngestPipeline
{
    /// <summary>Logs <paramref name="e"/> (already pseudonymised), waits until it is durable and applied; returns its log position.</summary>
    public async Task<long> AppendInternalAsync(EventRecord e, CancellationToken ct)
    {
        if (_failure is not null)
        {
            throw new OverloadedException(503, "engine_failed", $"ingest is stopped: {_failure.Message}", TimeSpan.FromSeconds(30));
        }
        long lsn;
        lock (_sequencer)
        {
            _dedup.TryAdd(e.Tenant, e.Id, e.ReceivedMs);
            try
            {
                lsn = _log.Append([e]);
            }
            catch (Exception ex)
            {
                throw Fail(ex);
            }
            _applyQueue.Writer.TryWrite((lsn, [e]));
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
