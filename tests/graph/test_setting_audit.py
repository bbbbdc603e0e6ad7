"""The setting audit: 31 drafts (tests/fixtures/graph/setting_audit/) of 规范性文件, 政府规章 and 地方性法规 in fields the
earlier audits used least, keyed before their first run, read as `fazhi check FILE` reads them and checked against a
registry of the real texts they cite (../shared/data/laws); and the general rules the audit's misses led to, on
sentences of their own (benchmarks/graph_setting_audit.py scores the drafts per code)."""
import json
import sys
from pathlib import Path

import pytest

from drafts_key import compare
from fazhi.graph.checks import _title_of, check, detect_kind

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "tests" / "fixtures" / "graph" / "setting_audit"
SHARED = ROOT / ".." / "shared" / "data" / "laws"
EXPECTED = {k: v for k, v in json.loads((AUDIT / "expected.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")}


@pytest.fixture(scope="module")
def audit_registry():
    if not (SHARED / "manifest.tsv").exists():
        pytest.skip("../shared/data/laws is not present")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from graph_setting_audit import law_paths

    from fazhi.graph.build import build_from_paths

    return build_from_paths(law_paths(SHARED), workers=1).registry


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_setting_audit_draft(audit_registry, name):
    from fazhi.corpora.loaders import load_path

    doc = next(iter(load_path(AUDIT / name)))
    r = check(doc, audit_registry)
    _, false, missed = compare(doc.text, r.findings, EXPECTED[name])
    assert not false and not missed, f"false findings {[(f.code, f.quote) for f in false]}, missed {missed}"
    for f in r.findings:
        assert doc.text[f.start:f.end] == f.quote and f.message and f.suggestion


ORDER = ("某市人民政府令\n\n第158号\n\n《某市城市供热管理办法》已经2025年3月12日市人民政府第41次常务会议通过，现予公布，"
         "自2025年5月1日起施行。\n\n市长　某某\n2025年3月20日\n\n某市城市供热管理办法\n\n"
         "第一条 为了规范供热，结合本市实际，制定本办法。\n"
         "第二条 供热企业有下列情形之一的，由市供热主管部门责令停业整顿，并处三万元罚款。\n"
         "第三条 本办法自2025年5月1日起施行。\n")


def test_rule_under_its_order_on_two_lines(registry):
    # the 令 printed above the rule it publishes (某市人民政府令 / 第158号): a 地方政府规章 titled as the 令 names it; it was
    # a 规范性文件 titled 某市人民政府令, and its own title in the 令 was an unknown law
    assert _title_of(ORDER) == "某市城市供热管理办法"
    assert detect_kind("某市城市供热管理办法", ORDER)[0] == "地方政府规章"
    assert detect_kind("某市城市供热管理办法", "某部令\n（第12号）\n《某办法》已经部务会议通过")[0] == "部门规章"
    r = check(ORDER, registry)
    assert (r.kind, r.title) == ("地方政府规章", "某市城市供热管理办法")
    assert [f.code for f in r.findings] == ["RULE_SETS_PENALTY_BEYOND_LEVEL"]


NOTICE = "某区商务局关于加强管理的通知\n某商发〔2025〕7号\n{}\n本通知自2025年10月1日起施行。\n某区商务局\n2025年9月1日\n"


def _codes(registry, sentence):
    r = check(NOTICE.format(sentence), registry)
    return [(f.code, f.quote) for f in r.findings]


@pytest.mark.parametrize("sentence, quote", [
    ("一、外地养老服务企业在本县开办养老机构的，应当在本县注册成立独立法人企业。", "应当在本县注册成立独立法人企业"),
    ("一、政府投资建设工程应当使用本县预拌混凝土企业生产的混凝土。", "应当使用本县预拌混凝土企业生产"),
    ("一、市公共数据开放平台的建设和运营，应当由本市国有企业承担。", "应当由本市国有企业承担"),
    ("一、建筑垃圾应当由市城市管理局指定的运输企业承运。", "应当由市城市管理局指定的运输企业"),
    ("一、餐饮排水户安装的隔油设备，应当从县住建局公布的供应商名录中选购。", "应当从县住建局公布的供应商名录"),
    ("一、外地蔬菜批发商进入本区农贸市场销售的，应当经区商务局批准。", None),
])
def test_market_conditions_in_new_words(registry, sentence, quote):
    found = [q for c, q in _codes(registry, sentence) if c == "LOCAL_MARKET_RESTRICTION"]
    assert len(found) == 1 and (quote is None or found[0] == quote), found


@pytest.mark.parametrize("sentence", [
    "一、生活垃圾应当投放到街道办事处指定的地点。",  # a place, not a supplier
    "一、市人民政府确定的部门负责公共数据管理。",
    "一、不得要求经营者使用行政机关指定的服务商提供的系统。",
    "一、享受本县养老服务补贴的老年人，应当具有本县户籍。",
])
def test_not_market_conditions(registry, sentence):
    assert not [c for c, _ in _codes(registry, sentence) if c == "LOCAL_MARKET_RESTRICTION"]


@pytest.mark.parametrize("sentence, code, quote", [
    # benefits and services withheld to punish a violation (行政处罚法 第二条)
    ("一、发卡企业拒不整改的，有关部门不予办理其新设门店的营业执照。", "NORMATIVE_SETS_PENALTY", "不予办理其新设门店的营业执照"),
    ("一、对违法建房拒不整改的农户，取消其享受的各项惠农补贴。", "NORMATIVE_SETS_PENALTY", "取消其享受的各项惠农补贴"),
    ("一、对乱埋乱葬的农户，不予享受农村低保等惠民政策。", "NORMATIVE_SETS_PENALTY", "不予享受农村低保等惠民政策"),
    # a longer licence name after 吊销 / 暂扣
    ("一、对发生事故的场所，由市体育局吊销其高危险性体育项目经营许可证。", "NORMATIVE_SETS_PENALTY", "吊销其高危险性体育项目经营许可证"),
    ("一、运输车辆遗撒的，并暂扣驾驶员的建筑垃圾运输准运证。", "NORMATIVE_SETS_PENALTY", "暂扣驾驶员的建筑垃圾运输准运证"),
    ("一、对违规土葬的，由乡镇人民政府组织起尸火化。", "NORMATIVE_SETS_COERCION", "起尸火化"),
    ("一、建设单位应当向县散装水泥办公室预缴散装水泥专项资金。", "NORMATIVE_SETS_FEE", None),
    ("一、游泳场所开放前，须经市体育局组织验收合格后方可对外开放。", "NORMATIVE_SETS_LICENSE", None),
    ("一、新设立网吧，除符合《互联网上网服务营业场所管理条例》规定的条件外，还应当取得街道办事处出具的同意意见。", "NORMATIVE_SETS_LICENSE", None),
])
def test_settings_in_new_words(registry, sentence, code, quote):
    found = [(c, q) for c, q in _codes(registry, sentence) if c.startswith("NORMATIVE_SETS")]
    assert [c for c, _ in found] == [code], found
    assert quote is None or found[0][1] == quote


@pytest.mark.parametrize("sentence", [
    "一、申请材料不符合条件的，不予办理登记手续。",  # the decision on an application
    "一、经营者拒不整改的，由区商务局依法处理。",
    "一、建设工程经验收合格后，方可交付使用。",  # the builder's own 竣工验收
    "一、运输车辆应当按照公安机关交通管理部门暂扣的期限停驶。",
    "一、对符合条件的困难群众，免除基本殡葬服务费用。",
])
def test_not_settings(registry, sentence):
    assert not [c for c, _ in _codes(registry, sentence) if c.startswith("NORMATIVE_SETS")]


def test_one_licence_finding_per_paragraph(registry):
    text = ("某市人民政府令\n第160号\n《某市乡村民宿管理办法》已经市人民政府常务会议通过，现予公布。\n"
            "第一条 为了规范民宿经营，结合本市实际，制定本办法。\n"
            "第二条 本市对乡村民宿实行经营许可制度。开办乡村民宿的，应当取得市文化和旅游局核发的民宿经营许可证后方可营业。\n"
            "第三条 从事民宿餐饮的，应当取得市文化和旅游局核发的餐饮准营证后方可经营。\n"
            "第四条 本办法自2025年6月1日起施行。\n")
    found = [f for f in check(text, registry).findings if f.code == "RULE_SETS_LICENSE"]
    assert [f.quote for f in found][:1] == ["实行经营许可制度"] and len(found) == 2
    assert found[0].evidence["also"] == ["应当取得市文化和旅游局核发的民宿经营许可证后"]


def test_designated_supplier_is_for_agencies(registry):
    # 反垄断法 第三十九条 forbids an agency to name the supplier; a 地方性法规 is checked under 行政许可法 第十五条第二款,
    # which is about other regions
    text = ("某市餐饮油烟管理条例\n（2025年6月1日某市人民代表大会常务委员会第二十次会议通过）\n"
            "第一条 为了防治餐饮油烟污染，制定本条例。\n"
            "第二条 餐饮服务单位应当使用市生态环境局指定的服务商提供的在线监控系统。\n"
            "第三条 本条例自2025年10月1日起施行。\n")
    r = check(text, registry)
    assert r.kind == "地方性法规" and not [f for f in r.findings if f.code == "LOCAL_MARKET_RESTRICTION"]
    r = check(text, registry, kind="规范性文件")
    assert [f.evidence["target"] for f in r.findings if f.code == "LOCAL_MARKET_RESTRICTION"] == ["designated"]


@pytest.mark.parametrize("sentence", [
    "一、应聘协管人员，除具备前款规定的条件外，还应当具备岗位所要求的专门技能。",
    "一、商品房现售，除符合本办法第七条规定的条件外，还应当符合下列条件。",
])
def test_own_conditions_in_two_steps_are_not_added_to_an_upper_law(registry, sentence):
    assert not [c for c, _ in _codes(registry, sentence) if c == "NORMATIVE_SETS_LICENSE"]


@pytest.mark.parametrize("sentence, code", [
    # round 2 of the audit: the same settings in other words
    ("一、物业服务企业应当向县住建局缴存物业服务质量保证金10万元。", "NORMATIVE_SETS_FEE"),
    ("一、对拒不清理的电动自行车，由社区工作人员组织强行搬离。", "NORMATIVE_SETS_COERCION"),
    ("一、对纳入失信主体名单的个人，有关部门不予办理其不动产转移登记。", "NORMATIVE_SETS_PENALTY"),
    ("一、失信主体乘坐公共交通工具的，限制其享受老年人免费乘车优惠。", "NORMATIVE_SETS_PENALTY"),
])
def test_settings_in_round_two_words(registry, sentence, code):
    assert [c for c, _ in _codes(registry, sentence) if c.startswith("NORMATIVE_SETS")] == [code]


@pytest.mark.parametrize("sentence, severity", [
    ("一、外地旅行社组织旅游团队进入本县景区的，应当提前三日向县文化和旅游局报备行程。", "warning"),
    ("一、预收费应当全部存入区教育局确定的监管银行开设的专用账户。", "error"),
    ("一、电动自行车改装、维修，应当到街道办事处指定的维修网点进行。", "error"),
    ("一、景区内的经营户，应当从县旅游商品协会推荐的企业进货。", "error"),
    ("一、农户建房应当使用县住建局推荐企业生产的新型墙体材料。", "error"),
])
def test_market_conditions_round_two(registry, sentence, severity):
    r = check(NOTICE.format(sentence), registry)
    assert [f.severity for f in r.findings if f.code == "LOCAL_MARKET_RESTRICTION"] == [severity]


@pytest.mark.parametrize("sentence", [
    # real sentences of ../shared/data/laws read wrongly by the widened patterns, checked as a 规范性文件
    "第九条 省农业机械化主管部门应当会同有关部门确定、公布推广的农业机械产品目录。",  # the agency's own duty
    "一、养犬人应当将犬只送至农业农村部门公布的犬只免疫网点接受狂犬病免疫。",  # epidemic prevention
    "第四十七条 行政执法监督人员在行政执法监督工作中有下列行为之一的，由发证机关暂扣或者收缴其《河南省行政执法监督证》。",
])
def test_real_sentences_not_settings(registry, sentence):
    assert not [c for c, _ in _codes(registry, sentence) if c.startswith("NORMATIVE_SETS") or c == "LOCAL_MARKET_RESTRICTION"]
