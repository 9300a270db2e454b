namespace LiveProfile.Storage.Quarantine;

/// <summary>A quarantined event as listed: <see cref="RawJson"/> decrypted, <see cref="Replayed"/> once it was replayed after a fix.</summary>
public sealed record QuarantinedEvent(
    long Seq,
    long ReceivedMs,
    int Line,
    string? EventId,
    string Code,
    string Message,
    string RawJson,
    bool Replayed);
