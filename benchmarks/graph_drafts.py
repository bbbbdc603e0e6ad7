"""Precision and recall of `fazhi check` on the synthetic drafts (tests/fixtures/graph/drafts/) against their
answer key (expected.json), with a registry built from the laws the drafts cite (laws.txt, ../shared/data/laws).

A finding matches an expected one when the code is the same and the expected fragment is on the line where the
finding starts; DUPLICATE_PROVISION (info) is not scored. The scoring is tests/graph/drafts_key.py's, which
tests/graph/test_graph_drafts.py uses too.

Usage:
    .venv/bin/python benchmarks/graph_drafts.py [--drafts DIR] [--expected FILE] [--only 45-64] [--workers 2] [-v]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "graph"))
from drafts_key import DRAFTS, compare, law_paths, load_expected  # noqa: E402

LAWS = ROOT / ".." / "shared" / "data" / "laws"


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
    expected = load_expected(Path(args.expected or drafts / "expected.json"))
    if args.only:
        lo, hi = (int(x) for x in args.only.split("-"))
        expected = {k: v for k, v in expected.items() if lo <= int(k.split("_")[0]) <= hi}

    from fazhi.graph.build import build_from_paths
    from fazhi.graph.checks import check

    registry = build_from_paths(law_paths(laws), workers=args.workers).registry
    tp = fp = fn = 0
    t0 = time.perf_counter()
    for name, want in sorted(expected.items()):
        text = (drafts / name).read_text(encoding="utf-8")
        r = check(text, registry)
        found, false, left = compare(text, r.findings, want)
        tp += found
        fp += len(false)
        fn += len(left)
        if args.verbose or false or left:
            print(f"{name}: {found}/{len(want)} found ({r.kind}, {r.date})")
            for f in false:
                print("   false:", f.code, f.severity, f.quote)
            for x in left:
                print("   missed:", *x)
    secs = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    print(f"{len(expected)} drafts, {tp + fn} planted problems: found {tp}, missed {fn}, false findings {fp}; "
          f"precision {p:.3f}, recall {rec:.3f}; check {1000 * secs / max(len(expected), 1):.0f} ms per draft")


if __name__ == "__main__":
    main()
