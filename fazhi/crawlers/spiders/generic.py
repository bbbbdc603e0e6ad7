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
      row: "css:table.list tr"              # optional: the list's rows, and what each says of the page
      fields:                               # it links to (filling what the detail page leaves empty)
        number: "css:td:nth-child(3)::text"
        status: "css:td:nth-child(5)::text"
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
rather than text or attributes yields each element's visible text (no scripts or styles; a line per
paragraph, cell or ``<br>``). Several values are joined with ``join``
(a newline by default). ``re`` keeps the first group of a regular expression; ``date: true`` (implied for
``published`` and ``reply_date``) parses the value with the profile's ``date_formats``; ``default`` fills
an empty value. A regulation's ``status`` may be written as sites write 有效性 (现行有效, 失效, 已修订 …): it
is stored as one of 有效 / 已修改 / 已废止 / 尚未生效, the site's word as ``status_text``. A detail page
whose ``text`` selector finds nothing takes its text from its frames (``<iframe>``, a pdf.js viewer,
``<embed>``) on the same site.

Spider arguments: ``profile`` (a file or the name of a bundled profile), ``base_url``, ``max_pages``,
``allowed_domains`` (comma-separated; also a profile key: requests and redirects to other hosts are left
out, a page that redirects off-site is named under ``skipped``).
"""
from __future__ import annotations

import re

import scrapy

from fazhi.crawlers.items import ITEM_CLASSES, Attachment, LawItem, item_fields, law_status
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
#: item fields that are one line: a title broken by ``<br>`` in its ``<h1>`` is still one title
_ONE_LINE = {"title", "case_number", "court", "cause", "district", "author", "office", "level", "status", "law_id"}


#: what sites show in an empty slot: a dash, 无 / 暂无, null
_EMPTY = re.compile(r"\s*(?:[-—–─/／\\_.…·]+|(?:暂)?无|空|null|none|n/?a|undefined)\s*", re.I)
#: the fields that hold an article (a page's furniture in them is left out)
_LONG_TEXT = {"text", "reply"}
#: what a board shows where the reply would be, before there is one
_REPLY_FIELDS = {"reply", "reply_date"}
_NO_REPLY = re.compile(r"\s*[(（【\[]?(?:(?:暂|尚|还|目前)?(?:无|未|没有)(?:单位)?(?:回复|答复|回应|反馈|办理|处理|受理)"
                       r"(?:内容|意见|信息|结果)?|(?:正在|待)(?:回复|答复|办理|处理)中?|办理中|处理中)[)）】\]]?[。.!！]?\s*")


_TOOLS = r"(?:打印本页|打印|关闭本页|关闭窗口|关闭|返回顶部|返回列表|返回|收藏本页|收藏|我要纠错|纠错|保存本页|下载本页)"
_INFO_KEYS = (r"(?:来源|信息来源|文章来源|发布时间|发布日期|发文日期|更新时间|作者|编辑|责任编辑|审核|校对|浏览次数|点击数|"
              r"阅读次数|访问量|浏览量|阅读量)")
#: a whole line of a page's furniture inside the article: tools, font size, sharing, the info line, neighbours
_FURNITURE = re.compile(
    r"\s*(?:"
    rf"(?:[【\[]?\s*{_TOOLS}\s*[】\]]?\s*[|｜/]?\s*)+"
    r"|[【\[]?\s*(?:字体|字号)\s*[:：]?\s*[【\[]?\s*(?:[大中小]|[TＴ])(?:\s*[|｜]?\s*(?:[大中小]|[TＴ]))*\s*[】\]]?\s*[】\]]?"
    r"|分享到\s*[:：].*|扫一扫在手机(?:上)?打开(?:当前页)?|(?:上|下)一篇\s*[:：].*|相关(?:链接|文章|阅读)\s*[:：]?"
    rf"|(?:{_INFO_KEYS}\s*[:：]\s*[^\s:：]*(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*"
    r"(?:[【\[]\s*(?:字体|字号)[^】\]]*[】\]])?\s*)+"
    r")\s*")


def strip_furniture(text: str) -> str:
    r"""``text`` without the lines of page furniture an article's container holds besides the article: 【打印本页】
    【关闭窗口】, 【字体：大 中 小】, 分享到：…, 扫一扫在手机打开当前页, 上一篇：…, and the info line (来源：… 发布时间：…
    浏览次数：… 责任编辑：…).

    >>> strip_furniture("来源：江苏省司法厅 发布时间：2023-06-12 浏览次数：123 【字体：大 中 小】\n第一条　规范。\n"
    ...                 "【打印本页】【关闭窗口】\n上一篇：关于某事的通知\n责任编辑：张三")
    '第一条　规范。'
    >>> strip_furniture("第五条　来源：本条例所称来源，是指……")
    '第五条　来源：本条例所称来源，是指……'
    """
    return "\n".join(line for line in text.split("\n") if not _FURNITURE.fullmatch(line))


def one_line(value: str) -> str:
    r"""``value`` on one line: lines joined directly between Chinese characters, else with a space.

    >>> one_line("江苏省司法厅关于印发\n《人民调解员等级评定办法》的通知"), one_line("Law\nReview")
    ('江苏省司法厅关于印发《人民调解员等级评定办法》的通知', 'Law Review')
    """
    out = ""
    for line in (line.strip() for line in value.splitlines()):
        if line:
            glue = "" if not out or (re.match(f"[{_CJK}]", line) and re.search(f"[{_CJK}]$", out)) else " "
            out += glue + line
    return out
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


_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "blockquote",
           "pre", "dd", "dt", "dl", "header", "footer", "td", "th", "ul", "ol", "center", "form", "hr", "caption"}
_HIDDEN = ("script", "style", "noscript", "template", "iframe", "object", "select", "button")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SOURCE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v\xa0\u3000]*\n\s*(?=[{_CJK}])")


def element_text(el) -> str:
    r"""The visible text of an lxml element as a reader sees it: no ``<script>``, ``<style>`` or comments
    (a TRS editor's ``<style>.TRS_Editor P{…}</style>`` sits inside many an article), one line per
    paragraph, table cell or ``<br>``; a line break in the HTML source is only a space, and nothing at all
    between two Chinese characters.

    >>> import lxml.html
    >>> element_text(lxml.html.fromstring('<div><style>.TRS_Editor P{margin:0}</style><p>第一条　为了\n  规范。</p>'
    ...                                   '<script>var a=1;</script><p>第二条<br>施行。<!-- 注 --></p></div>'))
    '第一条 为了规范。\n第二条\n施行。'
    """
    pieces: list[str] = []

    def flat(text: str) -> str:  # a line break in the source is a space, or nothing between Chinese characters
        return _SOURCE_BREAK.sub("", text).replace("\n", " ") if "\n" in text else text

    def walk(node):
        tag = node.tag.lower()
        if tag == "pre":
            pieces.append("\n" + node.text_content() + "\n")
            return
        block = tag in _BLOCKS
        if block:
            pieces.append("\n")
        if node.text:
            pieces.append(flat(node.text))
        for child in node:
            # scripts, styles, comments and processing instructions are read past (their tails are text)
            if isinstance(child.tag, str) and child.tag.lower() not in _HIDDEN:
                walk(child)
            if child.tail:
                pieces.append(flat(child.tail))
        if block:
            pieces.append("\n")

    if not isinstance(el.tag, str) or el.tag.lower() in _HIDDEN:
        return ""
    walk(el)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


_SPACES = re.compile(r"[ \t\r\f\v\xa0\u3000]+")


def select(sel, spec) -> list[str]:
    """Strings picked by ``spec`` ("css:..." / "xpath:..." / a plain CSS selector) under ``sel``: text and
    attribute values as they are (whitespace tidied), elements as their visible text (:func:`element_text`)."""
    spec = spec.strip()
    if spec.startswith("xpath:"):
        found = sel.xpath(spec[6:].strip())
    else:
        found = sel.css(spec[4:].strip() if spec.startswith("css:") else spec)
    # an element inside another picked element is read with it: "div.TRS_Editor, div#zoom" on an old page
    # whose #zoom holds the editor's div gave the article twice
    picked = {id(s.root) for s in found if not isinstance(s.root, str)}
    out = []
    for s in found:
        if not isinstance(s.root, str) and picked and any(id(a) in picked for a in s.root.iterancestors()):
            continue
        if isinstance(s.root, str):
            value = s.root
            value = " ".join(value.split()) if "\n" not in value else "\n".join(
                " ".join(line.split()) for line in value.splitlines() if line.strip())
        else:
            value = element_text(s.root)
        if value:
            out.append(value)
    return out


_PAGER_CALL = re.compile(r"""createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w.-]+)['"]\s*,"""
                         r"""\s*['"](\w+)['"]""")
