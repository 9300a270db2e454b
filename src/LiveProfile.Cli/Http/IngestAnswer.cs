namespace LiveProfile.Cli.Http;

/// <summary>The 200 answer of <c>POST /v1/events</c> (spec/events.md, "Answers").</summary>
internal sealed record IngestAnswer(int Accepted, int Duplicates, IReadOnlyList<IngestRejection>? Rejected);

/// <summary>One rejected event; <see cref="Line"/> is 1-based within the request body, blank lines counted.</summary>
internal sealed record IngestRejection(int Line, string? Id, string Code, string? Message);
