"""Load documents from files: .txt .md .html/.htm .mht .docx .pdf .ofd .rtf .xlsx .jsonl .csv .zip, and the
legacy Office files .doc .wps .xls .et through LibreOffice when it is installed (:func:`convert_office`).

Bytes become text only here, at the edge. Encodings are detected in this order: a byte-order mark; a
declared charset (HTML meta, HTTP header); strict UTF-8; GB18030 (a superset of GBK and GB2312) or Big5,
chosen by how common the decoded characters are; then charset-normalizer for anything else. Binary data
is refused with a reason rather than decoded into noise.

Every loader raises :class:`fazhi.errors.UnreadableFile` (naming the file and the reason) for input it
cannot read; :func:`ingest` records the reason and goes on with the batch.

Examples:
    >>> decode_bytes("第一条 为了规范人民调解活动".encode("gbk"), "a.txt")
    '第一条 为了规范人民调解活动'
    >>> [d.title for d in load_bytes("<html><title>通知</title><script>x=1</script><p>正文</p></html>".encode(),
    ...                               "a.html")]
    ['通知']
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from fazhi.dates import parse_date
from fazhi.document import KINDS, Document, content_hash, json_type
from fazhi.errors import UnreadableFile

__all__ = [
    "SUPPORTED_SUFFIXES", "decode_bytes", "read_bytes", "load_text", "load_path", "load_bytes", "iter_files",
    "ingest",
    "IngestReport", "guess_kind", "title_from_text", "LARGE_FILE_BYTES", "ofd_text", "convert_office", "soffice",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".mht", ".mhtml", ".docx", ".pdf",
                      ".jsonl", ".json", ".csv", ".tsv", ".doc", ".wps", ".rtf", ".xlsx", ".xls", ".et", ".ofd",
                      ".zip"}
#: pictures of documents: no text to load; `fazhi ocr FILE --store` reads them into the store
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")
LARGE_FILE_BYTES = 8 << 20  # text files above this are streamed and stored in parts
PART_CHARS = 1 << 20
_SAMPLE = 1 << 16

# The most common characters of Chinese text, simplified and traditional; used to tell a right decoding
# (mostly these) from a wrong one (rare characters and symbols).
_COMMON = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然"
    "家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日月条第款项规定应当"
    "或者及其他人民政府公司合同纠纷调解法院当事人依照本法关于管理单位组织责任处罚行政机关违反条例办法应依法律"
    "這個們來為國說時要會對後裏過發於著經麼學現當沒動還進樣實條規應當關於與機關違條例辦據決議員會")
_DECLARED_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
                     "big5-hkscs": "big5hkscs", "utf8": "utf-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


def _common_ratio(text: str) -> float:
    han = [c for c in text if "\u3400" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(c in _COMMON for c in han) / len(han)


@lru_cache(maxsize=1)
def _frequent_han() -> frozenset:
    from importlib.resources import files

    text = (files("fazhi.corpora") / "data" / "frequent_han.txt").read_text(encoding="utf-8")
    return frozenset("".join(line for line in text.splitlines() if not line.startswith("#")))


def _frequent_ratio(text: str) -> float:
    """The share of ``text``'s Han characters among the 1,500 most frequent (data/frequent_han.txt): 0.7 and
    more for 20 characters of real Chinese, about 0.3 for Korean or Japanese EUC bytes read as GB18030."""
    han = [c for c in text if "\u3400" <= c <= "\u9fff"]
    if len(han) < 2:
        return 0.0
    frequent = _frequent_han()
    return sum(c in frequent for c in han) / len(han)


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    return len(_CONTROL.findall(text)) <= max(2, len(text) // 200)


def _detect(sample: bytes, name, declared: str | None = None, final: bool = True) -> str:
    """Return the codec name for ``sample`` (the start of the data, possibly cut mid-character)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if sample.startswith(bom):
            return enc

    def decodes(enc: str) -> str | None:
        try:
            return codecs.getincrementaldecoder(enc)("strict").decode(sample, final=final)
        except (UnicodeDecodeError, LookupError):
            return None

    if declared:
        enc = _DECLARED_ALIASES.get(declared.lower(), declared.lower())
        if decodes(enc) is not None:
            return enc
    nul = b"\x00" in sample[:8192]
    if nul:
        enc = _bomless_utf16(sample, final)
        if enc:
            return enc
    if decodes("utf-8") is not None:
        return "utf-8"
    if nul:
        raise UnreadableFile(name, "binary data, not text (contains NUL bytes)")
    if _mostly_utf8(sample):
        return _UTF8_LENIENT
    scored = []
    for enc in ("gb18030", "big5"):
        text = decodes(enc)
        if text is not None and _looks_like_text(text):
            scored.append((_common_ratio(text), enc))
    if scored:
        ratio, enc = max(scored)
        if ratio >= 0.3:
            return enc
    # Short simplified texts of names and rarer words (张某与李某漏水纠纷) have few of the commonest
    # characters, and charset-normalizer read such GBK as Thai (cp874) or Korean (cp949): ask a longer list.
    gb = decodes("gb18030")
    if gb is not None and _looks_like_text(gb) and _frequent_ratio(gb) >= 0.6:
        return "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is not None and best.chaos < 0.3 and _looks_like_text(str(best)):
        return best.encoding
    raise UnreadableFile(name, "cannot detect the text encoding (binary data or an unknown encoding)")


#: UTF-8 with a few bytes that are not (a damaged copy, a GBK line pasted into a UTF-8 file): decoded as
#: UTF-8, the stray bytes left out and counted (metadata ``undecodable_bytes``)
_UTF8_LENIENT = "utf-8/lenient"
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _bomless_utf16(sample: bytes, final: bool) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 written without a byte-order mark (some systems' 'Unicode'
    export), whose ASCII characters give it NUL bytes: the one whose text reads as text — nearly all ASCII,
    Chinese and CJK punctuation, and its Chinese characters mostly common ones. Binary data read as UTF-16 is
    rare characters and symbols of every block."""
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(enc)("strict").decode(sample[:_SAMPLE], final=final)
        except UnicodeDecodeError:
            continue
        if not text or not _looks_like_text(text):
            continue
        plain = sum(1 for c in text if c.isascii() and (c.isprintable() or c in "\r\n\t")
                    or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
        han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
        if plain < 0.95 * len(text) or han >= 10 and _frequent_ratio(text) < 0.6:
            continue
        if best is None or plain > best[0]:
            best = (plain, enc)
    return best[1] if best else None


def _mostly_utf8(sample: bytes) -> bool:
    """Whether ``sample``, not valid UTF-8, is UTF-8 but for a few stray bytes: its characters decode as
    UTF-8 sequences, with at most one bad byte per 50 good sequences (GBK or Big5 text read as UTF-8 has
    about as many bad bytes as characters; a Latin-1 text has no multi-byte sequence at all)."""
    good = len(_UTF8_MULTIBYTE.findall(sample))
    if good < 20:
        return False
    bad = sample.decode("utf-8", "replace").count("\ufffd")
    return 0 < bad * 50 <= good


def decode_bytes(data: bytes, name: str | os.PathLike = "<bytes>", declared: str | None = None,
                 info: dict | None = None) -> str:
    """Decode ``data`` to str, detecting its encoding (see the module docstring). A UTF-8 text with a few
    stray bytes is read as UTF-8 without them; their number goes into ``info["undecodable_bytes"]``.

    Raises:
        UnreadableFile: for binary data or an undetectable encoding.
    """
    enc = _detect(data[:_SAMPLE] if len(data) > _SAMPLE else data, name, declared, final=len(data) <= _SAMPLE)
    try:
        text = data.decode("utf-8" if enc == _UTF8_LENIENT else enc)
    except UnicodeDecodeError as e:
        if enc not in ("utf-8", _UTF8_LENIENT) or not _mostly_utf8(data):
            raise UnreadableFile(name, f"not valid {enc} at byte {e.start}") from e
        bad = data.decode("utf-8", "replace").count("\ufffd") - data.count("\ufffd".encode())
        if info is not None:
            info["undecodable_bytes"] = bad
        text = data.decode("utf-8", "ignore")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _looks_like_text(text[:_SAMPLE]):
        raise UnreadableFile(name, "binary data, not text")
    return text


def load_text(path: str | os.PathLike) -> str:
    """Read a text file (any supported encoding) as str. Other file types go through their loader."""
    p = Path(path)
    if p.suffix.lower() in {".docx", ".pdf", ".html", ".htm", ".xhtml", ".mht", ".mhtml"}:
        docs = list(load_path(p))
        return "\n\n".join(d.text for d in docs)
    return decode_bytes(read_bytes(p), p)


def read_bytes(p: str | os.PathLike) -> bytes:
    """The bytes of a file, or UnreadableFile naming it and the reason (missing, a directory, no access)."""
    p = Path(p)
    try:
        return p.read_bytes()
    except FileNotFoundError as e:
        raise UnreadableFile(p, "no such file") from e
    except IsADirectoryError as e:
        raise UnreadableFile(p, "is a directory") from e
    except OSError as e:
        raise UnreadableFile(p, e.strerror or str(e)) from e


# -- kinds and titles ---------------------------------------------------------------------------------
_JUDGMENT_TITLE = re.compile(r"(判决书|裁定书|调解书|决定书)\s*$")
# a court's case number: (2024)浙0106民初1234号, (2010)西民初字第123号 — its type code names a court's docket
# (民 刑 行 执 赔 破 司 …); (2024)文调字第8号 of a mediation committee and (2024)某律函字第21号 of a law firm are not
_CASE_NO = re.compile(r"[（(]\d{4}[）)](?![^\s，。号]{0,14}?(?:调|律|函|仲|访|信|监察))[^\s，。]{0,8}?"
                      r"[民刑行执赔破司知商][^\s，。]{0,6}?\d+号")
# a party's or an adviser's paper to a court or an office, not a decision: the court's name and its case
# number stand in it as the addressee and the case it is filed in
_FILING_TITLE = re.compile(r"(?:起诉状|诉状|答辩状|上诉状|申诉状|申诉书|申请书|代理词|辩护词|意见书|律师函|函|复函)\s*$")


# Only a court writes of itself as 本院 or opens its findings with 经审理查明; excerpts of judgments (the
# facts paragraph alone) have neither the court's name nor the case number.
_COURT_VOICE = re.compile(r"本院|经审理查明|经审理认定|公诉机关")
# 规定（试行）, 解释（三）, 办法(2019修正) end a law's title too
_LAW_TITLE = re.compile(r"(法|条例|办法|规定|细则|决定|规则|解释|安排|规范|规程|准则)(?:\s*[（(][^（）()]{1,12}[）)])*\s*$")
# an article heading in the opening text: 第十二条, 第12条, 第１２条 (typed in full-width mode)
_ARTICLE_IN_HEAD = re.compile(r"第[一二三四五六七八九十百千零〇0-9０-９]+条")
# A notice or report about mediation work is not a mediation dossier.
_NOTICE_TITLE = re.compile(r"(通知|通报|公告|通告|报告|总结|方案|简报|纪要|意见|函|回复|答复|统计表|报表|汇总表|一览表|台账)\s*$")
# what a mediation dossier has and a report, a news story or a letter about one has not: its parties and its
# mediator named on lines of their own (当事人：张某, 申请人：…, 甲方, 调解员：…)
_DOSSIER_LABEL = re.compile(r"(?m)^[ \t\u3000]*(?:当事人|申请人|被申请人|甲方|乙方|纠纷当事人|调解员|人民调解员|调解主持人|调查人|被调查人|记录人)"
                            r"[^\n：:]{0,8}[:：]")


# 关于印发《某市人民调解工作规范》的通知: a normative document issued under a cover notice
_ISSUING_NOTICE = re.compile(r"(?:印发|发布|颁布)[^》]{0,4}《[^》]{2,60}(?:法|条例|办法|规定|细则|规则|规范|规程|标准|准则|制度)"
                             r"(?:[（(][^（）()]{1,12}[）)])?》的(?:通知|公告|决定)\s*$")
_MEDIATION_TITLE = re.compile(r"人民调解|调解协议|调解笔录|调解记录|调解申请书|调解卷宗|司法确认申请")
# a hotline ticket (12345 工单) or a message-board post exported as a form: its fields, labelled (工单编号：…,
# 来电时间：…, 留言内容：…) or in table cells; three of them, one naming the call or the message, make it a post
_HOTLINE_KEY = r"工单编号|工单号|来电时间|来电号码|诉求内容|诉求标题|留言时间|留言内容|留言标题"
_HOTLINE_FIELD = re.compile(rf"(?m)(?:^|[\t|])[ \u3000]*({_HOTLINE_KEY}|诉求类型|诉求类别|诉求人|受理时间|留言人|留言对象|"
                            r"回复单位|回复时间|回复内容|承办单位|处理部门|办理时限|办结时限|处理结果|办理结果|回访情况)"
                            r"[ \u3000]*(?:[:：]|\t)")


def guess_kind(text: str, title: str = "") -> str:
    """A cheap guess of the document kind from its title and opening text.

    >>> guess_kind("经审理查明：被告向原告借款五万元，双方曾达成调解协议。")
    'judgment'
    >>> guess_kind("各街道司法所：现就人民调解员培训通知如下。", title="关于人民调解员培训的通知")
    'other'
    """
    head = text[:2000]
    if _FILING_TITLE.search(title):  # 起诉状, 答辩状, 司法确认申请书, 律师函: addressed to a court, not its decision
        return "mediation" if _MEDIATION_TITLE.search(title) else "other"
    # 决定书 is a court's only when a court wrote it (its name heads the paper, or its case number):
    # 行政复议决定书 and 行政处罚决定书 are an office's, which end by naming the court to sue in
    top = "\n".join(head.split("\n", 4)[:4])
    court_title = _JUDGMENT_TITLE.search(title) and (
        not title.rstrip().endswith("决定书") or "人民法院" in top or _CASE_NO.search(top))
    if court_title or ("人民法院" in head and _CASE_NO.search(head)):
        return "judgment"
    # before the rest: a law's articles speak of 本院, 公诉机关 and 人民调解 too
    if (_LAW_TITLE.search(title) or _ISSUING_NOTICE.search(title)) and _ARTICLE_IN_HEAD.search(head):
        return "regulation"
    fields = {m.group(1) for m in _HOTLINE_FIELD.finditer(head)}
    if len(fields) >= 3 and any(re.fullmatch(_HOTLINE_KEY, f) for f in fields):
        return "post"
    # an agreement a people's mediation committee writes may say 本院 (one's own courtyard)
    if _MEDIATION_TITLE.search(title) and not _NOTICE_TITLE.search(title):
        return "mediation"
    if _COURT_VOICE.search(head):
        return "judgment"
    if ("人民调解" in head or "调解协议" in head) and not _NOTICE_TITLE.search(title) and (
            _DOSSIER_LABEL.search(head) or _MEDIATION_TITLE.search(head.lstrip().split("\n", 1)[0])):
        return "mediation"
    return "other"


# the name of a kind of document, as its title line ends
_DOC_TITLE = re.compile(r"(?:协议书?|协议书（[^（）]{1,8}）|申请书|决定书|判决书|裁定书|调解书|意见书|告知书|通知书|记录|笔录|"
                        r"登记表|审批表|通知|公告|通报|决定|报告|意见|办法|规定|条例|细则|规则|规范|方案|裁决书|起诉状|答辩状|上诉状|"
                        r"律师函|函)$")
# a title set with a space between its characters, as court papers print it (民 事 判 决 书, 律　师　函)
_SPACED_TITLE = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]{1,3}){2,}[\u4e00-\u9fff]")
# a form's label before its title (标题：…, 主题：…), as a message board's export writes it
_TITLE_LABEL = re.compile(r"^(?:标题|题目|主题|诉求标题|留言标题)[:：]\s*")
# an office heading a form above its title (某某街道人民调解委员会 / 人民调解协议书)
_LETTERHEAD = re.compile(r"(?:委员会|人民政府|办事处|司法局|司法所|司法厅|人民法院|人民检察院|公安局|派出所|局|厅|所|中心|"
                         r"办公室|办公厅)$")


_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_MARK = re.compile(r"[0-9０-９]{4,8}|[★☆]*(?:绝密|机密|秘密|内部|公开|特急|加急|平急|急件|特提|平件)[★☆]*"
                   r"(?:[0-9０-９]+年)?|[★☆]+")


def _above_title(line: str) -> bool:
    """A line that stands above a document's title and is not it: a 红头文件's 份号 and 密级 / 紧急程度 (000128
    内部 / 特急), its 版头 (某市司法局文件), its 文号 and 签发人 (某司发〔2023〕12号　签发人：王某); 附件2 over an
    attachment saved as a file of its own."""
    parts = line.split()
    if all(_MARK.fullmatch(p) for p in parts):
        return True
    flat = "".join(parts)
    # the 版头, or a page header naming the kind of publication (某市人民政府规章, 某区司法局规范性文件)
    if re.fullmatch(r"[\u4e00-\u9fff、（）()]{2,30}(?:文件|规章|规范性文件|公报)", flat) or \
            re.fullmatch(r"附件[0-9０-９一二三四五六七八九十]*[:：]?", flat):
        return True
    rest = _DOC_NO.sub("", flat, count=1) if _DOC_NO.match(flat) else flat
    return rest != flat and (rest == "" or re.fullmatch(r"签发人[:：].{1,20}", rest) is not None) \
        or re.fullmatch(r"签发人[:：].{1,20}", flat) is not None


# the 令 that publishes a law or a rule (中华人民共和国主席令 / 第八十一号 / 《…》已由…通过，现予公布), printed above it
ORDER_HEAD = re.compile(r"[\u4e00-\u9fff（）()、]{1,30}令")
ORDER_NUMBER = re.compile(r"[（(]?第[ \u3000]*[0-9０-９一二三四五六七八九十百千零〇]+[ \u3000]*号[）)]?")
_ORDER_PUBLISHES = re.compile(r"^《([^》]{2,60})》(?:已经|已由|已于|经|于)")


def _published_by_order(lines: list[str]) -> str | None:
    """The title of the law or rule a 令 publishes, when the text opens with the 令 (某市人民政府令 / 第145号 /
    《某市物业管理矛盾纠纷调解办法》已经…审议通过，现予公布): the 令's own lines are not the title."""
    first = re.sub(r"[ \u3000]", "", lines[0]) if lines else ""
    first = first[:len(first) - len(m.group())] if (m := ORDER_NUMBER.search(first)) and m.end() == len(first) else first
    if not lines or not ORDER_HEAD.fullmatch(first):
        return None
    for line in lines[1:4]:
        m = _ORDER_PUBLISHES.match(line)
        if m:
            return m.group(1)
    return None


