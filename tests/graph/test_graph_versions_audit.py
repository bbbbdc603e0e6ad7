"""Third audit of the checks (versions): drafts citing renumbered and repealed laws, paragraphs (款) and items (项)
beyond an article's, 试行 laws, discretion standards (裁量基准) that widen a regulation's fine range, conditions added
to a licence (tests/fixtures/graph/versions/, key in expected.json, scored as benchmarks/graph_audit_versions.py
does), and one test per defect found, each on real law texts from ../shared/data/laws."""
import csv
from pathlib import Path

import pytest

from drafts_key import compare, load_expected
from fazhi.graph.checks import check

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data" / "laws"
VERSIONS = ROOT / "tests" / "fixtures" / "graph" / "versions"
EXPECTED = load_expected(VERSIONS / "expected.json")
# 畜禽规模养殖污染防治条例 第三十七条 fines 禁养区 building 3万-10万 and building in a water-source zone 10万-50万 in one
# article; a draft's 10万-20万 for the first is within the article's highest: fines are compared per article,
# paragraph and party, not per conduct (a known limit)
KNOWN_MISSES = {"v11_xuqin_tonggao.txt": [("PENALTY_EXCEEDS_UPPER", "处10万元以上20万元以下的罚款")]}


def _paths() -> list[Path]:
    titles = {line.strip() for line in (VERSIONS / "laws.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")}
    with open(SHARED / "manifest.tsv", encoding="utf-8") as fh:
        return [SHARED / r["path"] for r in csv.DictReader(fh, delimiter="\t")
                if r["title"] in titles and r["level"] not in ("案例", "")]


@pytest.fixture(scope="module")
def reg():
    if not (SHARED / "manifest.tsv").exists():
        pytest.skip("../shared/data/laws is not present")
    from fazhi.graph.build import build_from_paths

    return build_from_paths(_paths(), workers=1).registry


def _codes(text, reg, date=None, kind=None):
    return [(f.code, f.quote) for f in check(text, reg, date=date, kind=kind).findings]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_versions_drafts(reg, key):
    name, _, date = key.partition("@")
    text = (VERSIONS / name).read_text(encoding="utf-8")
    r = check(text, reg, date=date or None)
    _, false, missed = compare(text, r.findings, EXPECTED[key])
    assert not false, [(f.code, f.quote, f.message) for f in false]
    assert [tuple(m) for m in missed] == KNOWN_MISSES.get(key, [])
    for f in r.findings:
        assert text[f.start:f.end] == f.quote and f.message and f.suggestion


def test_article_structure_is_recorded(reg):
    """The registry keeps the paragraphs and items of each article of each version."""
    old, new = reg.get("行政复议法").versions
    assert old.paragraphs(9) == (0, 0) and new.paragraphs(20) == (0, 0, 0)
    assert old.paragraphs(28) == (4, 0) and new.paragraphs(53) == (4, 0)
    assert reg.get("治安管理处罚法").latest().paragraphs(23) == (5, 0)
    assert old.paragraphs(44) is None  # no such article
    # kept as one string per version: unpickling 73,000 tuples made loading the corpus registry 0.13 s slower
    assert isinstance(old.structure, str) and "28:4,0" in old.structure.split("|")


