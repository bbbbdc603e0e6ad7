"""行政许可法 第十五条第二款: the licences a 地方性法规 or a 省、自治区、直辖市人民政府规章 may not set — a
qualification of nationwide scope, an enterprise's 设立登记 and its 前置审批, and conditions that keep out other
regions' people, businesses and goods — and the provisions that only apply or forbid them."""
import pytest

from fazhi.graph.checks import CODES, check

LICENCE = "REGULATION_SETS_LICENSE_BEYOND_LEVEL"
MARKET = "LOCAL_MARKET_RESTRICTION"


def findings(text, registry, kind="地方性法规", **kw):
    r = check(text, registry, kind=kind, date="2024-06-01", **kw)
    return [(f.code, f.severity, f.evidence.get("kind")) for f in r.findings]


def test_codes_are_listed():
    assert LICENCE in CODES and MARKET in CODES


@pytest.mark.parametrize("text, code, severity, what, quote", [
    # (a) a qualification regime of its own, and a qualification certificate a local agency examines for
    ("第九条 本市实行经纪执业资格考核制度。", LICENCE, "error", "qualification", "实行经纪执业资格考核制度"),
    ("第十条 申请从事经纪活动的公民，经县级以上市场监督管理部门考核合格，发给经纪人资格证书。", LICENCE, "error",
     "qualification", "考核合格，发给经纪人资格证"),
    ("第八条 教练员应当经市运输管理机构考试合格，取得上岗资格证后，持证上岗。", LICENCE, "error", "qualification",
     "考试合格，取得上岗资格证"),
    # (b) the approval an enterprise's registration waits for
    ("第十二条 设立心理咨询机构的，应当经卫生健康主管部门审查同意后，向市场监督管理部门申请办理企业登记。", LICENCE,
     "error", "registration", None),
    ("第十二条 申请人凭经营许可证办理工商登记手续。", LICENCE, "error", "registration", "凭经营许可证办理工商登记"),
    # (c) other regions' businesses and goods
    ("第十五条 外地企业进入本市承揽建设工程的，应当经市建设行政主管部门批准。", MARKET, "error", "market", None),
    ("第十五条 申请出租汽车经营许可的，应当具有本市常住户籍。", MARKET, "error", "market", "具有本市常住户籍"),
    ("第十五条 本市政府投资的建设工程应当使用本地生产的建筑材料。", MARKET, "error", "market", "应当使用本地生产"),
    # a requirement on other regions' businesses that is only a 备案: a warning
    ("第二十一条 在外省市注册的货运经营者从事起讫地均在本市的货运经营活动的，应当向区道路运输管理机构备案。", MARKET,
     "warning", "market", None),
])
def test_local_regulation_sets_what_it_may_not(registry, text, code, severity, what, quote):
    r = check(text, registry, kind="地方性法规", date="2024-06-01")
    assert [(f.code, f.severity, f.evidence["kind"]) for f in r.findings] == [(code, severity, what)]
    f = r.findings[0]
    assert f.quote == text[f.start:f.end] and (quote is None or f.quote == quote)
    assert f.evidence["rule"]["law"] == "中华人民共和国行政许可法" and f.evidence["rule"]["article"] == 15
    assert f.evidence["rule"]["paragraph"] == 2 and "不得设定企业或者其他组织的设立登记" in f.evidence["rule"]["text"]
    assert "第十五条第二款" in f.message and f.evidence["document_rank"] == "地方性法规"


@pytest.mark.parametrize("text", [
    # a qualification the State sets, applied or cited
    "第九条 从事经纪活动的人员应当依法取得相应的资格证书。",
    "第九条 从事道路运输的驾驶人员应当按照国家有关规定取得从业资格证。",
    "第九条 对道路运输从业人员实行从业资格制度（《中华人民共和国道路运输条例》第二十二条）。",
    "第九条 依照《中华人民共和国道路运输条例》第二十二条的规定，对道路运输从业人员实行从业资格制度。",
    # negated, an agency's own staff, an employer's own system, no licence at all
    "第九条 不得对经纪人另行实行资格考核制度。",
    "第九条 实行行政执法人员持证上岗和资格管理制度。",
    "第九条 企业应当建立职工培训制度，实行职业资格证书制度。",
    "第九条 维修费用经具有相应资质的中介机构审价后，在专项维修资金中列支。",
    "第九条 具备下列条件的，可以申请法人资格。",
    # registrations that are no enterprise's 设立登记
    "第十二条 养犬人应当凭犬只狂犬病免疫证明办理延续登记。",
    "第十二条 海域使用权人应当凭批准文件等材料，向不动产登记机构申请海域使用权登记。",
    "第十二条 申请人依法凭经营许可证办理工商登记手续。",
    # provisions that forbid the restriction, or speak of residence for benefits and elections
    "第十五条 各级人民政府及有关部门不得限制外地企业到本地从事生产经营活动，不得限制外地商品进入本地市场。",
    "第十五条 各级政府不得滥用行政权力，采用设立关卡、提高检验标准等手段，限制外地商品进入本地市场。",
    "第十五条 外地企业在本市从事经营活动，享有与本市企业同等的待遇。",
    "第十五条 具有本市户籍的老年人享受政府提供的基本养老服务。",
    "第十五条 在校学生是本市常住户口的，一般在所在学校进行选民登记。",
    "第十五条 具有本市户籍的适龄儿童在非户籍所在区居住需要接受义务教育的，到居住地学校联系就读。",
    "第十五条 印刷的境外地图产品应当全部运输出境，不得在境内销售。",
    "第十五条 经公路从省外调入动物产品的，应当按照申报备案的入省路线进入本省，并向动物卫生监督检查站报验。",
    "第十五条 民间融资信息服务企业（包括外地企业在本市设立的分支机构，下同），应当自登记之日起十五日内备案。",
])
def test_applied_cited_negated_and_unrelated_provisions_are_not_flagged(registry, text):
    assert findings(text, registry) == []


def test_implementing_regulation_is_a_warning(registry):
    text = "第十五条 矿山企业的特种作业人员经考核合格，取得操作资格证书后，方可上岗作业。"
    assert findings(text, registry, title="某省实施《中华人民共和国矿山安全法》办法") == [
        (LICENCE, "warning", "qualification")]


PROVINCIAL = ("浙江省某某从业人员管理办法\n浙江省人民政府令第401号\n"
              "第一条 为了规范某某服务，制定本办法。\n"
              "第二条 本省对某某从业人员实行从业资格制度。本办法设定的临时性行政许可实施期限为一年。\n"
              "第三条 本办法自2024年1月1日起施行。")


def test_provincial_rule_may_not_set_them_even_temporarily(registry):
    r = check(PROVINCIAL, registry)
    assert r.kind == "地方政府规章"
    # the more specific finding only: not also RULE_SETS_LICENSE
    assert [(f.code, f.severity) for f in r.findings] == [(LICENCE, "error")]
    assert "省、自治区、直辖市人民政府规章" in r.findings[0].message


def test_other_ranks_keep_their_own_codes(registry):
    text = "第九条 本市实行经纪执业资格考核制度。"
    # a 规范性文件 may set no licence at all (行政许可法 第十七条); a 法律 or 行政法规 may set this one
    assert all(c not in (LICENCE, MARKET) for c, _, _ in findings(text, registry, kind="规范性文件"))
    assert findings(text, registry, kind="法律") == [] and findings(text, registry, kind="行政法规") == []
