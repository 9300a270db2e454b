#!/usr/bin/env python3
"""Writes samples/live-commerce.ndjson: two weeks of live-commerce events (spec/events.md).

Deterministic (fixed seed, no set iteration, no wall clock), Python 3 standard library only.
Re-run after changing it and commit both files:

    python3 samples/generate-sample.py            # writes next to this script
    python3 samples/generate-sample.py --out -    # to stdout

The well-known user is account:u1001 (viewer dy_10001), a beauty lover and buyer.
"""
import argparse
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20261128
CST = timezone(timedelta(hours=8))
END = datetime(2026, 11, 28, 14, 0, tzinfo=CST)
START = END - timedelta(days=14)

# ---------------------------------------------------------------- catalog ----

# Brands are invented; the flag marks a 国潮 (Chinese heritage) brand.
BRANDS = {
    "beauty": [("兰芷堂", True), ("青黛集", True), ("澜雪", False), ("珂瑞丝", False), ("水研社", False), ("沐岚", False)],
    "appliance": [("格澜", False), ("海帆", False), ("净享", False), ("云厨", True)],
    "digital": [("星耀", True), ("极客狐", False), ("声擎", False), ("拓界", False)],
    "food": [("糖小满", True), ("山野集", False), ("蜀味坊", True), ("南国椰乡", False), ("酥心斋", True)],
    "fashion": [("素衣阁", True), ("城北风", False), ("步云", True)],
    "mother_baby": [("贝护", False), ("小橙堡", False)],
    "home": [("木语家居", True), ("棉里", False)],
    "sports": [("跃动", True), ("凌峰", False)],
}

