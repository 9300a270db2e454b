namespace LiveProfile.Storage.Dedup;

/// <summary>The ids first seen in one time bucket: [Index·width, (Index+1)·width) of receivedMs.</summary>
internal sealed class DedupBucket(long index, UInt128Set ids)
{
    public long Index { get; } = index;

    public UInt128Set Ids { get; } = ids;
}
