"""Synthetic dispute texts and post streams, marked as synthetic: for the default model's training data,
tests and benchmarks.

All text is made up from hand-written phrases per dispute type (``FACTS``), combined with openers, places,
durations, amounts, requests and sometimes escalation phrases, in the style of 12345 hotline records and
message-board posts. :func:`synthetic_stream` builds a dated stream of posts over districts with injected
bursts, near-duplicate clusters and repeat parties, and returns the known answers with it.

Examples:
    >>> s = synthetic_stream(seed=1, days=30)
    >>> len(s.posts) > 200, [b["type"] for b in s.bursts][:1]
    (True, ['婚姻家庭'])
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = ["FACTS", "make_text", "generate", "synthetic_stream", "SyntheticStream", "DISTRICTS"]

OPENERS = ["", "", "", "您好，", "你好，", "领导您好，", "反映一个问题：", "求助！", "市民来电反映：", "来电人称，",
           "网友留言：", "我想咨询一下，", "请问，", "麻烦帮忙看看，", "实在没办法了，", "【求助】", "诉求人反映，",
           "群众来访称，", "本人反映，", "业主反映：", "村民反映："]
PLACES = ["城关镇", "东城街道", "西湖社区", "河口村", "新华路", "幸福小区", "锦绣花园", "工业园区", "南山镇", "李家庄",
          "滨江苑", "朝阳社区", "桃园村", "开发区", "红星街道", "翠苑二区", "北关村", "金色家园", "育才路", "清水镇"]
ASKS = ["", "", "希望有关部门尽快处理。", "请问该怎么办？", "希望能帮忙协调解决。", "请给个说法。", "这种情况合法吗？",
        "能不能帮忙调解一下？", "恳请领导关注。", "我该找哪个部门？", "要走什么程序？", "希望尽快给答复。",
        "多次反映没人处理。", "请依法处理。", "想申请人民调解。", "我们该怎么维权？", "谢谢！", "急！", "可以起诉吗？"]
ESCALATE = ["如果再不解决我们就去上访", "再不处理就拉横幅", "他扬言要报复", "对方威胁要打人", "我都不想活了",
            "大家准备一起去市政府", "已经打起来了", "再拖下去要出事", "好几十人聚集在门口", "我们不会去上访，只想要个说法",
            "没有闹事的意思", "对方说要跟我同归于尽", "快过年了还没着落"]
DURATIONS = ["三个月", "半年", "一年多", "两年", "好几个月", "一个多月", "十几天", "快三年", "大半年", "一周"]
AMOUNTS = ["三千元", "8000元", "两万多", "五万元", "12万", "一万五", "六千多块", "三十万", "4500元", "十几万"]
WHO = ["邻居", "对方", "他们", "那户人家", "老板", "公司", "物业", "开发商", "村里", "对面"]

FACTS: dict[str, list[str]] = {
    "婚姻家庭": [
        "老公长期家暴，我想离婚", "丈夫出轨还转移夫妻共同财产", "离婚后前夫不按时给孩子抚养费", "婆媳关系不好天天吵架",
        "老人有三个儿子都不愿意赡养", "离婚时孩子抚养权怎么判", "妻子要离婚但是孩子还小", "前妻不让我探望孩子",
        "父亲去世后兄弟几个为分遗产闹翻了", "结婚时给的彩礼现在要不要退", "夫妻分居两年了对方不同意离婚",
        "老伴去世后子女争房产", "婚后买的房子离婚怎么分", "儿子儿媳不让老人住家里", "女儿结婚后不管父母",
        "丈夫赌博欠债要我一起还", "继母和继子为遗嘱吵起来", "父母偏心把房子过户给弟弟", "离婚协议签了对方反悔",
        "男方婚前隐瞒疾病", "老人再婚子女反对", "我和老公感情破裂想协议离婚", "孩子跟着爷爷奶奶父母都不管",
        "妻子带着孩子回娘家不回来", "哥哥不出赡养费全靠我一个人", "分家时宅子分得不公平兄弟打起来"],
    "邻里": [
        "楼上邻居半夜跺脚噪音很大", "邻居在楼道堆放杂物", "隔壁装修天天电钻声", "邻居家狗晚上一直叫还随地大小便",
        "对门在公共走廊装鞋柜", "楼上漏水把我家天花板泡坏了", "邻居占用公共车位", "隔壁空调外机对着我家窗户",
        "邻居家树枝伸到我院子里", "邻居在门口装摄像头对着我家", "楼下烧烤油烟熏到我家", "邻居往我家门口倒垃圾",
        "两家为了一条过道吵了好几年", "邻居把排水管接到我家墙上", "楼上阳台滴水", "邻居养鸡鸭臭气熏天",
        "隔壁半夜打麻将吵得睡不着", "邻居在楼顶种菜压坏防水", "因为停车两家吵起来了", "邻居家孩子打了我家孩子",
        "邻居私自拆了共用的围墙", "邻居乱接电线很危险", "对门在楼道里烧纸", "楼上往下扔东西"],
    "房屋宅基地": [
        "宅基地界址不清和邻居起争执", "邻居盖房子占了我家的宅基地", "老宅翻建被村里拦着", "兄弟之间为宅基地分割吵架",
        "房子没办证现在被人占着", "买的小产权房过不了户", "邻居新房比我家高挡住采光", "村里重新划宅基地不公平",
        "老房子倒塌后地基被别人占用", "滴水檐的位置两家说不清", "我家宅基地被村里收回分给别人", "盖房时对方不让过材料车",
        "出租的房子租客不搬走", "租房押金房东不退", "房东突然要涨房租还要赶人", "建房界墙往我家这边偏了半米",
        "宅基地证上的面积和实际不一样", "父亲留下的老房子被叔叔占了", "房屋买卖后卖方不配合过户", "新房墙体开裂开发商不管"],
    "合同": [
        "签了装修合同对方拖延工期", "定金交了商家不履行合同", "合同到期对方不续约还扣押金", "承包工程对方违约不付款",
        "买卖合同约定的货一直不发", "中介合同收了服务费不办事", "培训机构签合同后不退费", "租车合同里有霸王条款",
        "合伙签的协议对方不认账", "口头约定的事情对方反悔了", "合同里违约金约定太高", "对方伪造了我的签名签合同",
        "合同没盖章算不算数", "采购合同货款拖了半年", "加盟合同被骗了加盟费", "运输合同货物损坏对方不赔",
        "签了购房认购书开发商涨价", "服务合同对方偷工减料", "劳务分包合同结算有争议", "车辆买卖合同对方隐瞒事故"],
    "生产经营": [
        "合伙开的店赔钱了对方要撤股", "承包的鱼塘被村里提前收回", "供货商断货影响我们生产", "厂子和周边村民为用电起纠纷",
        "个体户门面被人堵着不能经营", "合伙人私自把公司账上的钱转走", "养殖场和收购商结算有矛盾", "种植大户的农产品被压价收购",
        "店铺转让后原老板又在隔壁开店", "市场管理方乱收摊位费", "合作社分红不公开", "加工厂的机器被供应商拉走",
        "股东之间为经营权闹翻", "快递网点承包费纠纷", "厂房转租后次承租人不交租", "工程款被挂靠单位截留",
        "商户和商场为装修费扯皮", "农家乐合伙人散伙分钱吵架", "餐馆和食材供应商为质量问题争执", "物流车队和货主结算纠纷"],
    "损害赔偿": [
        "被人打伤了对方不赔医药费", "小孩在学校受伤学校推卸责任", "被狗咬了狗主人不承认", "在商场摔倒受伤商场不管",
        "楼上掉下来花盆砸坏了车", "施工单位挖断了我家水管", "宠物咬死了我家的鸡", "在饭店吃饭被烫伤",
        "被人推倒骨折要求赔偿", "广告牌被风吹倒砸伤行人", "邻居家漏电导致我家电器烧坏", "孩子玩耍时把别人眼睛弄伤了",
        "在健身房受伤店家不认账", "村里路灯杆倒了砸坏车子", "打架后对方住院让我赔钱", "物品被损坏对方只肯赔一点",
        "被人造谣诽谤名誉受损", "照片被人放到网上侵犯隐私", "误工费和护理费怎么算", "伤残鉴定后对方拒不赔偿"],
    "山林土地": [
        "两个村为山林边界争了好多年", "承包的林地被别人砍了树", "土地承包经营权证上的地被别人种了", "村里调地我家少分了",
        "祖坟所在的山被人开发", "外嫁女的承包地被收回", "耕地被邻居挪了界桩", "林权证重叠两家都说是自己的",
        "荒山承包合同到期村里不续", "土地流转费一直没有给", "集体土地被村干部私自出租", "我家的责任田被修路占了没补偿",
        "果园和邻村的地界有争议", "土地确权时面积少算了", "水田的灌溉水源被上游截了", "承包地被别人盖了养殖棚",
        "村民小组之间为草场使用权起纠纷", "分山到户时的协议找不到了", "退耕还林补贴被别人领了", "开荒地的归属说不清"],
    "劳动争议": [
        "工地干了半年老板拖欠工资", "公司不签劳动合同还不交社保", "被公司无故辞退不给补偿", "加班没有加班费",
        "工伤了公司不给认定", "包工头跑路了工钱没人给", "试用期被辞退工资只给一半", "公司拖欠三个月工资",
        "离职后公司扣着最后一个月工资", "单位让我自动离职不给经济补偿", "农民工工资被层层拖欠", "公司降薪调岗逼我走",
        "在厂里受伤了老板只给一点钱", "劳务派遣公司不发工资", "年底了工钱还没结", "公司倒闭了工资没人管",
        "餐馆打工被扣押身份证", "外卖骑手摔伤平台不管", "怀孕后被公司调岗降薪", "社保断缴公司不补"],
    "征地拆迁": [
        "拆迁补偿标准太低", "房子被强拆了没有补偿", "征地款被村里截留", "安置房迟迟不交付",
        "拆迁评估价格不合理", "过渡费停发了好几个月", "征地时青苗补偿没给", "拆迁办威胁断水断电",
        "旧城改造补偿不公平", "被征收的房屋面积认定有争议", "拆迁户口认定不给安置名额", "征地后社保没有落实",
        "夜里有人来拆房子", "拆迁协议签了补偿款一直不到位", "违建认定有问题不给补偿", "修路征地补偿标准前后不一样",
        "棚户区改造安置方案不公开", "拆迁时家里的东西被毁坏", "同一片地邻居补偿比我多", "征收决定没有公告就动工"],
    "环境污染": [
        "附近工厂排放废气刺鼻难闻", "化工厂往河里排污水", "工地晚上施工噪音扰民", "养猪场臭味太大",
        "烧烤摊油烟污染", "搅拌站粉尘太大", "垃圾站臭气熏天", "小作坊偷排废水鱼都死了",
        "KTV噪音扰民到凌晨", "夜里有人焚烧垃圾", "采石场爆破震裂房子", "河道被倾倒建筑垃圾",
        "厂房排放的废水染红了田", "变电站噪音大", "铸造厂黑烟滚滚", "砖厂烟尘落到庄稼上",
        "养殖污水流进村里的水井", "印染厂味道熏得孩子咳嗽", "广场舞音响太吵", "沥青站气味难闻"],
    "医疗": [
        "在医院做手术出了事故", "医生误诊耽误了治疗", "孩子打疫苗后出现不良反应", "诊所输液后病人死亡",
        "医院乱收费", "手术后留下后遗症", "医院拒绝提供病历", "整形手术失败",
        "母亲在医院去世家属质疑治疗", "药店卖了过期药", "牙科种植失败要求退费", "生孩子时医院处置不当",
        "医疗事故鉴定结果不认可", "住院期间摔伤医院不负责", "医院和家属为赔偿吵起来", "家属在医院拉横幅",
        "村卫生室打针后腿瘸了", "体检漏诊", "医院把病人转院途中死亡", "护士操作失误"],
    "物业": [
        "物业费年年涨服务却很差", "小区电梯经常坏物业不修", "物业不让装修工人进小区", "物业把公共区域租出去收钱",
        "小区停车费收得不合理", "物业停水停电催缴物业费", "业主委员会选举有猫腻", "小区绿化被物业改成车位",
        "物业公司撤走了小区没人管", "小区监控坏了失窃没人管", "物业乱收垃圾清运费", "维修基金使用不公开",
        "小区门禁卡要额外收费", "物业对违建不管不问", "地下车库漏水物业推诿", "物业和业主为公共收益吵起来",
        "新物业进不来老物业不走", "物业保安打了业主", "小区化粪池堵塞臭了半个月", "开发商交房后物业不办交接"],
    "交通事故": [
        "电动车被汽车撞了", "被车撞了肇事司机跑了", "交通事故责任认定不服", "车祸后保险公司拒赔",
        "小区里被倒车的车撞了", "骑电瓶车和行人相撞", "车辆追尾对方不肯赔", "出租车发生事故乘客受伤",
        "醉驾撞人后私了反悔", "交通事故后对方不垫付医药费", "货车侧翻砸坏路边房屋", "学生骑自行车被撞伤",
        "停在路边的车被刮了", "摩托车事故误工费怎么算", "网约车出事故平台推责任", "交警认定同等责任对方不服",
        "公交车急刹车摔伤乘客", "拖拉机和小轿车相撞", "事故车辆修理费争议", "撞了人对方要价太高"],
    "消费": [
        "网上买的手机是翻新机", "商家不给退货", "健身卡老板跑路了", "预付卡店铺关门了",
        "买到过期食品", "装修公司用的材料以次充好", "二手车被调了里程", "美容院诱导办卡",
        "团购的餐券商家不认", "家电坏了商家不保修", "4S店加价卖车还收金融服务费", "教育机构停课不退费",
        "快递丢件只赔一点", "外卖吃出异物", "超市价签和结算价格不一样", "直播间买的东西货不对板",
        "理发店强制消费", "旅行社行程缩水", "手机套餐被乱扣费", "买的电动车电池有问题"],
    "借贷": [
        "借给朋友的钱一直不还", "亲戚借钱后玩失踪", "借条写得不清楚能不能要回", "网贷利息高得离谱",
        "帮人担保结果被要求还钱", "对方借钱时说好一年还现在赖账", "民间借贷利息怎么算合法", "借钱没打借条只有转账记录",
        "欠款人把房子转到别人名下", "同事借钱后辞职跑了", "被催收公司天天打电话骚扰", "老乡借钱做生意赔了不还",
        "欠钱的人说没钱只能慢慢还", "高利贷把我逼得走投无路", "前女友借的钱不还", "借款到期对方拉黑了我",
        "工程老板借钱发工资后不还", "信用卡替别人刷了对方不还", "已经起诉了对方还是不还钱", "借钱给村干部要不回来"],
    "其他": [
        "户口迁移手续办不下来", "路灯坏了好久没人修", "想咨询一下法律援助怎么申请", "孩子上学入学政策不清楚",
        "身份证丢了怎么补办", "公交线路调整不方便", "想问一下公证要带什么材料", "社区活动室长期关门",
        "老人办理养老保险的流程", "窨井盖丢了很危险", "想了解人民调解委员会在哪里", "残疾证怎么办理",
        "公厕太脏没人打扫", "想咨询遗嘱怎么写才有效", "低保申请流程", "道路积水严重",
        "小区附近缺少红绿灯", "请问司法所的工作时间", "想找律师咨询需要多少钱", "疫苗接种点在哪里"],
}

CONNECT = ["，", "，", "。", "，而且", "，结果", "，现在", "，后来", "，还"]


def make_text(rng: random.Random, label: str) -> str:
    facts = FACTS[label]
    parts = [rng.choice(OPENERS)]
    if rng.random() < 0.35:
        parts.append(rng.choice(["我住在{}，", "我是{}的，", "我家在{}，", "地址：{}，", "{}这边，"]).format(rng.choice(PLACES)))
    first = rng.choice(facts)
    parts.append(first)
    if rng.random() < 0.55:
        second = rng.choice([f for f in facts if f != first])
        parts.append(rng.choice(CONNECT) + second)
    if rng.random() < 0.4:
        parts.append(rng.choice(["，已经", "，拖了", "，前后", "，持续"]) + rng.choice(DURATIONS))
    if rng.random() < 0.25:
        parts.append(rng.choice(["，涉及", "，金额", "，损失", "，一共"]) + rng.choice(AMOUNTS))
    if rng.random() < 0.2:
        parts.append("，找" + rng.choice(WHO) + rng.choice(["协商不成", "沟通没用", "理论被骂", "他们不理"]))
    if rng.random() < 0.15:
        parts.append("，" + rng.choice(ESCALATE))
    text = "".join(parts).lstrip("，")
    if not text.endswith(("。", "？", "！")):
        text += "。"
    ask = rng.choice(ASKS)
    return text + ask


def generate(per_type: int = 260, seed: int = 8) -> list[dict]:
    rng = random.Random(seed)
    rows, seen = [], set()
    for label in FACTS:
        n = tries = 0
        while n < per_type and tries < per_type * 20:
            tries += 1
            text = make_text(rng, label)
            if text in seen:
                continue
            seen.add(text)
            n += 1
            rows.append({"id": f"syn-{len(rows) + 1:05d}", "text": text, "labels": [label], "synthetic": True})
    rng.shuffle(rows)
    return rows



DISTRICTS = ("西湖区", "上城区", "拱墅区", "滨江区", "萧山区", "余杭区")

# background share of each type (roughly the mix of people's-mediation statistics)
_MIX = {"婚姻家庭": 12, "邻里": 16, "房屋宅基地": 7, "合同": 6, "生产经营": 3, "损害赔偿": 7, "山林土地": 3,
        "劳动争议": 8, "征地拆迁": 3, "环境污染": 4, "医疗": 3, "物业": 9, "交通事故": 5, "消费": 6, "借贷": 5,
        "其他": 3}

_CLUSTER_TEMPLATES = [
    ("物业", "{place}物业公司从{m}月起把停车费涨到每月{fee}元，没有经过业主大会表决，我们全体业主坚决反对，"
             "如果再不解决就集体去区政府反映！"),
    ("劳动争议", "{place}工地项目部拖欠我们{n}名农民工工资共{amount}万元，包工头失联，快过年了，"
                 "大家明天一起去讨薪。"),
    ("征地拆迁", "{place}拆迁补偿每平方米只给{fee}元，远低于周边标准，村民们准备拉横幅到镇政府门口讨说法。"),
    ("环境污染", "{place}化工厂晚上偷排废气，气味刺鼻，孩子咳嗽不止，已经向环保部门举报{n}次没有结果，请求关停。"),
]
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"


@dataclass
class SyntheticStream:
    """A synthetic post stream and its known answers."""

    posts: list[dict]
    bursts: list[dict] = field(default_factory=list)      # {"type","district","start","end","extra"}
    clusters: list[dict] = field(default_factory=list)    # {"type","district","ids"}
    parties: list[dict] = field(default_factory=list)     # {"phone","ids"}


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method; lam is small here
    import math

    l, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= l:
            return k
        k += 1


def synthetic_stream(seed: int = 0, days: int = 60, start: date = date(2024, 3, 1), rate: float = 1.2,
                     n_bursts: int = 3, n_clusters: int = 2, n_parties: int = 2,
                     districts: tuple[str, ...] = DISTRICTS) -> SyntheticStream:
    """A seeded stream of ``{"id","text","date","district","synthetic":true}`` posts.

    Background: Poisson(``rate``) posts per district per day, types drawn from a mediation-like mix.
    Injected, with their answers returned: ``n_bursts`` bursts (one type in one district gets 5–8 extra posts
    a day for 2–3 days, after the first third of the period), ``n_clusters`` near-duplicate clusters
    (6–9 copies of one complaint with small edits, over one or two days), and ``n_parties`` phone numbers
    repeated in 3 posts each.
    """
    rng = random.Random(seed)
    types = list(_MIX)
    weights = [_MIX[t] for t in types]
    posts: list[dict] = []

    def add(text, day, district, **extra):
        posts.append({"id": f"s{seed}-{len(posts) + 1:05d}", "text": text, "date": day.isoformat(),
                      "district": district, "synthetic": True, **extra})
        return posts[-1]["id"]

    for d in range(days):
        day = start + timedelta(d)
        for dist in districts:
            for _ in range(_poisson(rng, rate)):
                add(make_text(rng, rng.choices(types, weights)[0]), day, dist)
    out = SyntheticStream(posts=posts)
    used: set[tuple[str, int]] = set()
    burst_types = [t for t in types if t != "其他"]
    for _ in range(n_bursts):
        while True:
            t, dist = rng.choice(burst_types), rng.choice(districts)
            s = rng.randrange(days // 3, days - 4)
            if all(abs(s - u) > 5 for dd, u in used if dd == dist):
                break
        used.add((dist, s))
        length = rng.choice((2, 3))
        ids = []
        for d in range(s, s + length):
            for _ in range(rng.randint(5, 8)):
                ids.append(add(make_text(rng, t), start + timedelta(d), dist))
        out.bursts.append({"type": t, "district": dist, "start": (start + timedelta(s)).isoformat(),
                           "end": (start + timedelta(s + length - 1)).isoformat(), "extra": len(ids), "ids": ids})
    for k in range(n_clusters):
        t, template = _CLUSTER_TEMPLATES[k % len(_CLUSTER_TEMPLATES)]
        dist = rng.choice(districts)
        s = rng.randrange(days // 3, days - 2)
        place = rng.choice(PLACES)
        base = {"place": place, "m": rng.randint(1, 12), "fee": rng.choice((300, 450, 800, 1200)),
                "n": rng.randint(12, 60), "amount": rng.randint(20, 90)}
        ids = []
        for _ in range(rng.randint(6, 9)):
            v = dict(base)
            if rng.random() < 0.5:
                v["n"] = base["n"] + rng.randint(-3, 3)
            text = template.format(**v)
            text = rng.choice(["", "", "紧急求助：", "再次反映：", "【业主心声】"]) + text + rng.choice(["", "", "！！", "请领导重视。"])
            ids.append(add(text, start + timedelta(s + rng.randint(0, 1)), dist))
        out.clusters.append({"type": t, "district": dist, "ids": ids,
                             "start": (start + timedelta(s)).isoformat(),
                             "end": (start + timedelta(s + 1)).isoformat()})
    for _ in range(n_parties):
        phone = "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(("", rng.choice(_GIVEN)))
        t = rng.choice(burst_types)
        ids = []
        for j in range(3):
            text = make_text(rng, t).rstrip("。") + rng.choice(
                [f"。联系人：{name}，电话{phone}", f"，我的手机号是{phone}", f"。本人{name}，联系电话{phone}"])
            day = start + timedelta(rng.randrange(days))
            ids.append(add(text, day, rng.choice(districts)))
        out.parties.append({"phone": phone, "name": name, "ids": ids})
    posts.sort(key=lambda p: (p["date"], p["id"]))
    return out


def evaluate_alerts(alerts: list[dict], events: list[dict], tolerance: int = 1) -> dict:
    """Precision and recall of burst alerts against known events (injected bursts and clusters).

    An alert matches an event when their periods overlap (± ``tolerance`` days) and the alert's type and
    district, where set, equal the event's. Precision: the share of alerts that match some event. Recall:
    the share of events matched by an alert that names their type (scope ``type`` or ``type×district``).
    """
    def overlaps(a, e):
        a0, a1 = date.fromisoformat(a["start"]), date.fromisoformat(a["end"])
        e0 = date.fromisoformat(e["start"]) - timedelta(tolerance)
        e1 = date.fromisoformat(e["end"]) + timedelta(tolerance)
        return a0 <= e1 and e0 <= a1

    def match(a, e):
        return (overlaps(a, e) and (a["type"] is None or a["type"] == e["type"])
                and (a["district"] is None or a["district"] == e["district"]))

    good = sum(1 for a in alerts if any(match(a, e) for e in events))
    found = sum(1 for e in events if any(match(a, e) and a["type"] is not None for a in alerts))
    return {"alerts": len(alerts), "events": len(events), "true_alerts": good, "found_events": found,
            "precision": good / len(alerts) if alerts else 1.0, "recall": found / len(events) if events else 1.0}
