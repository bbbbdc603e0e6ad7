"""A crawl names every page it could not store and why: ``skipped`` in the stats, one line each on stderr.

A small site served on 127.0.0.1 with a page that answers 404, a link robots.txt disallows, a page without
a title (dropped by validation), a page whose attachment is missing, a good page and (first test) a page too
slow to answer; crawled for real.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crawl_helpers import FAST, GOV_PROFILE, run


def page(title: str, text: str, extra: str = "") -> bytes:
    h1 = f"<h1>{title}</h1>" if title else ""
    return (f'<html><head><meta charset="utf-8"></head><body>{h1}<span class="date">2024-03-05</span>'
            f'<div class="content"><p>{text}</p></div>{extra}</body></html>').encode("utf-8")


def write_site(root, slow: bool = False):
    (root / "gov" / "private").mkdir(parents=True)
    links = ["good.html", "missing.html", "private/secret.html", "untitled.html", "with-attachment.html"]
    links += ["/slow/gov/good.html"] if slow else []
    items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
    (root / "gov" / "list.html").write_bytes(f'<html><body><ul class="list">{items}</ul></body></html>'.encode())
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /gov/private/\n", encoding="utf-8")
    (root / "gov" / "good.html").write_bytes(page("某市消防条例", "第一条　为了预防火灾，制定本条例。"))
    (root / "gov" / "private" / "secret.html").write_bytes(page("内部文件", "第一条　不公开。"))
    (root / "gov" / "untitled.html").write_bytes(page("", "第一条　这一页没有标题。"))
    (root / "gov" / "with-attachment.html").write_bytes(page(
        "某市养犬管理规定", "第一条　为了加强养犬管理，制定本规定。", '<a class="attachment" href="gone.pdf">附件</a>'))
    (root / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")


def expected(url: str) -> dict:
    return {
        f"{url}/gov/missing.html": "HTTP 404",
        f"{url}/gov/private/secret.html": "forbidden by robots.txt",
        f"{url}/gov/untitled.html": "missing title",
        f"{url}/gov/gone.pdf": "HTTP 404",
    }


def test_the_stats_name_each_skipped_url_with_its_reason(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    write_site(tmp_path / "site", slow=True)
    with FixtureServer(tmp_path / "site", slow_seconds=2.5) as server:
        stats = run("generic", tmp_path / "ws", server, profile=str(tmp_path / "site" / "site.yaml"))
        url = server.url
    assert stats["added"] == 2 and stats["dropped"] == 1  # good.html, with-attachment.html
    skipped = {rec["url"]: rec for rec in stats["skipped"]}
    timeout = skipped.pop(f"{url}/slow/gov/good.html")["reason"]
    assert {u: rec["reason"] for u, rec in skipped.items()} == expected(url)
    assert skipped[f"{url}/gov/gone.pdf"]["page"] == f"{url}/gov/with-attachment.html"
    assert "TimeoutError: Getting" in timeout and "\n" not in timeout, timeout  # one line, not a traceback
    assert stats["skipped_total"] == 5 and stats["skipped_refused"] == 1
    # the figures are still there, and the list is not duplicated in Scrapy's own statistics
    assert stats["robots_forbidden"] == 1 and stats["http_errors"] == {"404": 2}
    assert "fazhi/skipped" not in stats["scrapy"]
    assert "forbidden by robots.txt" in open(stats["log"], encoding="utf-8").read()


def test_the_cli_prints_one_line_per_skipped_url_on_stderr(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    write_site(tmp_path / "site")
    settings = [a for k, v in FAST.items() for a in ("-s", f"{k}={v}")]
    with FixtureServer(tmp_path / "site") as server:
        proc = subprocess.run([sys.executable, "-m", "fazhi", "--home", str(tmp_path / "ws"), "crawl", "generic",
                               "-a", f"profile={tmp_path / 'site' / 'site.yaml'}", "-a", f"base_url={server.url}",
                               *settings, "--no-throttle", "--json"],
                              capture_output=True, text=True, timeout=120)
        url = server.url
    assert proc.returncode == 2, proc.stderr  # what was fetched is stored; 2 says some pages were not (as ingest)
    lines = [line for line in proc.stderr.splitlines() if line.startswith("fazhi: skipped ")]
    assert sorted(lines) == sorted([
        f"fazhi: skipped {url}/gov/missing.html: HTTP 404",
        f"fazhi: skipped {url}/gov/private/secret.html: forbidden by robots.txt",
        f"fazhi: skipped {url}/gov/untitled.html: missing title",
        f"fazhi: skipped {url}/gov/gone.pdf: HTTP 404 (from page {url}/gov/with-attachment.html)",
    ])
    out = json.loads(proc.stdout)
    assert {rec["url"] for rec in out["skipped"]} == set(expected(url))


def test_pages_robots_txt_forbids_are_named_but_are_no_failure(tmp_path):
    """A site whose robots.txt forbids a linked page: the page is named on stderr, and the crawl exits 0
    (a nightly crawl of such a site must not report a failure every night); 2 only for real failures."""
    from fazhi.crawlers.fixture_server import FixtureServer

    site = tmp_path / "site"
    (site / "gov" / "private").mkdir(parents=True)
    (site / "gov" / "list.html").write_bytes(
        '<html><body><ul class="list"><li><a href="good.html">a</a></li>'
        '<li><a href="private/secret.html">b</a></li></ul></body></html>'.encode())
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /gov/private/\n", encoding="utf-8")
    (site / "gov" / "good.html").write_bytes(page("某市消防条例", "第一条　为了预防火灾，制定本条例。"))
    (site / "gov" / "private" / "secret.html").write_bytes(page("内部文件", "第一条　不公开。"))
    (site / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")
    settings = [a for k, v in FAST.items() for a in ("-s", f"{k}={v}")]
    with FixtureServer(site) as server:
        proc = subprocess.run([sys.executable, "-m", "fazhi", "--home", str(tmp_path / "ws"), "crawl", "generic",
                               "-a", f"profile={site / 'site.yaml'}", "-a", f"base_url={server.url}",
                               *settings, "--no-throttle", "--json"],
                              capture_output=True, text=True, timeout=120)
        url = server.url
    assert proc.returncode == 0, proc.stderr
    assert f"fazhi: skipped {url}/gov/private/secret.html: forbidden by robots.txt" in proc.stderr
    out = json.loads(proc.stdout)
    assert out["added"] == 1 and out["skipped_refused"] == 1


def test_the_cli_caps_the_skipped_lines(capsys):
    from fazhi.cli.crawl import report_skipped

    recs = [{"url": f"http://x/{i}.html", "reason": "HTTP 404"} for i in range(1000)]
    report_skipped({"skipped": recs, "skipped_total": 1200}, limit=50)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 51 and err[0] == "fazhi: skipped http://x/0.html: HTTP 404"
    assert err[-1] == "fazhi: … and 1150 more skipped (see --json or the log)"


@pytest.mark.parametrize("spider, args, settings, message", [
    # these crawls "finished" with exit code 0, no page and no word of why (a setting of the wrong type), or
    # ended in the child's traceback tail (a spider argument that is not a number)
    ("judgments", {}, {"DOWNLOAD_TIMEOUT": "abc"}, "crawl judgments could not start: -s DOWNLOAD_TIMEOUT=abc: expected a number"),
    ("posts", {}, {"ROBOTSTXT_OBEY": "maybe"}, "crawl posts could not start: -s ROBOTSTXT_OBEY=maybe: expected True or False (or 1 / 0)"),
    ("posts", {"max_pages": "x"}, {}, "crawl posts could not start: -a max_pages=x: expected a whole number of at least 1"),
    ("flk", {"size": "0"}, {}, "crawl flk could not start: -a size=0: expected a whole number of at least 1"),
    ("judgments", {}, {"RETRY_TIMES": "2.5"}, "crawl judgments could not start: ValueError: invalid literal for int() with base 10: '2.5'"),
])
def test_a_crawl_that_cannot_start_says_why(tmp_path, server, spider, args, settings, message):
    from fazhi.crawlers import CrawlError

    with pytest.raises(CrawlError) as e:
        run(spider, tmp_path / "ws", server, settings=settings, **args)
    assert str(e.value) == message
