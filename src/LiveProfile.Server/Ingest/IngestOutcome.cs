using LiveProfile.Engine.Contract;

namespace LiveProfile.Server.Ingest;

/// <summary>What happened to one ingest request: the answer of <c>POST /v1/events</c>.</summary>
internal sealed record IngestOutcome(int Accepted, int Duplicates, IReadOnlyList<Rejection> Rejected);
