"""Downloader middlewares: retries with exponential backoff, and charset detection for pages that
declare none.

Scrapy's own RetryMiddleware re-queues a failed request at once; against a server that is failing
under load that is the wrong thing to do. :class:`BackoffRetryMiddleware` waits
``FAZHI_RETRY_BACKOFF_BASE * 2**(attempt-1)`` seconds (capped by ``FAZHI_RETRY_BACKOFF_MAX``) before
handing back the retry request. It waits without blocking the reactor, so other requests go on.

:class:`EncodingMiddleware` handles the Chinese pages that carry no charset in their headers or
``<meta>``: Scrapy would then guess UTF-8 or cp1252 and turn GBK text into mojibake. Such responses are
decoded with :func:`fazhi.corpora.loaders.decode_bytes` (UTF-8, then GB18030/Big5 by how common the
decoded characters are) and re-encoded as UTF-8. A site profile or a request can also force an
encoding (``request.meta["fazhi_encoding"]``).

:class:`SkippedMiddleware` and :class:`SkippedLog` name every page that was not stored and why (an HTTP
error or a download error after the retries, a robots.txt refusal, an item dropped by validation, a failed
attachment): the runner returns them as ``skipped`` and ``fazhi crawl`` prints one line for each.
"""
from __future__ import annotations

import logging
import re
import time

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware as _ScrapyOffsiteMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as _ScrapyMetaRefreshMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware as _ScrapyRedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as _ScrapyRobotsTxtMiddleware
from scrapy.extensions.throttle import AutoThrottle as _ScrapyAutoThrottle
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse

