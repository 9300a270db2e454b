using CsCheck;
using LiveProfile.Storage.Dedup;

namespace LiveProfile.Storage.Tests.Dedup;

public sealed class UInt128SetTests
{
    [Fact]
    public void Operations_RandomSequence_MatchHashSet()
    {
        // Clustered low bits (the set indexes by them) force long probe chains and backward shifts; 0 is special-cased.
        var value = Gen.OneOf(Gen.Int[0, 40].Select(i => (UInt128)i), Gen.Int[0, 40].Select(i => ((UInt128)i << 64) | 7), Gen.UInt128);
        Gen.Select(Gen.Int[0, 2], value).Array[0, 400].Sample(ops =>
        {
            var set = new UInt128Set();
            var reference = new HashSet<UInt128>();
            foreach (var (op, v) in ops)
            {
                switch (op)
                {
                    case 0:
                        Assert.Equal(reference.Add(v == 0 ? 1 : v), set.Add(v));
                        break;
                    case 1:
                        Assert.Equal(reference.Remove(v == 0 ? 1 : v), set.Remove(v));
                        break;
                }

                Assert.Equal(reference.Contains(v == 0 ? 1 : v), set.Contains(v));
                Assert.Equal(reference.Count, set.Count);
            }

            foreach (var v in reference)
            {
                Assert.True(set.Contains(v));
            }
        }, iter: 300);
    }
}
