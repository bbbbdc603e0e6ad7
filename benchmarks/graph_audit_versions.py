"""Third graph audit: versions and renumbering. Scores `fazhi check` on the drafts of
tests/fixtures/graph/versions/ (key: expected.json there, written before the first run) and `graph impact` on 6
amended laws against the citers found by grep (impact_grep.json, from benchmarks/graph_impact_grep.py).

Drafts: a key ``FILE@DATE`` is FILE checked with ``date=DATE`` (as `fazhi check FILE --date DATE`); a finding
matches an expected one by tests/graph/drafts_key.py's rule (same code, fragment on the finding's line).
Precision and recall are given overall and per code.

Impact: for each target, recall of the grep citers among `impact(...)["direct"]` (titles; a citer the registry knows
to be repealed is rightly left out, and counted apart), the direct citers grep did not find (listed with -v, to
read: unbracketed names such as 依照民事诉讼法的有关规定), and whether each citer's ``cited_version`` is the target version promulgated last on or
before the citer's date in manifest.tsv (``早于已收录版本`` when there is none).

The registry and graph are built from all of ../shared/data/laws (about 15-50 s on 2 cores), or loaded with
--graph DIR (a `fazhi graph build` output).

Usage:
    .venv/bin/python benchmarks/graph_audit_versions.py [--graph DIR] [--workers 2] [-v] [--json OUT]
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "graph"))
from drafts_key import compare, load_expected  # noqa: E402

LAWS = ROOT / ".." / "shared" / "data" / "laws"
DRAFTS = ROOT / "tests" / "fixtures" / "graph" / "versions"
TARGETS = ["行政复议法", "公司法", "民事诉讼法", "反垄断法", "野生动物保护法", "慈善法"]


def score_drafts(registry, verbose=False):
    from fazhi.graph.checks import check

    expected = load_expected(DRAFTS / "expected.json")
    per = collections.defaultdict(lambda: [0, 0, 0])  # code -> [tp, fp, fn]
    rows = []
    for key, want in sorted(expected.items()):
        name, _, date = key.partition("@")
        text = (DRAFTS / name).read_text(encoding="utf-8")
        r = check(text, registry, date=date or None)
        found, false, left = compare(text, r.findings, want)
        matched = [tuple(w) for w in want if list(w) not in [list(x) for x in left]]
        for code, _ in matched:
            per[code][0] += 1
        for f in false:
            per[f.code][1] += 1
        for code, _ in left:
            per[code][2] += 1
        rows.append({"key": key, "kind": r.kind, "date": r.date, "found": found, "want": len(want),
                     "false": [[f.code, f.severity, f.quote, f.message] for f in false],
                     "missed": [list(x) for x in left]})
        if verbose or false or left:
            print(f"{key}: {found}/{len(want)} ({r.kind}, {r.date})")
            for f in false:
                print("   false:", f.code, f.severity, f.quote, "|", f.message[:120])
            for x in left:
                print("   missed:", *x)
    tp = sum(v[0] for v in per.values())
    fp = sum(v[1] for v in per.values())
    fn = sum(v[2] for v in per.values())
    codes = {c: {"tp": v[0], "fp": v[1], "fn": v[2],
                 "precision": round(v[0] / (v[0] + v[1]), 3) if v[0] + v[1] else None,
                 "recall": round(v[0] / (v[0] + v[2]), 3) if v[0] + v[2] else None} for c, v in sorted(per.items())}
    return {"checks": len(expected), "planted": tp + fn, "found": tp, "missed": fn, "false": fp,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0, "per_code": codes, "rows": rows}


def target_versions(short):
    with open(LAWS / "manifest.tsv", encoding="utf-8") as fh:
        return sorted({r["publish"] for r in csv.DictReader(fh, delimiter="\t") if r["title"] == short and r["publish"]})


def score_impact(graph, registry, verbose=False):
    from fazhi.graph.queries import EARLIER_VERSION, impact

    key = json.loads((DRAFTS / "impact_grep.json").read_text(encoding="utf-8"))
    out = {}
    for short in TARGETS:
        want = key[short]
        res = impact(graph, registry, short)
        direct = {e["title"]: e for e in res["direct"]}
        canon = {t: (registry.get(t).title if registry.get(t) is not None else t) for t in want}
        missed = sorted(t for t in want if canon[t] not in direct)
        # grep cannot see repeals: a citer the registry knows to be repealed is rightly left out of the list
        repealed = sorted(t for t in missed if registry.get(t) is not None and registry.status(t) == "已废止")
        missed = [t for t in missed if t not in repealed]
        want = {t: v for t, v in want.items() if t not in repealed}
        extra = sorted(t for t in direct if t not in set(canon.values()))
        versions = target_versions(short)
        wrong_version = []
        for t, info in want.items():
            e = direct.get(canon[t])
            if e is None or not info["date"]:
                continue
            before = [v for v in versions if v <= info["date"]]
            exp = before[-1] if before else EARLIER_VERSION
            got = e["cited_version"] or e["cited_version_status"]
            if got != exp:
                wrong_version.append([t, info["date"], exp, got, e["cited_version_status"]])
        out[short] = {"grep": len(want), "direct": len(direct), "found": len(want) - len(missed),
                      "recall": round((len(want) - len(missed)) / len(want), 3) if want else 1.0,
                      "missed": missed, "repealed_citers": repealed, "extra": extra,
                      "cited_version_wrong": wrong_version,
                      "transitive": res["counts"]["transitive"]}
        print(f"impact {short}: grep {len(want)} in force (+{len(repealed)} repealed since, left out), direct "
              f"{len(direct)}, found {len(want) - len(missed)}, missed {len(missed)}, extra {len(extra)}, "
              f"cited_version differs {len(wrong_version)}")
        if verbose or missed:
            for t in missed:
                print("   missed:", t, want[t])
        if verbose:
            for t in extra:
                print("   extra:", t, direct[t]["version"], direct[t]["articles"][:5])
        for w in wrong_version:
            print("   cited_version:", *w)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--graph", default=None, help="a `fazhi graph build` output directory (default: build now)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", default=None, help="write the figures here")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.graph:
        from fazhi.graph.build import load_graph
        from fazhi.graph.registry import Registry

        registry, graph = Registry.load(args.graph), load_graph(args.graph)
    else:
        from fazhi.graph.build import build_from_paths

        built = build_from_paths([LAWS], workers=args.workers)
        registry, graph = built.registry, built.graph
    print(f"registry and graph ready in {time.perf_counter() - t0:.1f} s")
    d = score_drafts(registry, args.verbose)
    print(f"{d['checks']} checks, {d['planted']} planted problems: found {d['found']}, missed {d['missed']}, "
          f"false findings {d['false']}; precision {d['precision']:.3f}, recall {d['recall']:.3f}")
    for code, v in d["per_code"].items():
        print(f"   {code:28s} tp {v['tp']:2d}  fp {v['fp']:2d}  fn {v['fn']:2d}  P {v['precision']}  R {v['recall']}")
    imp = score_impact(graph, registry, args.verbose)
    if args.json:
        Path(args.json).write_text(json.dumps({"drafts": d, "impact": imp}, ensure_ascii=False, indent=1),
                                   encoding="utf-8")


if __name__ == "__main__":
    main()
