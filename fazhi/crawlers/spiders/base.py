"""What every fazhi spider shares: provenance, date parsing, and chains of follow-up downloads.

A page's attachments (and an flk law's body file) are fetched by a *chain* of requests that carries the
item along (in ``cb_kwargs``, so a crawl stopped with ``JOBDIR`` resumes mid-chain); the item is
yielded when the last link has been fetched or has failed. A failed attachment is recorded on the
item (``status="failed"`` with the reason), never lost silently.
"""
from __future__ import annotations

import hashlib
import logging
import re
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse, urlsplit

import scrapy

from fazhi.crawlers.items import Attachment, Page
from fazhi.corpora.loaders import IMAGE_SUFFIXES, ofd_text  # re-exported: the spiders import them from here
from fazhi.document import utcnow

__all__ = ["FazhiSpider", "parse_date", "link_url", "ATTACHMENT_SUFFIXES", "IMAGE_SUFFIXES", "ocr_available",
           "ofd_text", "sheet_text"]

log = logging.getLogger(__name__)

#: .ofd is the national format of e-government documents (GB/T 33190), beside PDF on many a 规范性文件 page;
#: a notice attaches its tables as spreadsheets and its forms packed in an archive
ATTACHMENT_SUFFIXES = (".docx", ".doc", ".pdf", ".txt", ".wps", ".ofd", ".xlsx", ".xls", ".et", ".zip", ".rar",
                       ".7z")
_ARCHIVES_NOT_READ = (".rar", ".7z")
DATE_FORMATS = ("%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                "%Y%m%d")


def parse_date(value: str | None, formats=DATE_FORMATS) -> str | None:
    """An ISO date (YYYY-MM-DD) from the date formats Chinese sites use, or None: a spider's own
    ``formats`` first (whole value), then the first date written in the value (:func:`fazhi.dates.find_date`).

    >>> parse_date("2020年5月28日"), parse_date("发布时间：2023-01-05 10:00"), parse_date("二〇二三年五月十日")
    ('2020-05-28', '2023-01-05', '2023-05-10')
    >>> parse_date("05/28/2020", ["%m/%d/%Y"]), parse_date("无"), parse_date(None)
    ('2020-05-28', None, None)
    """
    if not value:
        return None
    value = str(value).strip()
    for fmt in formats or ():
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            pass
    from fazhi.dates import find_date

    day = find_date(value)
    return day.isoformat() if day else None


def count_arg(name: str, value, minimum: int = 1) -> int | None:
    """A spider argument that counts something (``-a max_pages=3``), or None when not given.

    >>> count_arg("max_pages", "3"), count_arg("max_pages", None)
    (3, None)
    >>> count_arg("max_pages", "x")
    Traceback (most recent call last):
    ValueError: -a max_pages=x: expected a whole number of at least 1
    """
    if value in (None, ""):
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        n = None
    if n is None or n < minimum:
        raise ValueError(f"-a {name}={value}: expected a whole number of at least {minimum}")
    return n


def ocr_available():
    """``fazhi.ocr.ocr_bytes`` when the OCR area is installed, else None."""
    try:
        from fazhi.ocr import ocr_bytes
    except ImportError:
        return None
    return ocr_bytes


_SCRIPT_LINK = re.compile(r"""['"]((?:https?://|/|\.{1,2}/)?[^'"\s()<>]+"""
                          r"""\.(?:s?html?|jsp|do|action|aspx?|php|pdf|docx?|wps|ofd|xlsx?|zip|rar)(?:\?[^'"\s<>]*)?)['"]""", re.I)

#: a script rather than a URL: a function call (openUrl('…'), window.open("…")) or an assignment to
#: location (window.location.href='…'), as an onclick attribute holds it
_SCRIPT_CALL = re.compile(r"""\s*(?:[A-Za-z_$][\w$.]*\s*\(|(?:window\.|self\.|top\.|parent\.)?location(?:\.href)?\s*=)""")


def link_url(base: str, href: str | None) -> str | None:
    """The absolute http(s) URL of a link on page ``base``, or None for what is not a page to fetch
    (``javascript:void(0)``, ``mailto:``, ``tel:``, an anchor on the same page, an empty ``href``).

    >>> link_url("http://a.gov.cn/gov/sub/list.html", "../detail.html?id=3&type=1")
    'http://a.gov.cn/gov/detail.html?id=3&type=1'
    >>> [link_url("http://a.gov.cn/x.html", h) for h in ("javascript:void(0)", "mailto:a@b.cn", "#top", " ")]
    [None, None, None, None]
    >>> link_url("http://a.gov.cn/col/list.html", "javascript:window.open('../art/2023/art_12.html?id=3')")
    'http://a.gov.cn/art/2023/art_12.html?id=3'

    An ``onclick`` script (``<a href="javascript:;" onclick="openUrl('/art/2026/art_5.html')">``, a profile's
    ``a::attr(onclick)``) is read like a ``javascript:`` link, and a backslash is a slash, as browsers read
    ``.\\2026\\t1.html`` on an old IIS site:

    >>> link_url("http://a.gov.cn/col/list.html", "openUrl('/art/2026/art_5.html');return false;")
    'http://a.gov.cn/art/2026/art_5.html'
    >>> link_url("http://a.gov.cn/art/2026/t1.html", ".\\P020260305.pdf"), link_url("http://a.gov.cn/", "openDoc(12)")
    ('http://a.gov.cn/art/2026/P020260305.pdf', None)
    >>> link_url("http://a.gov.cn/art/2026/t1.html", "fj(1).pdf")  # a file name with brackets is no script
    'http://a.gov.cn/art/2026/fj(1).pdf'
    """
    from urllib.parse import urljoin

    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    if href[:11].lower() == "javascript:" or (_SCRIPT_CALL.match(href) and re.search(r"""['";]|\)\s*$""", href)):
        # javascript:window.open('/art/2023/6/12/art_123.html') / openDetail("t20230612_1.html", 1), or the same
        # in an onclick: the page the script opens, as a browser would go to it; javascript:void(0) opens nothing
        m = _SCRIPT_LINK.search(href)
        if not m:
            return None
        href = m.group(1)
    url = urljoin(base, href.replace("\\", "/"))
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None


_NOT_PAGES = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
              (b"Rar!", "a RAR archive"), (b"\x1f\x8b", "gzip-compressed data"), (b"PK\x03\x04", "a ZIP file"),
              (b"%PDF-", "a PDF file"))