def _title_from_text(text: str, fallback: str) -> str:
    """The title line: the first line, unless that is the letterhead of an office over the document's
    title (东城区幸福街道人民调解委员会 above 人民调解协议书), then the title under it; under a 令 that
    publishes it, the title the 令 names."""
    lines = []
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line and not (lines == [] and _above_title(line)):
            lines.append(line)
            if len(lines) == 4:
                break
    if not lines:
        return fallback
    ordered = _published_by_order(lines)
    if ordered:
        return ordered
    lines = lines[:3]
    lines = [re.sub(r"[ \u3000]", "", x) if _SPACED_TITLE.fullmatch(x) else x for x in lines]
    lines[0] = _TITLE_LABEL.sub("", lines[0]) or lines[0]
    first = lines[0]
    if first.startswith("《") and first.endswith("》") and first.count("《") == 1:
        first = lines[0] = first[1:-1]  # a title pasted with its book-title marks
    if _LETTERHEAD.search(first) and not _DOC_TITLE.search(first):
        for nxt in lines[1:]:
            if len(nxt) <= 40 and _DOC_TITLE.search(re.sub(r"\s+", "", nxt)):
                return nxt
    if len(lines) > 1 and _title_goes_on(first, lines[1]):
        return first + lines[1]
    return first if len(first) <= 60 else fallback


def _is_title(text: str) -> bool:
    return bool(_LAW_TITLE.search(text) or _DOC_TITLE.search(text))


def _title_goes_on(first: str, nxt: str) -> bool:
    """Whether a title too long for one line goes on in the next one (最高人民法院关于审理民间借贷纠纷案件 /
    适用法律若干问题的规定, centred on two lines in print or broken by a soft line break in Word): the first
    line names no kind of document, the two together end with one, and neither is a sentence, a 题注 or an
    article."""
    if len(first) < 6 or len(first) + len(nxt) > 60 or len(nxt) > 30 or _is_title(first):
        return False
    joined = first + nxt
    if re.search(r"[。；，：:;,？！?!]", joined) or nxt[:1] in "（(【[" or re.match(r"第[^条]{1,8}[条章节编]", nxt):
        return False
    return _is_title(joined)


def title_from_text(text: str, fallback: str = "") -> str:
    """The title a document's text shows (see :func:`_title_from_text`)."""
    return _title_from_text(text, fallback)


def iso_date(value: str) -> str | None:
    """``value`` as an ISO date (YYYY-MM-DD) when it is one written another common way (any form
    :func:`fazhi.dates.parse_date` reads), else None.

    >>> iso_date("2024/3/1"), iso_date("2024年3月1日"), iso_date("2024.03.01 08:30"), iso_date("20240301")
    ('2024-03-01', '2024-03-01', '2024-03-01', '2024-03-01')
    >>> iso_date("二〇二四年三月一日"), iso_date("45352")
    ('2024-03-01', '2024-03-01')
    >>> iso_date("2024/02/30"), iso_date("上周")
    (None, None)
    """
    try:
        return parse_date(value).isoformat()
    except ValueError:
        return None


def _finish(doc_kwargs: dict, kind: str | None, title_fallback: str, read_facts: bool = True,
            clean: bool = True) -> Document:
    """The Document of a loaded text: title, kind, and (``read_facts``) what the text states about
    itself — a regulation's 题注 events, issuer, dates and articles, another document's signature date
    (:func:`fazhi.corpora.structure.describe`); fields given by the caller win. A file's text and title
    are cleaned (:func:`clean_text`); a data row's value (``clean=False``) is kept as given."""
    if clean:
        doc_kwargs["text"] = clean_text(doc_kwargs["text"])
        if doc_kwargs.get("title"):
            doc_kwargs["title"] = clean_text(doc_kwargs["title"])
    text = doc_kwargs["text"]
    given = doc_kwargs.get("published")
    if isinstance(given, str) and given:
        iso = iso_date(given)
        if iso and iso != given:  # 2024/3/1 would sort after 2024-03-31 and escape date filters
            doc_kwargs["published"] = iso
            doc_kwargs["metadata"] = dict(doc_kwargs.get("metadata") or {}, published_given=given)
    title = doc_kwargs.get("title") or _title_from_text(text, title_fallback)
    doc_kwargs["title"] = title
    doc_kwargs["kind"] = kind or doc_kwargs.get("kind") or guess_kind(text, title)
    if read_facts and doc_kwargs["kind"] == "post" and not doc_kwargs.get("published"):
        from fazhi.corpora.structure import own_header_date

        # a ticket's 来电时间, a message's 留言时间 (what fazhi scan counts by)
        doc_kwargs["published"] = own_header_date(text.split("\n"))
    elif read_facts and doc_kwargs["kind"] != "post":
        from fazhi.corpora.structure import describe

        facts = describe(text, title, regulation=doc_kwargs["kind"] == "regulation")
        if facts.get("published") and not doc_kwargs.get("published"):
            doc_kwargs["published"] = facts["published"]
        if facts["metadata"]:
            doc_kwargs["metadata"] = {**facts["metadata"], **(doc_kwargs.get("metadata") or {})}
        if facts["spans"]:
            doc_kwargs["spans"] = facts["spans"]
    return Document(**doc_kwargs)