_PAGER_VAR = r"""\b(?:var\s+)?{}\s*=\s*['"]?(\d+)"""


def script_next_page(response) -> str | None:
    """The next list page of a pager written by a script, as TRS sites write it: ``createPageHTML(12, 0,
    "index", "html")`` or ``var countPage = 12; var currentPage = 0;`` on ``index.html``, pages
    ``index_1.html`` … ``index_11.html``; None on the last page or without such a script.

    >>> from scrapy.http import HtmlResponse
    >>> page = lambda url, js: HtmlResponse(url, body=f"<script>{js}</script>".encode(), encoding="utf-8")
    >>> script_next_page(page("http://a.gov.cn/gfxwj/", 'createPageHTML(12, 0, "index", "html");'))
    'http://a.gov.cn/gfxwj/index_1.html'
    >>> script_next_page(page("http://a.gov.cn/gfxwj/index_3.shtml", "var currentPage = 3;var countPage = 12"))
    'http://a.gov.cn/gfxwj/index_4.shtml'
    >>> script_next_page(page("http://a.gov.cn/gfxwj/index_11.html", 'createPageHTML(12, 11, "index", "html")'))
    """
    from pathlib import PurePosixPath
    from urllib.parse import urljoin, urlsplit

    code = "\n".join(response.xpath("//script/text()").getall())
    m = _PAGER_CALL.search(code)
    if m:
        count, current, stem, ext = int(m[1]), int(m[2]), m[3], m[4]
    else:
        c, k = re.search(_PAGER_VAR.format("countPage"), code), re.search(_PAGER_VAR.format("currentPage"), code)
        if not (c and k):
            return None
        name = PurePosixPath(urlsplit(response.url).path).name or "index.html"
        stem, _, ext = re.sub(r"_\d+(?=\.)", "", name).rpartition(".")
        count, current = int(c[1]), int(k[1])
    if not stem or current + 1 >= count:
        return None
    return urljoin(response.url, f"{stem}_{current + 1}.{ext}")


