using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LiveProfile.Server.Http;

/// <summary>
/// Request bodies in JSON: another content type is a 415 <c>unsupported_media_type</c>, a body that is not JSON of the
/// expected shape a 400 <c>malformed_body</c>.
/// </summary>
internal static class JsonBodies
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType()) return (default, Problems.Of(415, "unsupported_media_type", "send the body as application/json"));
        try
        {
            return (await http.Request.ReadFromJsonAsync(type, ct).ConfigureAwait(false), null);
        }
        catch (JsonException ex)
        {
            return (default, Problems.Of(400, "malformed_body", ex.Message));
        }
    }
}
