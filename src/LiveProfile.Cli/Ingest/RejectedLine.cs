namespace LiveProfile.Cli.Ingest;

/// <summary>A rejected input line, numbered as in the input.</summary>
internal sealed record RejectedLine(long Line, string? Id, string Code, string? Message);
