"""Inserted articles (第一百三十三条之一): the registry records which exist, and the checks report 之X only when
the law has no such article."""
import json

import pytest

from fazhi.document import Document
from fazhi.graph.checks import check
from fazhi.graph.registry import Registry, Version

# an excerpt of 刑法 as LawRefBook writes it (articles 133, 133之一, 133之二, 134)
CRIMINAL_LAW = """# 中华人民共和国刑法

1979年7月1日 第五届全国人民代表大会第二次会议通过

2020年12月26日 第十三届全国人民代表大会常务委员会第二十四次会议通过的《中华人民共和国刑法修正案（十一）》修正

<!-- INFO END -->

## 第二编 分 则

第一百三十三条 违反交通运输管理法规，因而发生重大事故，致人重伤、死亡或者使公私财产遭受重大损失的，处三年以下有期徒刑或者拘役。

第一百三十三条之一 在道路上驾驶机动车，有下列情形之一的，处拘役，并处罚金：

（一）追逐竞驶，情节恶劣的；

（二）醉酒驾驶机动车的。

第一百三十三条之二 对行驶中的公共交通工具的驾驶人员使用暴力，危及公共安全的，处一年以下有期徒刑、拘役或者管制。

第一百三十四条 在生产、作业中违反有关安全管理的规定，因而发生重大伤亡事故的，处三年以下有期徒刑或者拘役。
"""


@pytest.fixture(scope="module")
def criminal(tmp_path_factory):
    from fazhi.graph.build import build_from_paths

    d = tmp_path_factory.mktemp("laws") / "刑法"
    d.mkdir()
    (d / "刑法.md").write_text(CRIMINAL_LAW, encoding="utf-8")
    return build_from_paths([d.parent], workers=1).registry


def _codes(text, reg):
    return [(f.code, f.quote) for f in check(text, reg, kind="规范性文件", date="2024-01-01").findings]


def test_registry_records_the_inserted_articles(criminal):
    v = criminal.get("刑法").latest()
    assert v.sub_articles == {(133, 1), (133, 2)} and v.article_numbers == {133, 134}
    assert v.has_article(133, 1) and v.has_article(133, 2) and not v.has_article(133, 9)
    assert not v.has_article(134, 1) and v.articles == 2  # 之一 not counted separately, as before
    d = json.loads(json.dumps(v.to_dict(), ensure_ascii=False))
    assert d["sub_articles"] == ["133之一", "133之二"] and d["max_article"] == 134


def test_existing_inserted_articles_are_not_reported(criminal):
    text = "第一条 依照《中华人民共和国刑法》第一百三十三条之一、第一百三十三条之二的规定处理。"
    assert _codes(text, criminal) == []


def test_missing_inserted_article_is_reported_as_itself(criminal):
    text = "第一条 依照《中华人民共和国刑法》第一百三十三条之一和第一百三十三条之九的规定处理。"
    r = check(text, criminal, kind="规范性文件", date="2024-01-01")
    assert [(f.code, f.quote) for f in r.findings] == [("CITE_NO_SUCH_ARTICLE", "第一百三十三条之九")]
    f = r.findings[0]
    assert "没有第一百三十三条之九" in f.message
    # the int keys keep their meaning; the inserted number is added beside them
    assert f.evidence["article"] == 133 and f.evidence["sub"] == 9
    assert f.evidence["missing_articles"] == ["133之九"]


def test_range_of_missing_inserted_articles_is_one_finding(criminal):
    r = check("第一条 依照刑法第一百三十三条之二至之四处理。", criminal, kind="规范性文件", date="2024-01-01")
    assert [f.code for f in r.findings] == ["CITE_NO_SUCH_ARTICLE"]
    assert r.findings[0].evidence["missing_articles"] == ["133之三", "133之四"]
    assert "没有第一百三十三条之三、第一百三十三条之四。" in r.findings[0].message


def test_inserted_article_after_an_article_without_any(criminal):
    assert _codes("第一条 依照刑法第一百三十四条之一处理。", criminal) == [
        ("CITE_NO_SUCH_ARTICLE", "刑法第一百三十四条之一")]


def test_registry_without_recorded_inserted_articles_does_not_guess():
    # a version built before inserted articles were recorded (sub_articles None): only the article it follows
    reg = Registry()
    from fazhi.graph.registry import Law

    law = reg.add_law(Law(title="中华人民共和国刑法", rank="法律"))
    law.add_version(Version(date="2020-12-26", articles=452, max_article=452,
                            article_numbers=frozenset(range(1, 453))))
    reg.finish()
    assert _codes("第一条 依照《中华人民共和国刑法》第一百三十三条之一处理。", reg) == []
    assert [c for c, _ in _codes("第一条 依照《中华人民共和国刑法》第四百六十条之一处理。", reg)] == [
        "CITE_NO_SUCH_ARTICLE"]


