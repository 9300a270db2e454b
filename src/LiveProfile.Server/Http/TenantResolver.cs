using System.Net;
using Microsoft.Extensions.Options;

namespace LiveProfile.Server.Http;

/// <summary>
/// Tenant from the API key (<c>Authorization: Bearer KEY</c>). With no keys configured the server is
/// in embedded mode: one default tenant, loopback callers only.
/// </summary>
internal sealed class TenantResolver(IOptions<ServerOptions> options)
{
    public const string DefaultTenant = "default";

    public bool TryResolve(HttpContext http, out string tenant, out IResult? problem)
    {
        var keys = options.Value.ApiKeys;
        problem = null;
        tenant = DefaultTenant;
        if (keys.Count == 0)
        {
            var remote = http.Connection.RemoteIpAddress;
            if (remote is null || IPAddress.IsLoopback(remote)) return true;
            problem = Problems.Of(403, "loopback_only", "without configured API keys the server answers loopback callers only");
            return false;
        }
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && keys.TryGetValue(header[7..].Trim(), out var found))
        {
            tenant = found;
            return true;
        }
        problem = Problems.Of(401, "unauthorized", "a valid API key is required: Authorization: Bearer <key>");
        return false;
    }
}