def test_paragraph_and_item_beyond_the_article(reg):
    """第九条第三款 of 行政复议法 cited in 2023 (the 2017 text: two paragraphs) is a missing paragraph (the 2023 text's
    第九条 has one: no other version is named); 第二十八条第一款第五项 (four items) a missing item. Citations of parts
    that exist are not findings."""
    text = ("某县人民政府办公室关于做好行政复议工作的通知\n一、申请期限依照《中华人民共和国行政复议法》第九条第三款的规定计算。\n"
            "二、依照《中华人民共和国行政复议法》第二十八条第一款第五项的规定处理。\n"
            "三、依照《中华人民共和国行政复议法》第九条第二款、第二十八条第一款第四项的规定执行。\n某县人民政府办公室\n2023年11月15日\n")
    r = check(text, reg)
    missing = [f for f in r.findings if f.code == "CITE_NO_SUCH_ARTICLE"]
    assert [(f.evidence["article"], f.evidence["paragraph"], f.evidence["item"], f.evidence["missing_part"])
            for f in missing] == [(9, 3, None, "款"), (28, 1, 5, "项")]
    assert "只有两款" in missing[0].message and "2023-09-01版本（自2024-01-01施行）" not in missing[0].message
    assert "只有四项" in missing[1].message
    # in 2024 the 2023 text is in force: 第九条 (表彰) has one paragraph, 第二十条第三款 exists
    r = check("依照《中华人民共和国行政复议法》第二十条第三款、第九条第二款的规定执行。", reg, date="2024-03-01",
              kind="规范性文件")
    assert [(f.code, f.evidence["article"]) for f in r.findings] == [("CITE_NO_SUCH_ARTICLE", 9)]
    # 第二十三条第三款 of 治安管理处罚法 (two paragraphs); an item cited without its paragraph counts the article's items
    codes = _codes("依照《中华人民共和国治安管理处罚法》第二十三条第三款、第二十三条第五项的规定处罚。", reg, "2023-07-01",
                   "规范性文件")
    assert codes == [("CITE_NO_SUCH_ARTICLE", "《中华人民共和国治安管理处罚法》第二十三条第三款")]


def test_paragraph_named_newer_version(reg):
    """A paragraph that only the next text (not yet in force) has: the message says so. 行政复议法 第二十条第三款 (the
    one-year limit of the 2023 text) cited on 2023-11-15, when the 2017 text's 第二十条 had one paragraph."""
    f, = check("依照《中华人民共和国行政复议法》第二十条第三款的规定计算。", reg, date="2023-11-15",
               kind="规范性文件").findings
    assert f.code == "CITE_NO_SUCH_ARTICLE" and "2023-09-01版本（自2024-01-01施行）" in f.message
    assert f.evidence["versions_with_part"] == ["2023-09-01"] and "只有一款" in f.message
    assert check("依照《中华人民共和国行政复议法》第二十条第三款的规定计算。", reg, date="2024-01-01",
                 kind="规范性文件").findings == []
    r = check("依照《中华人民共和国公司法》第二百六十六条第二款的规定调整。", reg, date="2024-05-20", kind="规范性文件")
    f = r.findings[0]
    assert f.code == "CITE_NO_SUCH_ARTICLE" and "2023-12-29版本（自2024-07-01施行）" in f.message


def test_fine_of_the_cited_paragraph(reg):
    """治安管理处罚法 第二十三条 fines 500 yuan in its first paragraph and 1,000 in its second (首要分子): a draft fining
    1,000 under 第一款 exceeds it, under 第二款 does not."""
    first = "情节较重的，依照《中华人民共和国治安管理处罚法》第二十三条第一款的规定，处五日以上十日以下拘留，并处一千元罚款。"
    second = first.replace("第一款", "第二款").replace("处五日以上十日以下", "处十日以上十五日以下")
    assert [c for c, _ in _codes(first, reg, "2023-07-01", "规范性文件")] == ["PENALTY_EXCEEDS_UPPER"]
    assert _codes(second, reg, "2023-07-01", "规范性文件") == []
    assert reg.get("治安管理处罚法").latest().paragraph_fine(23, 1) == 500


