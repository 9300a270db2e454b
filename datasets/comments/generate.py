#!/usr/bin/env python3
"""Generates datasets/comments/comments.tsv: labelled live-room comments (text, intent, split).

Deterministic (fixed seed, Python 3 stdlib only). Comments are composed from templates and
slot fillers, then roughened the way live-room chat is: slang, homophone typos, pinyin
abbreviations, emoji, full-width characters and whole comments in traditional characters.

Columns: text, intent, split (train/test), template (heldout: the row comes from a template
that never produces train rows; seen: from a template that also produces train rows).

Held-out design: every intent has templates marked test-only (T(..., test=True)); their
rows never reach train, so the test split measures phrasings the classifier never saw.
A smaller share of test rows comes from train templates with different slot fillers
(never an exact copy of a train row).

Run from the repository root:  python3 datasets/comments/generate.py
"""
import os
import random

SEED = 20240607
ROWS_PER_INTENT = 250          # train-template rows attempted per intent
HELDOUT_ROWS_PER_INTENT = 40   # rows from test-only templates
SHARED_TEST_ROWS = 24          # test rows from train templates (new fillers)

# ---------------------------------------------------------------- slot fillers
BEAUTY = ["精华", "面膜", "粉底液", "口红", "防晒霜", "洗面奶", "面霜", "眼霜", "爽肤水", "卸妆油",
          "身体乳", "气垫", "精华液", "水乳", "唇釉", "散粉"]
APPLIANCE = ["洗地机", "空气炸锅", "扫地机器人", "吹风机", "破壁机", "电饭煲", "净水器", "洗碗机",
             "挂烫机", "加湿器"]
DIGITAL = ["耳机", "手机", "平板", "充电宝", "手表", "键盘", "蓝牙音箱", "降噪耳机", "投影仪"]
FOOD = ["零食", "坚果", "牛肉干", "螺蛳粉", "辣条", "燕麦片", "咖啡", "蛋糕", "酸奶", "猪肉脯", "果干"]
CLOTHES = ["卫衣", "羽绒服", "连衣裙", "运动鞋", "裤子", "外套", "T恤", "打底衫", "冲锋衣", "毛衣"]
BABY = ["纸尿裤", "奶粉", "湿巾", "婴儿霜", "辅食"]
HOME = ["四件套", "枕头", "收纳盒", "拖鞋", "凉席", "毛巾"]
ALL = BEAUTY + APPLIANCE + DIGITAL + FOOD + CLOTHES + BABY + HOME
SKIN = BEAUTY + BABY[2:4]
WEARABLE = CLOTHES
GADGET = APPLIANCE + DIGITAL
EDIBLE = FOOD + BABY[1:2] + BABY[4:5]

ADDRESS = ["主播", "姐姐", "小姐姐", "家人们", "宝子们", "主播姐姐", "哥哥", "老师", "亲", "主播宝宝", "助理"]
REF = ["这个", "这款", "刚才那个", "{n}号链接", "{n}号", "这个{p}", "这款{p}", "{p}", "今天的{p}", "你手上那个"]
BRANDS = ["戴森", "追觅", "苹果", "华为", "兰蔻", "雅诗兰黛", "小米", "索尼", "三只松鼠", "安踏", "李宁", "大牌"]
SKINTYPE = ["敏感肌", "油皮", "干皮", "混油皮", "痘痘肌", "混干皮"]
PEOPLE = ["孕妇", "宝宝", "小孩", "老人", "哺乳期", "学生"]
HEIGHT = ["155", "158", "160", "163", "165", "168", "170", "175", "180"]
WEIGHT = ["90", "95", "100", "105", "110", "120", "130", "140", "150"]
CITY = ["新疆", "西藏", "内蒙古", "海南", "青海", "东北", "偏远地区", "广州", "上海", "成都"]
EXPRESS = ["顺丰", "京东", "中通", "圆通", "韵达", "邮政"]

NEUTRAL_EMOJI = ["😀", "🤔", "👀", "🙋", "🙏", "✨", "😊", "🥺"]
HAPPY_EMOJI = ["😍", "🔥", "👍", "💯", "❤️", "🥰", "👏", "🎉", "😘"]
SAD_EMOJI = ["😭", "😡", "👎", "💔", "😤", "🙄", "😓"]
BUY_EMOJI = ["🛒", "💰", "🔥", "✅", "🙋", "🏃"]


def T(text, test=False, pools=None):
    return {"text": text, "test": test, "pools": pools or {}}


