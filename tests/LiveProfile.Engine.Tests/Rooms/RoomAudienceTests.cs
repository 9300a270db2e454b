using CsCheck;
using LiveProfile.Engine.Rooms;

namespace LiveProfile.Engine.Tests.Rooms;

/// <summary>Room counters against a recount from scratch after random joins, leaves and tag changes.</summary>
public sealed class RoomAudienceTests
{
    private const int People = 40;
    private const int Tags = 6;

    private enum Op { Join, Leave, Gain, Lose }

    private static readonly Gen<(Op Op, int Person, int Tag, bool IsNew)> Step =
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, People - 1], Gen.Int[0, Tags - 1], Gen.Bool);

    [Fact]
    public void Counters_AfterRandomJoinsLeavesAndTagChanges_EqualARecount()
    {
        Step.Array[0, 400].Sample(steps =>
        {
            var room = new RoomAudience();
            var tags = Enumerable.Range(0, People).Select(_ => new HashSet<int>()).ToArray(); // each person's tags, present or not
            var present = new Dictionary<int, bool>();
            var entered = new Dictionary<int, long>();
            foreach (var (op, person, tag, isNew) in steps)
            {
                switch (op)
                {
                    // The partition calls in only for what happens: entering when absent, leaving when present, and tag
                    // changes of present viewers.
                    case Op.Join:
                        if (present.TryAdd(person, isNew))
                        {
                            entered[person] = 1_000_000L * person + tag; // any time; its own, so that leaving must give it back
                            room.Enter(person, tags[person].ToArray(), isNew, entered[person]);
                        }
                        break;
                    case Op.Leave:
                        if (present.Remove(person, out var wasNew)) room.Leave(person, tags[person].ToArray(), wasNew, entered[person]);
                        break;
                    case Op.Gain:
                        if (tags[person].Add(tag) && present.ContainsKey(person)) room.Move(tag, 1);
                        break;
                    case Op.Lose:
                        if (tags[person].Remove(tag) && present.ContainsKey(person)) room.Move(tag, -1);
                        break;
                }
            }
            Assert.Equal(present.Count, room.Viewers);
            Assert.Equal(present.Keys.Order().Select(p => (uint)p), room.Members.Values);
            Assert.Equal(present.Count, room.Members.Count);
            const long now = 90_000_000;
            Assert.Equal(present.Keys.Sum(p => now - entered[p]) / 1000, room.DwellSecondsAt(now));
            Assert.Equal(present.Count(p => p.Value), room.NewViewers);
            for (var tag = 0; tag < Tags; tag++)
            {
                Assert.Equal(present.Keys.Count(p => tags[p].Contains(tag)), room.CountOf(tag));
            }
            // Exactly the tags some present viewer carries are listed.
            Assert.Equal(Enumerable.Range(0, Tags).Where(t => present.Keys.Any(p => tags[p].Contains(t))), room.Counters.Select(c => c.Key).Order());
        }, iter: 1000);
    }

    [Fact]
    public void Leave_WithATagNeverCounted_RefusedLoudly()
    {
        var room = new RoomAudience();
        room.Enter(1, [], isNew: false);
        Assert.Throws<InvalidOperationException>(() => room.Leave(1, [3], wasNew: false));
        Assert.Throws<InvalidOperationException>(() => new RoomAudience().Leave(1, [], wasNew: false));
    }
}
