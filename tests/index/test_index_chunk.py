"""Passages and snippets: properties over arbitrary text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.index.base import Filters, rrf
from fazhi.index.chunk import best_passage, passages, snippet

TEXT = st.text(alphabet=st.sampled_from(list("甲乙丙漏水借款。！？；\n 　ab1")), max_size=600)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=80))
def test_passages_cover_text_in_order(text, max_chars):
    spans = passages(text, max_chars)
    covered = set()
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text) and e - s <= max_chars
        assert not text[s].isspace() and not text[e - 1].isspace()
        covered.update(range(s, e))
        last = e
    assert {i for i, c in enumerate(text) if not c.isspace()} <= covered


@settings(max_examples=100, deadline=None)
@given(TEXT, st.lists(st.sampled_from(["漏水", "借款", "甲乙", "ab"]), max_size=3))
def test_snippet_highlights_are_query_terms(text, terms):
    spans = passages(text, 50)
    span = best_passage(text, spans, terms)
    snip, hl = snippet(text, span, terms, width=30)
    assert len(snip) <= max(30, 0) or span is None
    for a, b in hl:
        assert text[a:b] in terms


def test_rrf_prefers_agreement():
    fused = rrf([["a", "b", "c"], ["c", "a", "d"]], k=60)
    assert [d for d, _ in fused][:2] == ["a", "c"]
    assert abs(fused[0][1] - (1 / 61 + 1 / 62)) < 1e-12


def test_filter_parse_errors():
    import pytest

    with pytest.raises(ValueError, match="unknown filter field"):
        Filters.parse(["colour=red"])
    with pytest.raises(ValueError, match="FIELD=VALUE"):
        Filters.parse(["kind"])
    f = Filters.parse(["type=邻里", "region=北京,上海", "date=..2022-06"])
    assert f.dispute_type == ("邻里",) and f.region == ("北京", "上海")
    assert f.since is None and f.until == "2022-06"
