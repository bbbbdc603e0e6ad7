"""Retrieval benchmark: accuracy on CAIL2019-SCM and speed / memory at scale.

1. Accuracy on ../shared/data/retrieval/scm_dev.jsonl (150 triplets: A is more similar to B than to C).
   All B and C texts (300 documents) form one index; for each A the full ranking decides whether B comes
   before C. Modes: a plain BM25 (Okapi, k1=1.2, b=0.75, over the same jieba tokens, pure Python), the
   tantivy lexical index, dense with each encoder, and hybrid (RRF k=60) with each encoder.
2. Scale: N synthetic documents, each 2-4 paragraphs drawn at random from the real judgment fact
   paragraphs (../shared/data/judgments) and law articles (../shared/data/laws), with random kind, dispute
   type, region and date. Index build time (use-m3), hybrid query latency including query encoding (200
   real consultation questions from ../shared/data/cls), peak memory and index size.

Passages repeat across synthetic documents (they are recombined paragraphs), and the embedding cache
encodes each distinct passage once; so the build time is reported together with the number of passages
actually encoded and the measured encoding rate, and the time an all-distinct corpus would need is
extrapolated from that rate.

Usage:
    .venv/bin/python benchmarks/retrieval.py                      # both parts, 100k documents
    .venv/bin/python benchmarks/retrieval.py --skip-scale         # accuracy only
    .venv/bin/python benchmarks/retrieval.py --skip-scm --docs 20000

Writes benchmarks/out/retrieval.json.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

REPO = Path(__file__).resolve().parents[1]
DATA = (REPO / ".." / "shared" / "data").resolve()
OUT = REPO / "benchmarks" / "out"
sys.path.insert(0, str(REPO))

from fazhi.index.base import Record  # noqa: E402
from fazhi.index.embed import Encoder  # noqa: E402
from fazhi.index.hybrid import HybridIndex  # noqa: E402
from fazhi.index.lexical import LexicalIndex, tokenize  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# -- 1. SCM accuracy -------------------------------------------------------------------------------------
class PlainBM25:
    """Okapi BM25 over token lists; query terms counted once each."""

    def __init__(self, docs: dict[str, list[str]], k1: float = 1.2, b: float = 0.75):
        self.docs = {d: Counter(t) for d, t in docs.items()}
        self.len = {d: len(t) for d, t in docs.items()}
        self.avg = sum(self.len.values()) / len(self.len)
        df = Counter(t for c in self.docs.values() for t in c)
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.k1, self.b = k1, b

    def ranking(self, query: list[str]) -> list[str]:
        terms = set(query)
        scores = {}
        for d, c in self.docs.items():
            s = 0.0
            for t in terms:
                f = c.get(t)
                if f:
                    s += self.idf[t] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * self.len[d] / self.avg))
            scores[d] = s
        return sorted(scores, key=lambda d: -scores[d])


def scm_accuracy(encoders: list[str]) -> dict:
    rows = [json.loads(x) for x in (DATA / "retrieval" / "scm_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    ids: dict[str, str] = {}
    for r in rows:
        for k in "BC":
            r[k + "id"] = ids.setdefault(r[k], f"scm-{len(ids)}")
    records = [Record(doc_id=i, title="", text=t) for t, i in ids.items()]
    n = len(records)

    def acc(rank_fn) -> float:
        ok = 0
        for r in rows:
            pos = {d: i for i, d in enumerate(rank_fn(r["A"]))}
            ok += pos.get(r["Bid"], 10**9) < pos.get(r["Cid"], 10**9)
        return round(ok / len(rows), 4)

    out = {"triplets": len(rows), "documents": n}
    toks = {r.doc_id: tokenize(r.text) for r in records}
    bm25 = PlainBM25(toks)
    out["bm25_plain"] = acc(lambda q: bm25.ranking(tokenize(q)))
    print(f"scm  plain BM25      {out['bm25_plain']:.4f}", flush=True)
    lex = LexicalIndex()
    lex.add(records)
    out["lexical"] = acc(lambda q: [d for d, _ in lex.ranked(q, n)])
    print(f"scm  lexical tantivy {out['lexical']:.4f}", flush=True)
    for name in encoders:
        enc = Encoder(name, cache=OUT / "cache" / f"scm-{name}.sqlite")
        t = time.perf_counter()
        idx = HybridIndex(encoder=enc)
        idx.add(records)
        build = time.perf_counter() - t
        for mode in ("dense", "hybrid"):
            key = f"{mode}_{name}"
            out[key] = acc(lambda q: [d for d, *_ in idx.ranked(q, n, mode=mode)])
            print(f"scm  {key:<17} {out[key]:.4f}", flush=True)
        out[f"build_seconds_{name}"] = round(build, 1)
        out[f"encoded_{name}"] = enc.encoded
    best = max((k for k in out if k.startswith(("bm25", "lexical", "dense", "hybrid"))), key=lambda k: out[k])
    out["best"] = {"mode": best, "accuracy": out[best]}
    return out


# -- 2. scale ---------------------------------------------------------------------------------------------
KINDS = ["mediation", "judgment", "post", "other"]
TYPES = ["邻里", "婚姻家庭", "劳动争议", "借贷", "合同", "物业", "交通事故", "损害赔偿", "消费", "房屋宅基地"]
REGIONS = ["杭州市西湖区", "杭州市上城区", "宁波市海曙区", "上海市浦东新区", "北京市朝阳区", "成都市武侯区"]


def paragraph_pool(size: int, seed: int = 7) -> list[str]:
    """``size`` distinct paragraphs of 201-399 characters (judgment sentences joined, law articles).

    Any two of them are longer than a passage window (400), so every paragraph of a synthetic document is
    one passage of its own: the passages of the corpus repeat, and the embedding cache encodes each
    distinct one once.
    """
    rnd = random.Random(seed)
    paras = []
    for line in (DATA / "judgments" / "cjrc_fact_paragraphs.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)["text"]
        cur = ""
        for part in re.split(r"(?<=。)", t):
            cur += part
            if len(cur) > 200:
                if len(cur) < 400:
                    paras.append(cur)
                cur = ""
    for f in sorted((DATA / "laws").rglob("*.md"))[:300]:
        for m in re.finditer(r"^第[一二三四五六七八九十百千零]+条[^\n]{200,390}$", f.read_text(encoding="utf-8"), re.M):
            paras.append(m.group())
    paras = sorted(set(paras))
    rnd.shuffle(paras)
    return paras[:size]


def synth_docs(n: int, pool: list[str], seed: int = 7):
    rnd = random.Random(seed)
    for i in range(n):
        k = rnd.randint(2, 4)
        text = "\n".join(rnd.choice(pool) for _ in range(k))
        y, m, d = rnd.randint(2015, 2025), rnd.randint(1, 12), rnd.randint(1, 28)
        yield Record(doc_id=f"syn-{i}", title="", text=text, kind=rnd.choice(KINDS), dispute_type=rnd.choice(TYPES),
                     region=rnd.choice(REGIONS), date=f"{y:04d}-{m:02d}-{d:02d}")


def scale(n_docs: int, model: str, n_queries: int, pool_size: int, batch: int = 5000) -> dict:
    pool = paragraph_pool(pool_size)
    print(f"scale: {n_docs} documents from a pool of {len(pool)} paragraphs, encoder {model}", flush=True)
    path = OUT / f"scale-{n_docs}"
    shutil.rmtree(path, ignore_errors=True)
    enc = Encoder(model, cache=OUT / "cache" / f"scale-{model}.sqlite")
    # encoding rate on distinct passages, measured on its own (the cache is bypassed)
    probe = pool[:100]
    t, c = time.perf_counter(), time.process_time()
    Encoder(model, cache=None).encode_passages(probe)
    rate = len(probe) / (time.perf_counter() - t)
    cpu_rate = len(probe) / (time.process_time() - c)
    print(f"  encoding rate {rate:.1f} passages/s wall, {cpu_rate:.1f} per CPU second (distinct, avg "
          f"{statistics.mean(map(len, probe)):.0f} chars)", flush=True)
    idx = HybridIndex(path, encoder=enc)
    t0, c0 = time.perf_counter(), time.process_time()
    t_dense = t_lex = 0.0
    docs = synth_docs(n_docs, pool)
    done = 0
    while True:
        part = [r for _, r in zip(range(batch), docs)]
        if not part:
            break
        t = time.perf_counter()
        idx.dense.add(part)
        t_dense += time.perf_counter() - t
        t = time.perf_counter()
        idx.lexical.add(part)
        t_lex += time.perf_counter() - t
        done += len(part)
        print(f"  {done} docs, {time.perf_counter() - t0:.0f} s, rss {current_rss_mb():.0f} MB", flush=True)
    build = time.perf_counter() - t0
    build_cpu = time.process_time() - c0
    passages = idx.dense.index.ntotal
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    cache_size = sum(p.stat().st_size for p in (OUT / "cache").glob(f"scale-{model}.sqlite*"))
    queries = [json.loads(x)["text"] for x in
               (DATA / "cls" / "consultation_topic_dev.jsonl").read_text(encoding="utf-8").splitlines()][:n_queries]
    # reopen as a user would (fast path: no sentence-transformers import needed for queries)
    idx = HybridIndex(path, encoder=Encoder(model, use_st=False))
    idx.search(queries[0], k=10)  # warm up: model load, jieba dictionary
    lat = {"hybrid": [], "dense": [], "lexical": [], "encode": []}
    cpu = {k: [] for k in lat}
    for q in queries:
        for mode in ("hybrid", "dense", "lexical"):
            t, c = time.perf_counter(), time.process_time()
            idx.search(q, k=10, mode=mode)
            lat[mode].append((time.perf_counter() - t) * 1000)
            cpu[mode].append((time.process_time() - c) * 1000)
        t, c = time.perf_counter(), time.process_time()
        idx.encoder.encode_queries(q)
        lat["encode"].append((time.perf_counter() - t) * 1000)
        cpu["encode"].append((time.process_time() - c) * 1000)

    def pct(xs, p):
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))], 2)

    out = {"documents": n_docs, "pool_paragraphs": len(pool), "passages": passages, "dense_structure": idx.dense.kind,
           "encoded_passages": enc.encoded, "encoding_rate_per_s": round(rate, 1),
           "encoding_rate_per_cpu_s": round(cpu_rate, 1),
           "build_seconds": round(build, 1), "build_cpu_seconds": round(build_cpu, 1),
           "build_cpu_seconds_all_distinct_estimate": round(build_cpu + (passages - enc.encoded) / cpu_rate, 1), "dense_seconds": round(t_dense, 1), "lexical_seconds": round(t_lex, 1),
           # what the build would take if no passage repeated: add the encoding the cache saved
           "build_seconds_all_distinct_estimate": round(build + (passages - enc.encoded) / rate, 1),
           "index_bytes": size, "embedding_cache_bytes": cache_size, "peak_rss_mb": round(rss_mb(), 1),
           "queries": len(queries)}
    for mode, xs in lat.items():
        out[f"{mode}_ms_p50"] = pct(xs, 50)
        out[f"{mode}_ms_p95"] = pct(xs, 95)
        out[f"{mode}_cpu_ms_p50"] = pct(cpu[mode], 50)
        out[f"{mode}_cpu_ms_p95"] = pct(cpu[mode], 95)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--model", default="use-m3")
    ap.add_argument("--encoders", default="use-m3,e5-small")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--pool", type=int, default=1000, help="distinct paragraphs the documents are made of")
    ap.add_argument("--skip-scm", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    result = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpus": os.cpu_count(),
              "load_average_at_start": os.getloadavg()}
    try:
        result["cpu_model"] = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    if not args.skip_scm:
        result["scm"] = scm_accuracy(args.encoders.split(","))
    if not args.skip_scale:
        result["scale"] = scale(args.docs, args.model, args.queries, args.pool)
        print(json.dumps(result["scale"], indent=2), flush=True)
    result["load_average_at_end"] = os.getloadavg()
    name = "retrieval.json" if not (args.skip_scm or args.skip_scale) else \
        ("retrieval-scale.json" if args.skip_scm else "retrieval-scm.json")
    (OUT / name).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
