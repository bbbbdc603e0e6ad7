"""What the spiders yield: one dataclass per kind of source page.

Every item carries its provenance (``url``, ``fetched_at``, ``http_status``, ``body_hash``); the spider
name is added by the pipeline. :func:`fazhi.crawlers.pipelines.item_to_document` turns an item into a
:class:`fazhi.document.Document`; :func:`validate` says what is wrong with an item before it is stored.

Examples:
    >>> item = PostItem(url="http://127.0.0.1/board/1.html", title="楼上漏水", text="楼上卫生间漏水……",
    ...                 published="2024-03-01", district="西湖区", reply="已转社区调解。")
    >>> validate(item)
    []
    >>> validate(LawItem(url="http://127.0.0.1/x", title="某条例", text="第一条", status="作废"))
    ["status '作废' is not one of 有效, 已修改, 已废止, 尚未生效"]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

__all__ = ["Page", "LawItem", "JudgmentItem", "PostItem", "Attachment", "LAW_STATUSES", "validate", "item_fields",
           "law_status"]

LAW_STATUSES = ("有效", "已修改", "已废止", "尚未生效")
#: how sites write a document's validity (有效性, 时效性, 效力状态) besides the four statuses themselves
_STATUS_WORDS = {
    "有效": ("现行有效", "有效的", "继续有效", "现行", "生效", "已生效", "合法有效", "部分失效", "部分废止"),
    "已废止": ("失效", "已失效", "废止", "被废止", "已被废止", "作废", "已作废", "全文失效", "全文废止", "宣布失效",
            "宣布废止", "停止执行", "已停止执行", "不再执行", "过期", "已过期", "期满失效", "已撤销", "撤销"),
    "已修改": ("修改", "被修改", "已被修改", "修订", "已修订", "被修订", "修正", "已修正", "被修正"),
    "尚未生效": ("尚未施行", "未生效", "尚未实施", "未施行", "待生效", "待施行"),
}
_STATUS_ALIASES = {alias: status for status, aliases in _STATUS_WORDS.items() for alias in aliases}
_STATUS_LABEL = re.compile(r"^(?:有效性|时效性|效力状态|效力|时效状态|状态)\s*[:：]\s*")


def law_status(value) -> str:
    """A law's status as one of :data:`LAW_STATUSES`, from the words sites use (``现行有效``, ``已失效``,
    ``废止``, ``已修订`` …, with a ``有效性：`` label or brackets around it); unknown words are kept as they
    are, and fail validation.

    ``部分失效`` (some provisions no longer apply) is 有效: the document itself is in force.

    >>> [law_status(v) for v in ("现行有效", "已失效", "【废止】", "有效性：有效", " 已修订 ", "部分失效", "作废")]
    ['有效', '已废止', '已废止', '有效', '已修改', '有效', '已废止']
    >>> law_status(None), law_status("待定")
    ('', '待定')
    """
    if value is None:
        return ""
    text = " ".join(str(value).split())
    bare = _STATUS_LABEL.sub("", text.strip("【】[]（）()「」 ")).strip("【】[]（）()「」 ")
    if bare in LAW_STATUSES:
        return bare
    return _STATUS_ALIASES.get(bare.replace(" ", ""), text)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# (2020)京01民终123号 with the brackets courts use: （）, (), 〔〕 and [] (older documents and many court sites),
# and the 之一 / 之二 of a second ruling in one case
_CASE_NUMBER = re.compile(r"^[（(〔［\[【]\s*\d{4}\s*[）)〕］\]】].{1,30}号(?:之[一二三四五六七八九十]{1,3})?$")


@dataclass
class Attachment:
    """A file linked from a page (.docx .pdf .doc or an image) and what became of it.

    ``status`` is ``converted`` (text extracted), ``ocr`` (text from OCR), ``needs_ocr`` (an image or a
    scan, and no OCR engine installed), ``failed`` (download or conversion failed; ``error`` says why).
    """

    url: str
    name: str = ""
    status: str = ""
    text: str = ""
    error: str = ""
    http_status: int | None = None
    bytes: int = 0

    def to_dict(self) -> dict:
        d = {"url": self.url, "name": self.name, "status": self.status, "bytes": self.bytes}
        if self.error:
            d["error"] = self.error
        if self.http_status is not None:
            d["http_status"] = self.http_status
        return d


@dataclass
class Page:
    """A crawled page: the fields every source has.

    ``text`` is the page's own text; the text of attachments is appended to the stored document under a
    heading naming the file. ``extra`` holds any other profile field (it goes into the document's metadata).
    """

    url: str
    title: str = ""
    text: str = ""
    kind: str = "other"
    published: str | None = None
    region: str | None = None
    http_status: int = 200
    fetched_at: str = ""
    body_hash: str = ""
    #: the server's validators of the page (``ETag``, ``Last-Modified``): the next crawl asks with them
    etag: str = ""
    last_modified: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    needs_ocr: bool = False
    extra: dict = field(default_factory=dict)

    #: fields that must be non-empty for the item to be stored
    required = ("url", "title", "text")


@dataclass
class LawItem(Page):
    """A law or regulation from the national database (flk): status, level, office and dates feed the
    law registry. ``publish`` is 公布日期 (``published``), ``effective`` is 施行日期 (flk calls it
    ``expiry``)."""

    kind: str = "regulation"
    law_id: str = ""
    office: str = ""
    level: str = ""
    status: str = ""
    effective: str | None = None
    body_format: str = ""
    body_url: str = ""


@dataclass
class JudgmentItem(Page):
    """A court judgment: case number (案号), court, date, cause of action (案由) and full text."""

    kind: str = "judgment"
    case_number: str = ""
    court: str = ""
    cause: str = ""

    required = ("url", "title", "text", "case_number")


@dataclass
class PostItem(Page):
    """A message-board post or legal Q&A: date, district, body and the official reply."""

    kind: str = "post"
    district: str = ""
    reply: str = ""
    reply_date: str | None = None
    author: str = ""


ITEM_CLASSES = {"other": Page, "regulation": LawItem, "judgment": JudgmentItem, "post": PostItem}


def item_fields(cls) -> set[str]:
    return {f.name for f in fields(cls)}


def validate(item: Page) -> list[str]:
    """Problems that keep ``item`` out of the store (empty list: valid)."""
    problems = []
    if not isinstance(item, Page):
        return [f"not a fazhi item: {type(item).__name__}"]
    if not item.url.startswith(("http://", "https://")):
        problems.append(f"url {item.url!r} is not http(s)")
    required = list(item.required)
    if item.needs_ocr and "text" in required:  # an image-only page is kept, flagged, without text
        required.remove("text")
    for name in required:
        value = getattr(item, name, None)
        if name == "text":  # the text of converted attachments counts (a page that is only a .docx link)
            value = "".join([item.text or ""] + [a.text for a in item.attachments])
        if not (value.strip() if isinstance(value, str) else value):
            problems.append(f"missing {name}")
    for name in ("published", "effective", "reply_date"):
        value = getattr(item, name, None)
        if value and not _ISO_DATE.match(value):
            problems.append(f"{name} {value!r} is not an ISO date (YYYY-MM-DD)")
    if isinstance(item, LawItem) and item.status and item.status not in LAW_STATUSES:
        problems.append(f"status {item.status!r} is not one of {', '.join(LAW_STATUSES)}")
    if isinstance(item, JudgmentItem) and item.case_number and not _CASE_NUMBER.match(item.case_number):
        problems.append(f"case number {item.case_number!r} does not look like (2020)京01民终123号")
    if not 200 <= item.http_status < 300:
        problems.append(f"HTTP status {item.http_status}")
    return problems
