using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.Rooms;

namespace LiveProfile.Simulation.People;

/// <summary>
/// Draws the simulated population from latent personas: tastes concentrated on one or two
/// categories, a mix of traits at realistic rates, Zipf-like activity, demographics, and the
/// noise that belongs to people (unlinked identities, skewed phone clocks).
/// </summary>
internal static class PopulationBuilder
{
    private static readonly (string Province, string[] Cities, double Weight)[] Provinces =
    [
        ("广东", ["广州", "深圳", "佛山", "东莞"], 12), ("江苏", ["南京", "苏州", "无锡"], 8), ("浙江", ["杭州", "宁波", "温州"], 7),
        ("山东", ["济南", "青岛", "烟台"], 8), ("河南", ["郑州", "洛阳"], 7), ("四川", ["成都", "绵阳"], 6), ("上海", ["上海"], 4),
        ("北京", ["北京"], 4), ("湖北", ["武汉", "宜昌"], 4), ("湖南", ["长沙", "株洲"], 4), ("福建", ["福州", "厦门"], 3),
        ("河北", ["石家庄", "保定"], 5), ("安徽", ["合肥", "芜湖"], 4), ("陕西", ["西安"], 3), ("辽宁", ["沈阳", "大连"], 3),
        ("重庆", ["重庆"], 3), ("江西", ["南昌"], 3), ("云南", ["昆明"], 3), ("广西", ["南宁", "桂林"], 3), ("天津", ["天津"], 1.5),
        ("黑龙江", ["哈尔滨"], 2), ("吉林", ["长春"], 1.5), ("山西", ["太原"], 2), ("贵州", ["贵阳"], 2), ("新疆", ["乌鲁木齐"], 1.5),
        ("海南", ["海口", "三亚"], 0.8), ("内蒙古", ["呼和浩特"], 1.5), ("甘肃", ["兰州"], 1.5),
    ];

