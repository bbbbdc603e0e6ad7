"""OCR audit 4 (issue 7): multi-column and faxed pages — CER, reading order and key fields per page.

The files in tests/fixtures/ocr/audit4/ (written by tests/ocr/audit4_pages.py: two-column gazette pages
with a title across the columns and a note at the foot, a page of two bands of two columns, a
three-column newsletter, a register in aligned columns without rulings, a notice with a 收文 stamp and
seals in the margin, faxes at 204 × 98 and 204 × 196 dpi (1 bit, skewed, with the fax header line), a
two-column page turned by 90° and by 180°, a PDF with a text-layer page and a scanned page) are OCR'd in
one run of ``fazhi ocr FILE... --json`` (the CLI, as users run it). For every page:

* CER against FILE.pN.txt (whitespace ignored, so line breaks do not count, but order does);
* reading order: each truth paragraph gives anchors (8 characters at its start, middle and end); the
  anchors found once in the OCR text are kept, and the score is the longest run of them in truth order
  (longest increasing subsequence of their positions) over the anchors found — 1.0 when every paragraph
  and every part of it comes in the right order; lines read across two columns break the anchors up;
* key fields of key.json (written before the first run) that appear in the text.

A file the CLI fails on (e.g. Tesseract's 300-s timeout per page) scores as an empty page: CER 100%.

Usage:
    .venv/bin/python benchmarks/ocr_audit4.py [--engine rapidocr|tesseract] [--only b1_gazette_2col.jpg ...]
                                              [--out benchmarks/out/ocr_audit4.json]
"""
from __future__ import annotations

import argparse
import bisect
import json
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIX = REPO / "tests" / "fixtures" / "ocr" / "audit4"
sys.path.insert(0, str(REPO))

from ocr_audit3 import fazhi, ocr_json, page_row  # noqa: E402  (the same CLI run and page score)

ANCHOR = 8


def anchors(paragraphs: list[str]) -> list[str]:
    """Start, middle and end anchors of each paragraph, in truth order (short paragraphs give fewer)."""
    from fazhi.ocr.render import comparable

    out = []
    for p in paragraphs:
        c = comparable(p)
        if len(c) < ANCHOR:
            continue
        starts = sorted({0, (len(c) - ANCHOR) // 2, len(c) - ANCHOR}) if len(c) >= 3 * ANCHOR else [0]
        out += [c[s:s + ANCHOR] for s in starts]
    return out


def order_score(paragraphs: list[str], text: str) -> tuple[float, int, int]:
    """(LIS of the anchors found exactly once / anchors found, anchors found, anchors in all)."""
    from fazhi.ocr.render import comparable

    got = comparable(text)
    ids = anchors(paragraphs)
    pos = []
    for a in ids:
        k = got.find(a)
        if k >= 0 and got.find(a, k + 1) < 0:
            pos.append(k)
    tails: list[int] = []
    for p in pos:
        i = bisect.bisect_left(tails, p)
        if i == len(tails):
            tails.append(p)
        else:
            tails[i] = p
    return (len(tails) / len(pos) if pos else 0.0), len(pos), len(ids)


def score(results: dict, key: dict) -> list[dict]:
    rows = []
    for name, fields in key.items():
        if name.startswith("_"):
            continue
        # a file the CLI failed on (an error line instead of JSON) scores as nothing read
        pages = {p["page"]: p["text"] for p in results.get(name, {}).get("pages", [])}
        stem = name.rsplit(".", 1)[0]
        n = len(list(FIX.glob(stem + ".p*.txt")))
        for pno in range(1, n + 1):
            truth = (FIX / f"{stem}.p{pno}.txt").read_text(encoding="utf-8")
            text = pages.get(pno, "")
            order, found, total = order_score(truth.splitlines(), text)
            rows.append(dict(page_row(name, pno, truth, text, fields.get(str(pno), [])), failed=name not in results,
                             order=round(order, 4), anchors_found=found, anchors=total))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", default="rapidocr")
    ap.add_argument("--only", nargs="*", help="file names in the fixture directory")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    out_path = Path(args.out or REPO / "benchmarks" / "out" / f"ocr_audit4_{args.engine}.json")
    key = json.loads((FIX / "key.json").read_text(encoding="utf-8"))
    files = [n for n in key if not n.startswith("_") and (not args.only or n in args.only)]
    load0 = os.getloadavg()[0]
    ch0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    run = fazhi("ocr", *[str(FIX / f) for f in files], "--json", "--engine", args.engine)
    wall = time.perf_counter() - t0
    ch1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ch1.ru_utime - ch0.ru_utime) + (ch1.ru_stime - ch0.ru_stime)
    if run.returncode:
        print(run.stderr, file=sys.stderr)
    results = ocr_json(run.stdout)
    rows = score(results, {k: v for k, v in key.items() if k in files})
    print(f"{'file':26} {'page':>4} {'CER':>7} {'order':>6} {'anchors':>8} {'fields':>7}  missing")
    for r in rows:
        print(f"{r['file']:26} {r['page']:>4} {r['cer'] * 100:6.2f}% {r['order']:6.3f} "
              f"{r['anchors_found']:>3}/{r['anchors']:<4} {r['fields_ok']:>3}/{r['fields']:<3}  "
              f"{'FAILED (no output) ' if r['failed'] else ''}{'; '.join(r['missing'])}")
    chars = sum(r["chars"] for r in rows)
    mean_cer = sum(r["cer"] * r["chars"] for r in rows) / max(1, chars)
    found = sum(r["anchors_found"] for r in rows)
    in_order = sum(r["order"] * r["anchors_found"] for r in rows)
    fields = sum(r["fields"] for r in rows)
    ok = sum(r["fields_ok"] for r in rows)
    print(f"engine {args.engine}  pages {len(rows)}  CER (char-weighted) {mean_cer * 100:.2f}%  "
          f"order {in_order / max(1, found):.3f} ({found} anchors found of {sum(r['anchors'] for r in rows)})  "
          f"fields {ok}/{fields}  wall {wall:.1f} s, CPU {cpu:.1f} s (one CLI process, model load included), "
          f"load {load0:.1f}")
    out = {"engine": args.engine, "rows": rows, "cer": round(mean_cer, 4), "order": round(in_order / max(1, found), 4),
           "fields": fields, "fields_ok": ok, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "load": load0}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
