"""Dates as Chinese legal, court and administrative data write them, read into :class:`datetime.date`.

One parser for every reader of dates (the corpus loaders, the post scanner; the crawlers' ``parse_date``
is to follow), so that a form one of them reads is read by all. The whole value must be a date; use
:func:`find_date` to pick a date out of a longer text (``发布时间：2023-01-05 10:00``).

Forms read (surrounding whitespace ignored; full-width digits and punctuation are read as ASCII):

========================================  =================================================================
``2024-03-01`` ``2024/3/1`` ``2024.3.1``  year, month, day with the same separator twice
``20240301``                              eight digits
``2024年3月1日`` ``2024年3月1号``          also without 日, and with spaces between the parts
``二〇二四年三月一日``                     Chinese numerals (the year digit by digit), as in judgments
``2024-03-01T08:30:00+08:00``             a time after ``T`` or a space, with seconds, a fraction and a
                                          zone (``Z``, ``+08:00``, ``+0800``) optional; the date is the
                                          date as written, in the writer's own zone (not converted)
``2024年3月1日下午3时30分``                 a time in Chinese (时/点, 分, 秒; 上午/下午…; 半, 许)
``45352`` ``45352.75``                    an Excel serial day (what a spreadsheet's date cell becomes in
                                          CSV): five digits, an optional fraction being the time of day
========================================  =================================================================

Everything else raises ValueError saying why: an empty value, text that is not a date, and dates not in
the calendar (``2024-02-30``, ``2023年2月29日``, ``2024-13-01``, a time of ``25:00``).

Examples:
    >>> parse_date("2024/3/1"), parse_date("二〇二四年三月一日"), parse_date("45352")
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), datetime.date(2024, 3, 1))
    >>> parse_date("2024-02-30")
    Traceback (most recent call last):
    ...
    ValueError: bad date '2024-02-30' (day is out of range for month)
    >>> find_date("发布时间：2023-01-05 10:00"), find_date("无")
    (datetime.date(2023, 1, 5), None)
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from fazhi.numerals import cn_to_int, digits_to_int

__all__ = ["parse_date", "find_date", "EXCEL_EPOCH", "lunar_to_date", "lunar_month_days", "solar_term_date"]

#: Day 0 of Excel's 1900 date system as it counts after its phantom 1900-02-29: serial 45352 is 2024-03-01.
EXCEL_EPOCH = date(1899, 12, 30)

_CN_DIGIT = "〇零○OoＯ一二三四五六七八九"
_CN_NUMBER = "〇零一二三四五六七八九十两"
_YEAR = rf"(?P<y>\d{{4}}|[{_CN_DIGIT}]{{4}})"
_MONTH = rf"(?P<m>\d{{1,2}}|[{_CN_NUMBER}]{{1,3}})"
_DAY = rf"(?P<d>\d{{1,2}}|[{_CN_NUMBER}]{{1,3}})"
_DATE = (rf"(?:(?P<sy>\d{{4}})\s*(?P<sep>[-/.])\s*(?P<sm>\d{{1,2}})\s*(?P=sep)\s*(?P<sd>\d{{1,2}})"
         rf"|{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*[日号]?"
         r"|(?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2}))")
_TIME = (r"(?:(?:\s*T\s*|\s+|(?<=[日号]))(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
         r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?"
         r"|\s*(?:上午|下午|中午|晚上|凌晨|早上|傍晚)?\s*(?P<cH>\d{1,2})\s*[时点]"
         r"(?:\s*(?P<cM>\d{1,2})\s*分(?:\s*(?P<cS>\d{1,2})\s*秒)?|\s*半|\s*许)?)?")
_FULL = re.compile(rf"{_DATE}{_TIME}", re.I)
_EXCEL = re.compile(r"(\d{5})(?:\.(\d+))?")
# find_date: a date not inside a longer run of digits (the 8-digit form only as a whole token)
_FIND = re.compile(rf"(?<![\d{_CN_NUMBER}]){_DATE}(?![\d])")

_WANT = "want a date like 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日"


def _normalise(value) -> str:
    """``value`` as a str to parse; full-width forms (２０２４／３／１) as ASCII."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"bad date {value!r} (a {type(value).__name__} is not a date)")
    if isinstance(value, float):
        value = repr(value)
    s = unicodedata.normalize("NFKC", str(value)).strip()
    if not s:
        raise ValueError("no date")
    return s


def _number(s: str) -> int:
    return int(s) if s.isdigit() else cn_to_int(s)


def _from_match(m: re.Match, value) -> date:
    if m["sy"]:
        y, mo, d = int(m["sy"]), int(m["sm"]), int(m["sd"])
    elif m["cy"]:
        y, mo, d = int(m["cy"]), int(m["cm"]), int(m["cd"])
    else:
        y = int(m["y"]) if m["y"].isdigit() else digits_to_int(m["y"].replace("O", "〇").replace("o", "〇"))
        mo, d = _number(m["m"]), _number(m["d"])
    try:
        return date(y, mo, d)
    except ValueError as e:
        raise ValueError(f"bad date {value!r} ({e})") from None


