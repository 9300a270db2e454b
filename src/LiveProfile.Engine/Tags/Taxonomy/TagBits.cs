namespace LiveProfile.Engine.Tags.Taxonomy;

/// <summary>Fixed-size bit sets over a taxonomy's tag indexes (a few words: a taxonomy has at most a few thousand tags).</summary>
internal static class TagBits
{
    public static ulong[] Create(int tags) => new ulong[(tags + 63) >> 6];

    public static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);

    public static bool IsSet(ReadOnlySpan<ulong> bits, int index) => (bits[index >> 6] & (1UL << (index & 63))) != 0;

    public static void Or(Span<ulong> target, ReadOnlySpan<ulong> source)
    {
        for (var i = 0; i < target.Length; i++) target[i] |= source[i];
    }
}