def test_fine_below_the_floor(reg):
    """城镇排水与污水处理条例 第五十三条第一款: 造成严重后果的，处10万元以上20万元以下罚款. A 裁量基准 that sets 5万-10万
    lowers the statutory floor; 10万-15万 narrows the range; 减轻处罚 is left to the case."""
    base = "造成严重后果的，依照《城镇排水与污水处理条例》第五十三条第一款的规定，处{}罚款。"
    low = _codes(base.format("5万元以上10万元以下"), reg, "2024-10-01", "规范性文件")
    assert [c for c, _ in low] == ["PENALTY_EXCEEDS_UPPER"]
    f = check(base.format("5万元以上10万元以下"), reg, date="2024-10-01", kind="规范性文件").findings[0]
    assert f.evidence["upper_min_fine"] == 100000 and f.evidence["document_min_fine"] == 50000
    assert _codes(base.format("10万元以上15万元以下"), reg, "2024-10-01", "规范性文件") == []
    assert _codes("符合减轻处罚条件的，" + base.format("5万元以上10万元以下"), reg, "2024-10-01", "规范性文件") == []
    # a threshold in the upper article (货值金额不足10万元的) is not its floor: 长江河道采砂管理条例 (2023) 第十八条
    ok = ("依照《长江河道采砂管理条例》第十八条的规定，货值金额不足10万元的，并处20万元以上200万元以下的罚款。")
    assert _codes(ok, reg, "2024-01-01", "规范性文件") == []


def test_time_before_a_repeal_is_history(reg):
    """对2007年6月1日前人民法院依照《企业破产法（试行）》受理的案件 speaks of the time the trial law applied; applying it
    in 2009 is an error."""
    past = "对2007年6月1日前人民法院依照《中华人民共和国企业破产法（试行）》受理、尚未审结的破产案件，各企业应当配合。"
    now = "企业申请破产前，应当依照《中华人民共和国企业破产法（试行）》第八条的规定，经其上级主管部门同意。"
    assert _codes(past, reg, "2009-04-08", "规范性文件") == []
    assert [c for c, _ in _codes(now, reg, "2009-04-08", "规范性文件")] == ["CITE_REPEALED"]
    # a date after the repeal is no history
    late = past.replace("2007年6月1日前", "2008年6月1日前")
    assert [c for c, _ in _codes(late, reg, "2009-04-08", "规范性文件")] == ["CITE_REPEALED"]


def test_measures_named_not_set(reg):
    """为严格执行按日连续处罚、查封扣押等配套措施 names measures a law sets; 对拒不改正的，予以查封 sets one."""
    assert _codes("为严格执行按日连续处罚、查封扣押等配套措施，现将有关事项通知如下：", reg, "2015-03-06",
                  "规范性文件") == []
    assert [c for c, _ in _codes("对拒不改正的企业，由县环境保护局予以查封。", reg, "2015-03-06", "规范性文件")] == \
        ["NORMATIVE_SETS_COERCION"]


def test_lock_and_seal_is_coercion(reg):
    """可以采取锁闭、封存措施 on ships or vehicles is a compulsory measure (行政强制法 第九条、第十条)."""
    assert [c for c, _ in _codes("对停靠在禁采区内的采砂船舶，县水利局可以采取锁闭、封存措施。", reg, "2022-06-01",
                                 "规范性文件")] == ["NORMATIVE_SETS_COERCION"]


def test_conditions_added_to_a_licence(reg):
    """申请…许可证的，除提交国家规定的申请材料外，还应当提交… adds conditions to a licence an upper law sets;
    asking for the materials the state sets does not."""
    added = "申请污水排入排水管网许可证的，除提交国家规定的申请材料外，还应当提交近三年无环境违法记录证明。"
    plain = "申请污水排入排水管网许可证的，应当提交国家规定的申请材料。"
    assert [c for c, _ in _codes(added, reg, "2024-10-01", "规范性文件")] == ["NORMATIVE_SETS_LICENSE"]
    assert _codes(plain, reg, "2024-10-01", "规范性文件") == []
    assert _codes("不得要求申请人" + added[added.index("除"):], reg, "2024-10-01", "规范性文件") == []
    other = "申请食品经营许可的，应当另行提交街道办事处出具的无异议证明。"
    assert [c for c, _ in _codes(other, reg, "2024-10-01", "规范性文件")] == ["NORMATIVE_SETS_LICENSE"]
    assert _codes("对申请材料，除国家规定的以外，不得要求申请人另行提交其他材料。", reg, "2024-10-01", "规范性文件") == []


