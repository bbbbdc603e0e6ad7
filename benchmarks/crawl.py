"""Crawl throughput and memory: the posts-style generic spider against the loopback fixture server.

Throttling off, robots.txt obeyed, the fixture server in its own process (a threaded HTTP/1.1 server
with keep-alive, generating the pages) so it does not share the crawler's interpreter. Every page goes
end to end: download, parse with the profile's selectors, validate, Document, SQLite store.

Goals (issue 6): >= 300 pages/s end to end into the store on 2 cores; memory flat over 20k pages.

    .venv/bin/python benchmarks/crawl.py [--pages 20000] [--concurrency 32]

Prints the figures and writes benchmarks/out/crawl.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._machine import cpu_model  # noqa: E402

PROFILE = """
name: bench-board
kind: post
start_urls: ["{base_url}/bench/list/1.html"]
list:
  links: "css:ul.posts a::attr(href)"
  next: "css:a.next::attr(href)"
  max_pages: 100000
detail:
  fields:
    title: "css:h1::text"
    published: "css:span.date::text"
    district: "css:span.district::text"
    text: "css:div.body p"
    reply: "css:div.reply p"
"""




def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 2)
    except (OSError, ValueError, IndexError):
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--sample-every", type=int, default=2000, help="record RSS every N pages")
    args = ap.parse_args()

    import os

    from fazhi.crawlers import crawl
    from fazhi.workspace import Workspace

    load_before = os.getloadavg()

    server = subprocess.Popen([sys.executable, "-m", "fazhi.crawlers.fixture_server", "--bench-pages", str(args.pages)],
                              stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        with tempfile.TemporaryDirectory(prefix="fazhi-bench-crawl-") as tmp:
            profile = Path(tmp) / "bench.yaml"
            profile.write_text(PROFILE, encoding="utf-8")
            samples, next_at = [], [0]

            def on_progress(p):
                if p.get("pages", 0) >= next_at[0] and p.get("rss_mb"):
                    samples.append({"pages": p["pages"], "items": p["items"], "rss_mb": p["rss_mb"],
                                    "t": round(time.perf_counter() - t0, 2)})
                    next_at[0] = p["pages"] + args.sample_every

            settings = {"CONCURRENT_REQUESTS": args.concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
                        "LOG_LEVEL": "INFO", "FAZHI_STORE_BATCH": 200}
            t0 = time.perf_counter()
            stats = crawl("generic", Path(tmp) / "ws", settings=settings, throttle=False, on_progress=on_progress,
                          profile=str(profile), base_url=url, log_level="INFO")
            wall = time.perf_counter() - t0
            with Workspace(Path(tmp) / "ws").store() as store:
                stored = store.count(kind="post")
        server_cpu = _cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    load_after = os.getloadavg()

    raw = stats["scrapy"]
    crawl_seconds = raw.get("elapsed_time_seconds") or wall
    rss = [s["rss_mb"] for s in samples]
    # "flat": RSS after the first quarter of the crawl grows by less than 25 MB to the end
    later = [s["rss_mb"] for s in samples if s["pages"] >= args.pages / 4]
    growth = round(max(later) - min(later), 1) if later else None
    result = {
        "benchmark": "crawl", "date": time.strftime("%Y-%m-%d"), "machine": f"{cpu_model()}, 2 cores",
        "python": platform.python_version(), "pages_target": args.pages, "concurrency": args.concurrency,
        "responses": stats["pages"], "stored": stored, "added": stats["added"], "dropped": stats["dropped"],
        "errors": stats["errors"], "crawl_seconds": round(crawl_seconds, 2), "wall_seconds": round(wall, 2),
        "pages_per_second": round(stats["pages"] / crawl_seconds, 1),
        "stored_per_second": round(stored / crawl_seconds, 1),
        "pages_per_second_wall": round(stats["pages"] / wall, 1),
        "rss_mb_samples": samples, "rss_mb_max": max(rss) if rss else None,
        "rss_growth_after_first_quarter_mb": growth,
        "memusage_max_mb": round(raw.get("memusage/max", 0) / 2**20, 1),
        "crawler_cpu_seconds": stats["cpu_seconds"], "server_cpu_seconds": server_cpu,
        "crawler_cpu_ms_per_page": round(1000 * stats["cpu_seconds"] / stats["pages"], 2) if stats["cpu_seconds"] else None,
        "pages_per_crawler_cpu_second": round(stats["pages"] / stats["cpu_seconds"], 1) if stats["cpu_seconds"] else None,
        "loadavg_before": [round(x, 2) for x in load_before], "loadavg_after": [round(x, 2) for x in load_after],
        "goal_pages_per_second": 300, "meets_speed_goal": stats["pages"] / crawl_seconds >= 300,
        "memory_flat": growth is not None and growth < 25,
    }
    out = REPO / "benchmarks" / "out" / "crawl.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"crawl: {stats['pages']} responses, {stored} posts stored in {crawl_seconds:.1f} s of crawling "
          f"({wall:.1f} s wall, process start included)")
    print(f"  {result['pages_per_second']} pages/s, {result['stored_per_second']} stored/s "
          f"(goal >= 300: {'met' if result['meets_speed_goal'] else 'MISSED'})")
    print(f"  crawler CPU {stats['cpu_seconds']} s ({result['crawler_cpu_ms_per_page']} ms/page, "
          f"{result['pages_per_crawler_cpu_second']} pages per CPU-second), fixture server CPU {server_cpu} s; "
          f"load average before {result['loadavg_before'][0]}, after {result['loadavg_after'][0]}")
    print("  RSS MB by pages: " + ", ".join(f"{s['pages']}:{s['rss_mb']}" for s in samples))
    print(f"  RSS growth after the first quarter: {growth} MB ({'flat' if result['memory_flat'] else 'NOT flat'})")
    print(f"  wrote {out}")


if __name__ == "__main__":
    main()