# ---------------------------------------------------------------- templates
# Slots: {a} address, {r} product reference, {p} product, {n} number, {b} brand,
# {s} skin type, {h} height, {w} weight, {c} city, {x} express, {pp} people, {q} question mark.
TEMPLATES = {
    "ask_ingredient": [
        T("{r}含不含激素{q}", pools={"p": SKIN}),
        T("{r}是什么材质的{q}", pools={"p": WEARABLE + HOME}),
        T("{r}有没有反式脂肪{q}", pools={"p": EDIBLE}),
        T("{r}的配料有哪些{q}", pools={"p": EDIBLE}),
        T("{r}刺激吗{q}{s}", pools={"p": SKIN}),
        T("{r}添加了什么{q}", pools={"p": SKIN + EDIBLE}),
        T("{r}里面有玻尿酸吗{q}", pools={"p": SKIN}),
        T("{r}是天然的吗{q}有没有化学成分", pools={"p": SKIN + EDIBLE}),
        T("{s}用{r}会不会闷痘{q}", pools={"p": SKIN}),
        T("{r}适合{s}吗{q}", pools={"p": SKIN}),
        T("{r}是不是无糖的{q}", pools={"p": EDIBLE}),
        T("{r}的活性成分浓度是多少{q}", pools={"p": SKIN}),
        T("{r}含不含过敏原{q}{pp}能吃吗", pools={"p": EDIBLE}),
        T("{r}面料含棉量多少{q}", pools={"p": WEARABLE}),
        T("{a}{r}什么成分{q}", pools={"p": SKIN}),
        T("{r}的成分表能念一下吗{q}", pools={"p": SKIN}),
        T("{s}能用吗{q}", pools={"p": SKIN}),
        T("{r}{s}可以用吗{q}", pools={"p": SKIN}),
        T("{r}含酒精吗{q}", pools={"p": SKIN}),
        T("有没有香精{q}{s}怕刺激", pools={"p": SKIN}),
        T("{r}主要配方是啥{q}", pools={"p": SKIN}),
        T("烟酰胺含量多少{q}", pools={"p": SKIN}),
        T("{pp}能用{r}吗{q}", pools={"p": SKIN}),
        T("配料表干净吗{q}有没有添加剂", pools={"p": EDIBLE}),
        T("{r}是纯棉的吗{q}面料成分是什么", pools={"p": WEARABLE}),
        T("{r}含糖吗{q}减肥期能吃吗", pools={"p": EDIBLE}),
        T("成分党想问下{r}有没有防腐剂", pools={"p": SKIN}),
        T("{a}{r}会不会致敏{q}我是{s}", pools={"p": SKIN}),
        T("{r}的配方改了吗{q}", pools={"p": SKIN}),
        T("{r}里面加了什么{q}", pools={"p": SKIN + EDIBLE}),
        # held out: never seen in train
        T("{s}姐妹冲之前想确认下{r}刺不刺激", test=True, pools={"p": SKIN}),
        T("{r}添加了啥活性物{q}浓度高不高", test=True, pools={"p": SKIN}),
        T("{pp}吃{r}有没有问题{q}配料安全吗", test=True, pools={"p": EDIBLE}),
        T("{r}里有酒精香精这些吗{q}", test=True, pools={"p": SKIN}),
        T("想看下{r}的全成分", test=True, pools={"p": SKIN}),
        T("{r}吃多了会上火吗{q}里面有什么", test=True, pools={"p": EDIBLE}),
        T("{s}敢不敢用{r}{q}", test=True, pools={"p": SKIN}),
        T("{r}的主要原料是啥{q}", test=True, pools={"p": ALL}),
    ],
    "ask_price": [
        T("{r}现在下单划算吗{q}", pools={"p": ALL}),
        T("{r}啥价{q}", pools={"p": ALL}),
        T("{r}价位多少{q}", pools={"p": ALL}),
        T("{r}能再优惠点不{q}", pools={"p": ALL}),
        T("{r}比平时便宜多少{q}", pools={"p": ALL}),
        T("{r}买二送一吗{q}还有什么福利", pools={"p": ALL}),
        T("{r}618会更便宜吗{q}", pools={"p": ALL}),
        T("{r}有没有价保{q}", pools={"p": ALL}),
        T("{r}一件几块{q}", pools={"p": ALL}),
        T("{a}给个实惠价{q}", pools={"p": ALL}),
        T("{r}多少一盒{q}", pools={"p": ALL}),
        T("{r}返现多少{q}", pools={"p": ALL}),
        T("{r}能不能砍价{q}", pools={"p": ALL}),
        T("{r}值这个价吗{q}", pools={"p": ALL}),
        T("{r}多少钱{q}", pools={"p": ALL}),
        T("{a}{r}什么价格{q}", pools={"p": ALL}),
        T("{r}今天有优惠吗{q}", pools={"p": ALL}),
        T("有券吗{q}{r}", pools={"p": ALL}),
        T("{a}能便宜点吗{q}", pools={"p": ALL}),
        T("{r}到手价多少{q}", pools={"p": ALL}),
        T("{r}打几折{q}", pools={"p": ALL}),
        T("满减怎么算{q}", pools={"p": ALL}),
        T("{r}比旗舰店便宜吗{q}", pools={"p": ALL}),
        T("{r}多少米{q}", pools={"p": ALL}),
        T("直播间价是多少{q}{a}", pools={"p": ALL}),
        T("优惠券在哪领{q}", pools={"p": ALL}),
        T("两件有折扣吗{q}", pools={"p": ALL}),
        T("ssm降价{q}{r}", pools={"p": ALL}),
        T("{r}原价多少现在多少{q}", pools={"p": ALL}),
        T("{a}价格再少点呗", pools={"p": ALL}),
        # held out
        T("{r}能不能再让点利{q}", test=True, pools={"p": ALL}),
        T("算下来一件合多少{q}", test=True, pools={"p": ALL}),
        T("{r}现在入手划不划算{q}有没有更低的时候", test=True, pools={"p": ALL}),
        T("这波福利价是多少呀{q}", test=True, pools={"p": ALL}),
        T("{r}报个价{a}", test=True, pools={"p": ALL}),
        T("{r}现在买贵不贵{q}", test=True, pools={"p": ALL}),
        T("{r}怎么卖{q}", test=True, pools={"p": ALL}),
        T("{r}凑单能省多少{q}", test=True, pools={"p": ALL}),
    ],
    "ask_size": [
        T("{r}有哪些规格{q}", pools={"p": ALL}),
        T("{r}一箱多少包{q}", pools={"p": FOOD}),
        T("{r}净含量多少{q}", pools={"p": FOOD + BEAUTY}),
        T("{r}占地方吗{q}", pools={"p": APPLIANCE + HOME}),
        T("{r}的L码是多大{q}", pools={"p": WEARABLE}),
        T("{r}长不长{q}我{h}", pools={"p": WEARABLE}),
        T("{r}胸围多少{q}", pools={"p": WEARABLE}),
        T("{r}多少升的{q}", pools={"p": APPLIANCE}),
        T("{r}屏幕几寸{q}", pools={"p": DIGITAL}),
        T("{r}是一米五还是一米八的{q}", pools={"p": HOME}),
        T("{r}够一个人用吗{q}", pools={"p": APPLIANCE}),
        T("{r}宽松还是修身{q}", pools={"p": WEARABLE}),
        T("{w}斤{h}穿M还是L{q}", pools={"p": WEARABLE}),
        T("{r}重不重{q}", pools={"p": GADGET}),
        T("{h} {w}斤穿什么码{q}", pools={"p": WEARABLE}),
        T("{a}{r}尺码偏大还是偏小{q}", pools={"p": WEARABLE}),
        T("身高{h}体重{w}选哪个尺码{q}", pools={"p": WEARABLE}),
        T("{r}有大码吗{q}", pools={"p": WEARABLE}),
        T("{r}多大{q}", pools={"p": GADGET}),
        T("{r}容量多少{q}", pools={"p": APPLIANCE + BEAUTY}),
        T("{r}几毫升的{q}", pools={"p": BEAUTY}),
        T("{r}尺寸是多少{q}", pools={"p": GADGET + HOME}),
        T("{r}一包多少克{q}", pools={"p": FOOD}),
        T("{r}适合几口人用{q}", pools={"p": APPLIANCE}),
        T("{w}斤能穿吗{q}", pools={"p": WEARABLE}),
        T("{r}有几个码{q}", pools={"p": WEARABLE}),
        T("{r}多重{q}拿着累不累", pools={"p": GADGET}),
        T("鞋码正吗{q}平时穿{n}", pools={"p": WEARABLE}),
        T("{a}{r}长宽高多少{q}", pools={"p": GADGET + HOME}),
        T("{r}是正装还是小样{q}", pools={"p": BEAUTY}),
        # held out
        T("我{h}的穿L会不会长{q}", test=True, pools={"p": WEARABLE}),
        T("{r}放得进小户型厨房吗{q}占不占地方", test=True, pools={"p": APPLIANCE}),
        T("腰围{n}0穿哪个号{q}", test=True, pools={"p": WEARABLE}),
        T("{r}分量足不足{q}一袋几斤", test=True, pools={"p": FOOD}),
        T("{r}规格怎么选{q}", test=True, pools={"p": ALL}),
        T("{r}我{w}斤会不会紧{q}", test=True, pools={"p": WEARABLE}),
        T("{r}体积大不大{q}", test=True, pools={"p": GADGET}),
        T("{r}一瓶能用多久{q}量大吗", test=True, pools={"p": BEAUTY}),
    ],
    "ask_effect": [
        T("{r}真的能祛斑吗{q}", pools={"p": SKIN}),
        T("{r}用了会不会有效果{q}", pools={"p": ALL}),
        T("{r}能淡化痘印吗{q}", pools={"p": SKIN}),
        T("{r}对毛孔有帮助吗{q}", pools={"p": SKIN}),
        T("{r}管不管用{q}", pools={"p": ALL}),
        T("{r}拖地干不干净{q}", pools={"p": APPLIANCE}),
        T("{r}清洁力怎么样{q}", pools={"p": APPLIANCE + SKIN}),
        T("{r}能提亮肤色吗{q}", pools={"p": SKIN}),
        T("{r}抗皱有用不{q}", pools={"p": SKIN}),
        T("{r}吹头发快吗{q}伤发吗", pools={"p": APPLIANCE}),
        T("{r}音质好不好{q}", pools={"p": DIGITAL}),
        T("{r}防水吗{q}会不会脱妆", pools={"p": BEAUTY}),
        T("{r}能吸猫毛吗{q}", pools={"p": APPLIANCE}),
        T("{r}用久了会不会变好{q}", pools={"p": SKIN}),
        T("{r}效果怎么样{q}", pools={"p": SKIN + GADGET}),
        T("{r}有用吗{q}", pools={"p": SKIN}),
        T("{a}{r}能美白吗{q}", pools={"p": SKIN}),
        T("{r}多久见效{q}", pools={"p": SKIN}),
        T("{r}保湿吗{q}{s}", pools={"p": SKIN}),
        T("{r}吸力大吗{q}", pools={"p": APPLIANCE}),
        T("{r}降噪效果好吗{q}", pools={"p": DIGITAL}),
        T("{r}祛痘管用吗{q}", pools={"p": SKIN}),
        T("{r}控油吗{q}", pools={"p": SKIN}),
        T("{r}好用吗{q}", pools={"p": ALL}),
        T("{r}去黄有效果吗{q}", pools={"p": SKIN}),
        T("{r}能去毛球吗{q}", pools={"p": APPLIANCE}),
        T("{r}持妆久吗{q}", pools={"p": BEAUTY}),
        T("用了{r}能瘦吗{q}", pools={"p": EDIBLE}),
        T("{r}保暖吗{q}冬天够不够", pools={"p": WEARABLE}),
        T("{r}去污能力强不强{q}", pools={"p": APPLIANCE}),
        # held out
        T("{r}用完皮肤会变亮吗{q}", test=True, pools={"p": SKIN}),
        T("{r}对黑头有没有帮助{q}", test=True, pools={"p": SKIN}),
        T("{r}顶不顶用啊{q}", test=True, pools={"p": ALL}),
        T("{r}拖完地干净吗{q}毛发能吸走吗", test=True, pools={"p": APPLIANCE}),
        T("{r}能改善细纹吗{q}", test=True, pools={"p": SKIN}),
        T("{r}能解决掉发吗{q}", test=True, pools={"p": ALL}),
        T("用{r}能变白吗{q}", test=True, pools={"p": SKIN}),
        T("{r}静音效果行不行{q}", test=True, pools={"p": GADGET}),
    ],
    "ask_shipping": [
        T("{r}物流到哪了{q}", pools={"p": ALL}),
        T("{r}多久能收到{q}", pools={"p": ALL}),
        T("{c}要加运费吗{q}", pools={"p": ALL}),
        T("{r}发{c}吗{q}", pools={"p": ALL}),
        T("{r}支持退换吗{q}", pools={"p": ALL}),
        T("{r}有货吗{q}什么时候寄", pools={"p": ALL}),
        T("{r}几天发出{q}", pools={"p": ALL}),
        T("可以货到付款吗{q}", pools={"p": ALL}),
        T("{r}能到付吗{q}", pools={"p": ALL}),
        T("快递能放驿站吗{q}", pools={"p": ALL}),
        T("{r}是同城发货吗{q}", pools={"p": ALL}),
        T("{r}坏了包换吗{q}", pools={"p": ALL}),
        T("配送要几天{q}{c}", pools={"p": ALL}),
        T("{r}能寄到{c}吗{q}", pools={"p": ALL}),
        T("{r}什么时候发货{q}", pools={"p": ALL}),
        T("ssm发货{q}{a}", pools={"p": ALL}),
        T("包邮吗{q}", pools={"p": ALL}),
        T("{c}包邮吗{q}", pools={"p": ALL}),
        T("发什么快递{q}", pools={"p": ALL}),
        T("能发{x}吗{q}", pools={"p": ALL}),
        T("{c}几天能到{q}", pools={"p": ALL}),
        T("{a}{r}有现货吗{q}多久发", pools={"p": ALL}),
        T("有运费险吗{q}", pools={"p": ALL}),
        T("拍了多久发货{q}", pools={"p": ALL}),
        T("{r}是预售吗{q}几号发", pools={"p": ALL}),
        T("从哪里发货{q}", pools={"p": ALL}),
        T("{c}能送到吗{q}", pools={"p": ALL}),
        T("今天拍明天能发吗{q}", pools={"p": ALL}),
        T("可以指定{x}吗{q}", pools={"p": ALL}),
        T("{a}48小时发货吗{q}", pools={"p": ALL}),
        # held out
        T("下单后大概几天到手{q}", test=True, pools={"p": ALL}),
        T("{r}走什么物流{q}", test=True, pools={"p": ALL}),
        T("{c}的姐妹能收到吗{q}要加邮费吗", test=True, pools={"p": ALL}),
        T("仓库在哪{q}到{c}要多久", test=True, pools={"p": ALL}),
        T("不满意能七天无理由退吗{q}", test=True, pools={"p": ALL}),
        T("{r}现在下单能赶上周末收到吗{q}", test=True, pools={"p": ALL}),
        T("{c}发得了吗{q}", test=True, pools={"p": ALL}),
        T("{r}寄出来大概要几天{q}", test=True, pools={"p": ALL}),
    ],
    "ask_review": [
        T("{r}有没有评测视频{q}", pools={"p": ALL}),
        T("{r}跟{b}的区别是什么{q}", pools={"p": ALL}),
        T("{r}好评率多少{q}", pools={"p": ALL}),
        T("{a}能比较一下{r}和{b}吗{q}", pools={"p": ALL}),
        T("{r}的数据能说一下吗{q}", pools={"p": GADGET}),
        T("{r}用户反馈怎么样{q}", pools={"p": ALL}),
        T("{r}吸力多少帕{q}", pools={"p": APPLIANCE}),
        T("有博主测过{r}吗{q}", pools={"p": ALL}),
        T("{r}屏幕参数是什么{q}", pools={"p": DIGITAL}),
        T("{r}是哪一代的{q}和上一代比呢", pools={"p": DIGITAL}),
        T("{r}在同价位里排第几{q}", pools={"p": ALL}),
        T("买过{r}的来说说体验{q}", pools={"p": ALL}),
        T("{r}和{b}哪个性能更好{q}", pools={"p": GADGET}),
        T("求{r}的真实使用感受", pools={"p": ALL}),
        T("{r}有测评吗{q}", pools={"p": ALL}),
        T("{r}和{b}比怎么样{q}", pools={"p": GADGET + BEAUTY}),
        T("{a}参数发一下{q}", pools={"p": GADGET}),
        T("{r}实测续航多久{q}", pools={"p": DIGITAL}),
        T("能对比一下{r}和上一款吗{q}", pools={"p": ALL}),
        T("有没有买过{r}的说说{q}", pools={"p": ALL}),
        T("{r}真实评价怎么样{q}", pools={"p": ALL}),
        T("{r}是不是{b}的平替{q}", pools={"p": BEAUTY + GADGET}),
        T("{r}功率多少{q}噪音多少分贝", pools={"p": APPLIANCE}),
        T("求个{r}的实测视频", pools={"p": GADGET}),
        T("{r}跑分多少{q}", pools={"p": DIGITAL}),
        T("{r}口碑怎么样{q}", pools={"p": ALL}),
        T("{a}能现场测一下{r}吗{q}", pools={"p": GADGET}),
        T("{r}和{b}那款哪个好{q}", pools={"p": ALL}),
        T("买家秀有吗{q}", pools={"p": ALL}),
        T("{r}配置怎么样{q}芯片是什么", pools={"p": DIGITAL}),
        # held out
        T("有人横评过{r}吗{q}", test=True, pools={"p": ALL}),
        T("{r}和{b}差在哪{q}值不值得多花钱", test=True, pools={"p": GADGET + BEAUTY}),
        T("{a}演示一下{r}的实际表现", test=True, pools={"p": GADGET}),
        T("用过{r}的朋友出来讲讲体验", test=True, pools={"p": ALL}),
        T("{r}续航和充电速度具体数据有吗{q}", test=True, pools={"p": DIGITAL}),
        T("{r}的详细参数贴一下", test=True, pools={"p": GADGET}),
        T("有人拿{r}和{b}比过吗{q}", test=True, pools={"p": ALL}),
        T("{r}评价好不好{q}", test=True, pools={"p": ALL}),
    ],
    "praise": [
        T("{r}太香了", pools={"p": FOOD}),
        T("{r}物超所值", pools={"p": ALL}),
        T("{r}好评", pools={"p": ALL}),
        T("{r}比专柜还好", pools={"p": ALL}),
        T("{a}选的{r}就是靠谱", pools={"p": ALL}),
        T("{r}用着很舒服", pools={"p": ALL}),
        T("{r}真的很值", pools={"p": ALL}),
        T("{r}一点都不踩雷", pools={"p": ALL}),
        T("{r}做工很精致", pools={"p": ALL}),
        T("我妈也说{r}好", pools={"p": ALL}),
        T("{r}没有让人失望", pools={"p": ALL}),
        T("已经安利给闺蜜了{r}", pools={"p": ALL}),
        T("{r}是真的好看", pools={"p": ALL}),
        T("{r}效果超出预期", pools={"p": ALL}),
        T("{r}太好用了", pools={"p": ALL}),
        T("{r}yyds", pools={"p": ALL}),
        T("绝绝子{r}", pools={"p": ALL}),
        T("第{n}次回购了{r}真的好", pools={"p": ALL}),
        T("{a}推荐的都好用", pools={"p": ALL}),
        T("{r}质量很好", pools={"p": ALL}),
        T("用了{r}皮肤变好了", pools={"p": SKIN}),
        T("爱了爱了{r}", pools={"p": ALL}),
        T("{r}性价比超高", pools={"p": ALL}),
        T("收到了{r}很满意", pools={"p": ALL}),
        T("{r}真的绝了", pools={"p": ALL}),
        T("上次买的{r}超级好吃", pools={"p": FOOD}),
        T("{a}好会选品", pools={"p": ALL}),
        T("{r}颜值太高了", pools={"p": ALL}),
        T("zqsg推荐{r}", pools={"p": ALL}),
        T("{r}吸力是真的猛", pools={"p": APPLIANCE}),
        # held out
        T("{r}是我今年买过最值的东西", test=True, pools={"p": ALL}),
        T("给{a}点赞{r}用着很舒服", test=True, pools={"p": ALL}),
        T("{r}没让我失望", test=True, pools={"p": ALL}),
        T("u1s1{r}做工挺扎实", test=True, pools={"p": ALL}),
        T("闭眼入不踩雷{r}", test=True, pools={"p": ALL}),
        T("{r}用了一个月真香", test=True, pools={"p": ALL}),
        T("{r}好用到哭", test=True, pools={"p": ALL}),
        T("{a}讲得好{r}也好", test=True, pools={"p": ALL}),
    ],
    "complaint": [
        T("{r}和图片差太多了", pools={"p": ALL}),
        T("{r}发错货了", pools={"p": ALL}),
        T("{r}一洗就掉色", pools={"p": WEARABLE}),
        T("{r}用了一次就不行了", pools={"p": GADGET}),
        T("包装都破了{r}漏了一半", pools={"p": ALL}),
        T("{r}根本没效果", pools={"p": ALL}),
        T("售后态度太差", pools={"p": ALL}),
        T("物流太慢了{n}天还没到", pools={"p": ALL}),
        T("{r}过期了吧", pools={"p": EDIBLE + SKIN}),
        T("以后不会再买了", pools={"p": ALL}),
        T("{r}做工粗糙", pools={"p": ALL}),
        T("{r}降价了不给补差价", pools={"p": ALL}),
        T("{r}吃出头发了", pools={"p": FOOD}),
        T("{r}噪音太大吵死了", pools={"p": APPLIANCE}),
        T("{r}怎么还没发货", pools={"p": ALL}),
        T("{r}质量太差了", pools={"p": ALL}),
        T("用了{r}过敏了", pools={"p": SKIN}),
        T("客服一直不回", pools={"p": ALL}),
        T("{r}是假货吧", pools={"p": ALL}),
        T("退款到现在还没到账", pools={"p": ALL}),
        T("{r}太贵了不值", pools={"p": ALL}),
        T("买了{r}用两天就坏了", pools={"p": GADGET}),
        T("{a}骗人的吧", pools={"p": ALL}),
        T("收到的{r}是坏的", pools={"p": ALL}),
        T("差评{r}", pools={"p": ALL}),
        T("{r}用了烂脸", pools={"p": SKIN}),
        T("跟直播间说的不一样", pools={"p": ALL}),
        T("{r}一股怪味", pools={"p": ALL}),
        T("等了{n}天了还没收到", pools={"p": ALL}),
        T("{r}踩雷了", pools={"p": ALL}),
        # held out
        T("刚拆开{r}就漏了", test=True, pools={"p": ALL}),
        T("再也不在这个直播间买东西了", test=True, pools={"p": ALL}),
        T("{r}缩水严重洗一次就变形", test=True, pools={"p": WEARABLE}),
        T("说好的赠品呢{q}一个都没有", test=True, pools={"p": ALL}),
        T("{r}充不进电售后也不管", test=True, pools={"p": GADGET}),
        T("{r}收到就是旧的", test=True, pools={"p": ALL}),
        T("{r}太难用了浪费钱", test=True, pools={"p": ALL}),
        T("申请售后没人理", test=True, pools={"p": ALL}),
    ],
    "purchase_intent": [
        T("{r}我要了", pools={"p": ALL}),
        T("{r}拍下了", pools={"p": ALL}),
        T("{a}{r}还有库存吗我要买", pools={"p": ALL}),
        T("付款了等发货", pools={"p": ALL}),
        T("{r}入手了", pools={"p": ALL}),
        T("{r}买了{n}个", pools={"p": ALL}),
        T("求补货{r}", pools={"p": ALL}),
        T("{r}给我整一个", pools={"p": ALL}),
        T("下单{r}", pools={"p": ALL}),
        T("{r}想买", pools={"p": ALL}),
        T("{r}囤起来", pools={"p": ALL}),
        T("{r}再来{n}单", pools={"p": ALL}),
        T("秒拍{r}", pools={"p": ALL}),
        T("{r}抢了{n}件", pools={"p": ALL}),
        T("已拍", pools={"p": ALL}),
        T("拍了{r}", pools={"p": ALL}),
        T("下单了{a}", pools={"p": ALL}),
        T("想要{r}", pools={"p": ALL}),
        T("上链接", pools={"p": ALL}),
        T("{a}快上{r}链接", pools={"p": ALL}),
        T("冲冲冲{r}", pools={"p": ALL}),
        T("蹲{r}", pools={"p": ALL}),
        T("已付款{r}", pools={"p": ALL}),
        T("抢到了", pools={"p": ALL}),
        T("我要{n}个{r}", pools={"p": ALL}),
        T("扣1要{r}", pools={"p": ALL}),
        T("给我来{n}份", pools={"p": ALL}),
        T("买买买{r}", pools={"p": ALL}),
        T("已下单{n}件", pools={"p": ALL}),
        T("{r}加购了", pools={"p": ALL}),
        # held out
        T("手慢了没抢到还能补货吗{q}我还要", test=True, pools={"p": ALL}),
        T("{r}给我留一单", test=True, pools={"p": ALL}),
        T("刚刚付完钱了", test=True, pools={"p": ALL}),
        T("{r}必入{a}", test=True, pools={"p": ALL}),
        T("准备囤{n}箱{r}", test=True, pools={"p": ALL}),
        T("{r}已经在购物车了马上付", test=True, pools={"p": ALL}),
        T("我也要{r}", test=True, pools={"p": ALL}),
        T("{r}果断下单", test=True, pools={"p": ALL}),
    ],
    "other": [
        T("有没有同城的", pools={"p": ALL}),
        T("下班了来看看", pools={"p": ALL}),
        T("{a}家狗狗好乖", pools={"p": ALL}),
        T("什么时候抽奖{q}", pools={"p": ALL}),
        T("{a}的耳环好好看", pools={"p": ALL}),
        T("我是{c}的", pools={"p": ALL}),
        T("{a}辛苦了早点休息", pools={"p": ALL}),
        T("今天人好多", pools={"p": ALL}),
        T("刚吃完饭来看", pools={"p": ALL}),
        T("{a}多喝水", pools={"p": ALL}),
        T("我来凑个热闹", pools={"p": ALL}),
        T("{a}今天穿的好看", pools={"p": ALL}),
        T("还有谁在看", pools={"p": ALL}),
        T("{a}唱首歌吧", pools={"p": ALL}),
        T("{a}晚上好", pools={"p": ALL}),
        T("来了来了", pools={"p": ALL}),
        T("打卡", pools={"p": ALL}),
        T("{a}背景音乐是什么歌{q}", pools={"p": ALL}),
        T("{a}几点下播{q}", pools={"p": ALL}),
        T("关注了", pools={"p": ALL}),
        T("福袋什么时候开{q}", pools={"p": ALL}),
        T("哈哈哈xswl", pools={"p": ALL}),
        T("{a}今天好漂亮", pools={"p": ALL}),
        T("第一次来{a}", pools={"p": ALL}),
        T("点赞点赞", pools={"p": ALL}),
        T("dd我{a}", pools={"p": ALL}),
        T("{a}在哪个城市{q}", pools={"p": ALL}),
        T("bhs", pools={"p": ALL}),
        T("助理好可爱", pools={"p": ALL}),
        T("{a}明天还播吗{q}", pools={"p": ALL}),
        # held out
        T("刚下班赶上了", test=True, pools={"p": ALL}),
        T("{a}身后那个猫好可爱", test=True, pools={"p": ALL}),
        T("抽奖规则是啥{q}", test=True, pools={"p": ALL}),
        T("有没有{c}老乡", test=True, pools={"p": ALL}),
        T("{a}声音有点哑注意休息", test=True, pools={"p": ALL}),
        T("{a}今天几点开播的{q}", test=True, pools={"p": ALL}),
        T("周末愉快呀", test=True, pools={"p": ALL}),
        T("{a}背后的灯好漂亮", test=True, pools={"p": ALL}),
    ],
}

