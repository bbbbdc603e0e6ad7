"""OCR audit 3 (issue 7): character error rate per page and surviving key fields on new rendered scans.

The files in tests/fixtures/ocr/audit3/ (written by tests/ocr/audit3_pages.py: a sealed 人民调解协议书, a
ruled 调解受理登记表, hand-signed signature lines, a phone photo, a 150-dpi fax, pages turned by 90° and
180°, a PDF of two scans, a PDF with a text-layer page and a scanned page) are OCR'd in one run of
``fazhi ocr FILE... --json`` (the CLI, as users run it), then stored with ``--store`` into a temporary
workspace. For every page: CER against FILE.pN.txt and which fields of key.json (names, ID numbers,
sums, dates, case numbers, written before the first run) appear in the text.

Usage:
    .venv/bin/python benchmarks/ocr_audit3.py [--no-store] [--out benchmarks/out/ocr_audit3.json]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIX = REPO / "tests" / "fixtures" / "ocr" / "audit3"
sys.path.insert(0, str(REPO))


def fazhi(*args: str, home: str | None = None) -> subprocess.CompletedProcess:
    exe = REPO / ".venv" / "bin" / "fazhi"
    cmd = [str(exe) if exe.exists() else "fazhi"] + (["--home", home] if home else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)


def ocr_json(stdout: str) -> dict:
    """The results `fazhi ocr --json` printed, one JSON line per file, by file name."""
    results = {}
    for line in stdout.splitlines():
        if line.strip():
            r = json.loads(line)
            results[Path(r["file"]).name] = r
    return results


def page_row(name: str, pno: int, truth: str, text: str, want: list[str]) -> dict:
    """One page's score: CER against the truth, and the key fields found in the text (the OCR audits share it)."""
    from fazhi.ocr.render import cer, comparable

    got = comparable(text)
    missing = [f for f in want if comparable(f) not in got]
    return {"file": name, "page": pno, "cer": round(cer(truth, text), 4), "chars": len(comparable(truth)),
            "fields": len(want), "fields_ok": len(want) - len(missing), "missing": missing}


def score(results: dict, key: dict) -> list[dict]:
    rows = []
    for name, fields in key.items():
        if name.startswith("_"):
            continue
        pages = {p["page"]: p["text"] for p in results.get(name, {}).get("pages", [])}
        for pno in sorted({int(k) for k in fields} | set(range(1, 1 + len(list(FIX.glob(name.rsplit('.', 1)[0] + '.p*.txt')))))):
            truth = (FIX / f"{name.rsplit('.', 1)[0]}.p{pno}.txt").read_text(encoding="utf-8")
            rows.append(page_row(name, pno, truth, pages.get(pno, ""), fields.get(str(pno), [])))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-store", action="store_true")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "out" / "ocr_audit3.json"))
    args = ap.parse_args()
    key = json.loads((FIX / "key.json").read_text(encoding="utf-8"))
    files = [n for n in key if not n.startswith("_")]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as home:
        run = fazhi("ocr", *[str(FIX / f) for f in files], "--json", home=home)
        wall = time.perf_counter() - t0
        if run.returncode:
            print(run.stderr, file=sys.stderr)
        results = ocr_json(run.stdout)
        stored = None
        if not args.no_store:
            st = fazhi("ocr", *[str(FIX / f) for f in files], "--store", home=home)
            import re

            pages = {Path(m.group(1)).name: int(m.group(2))
                     for m in re.finditer(r"^(.+?): stored as \S+ \(\w+, (\d+) pages?\)", st.stderr, re.M)}
            want = {n: len(r["pages"]) for n, r in results.items()}
            stored = {"returncode": st.returncode, "stored": len(pages), "pages_match": pages == want}
    rows = score(results, key)
    n_pages = len(rows)
    print(f"{'file':24} {'page':>4} {'CER':>7} {'fields':>7}  missing")
    for r in rows:
        print(f"{r['file']:24} {r['page']:>4} {r['cer'] * 100:6.2f}% {r['fields_ok']:>3}/{r['fields']:<3}  "
              f"{'; '.join(r['missing'])}")
    chars = sum(r["chars"] for r in rows)
    mean_cer = sum(r["cer"] * r["chars"] for r in rows) / max(1, chars)
    fields = sum(r["fields"] for r in rows)
    ok = sum(r["fields_ok"] for r in rows)
    print(f"pages {n_pages}  CER (char-weighted) {mean_cer * 100:.2f}%  fields {ok}/{fields}  "
          f"wall {wall:.1f} s for the --json run (one process, model load included)")
    if stored:
        print(f"--store: exit {stored['returncode']}, {stored['stored']} of {len(files)} files stored, "
              f"page counts {'as --json' if stored['pages_match'] else 'DIFFER from --json'}")
    out = {"rows": rows, "cer": round(mean_cer, 4), "fields": fields, "fields_ok": ok, "wall_s": round(wall, 1),
           "store": stored, "load": os.getloadavg()[0]}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
