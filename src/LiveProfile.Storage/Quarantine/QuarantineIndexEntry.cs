namespace LiveProfile.Storage.Quarantine;

/// <summary>What the store keeps in memory of an entry: where it is, its code (interned per tenant), whether it was replayed.</summary>
internal struct QuarantineIndexEntry
{
    public long Seq;
    public long Offset;
    public int CodeId;
    public bool Replayed;
}
