"""Cluster backend figures: bulk indexing throughput, query latency, embedded vs cluster, crawl scale-out.

    python benchmarks/cluster.py [--docs 100000] [--queries 200] [--skip-crawl]

The cluster is osmem-server (an in-memory imitation of the OpenSearch REST API, started here on loopback):
the figures measure fazhi's client side (tokenising, bulk requests, query building, snippets) and the HTTP
round trips, not a real OpenSearch node's indexing or scoring speed. The embedded tantivy index is measured
on the same documents and queries in the same run.

Documents are synthesised from ../shared/data: each combines 3-6 random paragraphs of judgment facts and
law articles, so no two are the same.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data"


def paragraphs(limit_laws: int = 400) -> list[str]:
    paras = []
    with open(DATA / "judgments" / "cjrc_fact_paragraphs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            paras += [p for p in text.replace("。", "。\n").splitlines() if len(p) > 15]
    laws = sorted((DATA / "laws").rglob("*.md"))[:limit_laws]
    for p in laws:
        paras += [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.startswith("第") and len(ln) > 20]
    return paras


def synth(n: int, seed: int = 7):
    from fazhi.index.base import Record

    rng = random.Random(seed)
    paras = paragraphs()
    kinds = ["mediation", "judgment", "regulation", "post"]
    types = ["邻里", "借贷", "物业", "劳动争议", "婚姻家庭", "交通事故", "消费", "合同"]
    regions = ["杭州市西湖区", "杭州市上城区", "杭州市滨江区", "宁波市鄞州区"]
    for i in range(n):
        text = "".join(rng.sample(paras, rng.randint(3, 6)))
        yield Record(doc_id=f"s{i}", title=text[:18], text=text, kind=rng.choice(kinds),
                     dispute_type=rng.choice(types), region=rng.choice(regions),
                     date=f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def bench_search(n_docs: int, n_queries: int) -> dict:
    import resource

    from osmem_server import OsmemServer

    from fazhi.index.elastic import ClusterIndex
    from fazhi.index.lexical import LexicalIndex

    records = list(synth(n_docs))
    rng = random.Random(3)
    queries = [r.text[rng.randint(0, max(0, len(r.text) - 40)):][:30] for r in rng.sample(records, n_queries)]
    out = {"docs": n_docs, "queries": n_queries,
           "mb_text": round(sum(len(r.text.encode()) for r in records) / 1e6, 1)}
    with OsmemServer.start() as server:
        idx = ClusterIndex(server.url, name="bench", dense="none", chunk_size=1000, timeout=60)
        t = time.perf_counter()
        n = idx.add(records, refresh=True)
        secs = time.perf_counter() - t
        out["cluster_bulk"] = {"indexed": n, "seconds": round(secs, 1), "docs_per_s": round(n / secs)}
        lat = []
        for q in queries:
            t = time.perf_counter()
            idx.search(q, k=10, mode="lexical")
            lat.append((time.perf_counter() - t) * 1000)
        out["cluster_query_ms"] = {"p50": round(pct(lat, 50), 1), "p95": round(pct(lat, 95), 1)}
    with tempfile.TemporaryDirectory() as tmp:
        lex = LexicalIndex(Path(tmp) / "lex")
        t = time.perf_counter()
        lex.add(records)
        lex.save()
        secs = time.perf_counter() - t
        out["embedded_build"] = {"seconds": round(secs, 1), "docs_per_s": round(n_docs / secs)}
        lat = []
        for q in queries:
            t = time.perf_counter()
            lex.search(q, k=10)
            lat.append((time.perf_counter() - t) * 1000)
        out["embedded_query_ms"] = {"p50": round(pct(lat, 50), 1), "p95": round(pct(lat, 95), 1)}
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--skip-crawl", action="store_true")
    args = ap.parse_args()
    result = {"date": str(date.today()), "cores": os.cpu_count(), "search": bench_search(args.docs, args.queries)}
    if not args.skip_crawl:
        try:
            from benchmarks.crawl_cluster import bench_crawl_scaleout
        except ImportError:
            sys.path.insert(0, str(REPO / "benchmarks"))
            from crawl_cluster import bench_crawl_scaleout
        result["crawl"] = bench_crawl_scaleout()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    out = REPO / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "cluster.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
