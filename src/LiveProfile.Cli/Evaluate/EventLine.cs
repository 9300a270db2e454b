using System.Text.Json;

namespace LiveProfile.Cli.Evaluate;

/// <summary>The parts of an NDJSON event line the model evaluation reads, with the line itself.</summary>
internal sealed record EventLine(string Line, string Type, long TsMs, string? User, string? Room, string? Session, string? Product, JsonElement Props)
{
    /// <summary>Null for a line that is not an event object with a type and a time (the ingest path would reject it too).</summary>
    public static EventLine? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || !root.TryGetProperty("ts", out var ts)) return null;
            long? ms = ts.ValueKind switch
            {
                JsonValueKind.Number => ts.GetInt64(),
                JsonValueKind.String when DateTimeOffset.TryParse(ts.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var at) => at.ToUnixTimeMilliseconds(),
                _ => null,
            };
            if (ms is null) return null;
            return new EventLine(line, type.GetString() ?? "", ms.Value, UserOf(root), Text(root, "room"), Text(root, "session"), Text(root, "product"),
                root.TryGetProperty("props", out var props) ? props.Clone() : default);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The user as a profile path id (<c>account:…</c> before <c>viewer:…</c>), or null.</summary>
    private static string? UserOf(JsonElement root)
    {
        if (!root.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object) return null;
        if (Text(user, "accountId") is { } account) return "account:" + account;
        if (Text(user, "viewerId") is { } viewer) return "viewer:" + viewer;
        return null;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
