"""Rule extractors with normalised values: CASE_NO, MONEY, DATE, TIME, ID_CARD, PHONE, BANK_CARD.

Each extractor is a plain function ``text -> list[Span]`` (label, exact offsets, ``norm``) usable alone;
:data:`EXTRACTORS` maps a label to its function.

Examples:
    >>> [(s.text, s.norm) for s in extract_money("赔偿人民币伍万元，另付1.5万余元")]
    [('人民币伍万元', 50000), ('1.5万余元', 15000)]
    >>> extract_dates("二〇二二年三月一日、2022.3.1")[0].norm
    '2022-03-01'
    >>> extract_case_numbers("（2023）苏0102民初1234号")[0].norm
    '（2023）苏0102民初1234号'
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import replace
from typing import Callable

from fazhi.dates import RELATIVE_REGEX, parse_date, relative_match
from fazhi.document import Span
from fazhi.nlp.regexes import (BANK_CARD_REGEX, CASE_NO_REGEX, CN_NUM, DATE_REGEX, FESTIVAL_NEXT_REGEX, ID_CARD_REGEX,
                               LUNAR_DATE_REGEX, MONEY_REGEX, MONEY_SYMBOL_REGEX, PHONE_REGEX, RELATIVE_DATE_REGEX,
                               TIME_OF_DAY_REGEX, TIME_REGEX, YEAR_REGEX)
from fazhi.nlp.regexes import _AR_AMOUNT as _AR_AMOUNT_RX
from fazhi.numerals import cn_to_int, digits_to_int

__all__ = ["extract_case_numbers", "extract_money", "extract_dates", "extract_times", "extract_id_cards",
           "extract_phones", "extract_bank_cards", "parse_amount", "id_card_valid", "luhn_valid", "EXTRACTORS",
           "extract_all"]

_SRC = "rules"


def _span(text: str, start: int, end: int, label: str, norm=None, **attrs) -> Span:
    return Span(start=start, end=end, label=label, text=text[start:end], norm=norm, source=_SRC, attrs=attrs)


# ------------------------------------------------------------------------------------------- case numbers

_CASE_TYPE = re.compile(r"[民刑行执赔破商知初终再申监特认保撤复审裁调仲司]")


def extract_case_numbers(text: str) -> list[Span]:
    """案号: ``(2023)苏0102民初1234号``, ``（2015）浦民一(民)初字第1234号``; norm uses full-width brackets."""
    out = []
    for m in CASE_NO_REGEX.finditer(text):
        body = unicodedata.normalize("NFKC", m.group("body")).replace(" ", "")
        body = body.replace("(", "（").replace(")", "）")
        if not _CASE_TYPE.search(body):
            continue  # (2023)第1234号: a document number, not a case number
        zi = "字第" if m.group("zi") else ""
        dash = f"-{m.group('dash')}" if m.group("dash") else ""  # 1234-1号 and 1234号之一 are other cases than 1234号
        norm = f"（{m.group('year')}）{body}{zi}{m.group('seq')}{dash}号{m.group('sub') or ''}"
        out.append(_span(text, m.start(), m.end(), "CASE_NO", norm, year=int(m.group("year")),
                         seq=int(m.group("seq"))))
    return out


# ------------------------------------------------------------------------------------------- money

_MULT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10_000, "萬": 10_000,
         "亿": 100_000_000, "億": 100_000_000}


def parse_amount(num: str, mult: str = "") -> float | int:
    """Number + multiplier -> value: ('1.5', '万') -> 15000, ('伍', '万') -> 50000, ('50,000', '') -> 50000.

    >>> parse_amount("三千"), parse_amount("1.5", "万"), parse_amount("50,000"), parse_amount("二十万零五百")
    (3000, 15000, 50000, 200500)
    """
    num = unicodedata.normalize("NFKC", num).replace(",", "").replace("，", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        value: float = float(num)
    else:
        value = cn_to_int(num)
    for c in mult:
        value *= _MULT[c]
    value = round(value, 2)
    return int(value) if float(value).is_integer() else value


def _small(s: str | None) -> int:
    if not s:
        return 0
    d = s[:-1]
    return int(d) if d.isdigit() else cn_to_int(d)


# amounts in another currency keep their own number, with the currency named (norm is not converted)
_CURRENCY = {"美元": "USD", "欧元": "EUR", "港元": "HKD", "港币": "HKD", "日元": "JPY", "英镑": "GBP", "澳元": "AUD",
             "加元": "CAD", "韩元": "KRW", "新台币": "TWD"}

# the lower end of a range whose unit comes once, at the end: 2000至3000元, 1至2万元, 五千到八千元
_RANGE_LOW = re.compile(rf"(?P<num>{_AR_AMOUNT_RX}|[{CN_NUM}]+)\s*(?P<mult>[十百千万亿拾佰仟萬億]{{0,2}})\s*"
                        r"(?:至|到|－|-|—|～|~)\s*$")
# the capital numerals of amounts in words (壹贰叁 …), after which 元正 means 元整
_FINANCIAL_NUM = re.compile("[壹贰叁肆伍陆柒捌玖拾佰仟萬億]")
_ZHENG_WORD = set("常在是好式当确义面规值直版本品")  # 正常 正在 正是 …: a word, not 元正
# words that make an amount approximate before it (约5000元, 近万元) or after it (10万元左右)
_APPROX_BEFORE = re.compile(r"(?:约|大约|大概|约合|近|将近|接近|差不多)$")


def extract_money(text: str) -> list[Span]:
    """Amounts in yuan: 人民币伍万元 -> 50000, 5万元, 50,000元, 三千元, 1.5万余元, 40余万元 -> 400000,
    ￥35,000.00, 人民币300000(叁拾万)元 (norm = the stated amount, ``attrs['approx']`` when 余/多/左右 follows or 约/近
    comes before). Bare numbers without 元 are not money, except after ￥/¥. An amount in another currency
    (3000美元, 12万港元) keeps its number and names the currency in ``attrs['currency']`` (USD, HKD …). A range with one unit (2000至3000元, 1至2万元) gives a span for each end, both
    with ``attrs['range'] = [low, high]``."""
    out = []
    for m in MONEY_REGEX.finditer(text):
        num = m.group("num")
        # a Chinese numeral run must be a number, not a word that happens to contain 万/千 (千万元 -> ok)
        try:
            value = parse_amount(num, m.group("mult") or "")
            if m.group("num2"):
                value = value + parse_amount(m.group("num2"), m.group("mult2"))
        except (ValueError, KeyError):
            continue
        if m.group("jiao") or m.group("fen"):
            value = round(value + _small(m.group("jiao")) / 10 + _small(m.group("fen")) / 100, 2)
            value = int(value) if float(value).is_integer() else value
        start, end = m.start(), m.end()
        if (m.group("tail") is None and text[end:end + 1] == "正" and _FINANCIAL_NUM.search(num)
                and text[end + 1:end + 2] not in _ZHENG_WORD):
            end += 1  # 壹拾捌万肆仟肆佰柒拾肆元正: 正 for 整, as IOUs write it after an amount in capital numerals
        # 几十元 / 数千元: not a definite amount
        if start > 0 and text[start - 1] in "几数" and num[0] in CN_NUM:
            continue
        approx = bool(m.group("more") or m.group("more0")) or m.group("tail") == "左右" or bool(
            _APPROX_BEFORE.search(text, 0, start))
        attrs = {"approx": approx, "currency": _CURRENCY.get(m.group("unit"), "CNY")}
        if (m.group("tail") or "").startswith("/"):
            attrs["per"] = m.group("tail")[1:]
        low = None if m.group("prefix") else _range_low(text, start, value, m.group("mult") or "")
        if low is not None:
            attrs["range"] = [low.norm, value]
            out.append(replace(low, attrs={**attrs, "approx": bool(_APPROX_BEFORE.search(text, 0, low.start))}))
        out.append(_span(text, start, end, "MONEY", value, **attrs))
    taken = [(s.start, s.end) for s in out]
    for m in MONEY_SYMBOL_REGEX.finditer(text):  # ￥35,000.00 without 元
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        value = parse_amount(m.group("num"))
        out.append(_span(text, m.start(), m.end(), "MONEY", value, approx=False, currency="CNY"))
    out.sort(key=lambda s: s.start)
    return out


def _range_low(text: str, start: int, high, mult: str) -> Span | None:
    """The lower end of ``low至high元`` ending right before ``start``, or None."""
    lo = max(0, start - 24)
    m = _RANGE_LOW.search(text, lo, start)
    if m is None:
        return None
    a = m.start()
    if a > 0 and (text[a - 1].isdigit() or text[a - 1] in ".．,，第"):
        return None  # the window cut a number, or a version, a list or an ordinal (1.2至3元, 第3-5000元)
    try:
        value = parse_amount(m.group("num"), m.group("mult"))
        if not m.group("mult") and mult:  # 1至2万元: the lower end shares the multiplier when it then stays lower
            shared = parse_amount(m.group("num"), mult)
            value = shared if shared < high else value
    except (ValueError, KeyError):
        return None
    if not 0 < value < high:
        return None
    return _span(text, m.start(), m.end("mult"), "MONEY", value)


# ------------------------------------------------------------------------------------------- dates and times

def _num(s: str) -> int:
    s = s.strip()
    if s == "元":
        return 1  # 元月: January
    return int(s) if s.isdigit() else cn_to_int(s)


def _iso(y: str, m: str, d: str | None) -> str | None:
    try:
        yy, mm = _num(y), _num(m)
        if d is None:
            return f"{yy:04d}-{mm:02d}" if 1 <= mm <= 12 else None
        return _dt.date(yy, mm, _num(d)).isoformat()
    except ValueError:
        return None


def _explicit_dates(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in DATE_REGEX.finditer(text):
        g = m.groupdict()
        if g["y"]:
            iso = _iso(g["y"], g["m"], g["d"])
        elif g["y2"]:
            iso = _iso(g["y2"], g["m2"], g["d2"])
        else:
            iso = _iso(g["y3"], g["m3"], None)
        if iso:
            out.append((m.start(), m.end(), iso))
    return out


_REFERENCE_YEAR_SHIFT = {"大前年": -3, "前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}
_YEAR_WORD_BEFORE = re.compile(r"(?P<w>大前年|前年|去年|今年|明年|后年)\s*$")
# what may stand right before 三天前 / 两个月前 when it counts back from the day of writing (我三天前, 就在
# 两个月前, 大概一年前), not from an event of the story (案发3天前, 借款两个月前)
_NOW_BEFORE = set("我你他她它们俩咱在于是就也都又已早约概到从直还才或和及至")
# a sentence that speaks of every month (乙方于每月10日前提供上个月的发票, 每月25日前交齐下月网络信息费) names a
# month of each period with 上月 / 下月, not one month; so for weeks and years
_EVERY = {"mw": re.compile(r"每个?月|按月|逐月"), "ww": re.compile(r"每个?(?:周|星期|礼拜)"),
          "yw": re.compile(r"每年|按年|逐年")}
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def _counted_from_now(text: str, start: int) -> bool:
    c = text[start - 1] if start > 0 else ""
    return not ("\u4e00" <= c <= "\u9fff") or c in _NOW_BEFORE


def _reference_relative(text: str, m: re.Match) -> bool:
    """Whether RELATIVE_REGEX match ``m`` names a date counted from the day of writing in ``text``: not a
    count back from an event of the story (案发3天前) or a two-digit year (09年以前), not 后年 / 后天 whose
    后 ends a word before them (税后年收入, 然后天亮), not 上月 / 下月 of every month (每月10日前结清上月费用)."""
    s = m.start()
    if m["n"] is not None:
        return not m["n"].startswith(("0", "０")) and _counted_from_now(text, s)
    if (m["yw"] == "后年" or m["dw"] == "后天") and not _counted_from_now(text, s):
        return False
    for group, every in _EVERY.items():
        if m[group]:
            lo = max(0, s - 80)
            ends = [e.end() for e in _SENTENCE_END.finditer(text, lo, s)]
            return every.search(text, ends[-1] if ends else lo, s) is None
    return True


_DAY_SHIFT = {"次日": 1, "翌日": 1, "第二天": 1, "当日": 0, "同日": 0, "当天": 0, "前一天": -1, "前一日": -1}
_YEAR_SHIFT = {"同年": 0, "当年": 0, "是年": 0, "该年": 0, "次年": 1, "翌年": 1, "上年": -1, "前一年": -1}


# what may stand before 次日 / 当日 … when it means a day from the date just named (，当日, 于次日, 并于当天)
_BEFORE_THAT_DAY = set("，,。；;：:、（( \n\t于在至到从自即并且也均都又再就便")


# ---- the lunar calendar (农历) and festivals

# month names of the lunar calendar; 元月 is 正月 only when the date is marked lunar (else it is January)
_LUNAR_MONTH = {"正": 1, "元": 1, "冬": 11, "腊": 12}
# a festival -> its canonical name and its day: ("lunar", month, day), ("solar", month, day), ("term", name) or
# ("eve",) for 除夕, the day before 春节 of the year written (2019年除夕 is 2019-02-04, 腊月三十 of lunar 2018)
_FESTIVALS = {
    "春节": ("春节", ("lunar", 1, 1)), "除夕": ("除夕", ("eve",)), "大年三十": ("除夕", ("eve",)),
    "大年夜": ("除夕", ("eve",)), "元宵节": ("元宵节", ("lunar", 1, 15)),
    "元宵": ("元宵节", ("lunar", 1, 15)), "端午节": ("端午节", ("lunar", 5, 5)), "端午": ("端午节", ("lunar", 5, 5)),
    "七夕节": ("七夕节", ("lunar", 7, 7)), "七夕": ("七夕节", ("lunar", 7, 7)), "中元节": ("中元节", ("lunar", 7, 15)),
    "中秋节": ("中秋节", ("lunar", 8, 15)), "中秋": ("中秋节", ("lunar", 8, 15)), "重阳节": ("重阳节", ("lunar", 9, 9)),
    "重阳": ("重阳节", ("lunar", 9, 9)), "腊八节": ("腊八节", ("lunar", 12, 8)), "腊八": ("腊八节", ("lunar", 12, 8)),
    "元旦": ("元旦", ("solar", 1, 1)), "国庆节": ("国庆节", ("solar", 10, 1)), "国庆": ("国庆节", ("solar", 10, 1)),
    "五一劳动节": ("劳动节", ("solar", 5, 1)), "劳动节": ("劳动节", ("solar", 5, 1)), "五一": ("劳动节", ("solar", 5, 1)),
    "清明节": ("清明节", ("term", "清明")), "清明": ("清明节", ("term", "清明")),
}
# short names that are also other words (国庆路, 五一广场, 吃元宵, 政治清明): a time only with a time word after them
_WEAK_FESTIVALS = {"国庆", "五一", "清明", "元宵", "七夕", "重阳", "腊八"}
# a lunar date or festival needs one of these (a quick test before the full pattern)
_LUNAR_HINT = re.compile(r"农历|阴历|旧历|[正冬腊]月|闰|初\s*[一二三四五六七八九十]|廿|卅|春节|除夕|元宵|端午|七夕|中元节|中秋|重阳|"
                         r"腊八|元旦|国庆|劳动节|五一|清明|大年")
# between a date and the same day in the lunar calendar: 2013年7月15日(农历6月8日), 2016年2月9日（即大年初二）,
# 2016年1月10日，即农历腊月初一
_GLOSS = re.compile(r"\s*(?:[（(]\s*(?:即|亦即|也即|也就是|即为)?|[，,]?\s*(?:即|亦即|也即|也就是|即为))\s*")
# after 初一 … 初十 these make 月初 "the beginning of the month" (2009年7月初一天晚上, 3月初一段时间)
_NOT_LUNAR_DAY_NEXT = set("天段次些个名周期人批")


class _Lunar:
    """One lunar date, festival, or date marked lunar, as read from LUNAR_DATE_REGEX."""
    __slots__ = ("start", "end", "year", "rel", "month", "day", "leap", "festival", "marked")

    def __init__(self, start, end, year, rel, month, day, leap, festival, marked):
        self.start, self.end, self.year, self.rel = start, end, year, rel
        self.month, self.day, self.leap, self.festival, self.marked = month, day, leap, festival, marked


def _lunar_day(s: str) -> int:
    s = s.replace(" ", "").replace("\u3000", "").lstrip("初")
    if s.startswith("廿"):
        return 20 + (_num(s[1:]) if s[1:] else 0)
    return 30 if s == "卅" else _num(s)


def _lunar_hits(text: str, ref: bool = False) -> list[_Lunar]:
    """The lunar dates and festivals of ``text`` (no conversion yet), in text order, not overlapping. With
    ``ref`` (a reference date will be given) a year word before one (去年腊月二十三, 今年春节) is part of it."""
    out, pos = [], 0
    # every lunar date holds one of the hints, at most 24 characters after its start (1931年9月23日(农历)) and
    # it is at most 40 long: look only there (the full pattern is slow where a year and 月 are everywhere)
    for h in _LUNAR_HINT.finditer(text):
        p = h.start()
        pos = max(pos, p - 24)
        while pos <= p:
            m = LUNAR_DATE_REGEX.search(text, pos, p + 64)
            if m is None or m.start() > p:
                break
            hit = _read_lunar(text, m, _year_word_before(text, m) if ref else None)
            if hit is None:
                pos = m.start() + 1
                continue
            out.append(hit)
            pos = hit.end
    return out


def _year_word_before(text: str, m: re.Match) -> re.Match | None:
    """The year word counted from the reference date (去年, 今年 …) right before lunar match ``m`` that has no
    year of its own (去年腊月二十三, 今年农历八月十五), as a RELATIVE_REGEX match; else None."""
    if m["ly"] or m["lrel"]:
        return None
    w = _YEAR_WORD_BEFORE.search(text, max(0, m.start() - 6), m.start())
    if w is None:
        return None
    r = RELATIVE_REGEX.match(text, w.start())
    return r if r is not None and r["yw"] and r.end("yw") == w.end("w") else None


def _read_lunar(text: str, m: re.Match, year_word: re.Match | None = None) -> _Lunar | None:
    """The match as a lunar date or festival, or None when it is an ordinary (Gregorian) date or no date.
    ``year_word``: a year word before it counted from the reference date (its year is resolved later)."""
    marked = bool(m["mark0"] or m["mark"] or m["post"])
    year = None
    if m["ly"]:
        year = int(m["ly"]) if m["ly"].isdigit() else digits_to_int(m["ly"])
    rel = year_word["yw"] if year_word is not None else m["lrel"]
    start = year_word.start() if year_word is not None else m.start()
    dated = year is not None or rel is not None
    end = m.end()
    if m["fest"] and m["fest"].startswith("大年初"):  # 大年初二: 正月初二
        if m["post"]:
            end = m.end("fest")
        return _Lunar(start, end, year, rel, 1, _lunar_day(m["fest"][2:]), False, None, True)
    if m["fest"]:
        name = m["fest"]
        follows = FESTIVAL_NEXT_REGEX.match(text, m.end("fest")) is not None
        if (name in _WEAK_FESTIVALS or not (dated or marked)) and not follows:
            return None  # 春节慰问金, 国庆路, 吃元宵: not a time
        if m["post"]:
            end = m.end("fest")
        return _Lunar(start, end, year, rel, None, None, False, name, marked)
    lm, ld = m["lm"], m["ld"]
    month = _LUNAR_MONTH[lm] if lm in _LUNAR_MONTH else _num(lm)
    if lm == "元" and not marked:
        return None  # 元月: January
    lunar_day = False
    if ld is not None:
        after = text[m.end("ld"):m.end("ld") + 1]
        if ld.startswith("初") and not m["ldw"] and after in _NOT_LUNAR_DAY_NEXT:
            ld = None  # 7月初一天: the beginning of the month, then 一天
            end = m.end("lm") + text[m.end("lm"):].index("月") + 1
        else:
            lunar_day = ld[0] in "廿卅" or (ld.startswith("初") and not ld[-1].isdigit())
    lunar_month = lm in "正冬腊" or bool(m["leap"])
    if not (marked or lunar_month or lunar_day):
        return None  # an ordinary date: DATE_REGEX reads it
    if not (marked or dated or ld):
        return None  # 正月 alone (真正月收入): too weak without a year or a day
    if m["post"] and ld is None and m.end("lm") + text[m.end("lm"):].index("月") + 1 < m.start("post"):
        return None
    if ld is None and m["post"] is None:
        end = min(end, m.end("lm") + text[m.end("lm"):].index("月") + 1)
    day = _lunar_day(ld) if ld is not None else None
    return _Lunar(start, end, year, rel, month, day, bool(m["leap"]), None, marked)


def _lunar_iso(year: int, month: int, day: int, leap: bool) -> str | None:
    """The Gregorian ISO day of a lunar date; None when it is not in the lunar calendar or lunar-python is
    missing (the span stays, without a norm)."""
    from fazhi.dates import lunar_to_date

    try:
        return lunar_to_date(year, month, day, leap).isoformat()
    except (ValueError, ImportError):
        return None


def _festival_iso(name: str, year: int) -> tuple[str | None, str | None]:
    """(Gregorian ISO day, lunar day as YYYY-MM-DD or None) of festival ``name`` in ``year``."""
    from fazhi.dates import lunar_month_days, solar_term_date

    kind = _FESTIVALS[name][1]
    if kind[0] == "solar":
        return _dt.date(year, kind[1], kind[2]).isoformat(), None
    try:
        if kind[0] == "term":
            return solar_term_date(year, kind[1]).isoformat(), None
        if kind[0] == "eve":
            new_year = _lunar_iso(year, 1, 1, False)
            if new_year is None:
                return None, None
            eve = _dt.date.fromisoformat(new_year) - _dt.timedelta(days=1)
            return eve.isoformat(), f"{year - 1:04d}-12-{lunar_month_days(year - 1, 12):02d}"
    except (ValueError, ImportError):
        return None, None
    return _lunar_iso(year, kind[1], kind[2], False), f"{year:04d}-{kind[1]:02d}-{kind[2]:02d}"


def _lunar_attrs(h: _Lunar, year: int | None) -> dict:
    y = f"{year:04d}" if year is not None else "-"
    attrs: dict = {"calendar": "lunar",
                   "lunar": f"{y}-{h.month:02d}" + (f"-{h.day:02d}" if h.day is not None else "")}
    if h.leap:
        attrs["leap_month"] = True
    return attrs


def _reference_lunar_year(h: _Lunar, ref: _dt.date) -> int | None:
    """The lunar year of a lunar date or festival after a year word counted from ``ref`` (去年腊月二十三).

    The word counts from the lunar year ``ref`` is in: the Gregorian year, except from 1 January to 春节, when
    the lunar year is still the one before. There the dates people name by the Gregorian year (正月 to 十月,
    春节 and the festivals in them, 元旦, 清明) count from the Gregorian year: 今年春节 said on 2025-01-20 is
    2025-01-29; 冬月, 腊月 (and 腊八, 除夕, the last days of the lunar year) count from the lunar year:
    今年腊月二十三 said on 2025-01-20 is 2025-01-22, and 去年腊月 then is the 腊月 of early 2024. 除夕 is
    named by the 春节 after it (2019年除夕 is the eve of 2019's 春节), so 今年除夕 is the last day of the lunar
    year ``ref`` is in. None when lunar-python is missing."""
    from fazhi.dates import lunar_year

    shift = _REFERENCE_YEAR_SHIFT[h.rel]
    month = h.month
    if h.festival is not None:
        kind = _FESTIVALS[h.festival][1]
        month = 12 if kind[0] == "eve" else kind[1] if kind[0] == "lunar" else 1
    if month <= 10:
        return ref.year + shift
    try:
        y = lunar_year(ref) + shift
    except ImportError:
        return None
    return y + 1 if h.festival is not None and _FESTIVALS[h.festival][1][0] == "eve" else y


def _resolve_lunar(h: _Lunar, year: int | None, day: _dt.date | None, after_date: bool,
                   ref: _dt.date | None = None) -> tuple[int | None, str | None, dict] | None:
    """(year used, Gregorian ISO norm or None, attrs) of a lunar hit read in context; None when it needs a
    year from context (同年农历12月, 次年正月) and none was named before it. A year word counted from the
    reference date ``ref`` (去年腊月二十三) is read as :func:`_reference_lunar_year` says."""
    attrs: dict = {}
    y = h.year
    if h.rel in _REFERENCE_YEAR_SHIFT:
        if ref is None:
            return None
        y = _reference_lunar_year(h, ref)
        attrs.update(relative=True, ref_date=ref.isoformat())
    elif h.rel is not None:
        if year is None:
            return None
        y = year + _YEAR_SHIFT[h.rel]
        attrs["relative"] = True
    elif y is None and after_date and day is not None and h.day is not None and h.festival is None:
        # 2013年7月15日(农历6月8日), 2016年2月9日（即大年初二）: the same day in the other calendar, in lunar year
        # day.year or the one before
        best = None
        for cand in (day.year, day.year - 1):
            iso = _lunar_iso(cand, h.month, h.day, h.leap)
            if iso is not None:
                gap = abs((_dt.date.fromisoformat(iso) - day).days)
                if gap <= 7 and (best is None or gap < best[0]):
                    best = (gap, cand)
        if best is not None:
            y = best[1]
            attrs["relative"] = True
    if h.festival is not None:
        canonical, kind = _FESTIVALS[h.festival]
        attrs["festival"] = canonical
        if y is None:
            if kind[0] == "lunar":
                attrs.update(calendar="lunar", lunar=f"--{kind[1]:02d}-{kind[2]:02d}")
            elif kind[0] == "eve":
                attrs["calendar"] = "lunar"  # 腊月二十九 or 三十, depending on the year
            return None, None, attrs
        iso, lunar = _festival_iso(h.festival, y)
        if lunar is not None:
            attrs.update(calendar="lunar", lunar=lunar)
        return y, iso, attrs
    attrs.update(_lunar_attrs(h, y))
    iso = _lunar_iso(y, h.month, h.day, h.leap) if y is not None and h.day is not None else None
    return y, iso, attrs


def _relative_dates(text: str, explicit: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The relative dates of :func:`_resolved_dates` as (start, end, iso)."""
    return [(s, e, iso) for s, e, iso, attrs in _resolved_dates(text, explicit)
            if attrs.get("relative") and iso and "calendar" not in attrs and "festival" not in attrs]


def _resolved_dates(text: str, explicit: list[tuple[int, int, str]] | None = None,
                    lunar: list[_Lunar] | None = None, ref: _dt.date | None = None
                    ) -> list[tuple[int, int, str | None, dict]]:
    """Every date of ``text`` as (start, end, norm, attrs), in reading order: the explicit ones, the lunar ones
    and festivals (2019年农历正月初八 -> '2019-02-12', attrs calendar/lunar/festival), and those given relative to
    the last one named before them: 同年3月 -> the year of the last year named, 次日 -> the day after the last
    full date (a resolved one included: 次日 … 次日). With a reference date ``ref``, also those counted from
    it (今年三月, 上个月15号, 前天: :data:`fazhi.dates.RELATIVE_REGEX`)."""
    if lunar is None:
        lunar = _lunar_hits(text, ref is not None)

    def in_lunar(s: int, e: int) -> bool:
        return any(h.start < e and s < h.end for h in lunar)

    if explicit is None:
        explicit = _explicit_dates(text)
    events = [(s, e, iso, None) for s, e, iso in explicit if not in_lunar(s, e)]
    events += [(m.start(), m.end(), None, m) for m in RELATIVE_DATE_REGEX.finditer(text)
               if not in_lunar(m.start(), m.end())]
    events += [(m.start(), m.end(), None, m) for m in YEAR_REGEX.finditer(text)]
    events += [(h.start, h.end, None, h) for h in lunar]
    if ref is not None:
        events += [(m.start(), m.end(), None, m) for m in RELATIVE_REGEX.finditer(text)
                   if not in_lunar(m.start(), m.end()) and _reference_relative(text, m)]
    events.sort(key=lambda ev: (ev[0], -ev[1]))
    year, day, out, covered, last_end = None, None, [], -1, -1
    for s, e, iso, m in events:
        if iso is not None and s < covered:
            out.append((s, e, iso, {}))
            continue
        if s < covered:
            continue  # a year inside a date already read
        if iso is not None:
            year, covered = int(iso[:4]), e
            day = _dt.date.fromisoformat(iso) if len(iso) == 10 else None
            out.append((s, e, iso, {}))
            last_end = e
            continue
        covered = e
        if isinstance(m, _Lunar):
            gloss = 0 <= last_end <= s and _GLOSS.fullmatch(text, last_end, s) is not None
            got = _resolve_lunar(m, year, day, gloss, ref)
            if got is None:
                continue
            y, norm, attrs = got
            out.append((s, e, norm, attrs))
            if gloss and y is None:
                continue  # the other calendar's name of the date before it: that date stays the one named
            # a date whose year is not known (每年农历腊月二十三至次年二月初二) leaves 次年 after it unknown too
            year = y
            day = _dt.date.fromisoformat(norm) if norm else None
            last_end = e
            continue
        if m.re is RELATIVE_REGEX:
            got = relative_match(m, ref)
            if got is None:
                continue  # 去年2月30日
            norm, part = got
            attrs = {"relative": True, "ref_date": ref.isoformat()}
            if part:
                attrs["part"] = part
            out.append((s, e, norm, attrs))
            year = int(norm[:4])
            day = _dt.date.fromisoformat(norm) if len(norm) == 10 else None
            last_end = e
            continue
        if m.re is YEAR_REGEX:
            y = _num(m.group("year"))
            if y != year:
                year, day = y, None
            continue
        if m.group("rd"):
            if day is None:
                continue
            if s > 0 and text[s - 1] not in _BEFORE_THAT_DAY:
                continue  # 理赔当日, 期限届满次日起, 交付期限的第二天: the day of an event, not of the date named before
            day = day + _dt.timedelta(days=_DAY_SHIFT[m.group("rd")])
            out.append((s, e, day.isoformat(), {"relative": True}))
            last_end = e
            continue
        if year is None:
            continue
        y = year + _YEAR_SHIFT[m.group("ry")]
        resolved = _iso(str(y), m.group("rm"), m.group("rd_"))
        if resolved:
            out.append((s, e, resolved, {"relative": True}))
            year = y
            day = _dt.date.fromisoformat(resolved) if len(resolved) == 10 else None
            last_end = e
    return out


def _day_before(text: str, pos: int) -> str | None:
    """The full date named last before ``pos``, resolved (当晚: the evening of that day)."""
    days = [(s, iso) for s, _, iso, _ in _resolved_dates(text[:pos]) if iso and len(iso) == 10]
    return max(days)[1] if days else None


def extract_dates(text: str, ref_date=None) -> list[Span]:
    """Dates as ISO strings: 二〇二二年三月一日, 2022年3月1日, 2022.3.1, 2022-03-01 -> '2022-03-01';
    a year and month alone (2022年3月) -> '2022-03'. Impossible dates (2月30日) are skipped.

    A date given relative to one named before it is resolved against it (``attrs['relative']``): 同年3月
    after 2019年… -> '2019-03', 次年5月 -> '2020-05', 次日 / 翌日 after 2018年5月7日 -> '2018-05-08', 当日 /
    同日 -> that day. Without a date before it, a relative date is no DATE span.

    A date of the lunar calendar (农历/阴历, or a lunar-only 正月/腊月/冬月/闰四月 or 初八/廿三) keeps its text and
    has the Gregorian day as ``norm`` when its year is known, with ``attrs['calendar'] = 'lunar'`` and the
    lunar date in ``attrs['lunar']`` (2019年农历正月初八 -> '2019-02-12', lunar '2019-01-08'; 闰 adds
    ``attrs['leap_month']``). The year written is the lunar year (2019年腊月二十三 -> '2020-01-17'). Without a
    year (农历八月十五: lunar '--08-15') or a day (2014年农历2月: lunar '2014-02') the span has no norm. A lunar
    date in brackets after a date (2013年7月15日(农历6月8日)) is that day; 1931年9月23日(农历) is read as lunar.
    A festival with its year is its day (2020年春节 -> '2020-01-25', 2019年元旦 -> '2019-01-01', 2019年除夕 ->
    '2019-02-04', ``attrs['festival']``); without one it is a span without norm only where it is a time
    (春节期间, 春节前), not in 春节慰问金. Lunar dates need lunar-python (the nlp extra); without it they have
    no norm.

    ``ref_date`` (a date, or a value :func:`fazhi.dates.parse_date` reads: the day the text was written or
    said) resolves the dates counted from that day, which are no DATE spans without it (nothing here guesses
    today): 今年 / 去年 / 前年 -> the year ('2024'), 今年三月 -> '2025-03', 去年8月15号 -> a day, 上个月15号,
    本月底 -> a month ('2025-01', ``attrs['part'] = 'end'``), 上周 -> an ISO week ('2025-W06'), 上周三, 前天,
    昨晚, 三天前 -> a day, 两个月前 -> a month (see :func:`fazhi.dates.resolve_relative` for every word).
    They have ``attrs['relative'] = True`` and ``attrs['ref_date']`` (the reference date, ISO). A year word
    before a lunar date or a festival is its year (去年腊月二十三 with ref_date 2025-02-10 -> '2025-01-22',
    lunar '2024-12-23'; 今年春节): counted from the lunar year ``ref_date`` is in for 冬月, 腊月, 腊八 and
    除夕, from the Gregorian year for the rest (the two differ only between 1 January and 春节). Dates after
    a resolved one count from it as from any other (去年3月借款，次年还 -> 次年 is the year after 去年).
    Not resolved, with or without ``ref_date``: a month or day without a year word (三月, 15号: said in
    January, 三月 may be last March or the next), 年底 / 月底 alone, X天后 (counted from an event of the
    story more often than from the day of writing), X天前 right after a word of the story (案发3天前), a
    weekday alone (周三), 上月 / 下月 / 上周 / 去年 in a sentence about every month, week or year (每月10日前
    结清上月费用: each month's previous one), and words that only look like these: 至今年龄, 聪明年轻,
    先天后天, 税后年收入, 美好的明天, 明天会更好, 提前天数, “09年以前” (a two-digit year).

    >>> [(s.text, s.norm) for s in extract_dates("去年借给他5万，今年三月到期", ref_date="2025-02-10")]
    [('去年', '2024'), ('今年三月', '2025-03')]
    >>> extract_dates("去年腊月二十三", ref_date="2025-02-10")[0].norm
    '2025-01-22'
    """
    ref = None if ref_date is None else parse_date(ref_date, excel=False)
    out = [_span(text, s, e, "DATE", norm, **attrs) for s, e, norm, attrs in _resolved_dates(text, ref=ref)]
    out.sort(key=lambda sp: sp.start)
    return out


_PM = ("下午", "傍晚", "晚上", "晚", "夜里", "夜间", "深夜", "当晚")
# the part of a month a TIME span names (2013年8月底): attrs['part'], as for 上个月底 in extract_dates
_MONTH_PART = re.compile(r"上旬|中旬|下旬|初|底|末")
_MONTH_PARTS = {"初": "start", "上旬": "start", "中旬": "middle", "下旬": "end", "底": "end", "末": "end"}


def extract_times(text: str) -> list[Span]:
    """Points in time as a person marks them: a date or relative day with the part of the day and the clock
    time and 许/左右 (2018年5月7日下午14时许, 2017年6月某日22时许, 2015年7月份的一天, 次日10时30分许).

    Only matches that carry more than a plain date are returned (plain dates are DATE spans). ``norm`` is
    an ISO date or date-time when the text gives one (下午2时 -> 14:00), a relative day resolved against the
    date named before it as in :func:`extract_dates` (次日凌晨2时许, 当晚10时许, 同年3月5日下午), else None.
    """
    out = []
    relative = None
    lunar = _lunar_hits(text)
    for m in TIME_REGEX.finditer(text):
        if any(h.start < m.end() and m.start() < h.end for h in lunar):
            continue  # 农历2012年11月16日晚上: read below as a lunar date
        date, tod = m.group("date"), m.group("tod")
        end = m.end()
        # strip trailing spaces
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        span_text = text[m.start():end]
        if not tod.strip() and not re.search(r"某|一天|某天|份|旬|初|底|末", date):
            continue  # a plain date: DATE's job
        if re.fullmatch(r"(?:次日|当日|同日|当天|同年|翌日|案发当日)", span_text):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}\s*年", date) and not tod.strip():
            continue
        start, norm, extra = m.start(), None, {}
        dm = DATE_REGEX.match(span_text)
        if dm and dm.group("y"):
            norm = _iso(dm.group("y"), dm.group("m"), dm.group("d"))
        elif dm and dm.group("y3"):
            # 2013年8月底, 2012年9月份, 2013年9月下旬, 2012年10月份的一天: the month is all the text gives
            norm = _iso(dm.group("y3"), dm.group("m3"), None)
            part = _MONTH_PART.search(date)
            if norm and part:
                extra["part"] = _MONTH_PARTS[part.group()]
        elif date.strip() == "当晚":
            norm = _day_before(text, start)  # the evening of the day named before
        elif not dm:
            # 次日凌晨2时许, 同年3月5日下午: the day given relative to the date named before
            if relative is None:
                relative = _relative_dates(text, _explicit_dates(text))
            date_end = m.start("date") + len(date.rstrip())
            for a, b, iso in relative:
                if a <= start < b and b == date_end and len(iso) == 10:
                    start, norm = a, iso
        if norm and len(norm) == 10:  # a clock time only on a day (2017年6月某日22时许 stays '2017-06')
            clock = re.search(rf"([\d{CN_NUM}]{{1,3}})\s*[时点](?:\s*([\d{CN_NUM}]{{1,3}})\s*分)?", tod)
            if clock:
                try:
                    h = _num(clock.group(1))
                    mi = _num(clock.group(2)) if clock.group(2) else 0
                    if (any(p in tod for p in _PM) or date.strip() == "当晚") and h < 12:
                        h += 12
                    if 0 <= h <= 24 and 0 <= mi < 60:
                        norm = f"{norm}T{h % 24:02d}:{mi:02d}"
                except ValueError:
                    pass
        span_text = text[start:end]
        out.append(_span(text, start, end, "TIME", norm, approx=span_text.endswith(("许", "左右")), **extra))
    if lunar:
        out += _lunar_times(text, lunar)
        out.sort(key=lambda sp: sp.start)
    return out


