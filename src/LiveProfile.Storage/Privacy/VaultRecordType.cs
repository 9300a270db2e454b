namespace LiveProfile.Storage.Privacy;

/// <summary>Record types of <c>keys.vault</c>. Persisted: append only, never renumber.</summary>
internal enum VaultRecordType : byte
{
    /// <summary>u16 name length ‖ UTF-8 name ‖ 32-byte HMAC key ‖ 32-byte quarantine key. Tenant index = order in the file.</summary>
    Tenant = 1,

    /// <summary>u32 tenant index ‖ u64 key id ‖ 32-byte AES-256 key.</summary>
    UserKey = 2,

    /// <summary>u32 tenant index ‖ u64 key id: the key was destroyed (crypto-shredded).</summary>
    Destroy = 3,
}