def unreadable(response, expect: str = "a web page") -> str | None:
    """Why ``response`` cannot be read as ``expect`` (a web page, an flk answer), or None: an empty body,
    or a body that is an image, an archive, compressed bytes, or not text at all (whatever its
    Content-Type says).

    >>> from scrapy.http import HtmlResponse
    >>> unreadable(HtmlResponse("http://a.gov.cn/x.html", body=b"   "))
    'empty response (HTTP 200, 3 bytes)'
    >>> unreadable(HtmlResponse("http://a.gov.cn/x.html", body=b"\\xff\\xd8\\xff\\xe0JFIF",
    ...                         headers={"Content-Type": "text/html"}))
    'not a web page: the body is a JPEG image (Content-Type: text/html)'
    >>> unreadable(HtmlResponse("http://a.gov.cn/x.html", body=b"<html><h1>t</h1></html>")) is None
    True
    """
    from scrapy.http import TextResponse

    body = response.body
    if not body.strip():
        return f"empty response (HTTP {response.status}, {len(body)} bytes)"
    ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").split(";")[0].strip() or "none"
    head = body[:16].lstrip()
    what = next((name for magic, name in _NOT_PAGES if head.startswith(magic)), None)
    if what is None and not isinstance(response, TextResponse):
        what = f"{len(body):,} bytes of binary data"
    return f"not {expect}: the body is {what} (Content-Type: {ctype})" if what else None


def file_name(url: str) -> str:
    return unquote(PurePosixPath(urlparse(url).path).name) or "file"


_HAN = re.compile(r"[\u3400-\u9fff]")


def labelled_name(name: str, label: str | None) -> str:
    """The name to give a downloaded file: its link's words (``label``) when the URL's file name says nothing
    to a reader (``P020210301523413.pdf``, ``1234.docx``, no Chinese in it) and the words do, with the
    file's suffix; else the URL's file name.

    >>> labelled_name("P020210301523413.pdf", "江苏省法律援助条例实施办法")
    '江苏省法律援助条例实施办法.pdf'
    >>> labelled_name("W0202103.docx", "基准.docx"), labelled_name("办法.pdf", "点此下载"), labelled_name("a.pdf", None)
    ('基准.docx', '办法.pdf', 'a.pdf')
    """
    label = " ".join((label or "").split()).replace("/", "／")
    if not label or not _HAN.search(label) or _HAN.search(name) or len(label) > 120:
        return name
    suffix = PurePosixPath(name).suffix
    return label if not suffix or label.lower().endswith(suffix.lower()) else label + suffix


