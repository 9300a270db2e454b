using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveProfile.Engine.Segments;

/// <summary>
/// Counts the profiles in every one of some bitsets and none of others in one pass: 256 bits at a time, every
/// operand's next words are combined and counted, so each operand is read once, as one sequential stream. (Combining
/// block by block, one operand after another, measured twice as slow: the hardware prefetcher restarts at every block.)
/// </summary>
internal static class DenseIntersection
{
    /// <param name="all">Bitsets every counted profile is in; past the shortest, no one is in all of them.</param>
    /// <param name="none">Bitsets no counted profile is in; each at least as long as the shortest of <paramref name="all"/>.</param>
    public static long Count(ulong[][] all, ulong[][] none)
    {
        if (all.Length == 0) throw new ArgumentException("at least one bitset must be required", nameof(all));
        var words = all.Min(bits => bits.Length);
        if (none.Any(bits => bits.Length < words)) throw new ArgumentException("a negated bitset is shorter than the required ones", nameof(none));
        long count = 0;
        var i = 0;
        for (; i + Vector256<ulong>.Count <= words; i += Vector256<ulong>.Count)
        {
            var at = (nuint)i;
            var acc = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(all[0]), at);
            for (var k = 1; k < all.Length; k++) acc &= Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(all[k]), at);
            for (var k = 0; k < none.Length; k++) acc = Vector256.AndNot(acc, Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(none[k]), at));
            count += BitOperations.PopCount(acc.GetElement(0)) + BitOperations.PopCount(acc.GetElement(1))
                + BitOperations.PopCount(acc.GetElement(2)) + BitOperations.PopCount(acc.GetElement(3));
        }
        for (; i < words; i++)
        {
            var word = all[0][i];
            for (var k = 1; k < all.Length; k++) word &= all[k][i];
            foreach (var bits in none) word &= ~bits[i];
            count += BitOperations.PopCount(word);
        }
        return count;
    }
}
