namespace LiveProfile.Engine.Contract;

/// <summary>One rejected event of a request.</summary>
/// <param name="Line">1-based line of the event in an NDJSON body (blank lines count), or 1-based element index in a JSON array body.</param>
/// <param name="Id">The event id when it could be read and is a valid id, else null.</param>
/// <param name="Code">A <see cref="RejectionCode"/> constant.</param>
/// <param name="Message">What is wrong, naming the field and what was expected.</param>
/// <param name="RawJson">The event's original text (trimmed of surrounding whitespace), for the quarantine store.</param>
public sealed record Rejection(int Line, string? Id, string Code, string Message, string RawJson);
