using System.Text;

namespace LiveProfile.Simulation.Identities;

/// <summary>How a nickname differs between platforms: decorations, homophone typos (输入法), a dropped character, traditional forms.</summary>
internal static class NicknameNoise
{
    public static readonly string[] Decorations = ["_", "~", "❤", "🌸", "丶", "の", "✨", "ゞ", "°", "灬", "💕", "(＾▽＾)", "ღ", "★"];

    // Characters and a homophone an input method offers next to them.
    private static readonly Dictionary<char, char> Homophones = new()
    {
        ['美'] = '媄', ['眉'] = '梅', ['小'] = '晓', ['宝'] = '保', ['鱼'] = '余', ['猫'] = '毛', ['兔'] = '图', ['桃'] = '陶',
        ['熊'] = '雄', ['姐'] = '解', ['仔'] = '子', ['酱'] = '将', ['星'] = '心', ['月'] = '悦', ['晚'] = '婉', ['风'] = '枫',
        ['橘'] = '菊', ['乐'] = '勒', ['快'] = '块', ['光'] = '广', ['茶'] = '查', ['糖'] = '唐', ['雪'] = '学', ['婷'] = '亭',
        ['丽'] = '莉', ['静'] = '靜', ['伟'] = '玮', ['芳'] = '方', ['娜'] = '那', ['敏'] = '闵', ['强'] = '墙', ['磊'] = '垒',
        ['洋'] = '阳', ['艳'] = '燕', ['杰'] = '洁', ['涛'] = '滔', ['明'] = '鸣', ['超'] = '潮', ['秀'] = '琇', ['霞'] = '侠',
    };

    // A few simplified characters and the traditional form some users type.
    private static readonly Dictionary<char, char> Traditional = new()
    {
        ['乐'] = '樂', ['风'] = '風', ['鱼'] = '魚', ['猫'] = '貓', ['宝'] = '寶', ['晓'] = '曉', ['丽'] = '麗', ['静'] = '靜', ['伟'] = '偉', ['艳'] = '艷',
    };

    public static string Decorate(string core, Random random) => random.Next(3) switch
    {
        0 => core,
        1 => core + Decorations[random.Next(Decorations.Length)],
        _ => Decorations[random.Next(Decorations.Length)] + core + Decorations[random.Next(Decorations.Length)],
    };

    /// <summary>One character replaced by a homophone, if the core has one that has.</summary>
    public static string Homophone(string core, Random random)
    {
        var positions = Enumerable.Range(0, core.Length).Where(i => Homophones.ContainsKey(core[i])).ToList();
        if (positions.Count == 0) return core;
        var at = positions[random.Next(positions.Count)];
        return string.Concat(core.AsSpan(0, at), Homophones[core[at]].ToString(), core.AsSpan(at + 1));
    }

    public static string ToTraditional(string core)
    {
        var sb = new StringBuilder(core.Length);
        foreach (var c in core) sb.Append(Traditional.GetValueOrDefault(c, c));
        return sb.ToString();
    }

    public static string DropOne(string core, Random random)
    {
        if (core.Length < 3) return core;
        var at = random.Next(core.Length);
        return core.Remove(at, 1);
    }
}
