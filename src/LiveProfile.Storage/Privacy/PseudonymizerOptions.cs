namespace LiveProfile.Storage.Privacy;

/// <summary>Options of <see cref="Pseudonymizer"/>.</summary>
public sealed class PseudonymizerOptions
{
    /// <summary>
    /// Bound of the per-tenant raw value → pseudonym cache (process memory only, never persisted).
    /// 0 disables it. Default 1,000,000 (roughly 100 MB for a tenant at the bound).
    /// </summary>
    public int CacheCapacityPerTenant { get; set; } = 1_000_000;
}
