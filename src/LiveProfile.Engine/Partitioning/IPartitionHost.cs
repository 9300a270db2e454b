namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Where partitions live: in this process (<see cref="LocalPartitionHost"/>) or as Orleans grains.
/// Calls to one partition are made one at a time, in log order, by <see cref="EngineDispatcher"/>.
/// </summary>
public interface IPartitionHost
{
    int Partitions { get; }
    Task ApplyAsync(int partition, IReadOnlyList<PartitionCommand> batch, long watermarkMs);
    Task<byte[]?> ExtractAsync(int partition, ulong profile, long lsn);
    Task AbsorbAsync(int partition, ulong target, byte[] state, long lsn);
}
