"""Benchmark the law registry, graph and checks on ../shared/data/laws (all 3,475 files).

Measures (issue 4):
  * registry + graph (+ duplicate index) from all files, with 2 worker processes  (goal <= 60 s)
  * loading the persisted registry and graph                                      (goal <= 2 s)
  * `fazhi check` on a 10-page document: warm call (goal <= 1 s), CLI wall time (goal <= 3 s)
  * check over every current law text: error findings per 1,000 citations, twice:
      - as of each text's own date (a checker false-positive probe: texts were consistent when made),
      - as of today (the cleanup view: current texts that still cite repealed laws or moved articles);
    a reproducible random sample of error findings is written out for hand review.

Usage:
    .venv/bin/python benchmarks/graph.py [--laws ../shared/data/laws] [--workers 2] [--sample 40]

Writes benchmarks/out/graph.json and benchmarks/out/graph_findings_sample.jsonl.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._machine import cpu_model  # noqa: E402




def corpus_checks(reg, laws: Path):
    """Check every current law text of ``laws`` (the newest version of each law in force in ``reg``; guides and
    cases are not law texts) as of its own date, then as of today: yields (mode, law, version, document, result),
    mode ``own_date`` or ``today``."""
    from fazhi.graph.build import iter_law_documents
    from fazhi.graph.checks import check
    from fazhi.graph.registry import RANKS

    current = {}
    for law in reg.laws.values():
        if law.versions and not law.repealed:
            v = law.versions[-1]
            for s in v.sources:
                current[str(Path(s).resolve())] = (law, v)
    today = time.strftime("%Y-%m-%d")
    for doc in iter_law_documents([laws]):
        key = str(Path(doc.source).resolve()) if doc.source else None
        if key not in current:
            continue
        law, v = current[key]
        if law.rank is None and doc.metadata.get("level") in ("其他", "案例"):
            continue
        for mode, date in (("own_date", v.start or None), ("today", today)):
            yield mode, law, v, doc, check(doc, reg, kind=law.rank if law.rank in RANKS else None, date=date,
                                           title=law.title)


def ten_page_document(laws: Path) -> tuple[str, str]:
    """A real current local regulation of about 10 pages (~15,000 characters), as a plain-text draft."""
    from fazhi.corpora.lawrefbook import parse_lawrefbook

    best = None
    for p in sorted(laws.rglob("*.md")):
        size = p.stat().st_size
        if 36_000 <= size <= 54_000:  # UTF-8: ~3 bytes per character
            text = p.read_text(encoding="utf-8")
            if "expired" in text[:0] or text.count("《") < 10:
                continue
            doc = parse_lawrefbook(text, str(p))
            if abs(len(doc.text) - 15000) < 2500 and doc.metadata.get("lawrefbook_flag") == "current":
                n = doc.text.count("《")
                if best is None or n > best[2]:
                    best = (str(p.relative_to(laws)), doc.text, n)
    if best is None:
        raise SystemExit("no document of about 15,000 characters found")
    return best[0], best[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--laws", default=str(ROOT / ".." / "shared" / "data" / "laws"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    args = ap.parse_args()
    laws = Path(args.laws).resolve()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = {"machine": {"cores": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version()},
              "date": time.strftime("%Y-%m-%d"), "laws": str(laws)}

    from fazhi.graph.build import build_from_paths, load_graph, save_graph
    from fazhi.graph.checks import check
    from fazhi.graph.dupes import DuplicateIndex
    from fazhi.graph.registry import Registry

    import resource

    home = Path(tempfile.mkdtemp(prefix="fazhi-graph-bench-"))
    gdir = home / "graph"
    files = sum(1 for p in laws.rglob("*.md"))
    with open("/proc/loadavg") as fh:
        result["machine"]["load_average_before"] = fh.read().split()[:3]

    def cpu():
        a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

    t, c = time.perf_counter(), cpu()
    built = build_from_paths([laws], workers=args.workers)
    build_s = time.perf_counter() - t
    build_cpu = cpu() - c
    t = time.perf_counter()
    sizes = save_graph(built, gdir)
    save_s = time.perf_counter() - t
    result["build"] = {"files": files, "workers": args.workers, "seconds": round(build_s, 2),
                       "cpu_seconds": round(build_cpu, 2),
                       "save_seconds": round(save_s, 2), "goal_seconds": 60,
                       **{k: v for k, v in built.stats.items() if k != "errors"}, "failures": len(built.stats["errors"]),
                       "registry_bytes": sizes["registry_bytes"], "graph_bytes": sizes["graph_bytes"]}
    print(f"build: {files} files in {build_s:.1f} s wall, {build_cpu:.1f} s CPU (+{save_s:.1f} s save): {built.stats['laws']} laws, "
          f"{built.stats['versions']} versions, {built.stats['repeal_clauses']} repeal clauses, "
          f"{built.stats['nodes']} nodes, {built.stats['edges']} edges")
    del built
    gc.collect()

    # load, in a fresh process (what a later command pays)
    code = ("import time;t=time.perf_counter();from fazhi.graph.registry import Registry;"
            f"r=Registry.load({str(gdir)!r});a=time.perf_counter()-t;"
            "from fazhi.graph.build import load_graph;from fazhi.graph.dupes import DuplicateIndex;"
            f"g=load_graph({str(gdir)!r});b=time.perf_counter()-t;DuplicateIndex.load({str(gdir)!r});"
            "c=time.perf_counter()-t;print(a,b,c)")
    loads = []
    for _ in range(3):
        o = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        loads.append([float(x) for x in o])
    best = min(loads, key=lambda x: x[2])
    result["load"] = {"registry_seconds": round(best[0], 3), "registry_and_graph_seconds": round(best[1], 3),
                      "all_with_duplicate_index_seconds": round(best[2], 3), "goal_seconds": 2}
    print(f"load: registry {best[0]:.2f} s, +graph {best[1]:.2f} s, +duplicate index {best[2]:.2f} s")

    reg = Registry.load(gdir)
    dupes = DuplicateIndex.load(gdir)

    # 10-page document
    rel, text = ten_page_document(laws)
    draft = home / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    check(text, reg, duplicates=dupes)  # warm
    warm = []
    for _ in range(5):
        t = time.perf_counter()
        r = check(text, reg, duplicates=dupes)
        warm.append(time.perf_counter() - t)
    cli = []
    env = dict(os.environ, FAZHI_HOME=str(home))
    fazhi = str(Path(sys.executable).with_name("fazhi"))
    for _ in range(3):
        t = time.perf_counter()
        p = subprocess.run([fazhi, "check", str(draft), "--json"], capture_output=True, text=True, env=env)
        cli.append(time.perf_counter() - t)
        assert p.returncode in (0, 1), p.stderr
    result["check_10_pages"] = {"document": rel, "characters": len(text), "citations": r.citations,
                                "findings": len(r.findings), "warm_seconds": round(min(warm), 3),
                                "cli_seconds": round(min(cli), 3), "goal_warm_seconds": 1, "goal_cli_seconds": 3}
    print(f"check, 10 pages ({len(text):,} chars, {r.citations} citations): warm {min(warm) * 1000:.0f} ms, "
          f"CLI {min(cli):.2f} s")

    modes = {"own_date": Counter(), "today": Counter()}
    cites = {"own_date": 0, "today": 0}
    errors_sample = {"own_date": [], "today": []}
    t = time.perf_counter()
    docs = 0
    for mode, law, v, doc, res in corpus_checks(reg, laws):
        docs += mode == "own_date"
        cites[mode] += res.citations
        for f in res.findings:
            modes[mode][(f.code, f.severity)] += 1
            if f.severity == "error":
                errors_sample[mode].append({"law": law.title, "version": v.date, "date": res.date, "code": f.code,
                                            "quote": f.quote, "message": f.message, "severity": f.severity,
                                            "context": doc.text[max(0, f.start - 60):f.end + 60]})
    corpus_s = time.perf_counter() - t
    result["corpus_check"] = {"documents": docs, "seconds": round(corpus_s, 1)}
    for mode in modes:
        errs = sum(n for (c, s), n in modes[mode].items() if s == "error")
        result["corpus_check"][mode] = {
            "citations": cites[mode], "error_findings": errs,
            "errors_per_1000_citations": round(1000 * errs / cites[mode], 2) if cites[mode] else None,
            "by_code": {f"{c}/{s}": n for (c, s), n in sorted(modes[mode].items())}}
        print(f"corpus check ({mode}): {docs} current texts, {cites[mode]:,} citations, {errs} error findings = "
              f"{1000 * errs / max(cites[mode], 1):.2f} per 1,000 citations; "
              + ", ".join(f"{c}/{s} {n}" for (c, s), n in sorted(modes[mode].items())))
    rng = random.Random(4)
    with (out_dir / "graph_findings_sample.jsonl").open("w", encoding="utf-8") as fh:
        for mode, items in errors_sample.items():
            for item in rng.sample(items, min(args.sample, len(items))):
                fh.write(json.dumps(dict(item, mode=mode), ensure_ascii=False) + "\n")
    (out_dir / "graph.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {out_dir / 'graph.json'} and {out_dir / 'graph_findings_sample.jsonl'}")


if __name__ == "__main__":
    main()
