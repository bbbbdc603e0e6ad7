"""``generic``: list → detail crawling driven by a YAML site profile, so a new site needs no code.

A profile (see ``fazhi/crawlers/profiles/*.yaml`` and docs/crawlers.md)::

    name: demo-court
    kind: judgment                 # regulation | judgment | post | other
    base_url: https://court.example.org     # "{base_url}" in URLs; -a base_url=... overrides it
    start_urls: ["{base_url}/court/list_1.html"]
    encoding: gbk                  # optional: force a charset the site declares wrongly
    region: 杭州市                  # optional: a constant region for every document
    date_formats: ["%Y年%m月%d日"]   # tried before the built-in formats
    list:
      links: "css:ul.cases a::attr(href)"   # detail page links
      next: "css:a.next::attr(href)"        # next list page
      max_pages: 100
    detail:
      fields:                      # item field (or any name: it goes into metadata) -> selector
        title: "css:h1::text"
        case_number: "xpath://span[@class='ah']/text()"
        published: {selector: "css:.date::text", date: true}
        text: {selector: "css:div.content p"}     # elements: their text, one per line
        cause: {selector: "css:.meta::text", re: "案由：(\\S+)"}
      attachments: "css:a.attachment::attr(href)"   # .docx .pdf .doc .txt; images are OCR'd
      images: "css:div.content img::attr(src)"       # OCR'd when the page has no text of its own

Selectors are ``css:...`` or ``xpath:...`` (``css`` when no prefix). A selector that picks elements
rather than text or attributes yields each element's text. Several values are joined with ``join``
(a newline by default). ``re`` keeps the first group of a regular expression; ``date: true`` (implied for
``published`` and ``reply_date``) parses the value with the profile's ``date_formats``; ``default`` fills
an empty value.

Spider arguments: ``profile`` (a file or the name of a bundled profile), ``base_url``, ``max_pages``,
``allowed_domains`` (comma-separated; also a profile key: requests and redirects to other hosts are left
out, a page that redirects off-site is named under ``skipped``).
"""
from __future__ import annotations

import re

import scrapy

from fazhi.crawlers.items import ITEM_CLASSES, Attachment, item_fields
from fazhi.crawlers.spiders.base import (ATTACHMENT_SUFFIXES, IMAGE_SUFFIXES, FazhiSpider, file_name, link_url,
                                         parse_date, unreadable)
from fazhi.crawlers.profile import load_profile
from fazhi.errors import ParseError

__all__ = ["GenericSpider", "select", "file_suffix"]

_MAGIC = ((b"%PDF-", ".pdf"), (b"PK\x03\x04", ".docx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"))


def file_suffix(body: bytes) -> str | None:
    """The file type of a response that is a document rather than a web page, by its first bytes.

    >>> file_suffix(b"%PDF-1.4 ..."), file_suffix(b"<html>")
    ('.pdf', None)
    """
    head = body[:1024].lstrip()
    for magic, suffix in _MAGIC:
        if head.startswith(magic):
            return suffix
    return None

_DATE_FIELDS = {"published", "reply_date", "effective"}
_SCRIPT_SUFFIXES = ("", ".jsp", ".do", ".action", ".asp", ".aspx", ".php", ".cgi", ".ashx")


def _download_script(url: str) -> bool:
    """Whether an attachment link is a download script or a suffix-less file URL rather than a web page or
    a file type the loaders cannot read (``/download.jsp?id=7``, ``/files/123``; not ``.html``, ``.xls``).

    >>> [_download_script(u) for u in ("http://a.cn/download.jsp?id=7", "http://a.cn/f/123", "http://a.cn/a.html")]
    [True, True, False]
    """
    from pathlib import PurePosixPath
    from urllib.parse import urlsplit

    return PurePosixPath(urlsplit(url).path).suffix.lower() in _SCRIPT_SUFFIXES


def select(sel, spec) -> list[str]:
    """Strings picked by ``spec`` ("css:..." / "xpath:..." / a plain CSS selector) under ``sel``."""
    spec = spec.strip()
    if spec.startswith("xpath:"):
        found = sel.xpath(spec[6:].strip())
    else:
        found = sel.css(spec[4:].strip() if spec.startswith("css:") else spec)
    out = []
    for s in found:
        if isinstance(s.root, str):
            value = s.root
        else:
            value = "".join(s.xpath(".//text()").getall())
        value = " ".join(value.split()) if "\n" not in value else "\n".join(
            " ".join(line.split()) for line in value.splitlines() if line.strip())
        if value:
            out.append(value)
    return out


