"""Score `fazhi ingest` on the audit-3 office files against their key (tests/fixtures/corpora/audit3/key.json).

Each file is loaded alone (load_path) and every fact of its key is one check: title, kind, article count,
first and last article (runs of spaces collapsed), published, effective, text that must be present, appear
once or be absent, the one-line reason of a file that cannot be read; rows and members for .csv/.xlsx/.zip.
Then the whole folder goes through the real `fazhi ingest` once: one stderr line per bad item, exit 2,
the lock file no failure, and a second run loses nothing.

    .venv/bin/python benchmarks/ingest_audit3.py [--json] [--verbose]

The key was written before fazhi converted legacy Office files with LibreOffice: its .doc/.wps/.xls items
expect the one-line reason given without LibreOffice, so the run hides LibreOffice (FAZHI_SOFFICE set to a
missing program), as tests/corpora/test_corpus_office_quirks.py does; tests/corpora/test_legacy_office.py
covers the conversion.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpora.office_quirks_key import check_file, folder_batch, load_key  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    os.environ["FAZHI_SOFFICE"] = str(ROOT / "benchmarks" / "out" / "no-soffice")  # the key's no-LibreOffice path
    key = load_key()
    results = {name: check_file(name, want) for name, want in key["files"].items()}
    results["(folder batch)"] = folder_batch(key)
    checks = sum(len(v) for v in results.values())
    passed = sum(ok for v in results.values() for _, ok, _ in v)
    files_ok = sum(all(ok for _, ok, _ in v) for v in results.values())
    summary = {"checks": checks, "passed": passed, "items": len(results), "items_all_right": files_ok,
               "failed": {n: [(c, why) for c, ok, why in v if not ok] for n, v in results.items()
                          if not all(ok for _, ok, _ in v)}}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return 0
    for name, v in results.items():
        bad = [(c, why) for c, ok, why in v if not ok]
        mark = "ok " if not bad else "BAD"
        print(f"{mark} {name}: {len(v) - len(bad)}/{len(v)}")
        if bad and args.verbose:
            for c, why in bad:
                print(f"      {c}: {why[:200]}")
    print(f"\nchecks passed {passed}/{checks}; items all right {files_ok}/{len(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
