using CsCheck;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tests.Features;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Segments;

/// <summary>The partitions' tag bitmaps follow the profiles' tags through events, merges and reused ordinals.</summary>
public sealed class TagBitmapMaintenanceTests
{
    /// <summary>Shares, gifts and orders of a few viewers and accounts, some of them linked (merges free ordinals).</summary>
    private static List<EventRecord> Activity(int seed)
    {
        var rng = new Random(seed);
        var events = new List<EventRecord> { Product("tea", "food/drink/tea", 68), Product("phone", "digital/phone", 3999) };
        for (var i = 0; i < rng.Next(20, 120); i++)
        {
            var n = (ulong)rng.Next(1, 9);
            var ts = T0 + i * 60_000L;
            Pseudonym[] who = rng.Next(2) == 0 ? [Viewer(n)] : [Account(n)];
            events.Add(rng.Next(6) switch
            {
                0 => User(EventType.LiveShare, ts, who, room: "room1", props: p => p.Channel = "wechat"),
                1 => User(EventType.LiveGift, ts, who, room: "room1", props: p => { p.GiftId = "rocket"; p.Value = rng.Next(20, 200); }),
                2 => Order(ts, who, 3999, null, ("phone", 3999, 0)),
                3 => Order(ts, who, 68, "C1", ("tea", 68, 10)),
                4 => User(EventType.IdentityLink, ts, [Viewer(n), Account(n)]),
                _ => User(EventType.LiveLike, ts, who, room: "room1", props: p => p.Count = 3),
            });
        }
        return events;
    }

    [Fact]
    public void Bitmaps_AfterRandomActivityAndMerges_EqualTheProfilesTags()
    {
        Gen.Int.Sample(seed =>
        {
            var host = OrderIndependenceTests.Run(Activity(seed), partitions: 3);
            foreach (var engine in host.Engines)
            {
                engine.CompleteTagWork();
                var byOrdinal = engine.Profiles.ToDictionary(p => (uint)p.Ordinal);
                using (var live = SegmentEvaluator.Evaluate(new NotNode(new TagTerm("no_such_tag_anywhere")), engine.Bitmaps))
                {
                    Assert.Equal(byOrdinal.Keys.Order(), live.Values.ToList());
                }
                foreach (var tag in engine.Taxonomy.Tags)
                {
                    using var members = SegmentEvaluator.Evaluate(new TagTerm(tag.Id), engine.Bitmaps);
                    var expected = engine.Profiles.Where(p => p.IndexOfTag(tag.Key) >= 0).Select(p => (uint)p.Ordinal).Order().ToList();
                    Assert.Equal(expected, members.Values.ToList());
                }
            }
        }, iter: 100);
    }
}
