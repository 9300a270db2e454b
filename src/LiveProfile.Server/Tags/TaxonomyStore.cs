using System.Globalization;
using System.Text;
using LiveProfile.Engine.Tags.Taxonomy;
using LiveProfile.Storage.IO;

namespace LiveProfile.Server.Tags;

/// <summary>
/// Saved taxonomy versions: <c>taxonomy/v000002.yaml</c>, … as plain YAML that operators can read
/// and diff. Version 1 is the shipped default and is not written. A version is compiled before it
/// is saved and written atomically (temp file, fsync, rename, directory fsync); the highest
/// version on disk is the one in force.
/// </summary>
internal sealed class TaxonomyStore
{
    private readonly string _directory;
    private readonly Lock _gate = new();

    public TaxonomyStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>The version in force: the newest saved one, else the shipped default.</summary>
    public CompiledTaxonomy LoadCurrent()
    {
        var newest = NewestSaved();
        if (newest == 0) return CompiledTaxonomy.Default;
        var path = PathOf(newest);
        var compilation = TaxonomyCompiler.Compile(File.ReadAllText(path, Encoding.UTF8), newest);
        // Every saved version compiled when it was saved: failing now means the file was edited by hand.
        return compilation.Taxonomy
            ?? throw new InvalidDataException($"saved taxonomy {path} no longer compiles: {string.Join("; ", compilation.Diagnostics)}");
    }

    /// <summary>Compiles <paramref name="yaml"/> as the next version and saves it when it compiles.</summary>
    public TaxonomyCompilation Save(string yaml, int currentVersion)
    {
        lock (_gate)
        {
            var version = Math.Max(currentVersion, NewestSaved()) + 1;
            var compilation = TaxonomyCompiler.Compile(yaml, version);
            if (!compilation.Success) return compilation;
            var path = PathOf(version);
            var temp = path + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(Encoding.UTF8.GetBytes(yaml));
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            DirectorySync.Fsync(_directory);
            return compilation;
        }
    }

    /// <summary>Saved version numbers, ascending.</summary>
    public IReadOnlyList<int> Versions() =>
        [.. Directory.EnumerateFiles(_directory, "v*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f)[1..])
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 1)
            .Order()];

    private int NewestSaved()
    {
        var versions = Versions();
        return versions.Count == 0 ? 0 : versions[^1];
    }

    private string PathOf(int version) => Path.Combine(_directory, $"v{version:D6}.yaml");
}