    private static readonly string[] NickStems = ["小", "阿", "大", "爱吃", "追光的", "快乐", "晚风", "橘子", "奶茶", "星星", "月亮", "不吃香菜的", "佛系"];
    private static readonly string[] NickRoots = ["鱼", "猫", "兔", "桃子", "熊", "宝", "姐", "仔", "酱", "汽水", "少女", "大叔", "同学", "妈妈"];
    private static readonly string[] NickSurnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "林", "何", "高", "罗", "郑"];
    private static readonly string[] NickGiven = ["雨", "欣", "怡", "梓", "涵", "子", "轩", "浩", "宇", "晨", "思", "佳", "诗", "琪", "博", "文", "嘉", "悦", "可", "然"];
    private static readonly string[] NickDecorations = ["", "", "", "_", "~", "❤", "🌸", "丶", "の", "123", "2026", "✨"];

    /// <param name="startDay">The first simulated local day; <paramref name="days"/> days are simulated.</param>
    public static SimPerson[] Build(SimulationOptions options, SessionScheduler scheduler, int startDay, int days)
    {
        var random = new Random(unchecked(options.Seed * 31 + 3));
        var people = new SimPerson[options.Users];
        var totalWeight = Provinces.Sum(p => p.Weight);
        var endDay = startDay + days;
        for (var i = 0; i < people.Length; i++)
        {
            var traits = DrawTraits(random);
            var interest = DrawInterest(random, traits);
            var main = ArgMax(interest);
            var hasAccount = random.NextDouble() < 0.9;
            if (!hasAccount) traits &= ~(Traits.HighValue | Traits.BigTicket | Traits.RepeatBuyer | Traits.QualitySeeker | Traits.Impulse);
            var female = random.NextDouble() < (main is 0 or 5 ? 0.85 : main is 1 or 2 ? 0.35 : 0.55);
            var (province, cities, _) = PickProvince(random, totalWeight);
            // Most accounts predate the run; a tenth register during it (new users).
            var registeredDay = random.NextDouble() < 0.1 ? startDay + random.Next(days) : startDay - 30 - random.Next(900);
            var activity = Math.Min(3.0, 0.04 / Math.Pow(random.NextDouble() * 0.98 + 0.02, 0.55)); // Zipf-like: most are occasional
            if ((traits & (Traits.LoyalFan | Traits.Chatter | Traits.SilentWatcher | Traits.ApplianceResearcher)) != 0) activity = Math.Max(activity, 0.3);
            var shift = (traits & Traits.Shifter) != 0;
            var churnDay = (traits & Traits.Churner) != 0 ? startDay + random.Next(Math.Max(1, days - 5)) : int.MaxValue;
            people[i] = new SimPerson
            {
                Index = i,
                Account = hasAccount ? $"u{i + 1:D7}" : null,
                Viewer = $"dy{i + 1:D8}",
                Device = $"dev-{(uint)random.Next():x8}",
                Nickname = Nickname(random, new Random(Seeds.Derive(options.Seed, i, 41))),
                Unlinked = hasAccount && random.NextDouble() < options.Noise.UnlinkedIdentities,
                ClockSkewMs = random.NextDouble() < options.Noise.SkewedClocks ? (random.NextDouble() < 0.5 ? -1 : 1) * (30_000 + random.Next(570_000)) : 0,
                Traits = traits,
                Interest = interest,
                ShiftDay = shift ? endDay - 3 - random.Next(Math.Min(days - 1, 24)) : int.MaxValue,
                ShiftCategory = shift ? (main + 1 + random.Next(ProductCatalog.CategoryCount - 1)) % ProductCatalog.CategoryCount : -1,
                ChurnDay = churnDay,
                LiveRate = options.Activity * activity * ((traits & Traits.SilentWatcher) != 0 ? 1.2 : 1),
                ShopRate = options.Activity * activity * (hasAccount ? 0.8 : 0),
                Rooms = PickRooms(random, scheduler, interest, traits),
                Gender = random.NextDouble() < 0.85 ? (female ? "female" : "male") : null,
                BirthYear = random.NextDouble() < 0.8 ? 2026 - (18 + (int)Math.Min(50, Math.Abs(NextGaussian(random) * 10 + 12))) : 0,
                Province = province,
                City = cities[random.Next(cities.Length)],
                RegisteredMs = SimClock.DayStartMs(registeredDay) + random.Next(86_400_000),
                DeclaresProfile = hasAccount && random.NextDouble() < 0.85,
                RepeatCategory = (traits & Traits.RepeatBuyer) != 0 ? (main is 3 or 5 or 0 ? main : 3) : -1,
            };
        }
        return people;
    }

    private static Traits DrawTraits(Random random)
    {
        var t = Traits.None;
        void Maybe(Traits trait, double p) { if (random.NextDouble() < p) t |= trait; }
        Maybe(Traits.NightOwl, 0.10);
        Maybe(Traits.PriceSensitive, 0.18);
        Maybe(Traits.Impulse, 0.10);
        Maybe(Traits.IngredientFocused, 0.08);
        Maybe(Traits.ReviewFocused, 0.10);
        Maybe(Traits.GiftGiver, 0.06);
        Maybe(Traits.LoyalFan, 0.12);
        Maybe(Traits.HighValue, 0.05);
        Maybe(Traits.BigTicket, 0.04);
        Maybe(Traits.RepeatBuyer, 0.12);
        Maybe(Traits.Churner, 0.10);
        Maybe(Traits.Shifter, 0.06);
        Maybe(Traits.Sharer, 0.05);
        Maybe(Traits.ApplianceResearcher, 0.04);
        Maybe(Traits.QualitySeeker, 0.06);
        Maybe(Traits.PromotionHunter, 0.07);
        Maybe(Traits.GuochaoFan, 0.08);
        // Silent watchers and chatters exclude each other.
        var x = random.NextDouble();
        if (x < 0.10) t |= Traits.SilentWatcher;
        else if (x < 0.19) t |= Traits.Chatter;
        if ((t & Traits.SilentWatcher) != 0) t &= ~(Traits.GiftGiver | Traits.Sharer);
        return t;
    }

    private static double[] DrawInterest(Random random, Traits traits)
    {
        var interest = new double[ProductCatalog.CategoryCount];
        var main = random.Next(interest.Length);
        if ((traits & Traits.ApplianceResearcher) != 0) main = 1;
        if ((traits & Traits.IngredientFocused) != 0 && main is not (0 or 3)) main = random.NextDouble() < 0.7 ? 0 : 3;
        if ((traits & Traits.BigTicket) != 0 && main is not (1 or 2)) main = random.NextDouble() < 0.5 ? 1 : 2;
        var focused = random.NextDouble() < 0.75;
        for (var c = 0; c < interest.Length; c++) interest[c] = 0.02 + random.NextDouble() * 0.08;
        interest[main] += focused ? 1.6 + random.NextDouble() : 0.3;
        if (random.NextDouble() < 0.35) interest[(main + 1 + random.Next(interest.Length - 1)) % interest.Length] += 0.5 + random.NextDouble() * 0.6;
        var sum = interest.Sum();
        for (var c = 0; c < interest.Length; c++) interest[c] /= sum;
        return interest;
    }

    private static int[] PickRooms(Random random, SessionScheduler scheduler, double[] interest, Traits traits)
    {
        var rooms = scheduler.Rooms;
        var scores = new double[rooms.Count];
        var nightOwl = (traits & Traits.NightOwl) != 0;
        for (var r = 0; r < rooms.Count; r++)
        {
            var fit = rooms[r].Categories.Sum(c => interest[c]);
            var timing = rooms[r].LateNight == nightOwl ? 1.0 : 0.05;
            scores[r] = fit * timing * rooms[r].Popularity * (0.5 + random.NextDouble());
        }
        var count = 2 + random.Next(3);
        return [.. Enumerable.Range(0, rooms.Count).OrderByDescending(r => scores[r]).Take(count)];
    }

    private static (string, string[], double) PickProvince(Random random, double total)
    {
        var x = random.NextDouble() * total;
        foreach (var p in Provinces)
        {
            x -= p.Weight;
            if (x <= 0) return p;
        }
        return Provinces[^1];
    }

    /// <summary>
    /// A stem, a root and a decoration (three draws of the run's generator, so the rest of the run does not depend on
    /// names); then, from the person's own generator, what makes most names personal: a surname, a second root, a
    /// number, or a given name. A fifth keep the bare stem and root, and share them with many (namesakes).
    /// </summary>
    private static string Nickname(Random random, Random own)
    {
        var stem = NickStems[random.Next(NickStems.Length)];
        var root = NickRoots[random.Next(NickRoots.Length)];
        var decoration = NickDecorations[random.Next(NickDecorations.Length)];
        var core = own.NextDouble() switch
        {
            < 0.2 => stem + root,
            < 0.45 => NickSurnames[own.Next(NickSurnames.Length)] + stem + root,
            < 0.65 => stem + root + NickRoots[own.Next(NickRoots.Length)],
            < 0.85 => stem + root + own.Next(1, 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => NickSurnames[own.Next(NickSurnames.Length)] + NickGiven[own.Next(NickGiven.Length)] + NickGiven[own.Next(NickGiven.Length)],
        };
        return core + decoration;
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    internal static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
