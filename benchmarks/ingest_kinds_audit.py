"""Score the kind, title, own date and number `fazhi ingest` gives 50 documents of a 司法局 / 调委会 / 12345 centre.

The files and their key (40, then a round 2 of 10, each written before its first run) are in tests/fixtures/corpora/kinds_audit/. They go
through the real CLI into a temporary workspace (`fazhi --home TMP ingest DIR`), and are read back with
`fazhi corpus list --json` (kind, title, published) and `fazhi corpus export` (metadata: the number is
`doc_number` or `case_number`). Four checks a file: kind, title, date, number (null in the key: no number).

    .venv/bin/python benchmarks/ingest_kinds_audit.py [--verbose] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "corpora" / "kinds_audit"
FAZHI = [str(ROOT / ".venv" / "bin" / "fazhi")]


def _run(home: str, *args: str) -> str:
    r = subprocess.run(FAZHI + ["--home", home, *args], capture_output=True, text=True, cwd=ROOT)
    if r.returncode not in (0, 2):
        raise SystemExit(f"fazhi {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def _norm(s):
    return re.sub(r"\s+", "", s) if isinstance(s, str) else s


def score() -> dict:
    key = json.loads((FIX / "key.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as home:
        _run(home, "ingest", str(FIX / "files"))
        listed = json.loads(_run(home, "corpus", "list", "--json", "--limit", "1000"))
        rows = listed if isinstance(listed, list) else listed.get("documents", listed)
        full = {}
        for line in _run(home, "corpus", "export").splitlines():
            if line.strip():
                d = json.loads(line)
                full[d["id"]] = d
    by_name = {}
    for row in rows:
        d = full[row["id"]]
        by_name[Path(d.get("source") or "").name] = (row, d)
    results = {}
    for name, want in key.items():
        if name not in by_name:
            results[name] = [("loaded", False, "not in the store")]
            continue
        row, d = by_name[name]
        meta = d.get("metadata") or {}
        number = meta.get("case_number") or meta.get("doc_number")
        results[name] = [
            ("kind", row["kind"] == want["kind"], f"{row['kind']} (want {want['kind']})"),
            ("title", _norm(row["title"]) == _norm(want["title"]), f"{row['title']!r} (want {want['title']!r})"),
            ("date", row.get("published") == want["date"], f"{row.get('published')} (want {want['date']})"),
            ("number", _norm(number) == _norm(want["number"]), f"{number} (want {want['number']})"),
        ]
    by_check = {}
    for v in results.values():
        for c, ok, _ in v:
            by_check.setdefault(c, [0, 0])
            by_check[c][0] += ok
            by_check[c][1] += 1
    return {"results": results, "by_check": by_check,
            "passed": sum(ok for v in results.values() for _, ok, _ in v),
            "checks": sum(len(v) for v in results.values()),
            "files_all_right": sum(all(ok for _, ok, _ in v) for v in results.values()), "files": len(results)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    s = score()
    if args.json:
        print(json.dumps({k: v for k, v in s.items() if k != "results"} | {
            "failed": {n: [(c, why) for c, ok, why in v if not ok] for n, v in s["results"].items()
                       if not all(ok for _, ok, _ in v)}}, ensure_ascii=False, indent=1))
        return 0
    for name, v in s["results"].items():
        bad = [(c, why) for c, ok, why in v if not ok]
        print(f"{'ok ' if not bad else 'BAD'} {name}")
        if bad and args.verbose:
            for c, why in bad:
                print(f"      {c}: {why}")
    print()
    for c, (ok, n) in s["by_check"].items():
        print(f"{c:7s} {ok}/{n}")
    print(f"checks passed {s['passed']}/{s['checks']}; files all right {s['files_all_right']}/{s['files']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
