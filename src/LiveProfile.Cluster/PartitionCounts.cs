namespace LiveProfile.Cluster;

/// <summary>
/// Profiles held by each partition of this silo, as its grain last reported them (after activation, every batch, extract
/// and absorb). Readable at any time without a grain call, so <c>/health</c> and <c>/metrics</c> never wait behind a
/// partition's turn (a checkpoint of millions of profiles takes seconds).
/// </summary>
public sealed class PartitionCounts(int partitions)
{
    private readonly int[] _profiles = new int[partitions];

    public void Report(int partition, int profiles)
    {
        if ((uint)partition < (uint)_profiles.Length) Volatile.Write(ref _profiles[partition], profiles);
    }

    /// <summary>Profiles over all partitions.</summary>
    public long Profiles
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _profiles.Length; i++) sum += Volatile.Read(ref _profiles[i]);
            return sum;
        }
    }
}
