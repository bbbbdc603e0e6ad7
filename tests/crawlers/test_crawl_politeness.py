"""Politeness a government site asks for in its robots.txt: ``Crawl-delay`` (and ``Request-rate``).

A local site on 127.0.0.1 publishes ``Crawl-delay: 0.3``; the crawl fetches a list and six pages through
Scrapy's engine, and the server's own clock says how far apart the requests came.
"""
from __future__ import annotations

import pytest
from crawl_helpers import FAST, GOV_PROFILE

from fazhi.workspace import Workspace

DELAY = 0.3
#: the reactor's timers may fire a few milliseconds early
SLACK = 0.03


def write_site(root, robots: str, n: int = 6):
    (root / "gov").mkdir(parents=True)
    (root / "robots.txt").write_text(robots, encoding="utf-8")
    links = "".join(f'<li><a href="art_{i}.html">通知{i}</a></li>' for i in range(n))
    (root / "gov" / "list.html").write_text(f'<html><body><ul class="list">{links}</ul></body></html>',
                                            encoding="utf-8")
    for i in range(n):
        (root / "gov" / f"art_{i}.html").write_text(
            f'<html><head><meta charset="utf-8"></head><body><h1>某区司法局关于人民调解工作的通知（{i}）</h1>'
            f'<span class="date">2024-05-{i + 1:02d}</span><div class="content"><p>第{i}号：各街道司法所，'
            f'现就人民调解工作通知如下。</p></div></body></html>', encoding="utf-8")
    (root / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")


def crawl_spaced(tmp_path, robots: str, *, throttle: bool = False, settings: dict | None = None):
    from fazhi.crawlers import crawl
    from fazhi.crawlers.fixture_server import FixtureServer

    write_site(tmp_path / "site", robots)
    with FixtureServer(tmp_path / "site") as server:
        stats = crawl("generic", tmp_path / "ws", settings={**FAST, **(settings or {})}, throttle=throttle,
                      timeout=90, base_url=server.url, profile=str(tmp_path / "site" / "site.yaml"))
        times = [t for t, _ in server.requests]
    gaps = [b - a for a, b in zip(times, times[1:])]
    return stats, gaps


@pytest.mark.parametrize("robots", [
    f"User-agent: *\nCrawl-delay: {DELAY}\nDisallow: /private/\n",
    # a group for our User-Agent wins over the * group
    f"User-agent: *\nDisallow: /private/\n\nUser-agent: fazhi\nCrawl-delay: {DELAY}\nDisallow: /private/\n",
    # Request-rate: 1 request per 0.3 seconds... written as robots.txt writes it: 10 requests per 3 seconds
    "User-agent: *\nRequest-rate: 10/3s\nDisallow: /private/\n",
])
def test_crawl_delay_of_robots_txt_spaces_the_requests(tmp_path, robots):
    stats, gaps = crawl_spaced(tmp_path, robots)  # throttle off: DOWNLOAD_DELAY 0, 4 requests per site at once
    assert stats["added"] == 6 and len(gaps) == 7  # robots.txt, the list, six pages
    assert min(gaps) >= DELAY - SLACK, gaps
    assert stats["crawl_delays"] == {"127.0.0.1": DELAY}


def test_autothrottle_does_not_go_below_the_crawl_delay(tmp_path):
    # AutoThrottle on, nothing else asking for a delay: a fast loopback server pulls its delay towards 0
    stats, gaps = crawl_spaced(tmp_path, f"User-agent: *\nCrawl-delay: {DELAY}\n", throttle=True,
                               settings={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0,
                                         "AUTOTHROTTLE_TARGET_CONCURRENCY": 8})
    assert stats["added"] == 6
    assert min(gaps) >= DELAY - SLACK, gaps


def test_download_delay_above_the_crawl_delay_stays_without_jitter_below_it(tmp_path):
    stats, gaps = crawl_spaced(tmp_path, "User-agent: *\nCrawl-delay: 0.1\n", settings={"DOWNLOAD_DELAY": DELAY})
    assert stats["added"] == 6
    assert min(gaps) >= DELAY - SLACK, gaps  # Scrapy's jitter alone would wait as little as 0.15 s
    assert stats["crawl_delays"] == {"127.0.0.1": 0.1}


def test_no_crawl_delay_no_waiting(tmp_path):
    stats, gaps = crawl_spaced(tmp_path, "User-agent: *\nDisallow: /private/\n")
    assert stats["added"] == 6 and stats["crawl_delays"] == {}
    assert sum(gaps) < 6 * DELAY  # six pages fetched four at a time


def test_a_huge_crawl_delay_is_capped(tmp_path):
    stats, gaps = crawl_spaced(tmp_path, "User-agent: *\nCrawl-delay: 3600\n",
                               settings={"FAZHI_CRAWL_DELAY_MAX": DELAY})
    assert stats["added"] == 6 and min(gaps) >= DELAY - SLACK
    assert stats["crawl_delays"] == {"127.0.0.1": DELAY}