QUESTION_INTENTS = {"ask_ingredient", "ask_price", "ask_size", "ask_effect", "ask_shipping", "ask_review"}

# Slang and decoration, per intent family: appended or prepended, never changing the intent.
PREFIX = {
    "question": ["", "", "", "请问", "问下", "想问一下", "弱弱问一句", "蹲一个回答", "家人们", "宝子们", "dd", "主播看看我"],
    "praise": ["", "", "", "家人们", "真心说", "u1s1", "说实话", "宝子们"],
    "complaint": ["", "", "", "无语", "服了", "说实话", "家人们", "真的"],
    "purchase_intent": ["", "", "", "家人们", "宝子们", "姐妹们"],
    "other": ["", "", "", "哈哈", "嗨", "家人们"],
}
SUFFIX = {
    "question": ["", "", "", "在线等", "急", "蹲", "谢谢", "求回复", "有人知道吗"],
    "praise": ["", "", "", "yyds", "绝绝子", "冲冲冲", "强推", "爱了", "zqsg"],
    "complaint": ["", "", "", "失望", "气死了", "无语", "差评", "太坑了"],
    "purchase_intent": ["", "", "", "冲冲冲", "冲", "先拍为敬", "手快有手慢无"],
    "other": ["", "", "", "哈哈哈", "xswl", "~", "hhh"],
}
EMOJI = {"question": NEUTRAL_EMOJI, "praise": HAPPY_EMOJI, "complaint": SAD_EMOJI,
         "purchase_intent": BUY_EMOJI, "other": NEUTRAL_EMOJI + HAPPY_EMOJI}

