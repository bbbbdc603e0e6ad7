"""Crawl scale-out: two crawler processes sharing one Redis queue against one, on the loopback fixture site.

    .venv/bin/python benchmarks/crawl_cluster.py [--pages 3000] [--concurrency 16]

(also run by benchmarks/cluster.py). A redis-server (Debian package) is started on a free loopback port,
the fixture server (generated board pages) in its own process. Throttling off, robots.txt obeyed, OCR
off; every page goes end to end (download, parse, validate, Document, SQLite store). Three runs on the
same site: one process without Redis (the plain scheduler), one process through Redis, two processes
through Redis sharing one queue and one workspace store. Pages/s = pages fetched / wall time from
starting the crawl process(es) to the last one ending (process start-up included). Both processes and
the server share the machine's 2 cores, so this measures coordination overhead and what a second
process gains on one machine, not a second machine's worth of CPU.

Prints the figures and writes benchmarks/out/crawl_cluster.json.
"""
from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.crawl import PROFILE  # noqa: E402  (the same board profile as the single-process benchmark)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_redis(tmp: Path):
    import redis

    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        raise SystemExit("redis-server not installed (apt-get install redis-server)")
    port = _free_port()
    proc = subprocess.Popen([binary, "--save", "", "--appendonly", "no", "--port", str(port), "--bind", "127.0.0.1",
                             "--dir", str(tmp)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(200):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    client.close()
    return proc, url


def _run(n_procs: int, url: str, profile: Path, home: Path, settings: dict, redis_url: str | None, key: str):
    from fazhi.crawlers import crawl

    results, errors = [None] * n_procs, []

    def worker(i):
        try:
            results[i] = crawl("generic", home, settings=settings, throttle=False, profile=str(profile),
                               base_url=url, redis_url=redis_url, redis_key=key if redis_url else None,
                               log_file=home.parent / f"{key}-{i}.log", timeout=1800)
        except Exception as e:
            errors.append(e)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n_procs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise errors[0]
    pages = sum(r["pages"] for r in results)
    return {"processes": n_procs, "redis": bool(redis_url), "wall_s": round(wall, 1), "pages": pages,
            "items": sum(r["items"] for r in results), "documents": results[0]["documents"],
            "pages_per_s": round(pages / wall, 1),
            "pages_per_process": [r["pages"] for r in results],
            "cpu_s_per_process": [r["cpu_seconds"] for r in results]}


def bench_crawl_scaleout(pages: int = 3000, concurrency: int = 16) -> dict:
    """Pages/s of one crawl process and of two sharing a Redis queue (and one without Redis)."""
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-crawl-cluster-") as tmp:
        tmp = Path(tmp)
        redis_proc, redis_url = _start_redis(tmp)
        server = subprocess.Popen([sys.executable, "-m", "fazhi.crawlers.fixture_server", "--bench-pages", str(pages)],
                                  stdout=subprocess.PIPE, text=True)
        try:
            url = server.stdout.readline().strip()
            profile = tmp / "bench.yaml"
            profile.write_text(PROFILE, encoding="utf-8")
            settings = {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
                        "FAZHI_STORE_BATCH": 200, "FAZHI_OCR": False, "LOG_LEVEL": "INFO"}
            runs = {
                "one_process_plain": _run(1, url, profile, tmp / "ws-plain", settings, None, "plain"),
                "one_process_redis": _run(1, url, profile, tmp / "ws-one", settings, redis_url, "one"),
                "two_processes_redis": _run(2, url, profile, tmp / "ws-two", settings, redis_url, "two"),
            }
        finally:
            server.terminate()
            server.wait(10)
            redis_proc.terminate()
            redis_proc.wait(10)
    one, two = runs["one_process_redis"], runs["two_processes_redis"]
    return {"site_pages": pages, "concurrency_per_process": concurrency, **runs,
            "speedup_two_vs_one": round(two["pages_per_s"] / one["pages_per_s"], 2)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=16)
    args = ap.parse_args()
    result = {"date": str(date.today()), "crawl": bench_crawl_scaleout(args.pages, args.concurrency)}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    out = REPO / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "crawl_cluster.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
