namespace LiveProfile.Engine.Contract;

/// <summary>The outcome of parsing one request body: accepted events in body order, and the rejected ones.</summary>
public sealed class ParsedBatch
{
    public ParsedBatch()
    {
        Accepted = [];
        AcceptedLines = [];
    }

    internal ParsedBatch(int capacity)
    {
        Accepted = new List<EventRecord>(capacity);
        AcceptedLines = new List<int>(capacity);
    }

    /// <summary>The valid events, in body order.</summary>
    public List<EventRecord> Accepted { get; }

    /// <summary>The line (NDJSON) or element index (JSON array) of each <see cref="Accepted"/> event, same order.</summary>
    public List<int> AcceptedLines { get; }

    /// <summary>The invalid events, in body order.</summary>
    public List<Rejection> Rejected { get; } = [];
}
