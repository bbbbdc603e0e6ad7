"""Audit of `fazhi graph impact` for amendments: which documents, and which of their citations, an amendment affects.

Inputs (tests/fixtures/graph/impact_audit/, key.json written by hand before the first run): 13 amendments as users
hold them (修改决定 texts, a 国务院 decision amending two regulations, law-plus-article lists, the new full text of a
revised law: 06_fuyi_xiuding.path names the 2023 行政复议法 in ../shared/data/laws) and 28 documents (local
regulations, rules, normative documents) citing the amended laws in varied styles, with distractors.

The workspace graph is built from the documents plus the law texts listed in laws.txt (every version the corpus
holds of a title, or the one version named as TITLE(DATE)).

Modes:
  whole     what `fazhi graph impact TITLE` answers: for each law the amendment changes (named by the key), every
            direct citer and every article of the law it cites (the baseline of the first run);
  first     whole, with the graph built as before the audit (通知/意见/方案 left out of the graph): the first run;
  amendment `fazhi.graph.queries.amendment_impact(graph, registry, TEXT)` given the input as the user holds it.

Scored per document (a document with at least one affected citation) and per citation (document, law, article),
pooled over the 13 inputs: precision and recall.

Usage:
    .venv/bin/python benchmarks/graph_impact_audit.py [--mode first|whole|amendment] [--set main|holdout] [-v]
        [--json OUT]
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
FIX = ROOT / "tests" / "fixtures" / "graph" / "impact_audit"
LAWS = ROOT / ".." / "shared" / "data" / "laws"


def law_paths(laws_dir: Path = LAWS) -> list[Path]:
    """The files of the titles in laws.txt: every version of TITLE, or the one of TITLE(DATE)."""
    with open(laws_dir / "manifest.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for line in (FIX / "laws.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        title, _, date = line.partition("(")
        date = date.rstrip(")")
        hits = [laws_dir / r["path"] for r in rows if r["title"] == title and (not date or r["publish"] == date)]
        if not hits:
            raise SystemExit(f"laws.txt: {line} is not in {laws_dir}/manifest.tsv")
        out += hits
    return out


def build_workspace(workers: int = 1):
    from fazhi.graph.build import build_from_paths

    return build_from_paths(law_paths() + [FIX / "docs"], workers=workers)


def amendment_text(name: str, folder: str = "amendments") -> str:
    p = FIX / folder / name
    if p.suffix == ".path":  # the new full text of a revised law, from the corpus (not copied into the fixtures)
        p = ROOT / p.read_text(encoding="utf-8").strip()
    return p.read_text(encoding="utf-8")


def expected(key: dict, name: str) -> set[tuple[str, str, int]]:
    """(document title, law, article) of the citations the amendment ``name`` affects, by the key."""
    a = key["amendments"][name]
    cites = {d["title"]: d["cites"] for d in key["docs"].values()}
    out = set()
    for title, arts in a["affected"].items():
        for n in arts:
            laws = [law for law in a["laws"] if n in cites[title].get(law, [])]
            assert len(laws) == 1, (name, title, n, laws)
            out.add((title, laws[0], n))
    return out


def _short(registry, title: str) -> str:
    """The key's name of a law title (中华人民共和国人民调解法 -> 人民调解法)."""
    return title[len("中华人民共和国"):] if title.startswith("中华人民共和国") else title


def predict_whole(graph, registry, key: dict, name: str) -> tuple[set, set]:
    from fazhi.graph.queries import impact

    docs, cites = set(), set()
    for law in key["amendments"][name]["laws"]:
        r = impact(graph, registry, law, max_depth=1)
        for e in r["direct"]:
            docs.add(e["title"])
            for n in e["cited_articles"]:
                cites.add((e["title"], _short(registry, r["target"]), n))
    return docs, cites


def predict_amendment(graph, registry, key: dict, name: str) -> tuple[set, set]:
    from fazhi.graph.queries import amendment_impact

    r = amendment_impact(graph, registry, amendment_text(name, key.get("folder", "amendments")))
    docs, cites = set(), set()
    for law in r["laws"]:
        for e in law["direct"]:
            if not e["affected_articles"]:
                continue
            docs.add(e["title"])
            for n in e["affected_articles"]:
                cites.add((e["title"], _short(registry, law["target"]), n))
    return docs, cites


