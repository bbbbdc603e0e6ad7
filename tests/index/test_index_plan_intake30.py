"""Mediation plans for 30 formal intake documents (人民调解申请书, 调解受理登记表, 调查笔录; 10 with two disputes)
written with answer keys before the plan was run (tests/fixtures/index/intake_documents_30.jsonl,
benchmarks/plan_intake.py), and the defects they showed, one test each."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi.index.plan import _rule_facts, topics_of

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "index" / "intake_documents_30.jsonl"


def _roles(text):
    return [(p["text"], p["role"]) for p in _rule_facts(text)["parties"] if p["role"] != "mentioned"]


@pytest.mark.parametrize("text,expected", [
    # a co-respondent, a third party, the person heard in an 调查笔录 (before: 王立民 was 被申请人 only by the
    # accident that 共同被申请人 ends in it; 第三人 and 被调查人 had no role)
    ("共同被申请人：王立民，男，1968年9月出生", [("王立民", "共同被申请人")]),
    ("第三人：刘建军，男，1986年5月出生，系出借人。", [("刘建军", "第三人")]),
    ("被调查人：李小兵，男，1985年10月出生", [("李小兵", "被调查人")]),
    # a qualifier before the colon (before: no role for either side of a medical dispute)
    ("申请人（患方）：郑秀英，女。被申请人（医方）：宁波市鄞州区某某医院，地址：宁波市", [
        ("郑秀英", "申请人"), ("宁波市鄞州区某某医院", "被申请人")]),
    # who speaks for a minor, a client or a firm
    ("法定代理人：蒋军，男，系申请人之父", [("蒋军", "法定代理人")]),
    ("委托代理人：陈伟，男，系申请人之子", [("陈伟", "委托代理人")]),
    ("法定代表人：黄明，职务：执行董事", [("黄明", "法定代表人")]),
    # a firm's name longer than 20 characters is whole (before: cut at 苏州市中)
    ("第三人：中国人寿财产保险股份有限公司苏州市中心支公司，住所地苏州市工业园区",
     [("中国人寿财产保险股份有限公司苏州市中心支公司", "第三人")]),
    # a list of co-applicants: the first name, not the list
    ("共同申请人：黄国安、黄秀珍等同组村民十一户", [("黄国安", "共同申请人")]),
    # a registration table's fields (before: no role)
    ("申请人姓名：张建国　性别：男　年龄：56\n被申请人 名称：温州恒信鞋业有限公司", [
        ("张建国", "申请人"), ("温州恒信鞋业有限公司", "被申请人")]),
    # a role word with no colon after it is no role
    ("申请人要求：退还剩余会员费", []),
])
def test_roles_of_an_intake_form(text, expected):
    assert _roles(text) == expected


def _parties(text):
    return [p["text"] for p in _rule_facts(text)["parties"]]


@pytest.mark.parametrize("text,must,must_not", [
    # 某 before a place is "a certain", not a masked name (before: 道某, 区某, 镇某, 为某)
    ("住杭州市拱墅区米市巷街道某小区5幢302室", set(), {"道某"}),
    ("住所地成都市武侯区簇桥街道某路188号", set(), {"道某"}),
    ("住绵阳市涪城区青义镇某村五组", set(), {"镇某"}),
    ("住上海市闵行区七宝镇某花园18号", set(), {"镇某"}),
    ("被告张某某欠款不还，李某说他知道", {"张某某", "李某"}, set()),
    # a shop or a factory in a place's name (before: 现住嘉兴市秀洲区王店, 住海门区三厂, 平桥区五里店)
    ("现住嘉兴市秀洲区王店镇某出租屋", set(), {"现住嘉兴市秀洲区王店"}),
    ("住海门区三厂街道某小区7幢", set(), {"住海门区三厂"}),
    ("住址：河南省信阳市平桥区五里店街道赵湾村", set(), {"河南省信阳市平桥区五里店"}),
    # the words of a statement before an organisation (before: 申请人认为物业公司, 物业公司以立管维修需业主委员会)
    ("申请人认为物业公司未及时维修共用设施", {"物业公司"}, {"申请人认为物业公司"}),
    ("物业公司以立管维修需业主委员会动用维修资金为由拖延", {"物业公司", "业主委员会"},
     {"物业公司以立管维修需业主委员会"}),
    ("被申请人因经营建材店资金周转向申请人借款", set(), {"申请人因经营建材店"}),
    ("某村经济合作社", {"某村经济合作社"}, set()),  # 经济 is part of a name
    # a date's last character is no part of the name (before: 月火锅店)
    ("2023年12月火锅店停业", {"火锅店"}, {"月火锅店"}),
])
def test_parties_of_an_intake_form(text, must, must_not):
    got = set(_parties(text))
    assert must <= got, got
    assert not (must_not & got), got


def test_last_month_of_a_recurring_term_is_no_date():
    # 次月15日前结清上月货款 is each month's previous month (before: 上月 = the month before today)
    assert [d["text"] for d in _rule_facts("约定货到验收后次月15日前结清上月货款。")["dates"]] == []
    assert [d["text"] for d in _rule_facts("按月结算，每月底前结清上月的租金")["dates"]] == []
    # last month as such still is one
    assert [d["text"] for d in _rule_facts("上个月他借了我五千元")["dates"]] == ["上个月"]


@pytest.mark.parametrize("text,must,must_not", [
    # a worker falling from a scaffold is 工伤, not an object falling from a building (before: 民法典 1253/1254)
    ("申请人在工地绑扎钢筋时从二层脚手架坠落，致腰椎骨折", "工伤", "高空抛物坠物"),
    # a ceiling brought down by a leak is 漏水
    ("客厅及次卧顶部大面积渗水，吊顶脱落，经查系楼上排水立管破裂", "漏水", "高空抛物坠物"),
    # what falls from a building still is
    ("停放在楼下的轿车被楼上坠落的一块外墙瓷砖砸中", "高空抛物坠物", None),
    ("小区外墙瓷砖脱落砸坏了车", "高空抛物坠物", None),
    ("高空作业时从梯子上摔下来，工地不认工伤", "工伤", "高空抛物坠物"),
    # 尽了主要赡养义务 in an inheritance is a reason for a larger share, not a support dispute (before: 1067 first)
    ("母亲病故，未立遗嘱。申请人认为自己尽了主要赡养义务，应当多分遗产", "继承", "赡养"),
    ("三个子女都不尽赡养义务，老人要求给付赡养费", "赡养", None),
    # money borrowed to pay for treatment is no loan dispute (before: 民法典 667–679 in a 工伤 plan)
    ("剩下的23,400元是我自己借钱垫的", None, "借款"),
    # a spouse's debt as an intake form puts it (before: only the loan articles, no 第一千零六十四条)
    ("被申请人婚后以个人名义向刘建军借款十万元，用于赌博，申请人不知情", "夫妻债务", None),
    ("确认向刘建军所借十万元为被申请人个人债务", "夫妻债务", None),
    ("婚后双方共同偿还贷款本息约36万元", None, "夫妻债务"),  # a mortgage repaid together is no debt dispute
    # a forest's boundary is no 宅基地 (before: 民法典 362 and 土地管理法 62 for a 山场界线)
    ("确认双方山场界线；被申请人赔偿被砍林木损失", "林地", "宅基地"),
    ("宅基地东西相邻，新砌东墙越过界线", "宅基地", None),
    # 停工期间 has no 工期 (before: the 装修 contract's articles for an injured worker)
    ("再赔偿停工期间工资和伤残补助", None, "装修"),
    ("装修公司拖延工期三个月", "装修", None),
    # an address is no dispute (before: 现住…出租屋 made an injury a tenancy)
    ("被调查人：李小兵，男，现住嘉兴市秀洲区王店镇某出租屋。冲床把手指压断了，厂里不认工伤。", "工伤", "租赁"),
    ("我住院二十一天，房东把押金扣了", "租赁", None),  # 住院 is no address
    ("邻居老王，住对门的那家狗把我咬了", "饲养动物", None),  # a clause naming no place is read
    # goods not paid for: a sale's law (before: no topic, and the 合同 cases lent 722 on rent and 781 on work)
    ("双方签订《蔬菜购销合同》，被申请人尚欠货款捌万元", "货款", None),
    ("农村房屋买卖合同约定的价款一直没付清", None, "货款"),
])
def test_topics_of_intake_documents(text, must, must_not):
    got = topics_of(text)
    assert must is None or must in got, got
    assert must_not is None or must_not not in got, got


# -- the 30 on a workspace as `fazhi demo` builds it: the 60 bundled dossiers, the bundled law registry --

def _cases():
    return [json.loads(x) for x in FIXTURE.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_fixture_is_30_intake_documents_with_keys():
    cases = _cases()
    assert len(cases) == 30 and len({c["id"] for c in cases}) == 30
    assert sum(len(c["governing"]) > 1 for c in cases) == 10  # two disputes in one document
    for c in cases:
        assert "申请人" in c["text"] or "被调查人" in c["text"], c["id"]
        assert c["types"] and c["governing"] and c["parties"] and c["similar"], c["id"]


def test_plans_of_the_30(demo_ws, tmp_path):
    # the scoring of benchmarks/plan_intake.py, on `fazhi plan FILE --json` and `fazhi search`: after the fixes
    # every figure is 30 of 30 (first run: roles 22, dates 28, governing 29, no wrong law 29, first similar case
    # 29); the dispute type is the classifier's and is asserted by the benchmark, not here
    import sys

    from click.testing import CliRunner

    from fazhi.cli import cli

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from plan_intake import KEYS, score, summarise

    runner, rows = CliRunner(), []
    for c in _cases():
        f = tmp_path / f"{c['id']}.txt"
        f.write_text(c["text"], encoding="utf-8")
        r = runner.invoke(cli, ["--home", str(demo_ws.home), "plan", str(f), "--json"], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        s = runner.invoke(cli, ["--home", str(demo_ws.home), "search", c["text"], "-k", "5", "--json"],
                          catch_exceptions=False)
        assert s.exit_code == 0, s.output
        rows.append(score(c, json.loads(r.stdout), json.loads(s.stdout)["hits"], lambda law: True))
    summary = summarise(rows)
    bad = [(r["id"], [k for k in KEYS if k != "type_ok" and not r[k]], r["wrong"]) for r in rows
           if any(not r[k] for k in KEYS if k != "type_ok") or r["wrong"]]
    assert not bad, bad
    assert summary["dispute_groups_ok"] == summary["dispute_groups"] == 40


@pytest.mark.parametrize("cid,absent", [
    # a case sharing the dispute's topic does not lend the law only another topic has: med-053 (城中村改造安置,
    # an inheritance inside a resettlement) gave land-compensation disputes 第一千一百三十条 of 继承
    ("in-11", {1130}), ("in-28", {1130}),
    # no falling-object law for a worker who fell (in-22) or a leak that brought a ceiling down (in-23)
    ("in-22", {1253, 1254}), ("in-23", {1253, 1254}),
    # no loan, tenancy or renovation law for a worker injured at a punch press (in-05)
    ("in-05", {667, 675, 676, 679, 703, 710, 733, 770, 781}),
    # no 宅基地 law for a forest's boundary (in-12)
    ("in-12", {362}),
])
def test_no_other_disputes_law(demo_ws, cid, absent):
    from fazhi.index.plan import make_plan

    [c] = [c for c in _cases() if c["id"] == cid]
    p = make_plan(c["text"], demo_ws)
    arts = {x["article"] for x in p["provisions"] if x["law"] == "中华人民共和国民法典"}
    assert not (arts & absent), sorted(arts)


def test_two_disputes_law_in_the_order_the_form_tells_them(demo_ws):
    """in-25 asks for a divorce, then for the spouse's gambling debt: the divorce articles come first, then the
    spouses' debts, then the loan law (before, the loan articles came first: more similar cases cite them)."""
    from fazhi.index.plan import make_plan

    [c] = [c for c in _cases() if c["id"] == "in-25"]
    arts = [x["article"] for x in make_plan(c["text"], demo_ws)["provisions"] if x["law"] == "中华人民共和国民法典"]
    divorce, debts, loan = arts.index(1076), arts.index(1064), arts.index(676)
    assert divorce < debts < loan, arts


