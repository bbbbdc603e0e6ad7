"""Audit of what a 规范性文件 / 规章 / 法规 may not set (penalties, licences, coercive measures, fees, surcharges,
conditions on other regions, fines above the upper law, a basis of lower rank), on 31 drafts from fields the
earlier audits used least (tests/fixtures/graph/setting_audit/; 24, then 7 keyed after the first fixes), scored per code against their key
(expected.json, written before the first run), and a snapshot of the same codes over the real texts of
../shared/data/laws, to compare before and after a change.

Drafts are read as `fazhi check FILE` reads them (the corpus loaders, so a 令's title is the one it publishes);
a finding matches an expected one when the code is the same and the expected fragment is on the line
where the finding starts (tests/graph/drafts_key.py's rule); DUPLICATE_PROVISION (info) is not scored. The
registry is built from the laws the drafts cite (laws.txt).

Corpus (``--corpus OUT.json``): the registry of all of ../shared/data/laws; every current text checked as its own
rank as of its own date and of today (benchmarks/graph.py's corpus_checks), and every current 地方性法规 also
checked as if it were a 规范性文件 (the rank the NORMATIVE_SETS_* codes are for; the corpus holds none). The
setting codes' findings are written to OUT.json; ``--diff OLD.json`` lists what changed against an earlier one.

Usage (from the repository root):
    .venv/bin/python benchmarks/graph_setting_audit.py [-v]
    .venv/bin/python benchmarks/graph_setting_audit.py --corpus benchmarks/out/setting_corpus.json [--diff OLD.json]
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "graph"))
from drafts_key import compare, load_expected  # noqa: E402

DRAFTS = ROOT / "tests" / "fixtures" / "graph" / "setting_audit"
LAWS = ROOT / ".." / "shared" / "data" / "laws"
SETTING_CODES = ("NORMATIVE_SETS_PENALTY", "NORMATIVE_SETS_LICENSE", "NORMATIVE_SETS_COERCION", "NORMATIVE_SETS_FEE",
                 "RULE_SETS_PENALTY_BEYOND_LEVEL", "REGULATION_SETS_PENALTY_BEYOND_LEVEL", "RULE_SETS_LICENSE",
                 "REGULATION_SETS_LICENSE_BEYOND_LEVEL", "RULE_SETS_COERCION", "LOCAL_MARKET_RESTRICTION",
                 "SETS_SURCHARGE", "PENALTY_EXCEEDS_UPPER", "BASIS_LOWER_RANK")


def law_paths(laws: Path) -> list[Path]:
    import csv

    titles = {line.strip() for line in (DRAFTS / "laws.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")}
    with open(laws / "manifest.tsv", encoding="utf-8") as fh:
        paths = [laws / r["path"] for r in csv.DictReader(fh, delimiter="\t")
                 if r["title"] in titles and r["level"] not in ("案例", "")]
    return [p for p in paths if p.exists()]


def score(registry, drafts: Path, expected: dict, verbose=False) -> dict:
    """Per-code true positives, false findings and misses over the keyed drafts."""
    from fazhi.corpora.loaders import load_path
    from fazhi.graph.checks import check

    per = collections.defaultdict(lambda: [0, 0, 0])  # code: tp, fp, fn
    lines = []
    for name, want in sorted(expected.items()):
        doc = next(iter(load_path(drafts / name)))  # as `fazhi check FILE` reads it
        text = doc.text
        r = check(doc, registry)
        found, false, left = compare(text, r.findings, want)
        left_copy = list(left)
        for code, _ in want:
            per[code][0] += 1
        for code, frag in left_copy:
            per[code][0] -= 1
            per[code][2] += 1
        for f in false:
            per[f.code][1] += 1
        if verbose or false or left:
            lines.append(f"{name}: {found}/{len(want)} found ({r.kind}, {r.date})")
            lines += [f"   false: {f.code} {f.severity} {f.quote}" for f in false]
            lines += [f"   missed: {c} {frag}" for c, frag in left]
    return {"per_code": {k: v for k, v in sorted(per.items())}, "lines": lines}


def _pr(tp, fp, fn):
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def drafts_main(args):
    from fazhi.graph.build import build_from_paths

    expected = load_expected(DRAFTS / "expected.json")
    registry = build_from_paths(law_paths(Path(args.laws)), workers=args.workers).registry
    t0 = time.perf_counter()
    res = score(registry, DRAFTS, expected, args.verbose)
    secs = time.perf_counter() - t0
    print("\n".join(res["lines"]))
    print(f"{'code':40s} {'key':>4s} {'tp':>4s} {'fp':>4s} {'fn':>4s}  P      R")
    tot = [0, 0, 0]
    for code, (tp, fp, fn) in res["per_code"].items():
        p, r = _pr(tp, fp, fn)
        print(f"{code:40s} {tp + fn:4d} {tp:4d} {fp:4d} {fn:4d}  {p:.3f}  {r:.3f}")
        tot = [a + b for a, b in zip(tot, (tp, fp, fn))]
    p, r = _pr(*tot)
    print(f"{len(expected)} drafts, {tot[0] + tot[2]} keyed findings: found {tot[0]}, missed {tot[2]}, "
          f"false {tot[1]}; precision {p:.3f}, recall {r:.3f}; {1000 * secs / len(expected):.1f} ms per draft")


def corpus_main(args):
    from benchmarks.graph import corpus_checks
    from fazhi.graph.build import build_from_paths, iter_law_documents
    from fazhi.graph.checks import check

    laws = Path(args.laws).resolve()
    t0 = time.perf_counter()
    reg = build_from_paths([laws], workers=args.workers).registry
    print(f"registry built in {time.perf_counter() - t0:.0f} s", flush=True)
    rows = []
    texts = 0
    for mode, law, v, doc, res in corpus_checks(reg, laws):
        texts += 1
        for f in res.findings:
            if f.code in SETTING_CODES:
                rows.append({"mode": mode, "as": law.rank, "law": law.title, "version": v.date, "code": f.code,
                             "severity": f.severity, "start": f.start, "quote": f.quote,
                             "sentence": f.evidence.get("sentence", "")[:160]})
    # every current 地方性法规 as if it were a 规范性文件
    current = {}
    for law in reg.laws.values():
        if law.versions and not law.repealed and law.rank == "地方性法规":
            for s in law.versions[-1].sources:
                current[str(Path(s).resolve())] = (law, law.versions[-1])
    for doc in iter_law_documents([laws]):
        key = str(Path(doc.source).resolve()) if doc.source else None
        if key not in current:
            continue
        law, v = current[key]
        res = check(doc, reg, kind="规范性文件", date=v.start or None, title=law.title)
        texts += 1
        for f in res.findings:
            if f.code in SETTING_CODES:
                s = doc.text.rfind("\n", 0, f.start) + 1
                e = doc.text.find("\n", f.start)
                rows.append({"mode": "as_normative", "as": "规范性文件", "law": law.title, "version": v.date,
                             "code": f.code, "severity": f.severity, "start": f.start, "quote": f.quote,
                             "sentence": (f.evidence.get("sentence") or doc.text[s:e])[:160]})
    out = {"date": time.strftime("%Y-%m-%d"), "checks": texts, "findings": rows,
           "counts": dict(collections.Counter(f"{r['mode']} {r['code']} {r['severity']}" for r in rows))}
    Path(args.corpus).parent.mkdir(parents=True, exist_ok=True)
    Path(args.corpus).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{texts} checks, {len(rows)} setting findings")
    for k, n in sorted(out["counts"].items()):
        print(f"  {n:5d}  {k}")
    if args.diff:
        diff(json.loads(Path(args.diff).read_text(encoding="utf-8")), out)


def diff(old: dict, new: dict):
    key = lambda r: (r["mode"], r["law"], r["version"], r["code"], r["start"])  # noqa: E731
    a = {key(r): r for r in old["findings"]}
    b = {key(r): r for r in new["findings"]}
    gone = [a[k] for k in a if k not in b]
    added = [b[k] for k in b if k not in a]
    print(f"against the earlier snapshot: {len(added)} new findings, {len(gone)} gone")
    for tag, rs in (("new", added), ("gone", gone)):
        for r in rs:
            print(f"  {tag}: {r['mode']} {r['code']} {r['severity']} {r['law']} “{r['quote']}” | {r['sentence']}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--laws", default=str(LAWS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", default=None, help="write the corpus snapshot here instead of scoring the drafts")
    ap.add_argument("--diff", default=None, help="an earlier corpus snapshot to compare with")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if args.corpus:
        corpus_main(args)
    else:
        drafts_main(args)


if __name__ == "__main__":
    main()
