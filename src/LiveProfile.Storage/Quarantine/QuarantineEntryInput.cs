namespace LiveProfile.Storage.Quarantine;

/// <summary>
/// One rejected event to quarantine: its line in the request, its id if it had a readable one, the
/// rejection code and message, and its raw JSON text (sealed in the store: it may hold PII).
/// </summary>
public sealed record QuarantineEntryInput(int Line, string? EventId, string Code, string Message, string RawJson);
