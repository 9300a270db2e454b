using Microsoft.Extensions.Logging;

namespace LiveProfile.Storage.Log;

internal static partial class EventLogMessages
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Event log recovery cut {Bytes} bytes from the end of segment {Segment} at offset {Offset}: {Records} whole record(s) of a batch that was never completely written and {Reason}; the log resumes after LSN {LastLsn}")]
    public static partial void UnfinishedBatchTruncated(ILogger logger, long bytes, string segment, long offset, long records, string reason, long lastLsn);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical,
        Message = "Event log write or fsync failed; the log is stopped and refuses appends until restart (durable up to LSN {DurableLsn})")]
    public static partial void LogFailed(ILogger logger, Exception exception, long durableLsn);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Event log opened: {Segments} segment(s), LSNs {FirstLsn}..{LastLsn}")]
    public static partial void Opened(ILogger logger, int segments, long firstLsn, long lastLsn);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Event log deleted {Count} segment(s) before LSN {Lsn}")]
    public static partial void SegmentsDeleted(ILogger logger, int count, long lsn);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug,
        Message = "Event log rolled to segment {Segment}")]
    public static partial void Rolled(ILogger logger, string segment);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Event log ignores unexpected file {File} in its directory")]
    public static partial void UnexpectedFile(ILogger logger, string file);
}
