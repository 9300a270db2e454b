using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Storage.Checkpoints;
using LiveProfile.Storage.Dedup;

namespace LiveProfile.Server.Checkpoints;

/// <summary>
/// Checkpoint files: one per partition and one for the router (identity graph, dedup index,
/// event-time clock), all for the same log position, made visible together by the manifest,
/// which is written last. A crash before the manifest leaves the previous checkpoint in force.
/// </summary>
internal sealed class FileCheckpointStore : IPartitionStateStore
{
    /// <summary>1: identity graph, dedup index, clock. 2: the identity graph keeps its links (lineage).</summary>
    private const uint RouterFormat = 3;
    private const uint ManifestFormat = 1;
    private readonly string _directory;

    public FileCheckpointStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        Manifest = File.Exists(ManifestPath) ? CheckpointFile.Read(ManifestPath, ReadManifest) : null;
    }

    public CheckpointManifest? Manifest { get; private set; }

    private string ManifestPath => Path.Combine(_directory, "manifest.ckpt");
    private string PartitionPath(int partition, long lsn) => Path.Combine(_directory, $"partition-{partition:D4}-{lsn:D20}.ckpt");
    private string RouterPath(long lsn) => Path.Combine(_directory, $"router-{lsn:D20}.ckpt");

    public PartitionEngine? Load(int partition, EngineOptions options, LiveProfile.Engine.Tags.TagRuntime tags)
    {
        if (Manifest is null) return null;
        return CheckpointFile.Read(PartitionPath(partition, Manifest.Lsn), (stream, version) =>
        {
            return PartitionEngine.Load(stream, options, tags, version);
        });
    }

    public void Save(PartitionEngine engine, long lsn) =>
        CheckpointFile.WriteAtomic(PartitionPath(engine.PartitionId, lsn), PartitionEngine.FormatVersion, engine.Save);

    public (IdentityGraph Identity, DedupIndex Dedup, long WatermarkMs)? LoadRouter(DedupOptions dedupOptions)
    {
        if (Manifest is null) return null;
        return CheckpointFile.Read(RouterPath(Manifest.Lsn), (stream, version) =>
        {
            if (version is < 1 or > RouterFormat) throw new InvalidDataException($"router checkpoint format {version} is not supported");
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            var watermark = reader.ReadInt64();
            var identity = IdentityGraph.Load(reader, (int)version);
            var dedup = DedupIndex.Load(stream, dedupOptions);
            return (identity, dedup, watermark);
        });
    }

    public void SaveRouter(long lsn, Action<BinaryWriter> saveIdentity, long watermarkMs, Action<Stream> saveDedup) =>
        CheckpointFile.WriteAtomic(RouterPath(lsn), RouterFormat, stream =>
        {
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(watermarkMs);
                saveIdentity(writer);
            }
            saveDedup(stream);
        });

    /// <summary>Makes the checkpoint at <paramref name="lsn"/> the one in force and removes older files.</summary>
    public void Commit(long lsn, int partitions, long nowMs)
    {
        var manifest = new CheckpointManifest(lsn, partitions, nowMs);
        CheckpointFile.WriteAtomic(ManifestPath, ManifestFormat, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(manifest.Lsn);
            writer.Write(manifest.Partitions);
            writer.Write(manifest.CreatedMs);
        });
        Manifest = manifest;
        var current = $"-{lsn:D20}.ckpt";
        foreach (var file in Directory.EnumerateFiles(_directory, "*.ckpt"))
        {
            var name = Path.GetFileName(file);
            if (name != "manifest.ckpt" && !name.EndsWith(current, StringComparison.Ordinal)) File.Delete(file);
        }
    }

    private static CheckpointManifest ReadManifest(Stream stream, uint version)
    {
        if (version != ManifestFormat) throw new InvalidDataException($"checkpoint manifest format {version} is not supported");
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        return new CheckpointManifest(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt64());
    }
}
