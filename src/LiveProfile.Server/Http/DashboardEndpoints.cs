using Microsoft.Extensions.FileProviders;

namespace LiveProfile.Server.Http;

/// <summary>The web dashboard: its files under <c>/ui</c>, and <c>/</c> opens the room page.</summary>
internal static class DashboardEndpoints
{
    public const string Folder = "Dashboard";

    public static void MapDashboard(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, Folder);
        if (!Directory.Exists(root)) return; // a host without the files (they ship beside the server's assembly)
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), RequestPath = "/ui" });
        app.MapGet("/", () => Results.Redirect("/ui/room.html")).ExcludeFromDescription();
    }
}
