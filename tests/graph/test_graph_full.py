"""The registry built from all 3,475 files of ../shared/data/laws (slow: about 15 s of CPU on 2 cores)."""
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "laws"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def full():
    if not SHARED.exists():
        pytest.skip("../shared/data/laws is not present")
    from fazhi.graph.build import build_from_paths

    return build_from_paths([SHARED], workers=2)


def test_full_registry_facts(full):
    reg = full.registry
    assert full.stats["documents"] > 3300 and not full.stats["errors"]
    civil = reg.get("民法典")
    assert len(civil.versions) == 1 and civil.versions[0].articles == 1260
    contract = reg.get("合同法")
    assert contract.repealed_on == "2021-01-01" and contract.successor == "中华人民共和国民法典"
    assert reg.version_on("行政处罚法", "2022-01-01").articles == 86
    assert [v.articles for v in reg.get("立法法").versions] == [105, 120]
    assert reg.status("信访条例", "2023-01-01") == "已废止"
    assert reg.status("信访工作条例", "2023-01-01") == "有效"
    # a repeal mined from a text other than the civil code
    assert reg.get("中华人民共和国治安管理处罚条例").successor == "中华人民共和国治安管理处罚法"


def test_full_impact(full):
    from fazhi.graph.queries import impact

    r = impact(full.graph, full.registry, "行政处罚法")
    assert r["counts"]["direct"] > 30
    r = impact(full.graph, full.registry, "物权法")
    assert r["status"] == "已废止" and r["counts"]["direct"] > 10  # current texts still citing it: the cleanup list


def test_full_corpus_findings_of_the_review_session(full):
    from fazhi.graph.queries import graph_stats, impact

    reg, g = full.registry, full.graph
    # texts in force whose only citation of 民事诉讼法 is their preamble (根据《…民事诉讼法》…制定本解释): 130 listed before
    direct = {d["title"] for d in impact(g, reg, "民事诉讼法")["direct"]}
    assert len(direct) > 190 and "最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定" in direct
    # （试行） laws named in repeal clauses are their own repealed laws, dated by the original promulgation
    assert (reg.get("企业破产法（试行）").repealed_on, reg.get("民事诉讼法（试行）").repealed_on) == ("2007-06-01", "1991-04-09")
    assert reg.status("企业破产法", "2024-01-01") == "有效"
    assert reg.get("中华人民共和国人民警察条例").repealed_on == "1995-02-28"
    # a repeal decision repeals what it lists
    assert reg.get("北京市反不正当竞争条例").repealed_on == "2021-09-24"
    assert graph_stats(g, reg)["repealed_laws_still_cited"] < 120  # was 571: each repealer counted as a user
    # which version each citer cited
    [cited] = [d for d in impact(g, reg, "公司法")["direct"] if d["title"] == "中华人民共和国外商投资法"]
    assert (cited["cited_version"], cited["cited_version_status"]) == ("2018-10-26", "已修改")