# -- loaders by type ----------------------------------------------------------------------------------
def _newlines(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends as LF: a GB18030 text saved by Notepad kept a \r at the
    end of every line of the stored text (and of every article span)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# Characters a text gets from the tools that made it rather than from its author: zero-width spaces, word
# joiners, a BOM in mid-text (files pasted together) and soft hyphens, which show nothing but cut 第\u200b三条
# and every word they sit in; line and paragraph separators (U+2028/U+2029, from web editors), which are line
# ends; and the Kangxi radicals, CJK compatibility ideographs and ligatures that a PDF's font maps its glyphs
# to (⽇ U+2F47 for 日, ⾏ U+2F8F for 行, 金 U+F90A for 金, ﬁ), which look right and match nothing (2022年5⽉1⽇
# is no date). Those are mapped by NFKC one by one: NFKC over the whole text would also turn （，：and the
# ideographic space into ASCII.
_TOOL_CHARS = re.compile("[\u00ad\u200b\u2060\ufeff\u2028\u2029\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb06]")


def _tool_char(m: re.Match) -> str:
    ch = m.group()
    if ch in "\u2028\u2029":
        return "\n"
    if ch in "\u00ad\u200b\u2060\ufeff":
        return ""
    return unicodedata.normalize("NFKC", ch)


def clean_text(text: str) -> str:
    r"""``text`` without the invisible characters and PDF glyph mappings described above.

    >>> clean_text("第\u200b三条　自2022年5\u2f491\u2f47起施\u2f8f\u2028第四条")
    '第三条　自2022年5月1日起施行\n第四条'
    """
    return _TOOL_CHARS.sub(_tool_char, text) if _TOOL_CHARS.search(text) else text


def _load_plain(data: bytes, name: str, source: str, kind, fields) -> list[Document]:
    info: dict = {}
    text = _newlines(decode_bytes(data, name, info=info))
    if not text.strip():
        raise UnreadableFile(name, "empty file (no text)")
    if info:
        fields = dict(fields, **info)
    if name.lower().endswith((".md", ".markdown")):
        try:
            from fazhi.corpora import lawrefbook
        except ImportError:
            lawrefbook = None
        if lawrefbook is not None and lawrefbook.is_lawrefbook(text):
            doc = lawrefbook.parse_lawrefbook(text, path=name)
            doc.source = source
            doc.id = Document(text="", source=source).id
            if kind:
                doc.kind = kind
            for k, v in fields.items():
                if k in ("region", "published", "title"):
                    setattr(doc, k, v)
                else:
                    doc.metadata[k] = v
            return [doc]
    return [_finish(dict(text=text, source=source, **_doc_fields(fields)), kind, Path(name).stem)]


def _doc_fields(fields: dict) -> dict:
    out = {k: fields[k] for k in ("region", "published", "title", "fetched_at") if fields.get(k)}
    meta = {k: v for k, v in fields.items() if k not in out and k not in ("kind",) and v is not None}
    if meta:
        out["metadata"] = meta
    return out


_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
               "blockquote", "pre", "dd", "dt", "header", "footer", "td", "th", "ul", "ol"}


# Page furniture of government and news sites, not part of the document: navigation and breadcrumbs,
# the info line (发布时间 … 浏览次数 … 【字体：大 中 小】), print/close/share tools, the site footer.
_CHROME_CLASS = re.compile(r"^(?:[\w-]*[-_])?(?:nav|navbar|menu|crumbs?|breadcrumbs?|footer|foot|topbar|"
                           r"share|toolbar|sidebar|copyright)(?:[-_][\w-]*)?$", re.I)
# anchored so that a law's own words (无障碍环境, 点击量, 版权所有) are never taken for furniture
_CHROME_LINE = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|您所在的位置|所在位置)\s*[:：]|打印本页|关闭窗口|【\s*(?:打印|关闭|字体|字号|返回)|"
    r"^【?\s*字[体号]\s*[:：]|(?:浏览|访问|阅读|点击)(?:次数|数|量)\s*[:：]|分享到\s*[:：]|"
    r"^(?:主办|承办|协办|维护)单位\s*[:：]|ICP备\s*\d|公网安备\s*\d|网站标识码\s*[:：]?\s*\w|"
    r"^版权所有\s*[:：©(（]|Copyright\s*(?:©|\(c\)|\d)|^扫一扫|^(?:上一篇|下一篇)\s*[:：]?|^返回顶部$|"
    r"^\[\s*(?:打印|关闭)|^(?:首页|网站首页)\s*[|>｜»/]|^无障碍(?:浏览|阅读)?$|^(?:收藏|打印|关闭)(?:\s+|$)", re.I)
_PAGE_DATE = re.compile(r"(?:发布时间|发布日期|发文日期|日期|时间)\s*[:：]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|--| - | — |——)\s*")


# The catalogue record a government site shows above a document it publishes (政府信息公开): 索引号,
# 发布机构, 成文日期, 文号, 有效性 …, label and value in one line or in two cells of a table.
_INFO_LABELS = ("索引号", "主题分类", "体裁分类", "组配分类", "服务对象分类", "信息分类", "发布机构", "发文机关", "发文单位",
                "成文日期", "发文日期", "发布日期", "公开日期", "生成日期", "文号", "发文字号", "有效性", "时效性",
                "效力状态", "公开方式", "公开范围", "公开时限", "主题词", "关键词", "信息名称")
_INFO_LABEL = re.compile(rf"({'|'.join(sorted(_INFO_LABELS, key=len, reverse=True))})\s*[:：]")


def _info_pairs(line: str) -> dict | None:
    """``{label: value}`` when ``line`` is nothing but labelled catalogue fields, else None."""
    ms = list(_INFO_LABEL.finditer(line))
    if not ms or ms[0].start() != 0:
        return None
    out = {}
    for k, m in enumerate(ms):
        end = ms[k + 1].start() if k + 1 < len(ms) else len(line)
        out[m.group(1)] = line[m.end():end].strip()
    return out


def _take_info_block(lines: list[str], meta: dict | None) -> list[str]:
    """``lines`` without the catalogue record (the first run of labelled lines, within the first 30
    lines: a 主题词： line in a document's own 版记 further down stays); its fields go into
    ``meta["page_info"]``."""
    start = next((i for i, ln in enumerate(lines[:30]) if len(ln) <= 300 and _info_pairs(ln)), None)
    if start is None:
        return lines
    info, i = {}, start
    while i < len(lines):
        pairs = _info_pairs(lines[i]) if len(lines[i]) <= 300 else None
        if pairs is None:
            break
        # a label alone in its cell: the value is the next cell's line
        if len(pairs) == 1 and not next(iter(pairs.values())) and i + 1 < len(lines) and len(lines[i + 1]) <= 80 \
                and _info_pairs(lines[i + 1]) is None:
            pairs = {next(iter(pairs)): lines[i + 1]}
            i += 1
        info.update({k: v for k, v in pairs.items() if v})
        i += 1
    if not info:
        return lines
    if meta is not None:
        meta["page_info"] = info
    return lines[:start] + lines[i:]


def _apply_page_info(doc: Document, info: dict, given: set) -> None:
    """The catalogue record's facts, which a publishing office states about its own document (over what
    the text suggests, never over what the caller gave: ``given`` field names)."""
    doc.metadata["page_info"] = info
    who = info.get("发布机构") or info.get("发文机关") or info.get("发文单位")
    if who and "issuer" not in given:
        doc.metadata["issuer"] = who
    number = info.get("文号") or info.get("发文字号")
    if number and number not in ("无", "-", "/") and "doc_number" not in given:
        doc.metadata["doc_number"] = re.sub(r"\s+", "", number)
    written = iso_date(re.sub(r"\s+", "", info.get("成文日期") or info.get("发文日期") or ""))
    if written and not doc.published:
        doc.published = written
    posted = iso_date(re.sub(r"\s+", "", info.get("发布日期") or info.get("公开日期") or ""))
    if posted:
        doc.metadata.setdefault("page_date", posted)
    status = (info.get("有效性") or info.get("时效性") or info.get("效力状态") or "").strip()
    if status and "status" not in given:
        doc.metadata["status"] = {"现行有效": "有效", "失效": "已废止", "废止": "已废止", "已失效": "已废止"}.get(status, status)


def _page_title(root, title: str) -> str:
    """The document's title: the page's headline (meta ArticleTitle, h1, h2) when the <title> holds it
    beside the site's name (…的通知_政策文件_某市司法局), else the <title>'s first part."""
    heads = [m.get("content", "") for m in root.xpath("//meta[@name='ArticleTitle' or @name='articletitle']")]
    heads += [h.text_content() for h in root.xpath("//h1|//h2|//*[contains(@class,'title')]")[:6]]
    for h in heads:
        h = re.sub(r"\s+", " ", h).strip()
        if len(h) >= 4 and (not title or h in title or title in h):
            return h
    if title and _TITLE_SEPARATORS.search(title):
        first = _TITLE_SEPARATORS.split(title)[0].strip()
        if len(first) >= 4:
            return first
    return title or next((re.sub(r"\s+", " ", h).strip() for h in heads if len(h.strip()) >= 4), "")


def html_to_text(html: str, meta: dict | None = None) -> tuple[str, str]:
    """Visible text of an HTML page (no script/style, no navigation, tools or footer), one block per
    line; returns (title, text). When ``meta`` is a dict, the page's date (发布时间, meta PubDate) goes
    into it as ``page_date``."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", ""
    title = ""
    t = root.find(".//title")
    if t is not None and t.text_content():
        title = re.sub(r"\s+", " ", t.text_content()).strip()
    if meta is not None:
        for m in root.xpath("//meta[@name='PubDate' or @name='pubdate' or @name='publishdate' or @name='PublishDate']"):
            d = iso_date((m.get("content") or "").strip()[:10])
            if d:
                meta["page_date"] = d
                break
    for bad in root.xpath("//script|//style|//noscript|//template|//head|//comment()|//nav|//footer|//aside"):
        bad.drop_tree()
    # what the page does not show: hidden elements (a share widget's copy, Word's or LibreOffice's hidden
    # text exported as <span style="display: none">)
    style = "translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t', 'abcdefghijklmnopqrstuvwxyz')"  # lower, no spaces
    for bad in root.xpath(f"//*[@hidden or contains({style}, 'display:none') or contains({style}, 'visibility:hidden')]"):
        if bad.getparent() is not None:
            bad.drop_tree()
    for el in root.xpath("//*[@class or @id]"):
        tokens = (el.get("class") or "").split() + [el.get("id") or ""]
        if any(_CHROME_CLASS.match(tok) for tok in tokens if tok) and el.getparent() is not None:
            if len(el.text_content()) < 400:  # never a whole article mislabelled
                el.drop_tree()
    title = _page_title(root, title)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() == "br":
                continue
            el.text = "\n" + (el.text or "")
    raw = [ln for ln in (re.sub(r"[ \t\u3000\xa0]+", " ", x).strip() for x in root.text_content().splitlines()) if ln]
    raw = _take_info_block(raw, meta)
    lines = []
    for line in raw:
        if len(line) <= 120 and _CHROME_LINE.search(line):
            m = _PAGE_DATE.search(line)
            if m and meta is not None and "page_date" not in meta:
                d = iso_date(re.sub(r"\s+", "", m.group(1)))
                if d:
                    meta["page_date"] = d
            continue
        lines.append(line)
    return title, "\n".join(lines)


def _load_html(data: bytes, name: str, source: str, kind, fields, declared: str | None = None) -> list[Document]:
    m = _META_CHARSET.search(data[:4096])
    html = decode_bytes(data, name, declared=declared or (m.group(1).decode("ascii") if m else None))
    page: dict = {}
    title, text = html_to_text(html, page)
    if not text.strip():
        raise UnreadableFile(name, "no visible text in the HTML")
    f = dict(fields)
    if title and not f.get("title"):
        f["title"] = title
    doc = _finish(dict(text=text, source=source, **_doc_fields(f)), kind, Path(name).stem)
    if page.get("page_info"):
        _apply_page_info(doc, page["page_info"], set(fields))
    if page.get("page_date"):
        doc.metadata.setdefault("page_date", page["page_date"])
        if not doc.published:
            doc.published = page["page_date"]
    return [doc]


def _load_mht(data: bytes, name: str, source: str, kind, fields) -> list[Document]:
    """A web page saved as one file (.mht, 网页，单个文件: what IE, 360 and Word save): the MIME message's
    HTML part, decoded by its transfer encoding and read with the charset it declares."""
    import email
    from email import policy

    try:
        msg = email.message_from_bytes(data, policy=policy.compat32)
    except Exception as e:  # noqa: BLE001 - email raises many kinds of errors on junk
        raise UnreadableFile(name, f"not a readable .mht ({type(e).__name__}: {e})") from e
    for part in msg.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            body = part.get_payload(decode=True) or b""
            if body.strip():
                return _load_html(body, name, source, kind, fields, part.get_content_charset())
    raise UnreadableFile(name, "no HTML part in the .mht (not a saved web page?)")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@lru_cache(maxsize=1)
def _docx_run_text():
    """What a paragraph's text is made of: its runs' text, tabs and breaks, also inside tracked insertions,
    hyperlinks, fields and inline content controls; not deleted runs, the old place of moved text (w:moveFrom:
    it is read where it went, w:moveTo), hidden text (w:vanish: a drafting note Word does not show or print),
    the fallback copy of a drawing, or text boxes anchored in it (a story of their own, read after it:
    :func:`_docx_text_boxes`). ``$boxes`` is the number of text boxes the paragraph itself is inside."""
    from lxml import etree

    return etree.XPath(
        ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and count(ancestor::w:txbxContent) = $boxes"
        " and not(ancestor::mc:Fallback)"
        " and not(w:rPr/w:vanish[not(@w:val = '0' or @w:val = 'false' or @w:val = 'off')])]"
        "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:sym]",
        namespaces={"w": _W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"})


# Check boxes and marks drawn from symbol fonts: Insert Symbol's Wingdings ☑ (w:sym w:char F0FE), and the
# habit of typing R or £ in Wingdings 2 to get ☑ or □. Their text is a private-use code or a plain letter
# (R同意 £不同意), so a form's ticks were lost or misread; the usual ones are given as the marks they show.
_SYMBOL_FONTS = {
    "wingdings": {0x6E: "■", 0x6F: "□", 0x71: "❑", 0xA8: "□", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑"},
    "wingdings 2": {0x4F: "✗", 0x50: "✓", 0x51: "☒", 0x52: "☑", 0x53: "☒", 0x54: "☒", 0xA3: "□", 0x2A: "□"},
}


def _run_symbol_font(t) -> dict | None:
    """The mark table of the symbol font of ``t``'s run (w:rFonts ascii / hAnsi), or None."""
    fonts = t.getparent().find(f"{_W}rPr/{_W}rFonts")
    if fonts is None:
        return None
    name = fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi") or ""
    return _SYMBOL_FONTS.get(name.strip().lower())


