"""Impact queries over the graph built from the bundled samples."""
import pytest

from fazhi.errors import UnknownLaw
from fazhi.graph.queries import graph_stats, impact


def test_direct_and_article_level(built):
    r = impact(built.graph, built.registry, "人民调解法")
    titles = {d["title"] for d in r["direct"]}
    assert {"宁波市人民调解条例", "医疗纠纷预防和处理条例"} <= titles
    ningbo = next(d for d in r["direct"] if d["title"] == "宁波市人民调解条例")
    assert "based_on" in ningbo["relations"] and 1 in ningbo["articles"]


def test_repealed_law_cleanup_list(built):
    r = impact(built.graph, built.registry, "中华人民共和国合同法")
    assert r["status"] == "已废止"
    # the expired judicial interpretation of the 合同法 is not current: only listed on request
    assert all(d["current"] for d in r["direct"])
    r_all = impact(built.graph, built.registry, "合同法", include_outdated=True)
    assert any(not d["current"] and d["title"].startswith("最高人民法院关于适用") for d in r_all["direct"])


def test_transitive(built):
    r = impact(built.graph, built.registry, "民事诉讼法", max_depth=3)
    trans = {t["title"]: t for t in r["transitive"]}
    assert trans["中华人民共和国治安管理处罚法"]["via"] == "中华人民共和国行政处罚法"
    assert trans["中华人民共和国治安管理处罚法"]["depth"] == 2
    assert "中华人民共和国行政处罚法" in {d["title"] for d in r["direct"]}
    assert impact(built.graph, built.registry, "民事诉讼法", max_depth=1)["transitive"] == []


def test_the_repealing_law_is_listed_but_not_followed(built):
    # 民法典 第一千二百六十条 repeals 合同法: it is the successor, and laws citing 民法典 do not use 合同法
    r = impact(built.graph, built.registry, "合同法", max_depth=3)
    [civil] = [d for d in r["direct"] if d["title"] == "中华人民共和国民法典"]
    assert "repeals" in civil["relations"] and civil["articles"] == [1260]
    assert r["transitive"] == []


def test_article_filter(built):
    whole = impact(built.graph, built.registry, "行政处罚法")
    assert whole["counts"]["direct"] >= 2
    r = impact(built.graph, built.registry, "劳动争议调解仲裁法", article=49)
    assert r["article"] == 49 and r["direct"]
    assert all(49 in d["cited_articles"] for d in r["direct"])
    assert impact(built.graph, built.registry, "劳动争议调解仲裁法", article=50)["direct"] == []  # 第五十条 is cited by no bundled text


def test_unknown_title(built):
    with pytest.raises(UnknownLaw):
        impact(built.graph, built.registry, "完全不存在的法规名称")


def test_stats(built):
    s = graph_stats(built.graph, built.registry)
    assert s["laws_by_status"]["已废止"] >= 9
    assert s["most_cited"][0]["citations"] > 0
