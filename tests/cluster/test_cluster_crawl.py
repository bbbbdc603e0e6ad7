"""Distributed crawling: two real crawler processes share one queue in a real redis-server.

The fixture site's generated board (``/bench/list/N.html`` → ``/bench/page/N.html``) is served on loopback;
the server counts requests per path, so "fetched exactly once" is checked where the fetches arrive.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "crawlers"))

PAGES = 150  # 3 list pages of 50 links (fixture_server.BENCH_LINKS_PER_LIST)
PROFILE = """
name: cluster-board
kind: post
start_urls: ["{base_url}/bench/list/1.html"]
list:
  links: "css:ul.posts a::attr(href)"
  next: "css:a.next::attr(href)"
  max_pages: 1000
detail:
  fields:
    title: "css:h1::text"
    published: "css:span.date::text"
    text: "css:div.body p"
"""
# OCR off, short timeouts; a small per-process concurrency and a per-response delay on the server so
# that the crawl lasts long enough for both processes to take part
FAST = {"DOWNLOAD_TIMEOUT": 5, "FAZHI_RETRY_BACKOFF_BASE": 0.05, "RETRY_TIMES": 1, "FAZHI_OCR": False,
        "CONCURRENT_REQUESTS": 4, "CONCURRENT_REQUESTS_PER_DOMAIN": 4}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None and Path("/usr/bin/redis-server").exists():
        binary = "/usr/bin/redis-server"
    if binary is None:
        print("redis-server not installed (apt-get install redis-server): distributed crawl not tested")
        pytest.skip("redis-server binary not found (Debian package redis-server)")
    pytest.importorskip("scrapy_redis")
    import redis

    port = _free_port()
    proc = subprocess.Popen([binary, "--save", "", "--appendonly", "no", "--port", str(port),
                             "--bind", "127.0.0.1", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None:
                    pytest.fail(f"redis-server exited with {proc.returncode}")
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not answer within 5 s")
        yield url
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def board(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    with FixtureServer(bench_pages=PAGES) as server:
        profile = tmp_path / "board.yaml"
        profile.write_text(PROFILE, encoding="utf-8")
        yield server, profile


def _delay(server, seconds: float, until=None):
    """Make every bench response take ``seconds`` (a slow site), by wrapping the handler's bench(); with
    ``until``, hold responses until ``until()`` is true (at most 60 s)."""
    handler = server.httpd.RequestHandlerClass
    original = handler.bench

    def slow(self, path):
        if until is not None:
            deadline = time.monotonic() + 60
            while not until() and time.monotonic() < deadline:
                time.sleep(0.05)
        time.sleep(seconds)
        return original(self, path)

    handler.bench = slow


def _crawl(home, server, profile, **kw):
    from fazhi.crawlers import crawl

    return crawl("generic", home, settings=dict(FAST), throttle=False, timeout=90, profile=str(profile),
                 base_url=server.url, **kw)


def _bench_hits(server) -> dict:
    return {p: n for p, n in server.hits.items() if p.startswith("/bench/")}


def test_two_processes_share_one_queue(redis_url, board, tmp_path):
    import redis

    server, profile = board
    client = redis.Redis.from_url(redis_url)
    # hold the site until both processes have opened their schedulers, so that a loaded machine starting
    # one process seconds after the other cannot let the first crawl everything alone
    _delay(server, 0.02, until=lambda: client.hlen("fazhi:crawl:board-test:workers") >= 2)
    home = tmp_path / "ws"
    results, errors = [None, None], []

    def worker(i):
        try:
            results[i] = _crawl(home, server, profile, redis_url=redis_url, redis_key="board-test",
                                log_file=tmp_path / f"crawl-{i}.log")
        except Exception as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    a, b = results
    hits = _bench_hits(server)
    expected = {f"/bench/page/{i}.html" for i in range(PAGES)}
    expected |= {f"/bench/list/{i}.html" for i in range(1, 4)}
    assert set(hits) == expected
    twice = {p: n for p, n in hits.items() if n != 1}
    assert not twice, f"fetched more than once: {twice}"
    # both processes took part, and between them fetched each page once
    assert a["pages"] > 0 and b["pages"] > 0, (a["pages"], b["pages"])
    assert a["pages"] + b["pages"] == len(expected) + 2  # + each process's own robots.txt
    assert a["items"] + b["items"] == PAGES
    assert a["finish_reason"] == b["finish_reason"] == "finished"
    assert a["redis_key"] == "board-test"
    from fazhi.workspace import Workspace

    with Workspace(home).store() as store:
        docs = list(store)
    sources = [d.source for d in docs]
    assert len(sources) == len(set(sources)) == PAGES
    # the last process out left the finished crawl's keys to expire
    assert 0 < client.ttl("fazhi:crawl:board-test:dupefilter") <= 600
    assert client.zcard("fazhi:crawl:board-test:requests") == 0
    # a late process with the same key finds the crawl done and fetches nothing again
    late = _crawl(tmp_path / "ws-late", server, profile, redis_url=redis_url, redis_key="board-test")
    assert _bench_hits(server) == hits
    assert late["items"] == 0
    client.close()


def test_without_redis_crawls_as_before(board, tmp_path):
    server, profile = board
    stats = _crawl(tmp_path / "ws", server, profile)
    assert stats["redis_key"] is None
    assert stats["finish_reason"] == "finished"
    assert stats["items"] == stats["added"] == PAGES
    assert all(n == 1 for n in _bench_hits(server).values())
    assert "scheduler/enqueued/redis" not in stats["scrapy"]
    assert stats["scrapy"].get("scheduler/enqueued/memory", 0) > 0


def test_redis_down_is_a_clear_error(board, tmp_path):
    pytest.importorskip("scrapy_redis")
    from fazhi.crawlers import CrawlError

    server, profile = board
    url = f"redis://127.0.0.1:{_free_port()}/0"
    with pytest.raises(CrawlError, match="Redis"):
        _crawl(tmp_path / "ws", server, profile, redis_url=url)
    assert not _bench_hits(server)


def test_redis_settings_and_argument_checks(tmp_path):
    from fazhi.crawlers import crawl
    from fazhi.crawlers.distributed import default_key, redis_settings

    s = redis_settings("redis://h:1/0", "k")
    assert s["SCHEDULER_PERSIST"] is True and s["SCHEDULER_IDLE_BEFORE_CLOSE"] == 0
    assert s["SCHEDULER_DUPEFILTER_KEY"] == "fazhi:crawl:k:dupefilter"
    assert default_key("posts", {"a": 1}) != default_key("posts", {"a": 2})
    with pytest.raises(ValueError, match="jobdir"):
        crawl("posts", tmp_path / "ws", redis_url="redis://h:1/0", jobdir=tmp_path / "job")
    with pytest.raises(ValueError, match="redis_url"):
        crawl("posts", tmp_path / "ws", redis_key="k")


def test_cli_redis_option(board, tmp_path):
    pytest.importorskip("scrapy_redis")
    from click.testing import CliRunner

    from fazhi.cli import cli

    server, profile = board
    url = f"redis://127.0.0.1:{_free_port()}/0"
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "ws"), "crawl", "generic",
                                      "-a", f"profile={profile}", "-a", f"base_url={server.url}",
                                      "--no-throttle", "--redis", url])
    assert result.exit_code != 0
    assert f"cannot use Redis at {url}" in result.output
