using System.Text.Json;
using LiveProfile.Storage.IO;

namespace LiveProfile.Server.Models;

/// <summary>
/// Every customer-value fit kept as <c>v{n}.json</c> (versions are never overwritten, so a served prediction can always be
/// traced to its parameters), written atomically: temp file, fsync, rename, directory fsync.
/// </summary>
internal sealed class ClvStore
{
    private readonly string _directory;

    public ClvStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>The newest fit, or null before the first.</summary>
    public ClvParameters? LoadLatest()
    {
        var newest = Directory.EnumerateFiles(_directory, "v*.json")
            .Select(f => (File: f, Version: int.TryParse(Path.GetFileNameWithoutExtension(f)[1..], out var v) ? v : -1))
            .Where(f => f.Version > 0)
            .OrderByDescending(f => f.Version)
            .FirstOrDefault();
        if (newest.File is null) return null;
        using var stream = File.OpenRead(newest.File);
        return JsonSerializer.Deserialize(stream, ServerJson.Context.ClvParameters)
            ?? throw new InvalidDataException($"{newest.File}: empty customer-value parameters");
    }

    public void Save(ClvParameters parameters)
    {
        var path = Path.Combine(_directory, $"v{parameters.Version:D4}.json");
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, parameters, ServerJson.Context.ClvParameters);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: false);
        DirectorySync.Fsync(_directory);
    }
}
