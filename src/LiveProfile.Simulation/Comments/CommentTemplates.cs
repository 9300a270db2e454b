namespace LiveProfile.Simulation.Comments;

/// <summary>
/// Live-room chat phrasings per intent, written for the simulator (not the classifier's training
/// templates). Slots: {a} how viewers address the streamer, {r} a reference to the product on
/// screen (“这个”, “3号链接”, the noun, the brand), {n} the product's noun, {b} its brand, {s} a skin
/// type, {h} a height, {w} a weight, {c} a place, {x} a courier, {k} a number.
/// </summary>
internal static class CommentTemplates
{
    public static readonly Dictionary<Intent, string[]> ByIntent = new()
    {
        [Intent.AskIngredient] =
        [
            "{r}成分是啥{q}", "{a}{r}有没有添加香精{q}", "{s}用{r}会不会刺激{q}", "{r}主要成分念一下{q}", "{r}里面含酒精不{q}",
            "{r}配料表有什么{q}", "{r}有防腐剂吗{q}", "{r}的成分安全吗{q}{s}", "想知道{r}含不含激素", "{r}是不是纯天然配方{q}",
            "{a}{r}配方里有烟酰胺吗{q}", "{r}含糖吗{q}控糖能吃吗", "{r}有没有添加剂{q}", "{s}能用{r}吗{q}成分温和吗",
        ],
        [Intent.AskPrice] =
        [
            "{r}多少钱{q}", "{a}{r}什么价{q}", "{r}今天到手价多少{q}", "{r}有优惠券吗{q}", "{r}能便宜点不{q}", "{r}直播间价格多少{q}",
            "{r}比平时便宜多少{q}", "{r}还能再减吗{q}", "{a}报个价{q}{r}", "{r}打折吗{q}", "{r}几块钱一个{q}", "{r}满减怎么算{q}",
        ],
        [Intent.AskSize] =
        [
            "{r}有几个规格{q}", "{h}{w}斤穿什么码{q}", "{r}尺码偏大吗{q}", "{r}多大容量{q}", "{r}净含量多少{q}", "{r}尺寸多少{q}",
            "{a}{r}有大码吗{q}", "{r}一盒几片{q}", "{r}适合几口人用{q}", "{r}长宽高是多少{q}",
        ],
        [Intent.AskEffect] =
        [
            "{r}效果怎么样{q}", "{r}真的有用吗{q}", "{r}用多久能见效{q}", "{r}好用吗{q}", "{a}{r}管用不{q}", "{r}保湿效果好不好{q}",
            "{r}清洁力强吗{q}", "{r}续航多久{q}", "{r}降噪效果行不行{q}", "{r}会不会掉色{q}",
        ],
        [Intent.AskShipping] =
        [
            "{r}什么时候发货{q}", "{a}发什么快递{q}", "{c}能发吗{q}", "{r}包邮吗{q}", "几天能到{q}{c}", "{a}今天拍明天能发吗{q}",
            "{r}是{x}吗{q}", "{c}包邮不{q}", "{r}多久到货{q}",
        ],
        [Intent.AskReview] =
        [
            "{r}有测评吗{q}", "{a}{r}口碑怎么样{q}", "有没有买过{r}的说说{q}", "{r}评价好吗{q}", "{r}有真实测评吗{q}", "{r}和{b}别的款对比怎么样{q}",
            "{r}回头客多吗{q}", "{r}差评多不多{q}", "用过{r}的姐妹说下体验{q}", "{r}测评视频有吗{q}",
        ],
        [Intent.Praise] =
        [
            "{r}太好用了", "{a}今天好美", "{r}绝了{e}", "{b}yyds", "{r}质量真好", "回购好多次了{r}真不错", "{a}讲得好清楚", "{r}颜值好高{e}",
            "{r}用着很舒服", "{a}好会选品",
        ],
        [Intent.Complaint] =
        [
            "{r}上次买的坏了", "{a}上次的货还没到", "{r}质量太差了", "{r}和描述不一样", "客服一直不回", "{r}用了过敏了{e}", "退款好慢",
            "{r}比别家贵", "发错货了{a}",
        ],
        [Intent.PurchaseIntent] =
        [
            "已拍{e}", "{r}拍了", "上链接{q}", "{a}我要{r}", "{r}已下单", "拍了两单{e}", "{r}冲了", "蹲{r}链接", "想要{r}{e}", "{r}抢到了",
        ],
        [Intent.Other] =
        [
            "666", "来了来了", "{a}晚上好", "哈哈哈哈", "打卡", "{a}好", "今天人好多", "刚下班{e}", "第一次来", "关注了", "{e}{e}", "签到",
            "晚安家人们", "主播加油", "听歌中", "我在{c}", "hello",
        ],
    };

    public static readonly string[] Address = ["主播", "姐姐", "家人们", "宝子们", "老师", "亲", "助理", "主播姐姐", "哥哥"];
    public static readonly string[] Refs = ["这个", "这款", "刚才那个", "{k}号链接", "{k}号", "这个{n}", "这款{n}", "{n}", "{b}这个", "{b}{n}"];
    public static readonly string[] Skin = ["敏感肌", "油皮", "干皮", "混油皮", "痘痘肌"];
    public static readonly string[] Height = ["155", "160", "163", "165", "168", "170", "175", "180"];
    public static readonly string[] Weight = ["90", "100", "110", "120", "130", "140", "160"];
    public static readonly string[] Places = ["新疆", "西藏", "海南", "东北", "广州", "成都", "上海", "内蒙古"];
    public static readonly string[] Couriers = ["顺丰", "京东", "中通", "圆通", "邮政"];
    public static readonly string[] Emoji = ["😍", "🔥", "👍", "💯", "❤️", "🥰", "👏", "🎉", "😂", "🙏", "✨", "🤔", "😭"];
    public static readonly string[] QuestionEnds = ["？", "?", "", "呀", "啊", "呢", "？？"];
    /// <summary>Chat slang: the same word as viewers type it.</summary>
    public static readonly (string From, string To)[] Slang =
        [("什么", "啥"), ("没有", "木有"), ("喜欢", "稀饭"), ("的", "滴"), ("真的", "真滴"), ("主播", "zb"), ("姐姐", "jj"), ("多少", "多少捏")];
}