@pytest.mark.parametrize("text,expected", [
    # a form's relative dates are counted from the day it was written (before: from today, so an 申请书 dated
    # 2024年6月20日 had 去年8月 in 2025 and 上个月 in the month before today)
    ("人民调解申请书\n申请人：张三，男。\n去年8月被申请人向申请人借款五万元，上个月又借了一万元。\n申请人：张三\n2024年6月20日",
     [("去年8月", "2023-08"), ("上个月", "2024-05"), ("2024年6月20日", "2024-06-20")]),
    ("受理日期：2023年10月9日\n申请人：赵德顺。今年3月，被申请人翻建新房。",
     [("2023年10月9日", "2023-10-09"), ("今年3月", "2023-03")]),
    ("时间：二〇二四年五月十日\n被调查人：应志华。昨天医院又催费了。",
     [("二〇二四年五月十日", "2024-05-10"), ("昨天", "2024-05-09")]),
])
def test_relative_dates_of_a_dated_form(text, expected):
    from fazhi.index.plan import extract_facts

    assert [(d["text"], d["value"]) for d in extract_facts(text)["dates"]] == expected


def test_relative_dates_without_a_form_date_are_counted_from_today():
    # a deadline in the text is not the day it was written; nor is a date inside a sentence
    import datetime

    from fazhi.index.plan import extract_facts

    last = str(datetime.date.today().year - 1)
    got = {d["text"]: d["value"] for d in extract_facts("约定2024年5月10日前还本付息，去年借的")["dates"]}
    assert got["去年"] == last


