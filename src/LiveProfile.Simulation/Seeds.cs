namespace LiveProfile.Simulation;

/// <summary>
/// Seeds derived from the run's seed, stable across processes and machines (unlike
/// <see cref="HashCode"/>, which is randomised per process).
/// </summary>
internal static class Seeds
{
    public static int Derive(int seed, int a, int b = 0)
    {
        // SplitMix64 finaliser over the packed inputs.
        var x = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)a << 21 ^ (ulong)(uint)b << 42 ^ (ulong)(uint)b);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (int)(x & int.MaxValue);
    }
}