__all__ = ["AutoThrottle", "BackoffRetryMiddleware", "ConditionalRequestMiddleware", "EncodingMiddleware", "MetaRefreshMiddleware", "OffsiteMiddleware",
           "RedirectMiddleware", "RobotsTxtMiddleware", "SkippedLog", "SkippedMiddleware", "TrackingParamsMiddleware", "backoff_delay",
           "apply_crawl_delay", "one_line", "redirect_chain", "robots_delay", "without_session", "without_tracking"]

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*[A-Za-z0-9_\-]+""", re.I)


def without_tracking(url: str, prefixes=("utm_",), names=("spm",)) -> str:
    """``url`` without click-tracking query parameters (``utm_*`` and ``spm``, which only say where a click
    came from); every other parameter stays, in order.

    >>> without_tracking("http://a.gov.cn/b.html?id=3&utm_source=wx&spm=1.2.3&from=list")
    'http://a.gov.cn/b.html?id=3&from=list'
    >>> without_tracking("http://a.gov.cn/b.html?utm_medium=share")
    'http://a.gov.cn/b.html'
    """
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not (k.startswith(prefixes) or k in names)]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query=urlencode(kept)))


_SESSION_KEYS = ("jsessionid", "phpsessid", "aspsessionid", "sessionid", "session_id", "sid_token")
_SESSION_PATH = re.compile(r";(?:jsessionid|phpsessid|sessionid)=[^/?#;]*", re.I)


def without_session(url: str) -> str:
    """``url`` without a server's session id — ``;jsessionid=…`` in the path (Tomcat, WebLogic, and every
    link of a JSP site to a client without cookies, such as this crawler), or a ``jsessionid`` /
    ``PHPSESSID`` / ``ASPSESSIONID…`` / ``sessionid`` query parameter — which changes with every visit:
    the same page would be a new URL, a new document, in every crawl.

    >>> without_session("http://a.gov.cn/art/2024/art_12.html;jsessionid=8F3A9C0B1D2E?id=3")
    'http://a.gov.cn/art/2024/art_12.html?id=3'
    >>> without_session("http://a.gov.cn/view.jsp?id=3&JSESSIONID=8F3A&page=2")
    'http://a.gov.cn/view.jsp?id=3&page=2'
    >>> without_session("http://a.gov.cn/list.php?PHPSESSID=abc"), without_session("http://a.gov.cn/a.asp?ASPSESSIONIDQS=x&id=1")
    ('http://a.gov.cn/list.php', 'http://a.gov.cn/a.asp?id=1')
    >>> without_session("http://a.gov.cn/view.jsp?sid=3")
    'http://a.gov.cn/view.jsp?sid=3'
    """
    parts = urlsplit(url)
    path = _SESSION_PATH.sub("", parts.path)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not k.lower().startswith(_SESSION_KEYS)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    if path == parts.path and query == parts.query:
        return url
    return urlunsplit(parts._replace(path=path, query=query))


class TrackingParamsMiddleware:
    """Requests go out without ``utm_*`` / ``spm`` parameters, so a page shared with tracking parameters and
    the same page linked plainly are one request (the duplicate filter sees the clean URL) and one stored
    document under the clean URL, whichever link came first. ``FAZHI_KEEP_TRACKING_PARAMS = True`` turns it
    off. A session id (``;jsessionid=…``, ``PHPSESSID=…``: :func:`without_session`) is always left out: it
    changes with every visit, and each crawl stored every page of the site again under a new URL."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled

    @classmethod
    def from_crawler(cls, crawler):
        return cls(not crawler.settings.getbool("FAZHI_KEEP_TRACKING_PARAMS", False))

    def process_request(self, request, spider=None):
        clean = without_session(request.url)  # always: a session id is never part of a page's address
        if self.enabled:
            clean = without_tracking(clean)
        if clean == request.url:
            return None
        return request.replace(url=clean)  # rescheduled: the duplicate filter decides on the clean URL


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait before retry number ``attempt`` (1, 2, ...).

    >>> [backoff_delay(n, 1.0, 5.0) for n in (1, 2, 3, 4)]
    [1.0, 2.0, 4.0, 5.0]
    """
    return min(cap, base * 2 ** max(0, attempt - 1))


def retry_after(response, now: float | None = None) -> float | None:
    """The seconds a 429 or 503 response asks the client to wait (``Retry-After``: seconds or an HTTP
    date), or None.

    >>> from scrapy.http import Response
    >>> retry_after(Response("http://a.gov.cn/", status=429, headers={"Retry-After": "120"}))
    120.0
    >>> retry_after(Response("http://a.gov.cn/", status=503,
    ...                      headers={"Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT"}), now=1445412500.0)
    10.0
    >>> retry_after(Response("http://a.gov.cn/", status=429)) is None
    True
    """
    value = (response.headers.get(b"Retry-After") or b"").decode("latin-1").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


async def _sleep(seconds: float, stopping=lambda: False) -> bool:
    """Wait ``seconds`` without blocking the reactor, in steps of at most half a second; stop early (and
    return False) once ``stopping()`` says the crawl is closing."""
    from twisted.internet import reactor, task
    from scrapy.utils.defer import maybe_deferred_to_future

    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if stopping():
            return False
        await maybe_deferred_to_future(task.deferLater(reactor, min(left, 0.5), lambda: None))
    return True


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits, exponentially longer each time, before a retry; at least as long as a
    429 / 503 response's ``Retry-After`` asks (up to ``FAZHI_RETRY_BACKOFF_MAX``). A crawl stopped during
    the wait (Ctrl-C) does not sit out the wait: the retry is given up and named in ``skipped``."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("FAZHI_RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("FAZHI_RETRY_BACKOFF_MAX", 60.0)

    def _stopping(self) -> bool:
        engine = getattr(self.crawler, "engine", None)
        return engine is not None and not engine.running

    async def _wait(self, result, asked: float | None = None):
        if isinstance(result, Request):
            attempt = result.meta.get("retry_times", 1)
            delay = max(backoff_delay(attempt, self.base, self.cap), min(asked or 0.0, self.cap))
            if delay > 0:
                self.crawler.stats.inc_value("fazhi/retry_backoff_seconds", delay)
                if not await _sleep(delay, self._stopping):
                    why = f"not retried: the crawl was stopped during a {delay:g} s wait before retry {attempt}"
                    SkippedLog.for_crawler(self.crawler).add_request(result, why)
                    raise IgnoreRequest(why)
        return result

    async def process_response(self, request, response):
        asked = retry_after(response) if response.status in (429, 503) else None
        return await self._wait(super().process_response(request, response), asked)

    async def process_exception(self, request, exception):
        return await self._wait(super().process_exception(request, exception))


class EncodingMiddleware:
    """Decode pages without a declared charset with fazhi's detector; apply forced encodings."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        if not isinstance(response, TextResponse) or isinstance(response, XmlResponse):
            return response
        forced = request.meta.get("fazhi_encoding")
        if forced:
            return response.replace(encoding=forced)
        if _declared(response):
            if not _misdeclared(response):
                return response
            # The page says one charset and is written in another (a template's <meta charset="utf-8">
            # over GBK text): decoding as declared would store mojibake.
            log.info("%s declares %s but is not written in it: detecting its encoding", response.url,
                     response.encoding)
            if self.crawler is not None:
                self.crawler.stats.inc_value("fazhi/encoding_misdeclared")
        from fazhi.corpora.loaders import decode_bytes
        from fazhi.errors import UnreadableFile

        try:
            text = decode_bytes(response.body, response.url)
        except UnreadableFile as e:
            log.warning("cannot detect the encoding of %s: %s", response.url, e)
            return response
        if self.crawler is not None:
            self.crawler.stats.inc_value("fazhi/encoding_detected")
        return response.replace(body=text.encode("utf-8"), encoding="utf-8")


