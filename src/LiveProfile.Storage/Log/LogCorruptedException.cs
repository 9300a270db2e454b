namespace LiveProfile.Storage.Log;

/// <summary>
/// The event log holds damaged data that is not a torn tail: a checksum, length or LSN error followed
/// by intact records, or any error in a segment other than the last (including one that ends inside an
/// append batch, which rolling never produces). The log refuses to open or
/// replay past it; an operator has to decide (restore the segment from backup, or cut the log).
/// </summary>
public sealed class LogCorruptedException : IOException
{
    public LogCorruptedException()
        : base("The event log is corrupted.")
    {
    }

    public LogCorruptedException(string message)
        : base(message)
    {
    }

    public LogCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LogCorruptedException(string fileName, long offset, string reason, Exception? innerException = null)
        : base($"Event log segment '{fileName}' is corrupted at byte offset {offset}: {reason}", innerException)
    {
        FileName = fileName;
        Offset = offset;
    }

    /// <summary>The segment file name (without directory), when known.</summary>
    public string? FileName { get; }

    /// <summary>Byte offset in <see cref="FileName"/> of the first bad record, or −1.</summary>
    public long Offset { get; } = -1;
}
