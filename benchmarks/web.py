"""Load test of the web API: concurrent POST /api/search against a real `fazhi serve` on loopback.

The server is the real command (`python -m fazhi --home HOME serve --host 127.0.0.1 --port PORT`) in a
subprocess; the workspace holds the bundled samples (60 mediation dossiers indexed with use-m3, the
packaged fast encoder) unless --home names a built one. Queries are the 300 bundled hotline posts and the
60 dossier openings, so few query embeddings come from the cache. Each phase sends --requests searches
with --concurrency in flight (httpx, one connection per worker), after a warm-up of 5 searches.

Phases: a mediator (snippets masked by the NER model) and an admin (no masking): masking is part of what
a mediator waits for.

Usage:
    .venv/bin/python benchmarks/web.py [--requests 500] [--concurrency 50] [--workers 1] [--home DIR]

Writes benchmarks/out/web.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._machine import cpu_model  # noqa: E402




def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(home: Path) -> dict:
    """Ingest the bundled samples and build the index (skipped when the workspace has one)."""
    from fazhi.index.hybrid import build_index, index_info
    from fazhi.workspace import Workspace

    ws = Workspace(home)
    if index_info(ws).get("built"):
        return index_info(ws)
    from fazhi.corpora.loaders import ingest
    from fazhi.corpora.samples import sample_paths

    store = ws.store()
    for _name, (path, kind) in sample_paths().items():
        if path.exists():
            ingest([path], store, kind=kind)
    store.close()
    build_index(ws, kinds=["mediation"], model="use-m3")
    return index_info(ws)


def queries() -> list[str]:
    from fazhi.corpora.samples import sample_paths

    out = []
    paths = sample_paths()
    for line in paths["posts"][0].read_text(encoding="utf-8").splitlines():
        out.append(json.loads(line)["text"][:200])
    for line in paths["mediation"][0].read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        text = d.get("text", "")
        i = text.find("纠纷事实")
        out.append(text[i if i >= 0 else 0:][:200])
    return [q for q in out if q.strip()]


def pct(values: list[float], p: float) -> float:
    xs = sorted(values)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


async def phase(url: str, token: str, qs: list[str], n: int, concurrency: int, k: int) -> dict:
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    lat: list[float] = []
    statuses: dict[int, int] = {}
    next_i = 0

    async def worker(client):
        nonlocal next_i
        while next_i < n:
            i = next_i
            next_i += 1
            t = time.perf_counter()
            r = await client.post("/api/search", json={"query": qs[i % len(qs)], "k": k}, headers=headers)
            lat.append(time.perf_counter() - t)
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=600, limits=limits) as client:
        for q in qs[-5:]:  # warm-up: model loads, first connections
            (await client.post("/api/search", json={"query": q, "k": k}, headers=headers)).raise_for_status()
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return {"requests": n, "concurrency": concurrency, "k": k, "statuses": statuses,
            "p50_ms": round(1000 * statistics.median(lat), 1), "p95_ms": round(1000 * pct(lat, 95), 1),
            "p99_ms": round(1000 * pct(lat, 99), 1), "max_ms": round(1000 * max(lat), 1),
            "mean_ms": round(1000 * statistics.fmean(lat), 1), "wall_s": round(wall, 2),
            "throughput_rps": round(n / wall, 2)}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=500, help="searches per phase (default 500)")
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--workers", type=int, default=1, help="server worker processes (fazhi serve --workers)")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--home", help="a workspace with a built index (default: a temporary one from the samples)")
    ap.add_argument("--roles", default="mediator,admin")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "web.json"))
    a = ap.parse_args(argv)

    home = Path(a.home) if a.home else Path(tempfile.mkdtemp(prefix="fazhi-web-bench-")) / "ws"
    t = time.perf_counter()
    info = prepare(home)
    prep_s = time.perf_counter() - t
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    users = UserStore.for_workspace(Workspace(home))
    tokens = {r: users.add(f"bench-{r}", r) for r in ("mediator", "admin")}
    qs = queries()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "fazhi", "--home", str(home), "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(a.workers)]
    log = open(Path(tempfile.gettempdir()) / f"fazhi-web-bench-{port}.log", "w")
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    result = {"benchmark": "web", "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "machine": {"cores": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(),
                          "loadavg_before": [round(x, 2) for x in os.getloadavg()]},
              "command": "python benchmarks/web.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "server": " ".join(cmd[1:]).replace(str(home), "HOME"), "workers": a.workers,
              "index": {k: info.get(k) for k in ("documents", "passages", "encoder")},
              "distinct_queries": len(set(qs)), "prepare_s": round(prep_s, 1), "phases": {}}
    try:
        import httpx

        t = time.perf_counter()
        while True:
            try:
                if httpx.get(url + "/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.perf_counter() - t > 120:
                raise SystemExit(f"server did not start; see {log.name}")
            time.sleep(0.2)
        result["server_start_s"] = round(time.perf_counter() - t, 2)
        for role in a.roles.split(","):
            r = asyncio.run(phase(url, tokens[role], qs, a.requests, a.concurrency, a.k))
            result["phases"][role] = r
            print(f"{role:9s} {r['requests']} searches, {r['concurrency']} concurrent: p50 {r['p50_ms']} ms, "
                  f"p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms, {r['throughput_rps']} req/s, statuses {r['statuses']}",
                  flush=True)
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    result["machine"]["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


if __name__ == "__main__":
    main()