def parse_date(value, excel: bool = True) -> date:
    """The date ``value`` writes (see the module docstring for the forms).

    Args:
        value: a str, a :class:`~datetime.date` or :class:`~datetime.datetime` (its date), or a number
            (``20240301``, or an Excel serial day ``45352``).
        excel: read a five-digit number as an Excel serial day.

    Raises:
        ValueError: ``no date`` for an empty value; ``bad date '…' (reason)`` for anything else that is not
            a day of the calendar.

    >>> parse_date("2024年3月1号"), parse_date("2024-03-01T23:30:00Z"), parse_date(20240301)
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), datetime.date(2024, 3, 1))
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None:
        raise ValueError("no date")
    s = _normalise(value)
    m = _FULL.fullmatch(s)
    if m:
        day = _from_match(m, value)
        if m["H"] is not None or m["cH"] is not None:
            tz = m["tz"] or ""
            try:
                time(int(m["H"] or m["cH"]), int(m["M"] or m["cM"] or 0), int(m["S"] or m["cS"] or 0))
                if tz[1:] and (int(tz[1:3]) > 23 or int(tz.replace(":", "")[3:] or 0) > 59):
                    raise ValueError("time zone offset out of range")
            except ValueError as e:
                raise ValueError(f"bad date {value!r} ({e})") from None
        return day
    m = _EXCEL.fullmatch(s)
    if m and excel:
        return EXCEL_EPOCH + timedelta(days=int(m[1]))
    m = _FULL.match(s)
    if m and m.end() < len(s):
        raise ValueError(f"bad date {value!r} (a date followed by {s[m.end():].strip()!r}, which is not a time)")
    raise ValueError(f"bad date {value!r} ({_WANT})")


def find_date(text: str | None) -> date | None:
    """The first date written in ``text`` (``发布日期：2020年5月28日``), or None when there is none or the
    first one is not in the calendar. Excel serials are not looked for: any five digits would be one.

    >>> find_date("（2020年5月28日第十三届全国人民代表大会第三次会议通过）")
    datetime.date(2020, 5, 28)
    >>> find_date("二〇二三年五月十日"), find_date("2024-02-30"), find_date(None)
    (datetime.date(2023, 5, 10), None, None)
    """
    if not text:
        return None
    m = _FIND.search(unicodedata.normalize("NFKC", str(text)))
    if not m:
        return None
    try:
        return _from_match(m, text)
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------- the lunar calendar
# Conversion from the Chinese lunar calendar (农历) goes through lunar-python (MIT, pure Python, its tables
# ship in the wheel; the "nlp" extra), imported on first use so that importing fazhi stays fast. Without it the
# functions below raise ImportError, which callers turn into "no Gregorian date" rather than a crash.

def _lunar_module():
    try:
        import lunar_python
    except ImportError as e:  # pragma: no cover - exercised by a test that hides the module
        raise ImportError("converting a lunar (农历) date needs lunar-python: pip install 'fazhi[nlp]'") from e
    return lunar_python


def lunar_to_date(year: int, month: int, day: int, leap: bool = False) -> date:
    """The Gregorian day of the lunar date ``year``-``month``-``day`` (``leap``: the 闰 month after ``month``).

    ``year`` is the lunar year as written (2019年农历腊月二十三 is in lunar year 2019, Gregorian 2020-01-17).

    Raises:
        ValueError: a date not in the lunar calendar (a 闰 month the year has not, 三十 of a 29-day month).
        ImportError: lunar-python is not installed.

    >>> lunar_to_date(2019, 1, 8), lunar_to_date(2020, 4, 1, leap=True), lunar_to_date(2019, 12, 23)
    (datetime.date(2019, 2, 12), datetime.date(2020, 5, 23), datetime.date(2020, 1, 17))
    """
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise ValueError(f"bad lunar date {year}-{month}-{day}")
    got = _lunar_to_date(int(year), int(month), int(day), bool(leap))
    if isinstance(got, str):
        raise ValueError(got)
    return got


@lru_cache(maxsize=4096)
def _lunar_to_date(year: int, month: int, day: int, leap: bool) -> date | str:
    """lunar-python's answer, cached (it computes the year's new moons each time): a date, or why not."""
    lp = _lunar_module()
    try:
        solar = lp.Lunar.fromYmd(year, -month if leap else month, day).getSolar()
    except Exception as e:  # lunar-python raises a bare Exception for a date not in its calendar
        return f"bad lunar date {year}-{'闰' if leap else ''}{month}-{day} ({e})"
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=1024)
def lunar_month_days(year: int, month: int, leap: bool = False) -> int:
    """How many days (29 or 30) the lunar month has: 腊月 of 2018 has 30, so 2019's 除夕 is 腊月三十.

    >>> lunar_month_days(2018, 12), lunar_month_days(2019, 12)
    (30, 30)
    """
    lp = _lunar_module()
    m = lp.LunarMonth.fromYm(int(year), -int(month) if leap else int(month))
    if m is None:
        raise ValueError(f"bad lunar month {year}-{'闰' if leap else ''}{month}")
    return m.getDayCount()


@lru_cache(maxsize=1024)
def solar_term_date(year: int, name: str) -> date:
    """The Gregorian day of the solar term ``name`` (清明, 冬至 …) in Gregorian ``year``.

    >>> solar_term_date(2019, "清明")
    datetime.date(2019, 4, 5)
    """
    lp = _lunar_module()
    for y in (int(year), int(year) + 1):  # a lunar year's table names its terms from the 冬至 before it
        term = lp.Solar.fromYmd(y, 6, 1).getLunar().getJieQiTable().get(name)
        if term is not None and term.getYear() == year:
            return date(term.getYear(), term.getMonth(), term.getDay())
    raise ValueError(f"no solar term {name!r} in {year}")