def _lunar_times(text: str, lunar: list[_Lunar]) -> list[Span]:
    """A lunar date with the part of the day and clock time after it (2019年农历正月初八晚上8时许 ->
    '2019-02-12T20:00', 2015年正月的一天 -> None): TIME spans, norm as in :func:`extract_times`."""
    out = []
    resolved = {s: norm for s, _, norm, _ in _resolved_dates(text, lunar=lunar)}
    for h in lunar:
        if h.festival is not None or h.start not in resolved:
            continue
        m = TIME_OF_DAY_REGEX.match(text, h.end)
        tod = m.group() if m else ""
        end = h.end + len(tod.rstrip())
        if not tod.strip():
            continue
        norm = resolved[h.start]
        if norm and len(norm) == 10:
            clock = re.search(rf"([\d{CN_NUM}]{{1,3}})\s*[时点](?:\s*([\d{CN_NUM}]{{1,3}})\s*分)?", tod)
            if clock:
                try:
                    hh = _num(clock.group(1))
                    mi = _num(clock.group(2)) if clock.group(2) else 0
                    if any(p in tod for p in _PM) and hh < 12:
                        hh += 12
                    if 0 <= hh <= 24 and 0 <= mi < 60:
                        norm = f"{norm}T{hh % 24:02d}:{mi:02d}"
                except ValueError:
                    pass
        else:
            norm = None
        out.append(_span(text, h.start, end, "TIME", norm, approx=text[h.start:end].endswith(("许", "左右"))))
    return out