def _same_site(url: str, page: str) -> bool:
    """Whether ``url`` is on the host of ``page`` or a sibling host under the same parent domain
    (``sft.jiangsu.gov.cn`` beside ``www.jiangsu.gov.cn``)."""
    from urllib.parse import urlsplit

    host, home = urlsplit(url).hostname or "", urlsplit(page).hostname or ""
    if host == home:
        return True
    labels = home.split(".")
    if len(labels) < 3 or home.replace(".", "").isdigit():
        return False
    return host.endswith("." + ".".join(labels[1:]))


def body_frames(response) -> list[str]:
    """The URLs of the frames of a page that may hold its text, in page order: ``<iframe>``/``<frame>``
    ``src``, ``<embed src>`` and ``<object data>`` on the page's own site (not a map or a video player
    elsewhere), a pdf.js viewer's ``file=`` document in place of the viewer."""
    from urllib.parse import parse_qs, urljoin, urlsplit

    from scrapy.utils.response import get_base_url

    base = get_base_url(response)
    out = []
    for src in response.xpath("//iframe/@src | //frame/@src | //embed/@src | //object/@data").getall():
        url = link_url(base, src)
        if not url:
            continue
        shown = (parse_qs(urlsplit(url).query).get("file") or [None])[0]  # /pdfjs/web/viewer.html?file=/a.pdf
        if shown:
            url = link_url(url, shown) or url
        if _same_site(url, response.url) and url != response.url and url not in out:
            out.append(url)
    return out


#: a list label before a file's name (附件1：, 附件：, 附件2. , 下载：); not 附件 that begins the name (附件打包)
_LABEL_PREFIX = re.compile(r"^\s*(?:附件\s*(?:[0-9一二三四五六七八九十]+\s*[：:、.．\s]?|[：:、.．\s])|点击下载\s*[：:]?|下载\s*[：:])\s*")


def link_labels(response) -> dict[str, str]:
    """The words of each link on ``response`` by its absolute URL (its text, else its ``title``), with a
    leading ``附件1：`` or ``下载：`` left out: what the page calls a linked file."""
    from scrapy.utils.response import get_base_url

    base = get_base_url(response)
    out: dict[str, str] = {}
    for a in response.xpath("//a[@href]"):
        url = link_url(base, a.attrib.get("href"))
        words = " ".join(" ".join(a.xpath(".//text()").getall()).split()) or (a.attrib.get("title") or "").strip()
        words = _LABEL_PREFIX.sub("", words).strip()
        if url and words and url not in out:
            out[url] = words
    return out