def test_own_inserted_articles(criminal):
    text = ("某市管理办法\n第一条 为了管理，制定本办法。\n第二条 甲。\n第二条之一 乙。\n"
            "第三条 违反本办法第二条之一、第二条之二规定的，依照有关规定处理。")
    r = check(text, criminal, kind="规范性文件", date="2024-01-01")
    assert [(f.code, f.quote) for f in r.findings] == [("INTERNAL_REF_MISSING", "第二条之二")]
    assert r.findings[0].evidence["sub"] == 2 and "第二条之二" in r.findings[0].message


def test_a_law_text_with_inserted_articles_citing_itself(criminal):
    doc = Document(text=CRIMINAL_LAW.replace("处拘役，并处罚金", "依照本法第一百三十三条之二的规定处罚"))
    assert check(doc, criminal, kind="法律", date="2024-01-01", title="中华人民共和国刑法").findings == []
    doc = Document(text=CRIMINAL_LAW.replace("处拘役，并处罚金", "依照本法第一百三十三条之三的规定处罚"))
    r = check(doc, criminal, kind="法律", date="2024-01-01", title="中华人民共和国刑法")
    assert [(f.code, f.quote) for f in r.findings] == [("INTERNAL_REF_MISSING", "本法第一百三十三条之三")]


# two documents citing 刑法: one article 133, the other the inserted 133之一 (from an article of its own that
# is itself inserted, 第五条之一)
CITING_133 = """# 某省道路交通安全条例

2020年1月1日 某省人民代表大会常务委员会通过

<!-- INFO END -->

第一条 发生重大事故的，依照《中华人民共和国刑法》第一百三十三条追究刑事责任。
"""
CITING_133_1 = """# 某市文明行车规定

2021年1月1日 某市人民代表大会常务委员会通过

<!-- INFO END -->

第五条 驾驶人应当文明行车。

第五条之一 醉酒驾驶机动车的，依照《中华人民共和国刑法》第一百三十三条之一追究刑事责任。
"""


@pytest.fixture(scope="module")
def cited(tmp_path_factory):
    from fazhi.graph.build import build_from_paths

    d = tmp_path_factory.mktemp("cited")
    for name, text in (("刑法", CRIMINAL_LAW), ("道路", CITING_133), ("行车", CITING_133_1)):
        (d / f"{name}.md").write_text(text, encoding="utf-8")
    return build_from_paths([d], workers=1)


def test_graph_keeps_the_inserted_article_on_both_sides(cited):
    g = cited.graph
    assert g.nodes["中华人民共和国刑法#133之一"] == {"type": "article", "title": "中华人民共和国刑法",
                                                    "number": 133, "sub": 1}
    assert "sub" not in g.nodes["中华人民共和国刑法#133"]
    src = "某市文明行车规定@2021-01-01#5之一"
    assert g.nodes[src]["number"] == 5 and g.nodes[src]["sub"] == 1
    assert g.has_edge(src, "中华人民共和国刑法#133之一")
    # before: one node 刑法#133 cited from 第5条 of both documents
    assert [u for u, _ in g.in_edges("中华人民共和国刑法#133")] == ["某省道路交通安全条例@2020-01-01#1"]


def test_impact_tells_an_article_from_the_one_inserted_after_it(cited):
    from fazhi.graph.queries import impact

    reg, g = cited.registry, cited.graph
    r = impact(g, reg, "刑法", article=133)
    assert [(d["title"], d["articles"], d["cited_articles"]) for d in r["direct"]] == [
        ("某省道路交通安全条例", [1], [133])]
    for article in ("133之一", "133之1"):
        r = impact(g, reg, "刑法", article=article)
        assert r["article"] == "133之一"
        assert [(d["title"], d["articles"], d["cited_articles"]) for d in r["direct"]] == [
            ("某市文明行车规定", ["5之一"], ["133之一"])]
    assert impact(g, reg, "刑法", article=133, sub=1)["direct"] == r["direct"]
    assert impact(g, reg, "刑法", article="133之二")["direct"] == []
    whole = impact(g, reg, "刑法")
    assert whole["article"] is None and whole["counts"] == {"direct": 2, "transitive": 0, "citing_articles": 2}
    assert {d["title"]: d["cited_articles"] for d in whole["direct"]} == {
        "某省道路交通安全条例": [133], "某市文明行车规定": ["133之一"]}


def test_impact_rejects_an_article_it_cannot_read(cited):
    from fazhi.graph.queries import impact

    with pytest.raises(ValueError, match="133之"):
        impact(cited.graph, cited.registry, "刑法", article="133之")


def test_graph_with_inserted_articles_exports(cited, tmp_path):
    from fazhi.graph.queries import export_graph

    for fmt in ("graphml", "gexf", "json"):
        assert export_graph(cited.graph, tmp_path / f"g.{fmt}", fmt)["nodes"] == cited.graph.number_of_nodes()
