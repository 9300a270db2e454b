using LiveProfile.Simulation.Catalog;

namespace LiveProfile.Simulation.Rooms;

/// <summary>
/// Rooms and their broadcasts: each room goes live on most days at its usual hour (late-night
/// rooms at 22:00–23:00, so that they run past midnight), for two to four hours, presenting a
/// line-up of its categories' products a few minutes each, with coupon drops.
/// </summary>
internal sealed class SessionScheduler
{
    private static readonly string[] StreamerNames =
        ["小雅", "阿杰", "琳达", "大鹏", "甜甜", "老王", "晓晓", "明哥", "可可", "静姐", "阿峰", "小鹿", "辣妈丽丽", "数码老李", "健身阿豪", "茶小姐"];

    private static readonly int[] CouponValues = [5, 10, 20, 30, 50];
    private static readonly int[] DayHours = [10, 14, 19, 19, 20, 20, 21];
    private const long DemoSessionMs = 2 * 3_600_000L;
    private readonly ProductCatalog _catalog;
    private readonly int _seed;

    public SessionScheduler(ProductCatalog catalog, int rooms, int seed)
    {
        _catalog = catalog;
        _seed = seed;
        var random = new Random(unchecked(seed * 31 + 2));
        var list = new SimRoom[rooms];
        for (var i = 0; i < rooms; i++)
        {
            var main = i % ProductCatalog.CategoryCount;
            int[] categories = random.NextDouble() < 0.35 ? [main, (main + 1 + random.Next(ProductCatalog.CategoryCount - 1)) % ProductCatalog.CategoryCount] : [main];
            var late = i % 5 == 4;
            var hour = late ? 22 + random.Next(2) : DayHours[random.Next(DayHours.Length)];
            var streamer = StreamerNames[i % StreamerNames.Length] + (i >= StreamerNames.Length ? (i / StreamerNames.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
            list[i] = new SimRoom(i, $"room{i + 1:D3}", streamer, categories, hour, random.Next(4) * 15, late, 1.0 / Math.Pow(i + 1, 0.8));
        }
        Rooms = list;
    }

    public IReadOnlyList<SimRoom> Rooms { get; }

    /// <summary>
    /// The broadcasts that start on local day <paramref name="day"/> (days since the epoch, UTC+8).
    /// With <paramref name="alwaysLiveFromMs"/>, the first rooms also broadcast back to back from then on (the demo).
    /// </summary>
    public List<SessionPlan> SessionsOn(int day, long alwaysLiveFromMs = long.MaxValue)
    {
        var random = new Random(Seeds.Derive(_seed, day, 17));
        var sessions = new List<SessionPlan>();
        var dayStart = SimClock.DayStartMs(day);
        foreach (var room in Rooms)
        {
            if (random.NextDouble() > 0.8) continue; // a day off
            var start = dayStart + (room.StartHour * 60L + room.StartMinute) * 60_000;
            var hours = 2 + random.Next(3);
            if (start + hours * 3_600_000L > alwaysLiveFromMs && room.Index < 3) continue; // the always-live schedule covers it
            sessions.Add(Plan(room, $"{room.Id}-{SimClock.DayLabel(day)}", start, start + hours * 3_600_000L, random));
        }
        if (alwaysLiveFromMs != long.MaxValue)
        {
            // The demo: rooms 1–3 broadcast two-hour sessions back to back from its start (staggered by 40 minutes).
            for (var r = 0; r < Math.Min(3, Rooms.Count); r++)
            {
                var anchor = alwaysLiveFromMs - r * 2_400_000L;
                var k = (long)Math.Ceiling((dayStart - anchor) / (double)DemoSessionMs);
                for (var start = anchor + k * DemoSessionMs; start < dayStart + SimClock.DayMs; start += DemoSessionMs)
                {
                    if (start + DemoSessionMs <= alwaysLiveFromMs) continue;
                    var label = $"{Rooms[r].Id}-{SimClock.DayLabel(day)}-{(start - dayStart) / 60_000:D4}";
                    sessions.Add(Plan(Rooms[r], label, start, start + DemoSessionMs, random));
                }
            }
        }
        return sessions;
    }

    private SessionPlan Plan(SimRoom room, string id, long start, long end, Random random)
    {
        var lineup = new List<int>();
        var size = 20 + random.Next(41);
        for (var i = 0; i < size; i++)
        {
            var category = room.Categories[random.Next(room.Categories.Length)];
            var products = _catalog.InCategory(category);
            var product = products[random.Next(products.Count)].Index;
            if (!lineup.Contains(product)) lineup.Add(product);
        }
        var slots = new List<SessionPlan.Slot>();
        var at = start;
        var next = 0;
        while (at < end)
        {
            var minutes = 3 + random.Next(6);
            var until = Math.Min(end, at + minutes * 60_000L);
            slots.Add(new SessionPlan.Slot(lineup[next++ % lineup.Count], at, until));
            at = until;
        }
        var coupons = new SessionPlan.CouponDrop[1 + random.Next(3)];
        for (var i = 0; i < coupons.Length; i++)
        {
            var drop = start + (long)((end - start) * (0.15 + 0.7 * random.NextDouble()));
            coupons[i] = new SessionPlan.CouponDrop($"cp-{id}-{i + 1}", drop, CouponValues[random.Next(CouponValues.Length)]);
        }
        Array.Sort(coupons, (a, b) => a.AtMs.CompareTo(b.AtMs));
        var names = string.Join("·", room.Categories.Select(c => CatalogData.Categories[c].Zh));
        return new SessionPlan
        {
            Id = id, Room = room, Title = $"{room.Streamer}的{names}专场", StartMs = start, EndMs = end,
            Lineup = [.. lineup], Slots = [.. slots], Coupons = coupons,
        };
    }
}