# Homophone/typo noise seen in live chat.
TYPOS = [("什么", "神马"), ("什么", "啥"), ("怎么", "咋"), ("怎么", "肿么"), ("这个", "介个"),
         ("没有", "木有"), ("有没有", "有木有"), ("喜欢", "稀饭"), ("的", "滴"), ("是不是", "是不4"),
         ("多少", "多少捏"), ("吗", "嘛"), ("呢", "捏"), ("好", "hao"), ("便宜", "便宜"), ("真的", "真滴"),
         ("知道", "造"), ("姐姐", "jj"), ("主播", "zb"), ("了", "辣")]

# Simplified -> traditional for whole-comment conversion (common characters only).
TRAD = {p[0]: p[1] for p in (
    "这這 个個 吗嗎 价價 钱錢 优優 码碼 发發 货貨 还還 没沒 质質 过過 问問 题題 说說 买買 卖賣 东東 刚剛 试試 时時 间間 长長 觉覺 欢歡 乐樂 对對 爱愛 样樣 种種 单單 链鏈 让讓 两兩 几幾 实實 测測 评評 论論 图圖 边邊 见見 应應 经經 后後 给給 现現 够夠 开開 会會 头頭 贵貴 运運 费費 险險 预預 邮郵 员員 红紅 "
    "颜顏 绝絕 听聽 话話 谁誰 们們 为為 无無 线線 电電 脑腦 机機 声聲 护護 肤膚 热熱 鲜鮮 风風 术術 体體 验驗 级級 坏壞 难難 关關 从從 进進 达達 纸紙 裤褲 装裝 围圍 宽寬 网網 区區 当當 场場 专專 务務 纯純 净淨 号號 杂雜 烧燒 节節 点點 认認 识識 传傳 么麼 这這 药藥 适適 码碼 够夠 买買 链鏈 辆輛 礼禮 赠贈 换換 满滿 减減 张張 动動 轻輕 软軟 洁潔 汤湯 鸡雞 猪豬 鱼魚 虾蝦 饭飯 面麵 颗顆 须須 续續 试試 准準 确確 干乾 涩澀 痒癢 疮瘡 烂爛 脸臉 吨噸 双雙 亲親 宝寶 妈媽 爷爺 条條 块塊 钟鐘 处處 冲衝 闪閃 买買 恋戀 厂廠 历歷 丝絲 华華 苹蘋 奖獎 抢搶 欧歐 罗羅 兴興").split()}
FULLWIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def fill(rng, template, intent):
    pools = template["pools"]
    products = pools.get("p", ALL)
    product = rng.choice(products)
    ref = rng.choice(REF).replace("{p}", product).replace("{n}", str(rng.randint(1, 40)))
    text = template["text"]
    family = intent if intent in PREFIX else "question"
    q = rng.choice(["？", "?", "", "？？", "呀", "啊", "呢"]) if family == "question" else rng.choice(["", "", "？"])
    slots = {
        "{a}": rng.choice(ADDRESS) if rng.random() < 0.7 else "",
        "{r}": ref, "{p}": product, "{n}": str(rng.randint(2, 9)), "{b}": rng.choice(BRANDS),
        "{s}": rng.choice(SKINTYPE), "{h}": rng.choice(HEIGHT), "{w}": rng.choice(WEIGHT),
        "{c}": rng.choice(CITY), "{x}": rng.choice(EXPRESS), "{pp}": rng.choice(PEOPLE), "{q}": q,
    }
    for key, value in slots.items():
        text = text.replace(key, value)
    return decorate(rng, text, family)


def decorate(rng, text, family):
    prefix = rng.choice(PREFIX[family])
    suffix = rng.choice(SUFFIX[family])
    if prefix and not text.startswith(prefix):
        text = prefix + rng.choice(["", " ", "，", ","]) + text
    if suffix:
        text = text + rng.choice(["", " ", "，"]) + suffix
    if rng.random() < 0.3:
        emoji = rng.choice(EMOJI[family]) * rng.choice([1, 1, 2, 3])
        text = (emoji + text) if rng.random() < 0.25 else (text + emoji)
    if rng.random() < 0.18:
        src, dst = rng.choice(TYPOS)
        text = text.replace(src, dst, 1)
    if rng.random() < 0.05:
        text = "".join(FULLWIDTH.get(ch, ch) for ch in text)
    if rng.random() < 0.12:
        text = "".join(TRAD.get(ch, ch) for ch in text)
    if rng.random() < 0.08:
        text = text + rng.choice(["!!", "！！！", "。", "...", "～"])
    return text.strip()


