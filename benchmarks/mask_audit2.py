"""Second masking audit: `fazhi mask` on 45 new passages (tests/fixtures/nlp/mask_audit2/key.jsonl).

The passages are mediation agreements and registration forms, the party sections and signatures of judgments,
12345 work orders, petitions and OCR text of WeChat screenshots, written for this audit with odd spacing,
full-width digits, IDs ending in x/X, 15-digit IDs, phones with spaces, dashes and +86, public service lines
(95588, 400-…), grouped bank cards, new-energy plates, estate/building/room addresses, compound and ethnic
names, foreign names and names already masked (某某). The key was written and committed before the first run.

``pii`` lists, per kind, strings that must not survive masking; ``keep`` lists strings that must stay readable
(institutions, company names, 统一社会信用代码, case and file numbers, law articles, amounts, event dates,
public service numbers, forms of address such as 欧阳女士). BIRTH_DATE items are scored apart: the default
keeps a party's birth date, as published judgments do (see the report); ``mask_text(..., birth_dates=True)``
masks them.

Scores: recall per kind (an item counts when none of its occurrences is left, by the leak rule of
tests/nlp/pii_key.py); false masks = keep strings no longer readable, plus replaced strings that overlap no
labelled item (listed, to read by hand).

Run: .venv/bin/python benchmarks/mask_audit2.py [--cli] [--json FILE]
  --cli runs `fazhi mask --json` once per passage (as the first run did); the default calls mask_text(text)
  as that command does, in one process.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "nlp"))
from pii_key import keep_lost, leaked, load, unlabelled  # noqa: E402

KEY = ROOT / "tests" / "fixtures" / "nlp" / "mask_audit2" / "key.jsonl"
KINDS = ("PERSON", "ID_CARD", "PASSPORT", "PHONE", "BANK_CARD", "ADDRESS", "PLATE", "EMAIL", "ACCOUNT", "PROPERTY_CERT")
APART = ("BIRTH_DATE",)


def mask_cli(text: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
    try:
        out = subprocess.run([str(ROOT / ".venv" / "bin" / "fazhi"), "mask", "--json", f.name], capture_output=True,
                             text=True, check=True).stdout
    finally:
        Path(f.name).unlink()
    return json.loads(out)


def run(docs: list[dict], cli: bool = False, birth_dates: bool = False) -> list[dict]:
    if cli:
        return [mask_cli(d["text"]) for d in docs]
    from fazhi.nlp.mask import mask_text

    out = []
    for d in docs:
        text, mapping = mask_text(d["text"], birth_dates=birth_dates)
        out.append({"text": text, "mapping": mapping})
    return out


def score(docs: list[dict], results: list[dict]) -> dict:
    items = {k: [0, 0] for k in KINDS + APART}
    keep = [0, 0]
    leaks, lost, extra = [], [], []
    for d, r in zip(docs, results):
        masked = r["text"]
        for kind, xs in d["pii"].items():
            for x in xs:
                left = leaked(x, masked, d["keep"])
                items[kind][1] += 1
                items[kind][0] += left == 0
                if left:
                    leaks.append((d["id"], kind, x))
        gone = keep_lost(d, masked)
        keep[0] += len(d["keep"]) - len(gone)
        keep[1] += len(d["keep"])
        lost += [(d["id"], k) for k in gone]
        extra += [(d["id"], e["label"], e["original"], e["masked"]) for e in unlabelled(d, r["mapping"])]
    total = [sum(items[k][0] for k in KINDS), sum(items[k][1] for k in KINDS)]
    return {"documents": len(docs), "recall": items, "recall_total": total, "keep_readable": keep,
            "false_masks": len(lost) + len(extra), "leaks": leaks, "keep_lost": lost, "extra_masked": extra}


def _r(v):
    return f"{v[0]}/{v[1]} = {v[0] / v[1]:.3f}" if v[1] else "—"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", action="store_true", help="run `fazhi mask --json` per passage")
    ap.add_argument("--birth-dates", action="store_true", help="mask_text(..., birth_dates=True)")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--data", type=Path, default=KEY)
    a = ap.parse_args(argv)
    docs = load(a.data)
    t0 = time.perf_counter()
    res = score(docs, run(docs, cli=a.cli, birth_dates=a.birth_dates))
    res["seconds"] = round(time.perf_counter() - t0, 1)
    print(f"{res['documents']} passages, {'fazhi mask --json' if a.cli else 'mask_text'}, {res['seconds']} s")
    print("PII recall (items with no occurrence left / labelled)")
    for k in KINDS:
        print(f"  {k:13s} {_r(res['recall'][k])}")
    print(f"  {'all':13s} {_r(res['recall_total'])}")
    for k in APART:
        print(f"  {k:13s} {_r(res['recall'][k])}  (apart: {'masked with' if a.birth_dates else 'kept without'} "
              f"--birth-dates)")
    print(f"keep strings readable: {_r(res['keep_readable'])}")
    print(f"false masks: {res['false_masks']} ({len(res['keep_lost'])} keep strings lost, "
          f"{len(res['extra_masked'])} replaced strings overlapping no labelled item)")
    for name in ("leaks", "keep_lost", "extra_masked"):
        rows = res[name]
        if name == "leaks":
            rows = [r for r in rows if r[1] not in APART]
        if rows:
            print(f"-- {name} ({len(rows)})")
            for row in rows:
                print("  ", *row)
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
