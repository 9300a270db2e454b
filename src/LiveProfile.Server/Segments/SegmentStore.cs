using System.Text;
using LiveProfile.Storage.IO;

namespace LiveProfile.Server.Segments;

/// <summary>
/// Saved segments as plain files, <c>segments/&lt;name&gt;.segment</c> holding the expression, so that operators can
/// read them. Written atomically (temp file, fsync, rename, directory fsync).
/// </summary>
internal sealed class SegmentStore
{
    private const string Extension = ".segment";
    private readonly string _directory;

    public SegmentStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public IReadOnlyList<(string Name, string Expression)> LoadAll() =>
        [.. Directory.EnumerateFiles(_directory, "*" + Extension)
            .Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f, Encoding.UTF8)))
            .OrderBy(s => s.Item1, StringComparer.Ordinal)];

    public void Save(string name, string expression)
    {
        var path = PathOf(name);
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.UTF8.GetBytes(expression));
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DirectorySync.Fsync(_directory);
    }

    public bool Delete(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        DirectorySync.Fsync(_directory);
        return true;
    }

    private string PathOf(string name) => Path.Combine(_directory, name + Extension);
}
