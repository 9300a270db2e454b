namespace LiveProfile.Engine.Tests.Tags;

/// <summary>The default taxonomy as written in docs/tag-language.md (the yaml block), read from the repository.</summary>
internal static class TaxonomyDefinitions
{
    internal sealed record Definition(string Id, string When, string? Weight);

    public static IReadOnlyList<Definition> All { get; } = Load();

    public static Definition Get(string id) => All.Single(d => d.Id == id);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LiveProfile.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static List<Definition> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "tag-language.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == "```yaml");
        var list = new List<Definition>();
        string? id = null, when = null, weight = null;
        for (var i = start + 1; i < lines.Length && lines[i].Trim() != "```"; i++)
        {
            var line = lines[i];
            if (line.StartsWith("- id: ", StringComparison.Ordinal))
            {
                if (id is not null) list.Add(new Definition(id, when!, weight));
                id = line[6..].Trim();
                when = weight = null;
            }
            else if (line.StartsWith("  when: ", StringComparison.Ordinal)) when = line[8..].Trim();
            else if (line.StartsWith("  weight: ", StringComparison.Ordinal)) weight = line[10..].Trim();
        }
        if (id is not null) list.Add(new Definition(id, when!, weight));
        return list;
    }
}