# (sub-category path, count, price range CNY, [(title stem, ingredients or None)])
CATALOG = [
    ("beauty/skincare/serum", 8, (129, 459), [
        ("烟酰胺亮肤精华液 30ml", ["烟酰胺", "传明酸", "甘油"]),
        ("玻尿酸保湿精华 50ml", ["透明质酸钠", "泛醇", "甘油"]),
        ("视黄醇抗皱精华 30ml", ["视黄醇", "角鲨烷", "生育酚"]),
        ("二裂酵母修护精华 50ml", ["二裂酵母发酵产物溶胞物", "神经酰胺NP"]),
        ("积雪草舒缓精华 30ml", ["积雪草提取物", "马齿苋提取物", "泛醇"]),
        ("维C焕亮精华 30ml", ["抗坏血酸", "阿魏酸", "生育酚"]),
        ("胜肽紧致精华 30ml", ["棕榈酰三肽-1", "乙酰基六肽-8", "甘油"]),
        ("377美白精华 30ml", ["苯乙基间苯二酚", "烟酰胺", "透明质酸钠"])]),
    ("beauty/skincare/cream", 5, (159, 699), [
        ("神经酰胺修护面霜 50g", ["神经酰胺NP", "胆甾醇", "角鲨烷"]),
        ("玻色因紧致面霜 50g", ["羟丙基四氢吡喃三醇", "烟酰胺"]),
        ("积雪草舒缓修护霜 50g", ["积雪草提取物", "泛醇", "尿囊素"]),
        ("角鲨烷保湿乳霜 50g", ["角鲨烷", "甘油", "牛油果树果脂"])]),
    ("beauty/skincare/toner", 3, (89, 229), [
        ("氨基酸保湿爽肤水 200ml", ["丝氨酸", "甘油", "透明质酸钠"]),
        ("水杨酸净痘调理水 150ml", ["水杨酸", "茶树叶油", "烟酰胺"])]),
    ("beauty/skincare/mask", 3, (69, 159), [
        ("玻尿酸补水面膜 10片", ["透明质酸钠", "甘油", "海藻糖"]),
        ("清洁泥膜 100g", ["高岭土", "膨润土", "积雪草提取物"])]),
    ("beauty/skincare/sunscreen", 3, (99, 259), [
        ("清透防晒乳 SPF50+ PA++++ 50ml", ["氧化锌", "二氧化钛", "甲氧基肉桂酸乙基己酯"]),
        ("敏感肌物理防晒霜 40g", ["氧化锌", "二氧化钛", "积雪草提取物"])]),
    ("beauty/skincare/cleanser", 3, (59, 139), [
        ("氨基酸洁面乳 120g", ["月桂酰谷氨酸钠", "甘油"]),
        ("温和卸妆油 200ml", ["霍霍巴籽油", "角鲨烷"])]),
    ("beauty/makeup/lipstick", 4, (89, 329), [
        ("丝绒哑光口红 #316", ["合成蜡", "蓖麻籽油", "二氧化钛"]),
        ("水光镜面唇釉 #02", ["聚异丁烯", "霍霍巴籽油"]),
        ("雕花口红 故宫红", ["合成蜡", "蜂蜡", "氧化铁"])]),
    ("beauty/makeup/foundation", 3, (129, 399), [
        ("持妆粉底液 30ml", ["环五聚二甲基硅氧烷", "二氧化钛", "烟酰胺"]),
        ("轻薄气垫 BB霜 15g", ["二氧化钛", "透明质酸钠"])]),
    ("beauty/makeup/eyeshadow", 2, (99, 269), [("九色大地色眼影盘", ["云母", "滑石粉", "氧化铁"])]),
    ("beauty/fragrance/perfume", 2, (199, 599), [("白茶淡香水 50ml", ["乙醇", "香精", "水"]),
                                                 ("桂花东方香水 30ml", ["乙醇", "香精", "水"])]),
    ("appliance/kitchen/air_fryer", 2, (299, 599), [("无油空气炸锅 5.5L", None), ("可视空气炸锅 6L", None)]),
    ("appliance/kitchen/rice_cooker", 2, (299, 899), [("IH电饭煲 4L", None), ("低糖电饭煲 3L", None)]),
    ("appliance/large/refrigerator", 2, (3999, 7999), [("十字对开门冰箱 502L 一级能效", None), ("风冷无霜冰箱 405L", None)]),
    ("appliance/large/washing_machine", 2, (2499, 4999), [("洗烘一体机 10kg", None), ("滚筒洗衣机 10kg 直驱", None)]),
    ("appliance/large/air_conditioner", 2, (2999, 4599), [("新一级能效变频空调 1.5匹", None)]),
    ("appliance/cleaning/robot_vacuum", 3, (1999, 3999), [("扫拖一体机器人 自动集尘", None), ("激光导航扫地机器人", None)]),
    ("appliance/cleaning/floor_washer", 2, (1599, 2599), [("无线洗地机 自清洁", None)]),
    ("appliance/personal/hair_dryer", 2, (299, 1299), [("高速负离子吹风机", None)]),
    ("appliance/air/purifier", 1, (1299, 1899), [("除甲醛空气净化器", None)]),
    ("digital/phone/smartphone", 4, (2499, 6999), [("5G手机 12+256GB", None), ("影像旗舰手机 16+512GB", None),
                                                   ("轻薄5G手机 8+256GB", None)]),
    ("digital/audio/earbuds", 5, (199, 1299), [("主动降噪真无线耳机", None), ("开放式运动耳机", None),
                                               ("半入耳蓝牙耳机", None)]),
    ("digital/wearable/smartwatch", 3, (699, 2299), [("智能手表 血氧心率监测", None), ("运动手环 9", None)]),
    ("digital/computer/laptop", 3, (4999, 8999), [("14英寸轻薄笔记本 32G+1T", None), ("16英寸游戏本 RTX", None)]),
    ("digital/computer/tablet", 3, (1999, 3999), [("11英寸平板电脑 2.8K屏", None), ("学习平板 护眼屏", None)]),
    ("digital/accessory/power_bank", 3, (99, 199), [("20000mAh 快充充电宝", None), ("磁吸无线充电宝", None)]),
    ("digital/accessory/charger", 2, (69, 199), [("65W 氮化镓充电器", None)]),
    ("digital/camera/action_cam", 2, (1999, 2999), [("4K防抖运动相机", None)]),
    ("digital/gaming/controller", 1, (199, 399), [("无线游戏手柄 霍尔摇杆", None)]),
    ("food/snack/nuts", 5, (39, 99), [("每日坚果 30包", ["腰果", "扁桃仁", "榛子仁", "蔓越莓干"]),
                                      ("奶油碧根果 500g", ["碧根果", "白砂糖", "食用盐", "奶油香精"]),
                                      ("盐焗夏威夷果 400g", ["夏威夷果", "食用盐"])]),
    ("food/snack/spicy", 5, (9.9, 39), [("麻辣牛肉干 200g", ["牛肉", "辣椒", "花椒", "白砂糖", "食用盐"]),
                                        ("香辣辣条 20包", ["小麦粉", "辣椒", "植物油", "食用盐"]),
                                        ("卤味鸭脖 300g", ["鸭脖", "辣椒", "八角", "酱油"])]),
    ("food/snack/biscuit", 4, (19, 49), [("海苔苏打饼干 400g", ["小麦粉", "植物油", "海苔", "食用盐"]),
                                         ("流心蛋黄酥 6枚", ["小麦粉", "咸鸭蛋黄", "红豆", "黄油"])]),
    ("food/snack/candy", 3, (19, 59), [("手工牛轧糖 500g", ["麦芽糖", "花生", "奶粉", "白砂糖"])]),
    ("food/instant/noodle", 4, (19, 49), [("柳州螺蛳粉 3袋", ["米粉", "酸笋", "辣椒油", "腐竹"]),
                                          ("重庆酸辣粉 6桶", ["红薯粉", "辣椒", "醋", "花生"]),
                                          ("麻辣自热火锅 2盒", ["牛油", "宽粉", "海带", "辣椒"])]),
    ("food/drink/tea", 3, (29, 79), [("冻干柠檬茶 20颗", ["柠檬", "红茶粉", "蜂蜜"]),
                                     ("冷泡乌龙茶 30袋", ["乌龙茶"])]),
    ("food/drink/coffee", 3, (49, 129), [("冷萃咖啡液 12颗", ["阿拉比卡咖啡豆", "水"]),
                                         ("冻干速溶黑咖啡 40杯", ["咖啡豆"])]),
    ("food/fresh/fruit", 3, (39, 99), [("赣南脐橙 5斤", ["脐橙"]), ("丹东红颜草莓 3斤", ["草莓"])]),
    ("fashion/women/dress", 3, (199, 599), [("新中式提花连衣裙", None), ("法式碎花长裙", None)]),
    ("fashion/women/coat", 3, (399, 1299), [("双面羊毛大衣", None), ("短款羽绒服 90白鸭绒", None)]),
    ("fashion/men/jacket", 2, (299, 899), [("户外冲锋衣 三合一", None)]),
    ("fashion/shoes/sneakers", 3, (299, 799), [("复古德训鞋", None), ("轻量跑鞋", None)]),
    ("fashion/accessory/bag", 3, (159, 699), [("真皮通勤托特包", None), ("刺绣帆布包", None)]),
    ("mother_baby/care/diaper", 3, (99, 169), [("轻薄纸尿裤 L码 84片", None), ("拉拉裤 XL码 64片", None)]),
    ("mother_baby/feeding/formula", 3, (199, 329), [("婴儿配方奶粉 3段 800g", None)]),
    ("mother_baby/gear/stroller", 2, (899, 1899), [("高景观婴儿推车 可坐可躺", None)]),
    ("mother_baby/toy/educational", 2, (69, 199), [("早教益智积木 100块", None)]),
    ("home/bedding/duvet", 2, (299, 899), [("新疆长绒棉被 冬被", None), ("桑蚕丝被 2斤", None)]),
    ("home/kitchenware/pot", 2, (129, 499), [("不粘锅炒锅 30cm", None), ("珐琅铸铁锅 24cm", None)]),
    ("home/storage/box", 2, (39, 99), [("衣物收纳箱 3只装", None)]),
    ("home/decor/lamp", 2, (99, 399), [("护眼台灯 全光谱", None), ("复古宫灯落地灯", None)]),
    ("sports/fitness/yoga_mat", 2, (79, 199), [("TPE加厚瑜伽垫 8mm", None)]),
    ("sports/running/shoes", 2, (399, 999), [("碳板竞速跑鞋", None), ("缓震慢跑鞋", None)]),
    ("sports/outdoor/tent", 2, (299, 1299), [("全自动速开帐篷 3-4人", None)]),
    ("sports/fitness/dumbbell", 2, (129, 499), [("可调节哑铃 20kg", None)]),
]

CODES = {"beauty": "bt", "appliance": "ap", "digital": "dg", "food": "fd",
         "fashion": "fs", "mother_baby": "mb", "home": "hm", "sports": "sp"}

# ------------------------------------------------------------------- people ----

PROVINCES = [("上海", ["上海"]), ("浙江", ["杭州", "宁波", "温州"]), ("广东", ["广州", "深圳", "佛山"]),
             ("江苏", ["南京", "苏州", "无锡"]), ("北京", ["北京"]), ("四川", ["成都", "绵阳"]),
             ("湖北", ["武汉"]), ("山东", ["济南", "青岛"]), ("福建", ["福州", "厦门"]),
             ("湖南", ["长沙"]), ("河南", ["郑州"]), ("陕西", ["西安"])]
