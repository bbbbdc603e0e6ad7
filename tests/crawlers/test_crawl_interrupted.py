"""Ctrl-C during a crawl keeps what was fetched: a stop during a long wait to retry (429 with Retry-After)
does not sit out the wait, and a forced stop (a second Ctrl-C) still writes the documents in the store's
buffer."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from crawl_helpers import FAST

from fazhi.workspace import Workspace

PROFILE = """
start_urls: {urls}
detail: {{fields: {{title: "css:h1::text", text: "css:div.content p"}}}}
"""


def write_site(root, names):
    (root / "gov").mkdir(parents=True)
    for i, name in enumerate(names):
        (root / "gov" / name).write_text(f'<html><body><h1>条例{i}</h1><div class="content"><p>第一条　正文{i}。</p>'
                                         '</div></body></html>', encoding="utf-8")


@pytest.fixture
def sigint():
    """Ctrl-C as a terminal sends it: KeyboardInterrupt in the main thread (crawl() forwards it)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield lambda: os.kill(os.getpid(), signal.SIGINT)
    signal.signal(signal.SIGINT, previous)


def crawl_site(tmp_path, server, urls, settings, when, then):
    from fazhi.crawlers import crawl

    profile = tmp_path / "site.yaml"
    profile.write_text(PROFILE.format(urls=[server.url + u for u in urls]), encoding="utf-8")

    def watch():
        while not when():
            time.sleep(0.02)
        then()

    threading.Thread(target=watch, daemon=True).start()
    t = time.monotonic()
    stats = crawl("generic", tmp_path / "ws", settings={**FAST, **settings}, throttle=False, timeout=60,
                  profile=str(profile))
    return stats, time.monotonic() - t


def test_ctrl_c_during_a_retry_after_wait_stops_at_once(tmp_path, sigint):
    from fazhi.crawlers.fixture_server import FixtureServer

    names = ["limited.html", "a.html", "b.html"]
    write_site(tmp_path / "site", names)
    with FixtureServer(tmp_path / "site", retry_after=30) as server:
        stats, seconds = crawl_site(
            tmp_path, server, ["/ratelimit/gov/limited.html", "/gov/a.html", "/gov/b.html"],
            {"FAZHI_RETRY_BACKOFF_MAX": 60},
            when=lambda: server.hits["/gov/b.html"] and server.hits["/ratelimit/gov/limited.html"],
            then=lambda: (time.sleep(0.5), sigint()))
    assert stats["finish_reason"] == "shutdown" and seconds < 15  # not the 30 s Retry-After asked for
    assert stats["added"] == 2 and stats["documents"] == 2
    assert stats["skipped"] == [{"url": f"{server.url}/ratelimit/gov/limited.html",
                                 "reason": "not retried: the crawl was stopped during a 30 s wait before retry 1"}]


def test_a_forced_stop_keeps_the_documents_already_fetched(tmp_path, sigint):
    from fazhi.crawlers.fixture_server import FixtureServer

    names = [f"{i}.html" for i in range(6)] + ["slow.html"]
    write_site(tmp_path / "site", names)
    with FixtureServer(tmp_path / "site", slow_seconds=5) as server:
        # a page still downloading keeps the graceful stop waiting; the second Ctrl-C forces the stop
        stats, _ = crawl_site(
            tmp_path, server, [f"/gov/{n}" for n in names[:-1]] + ["/slow/gov/slow.html"],
            {"DOWNLOAD_TIMEOUT": 10, "FAZHI_STORE_BATCH": 1000},
            when=lambda: server.hits["/slow/gov/slow.html"] and all(server.hits[f"/gov/{n}"] for n in names[:-1]),
            then=lambda: (time.sleep(0.7), sigint(), time.sleep(0.5), sigint()))
    assert stats["finish_reason"] == "forced_shutdown"
    assert stats["added"] == 6 and stats["documents"] == 6
    with Workspace(tmp_path / "ws").store() as store:
        assert sorted(d.title for d in store) == [f"条例{i}" for i in range(6)]


BENCH_PROFILE = """
kind: post
start_urls: ["{base_url}/bench/list/1.html"]
list: {links: "css:ul.posts a::attr(href)", next: "css:a.next::attr(href)"}
detail: {fields: {title: "css:h1::text", published: "css:span.date::text", text: "css:div.body p"}}
"""


def test_a_crawl_stopped_by_its_timeout_keeps_what_it_fetched(tmp_path):
    # --timeout killed the crawl process: every validated document still in the store's buffer was lost (here
    # all of them: the buffer holds 100,000) and the message said nothing of what was kept
    from fazhi.crawlers import CrawlError, crawl
    from fazhi.crawlers.fixture_server import FixtureServer

    (tmp_path / "site.yaml").write_text(BENCH_PROFILE, encoding="utf-8")
    with FixtureServer(bench_pages=50_000) as server:
        with pytest.raises(CrawlError) as e:
            crawl("generic", tmp_path / "ws", settings={**FAST, "FAZHI_STORE_BATCH": 100_000}, throttle=False,
                  timeout=3, profile=str(tmp_path / "site.yaml"), base_url=server.url)
    with Workspace(tmp_path / "ws").store() as store:
        kept = len(store)
    assert kept > 0
    assert f"documents added ({kept} documents in the store; pages already stored are skipped when run again)" in str(
        e.value)
    assert str(e.value).startswith("crawl generic did not finish within 3 s: stopped after ")
