using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.People;

namespace LiveProfile.Simulation.Identities;

/// <summary>
/// The simulator's people as split identities: every person's live viewer identity, to be matched against the shop
/// accounts (one per person who has one). The viewer and the account share what the simulator gives the person (its
/// nickname, its phone, where it lives) with the noise of two platforms: the live app sees a re-decorated or mistyped
/// nickname, usually the same phone (device id), a region from the network address, sometimes the bound phone number;
/// the shop has the nickname, the phone number, the devices it was used from and the delivery address. Both see the
/// person's product touches (<see cref="ProductTouches"/>): live clicks, and shop views that often follow them.
/// </summary>
internal static class SimulatedSplitIdentities
{
    private static readonly string[] Districts = ["东区", "西区", "南区", "北区", "新区", "高新区", "开发区", "老城区"];
    private static readonly string[] Roads = ["人民路", "解放路", "中山路", "建设路", "和平路", "文化路", "长江路", "黄河路", "胜利路", "新华路", "青年路", "东风路"];
    private static readonly string[] Compounds = ["阳光花园", "幸福小区", "锦绣家园", "绿地城", "万科城", "碧桂园", "金色港湾", "翠苑", "枫林湾", "海棠苑"];

    public static SplitIdentitySet Build(SimulationOptions options)
    {
        var people = new LiveCommerceSimulation(options).People;
        var random = new Random(unchecked(options.Seed * 97 + 11));
        var accounts = new List<IdentityRecord>();
        var viewers = new List<IdentityRecord>();
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var core = Core(person.Nickname);
            var phone = $"phone-{(uint)Seeds.Derive(options.Seed, person.Index, 7):x8}{(uint)Seeds.Derive(options.Seed, person.Index, 17):x8}";
            var others = $"dev-{(uint)Seeds.Derive(options.Seed, person.Index, 8):x8}";
            var address = new[]
            {
                Districts[random.Next(Districts.Length)], Roads[random.Next(Roads.Length)] + $"{random.Next(1, 400)}号",
                Compounds[random.Next(Compounds.Length)], $"{random.Next(1, 30)}栋",
            };
            var category = person.DrawCategory(random, 0);
            var (viewerTouches, accountTouches) = ProductTouches.Draw(random,
                r => $"p{category}-{(int)(300 * Math.Pow(r.NextDouble(), 3))}", clicking: 0.8, followed: 0.6);
            if (person.Account is { } account)
            {
                accounts.Add(new IdentityRecord("account:" + account,
                    random.NextDouble() < 0.9 ? NicknameNoise.Decorate(core, random) : null,
                    random.NextDouble() < 0.3 ? [person.Device, others] : [person.Device],
                    random.NextDouble() < 0.95 ? phone : null,
                    person.Province, person.City,
                    random.NextDouble() < 0.9 ? address : null,
                    accountTouches));
                truth["viewer:" + person.Viewer] = "account:" + account;
            }
            var (province, city) = NetworkRegion(person, people, random);
            viewers.Add(new IdentityRecord("viewer:" + person.Viewer,
                ViewerNickname(core, random),
                random.NextDouble() < 0.85 ? [person.Device] : [$"dev-{(uint)Seeds.Derive(options.Seed, person.Index, 9):x8}"],
                random.NextDouble() < 0.3 ? phone : null,
                province, city,
                null,
                viewerTouches));
        }
        return new SplitIdentitySet("simulator", accounts, viewers, truth);
    }

    private static string ViewerNickname(string core, Random random)
    {
        var x = random.NextDouble();
        var name = x < 0.1 ? NicknameNoise.Homophone(core, random) : x < 0.15 ? NicknameNoise.DropOne(core, random) : x < 0.2 ? NicknameNoise.ToTraditional(core) : core;
        return NicknameNoise.Decorate(name, random);
    }

    /// <summary>Where the network address places the viewer: its city mostly, sometimes another person's city, sometimes nowhere.</summary>
    private static (string? Province, string? City) NetworkRegion(SimPerson person, SimPerson[] people, Random random)
    {
        var x = random.NextDouble();
        if (x < 0.85) return (person.Province, person.City);
        if (x < 0.95)
        {
            var elsewhere = people[random.Next(people.Length)];
            return (elsewhere.Province, elsewhere.City);
        }
        return (null, null);
    }

    /// <summary>The simulator's nickname without its decoration (a stem and a root, then one of a few marks).</summary>
    private static string Core(string nickname) =>
        new([.. nickname.Where(c => char.IsLetterOrDigit(c) && c is not ('丶' or 'の'))]);
}