PROVINCE_WEIGHTS = [14, 13, 14, 11, 7, 8, 6, 6, 6, 5, 5, 5]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN_F = ["欣怡", "梓涵", "雨桐", "思琪", "佳怡", "诗涵", "婷", "静", "雪", "晓雨", "可欣", "梦瑶", "子涵", "一诺", "若曦", "慧敏"]
GIVEN_M = ["浩然", "子轩", "宇航", "俊杰", "志强", "伟", "磊", "鹏", "天佑", "明轩", "博文", "家豪", "建国", "晨阳", "思远", "一鸣"]
DISTRICTS = ["中心区", "高新区", "滨江区", "开发区", "老城区", "新区"]
ROADS = ["人民路", "解放路", "中山路", "建设路", "和平路", "文化路", "长江路", "学府路"]
NICK_A = ["爱吃辣的", "不熬夜的", "快乐的", "认真的", "佛系", "元气", "晚睡的", "精致的", "挑剔的", "路过的", "省钱的", "勇敢的"]
NICK_B = ["小猫", "橘子", "打工人", "仙女", "程序员", "宝妈", "吃货", "学生党", "少年", "小鹿", "咸鱼", "大叔", "柠檬", "熊猫"]

# ----------------------------------------------------------------- comments ----

ASK = {
    "beauty": {
        "ingredient": ["这个精华敏感肌能用吗", "成分表里有酒精吗", "烟酰胺含量多少呀", "孕妇可以用吗", "油皮能用吗",
                       "配方里有香精吗", "过敏体质能用吗", "和视黄醇能一起用吗", "干皮用会不会搓泥", "有没有防腐剂"],
        "effect": ["用多久能看到效果", "能美白吗", "保湿效果怎么样", "会闷痘吗", "淡痘印有用吗"],
        "size": ["有小样吗", "多大容量", "正装多少毫升"],
    },
    "digital": {
        "review": ["有测评吗", "和上一代对比怎么样", "参数发一下", "实测续航多久", "跑分多少", "和苹果对比哪个好"],
        "effect": ["续航怎么样", "支持快充吗", "降噪效果怎么样", "打游戏发热吗", "拍照怎么样"],
        "size": ["内存多大", "屏幕多少寸", "有几个颜色"],
    },
    "appliance": {
        "review": ["噪音大吗", "能耗等级多少", "实测耗电怎么样", "和戴森对比怎么样", "有测评视频吗"],
        "effect": ["除菌效果怎么样", "吸力多大", "能自动集尘吗", "适合多大面积"],
        "size": ["容量多大", "尺寸多少，厨房放得下吗", "多宽多高"],
        "service": ["安装收费吗", "保修几年", "能以旧换新吗"],
    },
    "food": {
        "ingredient": ["配料干净吗", "有没有添加剂", "含糖量高吗", "孩子能吃吗"],
        "effect": ["辣不辣", "好吃吗", "热量高吗", "甜不甜"],
        "size": ["一包多少克", "保质期多久", "一箱几袋"],
    },
}
PRICE_Q = ["多少钱", "有优惠券吗", "今天什么价", "能便宜点吗", "比旗舰店便宜吗", "券在哪里领", "满减怎么算", "还有折扣吗"]
SHIPPING_Q = ["什么时候发货", "包邮吗", "江浙沪几天到", "顺丰吗"]
PURCHASE = ["已拍", "下单了", "想要", "求链接 😍", "拍了两瓶", "冲冲冲", "已拍，等发货", "上链接！"]
PRAISE = ["主播好美", "讲得好清楚", "回购第三次了，真的好用", "😍😍😍", "爱了爱了", "主播辛苦了", "这个颜色绝了", "质量很好"]
COMPLAINT = ["上次买的漏液了", "客服一直不回复", "发货太慢了", "怎么又涨价了"]
CHAT = ["来了来了", "晚上好", "主播好", "666", "哈哈哈", "刚来，讲到哪了", "打卡", "蹲一个福袋", "背景音乐叫什么"]
SEARCHES = {
    "beauty": ["敏感肌精华", "烟酰胺精华", "国货面霜", "防晒霜", "口红 显白", "卸妆油"],
    "appliance": ["扫地机器人", "洗烘一体机", "空气炸锅", "一级能效冰箱", "洗地机"],
    "digital": ["降噪耳机", "5G手机", "充电宝 快充", "平板电脑", "智能手表"],
    "food": ["螺蛳粉", "每日坚果", "牛肉干", "冷萃咖啡", "零食大礼包"],
    "fashion": ["羽绒服 女", "新中式连衣裙", "德训鞋", "托特包"],
    "mother_baby": ["纸尿裤", "婴儿奶粉", "婴儿推车"],
    "home": ["冬被", "不粘锅", "收纳箱"],
    "sports": ["跑鞋", "瑜伽垫", "帐篷"],
}
REVIEW_TEXT = {5: ["很好用，会回购", "物流很快，包装完好", "效果超出预期"], 4: ["还不错，性价比高", "整体满意"],
               3: ["一般般吧", "和描述差不多"], 2: ["有点失望", "味道不太喜欢"], 1: ["质量不行，不推荐"]}
GIFTS = [("gift:heart", 0.1), ("gift:rose", 1), ("gift:lollipop", 9.9), ("gift:sunglasses", 29.9),
         ("gift:crown", 99), ("gift:rocket", 520)]


def money(x):
    x = round(x, 2)
    return int(x) if x == int(x) else x


