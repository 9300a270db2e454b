namespace LiveProfile.Storage.Checkpoints;

/// <summary>A checkpoint file failed verification (magic, header checksum, length or payload checksum).</summary>
public sealed class CheckpointCorruptedException : IOException
{
    public CheckpointCorruptedException()
        : base("The checkpoint file is corrupted.")
    {
    }

    public CheckpointCorruptedException(string message)
        : base(message)
    {
    }

    public CheckpointCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CheckpointCorruptedException(string filePath, long offset, string reason)
        : base(offset >= 0
            ? $"Checkpoint file '{filePath}' is corrupted at byte offset {offset}: {reason}"
            : $"Checkpoint file '{filePath}' is corrupted: {reason}")
    {
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>The checkpoint file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>Byte offset of the damage when it can be located (header fields), else −1.</summary>
    public long Offset { get; } = -1;
}
