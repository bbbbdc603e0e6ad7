"""Helpers for the crawler tests (a uniquely named module: every area has a conftest.py)."""
from __future__ import annotations

from pathlib import Path

# OCR off unless a test turns it on: loading the OCR models costs seconds in every crawl process
FAST = {"DOWNLOAD_TIMEOUT": 1, "FAZHI_RETRY_BACKOFF_BASE": 0.05, "RETRY_TIMES": 1, "CONCURRENT_REQUESTS": 8,
        "FAZHI_OCR": False}
HERE = Path(__file__).resolve().parent
FIXTURE_SITE = HERE.parent / "fixtures" / "crawlers" / "site"


def run(spider, home, server=None, settings=None, **args):
    """One real crawl through Scrapy's engine (in a child process), throttling off, short timeouts."""
    from fazhi.crawlers import crawl

    if server is not None:
        args.setdefault("base_url", server.url)
        if spider == "flk":
            args.setdefault("files_url", server.url)
    return crawl(spider, home, settings={**FAST, **(settings or {})}, throttle=False, timeout=90, **args)


def by_file(store) -> dict:
    """Stored documents keyed by the last part of their URL."""
    return {d.source.rsplit("/", 1)[-1]: d for d in store}


# a city government site: a list page of links to detail pages (title, date, text, attachments)
GOV_PROFILE = """
kind: regulation
start_urls: ["{base_url}/gov/list.html"]
list:
  links: "css:ul.list a::attr(href)"
detail:
  fields:
    title: "css:h1::text"
    published: "css:span.date::text"
    text: "css:div.content p"
  attachments: "css:a.attachment::attr(href)"
"""
