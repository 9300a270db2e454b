using CsCheck;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Features;

/// <summary>
/// DESIGN.md decision 4: any arrival order of the same behaviour events gives the same features.
/// The catalog is master data and is loaded first. A live visit (events of one viewer in one
/// session less than the heartbeat timeout apart) is measured in arrival order, so generated
/// events are at least 200 s apart: each is its own visit, and visits are covered by their own tests.
/// </summary>
public sealed class OrderIndependenceTests
{
    private static readonly string[] Products = ["serum", "lipstick", "phone", "earbuds", "chips", "tea", "stroller", "yoga_mat"];

    private static List<EventRecord> Catalog() =>
    [
        Product("serum", "beauty/skincare/serum", 199, "珀莱雅", "国潮"),
        Product("lipstick", "beauty/makeup/lipstick", 89, "花西子", "国潮", "新品"),
        Product("phone", "digital/phone", 3999, "华为"),
        Product("earbuds", "digital/audio", 299, "小米", "新品"),
        Product("chips", "food/snack", 12, "三只松鼠"),
        Product("tea", "food/drink/tea", 68, "茶颜悦色", "国潮"),
        Product("stroller", "mother_baby/stroller", 1299, "好孩子"),
        Product("yoga_mat", "sports/yoga", 159, "Keep"),
    ];

    private static List<EventRecord> Behaviour(int seed)
    {
        var rng = new Random(seed);
        var users = new[] { Account(1), Viewer(2), Account(3) };
        var events = new List<EventRecord>();
        var n = rng.Next(5, 60);
        var slots = new HashSet<int>();
        for (var i = 0; i < n; i++)
        {
            var u = new[] { users[rng.Next(users.Length)] };
            int slot;
            do slot = rng.Next(200 * 432); while (!slots.Add(slot)); // 432 slots of 200 s a day, for 200 days
            var ts = T0 + slot * 200_000L + rng.Next(1000);
            var product = Products[rng.Next(Products.Length)];
            events.Add(rng.Next(9) switch
            {
                0 => User(EventType.LiveProductClick, ts, u, product, "room" + rng.Next(2), props: null),
                1 => User(EventType.ShopView, ts, u, product),
                2 => User(EventType.ShopCartAdd, ts, u, product),
                3 => Order(ts, u, 100 + rng.Next(900), rng.Next(2) == 0 ? "C" : null, (product, 100, rng.Next(2) * 10)),
                4 => User(EventType.LiveComment, ts, u, room: "room" + rng.Next(2), props: p => p.Text = "多少钱"),
                5 => User(EventType.LiveGift, ts, u, room: "room1", props: p => { p.GiftId = "rocket"; p.Value = rng.Next(1, 500); }),
                6 => User(EventType.LiveFollow, ts, u, room: "room" + rng.Next(2)),
                7 => User(EventType.ShopRefund, ts, u, props: p => { p.OrderId = "o"; p.Amount = 10; }),
                _ => User(EventType.LiveLike, ts, u, room: "room0", props: p => p.Count = rng.Next(1, 20)),
            });
        }
        return events;
    }

    [Fact]
    public void Dispatch_AnyPermutationOfBehaviourEvents_SameFeatures()
    {
        Gen.Int.Select(Gen.Int).Sample((seed, shuffleSeed) =>
        {
            var behaviour = Behaviour(seed);
            var shuffled = behaviour.OrderBy(_ => 0).ToList();
            new Random(shuffleSeed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

            var a = Run([.. Catalog(), .. behaviour]);
            var b = Run([.. Catalog(), .. shuffled]);
            var pa = a.Engines.SelectMany(e => e.Profiles.Select(p => (e, p))).OrderBy(x => x.p.Id).ToList();
            var pb = b.Engines.SelectMany(e => e.Profiles.Select(p => (e, p))).OrderBy(x => x.p.Id).ToList();
            Assert.Equal(pa.Select(x => x.p.Id), pb.Select(x => x.p.Id));
            for (var i = 0; i < pa.Count; i++) FeatureComparison.AssertSame(pa[i].e, pa[i].p, pb[i].e, pb[i].p);
        }, iter: 200);
    }

    internal static LocalPartitionHost Run(List<EventRecord> events, int partitions = 3)
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = partitions });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        // Deliver in small batches, as the pipeline does.
        var numbered = Numbered(events);
        for (var i = 0; i < numbered.Count; i += 7) dispatcher.DispatchAsync(numbered.Skip(i).Take(7).ToList()).GetAwaiter().GetResult();
        return host;
    }
}
