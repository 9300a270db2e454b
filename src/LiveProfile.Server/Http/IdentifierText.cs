using LiveProfile.Engine.Contract;

namespace LiveProfile.Server.Http;

/// <summary>Identifiers as the API writes them: <c>kind:value</c> (<c>viewer:dy_998</c>, <c>profile:&lt;16 hex&gt;</c>).</summary>
internal static class IdentifierText
{
    /// <summary>Splits <c>kind:value</c>; false when there is no known kind or no value.</summary>
    public static bool TrySplit(string text, out IdentifierKind kind, out string value)
    {
        kind = default;
        value = "";
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1 || !IdentifierKinds.TryParse(text[..colon], out kind)) return false;
        value = text[(colon + 1)..];
        return true;
    }
}