def test_parts_of_a_named_or_amended_version_are_not_checked(reg):
    """适用修改前商标法第二十七条第二款 names the text before an amendment, and an amending decision's 第二条第二款 are
    those of the text it amends: neither is checked against the version in force (a 2021 interpretation and a 2021
    decision gave 7 such errors over the corpus before this)."""
    stale = "依照《中华人民共和国治安管理处罚法》第二十三条第三款的规定处罚。"
    assert [c for c, _ in _codes(stale, reg, "2023-07-01", "规范性文件")] == ["CITE_NO_SUCH_ARTICLE"]
    named = "对修改决定施行前发生的行为，适用修改前的治安管理处罚法第二十三条第三款、第四款的规定。"
    assert _codes(named, reg, "2023-07-01", "规范性文件") == []
    decision = "某市人民政府关于修改《某市养犬管理规定》的决定\n一、" + stale + "\n"
    assert [f.code for f in check(decision, reg, date="2023-07-01", kind="地方政府规章").findings] == \
        ["CITE_UNKNOWN_LAW"]  # the amended 规定 itself, which the registry does not hold (a warning)


def test_items_after_an_inserted_article(reg):
    """刑法第二百八十七条之一第一款第二项、第三项: the second item is of 第二百八十七条之一 (three items) too, not of
    第二百八十七条 (no items; a 2019 interpretation got a false 'no 第三项' as of today)."""
    text = "利用信息网络发布信息的，应当认定为刑法第二百八十七条之一第一款第二项、第三项规定的“发布信息”。"
    assert _codes(text, reg, "2026-01-01", "司法解释") == []
    assert [q for _, q in _codes(text.replace("第三项", "第五项"), reg, "2026-01-01", "司法解释")] == ["第五项"]


def test_messages_name_the_paragraph_and_the_added_conditions(reg):
    """The fine messages name the cited paragraph (第二十三条第一款, not 第二十三条, whose 第二款 fines 1,000); added
    licence conditions quote 行政许可法 第十六条第四款 (不得增设违反上位法的其他条件) beside 第十七条."""
    f, = check("情节较重的，依照《中华人民共和国治安管理处罚法》第二十三条第一款的规定，处五日以上十日以下拘留，并处一千元罚款。",
               reg, date="2023-07-01", kind="规范性文件").findings
    assert "第二十三条第一款规定的最高额500元" in f.message
    f, = check("申请污水排入排水管网许可证的，除提交国家规定的申请材料外，还应当提交近三年无环境违法记录证明。",
               reg, date="2024-10-01", kind="规范性文件").findings
    assert "增设了条件" in f.message and "不得增设违反上位法的其他条件" in f.message
    assert f.evidence["added_conditions"] and [r["article"] for r in f.evidence["rules"]] == [16, 17]
    assert f.evidence["rules"][0]["quoted_from"] == "registry"


def test_a_bundled_registry_cached_before_the_structure_is_rebuilt(tmp_path):
    """`fazhi check` without a workspace graph uses a registry built once from the bundled samples and cached; a
    cache saved before 款 and 项 were recorded would silently skip those checks, so it is built again."""
    from fazhi.graph.queries import _bundled_dir, workspace_registry
    from fazhi.workspace import Workspace

    ws = Workspace(tmp_path)
    reg, _, where = workspace_registry(ws)
    assert where == "bundled samples" and reg.meta.get("article_structure")
    del reg.meta["article_structure"]
    for law in reg.laws.values():
        for v in law.versions:
            v.structure = None
    reg.save(_bundled_dir(ws))
    again, _, _ = workspace_registry(ws)
    assert again.meta.get("article_structure")
    assert any(v.structure for law in again.laws.values() for v in law.versions)