def main():
    rng = random.Random(SEED)
    rows = []
    seen = set()
    for intent, templates in TEMPLATES.items():
        train_t = [t for t in templates if not t["test"]]
        test_t = [t for t in templates if t["test"]]
        train_rows, test_rows = [], []
        attempts = 0
        while len(train_rows) < ROWS_PER_INTENT and attempts < 20000:
            attempts += 1
            text = fill(rng, rng.choice(train_t), intent)
            if text and text not in seen:
                seen.add(text)
                train_rows.append(text)
        attempts = 0
        while len(test_rows) < HELDOUT_ROWS_PER_INTENT and attempts < 20000:
            attempts += 1
            text = fill(rng, rng.choice(test_t), intent)
            if text and text not in seen:
                seen.add(text)
                test_rows.append(text)
        # A few test rows from train templates: new filler combinations, never a train row.
        rng.shuffle(train_rows)
        shared = train_rows[:SHARED_TEST_ROWS]
        train_rows = train_rows[SHARED_TEST_ROWS:]
        rows += [(t, intent, "train", "seen") for t in train_rows]
        rows += [(t, intent, "test", "heldout") for t in test_rows]
        rows += [(t, intent, "test", "seen") for t in shared]
    rng.shuffle(rows)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "comments.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("text\tintent\tsplit\ttemplate\n")
        for text, intent, split, template in rows:
            assert "\t" not in text and "\n" not in text
            f.write(f"{text}\t{intent}\t{split}\t{template}\n")
    print(f"wrote {len(rows)} rows to {os.path.relpath(out)}")


if __name__ == "__main__":
    main()
