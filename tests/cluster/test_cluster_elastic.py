"""The cluster backend against a real OpenSearch REST server on loopback (osmem-server).

osmem-server imitates the OpenSearch API in memory: these tests check the API contract (mapping,
bulk, filters, alias swap, scroll, failures), not BM25 scoring. No Elasticsearch server can run here.
"""
import socket
import time

import pytest

pytest.importorskip("opensearchpy")

from fazhi.errors import IndexUnavailable
from fazhi.index.base import Filters, Record
from fazhi.index.elastic import ClusterIndex, build_query

CASES = [
    Record(doc_id="m1", title="楼上漏水纠纷", text="楼上住户卫生间防水层老化，导致楼下天花板渗水发霉，双方就维修费用发生争执。",
           kind="mediation", dispute_type="邻里", region="杭州市西湖区", date="2023-05-02"),
    Record(doc_id="m2", title="民间借贷纠纷", text="张某向李某借款人民币五万元，约定一年内归还，到期后张某以资金紧张为由拒不还款。",
           kind="mediation", dispute_type="借贷", region="杭州市上城区", date="2024-01-15"),
    Record(doc_id="m3", title="物业费纠纷", text="业主以电梯长期故障、小区保洁不到位为由拒交物业费，物业公司催缴未果。",
           kind="mediation", dispute_type="物业", region="杭州市西湖区", date="2024-03-09"),
    Record(doc_id="j1", title="借款合同纠纷判决", text="原告向被告出借款项二十万元，被告出具借条，到期未还，原告诉至法院要求归还借款及利息。",
           kind="judgment", dispute_type="借贷", region="杭州市西湖区", date="2022-11-30"),
]


@pytest.fixture
def idx(cluster_url, tmp_path):
    i = ClusterIndex(cluster_url, backend="opensearch", name="cases", dense="none", max_retries=2, timeout=5)
    assert i.add(CASES) == 4
    return i


def test_lexical_search_and_filters(idx):
    hits = idx.search("借款到期不还", k=3, mode="lexical")
    assert {h.doc_id for h in hits[:2]} == {"m2", "j1"}
    assert "借款" in hits[0].snippet
    assert [h.doc_id for h in idx.search("借款", k=5, filters=Filters(kind="judgment"), mode="lexical")] == ["j1"]
    f = Filters.parse(["region=杭州市西湖", "date=2023-01-01..2024-12-31"])
    assert {h.doc_id for h in idx.search("纠纷 漏水 物业 借款", k=5, filters=f, mode="lexical")} == {"m1", "m3"}
    assert idx.search("借款", k=5, filters=Filters(dispute_type="物业"), mode="lexical") == []


def test_add_is_idempotent_and_delete(idx):
    assert idx.add(CASES[:2]) == 2
    assert len(idx) == 4
    assert idx.remove(["m2", "nope"]) == 1
    assert len(idx) == 3 and "m2" not in idx and "m1" in idx
    assert "m2" not in [h.doc_id for h in idx.search("借款", k=5, mode="lexical")]


def test_export_and_reindex_through_alias(idx):
    exported = {src["doc_id"] for src in idx.export()}
    assert exported == {"m1", "m2", "m3", "j1"}
    assert idx.versions() == ["cases-v1"]
    new = idx.reindex()
    assert new == "cases-v2" and idx.versions() == ["cases-v2"]
    assert len(idx) == 4
    assert idx.search("漏水", k=1, mode="lexical")[0].doc_id == "m1"
    assert idx.hashes()["m1"] == CASES[0].content_hash


def test_hybrid_with_faiss_dense_side(cluster_url, tmp_path):
    i = ClusterIndex(cluster_url, name="hyb", dense="faiss", dense_path=tmp_path / "dense", encoder="use-m3")
    i.add(CASES)
    hits = i.search("邻居家漏水把我家天花板泡坏了", k=3)
    assert hits[0].doc_id == "m1"
    assert set(hits[0].ranks) == {"dense", "lexical"}
    only_j = i.search("借钱不还", k=3, filters=Filters(kind="judgment"))
    assert [h.doc_id for h in only_j] == ["j1"]
    i.remove(["m1"])
    assert "m1" not in [h.doc_id for h in i.search("漏水", k=3)]


def test_query_body_is_shared():
    q = build_query(["借款", "纠纷"], Filters(kind="mediation", region="杭州市"))
    assert q["bool"]["filter"] == [{"terms": {"kind": ["mediation"]}},
                                   {"bool": {"should": [{"prefix": {"region": "杭州市"}}], "minimum_should_match": 1}}]


def _free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_server_down_is_a_clear_bounded_error():
    i = ClusterIndex(f"http://127.0.0.1:{_free_port()}", name="x", dense="none", max_retries=2, timeout=1)
    t = time.time()
    with pytest.raises(IndexUnavailable, match="failed after 2 retries"):
        i.add(CASES)
    assert time.time() - t < 15


def test_429_on_bulk_is_retried_and_nothing_is_indexed_twice(faulty_proxy):
    proxy = faulty_proxy(match="_bulk", status=429, times=2)
    i = ClusterIndex(proxy.url, name="retry", dense="none", max_retries=3, timeout=5)
    assert i.add(CASES) == 4
    assert sum(1 for m, p in proxy.seen if "_bulk" in p) == 3
    assert len(i) == 4 and len({src["doc_id"] for src in i.export()}) == 4


def test_persistent_5xx_gives_up_with_a_clear_error(faulty_proxy):
    proxy = faulty_proxy(match="_search", status=503, times=-1)
    i = ClusterIndex(proxy.url, name="down", dense="none", max_retries=2, timeout=5)
    i.add(CASES)
    with pytest.raises(IndexUnavailable, match="search failed after 2 retries"):
        i.search("借款", mode="lexical")
    assert sum(1 for m, p in proxy.seen if "_search" in p) == 3  # one try and two retries


def test_timeout_is_bounded(faulty_proxy):
    proxy = faulty_proxy(match="_search", delay=2.5)
    i = ClusterIndex(proxy.url, name="slow", dense="none", max_retries=1, timeout=1)
    i.add(CASES)
    t = time.time()
    with pytest.raises(IndexUnavailable):
        i.search("借款", mode="lexical")
    assert time.time() - t < 10
