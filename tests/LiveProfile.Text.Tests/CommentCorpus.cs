namespace LiveProfile.Text.Tests;

/// <summary>datasets/comments/comments.tsv (text, intent, split, template), copied beside the tests.</summary>
internal static class CommentCorpus
{
    private static readonly Lazy<List<(string Text, string Intent, string Split, string Template)>> AllRows = new(Read);

    public static IReadOnlyList<(string Text, string Intent, string Split, string Template)> Rows => AllRows.Value;

    public static List<(string Text, string Intent)> Train => Select("train");

    public static List<(string Text, string Intent)> Test => Select("test");

    /// <summary>Test rows from templates that never produced a train row.</summary>
    public static List<(string Text, string Intent)> TestHeldOutTemplates => Select("test", "heldout");

    /// <summary>Test rows from templates that also produced train rows (new fillers, never a train row).</summary>
    public static List<(string Text, string Intent)> TestSeenTemplates => Select("test", "seen");

    /// <summary>The repository root (the folder holding LiveProfile.slnx), found from the test output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveProfile.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("LiveProfile.slnx not found above the test output");
    }

    private static List<(string Text, string Intent)> Select(string split, string? template = null) =>
        Rows.Where(r => r.Split == split && (template is null || r.Template == template)).Select(r => (r.Text, r.Intent)).ToList();

    private static List<(string Text, string Intent, string Split, string Template)> Read()
    {
        var rows = new List<(string, string, string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "comments.tsv")).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length == 4)
            {
                rows.Add((parts[0], parts[1], parts[2], parts[3]));
            }
        }
        return rows;
    }
}
