namespace LiveProfile.Simulation.Identities;

/// <summary>
/// A second set, generated differently from the simulator: people named from surnames and given names (and Latin
/// handles built from them), a share of them using one of a few very popular nicknames (namesakes), regions uniform over
/// the provinces, and other noise: city and province swapped, Latin typos, upper case, a fifth of viewers watching from a
/// device the shop never saw, a bound phone for two viewers in five only. Viewers without an account are a third of the set.
/// </summary>
internal static class IndependentSplitIdentities
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玲", "鑫", "婷", "雪", "晨", "宇", "欣", "琳", "浩", "佳", "思", "怡", "子", "涵", "梓", "萱"];
    private static readonly string[] Popular = ["小可爱", "开心就好", "岁月静好", "随风", "简单", "微笑", "向日葵", "阳光"];
    private static readonly string[] Latin = ["lucky", "sunny", "coco", "momo", "lily", "kiki", "amy", "jack", "leo", "tina"];
    private static readonly (string Province, string City)[] Regions =
    [
        ("广东", "广州"), ("广东", "深圳"), ("江苏", "南京"), ("江苏", "苏州"), ("浙江", "杭州"), ("山东", "济南"), ("河南", "郑州"),
        ("四川", "成都"), ("湖北", "武汉"), ("湖南", "长沙"), ("福建", "厦门"), ("陕西", "西安"), ("辽宁", "沈阳"), ("重庆", "重庆"),
        ("上海", "上海"), ("北京", "北京"), ("天津", "天津"), ("云南", "昆明"), ("广西", "南宁"), ("安徽", "合肥"),
    ];
    private static readonly string[] Streets = ["友谊路", "朝阳街", "学府路", "滨江大道", "光明街", "桂花路", "公园路", "体育路", "迎宾大道", "复兴路", "民主路", "工业路", "花园街", "太平街", "北京路", "上海路"];

    /// <param name="viewersFrom">Keep the viewers of people from this index on only (large sets for timing; the draws are the same).</param>
    public static SplitIdentitySet Build(int people, int seed, int viewersFrom = 0)
    {
        var random = new Random(seed);
        var accounts = new List<IdentityRecord>();
        var viewers = new List<IdentityRecord>();
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < people; i++)
        {
            var name = Name(random);
            var (province, city) = Regions[random.Next(Regions.Length)];
            var phone = $"tel-{random.NextInt64():x16}";
            var device = $"imei-{random.NextInt64():x16}";
            var otherDevice = $"imei-{random.NextInt64():x16}"; // a tablet, a second phone
            var viewerId = $"viewer:v{i}";
            var (viewerTouches, accountTouches) = ProductTouches.Draw(random,
                r => $"item-{(int)(5000 * Math.Pow(r.NextDouble(), 2.5))}", clicking: 0.7, followed: 0.5);
            if (random.NextDouble() < 2.0 / 3)
            {
                var accountId = $"account:a{i}";
                var swapped = random.NextDouble() < 0.05;
                accounts.Add(new IdentityRecord(accountId,
                    random.NextDouble() < 0.85 ? name : null,
                    random.NextDouble() < 0.85 ? [device] : null,
                    random.NextDouble() < 0.9 ? phone : null,
                    swapped ? city : province, swapped ? province : city,
                    random.NextDouble() < 0.8 ? [Streets[random.Next(Streets.Length)], $"{random.Next(1, 999)}号", $"{random.Next(1, 40)}单元"] : null,
                    accountTouches));
                truth[viewerId] = accountId;
            }
            var viewer = new IdentityRecord(viewerId,
                random.NextDouble() < 0.95 ? Vary(name, random) : null,
                random.NextDouble() < 0.8 ? [device] : [otherDevice],
                random.NextDouble() < 0.4 ? phone : null,
                random.NextDouble() < 0.8 ? province : null, random.NextDouble() < 0.7 ? city : null,
                null,
                viewerTouches);
            if (i >= viewersFrom) viewers.Add(viewer);
        }
        return new SplitIdentitySet("independent", accounts, viewers, truth);
    }

    private static string Name(Random random)
    {
        var x = random.NextDouble();
        if (x < 0.05) return Popular[random.Next(Popular.Length)]; // namesakes
        var given = Given[random.Next(Given.Length)] + (random.Next(2) == 0 ? Given[random.Next(Given.Length)] : "");
        if (x < 0.3) return Latin[random.Next(Latin.Length)] + random.Next(10, 9999);
        var surname = Surnames[random.Next(Surnames.Length)];
        return x < 0.75 ? surname + given : given + random.Next(80, 100) + (random.Next(3) == 0 ? "年" : "");
    }

    private static string Vary(string name, Random random)
    {
        var x = random.NextDouble();
        if (x < 0.1) name = NicknameNoise.Homophone(name, random);
        else if (x < 0.15 && name.Any(char.IsAsciiLetter)) name = LatinTypo(name, random);
        else if (x < 0.2) name = name.ToUpperInvariant();
        return random.NextDouble() < 0.5 ? NicknameNoise.Decorate(name, random) : name;
    }

    /// <summary>Two neighbouring letters swapped.</summary>
    private static string LatinTypo(string name, Random random)
    {
        var letters = name.ToCharArray();
        var at = random.Next(Math.Max(1, letters.Length - 1));
        if (at + 1 < letters.Length && char.IsAsciiLetter(letters[at]) && char.IsAsciiLetter(letters[at + 1])) (letters[at], letters[at + 1]) = (letters[at + 1], letters[at]);
        return new string(letters);
    }
}