def disposition_name(header: bytes | str | None) -> str | None:
    """The file name a ``Content-Disposition`` header gives: ``filename*=UTF-8''…`` (RFC 6266/5987) first,
    else ``filename=``, percent-encoded or raw UTF-8 / GBK bytes as Chinese servers send them.

    >>> disposition_name(b"attachment; filename*=UTF-8''%E9%99%84%E4%BB%B6.docx; filename=fj.docx")
    '附件.docx'
    >>> disposition_name('attachment; filename="关于印发的通知.pdf"'.encode("gbk"))
    '关于印发的通知.pdf'
    >>> disposition_name(b"attachment; filename=%E9%99%84%E4%BB%B6.doc"), disposition_name(b"inline")
    ('附件.doc', None)
    """
    if not header:
        return None
    if isinstance(header, bytes):
        try:
            header = header.decode("utf-8")
        except UnicodeDecodeError:
            header = header.decode("gb18030", errors="replace")
    m = re.search(r"filename\*\s*=\s*([\w.-]+)'[^']*'([^;]+)", header, re.I)
    if m:
        try:
            name = unquote(m[2].strip().strip('"'), encoding=m[1], errors="strict")
        except (LookupError, UnicodeDecodeError):
            name = unquote(m[2].strip().strip('"'))
    else:
        m = re.search(r"""filename\s*=\s*("([^"]*)"|[^;]+)""", header, re.I)
        if not m:
            return None
        name = unquote(m[2] if m[2] is not None else m[1].strip())
    name = PurePosixPath(name.replace("\\", "/")).name.strip()
    return name or None