@pytest.mark.parametrize("text,must,must_not", [
    # the committee and its staff are no parties (before: 陈晓, 沈玉 and …人民调解委员会 among the parties)
    ("时间：2024年4月16日\n地点：嘉兴市秀洲区王店镇人民调解委员会调解室\n调查人：陈晓（人民调解员）　记录人：沈玉\n"
     "被调查人：李小兵，男，1985年10月出生。问：你把受伤的经过说一下。答：厂里没给我交社保。",
     {"李小兵"}, {"陈晓", "沈玉", "嘉兴市秀洲区王店镇人民调解委员会"}),
    ("当事人申请事项：请求确认双方宅基地界址。\n登记人：刘春梅", set(), {"刘春梅"}),
    ("派出所说可以先到调委会调解，冯涛只肯出五千块", {"冯涛"}, {"调委会"}),
])
def test_the_committee_is_no_party(text, must, must_not):
    from fazhi.index.plan import extract_facts

    got = {p["text"] for p in extract_facts(text)["parties"]}
    assert must <= got, got
    assert not (must_not & got), got


# -- five more forms written after the fixes, to see whether they generalise (not keyed; read by hand) --

@pytest.mark.parametrize("text,expected", [
    # who answers for a shop or a factory (before: a mere person)
    ("被申请人：泉州市丰泽区美丽人生美容美发店（个体工商户），经营者：蔡志雄，住所地丰泽区", [
        ("泉州市丰泽区美丽人生美容美发店", "被申请人"), ("蔡志雄", "经营者")]),
    ("申请人：广州市番禺区鸿运五金加工厂，负责人：钟国华。", [("广州市番禺区鸿运五金加工厂", "申请人"), ("钟国华", "负责人")]),
])
def test_more_roles_of_an_intake_form(text, expected):
    assert _roles(text) == expected