def pr(tp: int, fp: int, fn: int) -> dict:
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0}


def load_key(which: str = "main") -> dict:
    """The key of the inputs in amendments/ (main) or holdout/ (written after the parser, before their first
    run); both score against the documents of key.json."""
    key = json.loads((FIX / "key.json").read_text(encoding="utf-8"))
    if which == "holdout":
        key = dict(key, amendments=json.loads((FIX / "holdout" / "key.json").read_text("utf-8"))["amendments"],
                   folder="holdout")
    return key


def score(graph, registry, mode: str = "amendment", verbose: bool = False, which: str = "main") -> dict:
    key = load_key(which)
    predict = predict_whole if mode == "whole" else predict_amendment
    titles = {d["title"] for d in key["docs"].values()}
    d_tp = d_fp = d_fn = c_tp = c_fp = c_fn = 0
    rows = {}
    for name in sorted(key["amendments"]):
        want = expected(key, name)
        want_docs = {t for t, _, _ in want}
        try:
            got_docs, got = predict(graph, registry, key, name)
            error = None
            # the real law texts built beside the documents (行政复议法实施条例 cites 行政复议法) are outside the key
            outside = sorted(t for t in got_docs if t not in titles)
            got_docs = {t for t in got_docs if t in titles}
            got = {c for c in got if c[0] in titles}
        except Exception as e:  # an input the tool cannot take counts as nothing found
            got_docs, got, error, outside = set(), set(), f"{type(e).__name__}: {e}", []
        row = {"docs": pr(len(got_docs & want_docs), len(got_docs - want_docs), len(want_docs - got_docs)),
               "citations": pr(len(got & want), len(got - want), len(want - got)),
               "missed": sorted(map(list, want - got)), "false": sorted(map(list, got - want)), "error": error,
               "outside_key": outside}
        rows[name] = row
        d_tp += row["docs"]["tp"]; d_fp += row["docs"]["fp"]; d_fn += row["docs"]["fn"]
        c_tp += row["citations"]["tp"]; c_fp += row["citations"]["fp"]; c_fn += row["citations"]["fn"]
        if verbose or row["missed"] or row["false"] or error:
            c = row["citations"]
            print(f"{name}: docs P/R {row['docs']['precision']}/{row['docs']['recall']}, citations P/R "
                  f"{c['precision']}/{c['recall']}" + (f"  ERROR {error}" if error else ""))
            for m in row["missed"]:
                print("   missed:", *m)
            for f in row["false"]:
                print("   false: ", *f)
            if verbose and row["outside_key"]:
                print("   outside the key (real law texts):", *row["outside_key"])
    return {"mode": mode, "set": which, "inputs": len(rows), "docs": pr(d_tp, d_fp, d_fn),
            "citations": pr(c_tp, c_fp, c_fn), "rows": rows}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("first", "whole", "amendment"), default="amendment",
                    help="first: whole, with the build as it was before the audit (normative documents left out)")
    ap.add_argument("--set", dest="which", choices=("main", "holdout"), default="main",
                    help="amendments/ (main, 13 inputs) or holdout/ (9 inputs written after the parser)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", default=None, help="write the scores here")
    a = ap.parse_args(argv)
    if not (LAWS / "manifest.tsv").exists():
        raise SystemExit(f"{LAWS} is not present")
    if a.mode == "first":
        import fazhi.graph.build as build_module

        build_module.is_normative_document = lambda doc: False
    t = time.perf_counter()
    b = build_workspace()
    print(f"built {len(b.registry)} laws in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    r = score(b.graph, b.registry, "whole" if a.mode == "first" else a.mode, a.verbose, a.which)
    r["seconds"] = round(time.perf_counter() - t, 2)
    d, c = r["docs"], r["citations"]
    print(f"{a.mode} ({r['set']}): {r['inputs']} inputs; documents P/R {d['precision']}/{d['recall']} "
          f"({d['tp']}/{d['tp'] + d['fn']}, {d['fp']} false); citations P/R {c['precision']}/{c['recall']} "
          f"({c['tp']}/{c['tp'] + c['fn']}, {c['fp']} false); {r['seconds']} s")
    if a.json:
        Path(a.json).write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
