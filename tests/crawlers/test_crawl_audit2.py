"""Crawl audit 2: three local sites built like a city's 司法局, court and message board (GBK under a wrong
charset header, 下一页 and ?page=N pagination, [2026-03-05] / 2026年3月5日 list dates, TRS_Editor and #zoom
bodies, .pdf .docx .doc .wps .ofd attachments, 404 / 500 / 301 / robots.txt, duplicate list entries, a
corrected document), crawled twice for real through Scrapy, scored against the key written before the
first run (tests/fixtures/crawlers/audit2/; figures: benchmarks/crawl_audit2.py).

The unit tests below pin each defect the audit found.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

AUDIT = Path(__file__).resolve().parents[1] / "fixtures" / "crawlers" / "audit2"


def _load(name: str, file: str):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, AUDIT / file)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


def _page(html: str, url: str = "http://a.gov.cn/art/t1.html"):
    from scrapy.http import HtmlResponse

    return HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")


def _spider(fields: dict, kind: str = "regulation"):
    from fazhi.crawlers.spiders.generic import GenericSpider

    return GenericSpider(profile={"kind": kind, "start_urls": ["http://a.gov.cn/"], "detail": {"fields": fields}})


def test_an_element_inside_another_picked_element_is_read_once():
    # "div.TRS_Editor, div#zoom" covers both templates of a site; on the old one #zoom holds the editor's div
    from fazhi.crawlers.spiders.generic import select

    page = _page('<div id="zoom"><div class="TRS_Editor"><p>第一条　规范。</p></div><p>【打印本页】</p></div>'
                 '<div class="TRS_Editor"><p>附：说明</p></div>')
    assert select(page, "css:div.TRS_Editor, div#zoom") == ["第一条 规范。\n【打印本页】", "附：说明"]
    assert select(page, "css:p::text") == ["第一条 规范。", "【打印本页】", "附：说明"]  # text is not nested