@pytest.mark.parametrize("text,must,must_not", [
    # a place's last character before 某 is no surname (before: 道某 of 东湖街道某商业街)
    ("住所地丰泽区东湖街道某商业街28号", set(), {"道某"}),
    ("路某说他不还", {"路某"}, set()),
    # 该店 / 此店 is the shop already named (before: 起该店 of 同年3月起该店以装修为由关门)
    ("同年3月起该店以装修为由关门", set(), {"起该店"}),
])
def test_more_parties_of_an_intake_form(text, must, must_not):
    got = set(_parties(text))
    assert must <= got, got
    assert not (must_not & got), got


def test_a_day_of_last_month():
    # 上个月15号 is that day (before: only 上个月, the month)
    from fazhi.index.plan import extract_facts

    t = "时间：2024年8月19日\n被调查人：孟凡强。上个月15号那条黑狗冲出来把我女儿腿咬伤了。"
    assert [(d["text"], d["value"]) for d in extract_facts(t)["dates"]] == [
        ("2024年8月19日", "2024-08-19"), ("上个月15号", "2024-07-15")]


def test_the_role_lines_whole_name_over_the_models_cut():
    # 共同被申请人：南昌安康医疗美容诊所 (before: the entity model's 南昌安康医疗 kept, with the role)
    from fazhi.index.plan import extract_facts

    t = "被申请人：南昌市第一医院，地址：南昌市东湖区。\n共同被申请人：南昌安康医疗美容诊所，法定代表人：魏晴。"
    got = [(p["text"], p["role"]) for p in extract_facts(t)["parties"]]
    assert ("南昌安康医疗美容诊所", "共同被申请人") in got, got


@pytest.mark.parametrize("text,must,must_not", [
    # work to order: the fee for it (before: no topic, and the 合同 dossiers lent 722 on rent)
    ("双方签订《委托加工合同》，约定加工费每月结算，余款126000元未付", "加工承揽", None),
    ("约定作为押金的两千元不退", None, "加工承揽"),
])
def test_more_topics(text, must, must_not):
    got = topics_of(text)
    assert must is None or must in got, got
    assert must_not is None or must_not not in got, got
