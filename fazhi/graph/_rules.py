"""Small text rules shared by the builder and the checks: fines, articles of plain text, dates, citations.

Examples:
    >>> fine_amounts("处一万元以上五万元以下罚款")
    [10000, 50000]
    >>> fine_amounts("处5000元以下的罚款；情节严重的，处2万元罚款")
    [5000, 20000]
    >>> fine_amounts("责令改正，没收违法所得")
    []
    >>> [(n, t[:4]) for n, s, t in plain_articles("第一条 甲\\n第二条 乙\\n第二条 重复")]
    [(1, '第一条 '), (2, '第二条 ')]
"""
from __future__ import annotations

import re

from fazhi.numerals import cn_to_int

__all__ = ["fine_amounts", "max_fine", "plain_articles", "inserted_articles", "cn_date", "find_citations",
           "sentences", "EFFECTIVE_REGEX"]

_CN_NUM = "零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟"
AMOUNT_REGEX = re.compile(rf"((?:\d[\d,，.]*|[{_CN_NUM}]+)(?:万|千|百)?)元")
FINE_SENTENCE_REGEX = re.compile(r"[^。；;\n]*罚款[^。；;\n]*")
# 自2024年3月1日起施行, and as formal documents also write it, 自二〇二四年三月一日起施行
EFFECTIVE_REGEX = re.compile(r"自(\d{4}|[〇零○一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                             r"(\d{1,2}|[一二三四五六七八九十]{1,3})日起(?:施行|生效|执行)")
_ARTICLE_LINE = re.compile(r"^[ \t\u3000]*第([零〇一二三四五六七八九十百千两0-9]+)条(?:之([一二三四五六七八九十]+))?"
                           r"(?=[ \t\u3000]|$)", re.M)
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
DATE_REGEX = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                        r"(\d{1,2}|[一二三四五六七八九十]{1,3})日")


def _amount(s: str) -> int | None:
    mult = 1
    if s.endswith("万"):
        mult, s = 10000, s[:-1]
    elif s.endswith("千") and re.match(r"\d", s):
        mult, s = 1000, s[:-1]
    elif s.endswith("百") and re.match(r"\d", s):
        mult, s = 100, s[:-1]
    s = s.replace(",", "").replace("，", "")
    try:
        if re.fullmatch(r"\d+(\.\d+)?", s):
            return int(float(s) * mult)
        return cn_to_int(s) * mult
    except ValueError:
        return None


def fine_amounts(text: str) -> list[int]:
    """Yuan amounts named in the sentences of ``text`` that impose a fine (罚款), in order."""
    out = []
    for m in FINE_SENTENCE_REGEX.finditer(text):
        for a in AMOUNT_REGEX.finditer(m.group(0)):
            v = _amount(a.group(1))
            if v:
                out.append(v)
    return out


def max_fine(text: str) -> int | None:
    amounts = fine_amounts(text)
    return max(amounts) if amounts else None


def plain_articles(text: str) -> list[tuple[int, int, str]]:
    """(number, start, text) of the articles of a plain text (lines beginning 第X条), in increasing order."""
    found = []
    last = 0
    ms = [m for m in _ARTICLE_LINE.finditer(text)]
    starts = []
    for m in ms:
        try:
            n = cn_to_int(m.group(1))
        except ValueError:
            continue
        if n > last:
            starts.append((n, m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\u3000"))))
            last = n
    for i, (n, s) in enumerate(starts):
        e = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        found.append((n, s, text[s:e].rstrip()))
    return found


def inserted_articles(text: str) -> set[tuple[int, int]]:
    """(article, sub) of the inserted articles of a plain text (lines beginning 第X条之Y).

    >>> sorted(inserted_articles("第一百二十条 甲\\n第一百二十条之一 乙\\n第一百二十条之二 丙\\n第一百二十一条 丁"))
    [(120, 1), (120, 2)]
    """
    out = set()
    for m in _ARTICLE_LINE.finditer(text):
        if m.group(2):
            try:
                out.add((cn_to_int(m.group(1)), cn_to_int(m.group(2))))
            except ValueError:
                continue
    return out


def sentences(text: str, offset: int = 0):
    """(start, end, sentence) of each sentence (split at 。；！？ and newlines)."""
    for m in _SENTENCE.finditer(text):
        if m.group(0).strip():
            yield offset + m.start(), offset + m.end(), m.group(0)


def cn_date(y: str, m: str, d: str) -> str | None:
    """ISO date from year, month, day in Arabic or Chinese numerals, read by :func:`fazhi.dates.parse_date`;
    None for a day not in the calendar (2023年2月30日) or a year outside 1900-2100.

    >>> cn_date("二〇二三", "五", "六"), cn_date("2023", "2", "30")
    ('2023-05-06', None)
    """
    from fazhi.dates import parse_date

    try:
        day = parse_date(f"{y}年{m}月{d}日", excel=False)
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2100 else None


_FALLBACK_TITLE = re.compile(r"《([^《》]{2,80})》(第([零〇一二三四五六七八九十百千0-9]+)条)?")


def find_citations(text: str, self_title: str | None = None) -> list:
    """Citations through :func:`fazhi.nlp.citations.find_citations`.

    When the nlp area is not installed, a deliberately small fallback finds only 《title》 and a directly
    following 第X条 (no short names, lists or self references) so that the registry can still be built.
    """
    try:
        from fazhi.nlp.citations import find_citations as fc
    except ImportError:
        fc = None
    if fc is not None:
        return list(fc(text, self_title=self_title))
    from fazhi.document import Citation

    out = []
    for m in _FALLBACK_TITLE.finditer(text):
        art = None
        if m.group(3):
            try:
                art = cn_to_int(m.group(3))
            except ValueError:
                art = None
        try:
            from fazhi.nlp.aliases import canonical_title

            law = canonical_title(m.group(1)) or m.group(1)
        except ImportError:
            law = m.group(1)
        out.append(Citation(start=m.start(), end=m.end(), text=m.group(0), law=law, article=art,
                            attrs={"raw_title": m.group(1)}))
    return out
