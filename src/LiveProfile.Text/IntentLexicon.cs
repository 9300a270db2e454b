namespace LiveProfile.Text;

/// <summary>
/// High-precision cue lists per intent, matched as substrings of the normalised comment
/// (simplified, lower-case, half-width). A cue nested inside a longer cue of another intent
/// does not count (还没发货 is a complaint, not a shipping question; 好用吗 asks about the
/// effect, it is not praise). Cues are the words a live-commerce operator would list; ambiguous
/// ones (蹲, 冲冲冲, 链接 alone) are left to the model.
/// </summary>
internal static class IntentLexicon
{
    private static readonly (string Intent, string[] Cues)[] Table =
    [
        (CommentIntents.AskIngredient, ["成分", "配方", "含量", "配料", "添加剂", "防腐剂", "香精", "含酒精", "能用吗", "可以用吗", "能不能用",
            "致敏", "过敏原", "纯棉", "面料", "含糖", "烟酰胺", "玻尿酸", "孕妇能"]),
        (CommentIntents.AskPrice, ["多少钱", "价格", "价钱", "优惠", "券", "便宜点", "便宜吗", "打折", "几折", "折扣", "满减", "到手价",
            "多少米", "直播间价", "原价", "降价", "少点", "什么价", "划算", "价位", "砍价", "价保", "返现", "几块钱", "再减", "报个价"]),
        (CommentIntents.AskSize, ["尺码", "什么码", "哪个码", "几个码", "大码", "码数", "鞋码", "偏大", "偏小", "多大", "容量", "毫升",
            "尺寸", "多少克", "净含量", "规格", "多少升", "几口人", "多重", "长宽高", "小样", "正装", "能穿吗", "斤穿", "几片", "一盒几"]),
        (CommentIntents.AskEffect, ["效果怎么样", "效果好吗", "有效果吗", "效果如何", "有用吗", "管用吗", "见效", "美白吗", "保湿吗",
            "控油吗", "好用吗", "吸力大吗", "持妆久吗", "能瘦吗", "保暖吗", "去污", "祛痘", "去毛球", "去黄", "会不会掉色", "管用不",
            "效果好不好", "好不好用", "续航多久"]),
        (CommentIntents.AskShipping, ["发货", "包邮", "快递", "几天能到", "几天到", "现货", "多久发", "运费险", "预售", "送到", "顺丰",
            "中通", "圆通", "韵达", "邮政", "京东", "几号发", "哪里发", "物流", "包换", "退换", "到付", "多久能收到", "到货"]),
        (CommentIntents.AskReview, ["测评", "评测", "对比", "参数", "实测", "真实评价", "口碑", "平替", "跑分", "功率", "分贝", "买家秀",
            "配置", "芯片", "哪个好", "比怎么样", "买过的", "测一下", "评价", "好评率", "区别", "测过", "回头客", "差评多", "说下体验",
            "用过的", "用过这"]),
        (CommentIntents.Praise, ["太好用", "真好用", "yyds", "绝绝子", "绝了", "回购", "爱了", "质量很好", "质量好", "性价比高",
            "性价比超高", "很满意", "好吃", "颜值", "推荐的都", "会选品", "变好了", "强推", "好美", "讲得好"]),
        (CommentIntents.Complaint, ["还没发货", "没发货", "还没收到", "没收到", "太差", "质量差", "过敏了", "不回", "假货", "退款",
            "太贵了", "不值", "坏了", "坏的", "骗人", "差评", "烂脸", "不一样", "怪味", "踩雷", "失望", "太坑", "气死", "太慢", "补差价", "发错", "掉色", "不会再买", "比别家贵"]),
        (CommentIntents.PurchaseIntent, ["已拍", "拍了", "下单了", "已下单", "想要", "上链接", "已付款", "抢到了", "我要", "扣1",
            "给我来", "买买买", "加购", "冲了", "补货", "入手了", "拍下", "囤"]),
        (CommentIntents.Other, ["晚上好", "来了来了", "打卡", "背景音乐", "下播", "关注了", "福袋", "哈哈哈", "xswl", "第一次来",
            "明天还播", "哪个城市", "抽奖", "同城"]),
    ];

    /// <summary>
    /// Intents whose cues match <paramref name="normalized"/>, with the number of cues each
    /// matched, after dropping cues nested in a longer cue of another intent.
    /// </summary>
    public static List<(string Intent, int Cues)> Match(string normalized)
    {
        var hits = new List<(int Table, int Start, int Length)>();
        for (var t = 0; t < Table.Length; t++)
        {
            foreach (var cue in Table[t].Cues)
            {
                var at = normalized.IndexOf(cue, StringComparison.Ordinal);
                if (at >= 0 && !Cancelled(normalized, at, cue, Table[t].Intent))
                {
                    hits.Add((t, at, cue.Length));
                }
            }
        }
        var counts = new int[Table.Length];
        foreach (var hit in hits)
        {
            if (!NestedInOtherIntent(hit, hits))
            {
                counts[hit.Table]++;
            }
        }
        var result = new List<(string, int)>(2);
        for (var t = 0; t < Table.Length; t++)
        {
            if (counts[t] > 0)
            {
                result.Add((Table[t].Intent, counts[t]));
            }
        }
        return result;
    }

    // Sentiment cues flip under a nearby negation (没让我失望, 不踩雷 are praise), and a cue
    // opening with 不 inside an A-not-A question (值不值得) asks rather than complains.
    private static bool Cancelled(string text, int at, string cue, string intent)
    {
        if (cue[0] == '不' && cue.Length > 1 && at > 0 && text[at - 1] == cue[1])
        {
            return true;
        }
        if (intent is not (CommentIntents.Praise or CommentIntents.Complaint))
        {
            return false;
        }
        for (var i = Math.Max(0, at - 3); i < at; i++)
        {
            if (text[i] is '没' or '不' or '别' or '无')
            {
                return true;
            }
        }
        return false;
    }

    private static bool NestedInOtherIntent((int Table, int Start, int Length) hit, List<(int Table, int Start, int Length)> hits)
    {
        foreach (var other in hits)
        {
            if (other.Table != hit.Table && other.Length > hit.Length
                && other.Start <= hit.Start && hit.Start + hit.Length <= other.Start + other.Length)
            {
                return true;
            }
        }
        return false;
    }
}
