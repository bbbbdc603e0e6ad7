"""64 synthetic drafts of 规范性文件, 政府规章 and 地方性法规 (tests/fixtures/graph/drafts/) with the findings a filing-review
officer should get, checked against a registry built from the real texts they cite (../shared/data/laws).

Each draft plants real problems and traps that must not be findings (see expected.json). A finding matches an
expected one when the code is the same and the expected fragment is on the line where the finding starts."""
import time
from pathlib import Path

import pytest

from drafts_key import DRAFTS, cited_titles, compare, law_paths, load_expected
from fazhi.graph.checks import check

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "laws"
EXPECTED = load_expected()


@pytest.fixture(scope="module")
def laws_registry():
    if not (SHARED / "manifest.tsv").exists():
        pytest.skip("../shared/data/laws is not present")
    from fazhi.graph.build import build_from_paths

    paths = law_paths(SHARED)
    assert len(paths) >= len(cited_titles())
    return build_from_paths(paths, workers=1).registry


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_draft_findings(laws_registry, name):
    text = (DRAFTS / name).read_text(encoding="utf-8")
    t0 = time.perf_counter()
    r = check(text, laws_registry)
    assert time.perf_counter() - t0 < 1.0
    _, false, missed = compare(text, r.findings, EXPECTED[name])
    assert not false and not missed, f"false findings {[(f.code, f.quote) for f in false]}, missed {missed}"
    for f in r.findings:
        assert text[f.start:f.end] == f.quote and f.message and f.suggestion


def test_draft_kinds(laws_registry):
    """A 规范性文件 that mentions 国务院公布的《信访条例》 in an article is not a 行政法规; a 政府令 rule whose
    article names a 国务院 regulation's history stays a 地方政府规章."""
    from fazhi.graph.checks import detect_kind

    for name, kind in [("10_xinfang_banfa.txt", "规范性文件"), ("11_zhengshou_banfa.txt", "地方政府规章"),
                       ("18_ranqi_shengzhengfu.txt", "地方政府规章"), ("25_tiaojie_guifan_clean.txt", "规范性文件")]:
        text = (DRAFTS / name).read_text(encoding="utf-8")
        assert detect_kind(text.splitlines()[0], text)[0] == kind, name


def test_draft_kinds_of_the_second_audit():
    """Drafts 45–64: notices and 办法 a 局 or a government office issues are 规范性文件 (a 局's 若干规定 with a 文号
    too); 政府令 rules are 地方政府规章; 条例 passed by a city's 人大常委会 are 地方性法规."""
    from fazhi.graph.checks import detect_kind

    kinds = {"规范性文件": ["45_binzang_tongzhi.txt", "46_minsu_banfa.txt", "48_zhengwu_tongzhi.txt",
                          "49_xinyong_banfa.txt", "50_zhifa_guiding.txt", "52_zaosheng_tonggao.txt",
                          "54_wenwu_tongzhi.txt", "57_xueqian_tongzhi.txt", "58_fanghuo_tonggao.txt",
                          "59_cishan_banfa.txt", "61_jiazheng_banfa.txt", "62_kongyan_tongzhi.txt",
                          "63_yingji_banfa.txt"],
             "地方政府规章": ["47_yesheng_guiding.txt", "53_lvhua_banfa.txt", "55_dianti_banfa.txt",
                         "56_gongshui_banfa.txt", "64_shidi_banfa.txt"],
             "地方性法规": ["51_yingshang_tiaoli.txt", "60_tingche_tiaoli.txt"]}
    for kind, names in kinds.items():
        for name in names:
            text = (DRAFTS / name).read_text(encoding="utf-8")
            assert detect_kind(text.splitlines()[0], text)[0] == kind, name
