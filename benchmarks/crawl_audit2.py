"""Crawl audit 2: the generic, judgments and posts spiders against three local sites built like city
government sites (GBK under a wrong charset header, 下一页 and ?page=N pagination, TRS_Editor / #zoom bodies,
.pdf .docx .doc .wps .ofd attachments, 404 / 500 / 301 / robots.txt, a duplicate list entry, a corrected
document), crawled twice, scored against tests/fixtures/crawlers/audit2/key.json; round 2 (key2.json) is a
district government's site written after round 1's fixes (onclick list links, a list table's 文号 and dates,
UTF-8 under a gb2312 <meta>, backslash links, a redirected and a missing attachment, a withdrawn document);
round 3 (key3.json) a board whose links carry the list's page number while letters move down the pages;
round 4 (key4.json) a notice with .xlsx .xls .zip .rar attachments and a 链接稿 that a script forwards.

    .venv/bin/python benchmarks/crawl_audit2.py [--json OUT]

Prints the checks that fail and the score; the sites, key and scorer are in tests/fixtures/crawlers/audit2/.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_scorer():
    spec = importlib.util.spec_from_file_location("audit2_score", ROOT / "tests/fixtures/crawlers/audit2/score.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["audit2_score"] = mod
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="write the checks and crawl figures here")
    args = ap.parse_args(argv)
    sc = load_scorer()
    report, ok = {}, True
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        res = sc.run_crawls(Path(tmp) / "ws")  # the sites of all rounds at once, twice
    seconds = time.perf_counter() - t0
    for n, key in enumerate(sc.KEYS, 1):
        label = f"round {n}"
        checks = sc.score(res, key)
        ok = ok and all(c["ok"] for c in checks)
        print(f"{label}: {sc.summary(checks)}")
        for rnd in ("first", "second"):
            for name in key["crawls"]:
                st = res[rnd][name]
                print(f"  {rnd} {name}: pages {st['pages']} added {st['added']} updated {st['updated']} "
                      f"unchanged {st['unchanged']} refreshed {st['refreshed']} duplicate {st['duplicate']} "
                      f"skipped {st['skipped_total']} ({st['seconds']:.1f} s)")
        report[label] = {"checks": checks}
    print(f"{2 * len(res['first'])} crawls in {seconds:.1f} s (all the sites at once, then again a week later)")
    report["seconds"] = seconds
    report["stats"] = {r: {n: {k: v for k, v in s.items() if k != "scrapy"} for n, s in res[r].items()}
                       for r in ("first", "second")}
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
