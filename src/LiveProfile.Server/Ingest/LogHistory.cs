using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Storage.Log;

namespace LiveProfile.Server.Ingest;

/// <summary>The event log as the history an unmerge replays: complete only while no segment was deleted.</summary>
internal sealed class LogHistory(EventLog log) : IEventHistory
{
    /// <summary>Whether the log still holds every event from the first.</summary>
    public bool Complete => log.FirstLsn <= 1;

    public IEnumerable<(long Lsn, EventRecord Event)> Before(long beforeLsn)
    {
        if (!Complete) throw new IncompleteHistoryException($"the log before position {log.FirstLsn} was deleted by a checkpoint (KeepLogHistory is off)");
        foreach (var (lsn, e) in log.ReadFrom(1))
        {
            if (lsn >= beforeLsn) yield break;
            yield return (lsn, e);
        }
    }
}
