namespace LiveProfile.Simulation.Catalog;

/// <summary>
/// The raw material of the simulated catalog: the eight top-level categories of the default
/// taxonomy, their sub-categories with realistic CNY price ranges and product names (with
/// ingredients for beauty and food), and invented brands (国潮 brands flagged).
/// </summary>
internal static class CatalogData
{
    public sealed record Item(string Name, string[]? Ingredients = null);

    public sealed record SubCategory(string Path, string Noun, double MinPrice, double MaxPrice, Item[] Items);

    public sealed record Brand(string Name, bool Guochao, bool Imported = false);

    public sealed record Category(string Id, string Code, string Zh, Brand[] Brands, SubCategory[] Subs);

    private static Item I(string name, params string[] ingredients) => new(name, ingredients.Length == 0 ? null : ingredients);

    public static readonly Category[] Categories =
    [
        new("beauty", "bt", "美妆",
            [new("兰芷堂", true), new("青黛集", true), new("花西子韵", true), new("澜雪", false), new("珂瑞丝", false, true),
             new("水研社", false), new("沐岚", false), new("薇诺雅", false, true)],
            [
                new("beauty/skincare/serum", "精华", 129, 699,
                    [I("烟酰胺亮肤精华液 30ml", "烟酰胺", "传明酸", "甘油"), I("玻尿酸保湿精华 50ml", "透明质酸钠", "泛醇", "甘油"),
                     I("视黄醇抗皱精华 30ml", "视黄醇", "角鲨烷", "生育酚"), I("二裂酵母修护精华 50ml", "二裂酵母发酵产物溶胞物", "神经酰胺NP"),
                     I("积雪草舒缓精华 30ml", "积雪草提取物", "马齿苋提取物"), I("维C焕亮精华 30ml", "抗坏血酸", "阿魏酸")]),
                new("beauty/skincare/cream", "面霜", 159, 899,
                    [I("神经酰胺修护面霜 50g", "神经酰胺NP", "胆甾醇", "角鲨烷"), I("玻色因紧致面霜 50g", "羟丙基四氢吡喃三醇", "烟酰胺"),
                     I("角鲨烷保湿乳霜 50g", "角鲨烷", "甘油", "牛油果树果脂")]),
                new("beauty/skincare/mask", "面膜", 59, 199,
                    [I("玻尿酸补水面膜 10片", "透明质酸钠", "海藻糖"), I("清洁泥膜 100g", "高岭土", "膨润土")]),
                new("beauty/skincare/sunscreen", "防晒", 89, 299,
                    [I("清透防晒乳 SPF50+ 50ml", "氧化锌", "二氧化钛"), I("敏感肌物理防晒霜 40g", "氧化锌", "积雪草提取物")]),
                new("beauty/makeup/lipstick", "口红", 89, 399,
                    [I("丝绒哑光口红", "合成蜡", "蓖麻籽油"), I("水光镜面唇釉", "聚异丁烯", "霍霍巴籽油"), I("雕花口红 故宫红", "蜂蜡", "氧化铁")]),
                new("beauty/makeup/foundation", "粉底", 129, 499,
                    [I("持妆粉底液 30ml", "环五聚二甲基硅氧烷", "烟酰胺"), I("轻薄气垫 15g", "二氧化钛", "透明质酸钠")]),
            ]),
        new("appliance", "ap", "家电",
            [new("格澜", false), new("海帆", false), new("净享", false), new("云厨", true), new("德朗", false, true), new("美居", false)],
            [
                new("appliance/kitchen/air_fryer", "空气炸锅", 269, 699, [I("无油空气炸锅 5.5L"), I("可视空气炸锅 6L")]),
                new("appliance/kitchen/rice_cooker", "电饭煲", 259, 999, [I("IH电饭煲 4L"), I("低糖电饭煲 3L")]),
                new("appliance/large/refrigerator", "冰箱", 2999, 8999, [I("十字对开门冰箱 502L"), I("风冷无霜冰箱 405L")]),
                new("appliance/large/washing_machine", "洗衣机", 1999, 5999, [I("洗烘一体机 10kg"), I("滚筒洗衣机 10kg 直驱")]),
                new("appliance/cleaning/robot_vacuum", "扫地机器人", 1599, 4599, [I("扫拖一体机器人 自动集尘"), I("激光导航扫地机器人")]),
                new("appliance/cleaning/floor_washer", "洗地机", 1299, 3299, [I("无线洗地机 自清洁"), I("双滚刷洗地机")]),
                new("appliance/personal/hair_dryer", "吹风机", 199, 1599, [I("高速负离子吹风机"), I("折叠便携吹风机")]),
            ]),
        new("digital", "dg", "数码",
            [new("星耀", true), new("极客狐", false), new("声擎", false), new("拓界", false), new("凌空", true), new("派森", false, true)],
            [
                new("digital/phone/smartphone", "手机", 1999, 7999, [I("5G手机 12+256GB"), I("影像旗舰手机 16+512GB"), I("轻薄5G手机 8+256GB")]),
                new("digital/audio/earbuds", "耳机", 149, 1499, [I("主动降噪真无线耳机"), I("开放式运动耳机"), I("半入耳蓝牙耳机")]),
                new("digital/wearable/smartwatch", "手表", 499, 2999, [I("智能手表 血氧心率监测"), I("运动手环")]),
                new("digital/computer/laptop", "笔记本", 3999, 9999, [I("14英寸轻薄笔记本 32G+1T"), I("16英寸游戏本")]),
                new("digital/computer/tablet", "平板", 1499, 4999, [I("11英寸平板电脑 2.8K屏"), I("学习平板 护眼屏")]),
                new("digital/accessory/power_bank", "充电宝", 69, 249, [I("20000mAh 快充充电宝"), I("磁吸无线充电宝")]),
            ]),
        new("food", "fd", "美食",
            [new("糖小满", true), new("山野集", false), new("蜀味坊", true), new("南国椰乡", false), new("酥心斋", true), new("禾香记", false)],
            [
                new("food/snack/nuts", "坚果", 29, 129,
                    [I("每日坚果 30包", "腰果", "扁桃仁", "榛子仁"), I("奶油碧根果 500g", "碧根果", "白砂糖"), I("盐焗夏威夷果 400g", "夏威夷果", "食用盐")]),
                new("food/snack/spicy", "零食", 9.9, 49,
                    [I("麻辣牛肉干 200g", "牛肉", "辣椒", "花椒"), I("香辣辣条 20包", "小麦粉", "辣椒"), I("卤味鸭脖 300g", "鸭脖", "八角")]),
                new("food/snack/biscuit", "饼干", 15, 69, [I("海苔苏打饼干 400g", "小麦粉", "海苔"), I("流心蛋黄酥 6枚", "咸鸭蛋黄", "红豆")]),
                new("food/instant/noodle", "螺蛳粉", 19, 59, [I("柳州螺蛳粉 3袋", "米粉", "酸笋"), I("重庆酸辣粉 6桶", "红薯粉", "辣椒")]),
                new("food/drink/tea", "茶饮", 29, 99, [I("冻干柠檬茶 20颗", "柠檬", "红茶粉"), I("冷泡乌龙茶 30袋", "乌龙茶")]),
                new("food/drink/coffee", "咖啡", 39, 159, [I("冷萃咖啡液 12颗", "阿拉比卡咖啡豆"), I("冻干速溶黑咖啡 40杯", "咖啡豆")]),
            ]),
        new("fashion", "fs", "服饰",
            [new("素衣阁", true), new("城北风", false), new("步云", true), new("简屿", false), new("摩登里", false, true), new("山海经纬", true)],
            [
                new("fashion/women/dress", "连衣裙", 159, 699, [I("新中式提花连衣裙"), I("法式碎花长裙")]),
                new("fashion/women/coat", "大衣", 399, 1599, [I("双面羊毛大衣"), I("短款羽绒服 90白鸭绒")]),
                new("fashion/men/jacket", "外套", 299, 999, [I("户外冲锋衣 三合一"), I("工装夹克")]),
                new("fashion/shoes/sneakers", "运动鞋", 259, 899, [I("复古德训鞋"), I("轻量跑鞋")]),
                new("fashion/accessory/bag", "包", 129, 899, [I("真皮通勤托特包"), I("刺绣帆布包")]),
            ]),
        new("mother_baby", "mb", "母婴",
            [new("贝护", false), new("小芽", true), new("暖宝堂", true), new("安培", false, true), new("童趣岛", false)],
            [
                new("mother_baby/care/diaper", "纸尿裤", 89, 199, [I("轻薄纸尿裤 L码 84片"), I("拉拉裤 XL码 64片")]),
                new("mother_baby/feeding/formula", "奶粉", 189, 399, [I("婴儿配方奶粉 3段 800g", "生牛乳", "乳清蛋白粉", "DHA")]),
                new("mother_baby/gear/stroller", "推车", 699, 2499, [I("高景观婴儿推车"), I("轻便折叠推车")]),
                new("mother_baby/toy/educational", "玩具", 49, 299, [I("早教益智积木 100块"), I("磁力片 120片")]),
            ]),
        new("home", "hm", "家居",
            [new("棉舍", false), new("木语", true), new("暖居", false), new("宫灯坊", true), new("简家", false)],
            [
                new("home/bedding/duvet", "被子", 259, 999, [I("新疆长绒棉被 冬被"), I("桑蚕丝被 2斤")]),
                new("home/kitchenware/pot", "锅", 99, 599, [I("不粘锅炒锅 30cm"), I("珐琅铸铁锅 24cm")]),
                new("home/storage/box", "收纳箱", 29, 129, [I("衣物收纳箱 3只装"), I("桌面收纳盒")]),
                new("home/decor/lamp", "台灯", 89, 499, [I("护眼台灯 全光谱"), I("复古宫灯落地灯")]),
            ]),
        new("sports", "sp", "运动",
            [new("跃动", true), new("锐步者", false), new("山岳", false), new("飞羽", true), new("极限派", false, true)],
            [
                new("sports/fitness/yoga_mat", "瑜伽垫", 59, 229, [I("TPE加厚瑜伽垫 8mm"), I("天然橡胶瑜伽垫")]),
                new("sports/running/shoes", "跑鞋", 299, 1199, [I("碳板竞速跑鞋"), I("缓震慢跑鞋")]),
                new("sports/outdoor/tent", "帐篷", 199, 1499, [I("全自动速开帐篷 3-4人"), I("轻量徒步帐篷")]),
                new("sports/fitness/dumbbell", "哑铃", 99, 599, [I("可调节哑铃 20kg"), I("包胶哑铃一对")]),
            ]),
    ];

    /// <summary>Variants multiply the catalog to realistic sizes; the factor scales the base price.</summary>
    public static readonly (string Name, double PriceFactor, bool New)[] Variants =
    [
        ("经典款", 1.0, false), ("升级款", 1.25, false), ("礼盒装", 1.45, false), ("家庭装", 1.6, false),
        ("旅行装", 0.55, false), ("2026新款", 1.15, true), ("Pro", 1.5, false), ("轻享版", 0.8, false),
        ("限定款", 1.35, true), ("组合装", 1.8, false),
    ];
}