#: what a site's "not found" page says (sent with HTTP 200 by many a CMS: a soft 404)
_NOT_FOUND = (r"(?:页面|网页)(?:不存在|已(?:被)?删除|(?:未|没有)找到)|找不到(?:该|此|您要访问的|您所访问的|您访问的|你要访问的)?(?:页面|网页)|"
              r"(?<![\w.])404(?![\w.])|not\s+found|错误页面|访问出错|无法(?:找到|访问)(?:该|此|您)?(?:页面|网页)")
_GONE = (r"(?:文章|信息|内容|稿件|新闻|公告|(?:裁判)?文书|判决书|裁定书|留言|信件|帖子|主题)"
         r"(?:不存在|已(?:被)?(?:删除|撤回|屏蔽)|已下线|已撤(?:销|稿)|已过期)")
_NOT_FOUND_TEXT = re.compile(rf"{_NOT_FOUND}|(?:该|此|您(?:所|要)?访问的|你(?:所|要)?访问的){_GONE}", re.I)
#: a title that is only a not-found message (信息不存在, 提示：文章已删除), beside the site's name
_NOT_FOUND_TITLE = re.compile(rf"\W*(?:(?:提示|错误|抱歉|对不起|温馨提示)\W*)?(?:该|此)?(?:{_GONE}|{_NOT_FOUND})\W*", re.I)


def soft_404(response, title: str, text: str) -> str | None:
    """What a page answered with HTTP 200 says to mean "not found" (a soft 404), or None: its ``<title>``
    or the item's title is a not-found message (页面不存在, 404, 信息已删除 …, in a title of at most 40
    characters), or the page has at most 200 characters of text and they say so (抱歉，您访问的页面不存在或已被删除).
    A long article that mentions such words (第三条 信息不存在的……) is a page.

    >>> from scrapy.http import HtmlResponse
    >>> r = HtmlResponse("http://a.gov.cn/art_1.html", body="<title>404 - 某市司法局</title>".encode(), encoding="utf-8")
    >>> soft_404(r, "", "")
    '404'
    >>> r = HtmlResponse("http://a.gov.cn/art_1.html", body="<title>某市司法局</title>".encode(), encoding="utf-8")
    >>> soft_404(r, "信息提示", "对不起，该信息已删除或不存在！返回首页")
    '该信息已删除'
    >>> soft_404(r, "信息不存在", ""), soft_404(r, "我的社保缴费信息已删除怎么办", "社保缴费信息已删除，怎么补？")
    ('信息不存在', None)
    >>> soft_404(r, "某市政府信息公开规定", "第五条　行政机关应当公开信息。" * 20 + "信息不存在的，应当告知申请人。") is None
    True
    """
    page_title = " ".join((response.xpath("//title/text()").get() or "").split())
    for t in (page_title, " ".join((title or "").split())):
        if not t or len(t) > 40:
            continue
        m = re.search(_NOT_FOUND, t, re.I)
        if m:
            return m.group(0)
        for part in re.split(r"\s[-_|–—·]\s|[_|–—·]", t):  # 信息不存在_某市司法局
            if _NOT_FOUND_TITLE.fullmatch(part):
                return re.search(f"{_GONE}|{_NOT_FOUND}", part, re.I).group(0)
    body = (text or "").strip()
    if not body:
        root = response.xpath("//body")
        body = element_text(root[0].root) if root else ""
    m = _NOT_FOUND_TEXT.search(body) if len(body) <= 200 else None
    return m.group(0) if m else None


_TEXT_PART = re.compile(r"\s*(?:::text|::attr\([^)]*\)|/+text\(\)|/+@[\w:-]+)\s*$")


def _elements(sel, spec: str):
    """The elements a field's selector reads its text from (``span.date::text`` → the ``span.date``
    elements), or None when the selector cannot be read that way."""
    spec = spec.strip()
    xpath = spec.startswith("xpath:")
    body = spec[6:].strip() if xpath else spec[4:].strip() if spec.startswith("css:") else spec
    body = _TEXT_PART.sub("", body).strip()
    if not body or body.endswith(("/", " >")):
        return None
    try:
        found = sel.xpath(body) if xpath else sel.css(body)
    except ValueError:
        return None
    els = [s.root for s in found if not isinstance(s.root, str) and isinstance(getattr(s.root, "tag", None), str)]
    return els


