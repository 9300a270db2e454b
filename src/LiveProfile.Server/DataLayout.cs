using System.Text.Json;
using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Server;

/// <summary>
/// The data directory: <c>log/</c>, <c>checkpoints/</c>, <c>vault/</c>, <c>quarantine/</c> and
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
    private string EngineFile => Path.Combine(Root, "engine.json");

    /// <summary>Engine settings: those recorded at creation, else <paramref name="partitions"/> recorded now.</summary>
    public EngineOptions LoadOrCreateEngineOptions(int partitions)
    {
        if (File.Exists(EngineFile))
        {
            var recorded = JsonSerializer.Deserialize(File.ReadAllText(EngineFile), ServerJson.Context.EngineSettings)
                ?? throw new InvalidDataException($"{EngineFile} is empty");
            return new EngineOptions { Partitions = recorded.Partitions };
        }
        var settings = new EngineSettings(partitions);
        var tmp = EngineFile + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(settings, ServerJson.Context.EngineSettings));
        File.Move(tmp, EngineFile, overwrite: true);
        return new EngineOptions { Partitions = partitions };
    }
}

internal sealed record EngineSettings(int Partitions);
