"""Audit 5 of `fazhi scan`: one realistic 12345 / 信访 export of ~3,000 posts over 60 days in 8 districts, with
known answers, from a generator of its own (not fazhi/scan/synthetic.py: other texts, other phrasing, a
CSV export with Chinese headers, street-level district values, phone columns, Weibo reposts). Run from the
repository root:

    .venv/bin/python benchmarks/scan_export_audit.py [--seed 5] [--out benchmarks/out/scan-export-audit.json]

Planted (the answer key, written into the key file before the first scan):

* three emerging disputes: E1 劳动争议 in 新都区 (a factory closing: ~6 extra posts a day for 6 days, each
  worker in his own words); E2 环境污染 in 郫都区 (a slow one: 2–3 extra posts a day for 10 days); E3 消费 in
  four districts at once (a chain of training schools closing: ~2 a day in each for 6 days; a per-type alert);
* one coordinated campaign C: 24 copies of one 征地拆迁 letter in 龙泉驿区 over 4 days, each with small edits
  (names, a greeting, a sentence added or dropped, punctuation); it is a cluster, and a burst of its
  type × district as well;
* two repeat callers: R1 (a mobile written 6 ways: plain, 139-8220-1746, spaces, +86, full-width digits, an
  Excel 13982201746.0 in the phone column) and R2 (a landline 028-85551234 written 5 ways, once with a name);
* decoys: a weekly rhythm (weekends ×0.6, Mondays ×1.3) and a backlog day after 清明 (×1.7 everywhere, all
  types); a spring rise of 山林土地 in every district (×1 → ×2 over 45 days); one Weibo post about a hospital
  reposted 40 times over 2 days from all districts (V: a cluster may show it, but it is one incident, not an
  emerging 医疗 dispute); a property company's hotline number named in 14 posts of different people (no party).

Scoring: an alert matches a planted dispute when its scope fits (same type, or same district for a
per-district alert, or both) and its days overlap the planted window; an alert matching none is false.
A cluster is right when ≥ 80% of its ids are one planted group's; parties likewise.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

START = date(2026, 3, 1)
DAYS = 60
DISTRICTS = ["锦江区", "青羊区", "金牛区", "武侯区", "成华区", "龙泉驿区", "新都区", "郫都区"]
STREETS = {"锦江区": ["春熙路街道", "盐市口街道", "牛市口街道"], "青羊区": ["少城街道", "草市街道", "府南街道"],
           "金牛区": ["荷花池街道", "驷马桥街道", "茶店子街道"], "武侯区": ["玉林街道", "簇桥街道", "红牌楼街道"],
           "成华区": ["猛追湾街道", "双桥子街道", "保和街道"], "龙泉驿区": ["龙泉街道", "大面街道", "十陵街道"],
           "新都区": ["新都街道", "大丰街道", "三河街道"], "郫都区": ["郫筒街道", "犀浦街道", "红光街道"]}
WEIGHT = {"锦江区": 1.1, "青羊区": 1.0, "金牛区": 1.2, "武侯区": 1.3, "成华区": 1.1, "龙泉驿区": 0.8, "新都区": 0.8,
          "郫都区": 0.7}
MIX = {"物业": 14, "邻里": 11, "劳动争议": 10, "消费": 10, "合同": 6, "婚姻家庭": 6, "借贷": 6, "房屋宅基地": 6,
       "交通事故": 5, "环境污染": 5, "损害赔偿": 4, "医疗": 4, "征地拆迁": 3, "生产经营": 3, "山林土地": 2, "其他": 5}
PLACES = ["锦绣花园", "金沙苑", "蓝光公馆", "望江名门", "东篱小区", "清水河小区", "银杏里", "沙河苑", "翠竹园", "枫林湾",
          "南苑小区", "芙蓉城", "龙湖时代", "和美家园", "桂花巷小区", "新河村", "柏木村", "红星村", "金桥社区", "双水碾社区"]
ROLE = ["老板", "负责人", "经理", "店主", "对方", "老板娘"]
FACTS = {
    "物业": ["{p}的电梯隔三岔五就停，上周又关了人，物业只贴了张告示", "{p}的地下车库排水沟堵了，一下雨就积水，物业推说是开发商的遗留问题",
           "{p}物业把消防通道划成了收费车位，一个月收三百", "{p}大门的门禁坏了快一个月，外人随便进出，物业不修",
           "{p}的垃圾站几天才清一次，臭味飘到楼里", "{p}物业今年物业费每平米涨了五毛，没开业主大会", "{p}的二次供水水箱多年没清洗，水里有黄色沉淀",
           "{p}物业保安态度恶劣，业主问个事就被呛回来", "{p}的路灯坏了一大半，晚上黑漆漆的老人不敢下楼", "{p}物业擅自出租架空层给商家做仓库"],
    "邻里": ["{p}楼上住户半夜弹钢琴，敲门也不开", "{p}邻居在楼道里堆纸壳子，还放电瓶车充电", "{p}隔壁把空调外机装在我家窗户下面，滴水滴个不停",
           "{p}对面那家养了两条大狗，不拴绳，天天在楼道乱叫", "{p}楼下烧烤摊的邻居把油烟管接到我家阳台底下", "{p}邻居把公共过道封起来当自家储物间",
           "{p}楼上的花盆放在窗台外面，风一吹就往下掉土", "{p}邻居家装修天天早上七点开电钻", "{p}隔壁的树长过来挡住我家采光，叫他修剪不理",
           "{p}楼上卫生间漏水，渗到我家厨房顶上，邻居说不是他家的事"],
    "劳动争议": ["在{p}附近一家餐馆当服务员，{r}拖了两个月工资没发", "在一家快递网点做分拣，{r}以业务量少为由每月扣五百",
             "在装修队干了半年，{r}不签合同也不买社保", "公司突然说我旷工把我开除了，一分补偿没有", "在物流公司上班，加班费从来没算过，{r}说是包薪制",
             "试用期干满了{r}说我不合格，让我走人", "在工厂上班手被划伤了，{r}不给认定工伤", "离职一个月了，最后一个月工资{r}一直说再等等",
             "在商场做保洁，劳务公司换了以后工龄不算了", "做了三年的网约车司机，平台说我们不是员工"],
    "消费": ["在{p}旁边的超市买到过期酸奶，店家只肯退钱不肯赔", "网上买的电动车骑了一周电池就鼓包，商家让寄回去检测", "在美发店办了会员卡充了两千，现在店面转让了",
           "手机在售后换了屏幕，拿回来触摸失灵，店里说是我摔的", "外卖吃出了头发，平台只给了五块钱的红包", "家具店送来的沙发和样品颜色完全不一样，不给退",
           "景区门票说好的含缆车，到了又要另外收钱", "买的二手车过户后发现是泡水车，车商不认", "洗衣店把我的羽绒服洗坏了只赔三十块",
           "直播间买的保健品吃了没效果，客服不回消息"],
    "合同": ["和{r}签了店面转让合同，钱付了对方不交钥匙", "装修公司合同里写四十五天完工，三个月了还没完", "找的搬家公司半路加价，不给钱就不卸货",
           "签的广告投放合同，对方没按约定投放也不退款", "在{p}订的婚宴，酒店临时说场地被占了只退一半定金", "和{r}合作做工程，合同约定的进度款一直不付"],
    "婚姻家庭": ["丈夫长期不回家，也不给孩子生活费", "父亲去世后几个子女为{p}的房子闹得不可开交", "离婚后对方不让我看孩子",
             "母亲八十多岁了，兄弟几个谁都不愿意赡养", "老公赌博欠了一屁股债，我想离婚", "公公婆婆干涉我们小两口的生活，天天吵"],
    "借贷": ["朋友三年前借了我四万，一直说没钱，现在微信也把我删了", "同事借了我一万块说下月还，现在辞职走了", "借给亲戚钱没打借条，现在他不承认",
           "网贷平台利息高得离谱，借五千要还九千", "帮{r}担保借款，现在债主找我要钱", "老乡借钱开店，店倒闭了钱也不还"],
    "房屋宅基地": ["在{p}租的房子到期了，房东不退押金", "买的{p}二手房，卖家收了定金又反悔", "农村老宅翻修，邻居说地基占了他家的地",
              "{p}开发商延期交房一年多，也不按合同赔违约金", "房东要卖房，让我们租客一个月内搬走", "兄弟之间为了老宅基地分割吵了几年"],
    "交通事故": ["骑电动车在{p}路口被一辆小车刮倒，对方只肯出医药费", "停在路边的车被撞了，肇事司机跑了", "坐公交急刹车摔倒受伤，公交公司推给保险公司",
             "在{p}门口被快递三轮车撞伤了腿，快递公司不管", "追尾事故定责后对方保险迟迟不赔"],
    "环境污染": ["{p}旁边的工地夜里施工，噪音吵得睡不着", "{p}附近的餐馆油烟直排，楼上住户窗户都不敢开", "{p}附近的河沟发黑发臭，夏天蚊虫很多",
             "{p}周边有人半夜焚烧垃圾，烟很大", "{p}楼下的KTV低音炮声音太大"],
    "损害赔偿": ["在{p}商场滑倒摔伤，商场说地上有提示牌", "被{p}楼上掉下来的晾衣杆砸坏了车", "孩子在培训机构被同学推倒磕掉了门牙",
             "在{p}被邻居家的狗咬伤，打了狂犬疫苗对方不给钱"],
    "医疗": ["在{p}附近的诊所输液后过敏，诊所不承认用错药", "医院做完手术后伤口感染，又住院半个月", "孩子在医院被误诊耽误了治疗",
           "牙科诊所补牙补坏了，又要花钱重做"],
    "征地拆迁": ["{p}拆迁补偿标准比旁边村低了一截", "{p}的安置房说好去年交房，到现在还没动工", "征地以后社保一直没给我们办",
             "拆迁过渡费停了半年没发"],
    "生产经营": ["和{r}合伙开的茶馆，账目不清，他不让我查账", "在{p}市场租的摊位被管理方突然收回", "承包的鱼塘被上游工厂的水弄死了鱼",
             "供货商给的原料不合格，导致我们整批货报废"],
    "山林土地": ["{p}两个组为一片林地的边界争了好几年", "村里把我家的承包地调给了别人", "邻居把界桩挪了，占了我家半分地", "我家的果园被修路的占了一角，没说法"],
    "其他": ["{p}门口的公交站牌被拆了，老人坐车不方便", "想咨询一下居住证怎么办理", "{p}附近的共享单车乱停乱放", "社区活动室一直锁着不开放",
           "请问法律援助中心在哪里办公"],
}
# call-takers paraphrase: each post swaps common words for one of their variants, so two posts on the same matter
# are not copies of each other (a background of templated near-copies would be one big false cluster)
SYNONYMS = {"物业": ["物业", "物业公司", "物业方", "小区物业", "物管"], "邻居": ["邻居", "隔壁住户", "邻居家", "邻居那户"],
            "工资": ["工资", "工钱", "薪水", "薪资"], "一直": ["一直", "始终", "总是", "老是", "都"],
            "没有": ["没有", "没", "未"], "不给": ["不给", "拒绝给", "不肯给", "不愿意给"], "不肯": ["不肯", "不愿", "拒绝", "不同意"],
            "老板": ["老板", "老板", "负责人"], "孩子": ["孩子", "小孩", "娃"], "楼上": ["楼上", "楼上那户", "楼上住户"],
            "晚上": ["晚上", "夜里", "夜间", "半夜"], "现在": ["现在", "目前", "如今", "到现在"], "说": ["说", "称", "表示", "讲"],
            "找": ["找", "联系", "去找"], "退": ["退", "退还", "返还"], "好几": ["好几", "多", "几"],
            "天天": ["天天", "每天", "几乎每天", "每天都"], "很": ["很", "非常", "特别", "相当"], "不管": ["不管", "不处理", "不理", "不作为"],
            "反悔": ["反悔", "变卦", "不认账"], "我们": ["我们", "我们", "我家"], "乱": ["乱", "随意", "随便"], "修": ["修", "维修", "处理"]}
SINCE = ["", "", "", "最近", "这段时间", "从上个月开始", "今年以来", "这半年", "近来", "前几天", "从春节后"]
DETAIL = ["已经反映过两次了", "拖了一个多月", "找过社区也没用", "家里还有老人小孩", "实在没办法了", "对方电话也不接", "前后跑了好几趟",
          "希望有个说法", "不知道该找哪个部门", "问了律师说可以起诉", "严重影响正常生活", "情况属实有照片", "社区说不归他们管",
          "打过电话没人接", "街道让等通知", "心里很着急", "已经影响到上班", "邻居们也有意见", "这事拖不起", "去派出所问过",
          "不想把事情闹大", "想知道怎么维权", "之前也有人投诉过", "", "", "", ""]
REQUEST_12345 = ["请相关部门核实处理", "要求尽快解决", "希望协调处理", "请求依法处理", "希望相关部门介入", "要求给个答复"]
OPEN_12345 = ["来电人反映：", "市民来电称：", "来电人称其", "诉求人反映：", "来电反映："]
OPEN_MAIL = ["尊敬的领导：您好！", "领导您好，", "您好！我是{d}的居民，", "书记您好！"]
CLOSE_MAIL = ["望尽快解决，谢谢！", "恳请领导关注。", "盼复。", "麻烦领导过问一下。"]
WEIBO_TAIL = ["😤", "😭😭", "🙏", "#成都# ", "有没有人管管", "@成都发布 ", "", "真的服了"]

# E1: workers of one factory in 新都区, each in his own words
E1 = ["新都这边{p}的电子厂说停产就停产，我们三个月工资没发", "我在大丰那个电子厂干了两年，厂子突然关门，工资和补偿都没有",
      "电子厂老板跑了，车间主任也联系不上，我们的工资谁来管", "厂里拖欠我们工资，说是在等一笔货款，已经等了三个月",
      "在新都电子厂上班，现在厂门都锁了，社保也断缴了", "电子厂停工了，{r}说先回家等通知，工资一分没结",
      "我老婆也在那个电子厂，两个人的工资都没拿到，房租交不起了", "电子厂倒闭了，我们这些外地员工的工资和押金都没退",
      "厂子关门前还让我们加班赶货，加班费一分没有", "电子厂说是资金链断了，拖欠的工资什么时候能发"]
E2 = ["{p}这几天晚上有一股很浓的塑料烧焦味，是不是新开的那个再生厂", "犀浦这边半夜总闻到刺鼻的化工味，窗户都不敢开",
      "{p}附近新开的塑料再生厂晚上偷偷排废气", "这一周每天晚上十点以后空气里都是焦糊味，孩子咳嗽", "红光那边的再生厂排的烟味道太大了，头都熏疼了",
      "郫都{p}一到夜里就有臭味，白天又没有，肯定是偷排", "再生厂的烟囱晚上冒黑烟，附近几个小区都闻得到"]
E3 = ["在{p}附近的启航教育给孩子报了一年的课，现在机构突然关门了", "启航教育跑路了，我们刚续的四十节课怎么办",
      "孩子的启航教育培训班停课了，老师说工资也没发，学费退不了", "启航教育的门店都关了，交的一万多学费找谁退",
      "启航教育说是搬迁，结果人去楼空，家长群里都在问", "启航教育分店全部停业，预付的课时费要不回来"]
CAMPAIGN = ("尊敬的领导：我们是龙泉驿区{v}的村民，{v}在二〇二四年被征地，至今已有两年，征地补偿款每亩比相邻的{w}少了一万二，"
            "安置房也迟迟没有动工。我们多次到街道反映，答复都是等上级文件。恳请领导过问，给{v}被征地村民一个公平的补偿标准。")
VIRAL = ("【扩散】某三甲医院急诊科患者排队六小时无人接诊，家属拍视频求助，这就是我们的医疗？#看病难# 视频链接：http://t.cn/A6xYzQ1")
VIRAL_PREFIX = ["转发微博", "太过分了", "", "心寒", "转", "必须曝光", "希望有关部门重视", "同城的帮忙转", "🙏🙏", "真的假的"]
WEIBO_USERS = ["小橙子", "成都吃货", "蓉城老李", "追风少年", "阿猫", "山城小雨", "锦官城", "熊猫君", "九眼桥", "宽窄巷子"]
R1_PHONE = ["13982201746", "139-8220-1746", "139 8220 1746", "+86 139 8220 1746", "１３９８２２０１７４６"]
R1_TEXTS = ["我叫韩秀英，住{p}，楼上邻居每天晚上跺脚拖凳子，已经反映过，电话{ph}",
            "楼上噪音问题还是没有解决，晚上根本睡不着，联系电话{ph}", "再次反映{p}楼上噪音，社区来调解过一次还是老样子，我的电话{ph}",
            "还是楼上噪音的事，我打了好几次了，回电{ph}", "楼上装了个跑步机，半夜跑步，请尽快处理，{ph}",
            "老人七十多岁了被楼上吵得血压高，麻烦社区再来一趟"]
R2_PHONE = ["028-85551234", "(028)85551234", "028 8555 1234", "（028）8555-1234", "028-85551234"]
R2_TEXTS = ["我是{p}的业主，开发商承诺的学校配套至今没建，联系电话{ph}", "关于学校配套的问题上次反映了还没回复，电话{ph}",
            "学校配套用地被改成了商业，业主们意见很大，请回电{ph}", "还是学校配套的事，请给个正式答复，座机{ph}",
            "我叫冯建国，反映{p}学校配套的问题已经是第五次了，电话{ph}"]
OTHER_PHONE = "028-86660000"  # a property company's hotline, named by many different people


def _poisson(rng, lam):
    # Knuth: fine for the small rates here
    import math
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


def _fill(rng, s):
    return s.format(p=rng.choice(PLACES), r=rng.choice(ROLE), d=rng.choice(DISTRICTS))


def _vary(rng, s):
    for w, alts in SYNONYMS.items():
        if w in s:
            s = re.sub(w, lambda m: rng.choice(alts), s)
    return s


def _background(rng, t, d):
    return _post(rng, FACTS[t], d, [6, 2, 2])


def _post(rng, facts, d, weights):
    """(channel, text) of a post about one of ``facts`` in district ``d``, channels 12345 / mail / weibo weighted."""
    fact = rng.choice(SINCE) + _vary(rng, _fill(rng, rng.choice(facts)))
    detail = "，".join(x for x in rng.sample(DETAIL, 2) if x)
    ch = rng.choices(["12345", "mail", "weibo"], weights)[0]
    if ch == "12345":
        text = rng.choice(OPEN_12345) + fact + ("，" + detail if detail else "") + "。诉求：" + rng.choice(REQUEST_12345) + "。"
    elif ch == "mail":
        text = rng.choice(OPEN_MAIL).format(d=d) + fact + "。" + (detail + "，" if detail else "") + rng.choice(CLOSE_MAIL)
    else:
        text = fact + ("，" + detail if detail else "") + " " + rng.choice(WEIBO_TAIL)
    return ch, text


def _phone(rng):
    return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))


def generate(seed: int = 5, incidental: bool = True):
    """(rows, key): the export's rows (dicts with the Chinese headers) and the answer key (without its
    ``incidental_groups`` when ``incidental`` is false: they take a pairwise comparison of all posts)."""
    rng = random.Random(seed)
    rows, key = [], {"seed": seed, "emerging": [], "campaign": None, "viral": None, "parties": [], "decoys": {}}
    types = [t for t in MIX if t != "山林土地"]  # 山林土地 comes with its spring rise, below
    weights = [MIX[t] for t in types]

    def add(day, district, text, channel="12345", phone=None, account=None, street=True):
        n = len(rows) + 1
        when = START + timedelta(day)
        h, m = rng.randint(7, 22), rng.randint(0, 59)
        area = district
        r = rng.random()
        if street and r < 0.4:
            area = district + rng.choice(STREETS[district])
        elif r < 0.6:
            area = "成都市" + district
        rows.append({"工单编号": f"CD{when:%Y%m%d}{n:05d}", "来电时间": f"{when.year}/{when.month}/{when.day} {h:02d}:{m:02d}",
                     "来源渠道": {"12345": "12345热线", "mail": "市长信箱", "weibo": "网络舆情"}[channel],
                     "所属区域": area, "来电号码": phone if phone is not None else (_phone(rng) if channel == "12345" else ""),
                     "用户昵称": account or "", "诉求内容": text,
                     "办结时间": f"{(when + timedelta(rng.randint(1, 9))):%Y/%m/%d} 17:30", "回复内容": "已转相关部门办理。"})
        return rows[-1]["工单编号"]

    # background: weekly rhythm, a backlog day after 清明 (Apr 4-6 = days 34-36, backlog on day 37), spring 山林土地
    base = 3000 / DAYS / sum(WEIGHT.values())
    for day in range(DAYS):
        wd = (START + timedelta(day)).weekday()
        f = 0.6 if wd >= 5 else 1.3 if wd == 0 else 1.0
        if day in (34, 35, 36):
            f = 0.5
        if day == 37:
            f = 1.7
        for d in DISTRICTS:
            for _ in range(_poisson(rng, base * WEIGHT[d] * f * sum(weights) / sum(MIX.values()))):
                t = rng.choices(types, weights)[0]
                ch, text = _background(rng, t, d)
                add(day, d, text, ch, account=rng.choice(WEIBO_USERS) + str(rng.randint(10, 9999)) if ch == "weibo" else None)
            spring = 0.0 if day < 15 else (day - 15) / 45  # extra share of 山林土地 on top: up to +1x of its base
            for _ in range(_poisson(rng, base * WEIGHT[d] * f * MIX["山林土地"] / sum(MIX.values()) * (1 + spring))):
                ch, text = _background(rng, "山林土地", d)
                add(day, d, text, ch)
    key["decoys"]["weekly_rhythm"] = "weekends x0.6, Mondays x1.3"
    key["decoys"]["backlog_day"] = (START + timedelta(37)).isoformat()
    key["decoys"]["spring_rise"] = {"type": "山林土地", "from": (START + timedelta(15)).isoformat(), "factor": "x1 -> x2"}

    def planted(name, t, dists, d0, d1, per_day, bank):
        ids = []
        for day in range(d0, d1 + 1):
            for d in dists:
                n = per_day(day - d0)
                for _ in range(n):
                    ch, text = _post(rng, bank, d, [6, 1, 3])
                    ids.append(add(day, d, text, ch))
        key["emerging"].append({"name": name, "type": t, "districts": dists, "start": (START + timedelta(d0)).isoformat(),
                                "end": (START + timedelta(d1)).isoformat(), "extra": len(ids), "ids": ids})

    planted("E1", "劳动争议", ["新都区"], 20, 25, lambda i: rng.randint(5, 8), E1)
    planted("E2", "环境污染", ["郫都区"], 35, 44, lambda i: rng.randint(2, 3), E2)
    planted("E3", "消费", ["锦江区", "武侯区", "成华区", "金牛区"], 46, 51, lambda i: rng.randint(1, 3), E3)

    # C: one letter copied with small edits
    ids = []
    villages = ["洪安村", "洪安村", "洪安村"]
    for k in range(24):
        day = 30 + min(3, k // 6)
        text = CAMPAIGN.format(v=rng.choice(villages), w=rng.choice(["桃源村", "桃源村", "隔壁桃源村"]))
        if rng.random() < 0.4:
            text = text.replace("尊敬的领导：", rng.choice(["领导您好！", "尊敬的区委领导：", ""]))
        if rng.random() < 0.3:
            text = text.replace("安置房也迟迟没有动工。", "")
        if rng.random() < 0.3:
            text += rng.choice(["村民代表：" + rng.choice(["王", "李", "陈", "刘"]) + rng.choice(["德明", "秀兰", "国强", "玉芳"]),
                                "联名村民四十七户。", "请尽快答复！"])
        if rng.random() < 0.3:
            text = text.replace("，", ",")
        ids.append(add(day, "龙泉驿区", text, rng.choice(["12345", "mail"])))
    key["campaign"] = {"name": "C", "type": "征地拆迁", "district": "龙泉驿区", "start": (START + timedelta(30)).isoformat(),
                       "end": (START + timedelta(33)).isoformat(), "ids": ids}
    key["emerging"].append({"name": "C", "type": "征地拆迁", "districts": ["龙泉驿区"], "start": key["campaign"]["start"],
                            "end": key["campaign"]["end"], "extra": len(ids), "ids": ids})

    # V: one Weibo post reposted 40 times in 2 days from every district
    ids = []
    for k in range(40):
        pre = rng.choice(VIRAL_PREFIX)
        chain = "".join(f"//@{rng.choice(WEIBO_USERS)}:{rng.choice(VIRAL_PREFIX)}" for _ in range(rng.randint(0, 2)))
        text = f"{pre}{chain}//@蓉城热点:{VIRAL}"
        ids.append(add(41 + k // 25, rng.choice(DISTRICTS), text, "weibo",
                       account=rng.choice(WEIBO_USERS) + str(rng.randint(10, 9999))))
    key["viral"] = {"name": "V", "type": "医疗", "ids": ids, "start": (START + timedelta(41)).isoformat(),
                    "end": (START + timedelta(42)).isoformat()}

    # R1 and R2: one caller each, the number written differently each time
    ids = []
    for k, day in enumerate([3, 11, 19, 28, 40, 55]):
        ph = R1_PHONE[k] if k < 5 else ""
        col = "13982201746.0" if k == 5 else "13982201746" if k in (1, 3) else ""  # the phone column, when filled
        text = _fill(rng, R1_TEXTS[k].replace("{ph}", ph))
        ids.append(add(day, "金牛区", text, "12345", phone=col))
    key["parties"].append({"name": "R1", "masked_phone": "139****1746", "ids": ids})
    ids = []
    for k, day in enumerate([6, 22, 33, 47, 58]):
        text = R2_TEXTS[k].replace("{ph}", R2_PHONE[k]).replace("{p}", "天府新城")
        ids.append(add(day, "成华区", text, "mail", phone=""))
    key["parties"].append({"name": "R2", "masked_phone": "028****1234", "ids": ids})

    # the property company's hotline, named by 14 different people
    ids = []
    for k in range(14):
        text = (rng.choice(OPEN_12345) + "桂花巷小区物业" + rng.choice(["电话", "客服电话", "服务电话"]) + OTHER_PHONE
                + rng.choice(["一直打不通", "打了没人接", "接了就挂"]) + "，" + _fill(rng, rng.choice(FACTS["物业"])) + "。诉求：" + rng.choice(REQUEST_12345) + "。")
        ids.append(add(rng.randrange(DAYS), "武侯区", text, "12345"))
    key["decoys"]["company_phone"] = {"masked": "028****0000", "ids": ids}
    key["incidental_groups"] = (_incidental_groups(rows, set(key["campaign"]["ids"]) | set(key["viral"]["ids"]))
                                if incidental else [])
    rows.sort(key=lambda r: (r["来电时间"].split()[0].split("/")[1].zfill(2), r["来电时间"].split()[0].split("/")[2].zfill(2),
                             r["来电时间"].split()[1]))
    return rows, key


_DROP = re.compile(r"[\s\W\d_一二三四五六七八九十百千万零〇两]+")


def _incidental_groups(rows, planted):
    """Groups (>= 3) of other posts that are near-duplicates by the definition itself (exact Jaccard of
    character 3-grams >= 0.5, joined transitively): the same matter told in the same formula. A cluster of
    them is right by definition; they are counted apart from false clusters."""
    import itertools
    sets = []
    for r in rows:
        if r["工单编号"] in planted:
            continue
        s = _DROP.sub("", r["诉求内容"].lower())
        sets.append((r["工单编号"], {s[i:i + 3] for i in range(len(s) - 2)}))
    parent = {i: i for i, _ in sets}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    for (a, sa), (b, sb) in itertools.combinations(sets, 2):
        if sa and sb and len(sa & sb) >= 0.5 * len(sa | sb):
            parent[find(a)] = find(b)
    groups = {}
    for i, _ in sets:
        groups.setdefault(find(i), []).append(i)
    return [sorted(g) for g in groups.values() if len(g) >= 3]


def write(rows, path):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def _overlap(a0, a1, b0, b1):
    return a0 <= b1 and b0 <= a1


def score(result: dict, key: dict, rows: list | None = None) -> dict:
    """Alerts, clusters and parties of ``fazhi scan --json`` against the key."""
    em = key["emerging"]
    found, false = {e["name"]: [] for e in em}, []
    for a in result["alerts"]:
        hit = [e["name"] for e in em if _overlap(a["start"], a["end"], e["start"], e["end"])
               and (a["type"] in (None, e["type"])) and (a["district"] is None or a["district"] in e["districts"])
               and not (a["type"] is None and a["district"] is None)]
        for h in hit:
            found[h].append(a)
        if not hit:
            false.append({k: a.get(k) for k in ("type", "district", "start", "end", "count", "baseline", "score")})
    # a per-type alert for E3 (several districts) is the one expected; per-district ones are extras
    e3 = next(e for e in em if e["name"] == "E3")
    planted_found = {e["name"]: bool(found[e["name"]]) for e in em}
    planted_found["E3_per_type"] = any(a["district"] is None and a["type"] == "消费" for a in found["E3"])
    # viral repost: a 医疗 alert during its days that is not something planted is a false alert (already in false)
    groups = {"C": set(key["campaign"]["ids"]), "V": set(key["viral"]["ids"])}
    incidental = set().union(*map(set, key["incidental_groups"])) if key["incidental_groups"] else set()
    clusters_ok, clusters_false, clusters_incidental = {}, [], 0
    for c in result["clusters"]:
        ids = set(c["ids"])
        best = max(groups, key=lambda g: len(ids & groups[g]))
        if len(ids & groups[best]) >= 0.8 * len(ids):
            clusters_ok[best] = max(clusters_ok.get(best, 0), len(ids & groups[best]) / len(groups[best]))
        elif len(ids & incidental) >= 0.8 * len(ids):
            clusters_incidental += 1
        else:
            clusters_false.append({"size": c["size"], "summary": c.get("summary")})
    # key mistake found on the first run: the generator draws Weibo accounts as name + 2-4 digits, and a few
    # were drawn twice; such posts are one account by construction, not a false party
    account = {r["工单编号"]: r["用户昵称"] for r in rows or []}
    parties_ok, parties_false, parties_same_account = {}, [], 0
    for p in result["repeat_parties"]:
        ids = set(p["ids"])
        hit = [q for q in key["parties"] if len(ids & set(q["ids"])) >= 0.8 * len(ids)]
        if len({account.get(i) for i in ids}) == 1 and account.get(next(iter(ids))):
            parties_same_account += 1
        elif hit:
            q = hit[0]
            parties_ok[q["name"]] = max(parties_ok.get(q["name"], 0), len(ids & set(q["ids"])) / len(q["ids"]))
        else:
            parties_false.append({"party": p["party"], "count": p["count"]})
    viral_alerts = [a for a in false if a["type"] in ("医疗", None) and _overlap(a["start"], a["end"], key["viral"]["start"], key["viral"]["end"])]
    return {"emerging_found": planted_found, "alerts": len(result["alerts"]), "false_alerts": false,
            "viral_alerts": len(viral_alerts),
            "campaign_recall": round(clusters_ok.get("C", 0), 3), "viral_cluster_recall": round(clusters_ok.get("V", 0), 3),
            "false_clusters": clusters_false, "incidental_clusters": clusters_incidental,
            "incidental_groups_in_key": len(key["incidental_groups"]),
            "parties_recall": {q["name"]: round(parties_ok.get(q["name"], 0), 3) for q in key["parties"]},
            "company_phone_party": any("028****0000" in p["party"] for p in result["repeat_parties"]),
            "false_parties": parties_false, "parties_same_generated_account": parties_same_account}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--dir", default="/tmp/scan_export_audit")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "scan-export-audit.json"))
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args(argv)
    d = Path(args.dir)
    d.mkdir(parents=True, exist_ok=True)
    rows, key = generate(args.seed)
    write(rows, d / "export.csv")
    (d / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(rows)} posts -> {d / 'export.csv'}; key -> {d / 'key.json'}")
    if args.generate_only:
        return 0
    import subprocess
    t = time.time()
    p = subprocess.run([str(ROOT / ".venv" / "bin" / "fazhi"), "scan", str(d / "export.csv"), "--json",
                        "--report", str(d / "report.html")], capture_output=True, text=True)
    took = time.time() - t
    if p.returncode not in (0, 2):
        print(p.stderr)
        return 1
    result = json.loads(p.stdout)
    (d / "result.json").write_text(p.stdout, encoding="utf-8")
    s = score(result, key, rows)
    s.update({"posts": result["posts"], "seconds": round(took, 1), "skipped": len(result.get("skipped", []))})
    print(json.dumps(s, ensure_ascii=False, indent=1))
    Path(args.out).write_text(json.dumps(s, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
