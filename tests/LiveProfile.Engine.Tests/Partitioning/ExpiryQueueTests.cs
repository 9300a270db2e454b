using CsCheck;
using LiveProfile.Engine.Partitioning.Live;

namespace LiveProfile.Engine.Tests.Partitioning;

/// <summary>The bucketed expiry queue hands out exactly the keys due before each take, like a sorted list would.</summary>
public sealed class ExpiryQueueTests
{
    [Fact]
    public void Takes_exactly_what_is_due_whatever_the_schedule()
    {
        // Operations: schedule (key, due) or take (before); due times around bucket edges, before 1970 too.
        var operation = Gen.OneOf(
            Gen.Select(Gen.Int[0, 50], Gen.Long[-30_000, 90_000], (k, due) => (Take: false, Key: k, Ms: due)),
            Gen.Long[-30_000, 100_000].Select(before => (Take: true, Key: 0, Ms: before)));
        operation.Array[1, 200].Sample(ops =>
        {
            var queue = new ExpiryQueue<int>();
            var model = new List<(int Key, long Due)>();
            var taken = new List<(int Key, long DueMs)>();
            foreach (var (take, key, ms) in ops)
            {
                if (!take)
                {
                    queue.Schedule(key, ms);
                    model.Add((key, ms));
                    continue;
                }
                queue.TakeDue(ms, taken);
                var expected = model.Where(e => e.Due < ms).Select(e => e.Key).Order().ToList();
                model.RemoveAll(e => e.Due < ms);
                Assert.Equal(expected, taken.Select(t => t.Key).Order().ToList());
                Assert.All(taken, t => Assert.True(t.DueMs < ms));
                taken.Clear();
            }
        }, iter: 500);
    }

    [Fact]
    public void A_key_scheduled_again_while_taking_waits_for_the_next_take()
    {
        var queue = new ExpiryQueue<string>();
        queue.Schedule("a", 5_000);
        queue.Schedule("b", 25_000);
        var taken = new List<(string Key, long DueMs)>();
        queue.TakeDue(20_000, taken);
        Assert.Equal([("a", 5_000L)], taken);
        queue.Schedule("a", 6_000); // handled, still held, and already due again
        taken.Clear();
        queue.TakeDue(20_000, taken);
        Assert.Equal([("a", 6_000L)], taken);
        taken.Clear();
        queue.TakeDue(25_000, taken); // due strictly before
        Assert.Empty(taken);
        queue.TakeDue(25_001, taken);
        Assert.Equal([("b", 25_000L)], taken);
    }
}
