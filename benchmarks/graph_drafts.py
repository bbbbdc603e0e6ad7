"""Precision and recall of `fazhi check` on the synthetic drafts (tests/fixtures/graph/drafts/) against their
answer key (expected.json), with a registry built from the laws the drafts cite (laws.txt, ../shared/data/laws).

A finding matches an expected one when the code is the same and the expected fragment is on the line where the
finding starts (as in tests/graph/test_graph_drafts.py); DUPLICATE_PROVISION (info) is not scored.

Usage:
    .venv/bin/python benchmarks/graph_drafts.py [--drafts DIR] [--expected FILE] [--only 45-64] [--workers 2] [-v]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DRAFTS = ROOT / "tests" / "fixtures" / "graph" / "drafts"
LAWS = ROOT / ".." / "shared" / "data" / "laws"


def _line(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else None]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--drafts", default=str(DRAFTS))
    ap.add_argument("--expected", default=None, help="answer key (default: DRAFTS/expected.json)")
    ap.add_argument("--laws", default=str(LAWS))
    ap.add_argument("--only", default=None, help="a range of draft numbers, e.g. 45-64")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    drafts, laws = Path(args.drafts), Path(args.laws)
    expected = {k: v for k, v in json.loads(Path(args.expected or drafts / "expected.json").read_text(
        encoding="utf-8")).items() if not k.startswith("_")}
    if args.only:
        lo, hi = (int(x) for x in args.only.split("-"))
        expected = {k: v for k, v in expected.items() if lo <= int(k.split("_")[0]) <= hi}

    from fazhi.graph.build import build_from_paths
    from fazhi.graph.checks import check

    titles = {line.strip() for line in (DRAFTS / "laws.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")}
    with open(laws / "manifest.tsv", encoding="utf-8") as fh:
        paths = [laws / r["path"] for r in csv.DictReader(fh, delimiter="\t")
                 if r["title"] in titles and r["level"] not in ("案例", "")]
    registry = build_from_paths(paths, workers=args.workers).registry
    tp = fp = fn = 0
    t0 = time.perf_counter()
    for name, want in sorted(expected.items()):
        text = (drafts / name).read_text(encoding="utf-8")
        r = check(text, registry)
        left = [tuple(w) for w in want]
        false = []
        for f in r.findings:
            if f.code == "DUPLICATE_PROVISION":
                continue
            hit = next((w for w in left if w[0] == f.code and w[1] in _line(text, f.start)), None)
            if hit:
                left.remove(hit)
            else:
                false.append((f.code, f.severity, f.quote))
        tp += len(want) - len(left)
        fp += len(false)
        fn += len(left)
        if args.verbose or false or left:
            print(f"{name}: {len(want) - len(left)}/{len(want)} found ({r.kind}, {r.date})")
            for x in false:
                print("   false:", *x)
            for x in left:
                print("   missed:", *x)
    secs = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    print(f"{len(expected)} drafts, {tp + fn} planted problems: found {tp}, missed {fn}, false findings {fp}; "
          f"precision {p:.3f}, recall {rec:.3f}; check {1000 * secs / max(len(expected), 1):.0f} ms per draft")


if __name__ == "__main__":
    main()
