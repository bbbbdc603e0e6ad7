"""CPU time of parsing files for ingest (load_path + prepare, no store), best of N: a load-tolerant figure for
comparing two checkouts on a busy machine, where wall-clock ingest speed varies by 2x between runs.

    .venv/bin/python -P benchmarks/ingest_parse_cpu.py DIR [--repo CHECKOUT] [--runs 3]

For an A/B against an older commit: `git archive COMMIT fazhi | tar -x -C /tmp/old` and run once with
`--repo /tmp/old`, once without, alternately.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--repo", default=str(Path(__file__).resolve().parents[1]))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    sys.path.insert(0, args.repo)
    import fazhi.corpora.loaders as loaders
    from fazhi.corpora.store import prepare

    assert loaders.__file__.startswith(str(Path(args.repo).resolve())), loaders.__file__
    files = list(loaders.iter_files([args.dir]))
    size = sum(f.stat().st_size for f in files)
    best = float("inf")
    for _ in range(args.runs):
        t = time.process_time()
        for f in files:
            for d in loaders.load_path(f):
                prepare(d)
        best = min(best, time.process_time() - t)
    print(f"{args.repo}: {len(files)} files, {size / 1e6:.1f} MB, {best:.2f} cpu-s, {size / 1e6 / best:.1f} MB/cpu-s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
