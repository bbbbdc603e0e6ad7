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
``2024年农历八月十五`` ``农历2024年八月十五``   a lunar date (农历/阴历/旧历, or 正月/冬月/腊月, 闰, 初八/廿三),
``二〇二四年腊月二十三``                     the year written being the lunar year: its Gregorian day, with
``2024年8月15日(农历)``                     lunar-python (the nlp extra); without it a ValueError says so
========================================  =================================================================

Dates written relative to the day they were written (去年, 上个月15号, 前天) are read by
:func:`resolve_relative` against a reference date the caller gives; :func:`parse_date` reads none of them.

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
    >>> resolve_relative("上个月15号", "2025-01-10")
    '2024-12-15'
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from fazhi.numerals import cn_to_int, digits_to_int

__all__ = ["parse_date", "find_date", "EXCEL_EPOCH", "lunar_to_date", "lunar_month_days", "solar_term_date",
           "lunar_year", "resolve_relative", "relative_match", "RELATIVE_REGEX"]

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

# a whole lunar date (2024年农历八月十五, 农历2024年八月十五, 二〇二四年腊月二十三, 2024年8月15日(农历)); lunar when
# marked 农历/阴历/旧历, or with a month (正月 冬月 腊月 闰…) or a day (初八 廿三 卅) only the lunar calendar has
_LUNAR_MARK = r"(?:农历|阴历|旧历)"
_LUNAR_FULL = re.compile(
    rf"(?P<mark0>{_LUNAR_MARK})?\s*{_YEAR}\s*年\s*(?P<mark>{_LUNAR_MARK})?\s*(?P<leap>闰)?\s*"
    r"(?P<m>正|冬|腊|元|十[一二]?|[一二三四五六七八九]|1[0-2]|0?[1-9])\s*月\s*"
    r"(?P<d>初\s*(?:十|[一二三四五六七八九]|10|0?[1-9])|廿[一二三四五六七八九]?|卅|三十|二十[一二三四五六七八九]?"
    r"|十[一二三四五六七八九]?|[一二三四五六七八九]|30|[12]\d|0?[1-9])\s*[日号]?"
    rf"(?:\s*\(\s*(?P<post>{_LUNAR_MARK})\s*\))?")
_LUNAR_MONTHS = {"正": 1, "元": 1, "冬": 11, "腊": 12}


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
    m = _LUNAR_FULL.fullmatch(s)
    if m and (m["mark0"] or m["mark"] or m["post"] or m["leap"] or m["m"] in "正冬腊" or m["d"][0] in "初廿卅"):
        return _from_lunar_match(m, value)
    m = _FULL.match(s)
    if m and m.end() < len(s):
        raise ValueError(f"bad date {value!r} (a date followed by {s[m.end():].strip()!r}, which is not a time)")
    raise ValueError(f"bad date {value!r} ({_WANT})")


def _from_lunar_match(m: re.Match, value) -> date:
    y = int(m["y"]) if m["y"].isdigit() else digits_to_int(m["y"].replace("O", "〇").replace("o", "〇"))
    month = _LUNAR_MONTHS.get(m["m"]) or _number(m["m"])
    d = m["d"].replace(" ", "").lstrip("初")
    day = 20 + (_number(d[1:]) if d[1:] else 0) if d[0] == "廿" else 30 if d == "卅" else _number(d)
    try:
        return lunar_to_date(y, month, day, leap=bool(m["leap"]))
    except ImportError:
        raise ValueError(f"bad date {value!r} (a lunar date; converting it needs lunar-python: "
                         f"pip install 'fazhi[nlp]')") from None
    except ValueError as e:
        raise ValueError(f"bad date {value!r} ({e})") from None


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
def lunar_year(day: date) -> int:
    """The lunar year ``day`` is in: its Gregorian year from 春节 on, the year before until then.

    >>> lunar_year(date(2025, 1, 20)), lunar_year(date(2025, 1, 29))
    (2024, 2025)
    """
    lp = _lunar_module()
    return lp.Solar.fromYmd(day.year, day.month, day.day).getLunar().getYear()


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


# ------------------------------------------------------------------------------------------- relative dates
# Dates counted from the day they were written or said (今年三月, 上个月15号, 前天, 三天前) need that day: a
# reference date the caller gives (the document's date, the day a mediator took the statement). Nothing here
# guesses today. The words and what they resolve to are in :func:`resolve_relative`'s docstring.