def _docx_piece(el) -> str:
    tag = el.tag
    if tag == _W + "t":
        text = el.text or ""
        table = _run_symbol_font(el) if text else None
        return "".join(table.get(ord(c), c) for c in text) if table else text
    if tag == _W + "tab":
        return "\t"
    if tag == _W + "sym":
        table = _SYMBOL_FONTS.get((el.get(_W + "font") or "").strip().lower(), {})
        try:
            code = int(el.get(_W + "char") or "", 16)
        except ValueError:
            return ""
        return table.get(code & 0xFF if 0xF000 <= code <= 0xF0FF else code, "")
    return "\n"


def _docx_paragraph(p) -> str:
    boxes = sum(1 for a in p.iterancestors(_W + "txbxContent"))
    return "".join(map(_docx_piece, _docx_run_text()(p, boxes=boxes)))


def _docx_children(el, tag: str) -> Iterator:
    """``el``'s children named ``tag``, also those wrapped in content controls or custom XML."""
    for child in el.iterchildren():
        if child.tag == _W + tag:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _docx_children(child, tag)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _docx_text_boxes(p) -> list:
    """The text boxes anchored in paragraph ``p`` (a letterhead, a 文号, a note set in a frame), not those
    inside another text box (read with it) nor the fallback copy Word keeps of each drawing."""
    out = []
    for box in p.iter(_W + "txbxContent"):
        up, inner = box.getparent(), True
        while up is not None and up is not p:
            if up.tag == _W + "txbxContent" or up.tag == _MC + "Fallback":
                inner = False
                break
            up = up.getparent()
        if inner:
            out.append(box)
    return out


def _docx_notes(d) -> list[str]:
    """The footnotes and endnotes of a .docx, each ``[n] text`` (Word's separator notes left out)."""
    from lxml import etree

    out = []
    for rel in d.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes") or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            continue
        for note in root.iterchildren(_W + ("footnote" if kind == "footnotes" else "endnote")):
            if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            body = " ".join(b.strip() for b in _docx_blocks(note) if b.strip())
            if body:
                out.append(f"[{note.get(_W + 'id')}] {body}" if kind == "footnotes" else f"[尾注{note.get(_W + 'id')}] {body}")
    return out


_ENCLOSED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _num_text(n: int, fmt: str) -> str:
    """Counter ``n`` in Word's number format ``fmt`` (w:numFmt)."""
    from fazhi.numerals import int_to_cn

    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        s = int_to_cn(n) if n > 0 else "〇"
        if fmt == "chineseLegalSimplified":
            s = s.translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟"))
        return s
    if fmt in ("ideographTraditional", "ideographZodiac") and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt.startswith("decimalEnclosed") and 1 <= n <= 20:
        return _ENCLOSED[n - 1]
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman") and n >= 1:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalFullWidth, ordinal … read as a figure


