"""Ingest throughput over ../shared/data/laws and `fazhi --help` cold start.

    python benchmarks/ingest.py [--laws DIR] [--runs 10]

Figures (issue: foundation): ingest of all 3,475 law files (64 MB) at >= 20 MB/s into the store;
`fazhi --help` cold start, median of 10 runs, <= 0.5 s.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def bench_ingest(laws: Path) -> dict:
    from fazhi.corpora.loaders import ingest
    from fazhi.corpora.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store.sqlite")
        t = time.perf_counter()
        report = ingest([laws], store)
        secs = time.perf_counter() - t
        stats = store.stats()
        by_kind = stats["by_kind"]
        size = stats["bytes"]
        store.close()
    return {"files": report.files, "documents": report.documents, "added": report.added,
            "duplicate": report.duplicate, "failed": report.failed, "mb": round(report.bytes / 1e6, 1),
            "seconds": round(secs, 2), "mb_per_s": round(report.bytes / 1e6 / secs, 1), "by_kind": by_kind,
            "store_mb": round(size / 1e6, 1)}


def bench_help(runs: int) -> dict:
    exe = Path(sys.executable).parent / "fazhi"
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "fazhi", "--help"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return {"command": " ".join(cmd[-2:]), "median_s": round(statistics.median(times), 3),
            "max_s": round(max(times), 3)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--laws", type=Path, default=REPO.parent / "shared" / "data" / "laws")
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    result = {"date": str(date.today()), "machine": platform.processor() or platform.machine(),
              "ingest": bench_ingest(args.laws), "help": bench_help(args.runs)}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    out = REPO / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
