using CsCheck;
using LiveProfile.Storage.Privacy;

namespace LiveProfile.Storage.Tests.Privacy;

public sealed class UserKeyTableTests
{
    [Fact]
    public void Operations_RandomSequence_MatchDictionary()
    {
        // Small key domain and clustered ids: long probe chains, many backward shifts.
        var key = Gen.OneOf(Gen.ULong[0, 64], Gen.ULong[0, 64].Select(k => k << 40), Gen.ULong);
        Gen.Select(Gen.Int[0, 2], key).Array[0, 400].Sample(ops =>
        {
            var table = new UserKeyTable();
            var reference = new Dictionary<ulong, int>();
            var next = 0;
            foreach (var (op, k) in ops)
            {
                switch (op)
                {
                    case 0 when !reference.ContainsKey(k):
                        table.Add(k, next);
                        reference[k] = next++;
                        break;
                    case 1:
                        Assert.Equal(reference.Remove(k, out var expectedSlot), table.Remove(k, out var slot));
                        if (slot >= 0)
                        {
                            Assert.Equal(expectedSlot, slot);
                        }

                        break;
                }

                Assert.Equal(reference.TryGetValue(k, out var want), table.TryGet(k, out var got));
                if (got >= 0)
                {
                    Assert.Equal(want, got);
                }

                Assert.Equal(reference.Count, table.Count);
            }

            foreach (var (k, v) in reference)
            {
                Assert.True(table.TryGet(k, out var slot));
                Assert.Equal(v, slot);
            }

            var seen = 0;
            for (var i = 0; i < table.Capacity; i++)
            {
                if (table.TryGetAt(i, out var k, out var slot))
                {
                    Assert.Equal(reference[k], slot);
                    seen++;
                }
            }

            Assert.Equal(reference.Count, seen);
        }, iter: 300);
    }
}