class _DocxNumbering:
    """Word's automatic numbering (numbering.xml): the labels it draws before numbered paragraphs —
    第一条, 第一章, （一）, 1. — which are not in the paragraphs' text. A law typed with automatic
    numbering lost every 第X条 and （X） (and so its articles); they are put back here."""

    def __init__(self, d):
        from lxml import etree

        self.levels: dict[str, dict[int, dict]] = {}  # numId -> ilvl -> {fmt, text, start, restart}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        root = None
        for rel in d.part.rels.values():
            if rel.reltype.endswith("/numbering") and not rel.is_external:
                try:
                    root = etree.fromstring(rel.target_part.blob)
                except etree.XMLSyntaxError:
                    root = None
        if root is None:
            return
        abstract = {}
        for a in root.iterchildren(_W + "abstractNum"):
            lv = {}
            for lvl in a.iterchildren(_W + "lvl"):
                lv[int(lvl.get(_W + "ilvl", "0"))] = self._level(lvl)
            abstract[a.get(_W + "abstractNumId")] = lv
        for num in root.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            lv = {k: dict(v) for k, v in abstract.get(ref.get(_W + "val") if ref is not None else None, {}).items()}
            for o in num.iterchildren(_W + "lvlOverride"):
                k = int(o.get(_W + "ilvl", "0"))
                if o.find(_W + "lvl") is not None:
                    lv[k] = self._level(o.find(_W + "lvl"))
                so = o.find(_W + "startOverride")
                if so is not None and k in lv:
                    lv[k]["start"] = int(so.get(_W + "val", "1"))
            self.levels[num.get(_W + "numId")] = lv
        try:
            for st in d.styles.element.iterchildren(_W + "style"):
                numpr = st.find(f"{_W}pPr/{_W}numPr")
                if numpr is not None:
                    self.styles[st.get(_W + "styleId")] = self._numpr(numpr)
        except (AttributeError, KeyError, ValueError):
            pass

    @staticmethod
    def _level(lvl) -> dict:
        def val(tag, default):
            el = lvl.find(_W + tag)
            return el.get(_W + "val", default) if el is not None else default

        return {"fmt": val("numFmt", "decimal"), "text": val("lvlText", ""), "start": int(val("start", "1") or 1),
                "suff": val("suff", "tab"), "legal": lvl.find(_W + "isLgl") is not None}

    @staticmethod
    def _numpr(numpr) -> tuple[str | None, int]:
        ilvl = numpr.find(_W + "ilvl")
        num = numpr.find(_W + "numId")
        return (num.get(_W + "val") if num is not None else None,
                int(ilvl.get(_W + "val", "0")) if ilvl is not None else 0)

    def label(self, p) -> str:
        """The label drawn before paragraph ``p`` ('' when it is not numbered), counting it."""
        if not self.levels:
            return ""
        numpr = p.find(f"{_W}pPr/{_W}numPr")
        num_id, ilvl = self._numpr(numpr) if numpr is not None else (None, 0)
        if num_id is None:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            num_id, ilvl = self.styles.get(style.get(_W + "val") if style is not None else "", (None, 0))
            if numpr is not None and numpr.find(_W + "ilvl") is not None:
                ilvl = self._numpr(numpr)[1]
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""  # numId 0 switches numbering off
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl]["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        lvl = levels[ilvl]
        if lvl["fmt"] == "bullet":
            return ""

        def number(m):
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            n = counters.get(k, levels[k]["start"])
            return _num_text(n, "decimal" if lvl["legal"] else levels[k]["fmt"])

        text = re.sub(r"%([1-9])", number, lvl["text"])
        if not text.strip():
            return ""
        return text + ("" if lvl["suff"] == "nothing" else "\u3000" if re.search(r"[\u4e00-\u9fff]$", text) else " ")


def _docx_alt_chunk(chunk, part) -> list[str]:
    """The lines of a w:altChunk: a whole HTML page, saved web page (.mht), RTF or text file that the
    document imports at that place (what office systems write when they make a .docx from a web form); Word
    shows it as the document's text, and the body may have nothing else."""
    rid = chunk.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    rel = part.rels.get(rid) if part is not None and rid else None
    if rel is None or rel.is_external:
        return []
    blob, name = rel.target_part.blob, str(rel.target_part.partname)
    try:
        if data_kind(blob) == "rtf":
            return rtf_to_text(blob)[1].split("\n")
        if data_kind(blob) == "mht" or name.lower().endswith((".mht", ".mhtml")):
            return [d.text for d in _load_mht(blob, name, name, None, {})][0].split("\n")
        if data_kind(blob) == "html" or name.lower().endswith((".htm", ".html", ".xhtml")):
            m = _META_CHARSET.search(blob[:4096])
            html = decode_bytes(blob, name, declared=m.group(1).decode("ascii") if m else None)
            return html_to_text(html)[1].split("\n")
        return decode_bytes(blob, name).split("\n")
    except UnreadableFile:
        return []


def _docx_blocks(parent, numbering: _DocxNumbering | None = None, part=None) -> Iterator[str]:
    """The text of a body (or a table cell) block by block: paragraphs; table rows, each cell once (a
    merged cell is one ``w:tc``) joined by tabs, a nested table's rows inside its cell; and what content
    controls hold. python-docx's ``row.cells`` repeated a merged cell's text per column, and its
    ``cell.text`` and body paragraphs left out nested tables, content controls and tracked insertions."""
    for child in parent.iterchildren():
        if child.tag == _W + "p":
            text = _docx_paragraph(child)
            label = numbering.label(child) if numbering is not None else ""
            yield label + text.lstrip(" \t\u3000") if label and text.strip() else text
            for box in _docx_text_boxes(child):  # a text box anchored in the paragraph: its text after it
                yield from _docx_blocks(box, numbering, part)
        elif child.tag == _W + "tbl":
            for tr in _docx_children(child, "tr"):
                yield "\t".join("\n".join(b.strip() for b in _docx_blocks(tc, numbering, part) if b.strip())
                                for tc in _docx_children(tr, "tc"))
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _docx_blocks(child, numbering, part)
        elif child.tag == _W + "altChunk":
            yield from _docx_alt_chunk(child, part)


def _load_docx(data: bytes, name: str, source: str, kind, fields) -> list[Document]:
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        d = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as e:
        raise UnreadableFile(name, f"not a valid .docx ({type(e).__name__}: {e})") from e
    except Exception as e:  # python-docx raises lxml and other errors on junk parts
        raise UnreadableFile(name, f"not a valid .docx ({type(e).__name__}: {e})") from e
    blocks = [p.strip() for p in _docx_blocks(d.element.body, _DocxNumbering(d), d.part) if p.strip()]
    blocks += _docx_notes(d)  # footnotes after the body: a law's 注 on its amendments is text too
    text = "\n".join(blocks)
    images = sum(1 for r in d.part.rels.values() if "image" in r.reltype)
    f = dict(fields)
    if images:
        f["images"] = images
    if not text.strip():
        raise UnreadableFile(name, f"no text in the .docx ({images} images: needs OCR, see `fazhi ocr`)")
    # python-docx makes up core properties titled 'Word Document' for a package that has none
    has_core = any(r.reltype.endswith("/core-properties") for r in d.part.package.rels.values())
    title = (d.core_properties.title or "").strip() if has_core else ""
    if title and not f.get("title"):
        f["title"] = title
    return [_finish(dict(text=text, source=source, **_doc_fields(f)), kind, Path(name).stem)]


def _load_pdf(data: bytes, name: str, source: str, kind, fields) -> list[Document]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise UnreadableFile(name, f"not a readable PDF ({e})") from e
    from fazhi.corpora.pdftext import join_pages, page_lines, pages_paragraphs

    line_pages, needs_ocr = [], []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            lines = page_lines(tp)  # in reading order
            tp.close()
            page.close()
            if sum(len(ln.text.strip()) for ln in lines) < 5:
                needs_ocr.append(i + 1)
                lines = []
            line_pages.append(lines)
    finally:
        pdf.close()
    # running heads and feet and page numbers out, lines cut at the margin joined again; a page printed
    # from a browser keeps the site's furniture (首页 | 政务公开, 打印本页 关闭窗口): out too
    pages = [[p for p in paras if not (len(p.text) <= 120 and _CHROME_LINE.search(p.text))]
             for paras in pages_paragraphs(line_pages)]
    # a subset font's Unicode map often gives a full-width mark its ASCII twin (Chrome's 原则: for 原则：);
    # beside Chinese text such a mark is the full-width one
    from fazhi.ocr.postprocess import normalize_punctuation

    for paras in pages:
        for para in paras:
            para.text = normalize_punctuation(para.text)
    if not any(pages):
        raise UnreadableFile(name, f"no text layer on any of its {len(pages)} pages: needs OCR (fazhi ocr {name})")
    f = dict(fields, pages=len(pages))
    if needs_ocr:
        f["pages_needing_ocr"] = needs_ocr
        log.info("%s: pages %s have no text layer and need OCR", name, needs_ocr)
    return [_finish(dict(text=join_pages(pages), source=source, **_doc_fields(f)), kind, Path(name).stem)]


# Field names a JSONL/CSV row may use for each Document field; --map overrides.
FIELD_ALIASES = {
    "text": ("text", "content", "body", "正文", "内容", "fulltext", "诉求内容", "来电内容", "反映内容", "工单内容"),
    "title": ("title", "标题", "name", "名称"),
    "id": ("id", "doc_id", "编号", "工单编号", "工单号"),
    "kind": ("kind",),
    "region": ("region", "district", "地区", "区县", "area", "所属区县"),
    # a hotline's export (12345 工单) dates each row by the call or its registration
    "published": ("published", "date", "publish", "日期", "发布日期", "time", "时间", "来电时间", "受理时间",
                  "登记时间"),
    "source": ("source", "url"),
}


def _rows_to_docs(rows: Iterable[tuple[int, dict]], name: str, kind, fields, mapping: dict | None,
                  errors: list | None) -> Iterator[Document]:
    mapping = mapping or {}
    seen: dict[str, tuple[int, str]] = {}  # id -> (line, content hash) of the rows read so far
    for n, row in rows:
        try:
            if isinstance(row, _BadLine):
                raise ValueError(row.reason)
            if not isinstance(row, dict):
                raise ValueError(f"not a JSON object but a JSON {json_type(row)}")
            if "content_hash" in row and "spans" in row:  # our own export format
                yield Document.from_dict(row)
                continue
            kw, used = {}, set()
            for fld, names in FIELD_ALIASES.items():
                # a mapped column first, then the usual names: one --map serves a command that names several
                # files (ingest ./laws ./cases.jsonl --map text=content), not only the file that has it
                for col in ([mapping[fld], *names] if fld in mapping else names):
                    if row.get(col) not in (None, ""):
                        kw[fld] = row[col]
                        used.add(col)
                        break
            for fld, value in kw.items():
                if fld == "text" and not isinstance(value, str) or isinstance(value, (dict, list)):
                    col = next(c for c in used if row[c] is value)
                    raise ValueError(f"'{col}' must be a {'string' if fld == 'text' else 'string or number'}, "
                                     f"not a JSON {json_type(value)}")
            if "text" not in kw or not kw["text"].strip():
                tried = [mapping["text"], *FIELD_ALIASES["text"]] if mapping.get("text") else FIELD_ALIASES["text"]
                raise ValueError(f"no text field (tried {', '.join(tried)})" if "text" not in kw
                                 else f"the text field is blank ('{next(c for c in used if c in tried)}')")
            kw = {k: (str(v) if k != "text" else v) for k, v in kw.items()}
            if kw.get("id"):
                h = content_hash(kw["text"])
                first = seen.setdefault(kw["id"], (n, h))
                if first[1] != h:
                    raise ValueError(f"id {kw['id']!r} is used by line {first[0]} too, with another text "
                                     "(ids must be unique in a file)")
            kw.setdefault("source", f"{name}#{kw.get('id') or n}")
            meta = {k: v for k, v in row.items() if k not in used}
            meta.update({k: v for k, v in fields.items() if k not in ("region", "published", "title")})
            for k in ("region", "published"):
                if fields.get(k) and not kw.get(k):
                    kw[k] = fields[k]
            row_kind = kind or kw.pop("kind", None)
            if row_kind not in (None, *KINDS):
                meta["kind_given"] = row_kind
                row_kind = None
            kw.pop("kind", None)
            yield _finish(dict(kw, metadata=meta), row_kind, kw.get("id") or f"{Path(name).stem}-{n}",
                          read_facts=False, clean=False)
        except (ValueError, TypeError) as e:
            if errors is None:
                raise UnreadableFile(f"{name}:{n}", str(e)) from e
            errors.append((f"{name}:{n}", str(e)))


@dataclass(frozen=True)
class _BadLine:
    """A row that could not be read (invalid JSON, a CSV row with more fields than its header); a JSON
    string line is a value, not an error message."""

    reason: str


def json_lines(text: str, bad=None) -> Iterator[tuple[int, object]]:
    """``(line number, value)`` of each non-blank JSON line; a line that is not JSON gives ``bad(reason)``
    (default: a bad-row marker) in its place. Lines are split at line feeds only: ``str.splitlines`` also
    splits at U+2028, U+0085 and other separators that JSON strings may hold unescaped, cutting such a row
    in two."""
    bad = bad or _BadLine
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as e:
            yield n, bad(f"invalid JSON ({e.msg} at column {e.colno})")


def _load_jsonl(data: bytes, name: str, source: str, kind, fields, mapping=None, errors=None) -> Iterator[Document]:
    text = decode_bytes(data, name)
    if not text.strip():
        raise UnreadableFile(name, "empty file (no text)")
    rows = None
    if name.lower().endswith(".json") and text.lstrip()[:1] in ("[", "{"):
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as e:
            if text.lstrip().startswith("["):
                raise UnreadableFile(name, f"invalid JSON ({e})") from e
            whole = None  # {...} lines: JSON lines in a .json file
        if isinstance(whole, list):
            if not whole:
                raise UnreadableFile(name, "an empty JSON array (no documents)")
            rows = list(enumerate(whole, 1))
        elif isinstance(whole, dict):  # one document, maybe pretty-printed over many lines
            listed = None if _has_text_field(whole, mapping) else _wrapped_rows(whole)
            rows = list(enumerate(listed, 1)) if listed else [(1, whole)]
    if rows is None:
        rows = json_lines(text)
    return _rows_to_docs(rows, name, kind, fields, mapping, errors)


def _has_text_field(row: dict, mapping: dict | None) -> bool:
    return any(row.get(c) not in (None, "") for c in ([mapping["text"]] if mapping and mapping.get("text") else [])
               + list(FIELD_ALIASES["text"]))


def _wrapped_rows(obj: dict, depth: int = 0) -> list | None:
    """The rows of an API's export wrapped in an object — ``{"code": 0, "msg": "success", "data": [...]}`` or
    ``{"data": {"records": [...], "total": 2}}``: the one list of objects it holds (two levels down at most),
    else None."""
    found = []
    for value in obj.values():
        if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            found.append(value)
        elif isinstance(value, dict) and depth < 1:
            inner = _wrapped_rows(value, depth + 1)
            if inner:
                found.append(inner)
    return found[0] if len(found) == 1 else None


def _csv_delimiter(text: str, name: str) -> str:
    """Tab for .tsv; else the separator of the header line: a comma, or else a tab, semicolon or bar."""
    if name.lower().endswith(".tsv"):
        return "\t"
    header = next((line for line in text.split("\n") if line.strip()), "")
    return next((d for d in (",", "\t", ";", "|") if d in header), ",")


def _load_csv(data: bytes, name: str, source: str, kind, fields, mapping=None, errors=None) -> Iterator[Document]:
    text = decode_bytes(data, name)
    if not text.strip():
        raise UnreadableFile(name, "empty file (no text)")
    tried = ([mapping["text"]] if mapping and mapping.get("text") else []) + list(FIELD_ALIASES["text"])
    skipped = 0
    # a spreadsheet saved as CSV keeps the title row merged above its header (2024年3月热线工单,,,): the
    # header is the first of the first ten lines that names a text column
    lines = text.split("\n", 11)
    for i, line in enumerate(lines[:10]):
        if i and line.strip() and any(t in (c.strip() for c in next(csv.reader([line], delimiter=d), []))
                                      for d in (_csv_delimiter(line, name),) for t in tried):
            skipped = i
            text = text.split("\n", i)[-1]
            break
        if i == 0 and any(t in (c.strip() for c in next(csv.reader([line], delimiter=_csv_delimiter(line, name)), []))
                          for t in tried):
            break
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text, name))
    try:
        header = [(h or "").strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        if not any(t in header for t in tried):
            raise UnreadableFile(name, f"no text column (tried {', '.join(tried)}; the header has: "
                                       f"{', '.join(h for h in header if h) or 'nothing'})")
        rows = []
        for row in reader:
            n = reader.line_num + skipped  # the row's last line: a quoted value may span lines
            if None in row:
                rows.append((n, _BadLine(f"{len(header) + len(row[None])} values where the header has "
                                         f"{len(header)} (an unquoted comma in a value?)")))
            else:
                rows.append((n, row))
    except csv.Error as e:
        raise UnreadableFile(f"{name}:{reader.line_num}", f"not valid CSV ({e})") from e
    if not rows:
        raise UnreadableFile(name, "no rows under the header")
    return _rows_to_docs(rows, name, kind, fields, mapping, errors)


# -- RTF ---------------------------------------------------------------------------------------------
_RTF_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z'])|([{}])|[\r\n]+|"
                        rb"([^\\{}\r\n]+)")
# destinations whose text is not the document's: fonts, styles, the info block (its title aside), pictures,
# objects, headers and footers, field instructions, revision tables …; any \* destination is left out too
_RTF_SKIP = {"fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "objdata", "header", "headerl", "headerr",
             "headerf", "footer", "footerl", "footerr", "footerf", "listtable", "listoverridetable", "revtbl",
             "rsidtbl", "generator", "xmlnstbl", "themedata", "colorschememapping", "latentstyles", "datastore",
             "filetbl", "fldinst", "footnote", "annotation", "atnid", "atnauthor", "private", "userprops",
             "pntext", "pntxta", "pntxtb", "listtext", "bkmkstart", "bkmkend", "xe", "tc", "shppict", "nonshppict"}
_RTF_WORDS = {"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "tab": "\t", "cell": "\t",
              "emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
              "bullet": "•", "emspace": " ", "enspace": " ", "qmspace": " "}
