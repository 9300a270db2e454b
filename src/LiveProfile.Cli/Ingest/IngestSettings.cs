namespace LiveProfile.Cli.Ingest;

/// <summary>What <c>liveprofile ingest</c> was asked to do. <see cref="Input"/> is a path, or "-" for standard input.</summary>
internal sealed record IngestSettings(string Input, Uri Server, int Batch, string? ApiKey);
