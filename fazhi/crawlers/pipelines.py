"""Item pipelines: validate items, then write them into the workspace's corpus store.

:class:`ValidatePipeline` drops (``DropItem``) items that :func:`fazhi.crawlers.items.validate` finds
wrong: no title or text, a date that is not ISO, an unknown law status, a case number that is not one.

:class:`StorePipeline` turns each item into a :class:`~fazhi.document.Document` whose id derives from
the page URL, so a re-crawl updates the same document. It is incremental: a page whose text and facts
(title, dates, status ...) are what the store already holds is skipped (``unchanged``); a page whose text
changed is stored as a new version (the old text stays as an earlier version, see
:meth:`fazhi.corpora.store.Store.versions`); a page whose text is already stored under another URL is
not stored again (``duplicate``). Writes are grouped in transactions of ``FAZHI_STORE_BATCH`` documents.

Provenance goes into ``metadata``: ``url``, ``fetched_at``, ``spider``, ``content_hash``,
``http_status`` and ``body_hash`` (SHA-256 of the downloaded bytes).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from dataclasses import fields
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.exceptions import DropItem

from fazhi.crawlers.items import Page, validate
from fazhi.document import Document, content_hash, utcnow

__all__ = ["ValidatePipeline", "StorePipeline", "item_to_document"]

log = logging.getLogger(__name__)

_PAGE_FIELDS = {f.name for f in fields(Page)}
_PROVENANCE = ("url", "fetched_at", "spider", "content_hash", "http_status", "body_hash", "facts_hash", "etag",
               "last_modified")


#: a query parameter that says which list page a link was on (detail.jsp?id=7003&pageNo=2), not which page it opens
_PAGING_PARAM = re.compile(r"(?:cur(?:rent)?_?)?page(?:_?(?:no|num|number|index|idx))?|pn|pg|pno|page_?size", re.I)


def page_identity(url: str) -> str | None:
    """``url`` without the parameters a list writes its own page number into (``pageNo``, ``page``,
    ``curPage``, ``pn`` …), or None when it has none: a board's letter linked as ``detail.jsp?id=7003&pageNo=1``
    is linked as ``…&pageNo=2`` once newer letters push it down the list.

    >>> page_identity("http://a.gov.cn/wz/detail.jsp?id=7003&pageNo=2"), page_identity("http://a.gov.cn/x?id=3")
    ('http://a.gov.cn/wz/detail.jsp?id=7003', None)
    >>> page_identity("http://a.gov.cn/show.php?curPage=3&tid=9&p=2")
    'http://a.gov.cn/show.php?tid=9&p=2'
    """
    parts = urlsplit(url)
    if not parts.query:
        return None
    params = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in params if not _PAGING_PARAM.fullmatch(k)]
    if len(kept) == len(params) or not kept:
        return None  # no paging parameter, or nothing but one (list.jsp?pageNo=2 is a list page)
    return urlunsplit(parts._replace(query=urlencode(kept)))


def item_to_document(item: Page, spider: str = "") -> Document:
    """The Document stored for ``item``: text with attachments' text appended, kind-specific fields and
    provenance in metadata, id derived from the URL."""
    parts = [item.text.strip()] if item.text.strip() else []
    for att in item.attachments:
        if att.text.strip():
            parts.append(f"【附件：{att.name or att.url}】\n{att.text.strip()}")
    text = "\n\n".join(parts)
    meta: dict = {}
    for f in fields(item):
        if f.name in _PAGE_FIELDS:
            continue
        value = getattr(item, f.name)
        if value not in (None, "", [], {}):
            meta[f.name] = value
    meta.update({k: v for k, v in item.extra.items() if v not in (None, "", [], {})})
    if item.attachments:
        meta["attachments"] = [a.to_dict() for a in item.attachments]
    if item.needs_ocr:
        meta["needs_ocr"] = True
    if item.images:
        meta["images"] = list(item.images)
    facts = {"title": item.title, "published": item.published, "region": item.region, "kind": item.kind, **meta}
    meta.update(url=item.url, fetched_at=item.fetched_at or utcnow(), spider=spider, content_hash=content_hash(text),
                http_status=item.http_status, body_hash=item.body_hash,
                facts_hash=hashlib.sha256(json.dumps(facts, ensure_ascii=False, sort_keys=True,
                                                     default=str).encode("utf-8")).hexdigest()[:16])
    for name in ("etag", "last_modified"):  # provenance, not facts: a new ETag alone changes nothing
        if getattr(item, name, ""):
            meta[name] = getattr(item, name)
    return Document(text=text, kind=item.kind, title=item.title.strip(), source=item.url,
                    fetched_at=meta["fetched_at"], published=item.published, region=item.region, metadata=meta)


class ValidatePipeline:
    """Drop invalid items, counting them by reason in the crawl stats (``fazhi/dropped``)."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        problems = validate(item)
        if problems:
            if self.crawler is not None:
                self.crawler.stats.inc_value("fazhi/dropped")
            error = DropItem(f"invalid item from {getattr(item, 'url', '?')}: {'; '.join(problems)}")
            error.fazhi_reason = "; ".join(problems)  # for the crawl's ``skipped`` list
            raise error
        return item


