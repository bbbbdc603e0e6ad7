"""PII masking and entity recall on 40 hand-written mediation and hotline documents
(tests/fixtures/nlp/pii_documents.jsonl).

Each document was labelled before any code ran on it: ``pii`` lists, per kind (PERSON, ID_CARD, PHONE,
BANK_CARD, ADDRESS, PLATE, EMAIL, ACCOUNT), strings that must not survive masking (for an address: the
street-level pieces, e.g. 文三路 and 3幢201室); ``keep`` lists strings that must stay readable (dates,
amounts, law titles, courts, 人民调解委员会 names, the administrative part of an address, forms of address
such as 老王 or 张姐 that name no more than a pseudonym).

Scores:
- masking recall per kind: an item counts as masked when none of its occurrences is left in the masked text
  (occurrences inside a keep string, such as 于长江 in 于长江边, do not count); instances = occurrences;
- masking precision: keep strings still readable; and the replaced strings of the mapping that overlap no
  labelled item (listed, to read by hand);
- pseudonym clashes: two different labelled persons of one document with the same pseudonym;
- entity recall (``find_entities``): a labelled PERSON / ID_CARD / PHONE / BANK_CARD found as a span of that
  label with the same text or a little more (+86 before a phone); PERSON precision: PERSON spans that are no labelled person nor a keep string.

Run: .venv/bin/python benchmarks/mask_eval.py [--no-model] [--show N] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "nlp"))
from pii_key import FIXTURE, keep_lost, leaked, load, unlabelled  # noqa: E402  (the rules the tests use too)

KINDS = ("PERSON", "ID_CARD", "PHONE", "BANK_CARD", "ADDRESS", "PLATE", "EMAIL", "ACCOUNT")
ENTITY_KINDS = ("PERSON", "ID_CARD", "PHONE", "BANK_CARD")


def score(docs: list[dict], model: bool = True) -> dict:
    from fazhi.nlp.entities import find_entities_many
    from fazhi.nlp.mask import mask_text

    t0 = time.perf_counter()
    spans_all = find_entities_many([d["text"] for d in docs], model=model)
    results = []
    for d, spans in zip(docs, spans_all):
        masked, mapping = mask_text(d["text"], spans=spans, model=model)
        results.append((d, spans, masked, mapping))
    secs = time.perf_counter() - t0
    items = {k: [0, 0] for k in KINDS}  # masked, total
    inst = {k: [0, 0] for k in KINDS}
    keep = [0, 0]
    leaks, lost_keeps, extra, clashes = [], [], [], []
    ent = {k: [0, 0] for k in ENTITY_KINDS}
    ent_miss, person_fp = [], []
    for d, spans, masked, mapping in results:
        text = d["text"]
        for kind, xs in d["pii"].items():
            for x in xs:
                left = leaked(x, masked, d["keep"])
                items[kind][1] += 1
                items[kind][0] += left == 0
                inst[kind][1] += text.count(x)
                inst[kind][0] += text.count(x) - min(left, text.count(x))
                if left:
                    leaks.append((d["id"], kind, x))
        lost = keep_lost(d, masked)
        keep[0] += len(d["keep"]) - len(lost)
        keep[1] += len(d["keep"])
        lost_keeps += [(d["id"], k) for k in lost]
        extra += [(d["id"], e["label"], e["original"], e["masked"]) for e in unlabelled(d, mapping)]
        persons = d["pii"].get("PERSON", [])
        by_mask: dict[str, list[str]] = {}
        for e in mapping:
            if e["label"] == "PERSON" and e["original"] in persons:
                by_mask.setdefault(e["masked"], []).append(e["original"])
        for m, ns in by_mask.items():
            if len(set(ns)) > 1:
                clashes.append((d["id"], m, sorted(set(ns))))
        for kind in ENTITY_KINDS:
            for x in d["pii"].get(kind, []):
                ent[kind][1] += 1
                if any(s.label == kind and x in s.text and len(s.text) - len(x) <= 4 for s in spans):
                    ent[kind][0] += 1
                else:
                    ent_miss.append((d["id"], kind, x))
        for s in spans:
            if s.label == "PERSON" and s.text not in persons and s.text not in d["keep"]:
                person_fp.append((d["id"], s.text))
    n_person = sum(1 for _, spans, _, _ in results for s in spans if s.label == "PERSON")
    tot_items = [sum(v[0] for v in items.values()), sum(v[1] for v in items.values())]
    tot_inst = [sum(v[0] for v in inst.values()), sum(v[1] for v in inst.values())]
    return {
        "documents": len(docs), "characters": sum(len(d["text"]) for d in docs), "seconds": round(secs, 2),
        "model": model,
        "mask_recall_items": {k: v for k, v in items.items()}, "mask_recall_total": tot_items,
        "mask_recall_instances": {k: v for k, v in inst.items()}, "mask_recall_instances_total": tot_inst,
        "keep_readable": keep, "extra_masked": extra, "leaks": leaks, "keep_lost": lost_keeps,
        "pseudonym_clashes": clashes,
        "entity_recall": ent, "entity_misses": ent_miss,
        "person_spans": n_person, "person_false": person_fp,
    }


def _r(v):
    return f"{v[0]}/{v[1]} = {v[0] / v[1]:.3f}" if v[1] else "—"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-model", action="store_true", help="rule layers only")
    ap.add_argument("--show", type=int, default=100, help="list at most N of each kind of error")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--data", type=Path, default=FIXTURE)
    a = ap.parse_args(argv)
    res = score(load(a.data), model=not a.no_model)
    print(f"{res['documents']} documents, {res['characters']} characters, model={res['model']}, "
          f"{res['seconds']} s")
    print("masking recall (items fully masked / labelled; instances)")
    for k in KINDS:
        print(f"  {k:10s} {_r(res['mask_recall_items'][k]):>20s}   {_r(res['mask_recall_instances'][k])}")
    print(f"  {'all':10s} {_r(res['mask_recall_total']):>20s}   {_r(res['mask_recall_instances_total'])}")
    print(f"keep strings readable: {_r(res['keep_readable'])}")
    print(f"masked strings overlapping no labelled item: {len(res['extra_masked'])}")
    print(f"pseudonym clashes: {len(res['pseudonym_clashes'])}")
    print("entity recall (find_entities, same label, same text or +86 before it)")
    for k in ENTITY_KINDS:
        print(f"  {k:10s} {_r(res['entity_recall'][k])}")
    fp = len(res["person_false"])
    print(f"  PERSON spans that are no labelled person: {fp} of {res['person_spans']}")
    for name in ("leaks", "keep_lost", "extra_masked", "pseudonym_clashes", "entity_misses", "person_false"):
        rows = res[name]
        if rows:
            print(f"-- {name} ({len(rows)})")
            for r in rows[:a.show]:
                print("  ", *r)
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