# (digits full-width too: 上个月１５号)
_REL_M = r"[1１][0-2０-２]|[0０]?[1-9１-９]|十[一二]?|[一二三四五六七八九]|元(?=\s*月)"
_REL_D = (r"[3３][01０１]|[12１２]\d|[0０]?[1-9１-９]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
          r"|[一二三四五六七八九]")
_NOT_LUNAR_DAY = r"(?!\s*[一二三四五六七八九十\d])"  # 初 of 月初, not of 初八 (a lunar day)
_PART = rf"份|初{_NOT_LUNAR_DAY}|底|末|上旬|中旬|下旬"
_WEEK = r"(?:周|个?星期|个?礼拜)"
#: a date given relative to the day it was written: the whole expression, read by :func:`resolve_relative`
RELATIVE_REGEX = re.compile(
    # a year word (not of 如今年轻, 至今年龄, 聪明年轻, 最后年限), then a month (and day) or a part of the year
    r"(?<![提之目以眼事生从空门跟面向超史最然背落随往先聪光清表证发声透分鲜精高英简黎神严查阐标注指照失开阳澄昌])"
    r"(?P<yw>大前年|前年|去年|今年|明年|后年)(?![龄纪代轻级华鉴限利终薪度份]|年(?![初底末]))"
    rf"(?:\s*(?P<ym>{_REL_M})\s*月(?:\s*(?P<yd>{_REL_D})\s*[日号]|\s*(?P<ymp>{_PART}))?"
    rf"|年?(?P<yp>初{_NOT_LUNAR_DAY}|底|末))?"
    # a month word (not of 晚上月亮, 马上月底)
    r"|(?<![晚早马路楼身])(?P<mw>上上个?月|上个?月|本月|这个?月|下个?月|下下个?月)(?![饼亮光球台票])"
    rf"(?:\s*(?P<md>{_REL_D})\s*[日号]|(?P<mp>{_PART}))?"
    # a week word, and a day of that week (上周三, 下个星期天) or its end (上周末)
    rf"|(?P<ww>上上{_WEEK}|上{_WEEK}|本周|这{_WEEK}|下下{_WEEK}|下{_WEEK})"
    r"(?:(?P<wd>[一二三四五六日天1-7])|(?P<wp>末))?(?![围边到全期转刊报岁])"
    # a day word (not of 提前天数, 先天后天, 聪明天真, 美好的明天, 明天会更好, 如今天下)
    r"|(?<![提之以眼跟面目门空事生从超史先然最背落随往而聪光清表证发声透分鲜精高英简黎神严查阐标注指照失开阳澄昌如迄当现古])"
    r"(?<!好的)(?<!烂的)(?<!明的)(?<!福的)(?<!们的)(?<!先天)"
    r"(?P<dw>大前天|前天|昨天|昨日|昨晚|昨夜|今天|今日|今晚|今早|明天|明日|明晚|明早|后天|大后天)"
    r"(?!会更好|更美好|更好|会好|性|头条|说法|酒店|宾馆|大厦|广场|集团|公司)"
    # a count back: 三天前, 两个月前, 5年前 (不 几天前: no number)
    r"|(?<![\d一二两三四五六七八九十百千万几数第])"
    r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<u>天|周|个星期|个礼拜|个多?月|年)\s*(?:以前|之前|前)"
    r"(?![天年])")
_REL_YEAR_SHIFT = {"大前年": -3, "前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}
_REL_MONTH_SHIFT = {"上上个月": -2, "上上月": -2, "上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "这月": 0,
                    "下个月": 1, "下月": 1, "下下个月": 2, "下下月": 2}
_REL_DAY_SHIFT = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1, "今天": 0, "今日": 0,
                  "今晚": 0, "今早": 0, "明天": 1, "明日": 1, "明晚": 1, "明早": 1, "后天": 2, "大后天": 3}
_PARTS = {"初": "start", "底": "end", "末": "end", "上旬": "early", "中旬": "middle", "下旬": "late"}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _reference(ref) -> date:
    """``ref`` as a date: a date, a datetime (its date) or any value :func:`parse_date` reads."""
    return parse_date(ref, excel=False)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def _ymd(y: int, m: int, d: str | None) -> str | None:
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, _number(d)).isoformat()
    except ValueError:
        return None