class StorePipeline:
    """Write items into the store of the workspace ``FAZHI_HOME`` (see the module docstring)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.home = crawler.settings.get("FAZHI_HOME")
        self.batch_size = crawler.settings.getint("FAZHI_STORE_BATCH", 100)
        self.store = None
        self.buffer: list[Document] = []
        self._identities: dict[str, dict[str, str]] = {}  # site → {page_identity: stored source}, read when needed

    @classmethod
    def from_crawler(cls, crawler):
        store = cls(crawler)
        crawler.fazhi_store_pipeline = store  # the runner closes it after a forced stop (see close_spider)
        return store

    def open_spider(self):
        from fazhi.workspace import Workspace

        self.store = Workspace(self.home).store()

    def close_spider(self):
        """Write what is buffered and close the store. Scrapy calls it when the crawl ends; after a forced
        stop (a second Ctrl-C) it does not, and the runner calls it, so no validated item is lost."""
        self.flush()
        if self.store is not None:
            self.store.close()
            self.store = None

    def process_item(self, item):
        self.buffer.append(item_to_document(item, self.crawler.spider.name if self.crawler.spider else ""))
        if len(self.buffer) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        if not self.buffer or self.store is None:
            return
        stats = self.crawler.stats
        docs, self.buffer = self.buffer, []
        with self.store.batch():
            for doc in docs:
                status = self._add(doc)
                stats.inc_value(f"fazhi/{status}")
                if doc.metadata.get("needs_ocr"):
                    stats.inc_value("fazhi/needs_ocr")

    def _same_page(self, doc: Document) -> Document | None:
        """``doc`` under the URL it is stored under when it was linked from another list page before
        (``detail.jsp?id=7003&pageNo=1``, now ``…&pageNo=2``), or None: the letter is the stored one, its
        answer refreshes it and a changed text is its new version (it was taken for a duplicate of itself and
        the answer was lost)."""
        ident = page_identity(doc.source)
        if ident is None:
            return None
        site = urlunsplit(urlsplit(doc.source)._replace(path="/", query="", fragment=""))
        known = self._identities.get(site)
        if known is None:  # one pass over the site's stored pages, the first time it is needed
            known = self._identities[site] = {}
            for stored in self.store.iter(source_prefix=site):
                key = page_identity(stored.source or "")
                if key is not None:
                    known.setdefault(key, stored.source)
        source = known.setdefault(ident, doc.source)
        if source == doc.source:
            return None
        return dataclasses.replace(doc, id="", source=source)

    def _add(self, doc: Document) -> str:
        info = self.store.version_info(doc.id)
        if info is None:
            same = self._same_page(doc)
            if same is not None:
                doc, info = same, self.store.version_info(same.id)
        if info is not None and info["content_hash"] == doc.content_hash:
            old = self.store.get(doc.id)
            if old is not None and old.metadata.get("facts_hash") == doc.metadata.get("facts_hash"):
                return "unchanged"  # same URL, same text, same facts: nothing to write
            self.store.add(doc)
            return "refreshed"  # same text, changed facts (a law's status, a title): metadata updated
        # An image-only page has no text yet: never treat two of them as duplicates of each other.
        result = self.store.add(doc, dedup=bool(doc.text))
        return result.status