_RTF_SYMBOLS = {b"\\": "\\", b"{": "{", b"}": "}", b"~": " ", b"-": "", b"_": "-", b"\n": "\n", b"\r": "\n"}
# \fcharset of a font (Windows character sets) as a codec
_RTF_CHARSETS = {0: "cp1252", 128: "cp932", 129: "cp949", 134: "gb18030", 136: "big5", 161: "cp1253", 162: "cp1254",
                 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251", 222: "cp874", 238: "cp1250"}


def _rtf_codec(codepage: int | None) -> str:
    name = {936: "gb18030", 950: "big5", 65001: "utf-8", 54936: "gb18030"}.get(codepage or 1252, f"cp{codepage}")
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def rtf_to_text(data: bytes) -> tuple[str, str]:
    r"""(title, text) of an RTF file (WordPad, WPS and Word write it; Word also saves it with a .doc name):
    the body's text, paragraphs one per line and table cells joined by tabs; characters given as \'hh
    bytes in the document's code page (\ansicpg936: GBK) or the font's character set, or as \uN with its
    fallback skipped; fonts, styles, pictures, headers and footers, field instructions, comments, tracked
    deletions (\deleted) and hidden text (\v) left out. The title
    is the info block's \title.

    >>> rtf_to_text(rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 \'cb\'ce\'cc\'e5;}}\f0 \'b5\'da\'d2\'bb\'cc\'f5\par\uc2\u26412\'b1\'be}")
    ('', '第一条\n本')
    """
    state = {"out": "body", "uc": 1, "codec": "cp1252"}
    stack: list[dict] = []
    body: list[str] = []
    title: list[str] = []
    pending = bytearray()
    fonts: dict[int, str] = {}
    ansi = "cp1252"
    font_def = None
    skip = 0  # fallback characters of a \uN still to pass over
    first = False  # the token is the first of its group (a destination's name)

    def emit(text: str, mark: bool = False) -> None:
        if state.get("gone") and not mark:  # tracked deletion (\deleted) or hidden text (\v): not shown
            return
        if state["out"] == "body":
            body.append(text)
        elif state["out"] == "title":
            title.append(text)

    def flush() -> None:
        if pending:
            emit(bytes(pending).decode(state["codec"], "replace"))
            pending.clear()

    pos, n = 0, len(data)
    while pos < n:
        m = _RTF_TOKEN.match(data, pos)
        if m is None:
            pos += 1
            continue
        pos = m.end()
        word, param, hexbyte, sym, brace, plain = m.groups()
        at_start, first = first, False
        if brace is not None:
            flush()
            skip = 0
            if brace == b"{":
                stack.append(dict(state))
                first = True
            elif stack:
                state = stack.pop()
            continue
        if skip and (hexbyte is not None or plain is not None or sym is not None):
            if plain is not None and len(plain) > skip:
                plain, skip = plain[skip:], 0
            else:
                skip -= len(plain) if plain is not None else 1
                continue
        if word is not None:
            w = word.decode("ascii")
            p = int(param) if param else None
            if w == "bin":
                pos += p or 0
                continue
            if at_start and w in _RTF_SKIP or state["out"] == "none":
                flush()
                state["out"] = "fonts" if w == "fonttbl" else "none" if state["out"] != "fonts" else "fonts"
                if at_start and w == "title" and stack and stack[-1]["out"] == "info":
                    state["out"] = "title"
                elif at_start and w == "info":
                    state["out"] = "info"
                continue
            if at_start and w == "title" and state["out"] == "info":
                state["out"] = "title"
                continue
            if state["out"] == "fonts":
                if w == "f":
                    font_def = p
                elif w == "fcharset" and font_def is not None and p in _RTF_CHARSETS:
                    fonts[font_def] = _RTF_CHARSETS[p]
                continue
            if w == "ansicpg":
                ansi = _rtf_codec(p)
                state["codec"] = ansi
            elif w == "f" and p is not None:
                flush()
                state["codec"] = fonts.get(p, ansi)
            elif w == "uc" and p is not None:
                state["uc"] = p
            elif w in ("deleted", "v"):
                flush()
                state[w] = p != 0
                state["gone"] = bool(state.get("deleted") or state.get("v"))
            elif w == "plain":
                flush()
                state["deleted"] = state["v"] = state["gone"] = False
            elif w == "u" and p is not None:
                flush()
                emit(chr(p + 65536 if p < 0 else p))
                skip = state["uc"]
            elif w in _RTF_WORDS:
                flush()
                emit(_RTF_WORDS[w], mark=_RTF_WORDS[w] == "\n")
            continue
        if sym is not None:
            if sym == b"*" and at_start:
                flush()
                state["out"] = "none"
            elif sym in _RTF_SYMBOLS:
                flush()
                emit(_RTF_SYMBOLS[sym])
            continue
        if hexbyte is not None:
            pending.append(int(hexbyte, 16))
        elif plain is not None:
            if not plain.isascii():  # 8-bit text not escaped (writers should escape it): UTF-8 if it is that
                try:
                    text = plain.decode("utf-8")
                except UnicodeDecodeError:
                    pass
                else:
                    flush()
                    emit(text)
                    continue
            pending.extend(plain)
    flush()

    def text_of(parts: list[str]) -> str:
        t = "".join(parts).encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # \u-10179?\u-8903? pairs
        return "\n".join(line.strip(" \t") for line in t.split("\n"))

    return text_of(title).strip(), text_of(body).strip("\n")


def _load_rtf(data: bytes, name: str, source: str, kind, fields) -> list[Document]:
    title, text = rtf_to_text(data)
    text = "\n".join(line for line in text.split("\n") if line.strip())
    if not text.strip():
        raise UnreadableFile(name, "no text in the RTF file")
    f = dict(fields)
    if title and not f.get("title"):
        f["title"] = title
    return [_finish(dict(text=text, source=source, **_doc_fields(f)), kind, Path(name).stem)]


# -- what a file is, by its bytes -----------------------------------------------------------------------
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def data_kind(data: bytes) -> str | None:
    """What ``data`` is by its first bytes, whatever its name: ``zip`` (.docx, .xlsx and other Office Open XML
    files too), ``ole`` (Word 97-2003 .doc, WPS .wps, .xls), ``rtf``, ``pdf``, ``mht``, ``html``; None for
    anything else (plain text). Offices save an RTF or a web page with a .doc name, and rename a .doc to .docx."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"%PDF"):
        return "pdf"
    low = head[:300].lower()
    if low.startswith(b"mime-version:") or b"\nmime-version:" in low[:300] and b"content-type: multipart" in head.lower():
        return "mht"
    if low.startswith((b"<!doctype html", b"<html")) or low.startswith(b"<?xml") and b"<html" in low:
        return "html"
    return None


_OLE_FORMATS = {".doc": "legacy Word .doc (Word 97-2003)", ".docx": "a legacy Word .doc (Word 97-2003) with a .docx name",
                ".wps": "WPS Office .wps (WPS 文字)", ".xls": "legacy Excel .xls", ".et": "WPS Office .et (WPS 表格)",
                ".ppt": "legacy PowerPoint .ppt", ".dps": "WPS Office .dps (WPS 演示)"}
_OLE_SAVE_AS = {".doc": ".docx", ".docx": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx", ".ppt": ".pdf",
                ".dps": ".pdf"}


def _unsupported_ole(name: str, suffix: str, why: str | None = None) -> UnreadableFile:
    """The one-line reason an OLE file is not read: LibreOffice is missing (``why`` None: say that installing
    it makes fazhi read the file) or could not convert it (``why``)."""
    fmt = _OLE_FORMATS.get(suffix, f"an OLE (Office 97-2003) file named {suffix or 'without a suffix'}")
    to = _OLE_SAVE_AS.get(suffix, ".docx")
    app = {".xlsx": "Excel", ".pdf": "PowerPoint"}.get(to, "Word")
    save = f"open it in {app} or WPS and save it as {to}"
    if why is not None:
        return UnreadableFile(name, f"{fmt}: LibreOffice could not convert it ({why}); {save}")
    if suffix not in _OLE_TARGET:
        return UnreadableFile(name, f"{fmt} is not supported: {save}, or convert it (libreoffice --headless "
                                    f"--convert-to {to[1:]} FILE)")
    _, missing = soffice()
    return UnreadableFile(name, f"{fmt} is not supported: {save}, or convert it (libreoffice --headless "
                                f"--convert-to {to[1:]} FILE); {missing}: installing LibreOffice makes fazhi read it")


# -- legacy Office files, converted by LibreOffice ---------------------------------------------------------
#: what an OLE file of each name becomes: Word 97-2003 and WPS 文字 a .docx, Excel 97-2003 and WPS 表格 a .xlsx
_OLE_TARGET = {".doc": "docx", ".docx": "docx", ".wps": "docx", ".xls": "xlsx", ".et": "xlsx"}
_SOFFICE_FILTER = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
#: seconds one soffice call may take for one file (FAZHI_SOFFICE_TIMEOUT), and 10 s more for each further
#: file of a batch
SOFFICE_TIMEOUT = 120
#: files converted by one soffice call in :func:`ingest` (LibreOffice's start is most of a file's cost)
SOFFICE_BATCH = 20


def soffice() -> tuple[str | None, str]:
    """The LibreOffice program that converts legacy Office files, and why there is none when there is not:
    ``$FAZHI_SOFFICE`` when set (a path or a program name), else ``soffice`` or ``libreoffice`` on PATH."""
    import shutil

    env = os.environ.get("FAZHI_SOFFICE", "").strip()
    if env:
        found = shutil.which(env)
        return (found, "") if found else (None, f"LibreOffice was not found (FAZHI_SOFFICE={env} is not a program)")
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return (found, "") if found else (None, "LibreOffice is not installed (no soffice on PATH)")


def _soffice_timeout() -> float:
    try:
        return float(os.environ.get("FAZHI_SOFFICE_TIMEOUT") or SOFFICE_TIMEOUT)
    except ValueError:
        return float(SOFFICE_TIMEOUT)


def _run_soffice(program: str, inputs: list[Path], target: str, work: Path, timeout: float) -> str | None:
    """One ``soffice --convert-to`` over ``inputs`` into ``work/out``, with a private profile (a user
    installation in ``work``, so that concurrent runs do not share one and find it locked). Returns None, or
    why the call as a whole failed (it could not start, or ran over ``timeout`` and was killed)."""
    import signal
    import subprocess

    out = work / "out"
    cmd = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
           "--norestore", "--nolockcheck", "--nodefault", "--convert-to", _SOFFICE_FILTER[target],
           "--outdir", str(out), *map(str, inputs)]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=work, start_new_session=True)
    except OSError as e:
        return f"{program} could not start: {e.strerror or e}"
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice and the soffice.bin it starts
        except ProcessLookupError:
            pass
        proc.wait()
        return f"timed out after {timeout:g} s"
    return None


def convert_office(items: list[tuple[bytes | Path, str]], batch: int = 1,
                   keep_in: Path | None = None) -> list[bytes | Path | str]:
    """Legacy Office files (the bytes or the path of each, and its suffix: .doc .wps .xls .et, or .docx for a
    .doc under a .docx name) converted by LibreOffice to .docx or .xlsx: the bytes of each converted file, or
    the one-line reason it could not be converted. ``batch`` files go to one soffice call (LibreOffice's start
    is most of the cost: 1.9 s a file one call each, 0.15 s a file 20 in one call, benchmarks/legacy_office.py);
    a batch that fails as a whole (a file that
    hangs LibreOffice) is retried a file at a time, so one bad file costs only itself. With ``keep_in`` (a
    folder) the converted files are left there and their paths returned, not their bytes."""
    import shutil
    import tempfile

    program, missing = soffice()
    if program is None:
        return [missing] * len(items)
    results: list[bytes | str] = ["not converted"] * len(items)
    groups: dict[str, list[int]] = {}
    for i, (_, suffix) in enumerate(items):
        groups.setdefault(_OLE_TARGET.get(suffix, "docx"), []).append(i)
    timeout = _soffice_timeout()
    for target, idx in groups.items():
        ext = ".xls" if target == "xlsx" else ".doc"
        chunks = [idx[k:k + max(1, batch)] for k in range(0, len(idx), max(1, batch))]
        while chunks:
            chunk = chunks.pop(0)
            with tempfile.TemporaryDirectory(prefix="fazhi-soffice-") as tmp:
                work = Path(tmp)
                (work / "in").mkdir()
                inputs = []
                for i in chunk:  # numbered names: two folders' 通知.doc do not overwrite each other's output
                    src, dst = items[i][0], work / "in" / f"{i}{ext}"
                    if isinstance(src, (bytes, bytearray)):
                        dst.write_bytes(src)
                    else:
                        dst.symlink_to(os.path.abspath(src))
                    inputs.append(dst)
                why = _run_soffice(program, inputs, target, work, timeout + min(timeout, 10) * (len(chunk) - 1))
                for i in chunk:
                    out = work / "out" / f"{i}.{target}"
                    if out.is_file() and out.stat().st_size:
                        results[i] = out.read_bytes() if keep_in is None else Path(shutil.move(out, keep_in))
                    else:
                        results[i] = why or "the file could not be loaded: damaged, or not an Office file"
            if why and len(chunk) > 1:
                chunks[:0] = [[i] for i in chunk if isinstance(results[i], str)]
    return results


#: the stream an OLE file of each kind holds (its directory names it in UTF-16): Word and WPS 文字 files a
#: WordDocument, Excel and WPS 表格 files a Workbook (Book before Excel 97)
_OLE_STREAMS = {"docx": ("WordDocument",), "xlsx": ("Workbook", "Book")}


def ole_holds(data: bytes, target: str) -> bool:
    """Whether an OLE file holds the stream a Word (``target`` "docx") or Excel ("xlsx") file has: LibreOffice
    "converts" any OLE file, a damaged one too, reading its bytes as text (a page of 탏ᇠꆱ…).

    >>> ole_holds(_OLE + "WordDocument".encode("utf-16-le"), "docx"), ole_holds(_OLE + bytes(600), "docx")
    (True, False)
    """
    return any(n.encode("utf-16-le") in data for n in _OLE_STREAMS[target])


def _load_ole(data: bytes, name: str, source: str, kind, fields, suffix: str, mapping=None, errors=None,
              converted: bytes | str | None = None) -> list[Document]:
    """An OLE (Office 97-2003) file: converted by LibreOffice, then read as the .docx or .xlsx it became; the
    documents say so (metadata ``converted_from`` and ``converted_by``). ``converted`` is the conversion
    :func:`ingest` made ahead, in a batch."""
    target = _OLE_TARGET.get(suffix)
    if target is None:
        raise _unsupported_ole(name, suffix)
    if not ole_holds(data, target):
        raise UnreadableFile(name, f"damaged {_OLE_FORMATS.get(suffix, suffix)}: an OLE file with no "
                                   f"{'Word document' if target == 'docx' else 'Excel workbook'} inside")
    if converted is None:
        if soffice()[0] is None:
            raise _unsupported_ole(name, suffix)
        converted = convert_office([(data, suffix)])[0]
    if isinstance(converted, str):
        raise _unsupported_ole(name, suffix, converted)
    f = dict(fields, converted_from=_OLE_FORMATS.get(suffix, suffix), converted_by="LibreOffice")
    if target == "xlsx":
        return list(_load_xlsx(converted, name, source, kind, f, mapping, errors))
    return _load_docx(converted, name, source, kind, f)


#: conversions :func:`ingest` made ahead, a batch per soffice call, by the name the file is loaded under
_PRECONVERTED: dict[str, bytes | str] = {}


def _convert_ahead(files: list[Path]) -> tuple[dict[Path, Path | str], object]:
    """The legacy Office files among ``files`` converted, SOFFICE_BATCH per soffice call: the converted
    file's path (in a temporary folder, returned too, for the caller to clean up), or why it could not be
    converted. Nothing without LibreOffice or with a single such file (the loader converts that one itself,
    at the same cost)."""
    import tempfile

    ole = [f for f in files if f.suffix.lower() in _OLE_TARGET and _is_ole_file(f)]
    if len(ole) < 2 or soffice()[0] is None:
        return {}, None
    folder = tempfile.TemporaryDirectory(prefix="fazhi-converted-")
    try:
        got = convert_office([(f, f.suffix.lower()) for f in ole], batch=SOFFICE_BATCH, keep_in=Path(folder.name))
    except BaseException:
        folder.cleanup()
        raise
    return dict(zip(ole, got)), folder


def _is_ole_file(p: Path) -> bool:
    try:
        with p.open("rb") as fh:
            return fh.read(len(_OLE)) == _OLE
    except OSError:
        return False


# -- Excel -------------------------------------------------------------------------------------------
def _cell_value(v):
    import datetime as _dt

    if isinstance(v, _dt.datetime):
        return v.isoformat(sep=" ") if (v.hour, v.minute, v.second) != (0, 0, 0) else v.date().isoformat()
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return v if v is None or isinstance(v, str) else str(v)


def _load_xlsx(data: bytes, name: str, source: str, kind, fields, mapping=None, errors=None) -> Iterator[Document]:
    """The rows of each sheet of a workbook, like a .csv's: the header is the first row (of the first ten)
    that names a text column, so a title row merged above it (2024年3月热线工单) is passed over."""
    import zipfile

    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UnreadableFile(name, f"not a valid .xlsx ({type(e).__name__}: {e})") from e
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds of errors on damaged parts
        raise UnreadableFile(name, f"not a valid .xlsx ({type(e).__name__}: {e})") from e
    tried = ([mapping["text"]] if mapping and mapping.get("text") else []) + list(FIELD_ALIASES["text"])
    rows: list[tuple[str, dict]] = []
    headers_seen: list[str] = []
    try:
        for ws in wb.worksheets:
            header = None
            for r, values in enumerate(ws.iter_rows(values_only=True), 1):
                cells = [_cell_value(v) for v in values]
                if header is None:
                    names = [str(c).strip() if c is not None else "" for c in cells]
                    if any(t in names for t in tried):
                        header = names
                    elif r <= 10:
                        headers_seen.extend(n for n in names if n)
                        continue
                    else:
                        break
                    continue
                if all(c is None or str(c).strip() == "" for c in cells):
                    continue
                row = {h: c for h, c in zip(header, cells) if h}
                rows.append((f"{ws.title}!{r}" if len(wb.worksheets) > 1 else str(r), row))
    finally:
        wb.close()
    if not rows:
        raise UnreadableFile(name, f"no rows under a header with a text column (tried {', '.join(tried)})")
    return _rows_to_docs(rows, name, kind, fields, mapping, errors)


# -- OFD (GB/T 33190) ---------------------------------------------------------------------------------
def _is_ofd(data: bytes) -> bool:
    """Whether ``data`` is an OFD package: a ZIP with ``OFD.xml`` at its root."""
    import zipfile

    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return any(n == "OFD.xml" for n in z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def ofd_text(data: bytes) -> str:
    """The text of an OFD file (GB/T 33190, the format of e-government documents beside PDF): the
    ``TextCode`` of every page of every document in the package, a line per row of text objects (by their
    position on the page, top to bottom, left to right).

    Raises:
        ValueError: when ``data`` is not an OFD package (no ZIP, no ``OFD.xml``) or holds no text (a
            scan: its page images are not read).
    """
    import posixpath
    import zipfile
    from xml.etree import ElementTree as ET

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValueError("not an OFD file: not a ZIP package") from None
    names = set(z.namelist())
    if "OFD.xml" not in names:
        raise ValueError("not an OFD file: the package has no OFD.xml")
    if sum(i.file_size for i in z.infolist() if i.filename.endswith(".xml")) > 256 << 20:
        raise ValueError("the OFD file's XML unpacks to more than 256 MB")

    def local(tag) -> str:
        return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""

    def where(base: str, loc: str) -> str:
        loc = loc.strip()
        return loc.lstrip("/") if loc.startswith("/") else posixpath.normpath(posixpath.join(base, loc))

    def numbers(value, n):
        try:
            got = [float(v) for v in (value or "").split()]
        except ValueError:
            got = []
        return (got + [0.0] * n)[:n]

    out: list[str] = []
    roots = [el.text for el in ET.fromstring(z.read("OFD.xml")).iter() if local(el.tag) == "DocRoot" and el.text]
    for root in roots:
        doc_path = where("", root)
        if doc_path not in names:
            continue
        base = posixpath.dirname(doc_path)
        for page in (el for el in ET.fromstring(z.read(doc_path)).iter() if local(el.tag) == "Page"):
            path = where(base, page.get("BaseLoc") or "")
            if path not in names:
                continue
            runs = []  # (y, x, height, text) of each text object
            for obj in ET.fromstring(z.read(path)).iter():
                if local(obj.tag) != "TextObject":
                    continue
                bx, by, _, bh = numbers(obj.get("Boundary"), 4)
                for code in (c for c in obj if local(c.tag) == "TextCode" and (c.text or "").strip()):
                    runs.append((by + float(code.get("Y") or 0), bx + float(code.get("X") or 0), bh or 1.0, code.text))
            line: list = []
            for run in sorted(runs):
                if line and run[0] - line[0][0] > line[0][2] / 2:
                    out.append("".join(r[3] for r in sorted(line, key=lambda r: r[1])))
                    line = []
                line.append(run)
            if line:
                out.append("".join(r[3] for r in sorted(line, key=lambda r: r[1])))
    text = "\n".join(x.strip() for x in out if x.strip())
    if not text:
        raise ValueError("the OFD file has no text layer (a scan?)")
    return text


def _load_ofd(data: bytes, name: str, source: str, kind, fields) -> list[Document]:
    from xml.etree.ElementTree import ParseError as XMLError
    import zipfile

    try:
        text = ofd_text(data)
    except ValueError as e:
        raise UnreadableFile(name, str(e)) from e
    except (XMLError, KeyError, zipfile.BadZipFile, OSError, _zlib_error()) as e:
        raise UnreadableFile(name, f"not a readable OFD file ({type(e).__name__}: {e})") from e
    return [_finish(dict(text=text, source=source, **_doc_fields(fields)), kind, Path(name).stem)]


# -- zip archives -----------------------------------------------------------------------------------
ZIP_MEMBER_MAX = 512 << 20  # a member larger than this unpacked is refused (a zip bomb, or no document)


def _zip_member_name(info) -> str:
    """A member's name as its writer meant it: zip tools on Chinese Windows store GBK bytes without the UTF-8
    flag, which zipfile reads as code page 437 (╖¿╣µ for 法规)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return info.filename


def _load_zip(data: bytes, name: str, source: str, kind, fields, mapping=None, errors=None,
              depth: int = 0) -> list[Document]:
    """The documents of every supported file in a zip archive (folders in it too; macOS's __MACOSX copies,
    hidden files and Word's lock files left out). A member that cannot be read is one failure,
    ``archive.zip!/folder/file.pdf: reason``; the other members are loaded."""
    import zipfile

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise UnreadableFile(name, f"not a readable zip archive ({e})") from e
    docs: list[Document] = []
    problems: list[tuple[str, str]] = []
    for info in infos:
        member = _zip_member_name(info)
        base = member.rstrip("/").rsplit("/", 1)[-1]
        if info.is_dir() or member.startswith("__MACOSX/") or base.startswith((".", "~$")):
            continue
        suffix = Path(base).suffix.lower()
        where = f"{name}!/{member}"
        if suffix not in SUPPORTED_SUFFIXES or suffix == ".zip" and depth >= 2:
            continue
        if info.file_size > ZIP_MEMBER_MAX:
            problems.append((where, f"{info.file_size / 1e6:.0f} MB unpacked: larger than the "
                                    f"{ZIP_MEMBER_MAX >> 20} MB a zip member may have"))
            continue
        try:
            try:
                blob = z.read(info)
            except RuntimeError as e:  # encrypted
                raise UnreadableFile(where, f"cannot unpack ({e})") from e
            except (zipfile.BadZipFile, _zlib_error(), OSError, EOFError, NotImplementedError) as e:
                raise UnreadableFile(where, f"cannot unpack ({type(e).__name__}: {e})") from e
            f = dict(fields, source=f"{source}!/{member}", archive=source)
            if suffix == ".zip":
                docs.extend(_load_zip(blob, where, f.pop("source"), kind, f, mapping, problems, depth + 1))
            else:
                docs.extend(load_bytes(blob, where, kind=kind, mapping=mapping, errors=problems, **f))
        except UnreadableFile as e:
            problems.append((str(e.path), e.reason))
    if problems and errors is None:
        where, reason = problems[0]
        raise UnreadableFile(where, reason)
    if errors is not None:
        errors.extend(problems)
    if not docs and not problems:
        raise UnreadableFile(name, f"no file of a supported type in the zip archive ({len(infos)} entries)")
    return docs


def _zlib_error():
    import zlib

    return zlib.error


def load_bytes(data: bytes, name: str, kind: str | None = None, mapping: dict | None = None,
               errors: list | None = None, declared_encoding: str | None = None, **fields) -> list[Document]:
    """Load documents from bytes whose type is given by ``name``'s suffix (a file name or URL).

    ``fields`` (region, published, title, or anything else, which goes into metadata) apply to every
    document. For .jsonl/.csv, ``mapping`` maps Document fields to column names (``{"text": "content"}``);
    bad rows are appended to ``errors`` as (location, reason) when a list is given, else raise.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}")
    source = fields.pop("source", None) or name
    suffix = Path(name.split("?")[0]).suffix.lower()
    if not data:
        raise UnreadableFile(name, "empty file")
    if suffix in (".html", ".htm", ".xhtml"):
        return _load_html(data, name, source, kind, fields, declared_encoding)
    if suffix in (".mht", ".mhtml"):
        return _load_mht(data, name, source, kind, fields)
    if suffix in (".doc", ".docx", ".wps", ".rtf", ".xls", ".et", ".dps", ".ppt"):
        # a word processor's file is what its bytes say: Word and WPS save RTF and web pages with a .doc
        # name, and a .doc renamed .docx is still a .doc
        what = data_kind(data)
        if what == "ole":
            return _load_ole(data, name, source, kind, fields, suffix, mapping, errors,
                             _PRECONVERTED.get(name) if _PRECONVERTED else None)
        if what == "rtf":
            return _load_rtf(data, name, source, kind, fields)
        if what == "html":
            return _load_html(data, name, source, kind, fields, declared_encoding)
        if what == "mht":
            return _load_mht(data, name, source, kind, fields)
        if what == "zip" and _is_ofd(data):  # a download named by its link (附件.doc) that is an OFD file
            return _load_ofd(data, name, source, kind, fields)
        if what == "zip" and suffix in (".doc", ".docx", ".wps"):
            return _load_docx(data, name, source, kind, fields)
        if what == "zip" and suffix in (".xls", ".et"):  # an .xlsx saved or renamed with the old name
            return list(_load_xlsx(data, name, source, kind, fields, mapping, errors))
        if suffix == ".docx":
            return _load_docx(data, name, source, kind, fields)
        if suffix in (".doc", ".wps", ".xls", ".et", ".dps", ".ppt"):
            raise UnreadableFile(name, f"not a {suffix} file this can read (no Word, RTF or web page inside)")
    if suffix == ".ofd" or data[:4] == b"PK\x03\x04" and suffix not in (".xlsx", ".docx") and _is_ofd(data):
        return _load_ofd(data, name, source, kind, fields)
    if suffix == ".xlsx":
        return list(_load_xlsx(data, name, source, kind, fields, mapping, errors))
    if suffix == ".zip":
        return _load_zip(data, name, source, kind, fields, mapping, errors)
    if suffix == ".pdf":
        return _load_pdf(data, name, source, kind, fields)
    if suffix in (".jsonl", ".json"):
        return list(_load_jsonl(data, name, source, kind, fields, mapping, errors))
    if suffix in (".csv", ".tsv"):
        return list(_load_csv(data, name, source, kind, fields, mapping, errors))
    if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return _load_html(data, name, source, kind, fields, declared_encoding)
    return _load_plain(data, name, source, kind, fields)


def _iter_large_text(p: Path, kind, fields) -> Iterator[Document]:
    """Stream a large text file into parts of about PART_CHARS characters, split at line ends."""
    with p.open("rb") as fh:
        sample = fh.read(_SAMPLE)
        enc = _detect(sample, p, final=False)
        fh.seek(0)
        errors = "strict"
        if enc == _UTF8_LENIENT:  # a few stray bytes in UTF-8: left out, as decode_bytes does
            enc, errors = "utf-8", "ignore"
        decoder = codecs.getincrementaldecoder(enc)(errors)
        source = path_text(os.path.abspath(p))
        buf, part = "", 0
        while True:
            chunk = fh.read(1 << 20)
            try:
                buf += decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                raise UnreadableFile(p, f"not valid {enc} in part {part + 1}") from e
            while len(buf) >= PART_CHARS or (not chunk and buf):
                # at a line end: LF, or CR alone (old Mac files, and mixed ones, have lines ending in CR only)
                cut = max(buf.rfind("\n", 0, PART_CHARS), buf.rfind("\r", 0, PART_CHARS)) + 1 \
                    if len(buf) >= PART_CHARS else len(buf)
                if cut <= 0:
                    cut = min(len(buf), PART_CHARS)
                text, buf = buf[:cut], buf[cut:]
                if text.endswith("\r") and buf.startswith("\n"):  # a CRLF across the cut
                    text, buf = text + "\n", buf[1:]
                text = _newlines(text)
                part += 1
                if part == 1 and text.startswith("\ufeff"):
                    text = text[1:]
                if not _looks_like_text(text[:_SAMPLE]):
                    raise UnreadableFile(p, "binary data, not text")
                if text.strip():
                    f = dict(fields, part=part)
                    yield _finish(dict(text=text, source=f"{source}#part{part}", **_doc_fields(f)), kind,
                                  f"{p.stem} ({part})", read_facts=False)
            if not chunk:
                break
        if part == 0:
            raise UnreadableFile(p, "empty file (no text)")


def load_path(path: str | os.PathLike, kind: str | None = None, region: str | None = None,
              mapping: dict | None = None, errors: list | None = None, **fields) -> Iterator[Document]:
    """Load the documents of one file. Text files above LARGE_FILE_BYTES are streamed in parts.

    Raises:
        UnreadableFile: the file is missing, empty, binary, damaged or of an unsupported type.
    """
    p = Path(path)
    if not p.exists():
        raise UnreadableFile(p, "no such file or directory")
    if p.is_dir():
        raise UnreadableFile(p, "is a directory (use ingest to recurse)")
    if p.suffix.lower() in IMAGE_SUFFIXES:
        raise UnreadableFile(p, "an image, not a text: read it with `fazhi ocr FILE --store`")
    if _is_lock_file(p.name) and p.stat().st_size < 4096:
        raise UnreadableFile(p, "the lock (owner) file Word or WPS keeps while a document is open, not a "
                                f"document: load {p.name[2:]} itself")
    if region:
        fields["region"] = region
    size = p.stat().st_size
    if size == 0:
        raise UnreadableFile(p, "empty file")
    if size > LARGE_FILE_BYTES and p.suffix.lower() in (".txt", ".md", ".log", ""):
        yield from _iter_large_text(p, kind, fields)
        return
    fields.setdefault("source", path_text(os.path.abspath(p)))
    yield from load_bytes(read_bytes(p), path_text(p), kind=kind, mapping=mapping, errors=errors, **fields)


def path_text(path: str | os.PathLike) -> str:
    """A path as text to store and print. A file name that is not UTF-8 (GBK bytes, from unzipping a
    Windows archive on Linux) comes from the file system with lone surrogates (surrogateescape), which
    cannot be encoded: stored as a source or hashed into an id it stopped the whole batch with a
    UnicodeEncodeError. Its bytes are read as GB18030 or Big5 (as the archive's writer meant them), else
    shown with U+FFFD."""
    s = os.fspath(path)
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        raw = os.fsencode(s)
    for enc in ("gb18030", "big5"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


#: files Windows leaves in folders (thumbnail caches, folder settings): neither documents nor worth a
#: 'skipped … of an unsupported type' line
_SYSTEM_FILES = {"thumbs.db", "ehthumbs.db", "desktop.ini"}


def _is_lock_file(name: str) -> bool:
    """Word, Excel and WPS leave ``~$name.docx`` (a 162-byte owner file: who has it open) beside every
    document that is open; it holds no text."""
    return name.startswith("~$")


def iter_files(paths: Iterable[str | os.PathLike], skipped: list | None = None) -> Iterator[Path]:
    """Files named in ``paths``; folders are walked recursively (sorted, hidden files left out, only
    supported suffixes). Missing paths are yielded too, so that the loader reports them."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if f.startswith(".") or f == "manifest.tsv" or _is_lock_file(f) or f.lower() in _SYSTEM_FILES:
                        continue
                    if fp.suffix.lower() in SUPPORTED_SUFFIXES:
                        yield fp
                    elif skipped is not None:
                        skipped.append(fp)
        else:
            yield p


def _manifests(paths: Iterable[str | os.PathLike]) -> dict[str, dict]:
    """LawRefBook manifest rows (level, publish, valid_from, flag) by resolved file path."""
    from fazhi.corpora.lawrefbook import _manifest_rows

    out = {}
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for rel, row in _manifest_rows(str(p / "manifest.tsv")).items():
                out[os.path.abspath(p / rel)] = row
    return out


@dataclass
class IngestReport:
    """What :func:`ingest` did. ``failures`` lists (file, reason)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    files: int = 0
    documents: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failures: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "duplicate": self.duplicate, "failed": self.failed, "files": self.files,
                "documents": self.documents, "bytes": self.bytes, "seconds": round(self.seconds, 3),
                "mb_per_s": round(self.bytes / 1e6 / self.seconds, 2) if self.seconds else None,
                "failures": [{"file": f, "reason": r} for f, r in self.failures],
                "skipped": [path_text(s) for s in self.skipped]}


def _apply_manifest(doc: Document, man: dict | None) -> Document:
    if man:
        for k in ("level", "lawrefbook_flag"):
            if man.get(k):
                doc.metadata.setdefault(k, man[k])
        if man.get("publish") and not doc.published:
            doc.published = man["publish"]
        if man.get("valid_from"):
            doc.metadata.setdefault("effective", man["valid_from"])
    return doc


def _load_one(job) -> tuple:
    """Load and serialise one file (in a worker process); returns (path, prepared docs, row_errors,
    failure, size)."""
    from fazhi.corpora.store import prepare

    fp, kind, region, mapping, man, converted = job
    row_errors: list = []
    try:
        if converted is not None:  # converted ahead in a batch: the converted file's path, or why not
            _PRECONVERTED[path_text(fp)] = converted.read_bytes() if isinstance(converted, Path) else converted
        size = fp.stat().st_size if fp.exists() else 0
        docs = [prepare(_apply_manifest(d, man))
                for d in load_path(fp, kind=kind, region=region, mapping=mapping, errors=row_errors)]
        return fp, docs, row_errors, None, size
    except UnreadableFile as e:
        return fp, [], row_errors, (path_text(e.path), e.reason), 0
    finally:
        _PRECONVERTED.clear()


def ingest(paths: Iterable[str | os.PathLike], store, kind: str | None = None, region: str | None = None,
           mapping: dict | None = None, on_file: Callable[[Path], None] | None = None,
           batch_size: int = 200, workers: int | None = None) -> IngestReport:
    """Load every file under ``paths`` into ``store``. A bad file is recorded in the report and the batch
    goes on; documents are committed every ``batch_size``, so an interrupted ingest keeps what it stored.

    Files are parsed and serialised by ``workers`` processes while this process writes (default: the
    CPU count, at most 4; ``workers=0`` parses here); large text files are streamed here, part by part.
    On the 2-core machine: 27 MB/s with 2 workers, 20 MB/s with 1 or 0 (docs/benchmarks.md)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}")
    paths = list(paths)
    report = IngestReport()
    manifests = _manifests(paths)
    t0 = time.perf_counter()
    files = list(iter_files(paths, report.skipped))
    converted, converted_dir = _convert_ahead(files)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if (os.cpu_count() or 1) > 1 else 0

    def loaded() -> Iterator[tuple]:
        small, large = [], []
        for f in files:
            try:
                big = f.stat().st_size > LARGE_FILE_BYTES
            except OSError:  # missing: the loader reports it
                big = False
            (large if big and f.suffix.lower() in (".txt", ".md", ".log", "") else small).append(f)
        jobs = [(f, kind, region, mapping, manifests.get(os.path.abspath(f)) if manifests else None, converted.get(f))
                for f in small]
        if workers >= 1 and len(jobs) >= 50:
            import multiprocessing

            with multiprocessing.get_context().Pool(workers) as pool:
                yield from pool.imap(_load_one, jobs, chunksize=8)
        else:
            yield from map(_load_one, jobs)
        for f in large:  # streamed: documents are yielded part by part, never held together
            report.files += 1
            try:
                for doc in load_path(f, kind=kind, region=region):
                    report.documents += 1
                    yield None, [doc], [], None, 0
                report.bytes += f.stat().st_size
            except UnreadableFile as e:
                yield None, [], [], (path_text(e.path), e.reason), 0
            if on_file:
                on_file(f)

    def documents():
        for fp, docs, row_errors, failure, size in loaded():
            if fp is not None:
                report.files += 1
                report.bytes += size
            for doc in docs:
                if fp is not None:
                    report.documents += 1
                yield doc
            if failure:
                report.failed += 1
                report.failures.append(failure)
            for where, reason in row_errors:
                report.failed += 1
                report.failures.append((where, reason))
            if on_file and fp is not None:
                on_file(fp)

    # without --kind the kind is a guess: a document already stored keeps the kind it has
    try:
        for r in store.add_many(documents(), batch_size=batch_size, keep_kind=kind is None):
            setattr(report, r.status, getattr(report, r.status) + 1)
    finally:
        if converted_dir is not None:
            converted_dir.cleanup()
    report.seconds = time.perf_counter() - t0
    return report
