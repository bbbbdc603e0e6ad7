"""HybridIndex.search checks and tokenizes a query once, and ranks as HybridIndex.ranked does."""
from __future__ import annotations

import pytest

import fazhi.index.hybrid as hybrid
from fazhi.index.base import EmptyQuery, Filters


@pytest.fixture(scope="module")
def idx(mediation_docs, encoder):
    i = hybrid.HybridIndex(encoder=encoder)
    i.add(mediation_docs[:12])
    return i


@pytest.mark.parametrize("mode", hybrid.MODES)
def test_search_checks_and_tokenizes_the_query_once(idx, monkeypatch, mode):
    calls = {"check_query": 0, "tokenize": 0}

    def counted(name):
        f = getattr(hybrid, name)

        def wrapper(*a, **kw):
            calls[name] += 1
            return f(*a, **kw)
        return wrapper

    for name in calls:
        monkeypatch.setattr(hybrid, name, counted(name))
    hits = idx.search("楼上漏水，天花板泡坏了", k=3, filters=Filters(kind="mediation"), mode=mode)
    assert hits and calls == {"check_query": 1, "tokenize": 1}


@pytest.mark.parametrize("mode", hybrid.MODES)
def test_search_ranks_as_ranked_does(idx, mode):
    q = "公司拖欠工资三个月"
    assert [(h.doc_id, h.score, h.ranks) for h in idx.search(q, k=5, mode=mode)] == \
        [(d, s, r) for d, s, _, r in idx.ranked(q, k=5, mode=mode)]


def test_ranked_still_checks_its_arguments(idx):
    with pytest.raises(EmptyQuery):
        idx.ranked(" ？！ ")
    with pytest.raises(EmptyQuery):
        idx.search(" ？！ ")
    with pytest.raises(ValueError, match="unknown mode"):
        idx.ranked("漏水", mode="fuzzy")