def _contains(node, el) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is node:
            return True
        parent = parent.getparent()
    return False


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
        rows = self.row_fields(response, urls) if lst.get("row") and lst.get("fields") else {}
        for url in urls:
            meta = {"fazhi_list_fields": rows[url]} if rows.get(url) else {}
            meta["fazhi_conditional"] = True  # asked with the stored page's ETag / Last-Modified
            yield self.request(url, self.parse_detail, meta=meta)
        if urls and not new and self.list_pages > 1:
            # Past its last page many a site serves the first (or the last) page again under ?page=N+1,
            # with a "next" link to N+2, for ever: a list page with nothing new ends the pagination.
            self.logger.info("%s lists only pages already seen: not following its next link", response.url)
            self.stat("pagination_repeated")
            return
        if lst.get("next") and (self.max_pages is None or self.list_pages < self.max_pages):
            # a "next" link a script writes (the TRS pager of many government sites) is not in the HTML the
            # crawler reads, though a browser's inspector shows it: the script's own page count says where
            # the next page is
            for url in self.links(response, lst["next"])[:1] or [u for u in [script_next_page(response)] if u]:
                yield self.request(url, self.parse_list)

    def row_fields(self, response, urls: list[str]) -> dict[str, dict]:
        """The ``list.fields`` read in each ``list.row`` of a list page (a table row holding 发文字号, 发布日期
        and 有效性 beside the link), by the URL of the detail page the row links to: the first of ``urls``
        among the row's links."""
        from scrapy.utils.response import get_base_url

        lst = self.profile["list"]
        base, wanted, out = get_base_url(response), set(urls), {}
        spec = lst["row"].strip()
        rows = response.xpath(spec[6:].strip()) if spec.startswith("xpath:") else response.css(
            spec[4:].strip() if spec.startswith("css:") else spec)
        for row in rows:
            # the row's link to the page: its href, or the onclick="openUrl('…')" of a link to "javascript:;"
            hrefs = row.xpath(".//a/@href").getall() + row.xpath(".//@onclick").getall()
            url = next((u for u in (link_url(base, h) for h in hrefs) if u in wanted), None)
            if url is None or url in out:
                continue
            values = {name: self.field(row, name, fspec) for name, fspec in lst["fields"].items()}
            out[url] = {k: v for k, v in values.items() if v is not None}
        return out

    def set_field(self, item, name: str, value, fill: bool = False) -> None:
        """Put a profile field's value on ``item`` (an item field, else ``extra``); with ``fill``, only where
        the item has no value yet (a list row's facts under the detail page's own)."""
        if value is None:
            return
        if name == "status" and value and isinstance(item, LawItem):
            # 现行有效 / 已失效 / 废止 …: a site's word for the status, kept beside the normal form
            status = law_status(value)
            if status != value and not (fill and item.status):
                item.extra["status_text"] = value
            value = status
        if name in self.item_names and name not in ("url", "attachments", "images", "extra", "kind"):
            if not (fill and getattr(item, name)):
                setattr(item, name, value)
        elif not (fill and item.extra.get(name)):
            item.extra[name] = value

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
        return self.field_value(name, spec, select(response, spec["selector"]))

    def field_value(self, name, spec: dict, values: list[str]):
        """The value of profile field ``name`` from the strings its selector picked (see :meth:`field`)."""
        if name == "reply_date" and len(values) > 1:
            # A post answered twice (转办 first, then the department's answer) shows two reply dates: the
            # post's reply_date is when it was answered at last (办结), the latest of them
            dates = [d for d in (self.field_value(name, spec, [v]) for v in values) if d]
            return max(dates) if dates else None
        if spec.get("re") and len(values) > 1:
            # each picked string is one value (案号：… and 审理法院：… in two <span>s): the first that matches;
            # joined into one line first, 案号 ran on into the court's name
            rx = re.compile(spec["re"])
            values = [next((v for v in values if rx.search(v)), spec.get("join", "\n").join(values))]
        value = spec.get("join", "\n").join(values).strip()
        if name in _ONE_LINE and "join" not in spec:
            value = one_line(value)
        if value and spec.get("re"):
            m = re.search(spec["re"], value)
            value = (m.group(1) if m and m.groups() else m.group(0) if m else "").strip()
        if value and name in _LONG_TEXT:
            value = strip_furniture(value).strip()
        if value and (_EMPTY.fullmatch(value) or (name in _REPLY_FIELDS and _NO_REPLY.fullmatch(value))):
            value = ""  # what a page shows in an empty slot: "—", "暂无", or 暂未回复 where the reply would be
        if not value and spec.get("default") is not None:
            value = str(spec["default"])
        if value and (spec.get("date") or name in _DATE_FIELDS):
            value = parse_date(value, spec.get("date_formats") or self.date_formats)
        return value or None

    def read_replies(self, response, item, fields: dict) -> None:
        """A board's post answered more than once — a 转办 note (已转区住建局办理), then the department's
        answer, each with its date — keeps every answer in ``replies`` (``[{"date", "text"}]`` in page
        order), and its ``reply`` / ``reply_date`` are the final answer (the latest date; the last on the
        page among equal or missing dates) and when it was given (办结). Each piece of the ``reply``
        selector's text belongs to the ``reply_date`` found with it: in the same block (the lowest
        enclosing element holding one date), else the date before it on the page."""
        rspec, dspec = (f if isinstance(f, dict) else {"selector": f} for f in (fields["reply"], fields.get("reply_date")))
        if dspec.get("selector") is None:
            return
        texts, dates = _elements(response, rspec["selector"]), _elements(response, dspec["selector"])
        if texts is None or dates is None or len(dates) < 2 or not texts:
            return
        order = {el: i for i, el in enumerate(response.selector.root.iter())}
        date_pos = [order.get(d, -1) for d in dates]
        groups: dict[int, list] = {}
        for el in texts:
            owner = None
            node = el
            while node is not None:  # the lowest element around the text that holds a date
                inside = [i for i, d in enumerate(dates) if d is node or _contains(node, d)]
                if inside:
                    owner = inside[0] if len(inside) == 1 else None
                    break
                node = node.getparent()
            if owner is None:  # a flat answer list (date, text, date, text): the date before the text
                before = [i for i, pos in enumerate(date_pos) if pos < order.get(el, -1)]
                owner = before[-1] if before else 0
            groups.setdefault(owner, []).append(el)
        if len(groups) < 2:
            return
        replies = []
        for owner in sorted(groups):
            text = self.field_value("reply", rspec, [t for t in (element_text(e) for e in groups[owner]) if t])
            date = self.field_value("reply_date", dspec, [element_text(dates[owner])])
            if text:
                replies.append({"date": date, "text": text})
        if not replies:
            return
        final = max(range(len(replies)), key=lambda i: (replies[i]["date"] or "", i))
        item.reply, item.reply_date = replies[final]["text"], replies[final]["date"] or item.reply_date
        if len(replies) > 1:  # (a box still saying 暂未回复 under the 转办 note is no answer)
            item.extra["replies"] = replies

    def number_from_text(self, item) -> None:
        """A 文号 the profile asks for (a field named ``number``, ``doc_number``, ``文号`` or ``发文字号``) that
        the page's field does not show is read from the text, where a notice prints it on a line of its own
        near the top (临司规〔2025〕7号 above 各区、县（市）司法局：), as the corpus loaders read a paper's own
        number (:func:`fazhi.corpora.structure.own_number`); an old page template has no 信息公开 table."""
        name = next((n for n in ("number", "doc_number", "文号", "发文字号") if n in self.profile["detail"]["fields"]),
                    None)
        if name is None or not item.text.strip() or item.extra.get(name) or getattr(item, name, None):
            return
        from fazhi.corpora.structure import own_number

        found = own_number(item.text.split("\n"))
        if found and found[0] == "doc_number":
            self.set_field(item, name, found[1])

    def handle_step(self, response, item, step):
        if step.get("role") != "frame":
            return super().handle_step(response, item, step)
        problem, text = None, ""
        suffix = file_suffix(response.body)
        if suffix:  # the frame shows a PDF or Word file
            name = file_name(response.url)
            try:
                text = self.convert(response.body, name if name.lower().endswith(suffix) else name + suffix)
            except Exception as e:  # noqa: BLE001 - recorded as the reason the page has no text
                problem = " ".join(str(e).split()) or type(e).__name__
        elif (problem := unreadable(response, "a web page")) is None:
            spec = self.profile["detail"]["fields"].get("text")
            text = self.field(response, "text", spec) if spec else None
            text = text or strip_furniture(element_text(response.selector.root))  # a bare frame page
        if not problem and not (text or "").strip():
            problem = "no text in the frame"
        if problem:
            self.step_failed(item, step, problem, response.status)
            return
        item.text = text.strip()
        item.extra["body_url"] = response.url
        item.extra.pop("body_error", None)

    def step_failed(self, item, step, reason, http_status=None):
        if step.get("role") != "frame":
            return super().step_failed(item, step, reason, http_status)
        self.logger.warning("%s: frame %s failed (%s)", item.url, step["url"], reason)
        said = f"frame {step['url']}: {reason}"
        item.extra["body_error"] = "; ".join(filter(None, [item.extra.get("body_error"), said]))

    def parse_detail(self, response):
        prov = self.provenance(response)
        item = self.item_class(url=prov["url"], http_status=prov["http_status"], fetched_at=prov["fetched_at"],
                               body_hash=prov["body_hash"], region=self.profile.get("region"),
                               etag=prov["etag"], last_modified=prov["last_modified"])
        suffix = file_suffix(response.body)
        problem = None if suffix else unreadable(response)
        if problem:  # an empty body, an image, an archive: the reason, not "missing title; missing text"
            self.stat("bad_responses")
            self.skip(response.url, problem)
            return
        listed = response.meta.get("fazhi_list_fields") or {}
        if suffix:
            # The "page" is a file (a PDF or Word document sent as text/html, or linked as the detail page):
            # convert it in a worker thread like an attachment, its text is the page's text.
            for name, value in listed.items():  # the list row's title, 发文字号, date …
                self.set_field(item, name, value, fill=True)
            name = file_name(response.url)
            if not name.lower().endswith(suffix):
                name += suffix
            yield from self.chain(item, [{"url": response.url, "role": "page", "name": name}])
            return
        detail = self.profile["detail"]
        for name, spec in detail["fields"].items():
            self.set_field(item, name, self.field(response, name, spec))
        for name, value in listed.items():  # what the list's row says, where the page itself says nothing
            self.set_field(item, name, value, fill=True)
        self.number_from_text(item)
        said = soft_404(response, item.title, item.text)
        if said:
            # a page the site has withdrawn, answered with 200 and its "not found" template: storing it would
            # replace the document's text with the error message (as a new version) at the next crawl
            self.stat("soft_404")
            self.skip(response.url, f"soft 404: the page says {said} (HTTP {response.status})")
            return
        if "reply" in detail["fields"]:
            self.read_replies(response, item, detail["fields"])
        district = getattr(item, "district", "") or ""
        if district and not (item.region or "").endswith(district):
            # a board's districts are within the profile's region: 杭州市 + 西湖区
            item.region = district if not item.region or district.startswith(item.region) else item.region + district
        # A page whose text selector finds nothing may show its text in a frame (<iframe src="content.html">,
        # a pdf.js viewer, an <embed> of the PDF): the frames are fetched in turn until one gives text.
        frames = [] if item.text.strip() else body_frames(response)
        steps = [{"url": u, "role": "frame", "unless_text": i > 0} for i, u in enumerate(frames)]
        if detail.get("attachments"):
            labels = link_labels(response)
            for url in self.links(response, detail["attachments"]):
                name = file_name(url).lower()
                if name.endswith(IMAGE_SUFFIXES):  # a photo of a document: OCR, or record it for later
                    if self.ocr() is not None:
                        steps.append({"url": url, "role": "image"})
                    else:
                        item.attachments.append(Attachment(url=url, name=file_name(url), status="needs_ocr"))
                        item.needs_ocr = item.needs_ocr or not item.text.strip()
                elif name.endswith(ATTACHMENT_SUFFIXES) or detail.get("any_attachment") or _download_script(url):
                    # a download script (download.jsp?id=7) names its file in Content-Disposition; a file
                    # named P020210301123.pdf is named by its link's words
                    steps.append({"url": url, "role": "attachment", "label": labels.get(url)})
        images = self.links(response, detail["images"]) if detail.get("images") else []
        if images and not item.text.strip() and not frames:
            # An image-only page (a scanned notice): OCR when fazhi.ocr is installed, else flag it.
            item.images = images
            if self.ocr() is not None:
                steps += [{"url": u, "role": "image"} for u in images]
            elif not any(s["role"] == "attachment" for s in steps):
                item.needs_ocr = True
                self.stat("images_need_ocr", len(images))
        yield from self.chain(item, steps)
