"""graph impact after an amendment (benchmarks/graph_impact_audit.py): the documents of
tests/fixtures/graph/impact_audit/docs cite laws the bundled samples hold, in the styles users write."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "fazhi" / "corpora" / "data" / "laws"
FIX = ROOT / "tests" / "fixtures" / "graph" / "impact_audit"


@pytest.fixture(scope="module")
def ws():
    from fazhi.graph.build import build_from_paths

    laws = [SAMPLES / "诉讼与非诉讼程序法" / "人民调解法(2010-08-28).md", SAMPLES / "行政法" / "治安管理处罚法(2012-10-26).md",
            SAMPLES / "行政法规" / "物业管理条例(2018-03-19).md", SAMPLES / "诉讼与非诉讼程序法" / "行政复议法(2017-09-01).md"]
    return build_from_paths(laws + [FIX / "docs"], workers=1)


def test_normative_documents_issued_as_notices_are_citers(ws):
    """A 通知 or 意见 under a 发文字号 is a normative document whose citations must be cleaned up after an amendment;
    the build left every document the loaders do not call a regulation out of the graph."""
    from fazhi.graph.queries import impact

    tiaojie = {e["title"]: e for e in impact(ws.graph, ws.registry, "人民调解法", max_depth=1)["direct"]}
    assert tiaojie["某区司法局关于加强医疗纠纷人民调解工作的通知"]["cited_articles"] == [34]
    zhian = {e["title"]: e for e in impact(ws.graph, ws.registry, "治安管理处罚法", max_depth=1)["direct"]}
    # 《中华人民共和国治安管理处罚法》（以下简称《治安管理处罚法》）… 该法第四十二条 … 《治安管理处罚法》第五十四条、第五十八条
    assert zhian["某市公安局关于规范治安调解工作的指导意见"]["cited_articles"] == [9, 42, 54, 58]
    fuyi = {e["title"] for e in impact(ws.graph, ws.registry, "行政复议法", max_depth=1, include_outdated=True)["direct"]}
    assert "某区人民政府关于进一步做好行政复议和行政应诉工作的意见" in fuyi


def _by_title(res, target):
    law = next(l for l in res["laws"] if l["target"] == target)
    return {e["title"]: e for e in law["direct"]}, law


def test_decision_renumbers_the_articles_after_an_insert_or_delete(ws):
    """一、将第十二条修改为…；二、删去第二十条；三、增加一条，作为第三十一条；此外，对条文顺序作相应调整: 12 is modified,
    20 deleted, 21-31 move down one (the new 31 takes the place of old 32), 32-35 keep their numbers; the quoted new
    wording (依照本法第二十八条…) is no operation."""
    from fazhi.graph.queries import amendment_impact

    res = amendment_impact(ws.graph, ws.registry, (FIX / "amendments" / "01_tiaojie_jueding.txt").read_text("utf-8"))
    direct, law = _by_title(res, "中华人民共和国人民调解法")
    assert law["affected_articles"] == [12, *range(20, 32)]
    assert {t: e["affected_articles"] for t, e in direct.items()} == {
        "某市人民调解工作规定": [12, 21], "某省人民调解条例": [22, 23, 24, 31], "某县矛盾纠纷多元化解工作办法": [20, 26]}
    moved = {h["article"]: (h["change_cn"], h["new_article"]) for h in direct["某县矛盾纠纷多元化解工作办法"]["affected"]}
    assert moved == {20: ("删去", None), 26: ("序号调整", 25)}
    # citing only articles before the change (第十三条至第十六条) or after it (第三十四条): listed as not affected
    assert {"某区人民调解员管理办法", "某区司法局关于加强医疗纠纷人民调解工作的通知"} <= set(law["not_affected"])


def test_merge_and_inserted_sub_article(ws):
    """将第二十三条、第二十四条合并 deletes 24 and moves every later article; 增加一条，作为第六十条之一 moves none."""
    from fazhi.graph.queries import amendment_impact

    merged = amendment_impact(ws.graph, ws.registry, (FIX / "amendments" / "12_zhian_hebing.txt").read_text("utf-8"))
    direct, law = _by_title(merged, "中华人民共和国治安管理处罚法")
    assert law["affected_articles"] == list(range(23, 120))
    assert direct["某市公安局关于规范治安调解工作的指导意见"]["affected_articles"] == [42, 54, 58]
    assert "某市社会治安综合治理条例" in law["not_affected"]  # cites 第二条 only
    inserted = amendment_impact(ws.graph, ws.registry, (FIX / "amendments" / "02_zhian_jueding.txt").read_text("utf-8"))
    direct, law = _by_title(inserted, "中华人民共和国治安管理处罚法")
    assert law["affected_articles"] == [15, 42, 115] and law["changes"]["inserted_sub"] == ["60之一"]
    assert {t: e["affected_articles"] for t, e in direct.items()} == {
        "某市公安局关于规范治安调解工作的指导意见": [42], "某市出租房屋治安管理规定": [115]}


def test_decision_amending_several_regulations(ws):
    """国务院关于修改和废止部分行政法规的决定: each 《…》 an operation names takes the operations after it; the law it
    repeals that the registry does not know is reported unresolved."""
    from fazhi.graph.queries import amendment_impact

    res = amendment_impact(ws.graph, ws.registry, (FIX / "amendments" / "03_guowuyuan_xiugai.txt").read_text("utf-8"))
    direct, law = _by_title(res, "物业管理条例")
    assert law["changes"]["modified"] == [24] and law["changes"]["deleted"] == [32]
    assert direct["某市住宅专项维修资金管理办法"]["affected_articles"] == [53, 54]
    yl = next(l for l in res["laws"] if l["target"] == "娱乐场所管理条例")
    assert yl["changes"]["modified"] == [11, 52] and not yl["changes"]["renumbered"]
    assert res["unresolved"] == ["某某行政法规"]


def test_article_lists_as_users_type_them(ws):
    from fazhi.graph.queries import amendment_impact

    for text, want in [("人民调解法第17条、第33条", {"某市人民调解工作规定": [17, 33]}),
                       ("《物业管理条例》第十一条、第十二条、第四十二条", {"某市物业管理条例": [11, 12]}),
                       ("人民调解法 第二十条至第二十二条", {"某县矛盾纠纷多元化解工作办法": [20], "某市人民调解工作规定": [21],
                                                    "某省人民调解条例": [22]})]:
        res = amendment_impact(ws.graph, ws.registry, text)
        assert {t: e["affected_articles"] for l in res["laws"] for t, e in
                {e["title"]: e for e in l["direct"]}.items()} == want, text


def test_full_text_revision_compares_each_article(ws, tmp_path):
    """The new full text of a revision: an article is affected when the text under its number differs from the
    version in force. The 2023 行政复议法 changes every article the documents cite; the 2017 text itself (given as
    the 'new' text) changes none."""
    from fazhi.graph.queries import amendment_impact

    new = (SAMPLES / "诉讼与非诉讼程序法" / "行政复议法(2023-09-01).md").read_text("utf-8")
    res = amendment_impact(ws.graph, ws.registry, new, include_outdated=True)
    direct, law = _by_title(res, "中华人民共和国行政复议法")
    assert law["changes"]["revised"]
    assert direct["某市人民政府行政复议工作规则"]["affected_articles"] == [9, 12, 15]
    assert direct["某区人民政府关于进一步做好行政复议和行政应诉工作的意见"]["affected_articles"] == [28, 31, 32]
    # where each went, by text: the 60-day limit of 第九条 is 第二十条 now, 被申请人应当履行 (第三十二条) 第七十七条
    went = {h["article"]: h["new_article"] for e in direct.values() for h in e["affected"]}
    assert (went[9], went[32]) == (20, 77)
    same = (SAMPLES / "诉讼与非诉讼程序法" / "行政复议法(2017-09-01).md").read_text("utf-8")
    res = amendment_impact(ws.graph, ws.registry, same, include_outdated=True)
    assert res["laws"][0]["affected_articles"] == [] and res["laws"][0]["direct"] == []


def test_operations_of_a_law_outside_the_registry_stay_its_own(ws):
    """关于修改《中华人民共和国消防法》等八部法律的决定: the items under 对《中华人民共和国道路交通安全法》作出修改 (a law no
    document here cites) were read as 消防法's (将第九十九条修改为 → 消防法 第九十九条); they are that law's, reported
    unresolved."""
    from fazhi.graph.queries import amendment_impact

    res = amendment_impact(ws.graph, ws.registry, (FIX / "holdout" / "h04_baxiang_falv.txt").read_text("utf-8"))
    changes = {l["target"]: l["changes"]["modified"] for l in res["laws"]}
    assert changes == {"中华人民共和国消防法": [16], "中华人民共和国食品安全法": [35, 122]}
    assert res["unresolved"] == ["中华人民共和国道路交通安全法"]


def test_renumbering_of_a_law_only_cited(ws):
    """安全生产法 and 娱乐场所管理条例 are only cited here (no text in the registry): an insertion or deletion still moves
    every cited article after it (the renumbering stopped at the highest article the decision names)."""
    from fazhi.graph.queries import amendment_impact

    res = amendment_impact(ws.graph, ws.registry, (FIX / "amendments" / "07_anquan_jueding.txt").read_text("utf-8"))
    direct, law = _by_title(res, "中华人民共和国安全生产法")
    assert law["version"] is None
    assert direct["某市安全生产条例"]["affected_articles"] == [21, 22, 23, 24, 94]
    assert direct["某市生产经营单位安全生产主体责任规定"]["affected_articles"] == [21, 93]
    res = amendment_impact(ws.graph, ws.registry, (FIX / "amendments" / "11_yule_jueding.txt").read_text("utf-8"))
    direct, _ = _by_title(res, "娱乐场所管理条例")
    assert direct["某市文化市场综合执法工作规程"]["affected_articles"] == [42]


SHARED = ROOT / ".." / "shared" / "data" / "laws" / "司法解释"


@pytest.mark.parametrize("pattern, title, modified, inserted, moved", [
    # 将《解释》原第七条改为修改后《解释》第十二条: 《解释》 is the decision's short name for its law, and 第十二条 a new
    # number (it was read as a modified article 12, and 《解释》 as another law)
    ("*信用卡*的决定*.md", "最高人民法院、最高人民检察院关于办理妨害信用卡管理刑事案件具体应用法律若干问题的解释",
     [6, 7, 8], [7, 8, 9, 10, 11], {7: 12, 8: 13}),
    # 将第二条修改为第六条: moved and rewritten; the stated number wins over the computed one
    ("*上海金融法院*的决定*.md", "关于上海金融法院案件管辖的规定", [1, 2, 3, 4, 5, 6, 7], [2, 3, 4, 8, 9],
     {2: 6, 3: 5, 4: 7, 5: 10, 6: 11, 7: 12}),
    # ……第一条第一款第（一）项、第二款和第二条第二款规定的……数额标准不再适用: no 修改为, still a change
    ("*掩饰*的决定*.md", "关于审理掩饰、隐瞒犯罪所得、犯罪所得收益刑事案件适用法律若干问题的解释", [1, 2], [], {}),
])
def test_real_decisions(pattern, title, modified, inserted, moved):
    from fazhi.graph.amendment import parse_amendment

    files = sorted(SHARED.glob(pattern))
    if not files:
        pytest.skip("../shared/data/laws is not present")
    (law,) = parse_amendment(files[0].read_text("utf-8"), resolve=lambda t: None)
    assert law.title.endswith(title) or title.endswith(law.title)
    assert (sorted(law.modified), sorted(law.inserted), law.moved) == (modified, inserted, moved)


def test_decision_amending_twenty_seven_interpretations():
    """关于修改《最高人民法院关于在民事审判工作中适用〈工会法〉若干问题的解释》等二十七件…的决定: the 〈〉 inside the title,
    and each 一、修改《…》 heading takes the items after it; laws only mentioned in an item move nothing."""
    from fazhi.graph.amendment import parse_amendment

    files = sorted(SHARED.glob("*二十七件民事类*的决定*.md"))
    if not files:
        pytest.skip("../shared/data/laws is not present")
    laws = {c.title: c for c in parse_amendment(files[0].read_text("utf-8"), resolve=lambda t: None)}
    assert sorted(laws["最高人民法院关于在民事审判工作中适用〈中华人民共和国工会法〉若干问题的解释"].modified) == [6, 7, 8]
    assert not any(t.startswith("中华人民共和国") for t in laws)  # 民事诉讼法, 刑事诉讼法 … are only mentioned
    assert len(laws) >= 20


def test_renamed_law_affects_every_citation(ws):
    """将法律名称修改为“…”: every citation names a title no longer in use, a whole-law one (依照《中华人民共和国治安管理
    处罚法》的有关规定, the 巡防 方案) included; before, a decision that changes no article affected nothing."""
    from fazhi.graph.queries import amendment_impact

    text = ("全国人民代表大会常务委员会关于修改《中华人民共和国治安管理处罚法》的决定\n\n"
            "一、将法律名称修改为：“中华人民共和国治安管理法”。\n\n本决定自公布之日起施行。\n")
    direct, law = _by_title(amendment_impact(ws.graph, ws.registry, text), "中华人民共和国治安管理处罚法")
    assert law["changes"]["renamed"] and law["not_affected"] == []
    assert [h["article"] for h in direct["某区网格化治安巡防工作方案"]["affected"]] == [None]
    assert direct["某市出租房屋治安管理规定"]["affected_articles"] == [57, 115]
