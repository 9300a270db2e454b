namespace LiveProfile.Engine.Partitioning;

/// <summary>Where a partition's checkpoints live; the host loads on activation and saves when told.</summary>
public interface IPartitionStateStore
{
    /// <summary>The partition as of the last complete checkpoint, or null to start empty.</summary>
    PartitionEngine? Load(int partition, EngineOptions options, Tags.TagRuntime tags);

    /// <summary>Writes the partition's checkpoint for log position <paramref name="lsn"/> durably.</summary>
    void Save(PartitionEngine engine, long lsn);
}