_LATIN = {"cp1252", "windows1252", "latin1", "iso88591", "l1", "ascii", "usascii", "iso885915"}


def _misdeclared(response: TextResponse) -> bool:
    """Whether the declared charset cannot be right: the page is valid UTF-8 (with non-ASCII text) but
    declares another charset, or decoding it as declared replaces many bytes. A stray bad byte or two in a
    long page is the site's typo, not a wrong charset, and keeps the declared charset."""
    enc = response.encoding
    norm = enc.replace("-", "").replace("_", "").lower()
    if norm in _LATIN and not response.body.isascii():
        # Tomcat and other Java servers say charset=ISO-8859-1 when nobody set one; Latin-1 decodes any bytes,
        # so GBK text came through as mojibake (¹ØÓÚ for 关于). Bytes that are valid GB18030 or UTF-8 are not
        # Western European text.
        for chinese in ("utf-8", "gb18030"):
            try:
                response.body.decode(chinese)
                return True
            except UnicodeDecodeError:
                pass
    if norm not in ("utf8", "ascii") and not response.body.isascii():
        try:
            response.body.decode("utf-8")  # Chinese text in GBK is practically never also valid UTF-8
            return True
        except UnicodeDecodeError:
            pass
    try:
        response.body.decode(enc)
        return False
    except (UnicodeDecodeError, LookupError):
        pass
    text = response.text
    bad = text.count("\ufffd")
    return bad > 3 and bad * 10_000 > len(text)


def _declared(response: TextResponse) -> bool:
    """Whether the server or the page itself says which encoding the body is in (or it has a BOM)."""
    if response.body[:3] == b"\xef\xbb\xbf" or response.body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    ctype = response.headers.get(b"Content-Type", b"") or b""
    if b"charset=" in ctype.lower():
        return True
    if isinstance(response, HtmlResponse) and _META_CHARSET.search(response.body[:4096]):
        return True
    # JSON is UTF-8 by definition; ASCII bodies decode the same whatever the guess.
    return response.body.isascii() or b"json" in ctype.lower()


# -- what was not stored, and why ------------------------------------------------------------------------
def one_line(e: BaseException, limit: int = 200) -> str:
    """An exception as one short line: its class and its message.

    >>> one_line(TimeoutError("Getting http://x/a.html took longer\\n than 1.0 seconds."))
    'TimeoutError: Getting http://x/a.html took longer than 1.0 seconds.'
    """
    msg = " ".join(str(e).split())
    line = f"{type(e).__name__}: {msg}" if msg else type(e).__name__
    return line if len(line) <= limit else line[:limit - 1] + "…"


