using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Partitioning;

/// <summary>The logged events before a log position, in log order: what an unmerge replays to rebuild profiles.</summary>
public interface IEventHistory
{
    /// <summary>Whether every event from the first is still kept.</summary>
    bool Complete { get; }

    /// <summary>
    /// Every event with a log position below <paramref name="beforeLsn"/>, in log order. Throws
    /// <see cref="IncompleteHistoryException"/> when part of that history is no longer kept.
    /// </summary>
    IEnumerable<(long Lsn, EventRecord Event)> Before(long beforeLsn);
}

/// <summary>The history an unmerge needs is no longer (all) kept.</summary>
public sealed class IncompleteHistoryException(string message) : Exception(message);
