"""Build the bundled sample data under ``fazhi/corpora/data/``.

Steps (run from the repository root)::

    .venv/bin/python scripts/make_samples.py laws     # copy the selected official law texts verbatim
    .venv/bin/python scripts/make_samples.py check    # check dossier citations against those texts
    .venv/bin/python scripts/make_samples.py posts    # regenerate posts.jsonl (fixed seed)

The law texts come from ``../shared/data/laws`` (LawRefBook Markdown) and are copied byte for byte,
keeping their relative paths, with the matching rows of the source ``manifest.tsv``.
The mediation dossiers in ``mediation.jsonl`` are written by hand; ``check`` verifies that every
cited article exists in a bundled law text. The posts are generated from hand-written phrase banks
with a fixed seed, with injected patterns documented in ``docs/samples.md``.
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "fazhi" / "corpora" / "data"
LAWS_OUT = DATA / "laws"
SHARED_LAWS = ROOT / ".." / "shared" / "data" / "laws"

# Files copied from ../shared/data/laws (paths relative to that folder).
LAW_FILES = [
    "诉讼与非诉讼程序法/人民调解法(2010-08-28).md",
    "民法典/总则.md",
    "民法典/物权编.md",
    "民法典/合同编.md",
    "民法典/人格权编.md",
    "民法典/婚姻家庭编.md",
    "民法典/继承编.md",
    "民法典/侵权责任编.md",
    "民法典/附则.md",
    "行政法/行政处罚法(2021-01-22).md",
    "行政法/行政许可法(2019-04-23).md",
    "行政法/行政强制法(2011-06-30).md",
    "宪法相关法/立法法(2023-03-13).md",
    "宪法相关法/立法法(2015-03-15).md",
    "诉讼与非诉讼程序法/行政复议法(2023-09-01).md",
    "诉讼与非诉讼程序法/行政复议法(2017-09-01).md",
    "行政法规/信访工作条例(2022-02-25).md",
    "行政法规/信访条例(2005-01-10).md",
    "行政法规/物业管理条例(2018-03-19).md",
    "诉讼与非诉讼程序法/劳动争议调解仲裁法(2007-12-29).md",
    "社会法/劳动合同法(2012-12-28).md",
    "民法商法/消费者权益保护法(2013-10-25).md",
    "行政法/道路交通安全法(2021-04-29).md",
    "行政法/治安管理处罚法(2012-10-26).md",
    "行政法规/医疗纠纷预防和处理条例(2018-07-31).md",
    "行政法/土地管理法(2019-08-26).md",
    "民法商法/农村土地承包法(2018-12-29).md",
    "诉讼与非诉讼程序法/农村土地承包经营纠纷调解仲裁法(2009-06-27).md",
    "诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md",
    "诉讼与非诉讼程序法/民事诉讼法(2021-12-24).md",
    "行政法规/法规规章备案条例(2001-12-14).md",
    "行政法规/规章制定程序条例(2017-12-22).md",
    "社会法/社会保险法(2018-12-29).md",
    "行政法/个人信息保护法(2021-08-20).md",
    "司法解释/最高人民法院关于适用《合同法》若干问题的解释（二）(2009-04-24).md",
    "DLC/浙江地方法规/地方性法规/浙江/杭州市物业管理条例(2021-08-09).md",
    "DLC/浙江地方法规/地方性法规/浙江/宁波市人民调解条例(2015-04-13).md",
    "DLC/浙江地方法规/地方性法规/浙江/浙江省劳动人事争议调解仲裁条例(2020-09-24).md",
    "DLC/上海地方法规/地方性法规/上海/上海市住宅物业管理规定(2020-12-30).md",
    # the laws the mediation plans' topics name beyond the above (fazhi/index/data/steps.yaml): without them a
    # plan built on the bundled data could not offer the governing article of a work injury, unpaid migrant
    # wages, food safety, a forest boundary, a loan's interest or a spouse's debt
    "行政法规/工伤保险条例(2010-12-20).md",
    "行政法规/保障农民工工资支付条例(2019-12-30).md",
    "行政法/食品安全法(2021-04-29).md",
    "经济法/森林法(2019-12-28).md",
    "司法解释/最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md",
    "司法解释/最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释(2022-04-24).md",
    "司法解释/最高人民法院关于审理道路交通事故损害赔偿案件适用法律若干问题的解释(2020-12-29).md",
    "司法解释/最高人民法院关于适用《民法典》婚姻家庭编的解释（一）(2020-12-29).md",
    "司法解释/最高人民法院关于审理劳动争议案件适用法律问题的解释（一）(2020-12-29).md",
    # the governing laws of noise, house-expropriation and elderly-support disputes (the 噪声, 环境噪声, 房屋征收
    # and 赡养 topics), and the repealed 环境噪声污染防治法, so that the registry knows the 2021 噪声污染防治法
    # replaced it on 2022-06-05 and no plan or check offers the old law as current
    "行政法/噪声污染防治法(2021-12-24).md",
    "行政法/环境噪声污染防治法(2018-12-29).md",
    "行政法规/国有土地上房屋征收与补偿条例(2011-01-21).md",
    "社会法/老年人权益保障法(2018-12-29).md",
]


def copy_laws(src: Path = SHARED_LAWS, out: Path = LAWS_OUT) -> int:
    """Copy LAW_FILES verbatim and write ``out/manifest.tsv`` with the source manifest's rows."""
    src = src.resolve()
    with open(src / "manifest.tsv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = {row[0]: row for row in reader}
    missing = [p for p in LAW_FILES if p not in rows or not (src / p).is_file()]
    if missing:
        raise SystemExit(f"missing in {src}: {missing}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with open(out / "manifest.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for rel in LAW_FILES:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src / rel, out / rel)
            fh.write("\t".join(rows[rel]) + "\n")
    return len(LAW_FILES)


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ARTICLE_RE = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?[\s　]")
CITE_RE = re.compile(r"《([^》]+)》第([零〇一二两三四五六七八九十百千]+)条")


def cn_int(s: str) -> int:
    """Chinese numeral (up to 千) to int: ``cn_int("二百八十八") == 288``."""
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (cur or 1) * unit
            cur = 0
    return total + cur


def law_title(text: str) -> str:
    return text.split("\n", 1)[0].lstrip("# ").strip()


def short_title(title: str) -> str:
    return title.removeprefix("中华人民共和国")


def load_articles(laws: Path = LAWS_OUT) -> dict[str, dict[int, str]]:
    """Map each bundled law's short title to {article number: article text}.

    Only the newest version of a law is used (by the manifest's publish date), so citations are
    checked against the text in force. The 民法典 books are merged under ``民法典``.
    """
    with open(laws / "manifest.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    rows.sort(key=lambda r: r["publish"] or "")
    out: dict[str, dict[int, str]] = {}
    for row in rows:
        text = (laws / row["path"]).read_text(encoding="utf-8")
        key = short_title(law_title(text))
        arts: dict[int, str] = {}
        cur = None
        for line in text.split("<!-- INFO END -->", 1)[-1].splitlines():
            m = ARTICLE_RE.match(line)
            if m and not m.group(2):
                cur = cn_int(m.group(1))
                arts[cur] = line
            elif m:
                cur = None
            elif cur is not None and line.strip() and not line.startswith("#"):
                arts[cur] += "\n" + line
        if key == "民法典":
            out.setdefault(key, {}).update(arts)
        else:
            out[key] = arts  # later (newer) versions replace earlier ones
    return out


def check_dossiers(path: Path = DATA / "mediation.jsonl", show: bool = False) -> list[str]:
    """Return problems with dossier citations (unknown law or article); print cited texts if show."""
    import json

    arts = load_articles()
    problems = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        for cite in d["laws"]:
            m = CITE_RE.fullmatch(cite)
            if not m:
                problems.append(f"{d['id']}: malformed citation {cite}")
                continue
            law, n = short_title(m.group(1)), cn_int(m.group(2))
            if law not in arts or n not in arts[law]:
                problems.append(f"{d['id']}: {cite} not found")
            elif show:
                print(f"{d['id']} [{d['dispute_type']}] {cite}: {arts[law][n][:160]}")
            if cite not in d["text"]:
                problems.append(f"{d['id']}: {cite} not in text")
    return problems


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """GB 11643 check character for the first 17 digits of a resident ID number."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id_card(area: str, birth: str, seq: str) -> str:
    """A fictional, checksum-valid ID number; fazhi samples always use sequence codes 990-999.

    >>> id_card("330106", "19800101", "991")
    '330106198001019915'
    """
    assert len(area) == 6 and len(birth) == 8 and seq.startswith("99") and len(seq) == 3
    first = area + birth + seq
    return first + id_check_digit(first)


def cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def compose_text(d: dict) -> str:
    """The dossier as one document: title, committee and date, parties, facts, process, agreement, laws."""
    lines = [d["title"], f"调解组织：{d['committee']}", f"受理日期：{cn_date(d['date'])}", "当事人情况："]
    for p in d["parties"]:
        bits = [f"{p['role']}：{p['name']}"]
        if p.get("gender"):
            bits.append(p["gender"])
        if p.get("id_card"):
            bits.append(f"身份证号码{p['id_card']}")
        if p.get("phone"):
            bits.append(f"联系电话{p['phone']}")
        if p.get("address"):
            bits.append(f"住{p['address']}")
        if p.get("agent"):
            bits.append(p["agent"])
        lines.append("，".join(bits) + "。")
    lines.append("纠纷事实：" + d["facts"])
    lines.append("调解过程：" + d["process"])
    head = {"调解成功": "调解协议：", "部分达成": "已达成的协议：", "调解不成": "调解情况："}[d["outcome"]]
    lines.append(head + d["agreement"])
    lines.append("调解结果：" + d["outcome"] + "。")
    lines.append("法律依据：" + "、".join(d["laws"]) + "。")
    return "\n".join(lines)


def retext(path: Path = DATA / "mediation.jsonl") -> int:
    """Recompute each dossier's ``text`` from its fields (idempotent) and fix key order."""
    import json

    keys = ["id", "title", "kind", "dispute_type", "region", "date", "committee", "parties", "facts",
            "process", "agreement", "outcome", "laws", "text", "synthetic"]
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        d["kind"], d["synthetic"] = "mediation", True
        d["text"] = compose_text(d)
        out.append(json.dumps({k: d[k] for k in keys}, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return len(out)

# ---------------------------------------------------------------------------------------------
# Posts: hotline / message-board / Weibo posts from one city (杭州市), 2025-03-01 .. 2025-05-29.
# ---------------------------------------------------------------------------------------------

POST_START = "2025-03-01"
POST_DAYS = 90
POST_SEED = 20250301
CITY = "杭州市"
DISTRICT_STREETS = {
    "上城区": ["湖滨街道", "小营街道", "南星街道", "望江街道", "闸弄口街道", "凯旋街道", "采荷街道", "九堡街道", "笕桥街道", "丁兰街道", "彭埠街道"],
    "拱墅区": ["米市巷街道", "湖墅街道", "小河街道", "和睦街道", "拱宸桥街道", "大关街道", "上塘街道", "祥符街道", "半山街道", "东新街道", "文晖街道"],
    "西湖区": ["北山街道", "西溪街道", "翠苑街道", "文新街道", "古荡街道", "蒋村街道", "留下街道", "转塘街道", "三墩镇"],
    "滨江区": ["西兴街道", "长河街道", "浦沿街道"],
    "萧山区": ["城厢街道", "北干街道", "蜀山街道", "新塘街道", "闻堰街道", "宁围街道", "新街街道", "瓜沥镇"],
    "余杭区": ["五常街道", "闲林街道", "仓前街道", "余杭街道", "良渚街道", "仁和街道", "瓶窑镇", "中泰街道"],
    "临平区": ["临平街道", "东湖街道", "南苑街道", "星桥街道", "乔司街道", "运河街道", "崇贤街道", "塘栖镇"],
    "钱塘区": ["下沙街道", "白杨街道", "河庄街道", "义蓬街道", "新湾街道", "临江街道"],
}
COMMUNITIES = ["锦苑", "桂香园", "晴川家园", "丰乐苑", "翠溪花园", "云栖府", "金沙湾", "和睦新村", "运河名苑", "春江悦府",
               "绿洲花园", "新城家园", "湖畔居", "阳光里", "枫林苑", "逸景园", "梅苑小区", "望湖公寓", "嘉禾园", "东方郡",
               "滨河苑", "星洲花园", "朝晖八区", "白鹭郡", "清水湾", "紫金苑", "南湖新村", "天和家园"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方邹熊孟秦邱侯江尹薛闫段雷龙黎史陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"

# Hand-written phrase banks per dispute type: ([(problem, [details that fit it]), ...], [asks]).
# "[a|b|c]" picks one alternative; {c} is a community name, {w} a duration.
BANK = {
    "邻里": ([
        ("楼上邻居天天半夜跺脚、拖椅子", ["老人晚上根本睡不着", "上去敲门对方还骂人", "已经持续{w}了"]),
        ("隔壁在公共走廊装了个大铁柜", ["消防通道都被堵了一半", "找物业说是邻里之间的事让我们自己协商"]),
        ("对门把鞋柜和垃圾袋堆在门口", ["夏天味道特别大", "说了好几次都不听"]),
        ("隔壁养了[两|三|四]条狗，整夜叫个不停", ["小孩都被吓哭了", "去敲门反映，对方说狗叫是正常的"]),
        ("邻居在楼道里给电瓶车充电", ["电线从窗户拉出来，很危险", "物业贴了通知也没用"]),
        ("楼上往下扔烟头", ["阳台晾的衣服被烫了好几个洞", "跟他说他不承认"]),
        ("邻居把共用的过道围起来种菜", ["我们进出都要侧着身子", "社区来看过一次就没下文了"]),
        ("楼上空调外机的水一直滴在我家雨棚上", ["晚上滴答滴答响", "说了[半年|三个月]也不装排水管"]),
    ], ["希望社区出面调解一下。", "麻烦有关部门来管一管。", "请问这种情况应该找谁？", "希望能帮忙协调，谢谢。", "实在没办法了才来反映。"]),
    "婚姻家庭": ([
        ("离婚后前夫一直不给孩子抚养费", ["已经拖了{w}", "我一个人带孩子压力很大"]),
        ("儿子儿媳不让我见孙子", ["每次去都被关在门外", "老伴为这事气病了"]),
        ("我爸妈年纪大了，哥哥不肯出赡养费", ["说房子给了谁就谁养", "老人现在一个人住，生活没人照顾"]),
        ("老公赌博欠了钱，现在天天有人上门催债", ["孩子都不敢去上学", "我都不知道欠了多少"]),
        ("父亲去世后兄弟几个为了老房子吵翻了", ["找过村里调解也没结果", "亲戚都劝不动"]),
        ("婆婆住院，几个子女为医药费谁出吵了起来", ["医院催着交费", "大家都说自己困难"]),
    ], ["想问问能不能申请调解。", "请问怎么走法律途径？", "希望妇联或者社区帮帮忙。", "这种情况有没有人能管？"]),
    "房屋宅基地": ([
        ("村里邻居建房把滴水檐伸到了我家宅基地上", ["跟对方说了他说是自己的地", "村委会说要等测量"]),
        ("租的房子到期了房东不退押金", ["押金有[3000|4500|6000]元", "房东说墙上有钉眼要扣钱"]),
        ("二房东突然说要收回房子", ["合同还有[半年|八个月]才到期", "房租是一年一交的"]),
        ("房东趁我不在家擅自进我租的房间", ["东西都被翻过了", "说了他也不当回事"]),
        ("隔壁违章加盖了一层", ["挡住了我家采光", "城管来过一次又没下文"]),
        ("老宅拆了以后跟隔壁的宅基地边界说不清了", ["两家都说界石是对方挪的", "村委会说要等镇里来测量"]),
    ], ["希望街道帮忙协调。", "请问这种情况可以申请调解吗？", "请相关部门来现场看一下。", "麻烦尽快处理。"]),
    "劳动争议": ([
        ("公司拖欠了我[两|三|四]个月工资", ["老板电话不接", "人事说要等领导签字", "我们好几个同事都是这样"]),
        ("辞职后公司不给结最后一个月工资", ["说要等交接完，交接完又说没钱", "大概[5600|7200|8300]元"]),
        ("厂里一直不给交社保", ["干了[两|三]年了", "劳动合同也没签"]),
        ("被公司辞退了没有任何补偿", ["干了[四|五|六]年", "只给了一张离职单"]),
        ("加班从来不给加班费", ["每天干到晚上十点", "周末也要上班"]),
        ("快递站老板随便扣我们工资", ["一个月扣了[300|600|800]多块", "说是罚款但没有任何依据"]),
    ], ["请劳动监察帮忙处理。", "想知道怎么申请劳动仲裁。", "希望尽快把钱要回来。", "麻烦有关部门督促一下。"]),
    "物业": ([
        ("小区电梯又坏了", ["老人爬楼很吃力", "报修单提交了好几次", "这个月已经第二次了"]),
        ("小区地下车库一下雨就积水", ["好几辆车都泡了", "物业只会拿拖把拖"]),
        ("物业费涨了但服务越来越差", ["保洁一周才来一次", "业主群里大家都在骂"]),
        ("小区门禁坏了{w}没人修", ["外面的人随便进出", "保安说他们也没办法"]),
        ("物业把公共绿地改成了收费停车位", ["没有经过业主同意", "收的钱去哪了也不公开"]),
        ("楼道灯坏了很久", ["晚上老人摔了一跤", "打物业电话没人接"]),
        ("小区垃圾清运不及时", ["天热了味道很大", "垃圾桶边全是苍蝇"]),
    ], ["希望住建部门督促物业整改。", "请街道管一管这个物业。", "业主们想换物业该怎么走程序？", "请尽快处理。"]),
    "消费": ([
        ("健身房突然关门", ["卡里还有[2800|3600|5200]元", "跟我一样的有好几十人"]),
        ("网上买的冰箱送来是坏的", ["商家不给退，只说可以修", "打客服电话一直在排队"]),
        ("理发店办的储值卡，老板跑路了", ["卡里还有[800|1500|2000]多", "店门口贴了转让"]),
        ("饭店菜里吃出了虫子", ["店家只肯打个八折", "照片都拍了"]),
        ("培训机构不给退课时费", ["还剩[20|30|40]节课没上", "说合同写了不退"]),
        ("超市卖过期的牛奶", ["小票和照片都在", "孩子喝了拉肚子"]),
        ("手机刚买一周就黑屏", ["店家说是人为损坏", "要我自己出钱修"]),
    ], ["希望市场监管部门处理。", "请问怎么投诉？", "要求退款。", "希望帮忙维权。"]),
    "交通事故": ([
        ("骑电动车被一辆轿车剐倒了", ["交警已经出了认定书", "对方说保险公司会赔，但一直拖着"]),
        ("停在路边的车被撞了，对方跑了", ["监控拍到了车牌", "修车要[2000|3500|4800]元"]),
        ("被外卖电动车撞了，腿骨折", ["医药费已经花了[8000|12000|15000]多", "对方说没钱"]),
        ("小区门口两车相撞", ["对方全责但不肯赔", "保险公司说要等定损"]),
        ("孩子过马路被电动车撞了", ["对方没有买保险", "孩子在医院住了一周"]),
    ], ["请问可以找调解委员会调解吗？", "希望交警部门督促对方赔偿。", "该怎么走程序？", "请帮帮忙。"]),
    "医疗": ([
        ("我妈在医院做完手术后伤口感染了", ["医院说是正常并发症", "又住了半个月院"]),
        ("社区医院开错了药", ["吃了两天才发现", "医院只说是护士疏忽"]),
        ("牙科诊所种的牙没几个月就松了", ["花了[9000|12000|16000]元", "诊所说要再交钱重做"]),
        ("孩子在医院打针后手臂肿了", ["医生说过几天就好，结果越来越严重", "找医院投诉办没结果"]),
        ("医院收费明细里有没做过的检查", ["问了收费处说系统自动生成的", "病历不给复印"]),
    ], ["想申请医疗纠纷调解。", "请卫健部门介入调查。", "希望给个说法。", "请问怎么做医疗鉴定？"]),
    "借贷": ([
        ("朋友借了我[2|3|5]万块钱，到期不还", ["有借条", "微信也不回了"]),
        ("亲戚借钱给我，现在要收很高的利息", ["说好的不要利息，现在翻脸了", "每个月要我还两千利息"]),
        ("同事借钱后把我拉黑了", ["只有微信转账记录", "人已经辞职走了"]),
        ("帮朋友做担保，现在银行找我还钱", ["朋友人找不到了", "我自己也没有这个钱"]),
        ("借给老乡的钱他说是我送的", ["当时没写借条", "已经拖了{w}"]),
    ], ["想通过调解要回来。", "请问能不能起诉？", "希望有人帮忙协调。", "这种情况该怎么办？"]),
    "山林土地": ([
        ("村里重新分地把我家的地分少了", ["承包证上写着[三|四|五]亩多", "村干部说是集体决定"]),
        ("承包地被邻居占了种树", ["老人种了几十年的地", "找镇里也没有结果"]),
        ("土地流转的租金两年没给了", ["十几户都没拿到", "老板说今年收成不好"]),
        ("山林界址跟隔壁村说不清", ["两个村的人差点打起来", "林权证上的图看不明白"]),
    ], ["请镇里来调解。", "请问土地承包纠纷该找哪里？", "希望依法处理。", "请相关部门核实。"]),
    "合同": ([
        ("装修公司拖工期三个月还没完工", ["合同上写得很清楚", "现在连工人都不来了"]),
        ("婚庆公司当天服务跟合同不一样", ["主持人临时换人", "布置跟效果图差太远"]),
        ("买的定制家具尺寸全做错了", ["定金交了[5000|8000]元", "厂家说是我们量错的"]),
        ("家政公司介绍的保姆干了两天就走了", ["中介费不退", "说换人要再交钱"]),
        ("搬家公司把家具磕坏了", ["师傅说不是他们弄的", "衣柜门都裂了"]),
    ], ["请帮忙协调。", "希望对方按合同履行。", "请问能不能申请调解？", "要求赔偿损失。"]),
    "损害赔偿": ([
        ("在小区里被人家的狗咬了", ["打疫苗花了[1200|1800]多", "狗主人说狗没拴绳不是他的责任"]),
        ("楼上花盆掉下来砸坏了我的车", ["挡风玻璃全碎了", "楼上说是风吹的"]),
        ("在商场扶梯上摔倒受伤", ["商场说是我自己不小心", "监控已经调了"]),
        ("孩子在学校被同学打伤", ["缝了好几针", "对方家长不肯道歉"]),
        ("被人推搡摔倒，手腕骨折", ["去派出所报过警", "对方只肯出一点医药费"]),
    ], ["希望能调解赔偿。", "请问怎么要赔偿？", "请有关部门处理。", "希望对方道个歉。"]),
    "征地拆迁": ([
        ("村里拆迁补偿标准跟隔壁村不一样", ["问了指挥部说按政策办", "好多户都有意见"]),
        ("拆迁安置房[三|四|五]年了还没交房", ["家里老人住在出租房里", "过渡费也时有时无"]),
        ("征地的青苗补偿算得太少", ["苗木都是种了好几年的", "我们也不是要多拿，就是要个公平"]),
        ("拆迁时我家附房没有算面积", ["当时是村里批的", "评估的人根本没进门看"]),
        ("安置房分房方案不公开", ["谁先选房都不知道", "好多户都有意见"]),
    ], ["希望公开补偿标准。", "请区里给个解释。", "希望尽快交房。", "请相关部门核实。"]),
    "环境污染": ([
        ("附近工厂晚上排放刺鼻气味", ["晚上根本不敢开窗", "孩子老是咳嗽"]),
        ("河道里漂着死鱼，水是黑的", ["已经持续{w}了", "拍了视频"]),
        ("工地晚上十一点以后还在打桩", ["整栋楼都在震", "已经持续{w}了"]),
        ("楼下餐馆油烟直接排到我家窗口", ["窗户上全是油", "晾的衣服都有味道"]),
        ("小区旁边的垃圾站臭味很大", ["夏天更严重", "苍蝇蚊子特别多"]),
        ("有人在河边偷倒建筑垃圾", ["都是晚上偷偷来倒", "拍了视频"]),
    ], ["请环保部门来查一查。", "希望尽快处理。", "请执法部门管一管。", "希望给居民一个交代。"]),
    "生产经营": ([
        ("合伙开的店散伙了，账目算不清", ["对方说亏了钱", "我出了[5|8|10]万块"]),
        ("供货商给的货有问题不肯退", ["损失大概[6000|9000|15000]元", "对方不承认"]),
        ("租的摊位市场突然要收回", ["合同还没到期", "我们是小本生意"]),
        ("承包的鱼塘被隔壁放水冲了", ["鱼苗死了一大半", "协商了好几次"]),
        ("店铺门口被隔壁店占用堆货", ["客人都进不来", "说了好几次"]),
    ], ["希望帮忙调解。", "请问可以找谁协调？", "请市场管理方处理。", "希望给个公道。"]),
    "其他": ([
        ("公交站台拆了以后一直没恢复", ["附近老人小孩很多", "每天要多走十几分钟"]),
        ("小区附近的路灯坏了一个多月", ["晚上黑漆漆的", "反映过一次了"]),
        ("办居住证要跑好几趟", ["每次都说材料不对", "很不方便"]),
        ("路边共享单车乱停堵住了盲道", ["很不方便", "附近老人小孩很多"]),
        ("公园厕所太脏没人打扫", ["味道很大", "反映过一次了"]),
    ], ["希望有关部门处理。", "请尽快解决。", "建议改进一下。"]),
}
# Village matters only come from the districts that still have villages.
RURAL_TYPES = {"山林土地", "征地拆迁"}
LOCAL_TYPES = {"邻里", "物业", "环境污染", "房屋宅基地", "损害赔偿", "其他"}
RURAL_DISTRICTS = ["萧山区", "余杭区", "临平区", "钱塘区", "西湖区"]
# Relative frequency of each type in the background stream.
TYPE_WEIGHTS = {"邻里": 12, "物业": 12, "消费": 10, "劳动争议": 9, "婚姻家庭": 7, "房屋宅基地": 6, "交通事故": 6,
                "借贷": 5, "合同": 5, "损害赔偿": 5, "环境污染": 4, "医疗": 4, "征地拆迁": 3, "山林土地": 2,
                "生产经营": 3, "其他": 5}
OPENERS = {"12345热线": ["市民来电反映：", "来电人反映：", "市民来电称，", "来电反映："],
           "留言板": ["您好，", "领导您好，", "", "我是{c}的居民，", "反映一个问题："],
           "微博": ["", "真的无语了，", "求助！", "有没有人管管？", "#杭州# "]}
REPLIES = ["您好！您反映的问题已转{s}办理。经现场核实，相关情况属实，已督促责任方整改，后续将持续跟进。感谢您的监督。",
           "您好！您的诉求已收悉，{s}工作人员已与您电话联系，并约定时间组织双方调解，请保持电话畅通。",
           "您好！经{s}调查，该问题涉及民事纠纷，已告知您可向所在街道人民调解委员会申请调解，也可依法向人民法院起诉。",
           "您好！收到您的反映后，{s}已会同相关部门到现场查看，目前已处理完毕。如仍有问题，请再次联系我们。"]
# Risk cues placed in ordinary posts: positive, negated and hypothetical (known answers for fazhi.scan).
RISK_POSITIVE = ["他还扬言要报复我们家", "对方说再来要就拿刀砍人", "我老公说不给钱就去跳楼", "几十个业主准备明天去区政府门口聚集",
                 "工友们已经在厂门口拉横幅了", "有人说要去北京上访"]
RISK_NEGATED = ["我们没有扬言要闹事，只想要个说法", "大家都很克制，不会去上访的", "我们并没有聚集，只是几个邻居一起打了电话",
                "我不会做什么极端的事，就是希望有人管", "没有人拉横幅，大家都在等答复", "我们从来没想过去越级上访"]
RISK_HYPOTHETICAL = ["如果下周再不解决，我们只能去市里上访了", "要是再没人管，业主们说要拉横幅", "如果还是这样拖着，工人们可能会去聚集",
                     "假如还不退钱，大家准备一起去门店讨说法", "再不处理的话，可能就要闹到网上去了"]


def _fill(rng, s: str, district: str) -> str:
    s = re.sub(r"\[([^\]]+)\]", lambda m: rng.choice(m.group(1).split("|")), s)
    return s.format(c=rng.choice(COMMUNITIES), s=rng.choice(DISTRICT_STREETS[district]),
                    w=rng.choice(["两周", "一个多月", "三个星期", "两个月", "大半年"]))


def _shingles(text: str, k: int = 3) -> set[str]:
    t = re.sub(r"\W", "", text)
    return {t[i:i + k] for i in range(max(1, len(t) - k + 1))}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / max(1, len(a | b))

TOPIC = {"邻里": "邻里纠纷", "婚姻家庭": "家庭纠纷", "房屋宅基地": "房屋纠纷", "劳动争议": "欠薪", "物业": "物业服务", "消费": "消费维权",
         "交通事故": "交通事故赔偿", "医疗": "医疗纠纷", "借贷": "借款纠纷", "山林土地": "土地承包", "合同": "合同纠纷",
         "损害赔偿": "赔偿", "征地拆迁": "拆迁补偿", "环境污染": "环境污染", "生产经营": "经营纠纷", "其他": "民生"}

# (a) wage-arrears burst: 萧山区, 2025-03-20 .. 2025-03-26 (days 19-25), one construction site.
WAGE_SITE = "新塘街道的安置房工地"
WAGE_DUP = ("萧山{s}安置房工地拖欠我们农民工工资{t}了，三十多个工人一分钱没拿到，包工头跑了，总包单位恒泰建设也不管，{x}，请政府帮帮我们！")
WAGE_DUP_T = ["半年", "六个月", "半年多", "快半年", "整整半年", "半年", "六个多月", "半年", "大半年"]
WAGE_DUP_X = ["家里孩子等着交学费", "老人生病等钱看病", "房租都交不起了", "饭都快吃不上了", "回家的路费都没有",
              "孩子的学费还欠着", "老婆在老家住院等钱", "每天只能吃馒头", "欠了工友好几千块"]
WAGE_LIU = [  # repeat party: 刘长青 13700002468 (also the applicant in dossier med-015)
    ("12345热线", "市民刘长青来电（联系电话13700002468）：其为新塘街道安置房项目木工班长，班组32人从去年9月起工资未发，合计一百八十多万元，劳务老板失联，要求总包单位恒泰建设支付。"),
    ("留言板", "我是新塘安置房工地的木工班长刘长青，电话13700002468。前天反映的欠薪问题到现在没人联系我们，工人们情绪很激动，有人扬言要爬到塔吊上去，我快压不住了，请领导重视！"),
    ("12345热线", "刘长青再次来电（13700002468）反映新塘安置房工地欠薪问题，称工人已在工地门口拉横幅，明天准备去区政府门口聚集，请求尽快协调总包单位发放工资。"),
]
WAGE_OTHER = [
    ("微博", "路过萧山新塘，看到一群工人在工地门口拉着横幅讨薪，写着“还我血汗钱”，看着挺心酸的。"),
    ("留言板", "新塘街道安置房项目的钢筋班组已经干了半年活没拿到工钱，分包老板电话关机，我们去项目部找经理，经理说钱早就拨给分包了。请劳动监察部门查一查。"),
    ("微博", "#萧山讨薪# 工地上三十多号人，过年都没回家，就等着结工资，结果包工头跑路了。总包说不关他们事？"),
    ("12345热线", "市民来电反映：萧山新塘某安置房工地聚集了二十多名工人讨要工资，情绪激动，有人扬言如果今天拿不到钱就堵路。来电人系附近商户，担心发生冲突。"),
    ("留言板", "我老公在新塘安置房工地做泥工，半年工资四万多一分没拿到，家里两个孩子上学，房贷也断了。听说工人们要去区里集体上访，我很担心他出事，求领导帮忙。"),
    ("12345热线", "市民来电反映：新塘街道安置房工地的农民工连续几天在项目部门口讨薪，要求劳动监察部门介入，督促总包单位恒泰建设先行垫付工资。"),
    ("微博", "今天新塘那个工地又有人拉横幅了，警车都来了，希望工人们能早点拿到钱。"),
    ("留言板", "反映萧山新塘安置房项目欠薪问题：木工、钢筋工、泥工三个班组共三十多人，工资从去年9月欠到现在，劳务公司老板失联。工人们说如果周五前再不发钱，就集体去市政府。请尽快处理！"),
    ("12345热线", "来电人反映：其丈夫在新塘安置房工地打工，因讨薪与项目管理人员发生推搡，现工人情绪激动，扬言要“讨个说法”，请求相关部门到场处置。"),
    ("微博", "萧山新塘工地讨薪的事有人管吗？工人都在门口坐了三天了，有的人说不给钱就睡在工地不走了。"),
    ("留言板", "新塘安置房工地的电工班组反映：我们6个人的工资也没发，一共十二万多，之前只统计了木工和钢筋工，请把我们也算进去。"),
    ("12345热线", "市民来电反映：新塘街道安置房工地欠薪问题，工人已连续多日聚集，今天有人拉横幅到了马路边，影响交通，请求尽快协调解决。"),
    ("留言板", "作为新塘安置房的未来住户，看到工地因为欠薪停工了，担心交房又要推迟。希望政府尽快解决工人工资，让工程早日复工。"),
]

# (b) property-management burst: 余杭区, 2025-04-14 .. 2025-04-20 (days 44-50), one estate.
PROP_ESTATE = "良渚街道璟湖苑"
PROP_POSTS = [
    ("12345热线", "市民来电反映：良渚街道璟湖苑小区从昨天早上开始停水，物业说是二次供水水泵坏了，没说什么时候修好，家里有老人小孩，生活很不方便。"),
    ("留言板", "璟湖苑停水第二天了！物业群里一句话“抢修中”就没下文，上班前连脸都洗不了，这个物业到底在干什么？"),
    ("微博", "良渚璟湖苑停水两天了，整个小区的人都在超市抢矿泉水，物业办公室门都关着。@余杭发布 管不管？"),
    ("12345热线", "来电人反映：余杭区良渚璟湖苑7幢电梯故障，其母亲被困电梯内约四十分钟，物业人员迟迟未到，最后是消防救出的。要求彻查电梯维保问题。"),
    ("留言板", "璟湖苑的电梯这个月已经坏了第三次了，今天又有人被困。小区才交付五年，电梯维保到底有没有在做？请市场监管部门查一查维保单位。"),
    ("12345热线", "市民来电反映：璟湖苑小区停水第三天，物业仅在大门口放了一个临时水箱，高层住户提水上楼很困难，电梯又坏了，要求物业尽快恢复供水。"),
    ("留言板", "关于璟湖苑物业不作为的投诉：停水三天、电梯困人、保安不在岗，打物业电话永远占线。业主们要求更换物业公司，请街道指导业委会改选。"),
    ("微博", "住在良渚璟湖苑，停水停到现在，电梯也是坏的，18楼天天爬楼梯，孕妇伤不起。"),
    ("12345热线", "来电人反映：良渚璟湖苑停水期间，物业送水车只到一期，二期三期没有，业主在物业办公室聚集讨说法，请街道派人协调。"),
    ("留言板", "璟湖苑停水问题：物业说水泵配件要从厂家调货，最快周五到。请问难道没有应急预案吗？这么大的小区几千人就干等着？"),
    ("12345热线", "市民来电反映：璟湖苑今天下午恢复供水，但水是黄的，不敢饮用，要求物业清洗二次供水水箱并出具水质检测报告。"),
    ("留言板", "璟湖苑2幢电梯停运一周了，物业贴通知说要动用维修资金，需要业主签字表决。老人天天爬楼，请问紧急情况下能不能先修？"),
    ("微博", "我们小区（璟湖苑）业主今晚在物业门口讨说法，物业经理一直不出面。停水、电梯、保洁全出问题，一年物业费三千多交了个寂寞。"),
    ("12345热线", "来电人反映：良渚璟湖苑物业在业主群内称，欠缴物业费的业主暂不安排送水上门，来电人认为物业此举不妥，要求处理。"),
    ("留言板", "强烈要求对璟湖苑物业进行约谈！这一周小区停水三天，电梯困人两次，物业没有任何书面说明和赔偿方案。"),
    ("12345热线", "市民来电反映：璟湖苑恢复供水后，3幢高层仍然水压不足，十楼以上基本没水，物业称在排查，请督促尽快解决。"),
    ("留言板", "璟湖苑业主代表：我们几位业主整理了停水、电梯故障的时间和照片，希望街道组织物业、业委会和业主代表开个协调会，不想把事情闹大。"),
    ("微博", "良渚璟湖苑水终于来了，但电梯还是坏的，物业的道歉信写得轻飘飘，看看后面怎么整改吧。"),
]

# (c) coordinated near-identical complaints: 环境污染, 临平区, 2025-05-06 .. 2025-05-12 (days 66-72).
ENV_DUP = "临平区星桥街道附近的沥青搅拌站每天晚上{t}开始排放刺鼻的沥青味，{c}的居民根本不敢开窗，{x}，强烈要求环保部门查处，还我们清新空气！"
ENV_T = ["9点", "10点", "9点多", "11点", "10点左右", "晚上9点", "8点半", "10点", "9点", "10点多", "11点左右", "9点半"]
ENV_C = ["星桥花园", "枫林苑", "星桥花园", "锦苑", "运河名苑", "星桥花园", "丰乐苑", "枫林苑", "锦苑", "星桥花园", "嘉禾园", "丰乐苑"]
ENV_X = ["孩子半夜咳醒", "老人头晕恶心", "孩子一直咳嗽", "家里老人喘不上气", "孩子咳嗽不停", "晚上根本睡不着",
         "孩子咳嗽不停", "嗓子疼了好几天", "老人孩子都受不了", "孩子一直咳嗽", "晚上睡不着觉", "孩子鼻炎犯了"]

# (d) repeat parties outside the bursts.
ZHOU_POSTS = [  # 周美华 13800005678, 拱墅区 — also the applicant in dossier med-003 (2025-04-18)
    (4, "12345热线", "市民周美华来电（13800005678）：其住拱墅区米市巷街道某小区5幢301室，楼上401室漏水，卫生间和厨房顶部一直滴水，与楼上住户沟通，对方不让进门检查，要求协调处理。"),
    (18, "12345热线", "周美华再次来电（13800005678）反映楼上漏水问题，称两周前反映后社区来过一次，楼上仍不配合，墙面已经发霉，地板起翘。"),
    (32, "留言板", "我家（米市巷5幢301）楼上漏水几个月了没人管，社区、物业都说要楼上同意才能查。我打了好几次12345，如果再不解决就找媒体曝光。周女士 13800005678"),
    (41, "微博", "楼上漏水两个多月，天花板都塌了一块，找了社区、物业、热线，没人能让楼上开门。杭州拱墅米市巷，求助！（周美华）"),
]
WU_POSTS = [  # 吴卫国 13600009911, 滨江区, prepaid gym card — the same person by name, phone and ID number
    (33, "12345热线", "市民吴卫国来电（13600009911）：其在滨江区长河街道一家健身房办理年卡，剩余4800元，健身房突然闭店，老板联系不上，要求退款。"),
    (46, "留言板", "长河那家健身房跑路的事有进展吗？我是吴卫国，身份证{idc}，电话13600009911，卡里还有4800元，已经登记过了，一直没有回音。"),
    (68, "12345热线", "吴卫国来电（13600009911）第三次反映长河街道健身房闭店退款问题，称已有六十多名会员登记，要求告知处理进度。"),
]

RISK_PLACED = [  # (type, index of the problem in BANK[type], kind, index of the cue) — each cue fits its problem
    ("征地拆迁", 4, "positive", 5), ("物业", 4, "positive", 3), ("邻里", 5, "positive", 0), ("借贷", 4, "positive", 1),
    ("婚姻家庭", 3, "positive", 2), ("劳动争议", 0, "positive", 4),
    ("征地拆迁", 1, "negated", 0), ("物业", 0, "negated", 1), ("环境污染", 0, "negated", 2), ("劳动争议", 1, "negated", 3),
    ("消费", 0, "negated", 4), ("山林土地", 2, "negated", 5),
    ("征地拆迁", 0, "hypothetical", 0), ("物业", 2, "hypothetical", 1), ("劳动争议", 2, "hypothetical", 2),
    ("消费", 4, "hypothetical", 3), ("医疗", 4, "hypothetical", 4),
]
RISK_TEXT = {"positive": RISK_POSITIVE, "negated": RISK_NEGATED, "hypothetical": RISK_HYPOTHETICAL}
INJECTED_CUES = ["扬言", "拉横幅", "聚集", "堵路", "上访", "爬到塔吊"]
# Districts and date windows reserved for the injected patterns: background posts of that type avoid them.
INJECTED = [("劳动争议", "萧山区", 19, 25), ("物业", "余杭区", 44, 50), ("环境污染", "临平区", 66, 72)]


def _background_text(rng, dtype: str, district: str, channel: str, cue: str | None, case: int | None = None) -> str:
    cases, asks = BANK[dtype]
    street, comm = rng.choice(DISTRICT_STREETS[district]), rng.choice(COMMUNITIES)
    if dtype in RURAL_TYPES:
        where = rng.choice([f"{district}{street}", f"{street}", f"{street}某村", ""])
    elif dtype in LOCAL_TYPES:
        where = rng.choice([f"{street}{comm}", f"{district}{street}", f"{comm}小区", f"{street}", ""])
    else:  # matters not tied to where the writer lives
        where = rng.choice([f"{district}{street}", f"家住{street}", "", ""])
    problem, details = cases[case] if case is not None else rng.choice(cases)
    problem = _fill(rng, problem, district)
    detail = _fill(rng, rng.choice(details), district)
    ask = _fill(rng, rng.choice(asks), district)
    opener = _fill(rng, rng.choice(OPENERS[channel]), district)
    if "居民" in opener:
        where = ""
    if where.endswith("小区") and problem.startswith("小区"):
        problem = problem[2:]
    sep = "，" if where and not where.endswith("小区") else ""
    lead = f"{where}{sep}" if where else ""
    middle = f"{problem}，{detail}。" if rng.random() < 0.7 else f"{problem}。{detail}。"
    risk = f"{cue}。" if cue else ""
    if channel == "12345热线":
        female = any(w in problem + detail + (cue or "") for w in ("老公", "前夫", "婆婆", "我妈"))
        who = rng.choice(SURNAMES) + rng.choice(["女士", "阿姨"] if female else ["先生", "女士", "师傅", "阿姨"])
        return f"市民{who}来电：{lead}{middle}{risk}{ask}"
    if channel == "微博":
        ask = rng.choice([ask, "", "气死了。", "有人管吗？"])
    return f"{opener}{lead}{middle}{risk}{ask}"


def make_posts(seed: int = POST_SEED):
    """Return (posts, answers): the post stream and the known answers for docs/samples.md."""
    import datetime as dt
    import random

    rng = random.Random(seed)
    start = dt.date.fromisoformat(POST_START)
    day = lambda i: (start + dt.timedelta(days=i)).isoformat()  # noqa: E731
    items = []  # (day index, district, channel, text, title, type, tags)

    def add(i, district, channel, text, dtype, tags, title=None):
        items.append(dict(i=i, district=district, channel=channel, text=text, type=dtype, tags=set(tags), title=title))

    # (a) wage burst, 萧山区 days 19-25
    for k, (t, x) in enumerate(zip(WAGE_DUP_T, WAGE_DUP_X)):
        ch = rng.choice(["留言板", "微博", "留言板"])
        add(19 + k % 7, "萧山区", ch, WAGE_DUP.format(s="新塘街道" if k % 2 else "新塘", t=t, x=x),
            "劳动争议", {"burst_a", "dup_a", "coordinated"})
    for i, (ch, text) in zip([20, 22, 24], WAGE_LIU):
        add(i, "萧山区", ch, text, "劳动争议", {"burst_a", "repeat_liu"})

    for k, (ch, text) in enumerate(WAGE_OTHER):
        add(19 + (k * 3) % 7, "萧山区", ch, text, "劳动争议", {"burst_a"})
    # (b) property burst, 余杭区 days 44-50
    prop_days = [44, 45, 45, 45, 46, 46, 46, 46, 47, 47, 47, 48, 48, 48, 49, 49, 50, 50]
    for i, (ch, text) in zip(prop_days, PROP_POSTS):
        add(i, "余杭区", ch, text, "物业", {"burst_b"})
    # (c) coordinated environmental complaints, 临平区 days 66-72
    for k in range(12):
        ch = rng.choice(["留言板", "12345热线", "留言板", "微博"])
        text = ENV_DUP.format(t=ENV_T[k], c=ENV_C[k], x=ENV_X[k])
        if ch == "12345热线":
            text = "市民来电：" + text
        add(66 + (k * 5) % 7, "临平区", ch, text, "环境污染", {"cluster_c", "coordinated"})
    # (d) repeat parties
    for i, ch, text in ZHOU_POSTS:
        add(i, "拱墅区", ch, text, "邻里", {"repeat_zhou"})
    for i, ch, text in WU_POSTS:
        add(i, "滨江区", ch, text.format(idc=id_card("330108", "19820315", "999")), "消费", {"repeat_wu"})

    # risk tags of the hand-written injected posts: a cue stated before any "如果" is real (positive);
    # a "如果" clause with no real cue before it is hypothetical
    for it in items:
        before = it["text"].split("如果", 1)[0]
        if any(c in before for c in INJECTED_CUES):
            it["tags"].add("risk_positive")
        elif "如果" in it["text"]:
            it["tags"].add("risk_hypothetical")

    # (e) background, with hand-placed positive / negated / hypothetical cues
    n_background = 300 - len(items)
    types, weights = zip(*TYPE_WEIGHTS.items())
    districts = list(DISTRICT_STREETS)
    plan = [(t, case, kind, RISK_TEXT[kind][j]) for t, case, kind, j in RISK_PLACED]
    plan += [(None, None, None, None)] * (n_background - len(plan))
    rng.shuffle(plan)
    shingles = [_shingles(it["text"]) for it in items]
    cell_days: dict[tuple, list[int]] = {}
    for t, case, kind, cue in plan:
        for _attempt in range(200):
            dtype = t or rng.choices(types, weights)[0]
            district = rng.choice(RURAL_DISTRICTS if dtype in RURAL_TYPES else districts)
            i = rng.randrange(POST_DAYS)
            if any(dtype == a and district == b and lo - 7 <= i <= hi + 7 for a, b, lo, hi in INJECTED):
                continue
            near = [j for j in cell_days.get((dtype, district), []) if abs(j - i) <= 10]
            if near:  # keep the background flat: no two posts of one type in one district within 10 days
                continue
            channel = rng.choices(["12345热线", "留言板", "微博"], [5, 4, 2])[0]
            text = _background_text(rng, dtype, district, channel, cue, case)
            if not 30 <= len(text) <= 200:
                continue
            sh = _shingles(text)
            if any(_jaccard(sh, o) > 0.35 for o in shingles):
                continue
            break
        else:
            raise RuntimeError("could not place a background post; loosen the constraints")
        shingles.append(sh)
        cell_days.setdefault((dtype, district), []).append(i)
        tags = {"background"} | ({f"risk_{kind}"} if kind else set())
        add(i, district, channel, text, dtype, tags)

    # order by day, then assign ids; titles for message-board posts; replies for some
    rng.shuffle(items)
    items.sort(key=lambda it: it["i"])
    posts, answers = [], {"types": {}, "tags": {}}
    for n, it in enumerate(items, 1):
        pid = f"post-{n:04d}"
        street = next((s for s in DISTRICT_STREETS[it["district"]] if s in it["text"]), None) or rng.choice(DISTRICT_STREETS[it["district"]])
        post = {"id": pid, "date": day(it["i"]), "district": it["district"], "channel": it["channel"]}
        if it["channel"] == "留言板":
            post["title"] = rng.choice([f"关于{street}{TOPIC[it['type']]}问题的反映", f"{TOPIC[it['type']]}求助",
                                        f"{it['district']}{TOPIC[it['type']]}问题", f"请求解决{TOPIC[it['type']]}问题"])
        post["text"] = it["text"]
        if it["channel"] != "微博" and rng.random() < 0.3:
            post["reply"] = rng.choice(REPLIES).format(s=f"{it['district']}{street}")
        post["synthetic"] = True
        posts.append(post)
        answers["types"][pid] = it["type"]
        answers["tags"][pid] = sorted(it["tags"])
    return posts, answers


def write_posts(out: Path = DATA) -> int:
    import json

    posts, answers = make_posts()
    with open(out / "posts.jsonl", "w", encoding="utf-8") as fh:
        for p in posts:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    by_tag: dict[str, list[str]] = {}
    for pid, tags in answers["tags"].items():
        for t in tags:
            by_tag.setdefault(t, []).append(pid)
    key = {
        "city": CITY, "start": POST_START, "days": POST_DAYS, "seed": POST_SEED,
        "bursts": [
            {"pattern": "a", "type": "劳动争议", "district": "萧山区", "start": "2025-03-20", "end": "2025-03-26",
             "ids": by_tag["burst_a"], "what": "wage arrears at one construction site (新塘街道安置房工地)"},
            {"pattern": "b", "type": "物业", "district": "余杭区", "start": "2025-04-14", "end": "2025-04-20",
             "ids": by_tag["burst_b"], "what": "water outage and lift failures at one estate (良渚街道璟湖苑)"},
            {"pattern": "c", "type": "环境污染", "district": "临平区", "start": "2025-05-06", "end": "2025-05-12",
             "ids": by_tag["cluster_c"], "what": "coordinated complaints about an asphalt plant (星桥街道)"},
        ],
        "clusters": [
            {"pattern": "a", "ids": by_tag["dup_a"], "what": "near-identical wage-arrears posts (one template, small edits)"},
            {"pattern": "c", "ids": by_tag["cluster_c"], "what": "near-identical asphalt-odour complaints"},
        ],
        "repeat_parties": [
            {"name": "周美华", "phone": "13800005678", "ids": by_tag["repeat_zhou"], "dossier": "med-003"},
            {"name": "刘长青", "phone": "13700002468", "ids": by_tag["repeat_liu"], "dossier": "med-015"},
            {"name": "吴卫国", "phone": "13600009911", "id_card": id_card("330108", "19820315", "999"), "ids": by_tag["repeat_wu"]},
        ],
        "risk": {k: by_tag.get(f"risk_{k}", []) for k in ("positive", "negated", "hypothetical")},
        "types": answers["types"],
    }
    (out / "posts_answers.json").write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(posts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["laws", "retext", "check", "posts", "all"])
    ap.add_argument("--show", action="store_true", help="check: print each cited article")
    args = ap.parse_args(argv)
    if args.step in ("laws", "all"):
        n = copy_laws()
        print(f"copied {n} law texts to {LAWS_OUT.relative_to(ROOT)}")
    if args.step in ("retext", "all"):
        print(f"recomposed the text of {retext()} dossiers")
    if args.step in ("check", "all"):
        problems = check_dossiers(show=args.show)
        for p in problems:
            print(p)
        if problems:
            return 1
        print("all dossier citations found in the bundled law texts")
    if args.step in ("posts", "all"):
        print(f"wrote {write_posts()} posts and posts_answers.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