class SkippedLog:
    """The pages and attachments of one crawl that were not stored: ``{"url", "reason"}`` records (an
    attachment's also has ``page``), the first ``FAZHI_SKIPPED_MAX`` (1,000) kept, all counted.

    One per crawler (:meth:`for_crawler`); it listens to ``item_scraped`` (failed attachments of stored
    pages), ``item_dropped`` (invalid items and their failed attachments), ``item_error`` and
    ``spider_error``. Download failures come from :class:`SkippedMiddleware`.
    """

    def __init__(self, limit: int = 1000):
        self.limit = limit
        self.records: list[dict] = []
        self.total = 0
        self.refused = 0  # of them, pages robots.txt forbids: the site's choice, reported but no failure

    @classmethod
    def for_crawler(cls, crawler) -> "SkippedLog":
        found = getattr(crawler, "fazhi_skipped", None)
        if found is None:
            from scrapy import signals

            found = cls(crawler.settings.getint("FAZHI_SKIPPED_MAX", 1000))
            crawler.fazhi_skipped = found
            crawler.signals.connect(found.item_scraped, signal=signals.item_scraped)
            crawler.signals.connect(found.item_dropped, signal=signals.item_dropped)
            crawler.signals.connect(found.item_error, signal=signals.item_error)
            crawler.signals.connect(found.spider_error, signal=signals.spider_error)
            crawler.signals.connect(found.request_dropped, signal=signals.request_dropped)
        return found

    def add_request(self, request, reason: str) -> None:
        """Record a request that ended without a page, under the URL the crawl asked for (the first of its
        redirects). A request with an errback (a page's attachment) is left to it: the errback records the
        failure on the item."""
        if request.errback is None:
            self.add((request.meta.get("redirect_urls") or [request.url])[0], reason)

    def add(self, url: str, reason: str, page: str | None = None) -> None:
        self.total += 1
        if len(self.records) < self.limit:
            record = {"url": str(url), "reason": " ".join(str(reason).split())}
            if page:
                record["page"] = str(page)
            self.records.append(record)

    def _attachments(self, item) -> None:
        extra = getattr(item, "extra", None) or {}
        if extra.get("body_error"):  # an flk law's body file (recorded by the flk spider)
            self.add(getattr(item, "body_url", None) or item.url, f"body file: {extra['body_error']}",
                     page=getattr(item, "url", None))
        for att in getattr(item, "attachments", None) or ():
            if getattr(att, "status", None) == "failed":
                self.add(att.url, att.error or "failed", page=getattr(item, "url", None))

    # signal handlers
    def item_scraped(self, item, **kw):
        self._attachments(item)

    def item_dropped(self, item, exception, **kw):
        reason = getattr(exception, "fazhi_reason", None) or " ".join(str(exception).split()) or "dropped"
        self.add(getattr(item, "url", None) or getattr(kw.get("response"), "url", "?"), reason)
        self._attachments(item)

    def item_error(self, item, failure, **kw):
        self.add(getattr(item, "url", None) or getattr(kw.get("response"), "url", "?"),
                 "pipeline error: " + one_line(failure.value))

    def spider_error(self, failure, response, **kw):
        self.add(response.url, "parse error: " + one_line(failure.value))

    def request_dropped(self, request, **kw):
        """The duplicate filter refused a request: a redirect back to a URL of its own chain is a loop (the
        page is never fetched); any other duplicate was fetched under its first request."""
        from w3lib.url import canonicalize_url

        urls = request.meta.get("redirect_urls") or []
        if canonicalize_url(request.url) in {canonicalize_url(u) for u in urls}:
            self.add_request(request, "redirect loop: " + redirect_chain(request))