def price_tag(rng, lo, hi):
    """A shop-looking price: ends in 9 (or 9.9 under 50 CNY)."""
    p = rng.uniform(lo, hi)
    if p < 50:
        return money(math.floor(p) + 0.9)
    return money(int(p / 10) * 10 + 9)


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.catalog = []   # catalog events, in file order
        self.events = []    # (ts, seq, event) for everything else
        self.seq = 0
        self.products = {}  # id -> dict(category, top, price, labels)
        self.by_top = {}
        self.sessions = []
        self.orders = 0
        self.followed = set()
        self.who = "-"      # persona being simulated, for --stats
        self.stats = {}

    # ---------------------------------------------------------------- output --

    def add(self, ts, etype, user=None, room=None, session=None, product=None, props=None, epoch=False):
        if ts > END:
            return
        ts = ts.replace(microsecond=0)  # whole seconds, so epoch-ms and RFC 3339 stamps sort alike
        ev = {"type": etype, "ts": ms(ts) if epoch else iso(ts)}
        if user:
            ev["user"] = user
        if room:
            ev["room"] = room
        if session:
            ev["session"] = session
        if product:
            ev["product"] = product
        if props:
            ev["props"] = props
        self.seq += 1
        self.events.append((ts, self.seq, ev))
        key = (self.who, etype)
        self.stats[key] = self.stats.get(key, 0) + 1

    # --------------------------------------------------------------- catalog --

    def build_catalog(self):
        rng = self.rng
        for path, count, (lo, hi), stems in CATALOG:
            top = path.split("/")[0]
            for i in range(count):
                stem, ingredients = stems[i % len(stems)]
                brand, guochao = BRANDS[top][rng.randrange(len(BRANDS[top]))]
                n = len(self.by_top.get(top, [])) + 1
                pid = f"sku:{CODES[top]}{n:03d}"
                labels = []
                if guochao:
                    labels.append("国潮")
                if rng.random() < 0.2:
                    labels.append("新品")
                if rng.random() < 0.2:
                    labels.append("爆款")
                price = price_tag(rng, lo, hi)
                props = {"title": f"{brand} {stem}", "category": path, "brand": brand, "price": price}
                if labels:
                    props["labels"] = labels
                if ingredients:
                    props["ingredients"] = ingredients
                ts = START + timedelta(minutes=len(self.catalog) // 10, seconds=len(self.catalog) % 10 * 5)
                self.catalog.append({"type": "catalog.product", "ts": iso(ts), "product": pid, "props": props})
                self.products[pid] = {"top": top, "price": price, "labels": labels, "path": path}
                self.by_top.setdefault(top, []).append(pid)

    def build_sessions(self):
        rng = self.rng
        plan = [
            ("room:meizhuang_xiaoya", "美妆小雅", "beauty", [
                ("2026-11-15T20:00", 180, "秋冬修护专场 | 敏感肌看过来"),
                ("2026-11-18T20:00", 180, "国货精华大测评"),
                ("2026-11-22T20:00", 210, "双十二预热 美妆囤货节"),
                ("2026-11-26T20:00", 180, "彩妆新品首发"),
                ("2026-11-29T20:00", 180, "周末宠粉 福利加倍")]),   # upcoming: for invitations
            ("room:shuma_laowang", "数码老王", "digital", [
                ("2026-11-16T19:30", 180, "老王实测：降噪耳机横评"),
                ("2026-11-21T19:30", 180, "家电专场：清洁电器怎么选"),
                ("2026-11-25T19:30", 180, "手机平板 年末焕新")]),
            ("room:lingshi_tangtang", "零食糖糖", "food", [
                ("2026-11-17T21:00", 240, "深夜放毒 零食开箱"),
                ("2026-11-20T21:30", 240, "螺蛳粉之夜"),
                ("2026-11-24T22:00", 240, "熬夜追剧必备零食")]),
        ]
        for room, streamer, top, slots in plan:
            short = room.split(":")[1].split("_")[0][:2]
            for day, minutes, title in slots:
                start = datetime.fromisoformat(day + ":00+08:00")
                end = start + timedelta(minutes=minutes)
                sid = f"sess:{short}-{start:%m%d}"
                if top == "digital" and "家电" in title:
                    pool = self.by_top["appliance"][:] + self.by_top["digital"][-4:]
                    theme = "appliance"
                elif top == "digital" and start.day == 25:
                    pool = self.by_top["digital"][:] + self.by_top["appliance"][:4]
                    theme = "digital"
                else:
                    pool = self.by_top[top][:]
                    theme = top
                rng.shuffle(pool)
                lineup = pool[:12]
                announced = max(START + timedelta(hours=1), start - timedelta(days=3))
                self.catalog.append({"type": "catalog.session", "ts": iso(announced), "session": sid,
                                     "props": {"room": room, "startsAt": iso(start), "streamer": streamer,
                                               "products": lineup, "title": title}})
                s = {"id": sid, "room": room, "top": theme, "start": start, "end": end, "lineup": lineup,
                     "screen": [], "coupons": [(f"cpn:{short}{start:%m%d}-{v}", v) for v in (10, 30, 50)]}
                if end <= END:
                    self.schedule_screen(s)
                    self.sessions.append(s)

    def schedule_screen(self, s):
        """The streamer presents the line-up in turn, 10–20 minutes each, then cycles again."""
        rng = self.rng
        t, i = s["start"] + timedelta(minutes=3), 0
        while t < s["end"] - timedelta(minutes=5):
            until = min(s["end"], t + timedelta(minutes=rng.randint(10, 20)))
            pid = s["lineup"][i % len(s["lineup"])]
            s["screen"].append((t, until, pid))
            self.add(t, "live.product_on_screen", room=s["room"], session=s["id"], product=pid,
                     props={"until": iso(until)})
            t, i = until, i + 1

    def on_screen(self, s, t):
        for a, b, pid in s["screen"]:
            if a <= t < b:
                return pid
        return s["screen"][0][2]

    # ----------------------------------------------------------------- users --

    def make_users(self):
        rng = self.rng
        plan = [("beauty_lover", 46), ("digital_geek", 28), ("snack_lover", 20), ("snack_shifter", 8),
                ("night_owl", 10), ("silent_watcher", 3), ("chatter", 12), ("gift_giver", 10),
                ("coupon_hunter", 22), ("big_ticket", 10), ("casual", 130)]
        personas = [p for p, n in plan for _ in range(n)]
        rng.shuffle(personas)
        account_p = {"beauty_lover": 0.6, "digital_geek": 0.6, "snack_lover": 0.5, "snack_shifter": 0.6,
                     "night_owl": 0.5, "silent_watcher": 0.3, "chatter": 0.4, "gift_giver": 0.6,
                     "coupon_hunter": 0.85, "big_ticket": 1.0, "casual": 0.3}
        female_p = {"beauty_lover": 0.92, "digital_geek": 0.25, "big_ticket": 0.5, "chatter": 0.7,
                    "snack_lover": 0.6, "snack_shifter": 0.6, "night_owl": 0.55, "coupon_hunter": 0.65}
        users = [self.star()]
        next_account = 1002
        for i, persona in enumerate(personas):
            female = rng.random() < female_p.get(persona, 0.55)
            u = {"viewer": f"dy_{10002 + i}", "persona": persona, "female": female,
                 "nick": rng.choice(NICK_A) + rng.choice(NICK_B) + (str(rng.randint(1, 99)) if rng.random() < 0.4 else ""),
                 "account": None, "phone": None, "epoch": rng.random() < 0.3}
            if rng.random() < account_p[persona]:
                u["account"] = f"u{next_account}"
                next_account += 1
                if rng.random() < 0.5:
                    u["phone"] = "+86" + rng.choice(["138", "139", "135", "186", "158", "177"]) + f"{rng.randrange(10**8):08d}"
            users.append(u)
        return users

    def star(self):
        return {"viewer": "dy_10001", "persona": "star", "female": True, "nick": "小雨爱护肤", "account": "u1001",
                "phone": "+8613800138000", "epoch": False}

    def identity(self, u):
        """Declared attributes, consent and the viewer↔account link, early in the window."""
        rng = self.rng
        t0 = self.day_time(rng.randrange(3), list(range(8, 24)))
        shop_user = {"accountId": u["account"]} if u["account"] else None
        if u["account"] and (u["persona"] == "star" or rng.random() < 0.9):
            ids = [{"kind": "account", "value": u["account"]}, {"kind": "viewer", "value": u["viewer"]}]
            if u["phone"]:
                ids.append({"kind": "phone", "value": u["phone"]})
            props = {"identifiers": ids}
            if u["persona"] != "star" and rng.random() < 0.15:
                props["confidence"] = 0.8   # matched by device, not a login
            self.add(t0, "identity.link", user=shop_user, props=props)
        if u["persona"] == "star":
            self.add(t0 + timedelta(minutes=2), "user.profile", user={"accountId": "u1001", "phone": u["phone"]},
                     props={"gender": "female", "birthYear": 1996, "province": "上海", "city": "上海",
                            "registeredAt": "2024-03-12T21:15:00+08:00", "name": "林小雨",
                            "address": "上海市徐汇区漕溪北路88号3号楼1202室"})
        elif u["account"] and rng.random() < 0.7:
            prov, cities = PROVINCES[rng.choices(range(len(PROVINCES)), PROVINCE_WEIGHTS)[0]]
            city = rng.choice(cities)
            given = rng.choice(GIVEN_F if u["female"] else GIVEN_M)
            user = dict(shop_user)
            if u["phone"]:
                user["phone"] = u["phone"]
            reg = t0 - timedelta(days=rng.choice([rng.uniform(0.1, 20), rng.uniform(40, 1500)]))
            props = {"gender": "female" if u["female"] else ("male" if rng.random() < 0.95 else "unknown"),
                     "birthYear": rng.choice(range(1968, 2007)), "province": prov, "city": city,
                     "registeredAt": iso(reg), "name": rng.choice(SURNAMES) + given}
            if rng.random() < 0.6:
                props["address"] = (f"{'' if prov == city else prov + '省'}{city}市{rng.choice(DISTRICTS)}"
                                    f"{rng.choice(ROADS)}{rng.randint(1, 999)}号")
            self.add(t0 + timedelta(minutes=1), "user.profile", user=user, props=props)
        elif not u["account"] and rng.random() < 0.15:
            # the live platform knows a little about some viewers
            self.add(t0, "user.profile", user={"viewerId": u["viewer"]},
                     props={"gender": "female" if u["female"] else "male",
                            "province": PROVINCES[rng.choices(range(len(PROVINCES)), PROVINCE_WEIGHTS)[0]][0]})
        if u["persona"] == "star" or rng.random() < 0.4:
            analytics = u["persona"] == "star" or rng.random() < 0.97
            purposes = {"analytics": analytics, "personalization": analytics and (u["persona"] == "star" or rng.random() < 0.9),
                        "marketing": u["persona"] == "star" or rng.random() < 0.55}
            who = shop_user or {"viewerId": u["viewer"]}
            self.add(t0 + timedelta(minutes=3), "user.consent", user=who, props={"purposes": purposes})

    # ------------------------------------------------------------ live visits --

    def live_user(self, u):
        return {"viewerId": u["viewer"], "nickname": u["nick"]}

    def visit(self, u, s, join, dwell_min, acts):
        """One stay in a room: join, heartbeats every 30 s, leave (sometimes missing), and the acts.

        acts: list of (offset seconds, kind, extra) drawn by the persona."""
        rng = self.rng
        join = max(join, s["start"])
        leave_at = min(join + timedelta(minutes=dwell_min), s["end"])
        dwell = (leave_at - join).total_seconds()
        lu, room, sid = self.live_user(u), s["room"], s["id"]
        epoch = u["epoch"]
        source = rng.choices(["feed", "search", "share", "push", "follow"], [50, 10, 8, 12, 20])[0]
        if (u["viewer"], room) in self.followed:
            source = rng.choice(["follow", "push", "feed"])
        self.add(join, "live.join", user=lu, room=room, session=sid, props={"source": source}, epoch=epoch)
        for k in range(1, int(dwell // 30) + 1):
            # the platform's presence ping is minimal: the session is the room's current one
            self.add(join + timedelta(seconds=30 * k), "live.heartbeat", user={"viewerId": u["viewer"]},
                     room=room, epoch=True)
        if rng.random() < 0.9 or u["persona"] == "star":
            self.add(leave_at, "live.leave", user={"viewerId": u["viewer"]}, room=room, session=sid, epoch=epoch)
        for off, kind, extra in acts:
            t = join + timedelta(seconds=min(off, max(dwell - 1, 1)))
            self.act(u, s, t, kind, extra)
        return join, leave_at

    def act(self, u, s, t, kind, extra):
        rng, room, sid = self.rng, s["room"], s["id"]
        vu = {"viewerId": u["viewer"]}
        epoch = u["epoch"]
        if kind == "comment":
            self.add(t, "live.comment", user=vu, room=room, session=sid, props={"text": extra}, epoch=epoch)
        elif kind == "like":
            self.add(t, "live.like", user=vu, room=room, session=sid, props={"count": extra}, epoch=True)
        elif kind == "gift":
            gid, value = extra
            self.add(t, "live.gift", user=self.live_user(u), room=room, session=sid,
                     props={"giftId": gid, "value": value}, epoch=epoch)
        elif kind == "share":
            self.add(t, "live.share", user=vu, room=room, session=sid,
                     props={"channel": rng.choice(["wechat", "moments", "weibo", "qq", "link"])}, epoch=epoch)
        elif kind == "follow":
            if (u["viewer"], room) not in self.followed:
                self.followed.add((u["viewer"], room))
                self.add(t, "live.follow", user=vu, room=room, session=sid, epoch=epoch)
        elif kind == "click":
            pid = self.on_screen(s, t)
            self.add(t, "live.product_click", user=vu, room=room, session=sid, product=pid, epoch=epoch)
            if extra and u["account"]:
                # bought from the room a few minutes after the click
                bt = t + timedelta(seconds=rng.randint(40, 260))
                self.add(bt - timedelta(seconds=20), "shop.view", user={"accountId": u["account"]}, product=pid,
                         props={"durationMs": rng.randint(8000, 60000)})
                self.order(u, bt, [(pid, 1 if rng.random() < 0.8 else 2)], room=room, coupon=extra if isinstance(extra, tuple) else None)
        elif kind == "coupon":
            cid, value = extra
            self.add(t, "live.coupon_claim", user=vu, room=room, session=sid, props={"couponId": cid, "value": value},
                     epoch=epoch)

    def comment_for(self, s, t, intents):
        """A comment of one of the given intents about what is on screen."""
        rng = self.rng
        intent = rng.choice(intents)
        asks = ASK.get(s["top"], ASK["beauty"])
        if intent == "price":
            return rng.choice(PRICE_Q)
        if intent == "shipping":
            return rng.choice(SHIPPING_Q)
        if intent == "purchase":
            return rng.choice(PURCHASE)
        if intent == "praise":
            return rng.choice(PRAISE)
        if intent == "complaint":
            return rng.choice(COMPLAINT)
        if intent == "chat":
            return rng.choice(CHAT)
        if intent in asks:
            return rng.choice(asks[intent])
        return rng.choice(asks[rng.choice(list(asks))])

    def persona_visit(self, u, s, p):
        """Draws one visit from persona parameters p."""
        rng = self.rng
        length = (s["end"] - s["start"]).total_seconds() / 60
        lo, hi = p.get("join_window", (0, length - 10))
        join = s["start"] + timedelta(minutes=rng.uniform(lo, max(lo, hi)))
        dwell = min(p["dwell"](), 240)
        secs = dwell * 60
        acts = []
        def at():
            return rng.uniform(5, max(6, secs - 5))
        n_comments = poisson(rng, p.get("comments", 0) * dwell)
        for _ in range(n_comments):
            off = at()
            acts.append((off, "comment", self.comment_for(s, join + timedelta(seconds=off), p.get("intents", ["chat"]))))
        if rng.random() < p.get("like", 0):
            for _ in range(rng.randint(1, 3)):
                acts.append((at(), "like", rng.choice([1, 1, 3, 5, 10, 20])))
        for _ in range(poisson(rng, p.get("clicks", 0) * dwell)):
            acts.append((at(), "click", None))
        if rng.random() < p.get("buy", 0):
            coupon = None
            if rng.random() < p.get("coupon", 0):
                coupon = s["coupons"][rng.randrange(3)]
                acts.append((at() * 0.5, "coupon", coupon))
            acts.append((at(), "click", coupon or True))
        elif rng.random() < p.get("coupon", 0):
            acts.append((at(), "coupon", s["coupons"][rng.randrange(3)]))
        if rng.random() < p.get("gift", 0):
            for _ in range(rng.randint(1, p.get("gifts", 2))):
                acts.append((at(), "gift", rng.choices(GIFTS, p.get("gift_w", [40, 30, 15, 10, 4, 1]))[0]))
        if rng.random() < p.get("share", 0):
            acts.append((at(), "share", None))
        if rng.random() < p.get("follow", 0):
            acts.append((at(), "follow", None))
        acts.sort(key=lambda a: a[0])
        return self.visit(u, s, join, dwell, acts)

    # ------------------------------------------------------------------ shop --

    def order(self, u, t, lines, room=None, coupon=None):
        rng = self.rng
        self.orders += 1
        oid = f"ord{t:%m%d}{self.orders:04d}"
        items, total = [], 0.0
        for pid, qty in lines:
            price = self.products[pid]["price"]
            unit = money(price * (0.9 if room else 1.0))
            discount = money(unit * qty * rng.choice([0, 0, 0.05, 0.1])) if rng.random() < 0.5 else 0
            items.append({"product": pid, "qty": qty, "unitPrice": unit, "discount": discount})
            total += unit * qty - discount
        props = {"orderId": oid, "items": items}
        if coupon:
            props["couponId"] = coupon[0]
            total -= coupon[1]
        props["total"] = money(max(total, 0.01))
        if room:
            props["room"] = room
        self.add(t, "shop.order", user={"accountId": u["account"]}, props=props)
        # what happens after: a refund for a few, a review for some
        if rng.random() < 0.05:
            self.add(t + timedelta(days=rng.uniform(1, 3)), "shop.refund", user={"accountId": u["account"]},
                     props={"orderId": oid, "amount": props["total"]})
        elif rng.random() < 0.25 or u["persona"] == "star":
            rating = rng.choice([5, 5, 4]) if u["persona"] == "star" else rng.choices([5, 4, 3, 2, 1], [55, 25, 10, 6, 4])[0]
            pid = lines[0][0]
            self.add(t + timedelta(days=rng.uniform(2, 5)), "shop.review", user={"accountId": u["account"]},
                     product=pid, props={"rating": rating, "text": rng.choice(REVIEW_TEXT[rating])})
        return oid

    def browse(self, u, t, tops, buy_p, coupon=None):
        """A shop visit: maybe a search, a few detail views, maybe a cart add and an order."""
        rng = self.rng
        au = {"accountId": u["account"]}
        top = rng.choice(tops)
        if rng.random() < 0.5:
            self.add(t, "shop.search", user=au, props={"query": rng.choice(SEARCHES[top])})
            t += timedelta(seconds=rng.randint(5, 40))
        viewed = []
        for _ in range(rng.choice([1, 1, 2, 3])):
            pid = rng.choice(self.by_top[top])
            viewed.append(pid)
            ms_ = rng.randint(5000, 180000)
            self.add(t, "shop.view", user=au, product=pid, props={"durationMs": ms_})
            t += timedelta(milliseconds=ms_ + rng.randint(2000, 20000))
        if rng.random() < 0.35 + buy_p:
            pid = rng.choice(viewed)
            self.add(t, "shop.cart_add", user=au, product=pid, props={"qty": 1})
            t += timedelta(seconds=rng.randint(10, 600))
            if rng.random() < buy_p:
                self.order(u, t, [(pid, 1)], coupon=coupon)

    def day_time(self, day, hours):
        """A time on day (0 = the window's first day) at one of the given local hours."""
        rng = self.rng
        base = datetime(START.year, START.month, START.day, tzinfo=CST) + timedelta(days=day)
        t = base + timedelta(hours=rng.choice(hours), minutes=rng.uniform(0, 59), seconds=rng.uniform(0, 59))
        return t if t >= START else t + timedelta(days=1)

    # -------------------------------------------------------------- personas --

    def run_user(self, u):
        self.who = u["persona"]
        self.identity(u)
        getattr(self, "p_" + u["persona"])(u)

    def sessions_of(self, top=None, room=None):
        return [s for s in self.sessions if (top is None or s["top"] == top) and (room is None or s["room"] == room)]

    def attend(self, u, sessions, prob, p):
        for s in sessions:
            if self.rng.random() < prob:
                self.persona_visit(u, s, p)

    def shop(self, u, n, tops, buy_p, hours=(9, 12, 13, 19, 20, 21, 22), coupon=None):
        if not u["account"]:
            return
        for _ in range(n):
            self.browse(u, self.day_time(self.rng.randrange(15), list(hours)), tops, buy_p, coupon)

    def lognorm(self, median, sigma=0.7, lo=0.3, hi=240):
        return lambda: max(lo, min(hi, self.rng.lognormvariate(math.log(median), sigma)))

    def p_star(self, u):
        """account:u1001 — follows 美妆小雅, comes to every session, asks about ingredients, buys."""
        rng = self.rng
        p = {"dwell": self.lognorm(20, 0.2), "comments": 0.25, "intents": ["ingredient", "ingredient", "purchase", "praise"],
             "like": 1, "clicks": 0.1, "follow": 1, "gift": 0.5, "gift_w": [0, 60, 30, 10, 0, 0],
             "join_window": (0, 30)}
        for i, s in enumerate(self.sessions_of(room="room:meizhuang_xiaoya")):
            join, left = self.persona_visit(u, s, p)
            # buys the skincare product presented while she watches, once with the room's coupon
            t = join + (left - join) * rng.uniform(0.3, 0.8)
            later = [pid for a, b, pid in s["screen"] if b > t]
            serum = next((pid for pid in later if self.products[pid]["path"] == "beauty/skincare/serum"),
                         next((pid for pid in later if self.products[pid]["path"].startswith("beauty/skincare")), s["lineup"][0]))
            t = max(t, next(a for a, b, pid in s["screen"] if pid == serum and b > t))
            self.add(t, "live.product_click", user={"viewerId": u["viewer"]}, room=s["room"], session=s["id"], product=serum)
            coupon = s["coupons"][2] if i == 1 else None
            if coupon:
                self.add(t - timedelta(minutes=2), "live.coupon_claim", user={"viewerId": u["viewer"]}, room=s["room"],
                         session=s["id"], props={"couponId": coupon[0], "value": coupon[1]})
            beauty = self.by_top["beauty"]
            extra = [[], [], [(beauty[8], 1), (beauty[16], 2)], [(beauty[25], 1)]][i]  # cream + masks at 囤货节, a lipstick
            lines = [(serum, 2 if i == 2 else 1)] + extra
            self.order(u, t + timedelta(minutes=3), lines, room=s["room"], coupon=coupon)
        guochao = [pid for pid in self.by_top["beauty"] if "国潮" in self.products[pid]["labels"]]
        for day in (2, 5, 9, 12):
            self.browse(u, self.day_time(day, [12, 21, 22]), ["beauty"], 0)
            t = self.day_time(day, [21])
            self.add(t, "shop.view", user={"accountId": "u1001"}, product=guochao[day % len(guochao)],
                     props={"durationMs": 95000})
        self.add(self.day_time(10, [21]), "shop.cart_add", user={"accountId": "u1001"}, product=guochao[0], props={"qty": 2})
        self.order(u, self.day_time(10, [22]), [(guochao[0], 2)])
        self.browse(u, self.day_time(7, [13]), ["fashion"], 0)

    def p_beauty_lover(self, u):
        loyalty = self.rng.uniform(0.1, 0.6)
        p = {"dwell": self.lognorm(1.3), "comments": 0.45,
             "intents": ["ingredient", "effect", "size", "price", "purchase", "praise", "chat"],
             "like": 0.4, "clicks": 0.3, "buy": 0.2, "coupon": 0.2, "gift": 0.08, "share": 0.06,
             "follow": loyalty - 0.2}
        self.attend(u, self.sessions_of(room="room:meizhuang_xiaoya"), loyalty, p)
        self.shop(u, self.rng.randint(1, 2), ["beauty", "beauty", "beauty", "fashion"], 0.3)

    def p_digital_geek(self, u):
        p = {"dwell": self.lognorm(1.5), "comments": 0.45, "intents": ["review", "review", "effect", "size", "price", "chat"],
             "like": 0.3, "clicks": 0.3, "buy": 0.12, "share": 0.05, "follow": 0.3}
        self.attend(u, self.sessions_of(room="room:shuma_laowang"), 0.4, p)
        self.shop(u, self.rng.randint(1, 2), ["digital", "digital", "digital", "appliance"], 0.2)

    def p_snack_lover(self, u):
        p = {"dwell": self.lognorm(1.3), "comments": 0.35, "intents": ["effect", "size", "price", "purchase", "chat"],
             "like": 0.5, "clicks": 0.3, "buy": 0.3, "coupon": 0.3, "share": 0.08, "follow": 0.3,
             "join_window": (0, 150)}
        self.attend(u, self.sessions_of(room="room:lingshi_tangtang"), 0.5, p)
        self.shop(u, self.rng.randint(1, 3), ["food", "food", "food", "mother_baby", "home"], 0.3)

    def p_snack_shifter(self, u):
        """Food all along, then suddenly deep into a digital session (potential:digital)."""
        self.p_snack_lover(u)
        digital = [s for s in self.sessions if s["room"] == "room:shuma_laowang" and s["top"] == "digital"][-1]
        self.persona_visit(u, digital, {"dwell": self.lognorm(8, 0.3), "comments": 0.25,
                                        "intents": ["review", "effect", "price"], "clicks": 0.3, "like": 0.5})
        if u["account"]:
            for day in (11, 12, 13):
                self.browse(u, self.day_time(day, [20, 21]), ["digital"], 0.1)

    def p_night_owl(self, u):
        p = {"dwell": self.lognorm(2.2), "comments": 0.4, "intents": ["chat", "effect", "purchase", "price"],
             "like": 0.5, "clicks": 0.2, "buy": 0.2, "share": 0.05}
        for s in self.sessions_of(room="room:lingshi_tangtang"):
            if self.rng.random() < 0.75:
                late = (datetime.combine(s["start"].date(), datetime.min.time(), CST) + timedelta(hours=22) - s["start"])
                q = dict(p, join_window=(late.total_seconds() / 60 + 5, late.total_seconds() / 60 + 150))
                self.persona_visit(u, s, q)
        self.shop(u, self.rng.randint(3, 6), ["food", "fashion", "digital", "beauty"], 0.15, hours=(22, 23, 0, 1, 2))

    def p_silent_watcher(self, u):
        p = {"dwell": self.lognorm(24, 0.1), "clicks": 0.03, "join_window": (0, 60)}
        room = self.rng.choice(["room:meizhuang_xiaoya", "room:shuma_laowang", "room:lingshi_tangtang"])
        sessions = self.sessions_of(room=room)
        for s in sessions[:3]:
            self.persona_visit(u, s, p)

    def p_chatter(self, u):
        p = {"dwell": self.lognorm(3.5, 0.3), "comments": 2.8,
             "intents": ["ingredient", "price", "purchase", "praise", "chat", "chat", "shipping", "effect", "complaint"],
             "like": 0.6, "clicks": 0.1, "buy": 0.1, "share": 0.15, "follow": 0.5}
        room = self.rng.choice(["room:meizhuang_xiaoya", "room:meizhuang_xiaoya", "room:lingshi_tangtang"])
        self.attend(u, self.sessions_of(room=room), 0.75, p)
        self.shop(u, self.rng.randint(0, 2), ["beauty", "food"], 0.2)

    def p_gift_giver(self, u):
        p = {"dwell": self.lognorm(2.5, 0.5), "comments": 0.4, "intents": ["praise", "praise", "chat"],
             "like": 0.9, "gift": 0.9, "gifts": 4, "gift_w": [2, 10, 20, 28, 30, 10], "share": 0.4, "follow": 0.8,
             "clicks": 0.1}
        room = self.rng.choice(["room:meizhuang_xiaoya", "room:shuma_laowang", "room:lingshi_tangtang"])
        self.attend(u, self.sessions_of(room=room), 0.7, p)
        self.shop(u, self.rng.randint(0, 2), ["beauty", "digital", "food", "fashion"], 0.3)

    def p_coupon_hunter(self, u):
        p = {"dwell": self.lognorm(1.5), "comments": 0.55, "intents": ["price", "price", "price", "purchase", "shipping"],
             "like": 0.2, "clicks": 0.3, "buy": 0.35, "coupon": 0.9, "share": 0.08}
        self.attend(u, self.sessions, 0.2, p)
        top = self.rng.choice(list(CODES))
        self.shop(u, self.rng.randint(1, 3), [top, "food", "beauty"], 0.3,
                  coupon=(f"cpn:shop-{self.rng.choice([5, 10, 20])}", 10))

    def p_big_ticket(self, u):
        """Researches appliances for long, asks, then buys big."""
        rng = self.rng
        p = {"dwell": self.lognorm(10.5, 0.1), "comments": 0.3, "intents": ["review", "size", "service", "effect"],
             "clicks": 0.12, "like": 0.3}
        for s in self.sessions_of(room="room:shuma_laowang"):
            if s["top"] == "appliance" or rng.random() < 0.15:
                self.persona_visit(u, s, p)
        big = [pid for pid in self.by_top["appliance"] if self.products[pid]["price"] >= 1000]
        for _ in range(rng.randint(1, 3)):
            self.browse(u, self.day_time(rng.randrange(15), [10, 20, 21]), ["appliance"], 0)
        for k in range(rng.randint(2, 3)):
            t = self.day_time(rng.randrange(4, 14), [10, 20, 21])
            pid = rng.choice(big)
            self.add(t - timedelta(minutes=5), "shop.view", user={"accountId": u["account"]}, product=pid,
                     props={"durationMs": rng.randint(60000, 300000)})
            self.order(u, t, [(pid, 1)])
        self.shop(u, 1, ["home"], 0.3)

    def p_casual(self, u):
        rng = self.rng
        p = {"dwell": self.lognorm(1.0, 0.8), "comments": 0.1, "intents": ["chat", "price", "praise"], "like": 0.3,
             "clicks": 0.1, "buy": 0.05}
        for s in rng.sample(self.sessions, rng.choice([0, 0, 0, 1, 1, 2])):
            self.persona_visit(u, s, p)
        self.shop(u, rng.choice([0, 1, 1]), [rng.choice(list(CODES))], 0.2)

    # ------------------------------------------------------------- external --

    def external(self):
        rng = self.rng
        trends = [("敏感肌修护", "beauty"), ("国潮彩妆", "beauty"), ("降噪耳机", "digital"), ("扫地机器人", "appliance"),
                  ("围炉煮茶", "food"), ("螺蛳粉", "food"), ("新中式穿搭", "fashion"), ("露营装备", "sports")]
        for i, (kw, cat) in enumerate(trends):
            self.add(START + timedelta(days=1 + i * 1.5, hours=9), "external.trend",
                     props={"keyword": kw, "category": cat, "score": round(rng.uniform(40, 98), 1)})
        for pid in [self.by_top["beauty"][0], self.by_top["digital"][4], self.by_top["food"][5], self.by_top["appliance"][10]]:
            for d in (3, 10):
                self.add(START + timedelta(days=d, hours=8), "external.inventory", product=pid,
                         props={"stock": rng.randint(0, 5000)})

    # ------------------------------------------------------------------ main --

    def generate(self):
        self.build_catalog()
        self.build_sessions()
        self.external()
        for u in self.make_users():
            self.run_user(u)
        rest = sorted(self.events, key=lambda e: (e[0], e[1]))
        out = self.catalog + [e for _, _, e in rest]
        # No `sentAt`: this file is history replayed later, and skew correction (ts + receivedAt - sentAt)
        # would move any event carrying one to the time of the replay.
        prefix = {"catalog": "cat", "live": "lv", "shop": "shp", "user": "usr", "identity": "usr", "external": "ext"}
        lines = []
        for n, ev in enumerate(out, 1):
            ev = {"id": f"{prefix[ev['type'].split('.')[0]]}-{n:05d}", **ev}
            lines.append(json.dumps(ev, ensure_ascii=False, separators=(",", ":")))
        return lines


def poisson(rng, lam):
    if lam <= 0:
        return 0
    n, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return n
        n += 1


def iso(t):
    return t.astimezone(CST).isoformat(timespec="seconds")


def ms(t):
    return int(t.timestamp() * 1000)


def parse(v):
    return datetime.fromtimestamp(v / 1000, CST) if isinstance(v, int) else datetime.fromisoformat(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).with_name("live-commerce.ndjson")), help="file, or - for stdout")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--stats", action="store_true", help="print event counts per persona to stderr")
    args = ap.parse_args()
    gen = Gen(args.seed)
    lines = gen.generate()
    if args.stats:
        personas = sorted({p for p, _ in gen.stats})
        for p in personas:
            row = {t: n for (q, t), n in gen.stats.items() if q == p}
            print(f"{p:15} {sum(row.values()):5}  " + " ".join(f"{t.split('.')[1]}={n}" for t, n in sorted(row.items())),
                  file=sys.stderr)
    text = "\n".join(lines) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8", newline="\n")
        print(f"{len(lines)} events, {len(text.encode('utf-8'))} bytes -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
