"""FAISS specifics: agreement with the brute-force reference, HNSW with tombstones, reload checks."""
from __future__ import annotations

import numpy as np
import pytest

from fazhi.errors import IndexUnavailable
from fazhi.index.dense import DenseIndex
from fazhi.index.memory import MemoryIndex

QUERIES = ["邻居装修噪音太大，晚上也施工", "借了五万块钱一直不还", "交通事故后保险公司不赔", "物业费拖欠停水",
           "医院手术后出现并发症", "宅基地边界有争议"]


@pytest.fixture(scope="module")
def pair(mediation_docs, encoder):
    flat, ref = DenseIndex(encoder=encoder), MemoryIndex(encoder=encoder)
    flat.add(mediation_docs)
    ref.add(mediation_docs)
    return flat, ref


@pytest.mark.parametrize("query", QUERIES)
def test_faiss_matches_brute_force(pair, query):
    flat, ref = pair
    a, b = flat.ranked(query, 10), ref.ranked(query, 10)
    assert [d for d, *_ in a] == [d for d, *_ in b]
    assert np.allclose([s for _, s, _ in a], [s for _, s, _ in b], atol=1e-5)
    assert [sp for *_, sp in a] == [tuple(sp) for *_, sp in b]


def test_hnsw_remove_and_rebuild(tmp_path, mediation_docs, encoder, pair):
    _, ref = pair
    idx = DenseIndex(tmp_path / "d", encoder=encoder, hnsw_threshold=10)
    idx.add(mediation_docs[:2])
    assert idx.kind == "flat"
    idx.add(mediation_docs[2:])  # past the threshold: rebuilt as HNSW
    assert idx.kind == "hnsw"
    q = QUERIES[0]
    assert [d for d, *_ in idx.ranked(q, 5)] == [d for d, *_ in ref.ranked(q, 5)]
    gone = idx.ranked(q, 1)[0][0]
    idx.remove([gone])  # a tombstone: HNSW cannot delete
    assert idx._deleted and gone not in [d for d, *_ in idx.ranked(q, 10)]
    reopened = DenseIndex(tmp_path / "d", encoder=encoder)
    assert reopened.kind == "hnsw" and gone not in [d for d, *_ in reopened.ranked(q, 10)]
    assert len(reopened) == len(mediation_docs) - 1
    reopened.rebuild()
    assert not reopened._deleted and reopened.index.ntotal == len(list(reopened.table.iter_chunks()))


def test_reload_refuses_mismatched_files(tmp_path, mediation_docs, encoder):
    idx = DenseIndex(tmp_path / "d", encoder=encoder)
    idx.add(mediation_docs[:3])
    saved = (tmp_path / "d" / "dense.faiss").read_bytes()
    idx.add(mediation_docs[3:6])
    (tmp_path / "d" / "dense.faiss").write_bytes(saved)  # an older FAISS file than the records
    with pytest.raises(IndexUnavailable, match="rebuild"):
        DenseIndex(tmp_path / "d", encoder=encoder)


def test_other_encoder_refused(tmp_path, mediation_docs, encoder):
    idx = DenseIndex(tmp_path / "d", encoder=encoder)
    idx.add(mediation_docs[:2])
    with pytest.raises(IndexUnavailable, match="built with use-m3"):
        DenseIndex(tmp_path / "d", encoder="e5-small")


def test_long_documents_are_chunked(encoder):
    from fazhi.index.base import Record

    filler = "。".join(["本段记载与纠纷无关的背景情况，包括当事人的工作经历和家庭成员情况"] * 30)
    text = filler + "\n楼上卫生间防水层老化，漏水导致楼下天花板发霉。\n" + filler
    idx = DenseIndex(encoder=encoder, max_chars=200)
    idx.add([Record(doc_id="long", title="", text=text),
             Record(doc_id="short", title="", text="双方因借款利息计算发生争议。")])
    assert len(idx.table.doc_chunks("long")) > 5
    doc_id, score, (s, e) = idx.ranked("楼上漏水 天花板发霉", 1)[0]
    assert doc_id == "long" and "漏水" in text[s:e]
