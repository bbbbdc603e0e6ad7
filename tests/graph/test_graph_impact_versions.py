"""graph impact: which text of the target each citer was written against (cited_version), when the target's text in
force on the citer's 施行 day was promulgated after the citer was made (found by benchmarks/graph_audit_versions.py)."""
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "laws"


def test_impact_names_the_text_a_citer_was_written_against():
    """A citer made before the target's text in force on its own 施行 day was promulgated cites the text before it:
    the 司法拍卖房产竞买人资格 规定 (made 2021-12-17, in force 2022-01-01) cites 民事诉讼法 as amended before the text of
    2021-12-24 (in force the same 2022-01-01), which the corpus does not hold — not the 2021-12-24 text."""
    if not (SHARED / "manifest.tsv").exists():
        pytest.skip("../shared/data/laws is not present")
    from fazhi.graph.build import build_from_paths
    from fazhi.graph.queries import EARLIER_VERSION, impact

    paths = [SHARED / "诉讼与非诉讼程序法" / "民事诉讼法(2021-12-24).md",
             SHARED / "诉讼与非诉讼程序法" / "民事诉讼法(2023-09-01).md",
             SHARED / "司法解释" / "最高人民法院关于人民法院司法拍卖房产竞买人资格若干问题的规定(2021-12-17).md",
             SHARED / "司法解释" / "最高人民法院关于适用《民法典》合同编通则若干问题的解释(2023-12-04).md"]
    b = build_from_paths(paths, workers=1)
    direct = {e["title"]: e for e in impact(b.graph, b.registry, "民事诉讼法")["direct"]}
    auction = direct["最高人民法院关于人民法院司法拍卖房产竞买人资格若干问题的规定"]
    assert (auction["cited_version"], auction["cited_version_status"]) == (None, EARLIER_VERSION)
    # made 2023-12-04 and in force 2023-12-05, when the 2021 text was in force (the 2023 text was promulgated):
    # the text in force on its 施行 day, as before
    contract = direct["最高人民法院关于适用《中华人民共和国民法典》合同编通则若干问题的解释"]
    assert (contract["cited_version"], contract["cited_version_status"]) == ("2021-12-24", "已修改")

