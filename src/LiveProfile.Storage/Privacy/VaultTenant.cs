namespace LiveProfile.Storage.Privacy;

/// <summary>One tenant's keys in the vault.</summary>
internal sealed class VaultTenant(int index, string name, byte[] hmacKey, byte[] quarantineKey)
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    public byte[] HmacKey { get; } = hmacKey;

    public byte[] QuarantineKey { get; } = quarantineKey;

    public UserKeyTable UserKeys { get; } = new();

    /// <summary>Key ids destroyed at least once (kept so a blob under a destroyed key reads as erased, not as tampered).</summary>
    public HashSet<ulong>? Destroyed { get; set; }
}
