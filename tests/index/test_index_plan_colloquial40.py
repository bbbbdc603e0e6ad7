"""Mediation plans for 40 colloquial disputes written with answer keys before the plan was run
(tests/fixtures/index/colloquial_disputes_40.jsonl), and the defects they showed, one test each."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi.index.plan import _rule_facts, topics_of

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "index" / "colloquial_disputes_40.jsonl"


def _sums(text):
    return [(a["text"], a["value"]) for a in _rule_facts(text)["amounts"]]


def _parties(text):
    return [p["text"] for p in _rule_facts(text)["parties"]]


@pytest.mark.parametrize("text,expected", [
    # a sum typed in 万 as chats do needs no paying word, like 3.5万 (before: 一人出了3.5w gave nothing)
    ("我跟朋友合伙开奶茶店，一人出了3.5w", [("3.5w", 35000.0)]),
    ("我当时自己花了1.5w装修", [("1.5w", 15000.0)]),
    # 网贷 / 网购 after a sum is what the money went to (before: 二十多万网贷 was no sum)
    ("老公瞒着我借了二十多万网贷", [("二十多万", 200000.0)]),
    # a sum before 一张 / 一节 (what it buys): 年卡3680一张 (before: no sum)
    ("去年底办的年卡3680一张，私教课6000块", [("3680", 3680.0), ("6000块", 6000.0)]),
    # a price raised is a price (涨到300)
    ("车位原来一个月150，物业今年突然涨到300", [("150", 150.0), ("300", 300.0)]),
    # 一块 after living or being together is "together", not one yuan
    ("我们没领证也没住一块，订婚宴还花了一万多", [("一万多", 10000.0)]),
    ("两个人在一块三年了", []),
])
def test_colloquial_sums_of_the_40(text, expected):
    assert _sums(text) == expected


@pytest.mark.parametrize("text,bounds", [
    # 小一万 / 小两千 are just under the sum (before: exactly 10,000), not 大小 or 从小
    ("修车花了小一万", ("小一万", None, 10000.0)),
    ("修车花了小两千", ("小两千", None, 2000.0)),
    ("大小两千块的东西", ("两千块", 2000.0, 2000.0)),
])
def test_just_under_a_sum(text, bounds):
    [a] = _rule_facts(text)["amounts"]
    assert (a["text"], a["low"], a["high"]) == bounds


@pytest.mark.parametrize("text", ["5W的灯泡", "给了他一块钱"])
def test_watts_and_one_yuan_stay_as_they_were(text):
    # a bare upper-case W is also watts; 一块钱 is one yuan
    assert _sums(text) == ([] if "W" in text else [("一块钱", 1.0)])


@pytest.mark.parametrize("text,must,must_not", [
    # step-parent, grandparents, uncles (before: 后妈, 小叔 and 奶奶 were no parties)
    ("我后妈说房子是她跟我爸婚后盖的", {"后妈", "我爸"}, set()),
    ("奶奶生前留了份遗嘱，说老宅给小叔", {"奶奶", "小叔"}, set()),
    # siblings by birth order; not 老大不小了
    ("老大老二说就该老三养", {"老大", "老二", "老三"}, set()),
    ("他年纪老大不小了", set(), {"老大"}),
    # the village's officer, a rider, a platform, a courier's station, a client, a creditor, a teacher
    ("村主任说是村民代表大会定的", {"村主任"}, set()),
    ("骑手说他是给平台跑单的", {"骑手", "平台"}, set()),
    ("快递点说是放驿站被人冒领了，客户说没收到", {"快递点", "驿站", "客户"}, {"放驿站"}),
    ("现在债主天天上门要钱", {"债主"}, set()),
    ("体育老师当时不在边上", {"老师"}, set()),
    ("在一家医美机构割了双眼皮", {"医美机构"}, set()),
    # a bank one keeps money in is a place, not a party (before: 留下老家一套房和银行)
    ("留下老家一套房和银行里三十来万存款", set(), {"银行", "留下老家一套房和银行"}),
    # the partner before the shop they opened (before: 朋友合伙开奶茶店 was one party)
    ("我跟朋友合伙开奶茶店", {"朋友"}, {"朋友合伙开奶茶店"}),
    # a factory building is no party (before: 镇上一个厂)
    ("在镇上一个厂房工地干活，总包是县里的一家建筑公司", {"建筑公司"}, {"镇上一个厂", "厂"}),
    # the village as a mediator stays out (村里调过); the village acting is in (村里重新调地)
    ("村里调过一回也没用", set(), {"村里"}),
    # what happened before 物业 is no part of a firm's name (before: 楼上漏水物业); a name stays
    ("楼上漏水物业不管，电梯三天两头坏", {"物业"}, {"楼上漏水物业"}),
    ("万科物业拖着不修", {"万科物业"}, set()),
    # beyond the 40: an elderly parent's family, the neighbour by where they live (not 住在隔壁), a driving school
    ("儿媳妇把我赶出来了，房子是我和老伴的，儿子也不管我", {"儿媳", "老伴", "儿子"}, set()),
    ("隔壁装修把我家墙打穿了一个洞", {"隔壁"}, set()),
    ("我住在隔壁，听见他们吵架", set(), {"隔壁"}),
    ("在驾校报名交了4800，教练老是让送烟", {"驾校", "教练"}, set()),
    # what happened is no part of an organisation's name (before: 孩子黄疸没发现送医院); a name stays
    ("孩子黄疸没发现送医院晚了", {"医院"}, {"孩子黄疸没发现送医院"}),
    ("我在不锈钢厂上班，县人民医院说不是他们的责任", {"不锈钢厂", "县人民医院"}, set()),
    ("我在阳台的平台上晒被子", set(), {"平台"}),  # a platform as a place, not the platform company
    ("今年村里重新调地，把我那份收回了", {"村里"}, set()),
])
def test_colloquial_parties_of_the_40(text, must, must_not):
    got = set(_parties(text))
    assert must <= got, got
    assert not (must_not & got), got


@pytest.mark.parametrize("text,must,must_not", [
    # 分家 among the living is a division of co-owned property, not an inheritance (before: 继承 and its
    # 第一千一百二十七条 for a family whose parents live); a division long past is background
    ("兄弟三个要分家，老宅是爹妈盖的，爹妈都还在世", "分家析产", "继承"),
    ("老大老二说当年分家时房子给了老三，就该老三赡养", "赡养", "分家析产"),
    ("我爸去世了，兄弟几个闹着分家", "继承", None),
    # 赡养 as rural families say it
    ("俺爹娘都七十多了，两个哥哥在城里买了房就不回来了，一年到头不给一分钱", "赡养", None),
    # a dog named by its breed, a rabies shot
    ("3楼那家的泰迪突然冲过来咬了我小腿一口", "饲养动物", None),
    ("打狂犬疫苗加破伤风一共花了一千二", "饲养动物", None),
    # renovation noise without the word 噪音
    ("对门装修天天早上7点不到就开始电钻，周末也不停", "噪声", None),
    # a forklift at work is no road accident (before: 道路交通安全法 第七十六条 in a 工伤 plan)
    ("卸货的时候被叉车撞了，脚踝骨折，公司说不算工伤", "工伤", "交通事故"),
    # 还没离婚 is not a divorce
    ("债主说是夫妻共同债务要我一起还，我们还没离婚", "夫妻债务", "离婚"),
    ("体育课跳山羊的时候摔下来胳膊骨折了", "校园伤害", None),
    ("我女儿在学校被同班一个男生用凳子砸了头", "校园伤害", None),
    ("跟着包工头在工地干了大半年，工钱一共四万六，只给了一万", "农民工工资", None),
    ("今年他家请人砍树，把沟这边我家的二十多棵杉树也砍了，说那片山林是他家的", "林地", None),
    ("隔壁在屋后搞了个养猪场，猪粪直接往沟里排", "养殖污染", None),
    ("承包地流转给合作社，说好每亩每年800块流转费", "土地流转", None),
    ("点了份外卖，吃出一根钢丝", "食品安全", None),
    ("超市买的面包回家一看发霉了", "食品安全", None),
    ("买的牛奶过期了还在卖，孩子喝了拉肚子", "食品安全", None),
    # 发霉 / 变质 / 异物 of no food: a leak's mouldy ceiling is a neighbour case (web.md's example got 食品安全法)
    ("楼上邻居家卫生间漏水，我家天花板发霉，找他好几次都不管", None, "食品安全"),
    ("眼睛里进了异物，去医院看了花了三百", None, "食品安全"),
    ("在一家医美机构割了双眼皮，一只大一只小", "医疗美容", None),
    ("快递显示签收了但客户说没收到，快递点说被人冒领了", "快递运输", None),
    ("我老公在一家物流公司做搬运", None, "快递运输"),
    ("小区地面车位原来一个月150，物业今年涨到300", "停车", None),
    ("我跟朋友合伙开奶茶店，亏了他要散伙", "合伙", None),
    ("找同村人借了5万，他说月息5分", "高息", None),
    ("老刘把路口砌了围墙，我家三轮车都出不去了", "相邻通行", None),
    ("前面那户加到四层，冬天一点太阳都晒不到", "采光日照", None),
    # words the new cues must not take for their topics, found on descriptions beyond the 40
    ("邻居砍了我家门口的树，说挡他家光线了", "采光日照", "林地"),
    ("租的房子厨房通风不好，房东不给修", "租赁", "采光日照"),
    ("我借给合伙人5万块钱，他不还", "借款", "合伙"),
    ("楼下烧烤店油烟太大，晚上吵到两三点", "噪声", None),
    # support as the parent tells it
    ("儿媳妇把我赶出来了，房子是我和老伴的，现在老伴走了，儿子也不管我", "赡养", None),
    # a developer's late handover is a contract's breach (before: only the 物业费 it offered, 942/944)
    ("开发商交房晚了八个月，合同上写了违约金，现在开发商只肯送两年物业费", "逾期交房", None),
    # a car backing out of a space is a road accident, not a parking fee (before: 停车, 275/276)
    ("在小区倒车出车位的时候把旁边的车刮了，对方要我赔三千", "交通事故", "停车"),
    ("快递员把我的快递扔在门口被偷了", "快递运输", None),
    ("车位占用及充电桩安装纠纷调解案", "停车", None),  # a dossier's title
])
def test_topics_of_the_40(text, must, must_not):
    got = topics_of(text)
    assert must is None or must in got, got
    assert must_not is None or must_not not in got, got


# -- the 40 on a workspace as `fazhi demo` builds it: the 60 bundled dossiers, the bundled law registry --

def _cases():
    return [json.loads(x) for x in FIXTURE.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_fixture_is_40_new_disputes_with_keys():
    cases = _cases()
    assert len(cases) == 40 and len({c["id"] for c in cases}) == 40 and len({c["text"] for c in cases}) == 40
    for c in cases:
        assert 2 <= c["text"].count("。") + c["text"].count("！") + c["text"].count("？") <= 8, c["id"]
        assert c["types"] and c["governing"], c["id"]


def _has(plan, cite):
    law, art = cite.split("|")
    return any(p["article"] == int(art) and law in p["law"] and p["status"] == "有效"
               for p in plan["provisions"])


def test_plans_of_the_40(demo_ws):
    # the figures of docs/benchmarks/retrieval.md (plans of colloquial disputes): after the fixes every
    # plan names a governing article and no wrong one, and reads the parties and sums of the key; the dispute
    # type is the classifier's (being retrained elsewhere) and is not asserted here
    from fazhi.index.hybrid import open_index
    from fazhi.index.plan import make_plan

    idx = open_index(demo_ws)
    misses = []
    for c in _cases():
        p = make_plan(c["text"], demo_ws, index=idx)
        if not any(_has(p, g) for g in c["governing"]):
            misses.append((c["id"], "governing", [x["citation"] for x in p["provisions"]]))
        wrong = [g for g in c["wrong"] if _has(p, g)] + \
            [x["citation"] for x in p["provisions"] if x["status"] != "有效"]
        if wrong:
            misses.append((c["id"], "wrong law", wrong))
        names = [x["text"] for x in p["parties"]]
        if not all(any(w in n or n in w for n in names) for w in c["parties"]):
            misses.append((c["id"], "parties", names))
        for v in c["amounts"]:
            if not any((a["low"] if a["low"] is not None else a["value"]) <= v
                       <= (a["high"] if a["high"] is not None else float("inf")) for a in p["amounts"]):
                misses.append((c["id"], "amount", v, [a["text"] for a in p["amounts"]]))
        if c["similar"] and not any(s["doc_id"] in c["similar"] for s in p["similar_cases"]):
            misses.append((c["id"], "similar", [s["doc_id"] for s in p["similar_cases"]]))
        assert p["steps"] and all(s["source"] for s in p["steps"]) and all(r["source"] for r in p["risks"])
    assert not misses, misses


def test_a_case_about_the_same_topic_and_another_lends_only_the_shared_topics_law(demo_ws):
    # med-012 (兄弟分家房屋继承纠纷) is about 分家 and 继承: for brothers dividing a house while their parents
    # live it lends the co-ownership articles, not the inheritance ones it cites (before: 第一千一百二十七条 and
    # 第一千一百三十条 came with it)
    from fazhi.index.plan import make_plan

    p = make_plan("兄弟三个要分家，老宅是爹妈八几年盖的，后来老二出钱翻盖了二层，现在老二说二楼全归他。爹妈都还在世。",
                  demo_ws)
    assert "med-012" in [c["doc_id"] for c in p["similar_cases"]]
    arts = {x["article"] for x in p["provisions"] if x["law"] == "中华人民共和国民法典"}
    assert {303, 309} <= arts and not ({1123, 1127, 1130} & arts), sorted(arts)
    # an inheritance still takes them from the same dossier
    p = make_plan("我爸去世了，留下一套房子没立遗嘱，哥哥要全占，我们姐妹不同意", demo_ws)
    assert {1127, 1130} <= {x["article"] for x in p["provisions"] if x["law"] == "中华人民共和国民法典"}


def test_the_types_law_when_the_registry_confirms_none_of_the_topics(tmp_path, demo_ws):
    # a registry holding the 劳动合同法 but neither the 工伤保险条例 nor the 社会保险法: a 工伤 plan offered no
    # substantive law of its own (typical law the registry cannot confirm is left out); now the type's
    from click.testing import CliRunner

    from fazhi.cli import cli
    from fazhi.corpora.samples import sample_paths
    from fazhi.index.hybrid import open_index
    from fazhi.index.plan import make_plan
    from fazhi.workspace import Workspace

    laws, _kind = sample_paths()["laws"]
    w = Workspace(tmp_path / "w")
    [f] = (laws / "社会法").glob("劳动合同法*.md")
    r = CliRunner().invoke(cli, ["--home", str(w.home), "graph", "build", str(f)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    p = make_plan("在厂里上班被机器压断手指，厂里没给买社保，不给认工伤", w, index=open_index(demo_ws))
    typical = [x for x in p["provisions"] if any(s.startswith("typical for 劳动争议") for s in x["sources"])]
    assert any(x["citation"].endswith("第三十条") and x["law"].endswith("劳动合同法") for x in typical), \
        [(x["citation"], x["source"]) for x in p["provisions"]]
    assert all(x["status"] == "有效" for x in typical)


def _steps(p):
    return " ".join(s["step"] + " " + s["source"] for s in p["steps"])


def _risks(p):
    return " ".join(r["risk"] for r in p["risks"])


@pytest.mark.parametrize("text,must,must_not", [
    # a neighbour's renovation that leaks into one's home is a neighbours' matter, not one's own contract with
    # the contractor (before: 核对装修合同 ... 拒付尾款 steps and risks)
    ("楼上新买的房子在装修，把卫生间防水层砸坏了，我家卫生间顶上一直往下滴水。装修队说是老房子本来就漏，楼上业主也不露面。",
     ["相邻关系"], ["装修合同", "尾款"]),
    # one's own contractor still is
    ("装修队干了一半不干了，预付的3万要不回来", ["装修合同"], ["相邻关系"]),
    # a lost parcel: the carrier's liability, not a purchase's receipts and a prepaid card's collapse
    ("上周寄了一箱茶叶给客户，快递显示签收了但客户说根本没收到，快递点说被人冒领了，寄的时候没保价。",
     ["第八百三十二条", "第八百三十三条"], ["预付卡", "购买凭证"]),
    # a takeaway's foreign body: no prepaid-card risk as the type's only warning
    ("点了份外卖吃出一根钢丝，商家只肯退餐费38块，平台说让我们自己协商。", ["退款"], ["预付卡、培训机构跑路等涉众纠纷"]),
    # support after a divorce long done: the child's steps, not dividing a couple's property or 家暴
    ("离婚三年了，孩子跟我，前夫说好每月给1500抚养费，从去年下半年开始就不给了。", ["第一千零八十五条", "探望"],
     ["夫妻共同财产", "家庭暴力"]),
    # a spouse's gambling debt: the common-debt steps, not custody and divorce
    ("老公瞒着我在外面借了二十多万网贷，拿去赌博输光了，债主说是夫妻共同债务要我一起还，我们还没离婚。",
     ["第一千零六十四条", "赌博"], ["抚养", "夫妻共同财产与个人财产", "家庭暴力"]),
])
def test_steps_and_risks_of_the_40(demo_ws, text, must, must_not):
    from fazhi.index.plan import make_plan

    p = make_plan(text, demo_ws)
    got = _steps(p) + " " + _risks(p)
    for w in must:
        assert w in got, (w, got)
    for w in must_not:
        assert w not in got, (w, got)


def test_violence_warning_stays_beside_a_childs_steps(demo_ws):
    # divorce, violence and a child: the child's topic has its own steps, and the warning of violence (a risk of
    # the 婚姻家庭 type before topics had steps) stays with them
    from fazhi.index.plan import make_plan

    p = make_plan("老公家暴要离婚孩子归谁，孩子才3岁", demo_ws)
    assert "家庭暴力" in _risks(p) and "第一千零八十四条" in _steps(p) and "夫妻共同财产" in _steps(p)


def test_a_landlord_who_sells_the_flat(demo_ws):
    from fazhi.index.plan import make_plan

    p = make_plan("房东把房子卖了，让我月底前搬走，可租约还有8个月才到期。我当时自己花了1.5w装修。", demo_ws)
    assert 725 in {x["article"] for x in p["provisions"] if x["law"] == "中华人民共和国民法典"}


def test_cosmetic_surgery_is_a_medical_dispute_when_the_classifier_is_unsure(demo_ws):
    # 医疗美容 is medical treatment: with the classifier unsure (损害赔偿 at 15%) the plan took a fight's dossier
    # first; the topic's type 医疗 puts the medical dossiers first
    from fazhi.index.plan import make_plan

    p = make_plan("在一家医美机构割了双眼皮，花了一万二，做完两个月了一只大一只小，还留了疤。机构说是我自己恢复不好，"
                  "只同意免费修复，我不敢再让他们做了，想退钱加赔偿。", demo_ws)
    d = p["dispute_type"]
    if d["source"].startswith("fazhi.scan.classify") and (d["probability"] or 0) >= 0.5:
        pytest.skip(f"the classifier is sure: {d}")  # a sure classifier keeps its type
    assert d["type"] == "医疗", d
    assert p["similar_cases"][0]["dispute_type"] == "医疗", [c["title"] for c in p["similar_cases"]]