class GenericSpider(FazhiSpider):
    """List → detail spider for any site described by a YAML profile."""

    name = "generic"
    #: bundled profile used when no ``-a profile=`` is given (subclasses set it)
    default_profile: str | None = None

    def __init__(self, *args, profile=None, base_url=None, allowed_domains=None, **kwargs):
        super().__init__(*args, **kwargs)
        profile = profile or self.default_profile
        if not profile:
            raise ParseError("the generic spider needs a site profile: -a profile=site.yaml")
        self.profile = load_profile(profile)
        self.kind = self.profile.get("kind", "other")
        self.item_class = ITEM_CLASSES[self.kind]
        self.item_names = item_fields(self.item_class)
        self.base_url = (base_url or self.profile.get("base_url") or "").rstrip("/")
        self.encoding = self.profile.get("encoding")
        # hosts (and their subdomains) the crawl may go to; none: anywhere the profile's links lead.
        # ``-a allowed_domains=a.gov.cn,b.gov.cn`` is a string: Scrapy would take each character for a domain.
        domains = allowed_domains if allowed_domains is not None else self.profile.get("allowed_domains")
        if isinstance(domains, str):
            domains = domains.split(",")
        self.allowed_domains = [d.strip() for d in domains or () if d and d.strip()]
        self.date_formats = list(self.profile.get("date_formats") or []) + [
            "%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%Y.%m.%d"]
        lst = self.profile.get("list") or {}
        if self.max_pages is None and lst.get("max_pages"):
            self.max_pages = int(lst["max_pages"])
        self.list_pages = 0
        self._linked: set[str] = set()  # detail URLs found on list pages so far

    def url(self, template: str) -> str:
        return template.replace("{base_url}", self.base_url)

    def request(self, url, callback, **kw):
        meta = kw.pop("meta", {})
        if self.encoding:
            meta["fazhi_encoding"] = self.encoding
        return scrapy.Request(url, callback=callback, meta=meta, **kw)

    async def start(self):
        for u in self.profile["start_urls"]:
            yield self.request(self.url(u), self.parse_list)

    def parse_list(self, response):
        self.list_pages += 1
        lst = self.profile.get("list") or {}
        if not lst.get("links"):  # the start URLs are detail pages
            yield from self.parse_detail(response)
            return
        problem = unreadable(response, "a list page")
        if problem:
            self.stat("bad_responses")
            self.skip(response.url, problem)
            return
        urls = self.links(response, lst["links"])
        new = [u for u in urls if u not in self._linked]
        self._linked.update(new)
        for url in urls:
            yield self.request(url, self.parse_detail)
        if urls and not new and self.list_pages > 1:
            # Past its last page many a site serves the first (or the last) page again under ?page=N+1,
            # with a "next" link to N+2, for ever: a list page with nothing new ends the pagination.
            self.logger.info("%s lists only pages already seen: not following its next link", response.url)
            self.stat("pagination_repeated")
            return
        if lst.get("next") and (self.max_pages is None or self.list_pages < self.max_pages):
            for url in self.links(response, lst["next"])[:1]:
                yield self.request(url, self.parse_list)

    @staticmethod
    def links(response, spec) -> list[str]:
        """The http(s) URLs of the links ``spec`` picks on ``response``, each once, in order: relative links
        resolved against the page (or its ``<base href>``); ``javascript:``, ``mailto:`` and anchors left
        out (one such link used to end the whole list page)."""
        from scrapy.utils.response import get_base_url

        base = get_base_url(response)
        return list(dict.fromkeys(u for u in (link_url(base, h) for h in select(response, spec)) if u))

    def field(self, response, name, spec):
        if not isinstance(spec, dict):
            spec = {"selector": spec}
        values = select(response, spec["selector"])
        value = spec.get("join", "\n").join(values).strip()
        if value and spec.get("re"):
            m = re.search(spec["re"], value)
            value = (m.group(1) if m and m.groups() else m.group(0) if m else "").strip()
        if not value and spec.get("default") is not None:
            value = str(spec["default"])
        if value and (spec.get("date") or name in _DATE_FIELDS):
            value = parse_date(value, spec.get("date_formats") or self.date_formats)
        return value or None

    def parse_detail(self, response):
        prov = self.provenance(response)
        item = self.item_class(url=prov["url"], http_status=prov["http_status"], fetched_at=prov["fetched_at"],
                               body_hash=prov["body_hash"], region=self.profile.get("region"))
        suffix = file_suffix(response.body)
        problem = None if suffix else unreadable(response)
        if problem:  # an empty body, an image, an archive: the reason, not "missing title; missing text"
            self.stat("bad_responses")
            self.skip(response.url, problem)
            return
        if suffix:
            # The "page" is a file (a PDF or Word document sent as text/html, or linked as the detail page):
            # convert it in a worker thread like an attachment, its text is the page's text.
            name = file_name(response.url)
            if not name.lower().endswith(suffix):
                name += suffix
            yield from self.chain(item, [{"url": response.url, "role": "page", "name": name}])
            return
        detail = self.profile["detail"]
        for name, spec in detail["fields"].items():
            value = self.field(response, name, spec)
            if name in self.item_names and name not in ("url", "attachments", "images", "extra", "kind"):
                setattr(item, name, value if value is not None else getattr(item, name))
            elif value is not None:
                item.extra[name] = value
        district = getattr(item, "district", "") or ""
        if district and not (item.region or "").endswith(district):
            # a board's districts are within the profile's region: 杭州市 + 西湖区
            item.region = district if not item.region or district.startswith(item.region) else item.region + district
        steps = []
        if detail.get("attachments"):
            for url in self.links(response, detail["attachments"]):
                name = file_name(url).lower()
                if name.endswith(IMAGE_SUFFIXES):  # a photo of a document: OCR, or record it for later
                    if self.ocr() is not None:
                        steps.append({"url": url, "role": "image"})
                    else:
                        item.attachments.append(Attachment(url=url, name=file_name(url), status="needs_ocr"))
                        item.needs_ocr = item.needs_ocr or not item.text.strip()
                elif name.endswith(ATTACHMENT_SUFFIXES) or detail.get("any_attachment") or _download_script(url):
                    # a download script (download.jsp?id=7) names its file in Content-Disposition
                    steps.append({"url": url, "role": "attachment"})
        images = self.links(response, detail["images"]) if detail.get("images") else []
        if images and not item.text.strip():
            # An image-only page (a scanned notice): OCR when fazhi.ocr is installed, else flag it.
            item.images = images
            if self.ocr() is not None:
                steps += [{"url": u, "role": "image"} for u in images]
            elif not any(s["role"] == "attachment" for s in steps):
                item.needs_ocr = True
                self.stat("images_need_ocr", len(images))
        yield from self.chain(item, steps)
