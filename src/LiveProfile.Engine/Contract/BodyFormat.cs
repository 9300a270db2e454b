namespace LiveProfile.Engine.Contract;

/// <summary>How a request body frames its events.</summary>
public enum BodyFormat
{
    /// <summary><c>application/x-ndjson</c>: one JSON object per line.</summary>
    Ndjson,

    /// <summary><c>application/json</c>: one JSON array whose elements are the events.</summary>
    JsonArray,
}