def redirect_chain(request, then: str | None = None, most: int = 6) -> str:
    """The redirects that led to ``request`` (and ``then``, where it redirects next), as ``a → b → c``,
    the middle left out of a long chain."""
    urls = [*(request.meta.get("redirect_urls") or []), request.url] + ([then] if then else [])
    if len(urls) > most + 1:
        urls = urls[:most // 2] + [f"… {len(urls) - most} more …"] + urls[-(most // 2):]
    return " → ".join(urls)


class _RedirectReporting:
    """Scrapy's redirect middlewares discard a request past ``REDIRECT_MAX_TIMES`` with a bare
    ``IgnoreRequest`` that reaches no middleware and is never logged above DEBUG: the page vanished from
    the crawl. Here it is named in the crawl's ``skipped`` list with the chain of redirects."""

    def _redirect(self, redirected, request, reason):
        try:
            return super()._redirect(redirected, request, reason)
        except IgnoreRequest:
            why = f"too many redirects (more than {self.max_redirect_times}): {redirect_chain(request, redirected.url)}"
            log.info("skipped %s: %s", request.url, why)
            SkippedLog.for_crawler(self.crawler).add_request(request, why)
            raise IgnoreRequest(why) from None


class RedirectMiddleware(_RedirectReporting, _ScrapyRedirectMiddleware):
    """Scrapy's RedirectMiddleware; a request discarded after too many redirects is reported."""


class MetaRefreshMiddleware(_RedirectReporting, _ScrapyMetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware, which also followed a ``<meta http-equiv="refresh" content="60;
    url=this-page.html">`` (a page that reloads itself every minute) to the page itself, where the duplicate
    filter dropped it: the page was never parsed. A refresh to the page's own URL is now a reload, not a
    redirect; too many refreshes are reported like redirects."""

    def process_response(self, request, response):
        if isinstance(response, HtmlResponse) and not request.meta.get("dont_redirect"):
            from scrapy.utils.response import get_meta_refresh
            from w3lib.url import canonicalize_url

            _, url = get_meta_refresh(response, ignore_tags=self._ignore_tags)
            if url and canonicalize_url(url) == canonicalize_url(request.url):
                return response
        result = super().process_response(request, response)
        if result is response and isinstance(response, HtmlResponse) and not request.meta.get("dont_redirect") \
                and request.method != "HEAD":
            url = script_redirect(response)
            if url:  # a 链接稿: a listed page whose only content is a script sending the browser on
                return self._redirect(self._redirect_request_using_get(request, response, url), request,
                                      "script redirect")
        return result


#: a script that sends the browser to another page: location(.href) = "…", location.replace("…")
_SCRIPT_REDIRECT = re.compile(r"""(?:\b(?:window|self|top|document)\s*\.\s*)?\blocation(?:\s*\.\s*href)?\s*=\s*"""
                              r"""['"]([^'"]+)['"]|\blocation\s*\.\s*(?:replace|assign)\s*\(\s*['"]([^'"]+)['"]""")


def script_redirect(response) -> str | None:
    """Where a page that shows nothing but runs a script setting ``location`` sends the browser (a TRS
    链接稿: ``<script>window.location.href="../../art/2026/3/8/art_299.html";</script>``), or None: a page with
    text of its own (more than 40 characters outside scripts), or a script that sends it to itself.

    >>> from scrapy.http import HtmlResponse
    >>> page = lambda body: HtmlResponse("http://a.gov.cn/col/t1.html", body=body.encode(), encoding="utf-8")
    >>> script_redirect(page('<script>window.location.href="../art/a1.html";</script>'))
    'http://a.gov.cn/art/a1.html'
    >>> script_redirect(page("<p>" + "第一条　为了规范。" * 10 + "</p><script>if(m)location.href='/m/t1.html'</script>"))
    """
    from urllib.parse import urljoin, urlsplit

    from scrapy.utils.response import get_base_url
    from w3lib.url import canonicalize_url

    code = "\n".join(response.xpath("//script[not(@src)]/text()").getall())
    m = _SCRIPT_REDIRECT.search(code)
    if not m:
        return None
    shown = response.xpath("//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")
    if len("".join("".join(shown.getall()).split())) > 40:
        return None
    url = urljoin(get_base_url(response), (m.group(1) or m.group(2)).strip())
    if urlsplit(url).scheme not in ("http", "https") or canonicalize_url(url) == canonicalize_url(response.url):
        return None
    return url


class OffsiteMiddleware(_ScrapyOffsiteMiddleware):
    """Scrapy's OffsiteMiddleware (requests to hosts outside the spider's ``allowed_domains`` are left
    out); a page that *redirects* off-site is also reported in ``skipped``, since the page the crawl asked
    for was not stored. Off-site links are the crawl's scope and stay unreported.

    Unlike Scrapy's, it also holds for a page's attachments, frames and file body (requests with
    ``dont_filter`` and a ``fazhi_role``): a file linked from, or redirected to, another host is refused
    and recorded on the page as a failed attachment with the reason (so it is named under ``skipped``)."""

    def request_scheduled(self, request, spider=None):
        # Scrapy also checks each request as it is scheduled, where a refusal drops it without its errback:
        # the chain of a page's files would end there and the page never be stored. Files are checked on
        # their way to the downloader (process_request), where the errback records the refusal.
        if request.dont_filter and request.meta.get("fazhi_role"):
            return
        super().request_scheduled(request, spider)

    def process_request(self, request):
        if request.dont_filter and request.meta.get("fazhi_role") and not request.meta.get("allow_offsite"):
            # A page's attachments, frames and file body are fetched with dont_filter (the same file linked
            # from many pages is fetched for each), which Scrapy's middleware lets through to any host:
            # a link or a redirect to another site stored that site's document as ours.
            spider = self.crawler.spider
            if spider is not None and not self.should_follow(request, spider):
                from scrapy.utils.httpobj import urlparse_cached

                self.stats.inc_value("offsite/filtered")
                host = urlparse_cached(request).hostname
                allowed = ", ".join(getattr(spider, "allowed_domains", None) or [])
                if request.meta.get("redirect_urls"):
                    raise IgnoreRequest(f"redirected off-site to {host} (allowed_domains: {allowed}): "
                                        f"{redirect_chain(request)}")
                raise IgnoreRequest(f"off-site: {host} is not in allowed_domains ({allowed})")
        try:
            return super().process_request(request)
        except IgnoreRequest:
            if request.meta.get("redirect_urls"):
                from scrapy.utils.httpobj import urlparse_cached

                allowed = ", ".join(getattr(self.crawler.spider, "allowed_domains", None) or [])
                why = (f"redirected off-site to {urlparse_cached(request).hostname} "
                       f"(allowed_domains: {allowed}): {redirect_chain(request)}")
                log.info("skipped %s: %s", request.meta["redirect_urls"][0], why)
                SkippedLog.for_crawler(self.crawler).add_request(request, why)
            raise


class SkippedMiddleware:
    """Record in :class:`SkippedLog` the requests that end without a page: an HTTP error status the spider
    does not handle, a download error (timeout, refused connection ...) after the retries, a robots.txt
    refusal. It sits just below the retry middleware, so it sees only final outcomes. Requests that have
    an errback (a page's attachments) are left to it: their failures are recorded on the item."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.log = SkippedLog.for_crawler(crawler)
        s = crawler.settings
        self.allow_all = s.getbool("HTTPERROR_ALLOW_ALL")
        self.allowed = set(s.getlist("HTTPERROR_ALLOWED_CODES"))

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _own(self, request) -> bool:
        """Whether the outcome of ``request`` is ours to record."""
        from scrapy.utils.httpobj import urlparse_cached

        if request.errback is not None:
            return False
        # robots.txt itself: a site without one answers 404, which is not a skipped page
        return not (request.meta.get("dont_obey_robotstxt") and urlparse_cached(request).path == "/robots.txt")

    def _handled(self, request, status: int) -> bool:
        meta = request.meta
        if 200 <= status < 300 or self.allow_all or meta.get("handle_httpstatus_all"):
            return True
        if "handle_httpstatus_list" in meta:
            return status in meta["handle_httpstatus_list"]
        spider = self.crawler.spider
        return status in self.allowed or status in getattr(spider, "handle_httpstatus_list", ())

    def process_response(self, request, response):
        if not self._handled(request, response.status) and self._own(request):
            asked = retry_after(response) if response.status in (429, 503) else None
            self.log.add(request.url, f"HTTP {response.status}" + (f" (Retry-After: {asked:g} s)" if asked else ""))
        return response

    def process_exception(self, request, exception):
        from scrapy.exceptions import IgnoreRequest

        if not self._own(request):
            return None
        if isinstance(exception, IgnoreRequest):
            # other refusals (an off-site link, a filtered request) are the crawl's scope, not a failure
            if "robots.txt" in str(exception):
                log.info("skipped %s: forbidden by robots.txt", request.url)  # Scrapy says so only at DEBUG
                self.log.add(request.url, "forbidden by robots.txt")
                self.log.refused += 1
            return None
        self.log.add(request.url, one_line(exception))
        return None


# -- robots.txt Crawl-delay ------------------------------------------------------------------------------


def robots_delay(rp, useragent) -> float | None:
    """The seconds between two requests a robots.txt parser asks of ``useragent``: its ``Crawl-delay``, or
    the interval of its ``Request-rate`` (``1/5s`` is 5 s), whichever is longer; None when it asks nothing.

    >>> from scrapy.robotstxt import ProtegoRobotParser
    >>> rp = ProtegoRobotParser(b"User-agent: *\\nCrawl-delay: 2\\nDisallow: /x/\\n", None)
    >>> robots_delay(rp, "fazhi/0.1")
    2.0
    >>> robots_delay(ProtegoRobotParser(b"User-agent: *\\nRequest-rate: 1/5s\\n", None), "fazhi/0.1")
    5.0
    >>> robots_delay(ProtegoRobotParser(b"User-agent: *\\nDisallow: /x/\\n", None), "fazhi") is None
    True
    """
    found: list[float] = []
    try:
        delay = rp.crawl_delay(useragent)
        if delay is not None and float(delay) > 0:
            found.append(float(delay))
    except (AttributeError, TypeError, ValueError):
        pass
    inner = getattr(rp, "rp", None)  # Protego: Request-rate too
    if inner is not None and hasattr(inner, "request_rate"):
        try:
            ua = useragent.decode("utf-8", "replace") if isinstance(useragent, bytes) else useragent
            rate = inner.request_rate(ua)
            if rate is not None and rate.requests and rate.seconds:
                found.append(float(rate.seconds) / float(rate.requests))
        except (TypeError, ValueError, ZeroDivisionError):
            pass
    return max(found) if found else None


class RobotsTxtMiddleware(_ScrapyRobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, which obeys ``Disallow`` but ignores ``Crawl-delay`` (and
    ``Request-rate``): a court or bureau site asking ``Crawl-delay: 10`` got four requests at once every
    quarter second. Here the delay a site's robots.txt asks of our User-Agent becomes the floor of its download
    slot's delay (never below ``DOWNLOAD_DELAY``, at most ``FAZHI_CRAWL_DELAY_MAX``), without random
    jitter that would go below it; :class:`AutoThrottle` keeps it as the floor. The delays in force are in
    the statistics (``fazhi/crawl_delay/HOST``) and the crawl's ``crawl_delays``.
    ``-s FAZHI_OBEY_CRAWL_DELAY=0`` ignores them (your own servers only)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        s = crawler.settings
        self.obey_delay = s.getbool("FAZHI_OBEY_CRAWL_DELAY", True)
        self.delay_max = s.getfloat("FAZHI_CRAWL_DELAY_MAX", 60.0)
        self._delays: dict[str, float | None] = {}  # by netloc, once its robots.txt is parsed

    def process_request_2(self, rp, request) -> None:
        super().process_request_2(rp, request)
        if rp is None or not self.obey_delay:
            return
        from scrapy.utils.httpobj import urlparse_cached

        netloc = urlparse_cached(request).netloc
        if netloc not in self._delays:
            ua = self._robotstxt_useragent or request.headers.get(b"User-Agent", self._default_useragent)
            asked = robots_delay(rp, ua)
            delay = None
            if asked:
                delay = min(asked, self.delay_max)
                if delay < asked:
                    log.warning("%s: robots.txt asks a Crawl-delay of %g s; waiting %g s (FAZHI_CRAWL_DELAY_MAX)",
                                netloc, asked, delay)
                else:
                    log.info("%s: robots.txt asks a Crawl-delay of %g s between requests", netloc, delay)
                self.crawler.stats.set_value(f"fazhi/crawl_delay/{urlparse_cached(request).hostname}", delay)
            self._delays[netloc] = delay
        delay = self._delays[netloc]
        if delay:
            apply_crawl_delay(self.crawler, request, delay)


def apply_crawl_delay(crawler, request, delay: float) -> None:
    """Make ``delay`` the floor of the delay of ``request``'s download slot (created here when it is new,
    or again after Scrapy dropped it as idle), with no jitter below it. The floors are kept by slot key in
    ``crawler.fazhi_crawl_delays`` for :class:`AutoThrottle`."""
    downloader = getattr(getattr(crawler, "engine", None), "downloader", None)
    if downloader is None:
        return
    key, slot = downloader._get_slot(request)
    floor = max(delay, crawler.settings.getfloat("DOWNLOAD_DELAY"))
    floors = crawler.__dict__.setdefault("fazhi_crawl_delays", {})
    floors[key] = floor
    # Scrapy's jitter spreads each wait over 0.5–1.5 × the delay: half of them would be shorter than asked
    slot.jitter = 0.0
    if slot.delay < floor:
        slot.delay = floor


class AutoThrottle(_ScrapyAutoThrottle):
    """Scrapy's AutoThrottle, which brings a slot's delay down towards the server's latency: with a fast
    server it went below the ``Crawl-delay`` robots.txt asks. A slot's Crawl-delay is its floor here."""

    def _response_downloaded(self, response, request, spider) -> None:
        super()._response_downloaded(response, request, spider)
        key, slot = self._get_slot(request, spider)
        floor = (getattr(self.crawler, "fazhi_crawl_delays", None) or {}).get(key)
        if slot is not None and floor and slot.delay < floor:
            slot.delay = floor


# -- conditional requests ----------------------------------------------------------------------------------
class ConditionalRequestMiddleware:
    """Incremental crawls ask the server whether a page changed instead of fetching it again: a detail page
    (a request with ``meta["fazhi_conditional"]``) already in the store with the server's ``ETag`` /
    ``Last-Modified`` is requested with ``If-None-Match`` / ``If-Modified-Since``; a ``304 Not Modified``
    is counted as ``unchanged`` (and ``fazhi/not_modified``) and nothing more is done with it. A server that
    ignores the headers answers 200 as before, and the page is compared with the store as before. A page
    whose list row carries facts (有效性 may change while the page does not), or whose stored version has a
    failed attachment or frame or waits for OCR, is fetched in full. ``-s FAZHI_CONDITIONAL_REQUESTS=0``
    turns it off."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        if not crawler.settings.getbool("FAZHI_CONDITIONAL_REQUESTS", True):
            raise NotConfigured
        return cls(crawler)

    def _stored(self, url: str):
        pipeline = getattr(self.crawler, "fazhi_store_pipeline", None)
        store = getattr(pipeline, "store", None)
        if store is None:
            return None
        from fazhi.document import Document

        doc = store.get(Document(text="", source=url).id)
        return doc.metadata if doc is not None else None

    def process_request(self, request, spider=None):
        if not request.meta.get("fazhi_conditional") or request.method != "GET" or request.meta.get("redirect_urls"):
            return None
        if b"If-None-Match" in request.headers or b"If-Modified-Since" in request.headers:
            return None
        if request.meta.get("fazhi_list_fields"):
            return None  # the list's row (有效性 …) may have changed while the page did not: read it again
        meta = self._stored(request.url)
        if not meta or not 200 <= int(meta.get("http_status") or 200) < 300:
            return None
        if meta.get("needs_ocr") or meta.get("body_error") or any(
                a.get("status") in ("failed", "needs_ocr") for a in meta.get("attachments") or ()):
            return None  # what failed last time (an attachment, a frame, OCR) is tried again
        if meta.get("etag"):
            request.headers[b"If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            request.headers[b"If-Modified-Since"] = meta["last_modified"]
        return None

    def process_response(self, request, response, spider=None):
        if response.status == 304 and request.meta.get("fazhi_conditional") and (
                b"If-None-Match" in request.headers or b"If-Modified-Since" in request.headers):
            stats = self.crawler.stats
            stats.inc_value("fazhi/not_modified")
            stats.inc_value("fazhi/unchanged")
            raise IgnoreRequest(f"not modified since the last crawl (HTTP 304): {request.url}")
        return response
