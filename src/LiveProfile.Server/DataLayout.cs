using System.Text.Json;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Server;

/// <summary>
/// The data directory: <c>log/</c>, <c>checkpoints/</c>, <c>vault/</c>, <c>quarantine/</c>, <c>taxonomy/</c> (saved versions) and
/// <c>engine.json</c>, which fixes the partition count when the directory is created.
/// </summary>
internal sealed class DataLayout
{
    public DataLayout(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Root { get; }
    public string Log => Path.Combine(Root, "log");
    public string Checkpoints => Path.Combine(Root, "checkpoints");
    public string Vault => Path.Combine(Root, "vault");
    public string Quarantine => Path.Combine(Root, "quarantine");
    public string Taxonomy => Path.Combine(Root, "taxonomy");
    public string Segments => Path.Combine(Root, "segments");
    public string Models => Path.Combine(Root, "models", "clv");
    public string ChurnModels => Path.Combine(Root, "models", "churn");
    public string ItemModels => Path.Combine(Root, "models", "items");
    private string EngineFile => Path.Combine(Root, "engine.json");

    /// <summary>Engine settings: those recorded at creation, else <paramref name="partitions"/> recorded now.</summary>
    public EngineOptions LoadOrCreateEngineOptions(int partitions, ICommentIntentClassifier? classifier = null)
    {
        if (File.Exists(EngineFile))
        {
            var recorded = JsonSerializer.Deserialize(File.ReadAllText(EngineFile), ServerJson.Context.EngineSettings)
                ?? throw new InvalidDataException($"{EngineFile} is empty");
            return new EngineOptions { Partitions = recorded.Partitions, CommentClassifier = classifier };
        }
        var settings = new EngineSettings(partitions);
        var tmp = EngineFile + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(settings, ServerJson.Context.EngineSettings));
        File.Move(tmp, EngineFile, overwrite: true);
        return new EngineOptions { Partitions = partitions, CommentClassifier = classifier };
    }
}

internal sealed record EngineSettings(int Partitions);
