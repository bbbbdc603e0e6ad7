"""CITE_STALE_NUMBER: article numbers stale after a revision (filing review).

Scores `check` on the sentences of tests/fixtures/graph/stale_numbers/key.jsonl (written before the first run):
12 draft sentences that cite, after a revision, the number an article had before it (《行政复议法》第九条 for the
60-day limit, now 第二十条 …) and 12 correct citations that paraphrase the article in force. A stale sentence is
found when a CITE_STALE_NUMBER finding names one of its ``meant`` articles (or, naming none, says the number is that
of the version before); any CITE_STALE_NUMBER on a correct sentence, or naming another article, is false.

With --corpus, also checks every current law text of ../shared/data/laws as of its own date and as of today (the
texts, ranks and dates of benchmarks/graph.py) and writes the CITE_STALE_NUMBER findings of both to --corpus-out for
reading by hand, a reproducible random sample of --sample of them (marked "sample") first.

Usage:
    .venv/bin/python benchmarks/graph_stale_numbers.py [--graph DIR] [--corpus] [--sample 30] [-v]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LAWS = ROOT / ".." / "shared" / "data" / "laws"
KEY = ROOT / "tests" / "fixtures" / "graph" / "stale_numbers" / "key.jsonl"


def score(registry, verbose=False):
    from fazhi.graph.checks import check

    rows = [json.loads(line) for line in KEY.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = 0
    out = []
    for r in rows:
        res = check(r["text"], registry, date=r["date"])
        hits = [f for f in res.findings if f.code == "CITE_STALE_NUMBER"]
        meant = set(r.get("meant") or ())
        good = [f for f in hits if f.evidence.get("meant_article") in meant or
                (f.evidence.get("meant_article") is None and r["stale"])]
        if r["stale"]:
            if good:
                tp += 1
            else:
                fn += 1
            fp += len(hits) - len(good[:1])
        else:
            fp += len(hits)
        verdict = ("ok" if (bool(good) if r["stale"] else not hits) else "WRONG")
        out.append({"id": r["id"], "stale": r["stale"], "verdict": verdict,
                    "findings": [[f.code, f.message, f.evidence] for f in hits]})
        if verbose or verdict != "ok":
            print(f"{r['id']} {verdict}: {r['text'][:60]}")
            for f in hits:
                print("    ", f.message)
                print("    ", {k: f.evidence[k] for k in ("cited_overlap", "meant_article", "meant_overlap",
                                                         "previous_overlap", "meant_shared")})
    p = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return {"sentences": len(rows), "stale": tp + fn, "found": tp, "missed": fn, "false": fp,
            "precision": round(p, 3), "recall": round(rec, 3), "rows": out}


def corpus(registry, laws: Path, out_path: Path, sample: int, seed: int = 4):
    """CITE_STALE_NUMBER over every current law text, chosen and dated as benchmarks/graph.py does."""
    from benchmarks.graph import corpus_checks

    found = {"own_date": [], "today": []}
    cites = {"own_date": 0, "today": 0}
    docs = 0
    t0 = time.perf_counter()
    for mode, law, v, doc, res in corpus_checks(registry, laws):
        docs += mode == "own_date"
        cites[mode] += res.citations
        for f in res.findings:
            if f.code == "CITE_STALE_NUMBER":
                found[mode].append({"mode": mode, "law": law.title, "version": v.date, "date": res.date,
                                    "quote": f.quote, "message": f.message, "evidence": f.evidence})
    rnd = random.Random(seed)
    pool = found["own_date"] + found["today"]
    picked = rnd.sample(range(len(pool)), min(sample, len(pool)))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as fh:
        for i in picked:
            fh.write(json.dumps({"sample": True, **pool[i]}, ensure_ascii=False) + "\n")
        for i, x in enumerate(pool):
            if i not in picked:
                fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    return {"documents": docs, "citations": cites, "own_date": len(found["own_date"]),
            "today": len(found["today"]), "seconds": round(time.perf_counter() - t0, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--graph", default=None, help="a `fazhi graph build` output directory (default: build now)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", action="store_true", help="also run over the current texts of the corpus")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--corpus-out", default=str(ROOT / "benchmarks" / "out" / "graph_stale_numbers.jsonl"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.graph:
        from fazhi.graph.registry import Registry

        registry = Registry.load(args.graph)
    else:
        from fazhi.graph.build import build_from_paths

        registry = build_from_paths([LAWS], workers=args.workers).registry
    print(f"registry ready in {time.perf_counter() - t0:.1f} s")
    s = score(registry, args.verbose)
    print(f"{s['sentences']} sentences, {s['stale']} stale: found {s['found']}, missed {s['missed']}, "
          f"false {s['false']}; precision {s['precision']:.3f}, recall {s['recall']:.3f}")
    if args.corpus:
        c = corpus(registry, LAWS, Path(args.corpus_out), args.sample)
        print(f"corpus: {c['documents']} current texts, {c['citations']['today']} citations; CITE_STALE_NUMBER as of each "
              f"text's own date {c['own_date']}, as of today {c['today']} ({c['seconds']} s); "
              f"findings in {args.corpus_out} (first {args.sample}: the sample)")


if __name__ == "__main__":
    main()
