namespace LiveProfile.Cli.Ingest;

/// <summary>
/// Consecutive lines of the input, sent as one request. Blank lines stay in the payload so that the
/// server's per-request line numbers map to file lines by a plain offset (<see cref="FileLine"/>).
/// </summary>
internal sealed class NdjsonBatch
{
    /// <summary>The request body: the lines, each ending in '\n' (a UTF-8 BOM on line 1 removed).</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The input line number (1-based) of the payload's first line.</summary>
    public required long FirstLine { get; init; }

    /// <summary>Lines in the payload, blank ones included.</summary>
    public required int Lines { get; init; }

    /// <summary>Non-blank lines in the payload: the events the server will answer for.</summary>
    public required int Events { get; init; }

    /// <summary>Input bytes consumed up to the end of this batch, for progress.</summary>
    public required long EndOffset { get; init; }

    /// <summary>A line too long to fit any request; it is not in the payload (which is then empty).</summary>
    public long? OversizeLine { get; init; }

    /// <summary>Maps a line number of the server's answer (1-based within the payload) to the input line.</summary>
    public long FileLine(int payloadLine) => FirstLine + payloadLine - 1;
}
