"""One table of behaviours, run against every installed backend on a real index (no mocks)."""
from __future__ import annotations

import pytest

from fazhi.index.base import Filters, Record, SimilarCaseIndex

BACKENDS = ["memory", "faiss", "tantivy", "hybrid"]

# (query, a dossier that must be among the top 3)
QUERIES = [
    ("楼上住户卫生间漏水，把我家天花板和墙面泡坏了", "med-003"),
    ("楼道里堆放杂物和电动车电池，影响通行", "med-001"),
    ("公司拖欠工资三个月不给，还不签劳动合同", None),
]


def make(backend, path, encoder):
    if backend == "memory":
        from fazhi.index.memory import MemoryIndex

        return MemoryIndex(path, encoder=encoder)
    if backend == "faiss":
        from fazhi.index.dense import DenseIndex

        return DenseIndex(path, encoder=encoder)
    if backend == "tantivy":
        from fazhi.index.lexical import LexicalIndex

        return LexicalIndex(path)
    from fazhi.index.hybrid import HybridIndex

    return HybridIndex(path, encoder=encoder)


def reopen(backend, idx, path, encoder):
    if backend == "memory":
        idx.save(path)
        from fazhi.index.memory import MemoryIndex

        return MemoryIndex.load(path, encoder=encoder)
    idx.save()
    return make(backend, path, encoder)


@pytest.fixture(scope="module", params=BACKENDS)
def built(request, tmp_path_factory, mediation_docs, encoder):
    path = tmp_path_factory.mktemp(request.param)
    idx = make(request.param, path, encoder)
    assert idx.add(mediation_docs) == len(mediation_docs)
    return request.param, idx, path


def test_protocol(built):
    _, idx, _ = built
    assert isinstance(idx, SimilarCaseIndex)


@pytest.mark.parametrize("query,expected", [q for q in QUERIES if q[1]])
def test_finds_the_matching_dossier(built, query, expected):
    _, idx, _ = built
    hits = idx.search(query, k=3)
    assert expected in [h.doc_id for h in hits]
    assert all(h.snippet for h in hits)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_labour_query_returns_labour_cases(built, mediation_docs):
    _, idx, _ = built
    types = {d.id: d.metadata.get("dispute_type") for d in mediation_docs}
    hits = idx.search(QUERIES[2][0], k=3)
    assert types[hits[0].doc_id] == "劳动争议"


def test_snippet_comes_from_the_document(built, mediation_docs):
    _, idx, _ = built
    texts = {d.id: d.text for d in mediation_docs}
    for h in idx.search("漏水 天花板", k=5):
        s, e = h.passage
        assert 0 <= s < e <= len(texts[h.doc_id])
        assert h.snippet.replace(" ", "") in texts[h.doc_id].replace("\n", "").replace(" ", "")
        for a, b in h.highlights:
            assert s <= a < b <= e


@pytest.mark.parametrize("filters", [
    Filters(dispute_type="劳动争议"),
    Filters(region="杭州"),
    Filters(since="2023-01-01", until="2023-12-31"),
    Filters.parse(["date=2024"]),
    Filters(kind="mediation", dispute_type=("邻里", "物业")),
])
def test_filters(built, mediation_docs, filters):
    _, idx, _ = built
    recs = {d.id: Record.from_document(d) for d in mediation_docs}
    expected = {i for i, r in recs.items() if filters.matches(r)}
    assert expected, "the filter should match some dossiers"
    hits = idx.search("邻居 纠纷 赔偿 工资 漏水", k=60, filters=filters)
    assert hits
    assert {h.doc_id for h in hits} <= expected


def test_filter_without_matches(built):
    _, idx, _ = built
    assert idx.search("漏水", k=5, filters=Filters(region="乌鲁木齐")) == []


@pytest.mark.parametrize("query", ["", "   ", "？？！", "\n\t"])
def test_empty_query_is_an_error(built, query):
    # a query without words must not return arbitrary documents as "similar cases"
    from fazhi.errors import FazhiError

    _, idx, _ = built
    with pytest.raises(FazhiError, match="empty") as e:
        idx.search(query, k=3)
    assert isinstance(e.value, ValueError)


def test_add_remove_persist(built, tmp_path, mediation_docs, encoder):
    backend, _, _ = built
    idx = make(backend, tmp_path / "ix", encoder)
    idx.add(mediation_docs[:20])
    assert len(idx) == 20
    target = mediation_docs[2]  # med-003, the leaking bathroom
    assert target.id in [h.doc_id for h in idx.search(QUERIES[0][0], k=3)]
    assert idx.remove([target.id, "no-such-id"]) == 1
    assert target.id not in idx and len(idx) == 19
    assert target.id not in [h.doc_id for h in idx.search(QUERIES[0][0], k=20)]
    # re-adding the same id replaces, never duplicates
    idx.add([target])
    idx.add([target])
    assert len(idx) == 20
    before = [h.doc_id for h in idx.search(QUERIES[1][0], k=5)]
    again = reopen(backend, idx, tmp_path / "ix", encoder)
    assert len(again) == 20
    assert [h.doc_id for h in again.search(QUERIES[1][0], k=5)] == before