def relative_match(m: re.Match, ref: date) -> tuple[str, str | None] | None:
    """(norm, part or None) of a :data:`RELATIVE_REGEX` match counted from ``ref``; None when the day it
    names is not in the calendar (去年2月30日)."""
    g = m.groupdict()
    if g["yw"]:
        y = ref.year + _REL_YEAR_SHIFT[g["yw"]]
        if not 1 <= y <= 9999:
            return None
        if g["ym"] is None:
            return f"{y:04d}", _PARTS.get(g["yp"] or "")
        month = 1 if g["ym"] == "元" else _number(g["ym"])
        norm = _ymd(y, month, g["yd"])
        return (norm, _PARTS.get(g["ymp"] or "")) if norm else None
    if g["mw"]:
        y, month = _add_months(ref.year, ref.month, _REL_MONTH_SHIFT[g["mw"]])
        norm = _ymd(y, month, g["md"])
        return (norm, _PARTS.get(g["mp"] or "")) if norm else None
    if g["ww"]:
        w = g["ww"]
        shift = -2 if w.startswith("上上") else 2 if w.startswith("下下") else -1 if w[0] == "上" else \
            1 if w[0] == "下" else 0
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        if g["wd"]:
            wd = g["wd"]
            return (monday + timedelta(days=int(wd) - 1 if wd.isdigit() else _WEEKDAY[wd])).isoformat(), None
        iso = monday.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}", "end" if g["wp"] else None
    if g["dw"]:
        return (ref + timedelta(days=_REL_DAY_SHIFT[g["dw"]])).isoformat(), None
    n, unit = _number(g["n"]), g["u"]
    if unit == "天":
        return (ref - timedelta(days=n)).isoformat(), None
    if unit in ("周", "个星期", "个礼拜"):
        return (ref - timedelta(weeks=n)).isoformat(), None
    if unit == "年":
        return (f"{ref.year - n:04d}", None) if ref.year - n >= 1 else None
    y, month = _add_months(ref.year, ref.month, -n)
    return (f"{y:04d}-{month:02d}", None) if y >= 1 else None


def resolve_relative(value: str, ref) -> str | None:
    """The date that ``value``, a date written relative to the day ``ref`` it was written, names: an ISO
    day, or as much of one as it tells (a year ``2024``, a month ``2024-03``, an ISO week ``2025-W06``);
    None when ``value`` is no such date. ``ref`` is a date or anything :func:`parse_date` reads.

    ==========================================  =============================================================
    今年 去年 前年 大前年 明年 后年                  that year (``2024``); with 年初/年底/年末 (去年底) the year too
    今年三月 去年8月15号 去年8月底 明年元月           a month or a day of that year
    本月 上个月 上月 上上个月 下个月 (+15号, 底)      that month (``2025-01``), or a day of it (上个月15号)
    上周 本周 这个星期 下周 (+三, 末)               that ISO week (``2025-W06``, weeks begin on Monday), or a
                                                day of it (上周三, 下个星期天)
    昨天 前天 大前天 今天 明天 后天 大后天 昨晚 今早     that day
    三天前 两周前 三个月前 5年前                     that day, month or year counted back
    ==========================================  =============================================================

    Only the whole value is read (a text's relative dates are found by
    :func:`fazhi.nlp.extractors.extract_dates` with ``ref_date``). Lunar dates after a year word
    (去年腊月二十三) are the extractor's too. A month without a year word (三月) is not relative: its year
    is not known from the day it was written (said in January, 三月 may be last March or the next).

    >>> resolve_relative("去年", "2025-02-10"), resolve_relative("今年三月", "2025-02-10")
    ('2024', '2025-03')
    >>> resolve_relative("上个月15号", "2025-01-10"), resolve_relative("前天", "2025-03-01")
    ('2024-12-15', '2025-02-27')
    >>> resolve_relative("上周三", "2025-02-10"), resolve_relative("三月", "2025-02-10")
    ('2025-02-05', None)
    """
    m = RELATIVE_REGEX.fullmatch(unicodedata.normalize("NFKC", str(value)).strip())
    if m is None:
        return None
    got = relative_match(m, _reference(ref))
    return got[0] if got else None
