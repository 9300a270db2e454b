namespace LiveProfile.Storage.Log;

/// <summary>
/// A write or fsync of the event log failed, so the log stopped (fail-stop, as PostgreSQL does after a
/// failed fsync: the page cache state after such an error is unknowable, so retrying could ack data
/// that is not on disk). Every later append and wait throws this; restart to recover from what is
/// durable. <see cref="Exception.InnerException"/> is the original I/O error.
/// </summary>
public sealed class LogFailedException : IOException
{
    public LogFailedException()
        : base("The event log has failed and accepts no more writes.")
    {
    }

    public LogFailedException(string message)
        : base(message)
    {
    }

    public LogFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
