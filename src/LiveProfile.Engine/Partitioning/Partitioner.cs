namespace LiveProfile.Engine.Partitioning;

/// <summary>partition = hash(canonical profile id) mod P. The id is already a keyed hash; remix it so that P need not be odd.</summary>
public static class Partitioner
{
    public static int PartitionOf(ulong profileId, int partitions)
    {
        var mixed = profileId * 0x9E3779B97F4A7C15UL;
        return (int)((mixed >> 32) % (uint)partitions);
    }
}
