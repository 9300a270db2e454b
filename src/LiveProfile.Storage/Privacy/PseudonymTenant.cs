namespace LiveProfile.Storage.Privacy;

/// <summary>A tenant's HMAC key (a copy) and its pseudonym cache.</summary>
internal sealed class PseudonymTenant(byte[] key, PseudonymCache? cache)
{
    public byte[] Key { get; } = key;

    public PseudonymCache? Cache { get; } = cache;
}