# ------------------------------------------------------------------------------------------- identifiers

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_card_valid(s: str) -> bool:
    """GB 11643 checksum of an 18-character resident ID number.

    >>> id_card_valid("11010519491231002X"), id_card_valid("110105194912310021")
    (True, False)
    """
    if len(s) != 18 or not s[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == s[17].upper()


def luhn_valid(digits: str) -> bool:
    """Luhn checksum (bank cards).

    >>> luhn_valid("6222020200112345678"), luhn_valid("4111111111111111")
    (False, True)
    """
    digits = digits.replace(" ", "")
    if not digits.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def extract_id_cards(text: str) -> list[Span]:
    """18-digit resident ID numbers with a valid checksum; norm = the number with an upper-case X."""
    out = []
    for m in ID_CARD_REGEX.finditer(text):
        if id_card_valid(m.group()):
            s = m.group().upper()
            out.append(_span(text, m.start(), m.end(), "ID_CARD", s, birth=f"{s[6:10]}-{s[10:12]}-{s[12:14]}"))
    return out


def extract_phones(text: str) -> list[Span]:
    """Mobile (1[3-9]x, optional +86) and landline (0xx-xxxxxxx) numbers; norm = digits (and '-')."""
    out = []
    for m in PHONE_REGEX.finditer(text):
        raw = m.group()
        digits = re.sub(r"[\s()（）]", "", raw)
        intl = digits.startswith(("+86", "0086")) or (digits.startswith("86") and len(re.sub(r"\D", "", digits)) == 13)
        if intl:
            digits = re.sub(r"^(?:\+|00)?86-?", "", digits)
        if re.fullmatch(r"1[3-9]\d{9}", digits.replace("-", "")):
            digits = digits.replace("-", "")
        elif intl and not digits.startswith("0"):
            digits = "0" + digits  # +86 571 8765 4321 and +86-10-… are 0571… and 010… dialled at home
        out.append(_span(text, m.start(), m.end(), "PHONE", digits))
    return out


def extract_bank_cards(text: str) -> list[Span]:
    """Bank card numbers: 16-19 digits (optionally in groups of 4) passing the Luhn check, and not a valid
    ID number. norm = the digits."""
    out = []
    for m in BANK_CARD_REGEX.finditer(text):
        digits = m.group().replace(" ", "")
        if not 16 <= len(digits) <= 19 or not luhn_valid(digits):
            continue
        if len(digits) == 18 and id_card_valid(digits):
            continue
        out.append(_span(text, m.start(), m.end(), "BANK_CARD", digits))
    return out


EXTRACTORS: dict[str, Callable[[str], list[Span]]] = {
    "CASE_NO": extract_case_numbers,
    "MONEY": extract_money,
    "DATE": extract_dates,
    "TIME": extract_times,
    "ID_CARD": extract_id_cards,
    "PHONE": extract_phones,
    "BANK_CARD": extract_bank_cards,
}


def extract_all(text: str, types: set[str] | None = None) -> list[Span]:
    """All rule-extractor spans (possibly overlapping), in text order."""
    out: list[Span] = []
    for label, fn in EXTRACTORS.items():
        if types is None or label in types:
            out.extend(fn(text))
    out.sort(key=lambda s: (s.start, -s.end, s.label))
    return out
