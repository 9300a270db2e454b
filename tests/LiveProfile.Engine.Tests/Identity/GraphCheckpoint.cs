using LiveProfile.Engine.Identity;

namespace LiveProfile.Engine.Tests.Identity;

internal static class GraphCheckpoint
{
    /// <summary>The graph as a router checkpoint saves it and a restart loads it (the current format).</summary>
    public static IdentityGraph Reloaded(IdentityGraph graph)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) graph.Save(w);
        buffer.Position = 0;
        return IdentityGraph.Load(new BinaryReader(buffer));
    }
}
