using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiveProfile.Storage.IO;

namespace LiveProfile.Server.Models;

/// <summary>
/// Every fit of a model kept as <c>vNNNN.json</c> (versions are never overwritten, so a served prediction can always be
/// traced to its fit), optionally with a companion file beside it (a trained model). Written atomically: temp files,
/// fsync, the companion renamed first and the JSON last (a version without its JSON is not read), a directory fsync.
/// </summary>
internal sealed class VersionedModelStore<T>(string directory, JsonTypeInfo<T> type) where T : class
{
    private readonly string _directory = Directory.CreateDirectory(directory).FullName;

    /// <summary>The newest version's record, or null before the first.</summary>
    public T? LoadLatest()
    {
        var newest = Directory.EnumerateFiles(_directory, "v*.json")
            .Select(f => (File: f, Version: int.TryParse(Path.GetFileNameWithoutExtension(f)[1..], out var v) ? v : -1))
            .Where(f => f.Version > 0)
            .OrderByDescending(f => f.Version)
            .FirstOrDefault();
        if (newest.File is null) return null;
        using var stream = File.OpenRead(newest.File);
        return JsonSerializer.Deserialize(stream, type) ?? throw new InvalidDataException($"{newest.File}: empty model record");
    }

    /// <param name="companion">A file written beside the record (its extension, e.g. <c>.zip</c>, and what to write into it).</param>
    public void Save(int version, T record, (string Extension, Action<Stream> Write)? companion = null)
    {
        var path = Path.Combine(_directory, $"v{version:D4}");
        if (companion is var (extension, write)) Write(path + extension, write);
        Write(path + ".json", stream => JsonSerializer.Serialize(stream, record, type));
        DirectorySync.Fsync(_directory);
    }

    private static void Write(string path, Action<Stream> write)
    {
        using (var file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(file);
            file.Flush(flushToDisk: true);
        }
        File.Move(path + ".tmp", path, overwrite: false);
    }
}