class FazhiSpider(scrapy.Spider):
    """Base spider: spider arguments, provenance and download chains."""

    #: Document kind of this spider's items
    kind = "other"

    def __init__(self, *args, max_pages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_pages = count_arg("max_pages", max_pages)

    # -- provenance --------------------------------------------------------------------------------
    @staticmethod
    def provenance(response) -> dict:
        header = lambda name: (response.headers.get(name) or b"").decode("latin-1").strip()  # noqa: E731
        return {"url": response.url, "http_status": response.status, "fetched_at": utcnow(),
                "body_hash": hashlib.sha256(response.body).hexdigest(), "etag": header(b"ETag"),
                "last_modified": header(b"Last-Modified")}

    def ocr(self):
        """The OCR function, or None when ``fazhi.ocr`` is missing or the setting ``FAZHI_OCR`` is off."""
        settings = getattr(self, "settings", None)
        if settings is not None and not settings.getbool("FAZHI_OCR", True):
            return None
        return ocr_available()

    def stat(self, key: str, n: int = 1) -> None:
        if getattr(self, "crawler", None) is not None:
            self.crawler.stats.inc_value(f"fazhi/{key}", n)

    def skip(self, url: str, reason: str, page: str | None = None) -> None:
        """Name ``url`` under the crawl's ``skipped`` with ``reason`` (and log it)."""
        self.logger.warning("skipped %s: %s", url, reason)
        if getattr(self, "crawler", None) is not None:
            from fazhi.crawlers.middlewares import SkippedLog

            SkippedLog.for_crawler(self.crawler).add(url, reason, page=page)

    # -- chains of follow-up downloads --------------------------------------------------------------
    def chain(self, item: Page, steps: list[dict]):
        """Fetch ``steps`` ({"url", "role": body|attachment|image, ...}) one after another, then yield
        ``item``. Each step is handled by :meth:`handle_step`. A step marked ``"unless_text": True`` is an
        alternative source of the text (an flk law's WORD body after its HTML one): it is fetched only when
        the item still has no text."""
        while steps and steps[0].get("unless_text") and item.text.strip():
            steps = steps[1:]
        if not steps:
            yield item
            return
        step = steps[0]
        yield scrapy.Request(step["url"], callback=self._chain_done, errback=self._chain_failed,
                             cb_kwargs={"item": item, "steps": steps}, dont_filter=True,
                             meta={"fazhi_role": step.get("role")})

    async def _chain_done(self, response, item, steps):
        step = steps[0]
        if step.get("role") == "body" and step.get("format") == "HTML":
            self.handle_step(response, item, step)  # quick: stays on the reactor thread
        else:
            # Converting a .docx/.pdf or OCR-ing an image takes from milliseconds to seconds: do it in a
            # worker thread (at most FAZHI_CONVERT_THREADS at once) so the reactor keeps downloading and
            # timeouts keep firing on time.
            from scrapy.utils.defer import maybe_deferred_to_future
            from twisted.internet import threads

            await maybe_deferred_to_future(
                self._convert_slots().run(threads.deferToThread, self.handle_step, response, item, step))
        for out in self.chain(item, steps[1:]):
            yield out

    def _convert_slots(self):
        if getattr(self, "_slots", None) is None:
            from twisted.internet.defer import DeferredSemaphore

            n = self.settings.getint("FAZHI_CONVERT_THREADS", 2) if getattr(self, "settings", None) else 2
            self._slots = DeferredSemaphore(max(1, n))
        return self._slots

    def _chain_failed(self, failure):
        request = failure.request
        item, steps = request.cb_kwargs["item"], request.cb_kwargs["steps"]
        response = getattr(failure.value, "response", None)
        from scrapy.exceptions import IgnoreRequest

        if response is not None:
            reason = f"HTTP {response.status}"
        elif isinstance(failure.value, IgnoreRequest):  # robots.txt, too many redirects: said as for pages
            reason = str(failure.value) or "ignored"
            reason = "forbidden by robots.txt" if "robots.txt" in reason else reason
        else:
            reason = f"{type(failure.value).__name__}: {failure.value}".strip(": ")
        self.step_failed(item, steps[0], reason, response.status if response is not None else None)
        yield from self.chain(item, steps[1:])

    def handle_step(self, response, item: Page, step: dict) -> None:
        """Convert a fetched attachment or image and record it on ``item`` (subclasses add roles)."""
        name = step.get("name") or disposition_name(response.headers.get(b"Content-Disposition")) \
            or labelled_name(file_name(response.url), step.get("label"))
        if not name.lower().endswith(ATTACHMENT_SUFFIXES + IMAGE_SUFFIXES):
            from fazhi.crawlers.spiders.generic import file_suffix

            name += file_suffix(response.body) or ""  # download.jsp?id=7 with no name: by its bytes
        if step.get("role") == "page":
            self._file_page(response, item, name)
            return
        att = Attachment(url=response.url, name=name, http_status=response.status, bytes=len(response.body))
        if step.get("role") == "image" or name.lower().endswith(IMAGE_SUFFIXES):
            self._ocr_image(response.body, name, att, item)
        elif (problem := _not_a_file(response, name)) is not None:
            att.status, att.error = "failed", problem
            self.stat("attachments_failed")
        else:
            try:
                att.text = self.convert(response.body, name)
                att.status = "converted"
                self.stat("attachments_converted")
            except Exception as e:  # noqa: BLE001 - any loader error is recorded on the item, not fatal
                att.status, att.error = "failed", _one_line(e)
                self.stat("attachments_failed")
                if name.lower().endswith(IMAGE_SUFFIXES + (".pdf",)) and "OCR" in att.error:
                    self._ocr_image(response.body, name, att, item)
        item.attachments.append(att)

    def _file_page(self, response, item: Page, name: str) -> None:
        """A page that is itself a file: its converted text is the page's text, its title the file's."""
        from fazhi.corpora.loaders import load_bytes

        try:
            docs = load_bytes(response.body, name, kind=self.kind if self.kind != "other" else None)
        except Exception as e:  # noqa: BLE001 - the item is dropped for want of text, with this reason logged
            log.warning("%s: the page is a %s file that could not be converted: %s", item.url,
                        name.rsplit(".", 1)[-1], _one_line(e))
            self.stat("attachments_failed")
            return
        item.text = "\n".join(d.text for d in docs)
        item.title = item.title or next((d.title.strip() for d in docs if (d.title or "").strip()), "")
        item.extra["page_format"] = name.rsplit(".", 1)[-1].lower()
        self.stat("attachments_converted")

    def step_failed(self, item: Page, step: dict, reason: str, http_status=None) -> None:
        log.warning("%s: could not fetch %s (%s)", item.url, step["url"], reason)
        # named as it would be had it come: by its link's words when its URL's name says nothing (fj_2.pdf)
        name = step.get("name") or labelled_name(file_name(step["url"]), step.get("label"))
        item.attachments.append(Attachment(url=step["url"], name=name, status="failed", error=reason,
                                           http_status=http_status))
        self.stat("attachments_failed")

    def convert(self, data: bytes, name: str) -> str:
        """Text of a downloaded file through the corpus loaders (.docx .pdf .ofd .html .txt .rtf; .doc .wps
        through LibreOffice when it is installed). A spreadsheet (.xlsx; .xls .et through LibreOffice) gives
        its cells, not rows to import."""
        from fazhi.corpora.loaders import _OLE, _unsupported_ole, convert_office, load_bytes, soffice

        low = name.lower()
        if low.endswith((".xls", ".et")) and data[:len(_OLE)] == _OLE and soffice()[0] is not None:
            suffix = "." + low.rsplit(".", 1)[-1]  # without LibreOffice, load_bytes says why it is not read
            got = convert_office([(data, suffix)])[0]
            if isinstance(got, str):
                raise _unsupported_ole(name, suffix, got)
            return sheet_text(got)
        if low.endswith(_ARCHIVES_NOT_READ):
            raise ValueError(f"a {low.rsplit('.', 1)[-1].upper()} archive is not read: unpack it and ingest its files "
                             "(fazhi ingest)")
        if low.endswith(".xlsx") and data[:4] == b"PK\x03\x04":
            return sheet_text(data)  # a table attached to a notice: its cells, not rows to import
        docs = load_bytes(data, name, kind=self.kind if self.kind != "other" else None)
        return "\n".join(d.text for d in docs)

    def _ocr_image(self, data: bytes, name: str, att: Attachment, item: Page) -> None:
        ocr = self.ocr()
        if ocr is None:
            att.status = "needs_ocr"
            item.needs_ocr = item.needs_ocr or not item.text.strip()
            self.stat("images_need_ocr")
            return
        try:
            result = ocr(data, name)
            text = result if isinstance(result, str) else getattr(result, "text", "")
        except Exception as e:  # noqa: BLE001 - OCR failure is recorded, the page is kept
            att.status, att.error = "failed", _one_line(e)
            item.needs_ocr = item.needs_ocr or not item.text.strip()
            return
        att.text, att.status = text, "ocr"
        if text.strip():
            item.needs_ocr = False
        self.stat("images_ocr")


def _not_a_file(response, name: str) -> str | None:
    """Why a downloaded attachment is not the file it should be: empty, or a web page (an error or login
    page served with status 200) in place of a .pdf/.docx/.doc — said plainly instead of a converter's
    complaint about the bytes."""
    body = response.body
    if not body.strip():
        return f"empty response (HTTP {response.status}, {len(body)} bytes)"
    if name.lower().endswith(tuple(s for s in ATTACHMENT_SUFFIXES if s != ".txt")) \
            and body[:512].lstrip().startswith(b"<"):
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").split(";")[0].strip() or "none"
        return f"not a {name.rsplit('.', 1)[-1]} file: the server sent a web page (Content-Type: {ctype})"
    return None


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def sheet_text(data: bytes) -> str:
    """The text of an .xlsx attached to a page (a fee table, a list of offices): each sheet's non-empty
    rows, one line each, cells separated by a tab; the sheet's name above its rows when there are several.

    Raises:
        ValueError: when ``data`` is not a readable .xlsx, or its sheets are empty.
    """
    import io
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise ValueError(f"not a readable .xlsx file: {_one_line(e)}") from None
    out: list[str] = []
    try:
        sheets = wb.worksheets
        for ws in sheets:
            rows = []
            for row in ws.iter_rows(values_only=True):
                cells = [_cell(v) for v in row]
                if any(cells):
                    rows.append("\t".join(cells).rstrip("\t"))
            if rows and len(sheets) > 1:
                out.append(f"【{ws.title}】")
            out += rows
    finally:
        wb.close()
    if not out:
        raise ValueError("the spreadsheet has no cells with values")
    return "\n".join(out)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()[:10] if not getattr(value, "hour", 0) else value.isoformat(sep=" ")
    return " ".join(str(value).split())
