"""Filing review (备案审查) statistics: 报备率, 及时率 and 规范率 per issuer and per quarter.

Input is a CSV (UTF-8, GB18030 also read) or an .xlsx workbook with one row per document that should be filed
(title rows, a two-row header, blank rows and a 合计 row around them are read as such: :func:`read_filings`). Columns, in
English or Chinese: ``title`` (标题), ``issuer`` (制定机关/发文机关), ``kind`` (类别), ``published`` (公布日期),
``filed`` (报备日期; empty when not filed), ``materials`` (材料齐全: 是/否/齐全/缺…; anything but a yes-value
is incomplete and kept as the reason), optionally a ``是否报备`` column (是 with no date: filed, timeliness
unknown), and optionally ``path`` (文本路径, relative to the CSV) to the text,
which is then run through :func:`fazhi.graph.checks.check`.

Definitions (公布后30日内报送备案: 《法规规章备案审查条例》第四条, before 2024-11-01 《法规规章备案条例》第三条):

* 报备率 = filed / should be filed (every row);
* 及时率 = filed within 30 days of publication / should be filed;
* 规范率 = filed with complete materials and no error finding / filed;
* a document not filed whose 30 days have not yet run out on the day of the review is not yet due: it is
  listed under ``pending`` (尚未到期) and counted nowhere. The days are counted from the day after
  publication (published 3月1日, filed 3月31日: day 30, in time; 4月1日: day 31, late); with
  ``deadline="extend"`` a 30th day that is a weekend or statutory holiday runs to the next working day
  (民法典第二百零三条): :func:`due_date`;
* 已撤回 in the 报备状态 column withdraws the filing (not filed); 已废止 / 未生效 rows count by their dates; a
  审查意见 that found the document wrong (纠正, 撤销, 不予备案) makes the filing not 规范;
* ``period`` (:func:`parse_period`: 2026Q1, 2026年第一季度, 2026) reviews the documents published in it; issuer
  variants (市府办, 市政府办公室 for 某市人民政府办公室) are one issuer (:func:`issuer_groups`).

Examples:
    >>> rows = [{"title": "甲办法", "issuer": "某局", "published": "2024-01-05", "filed": "2024-01-20",
    ...          "materials": "齐全"},
    ...         {"title": "乙通知", "issuer": "某局", "published": "2024-02-01", "filed": "2024-04-01",
    ...          "materials": "缺起草说明"},
    ...         {"title": "丙规定", "issuer": "某办", "published": "2024-05-01", "filed": "", "materials": ""}]
    >>> r = review_rows(rows)
    >>> r["overall"]["filing_rate"], r["overall"]["timely_rate"], r["overall"]["compliance_rate"]
    (0.667, 0.333, 0.5)
    >>> [x["title"] for x in r["late"]], r["by_quarter"]["2024Q1"]["should_file"]
    (['乙通知', '丙规定'], 2)
"""
from __future__ import annotations

import csv
import functools
import html
import io
import os
import re
from datetime import date as _date, timedelta
from pathlib import Path

from fazhi.dates import parse_date

__all__ = ["review", "review_rows", "read_filings", "render_html", "DEADLINE_DAYS", "COLUMNS", "DEADLINE_RULES",
           "parse_period", "due_date", "issuer_groups"]

DEADLINE_DAYS = 30
COLUMNS = {
    "title": ("title", "标题", "名称", "文件名称"),
    "issuer": ("issuer", "制定机关", "发文机关", "报送机关", "机关"),
    "kind": ("kind", "类别", "文件类别", "种类"),
    "published": ("published", "公布日期", "发布日期", "印发日期"),
    "filed": ("filed", "报备日期", "备案日期", "报送日期"),
    "materials": ("materials", "材料齐全", "报备材料", "材料"),
    "path": ("path", "文本路径", "文本", "文件路径"),
    "opinion": ("opinion", "审查意见", "审查结果", "审查结论", "审查情况", "审查处理意见"),
}
_YES = {"是", "齐全", "完整", "yes", "y", "true", "1", "complete", "ok", "√", "已齐全", "有", "齐备"}
# a header not in COLUMNS, read by its key words (the filing date needs 日期/时间: 报备材料 is the materials)
_HEADER_WORDS = {
    "materials": re.compile(r"材料"),
    "filed": re.compile(r"(?:报备|备案|报送)(?:日期|时间)"),
    "published": re.compile(r"(?:公布|发布|印发|签发|发文)(?:日期|时间)"),
    "title": re.compile(r"(?<!机关)(?<!单位)(?:标题|名称)$"),  # 制定机关名称 is the issuer
    "issuer": re.compile(r"(?:机关|单位|主体)(?:名称)?$"),  # 制定主体, as filing systems export it
    "kind": re.compile(r"(?:类别|种类|类型)$"),
    "path": re.compile(r"(?:路径|文本)$"),
    "opinion": re.compile(r"审查(?:意见|结果|结论)"),
    # 是否报备 / 报备情况: a yes/no column beside (or instead of) the filing date
    "filed_flag": re.compile(r"^(?:是否已?(?:报备|备案|报送)|(?:报备|备案|报送备案)(?:情况|状态)|已报备)$"),
}


_LACKING = re.compile(r"[缺不未无否没欠×✗✘]|部分|基本|待补|补报|补充")
_COMPLETE = re.compile(r"^(?:是|有|对|√|✓|✔|☑|y|yes|ok|true|1)|齐全|齐备|完整|完备|符合要求|符合规定|已提交|已提供|已报送")


def _complete(materials: str) -> bool:
    """Whether a 材料 cell says the materials were complete: 是, √, ✓, 齐全, 材料齐全, 齐全（含起草说明）, 已齐备, 完备;
    not 不齐全, 缺起草说明, 基本齐全, 部分, ×, 否.

    >>> [_complete(v) for v in ("材料齐全", "✓", "√（含说明）", "有，齐全", "基本齐全", "齐全但缺起草说明", "×")]
    [True, True, True, True, False, False, False]
    """
    v = materials.strip().lower()
    if v in _YES:
        return True
    return bool(v) and not _LACKING.search(v) and bool(_COMPLETE.search(v))


# what a 报备日期 cell says when there is no date: the document was not filed
_NO_DATE = re.compile(r"^(?:[-—–/\\／×xX无否空]+|未报备?|未报送|未备案|暂未报备|尚未报备|没有报备|无日期|待报备?)$")
_WEEKDAY = re.compile(r"\s*[（(](?:星期|周|礼拜)[一二三四五六日天][）)]$")


# a 报备状态 cell as filing systems fill it: 按时报备 / 逾期报备 / 补报 are filed, 未报备 / 待报备 / 尚未报送 are not
_FLAG_NOT = re.compile(r"[未不没否无×✗✘]|待|尚未")
_FLAG_FILED = re.compile(r"^(?:是|已|有|√|✓|✔|y|yes|1)|报备|备案|报送|补报|迟报")
_NOT_ON_TIME = r"(?:未|不|没有?)(?:按时|及时|按期|准时)"  # 未按时报备: filed, late
_FLAG_LATE = re.compile(rf"逾期|超期|超时|迟报|补报|延迟|过期|{_NOT_ON_TIME}")
_FLAG_TIMELY = re.compile(r"按时|及时|准时|按期")


def _says_filed(flag: str) -> bool:
    """Whether a 是否报备 / 报备状态 cell says the document was filed (是, 已报备, √, 按时报备, 逾期报备, 补报), not
    否, 未报备, 待报备, ×.

    >>> [_says_filed(v) for v in ("是", "已报备", "√", "否", "未报备", "×", "")]
    [True, True, True, False, False, False, False]
    >>> [_says_filed(v) for v in ("按时报备", "逾期报备", "已补报", "迟报", "未按时报备", "待补报", "尚未报送")]
    [True, True, True, True, True, False, False]
    """
    v = flag.strip().lower()
    if re.search(_NOT_ON_TIME, v):
        return True
    return bool(v) and not _FLAG_NOT.search(v) and bool(_FLAG_FILED.search(v))


def _parse_date(s: str | None) -> _date | None:
    """The date of a cell (every form :func:`fazhi.dates.parse_date` reads: 2024年3月1日, 2024/3/1,
    二〇二四年三月一日, an Excel serial day; a weekday after it, 2024年3月1日（星期五）), None for an empty one or
    one that says there is none (未报备, 无, —, /); ValueError naming the value and why.

    >>> _parse_date("2024年3月1日（星期五）"), _parse_date("未报备"), _parse_date(" — ")
    (datetime.date(2024, 3, 1), None, None)
    """
    s = (s or "").strip()
    if not s or _NO_DATE.match(s.replace(" ", "")):
        return None
    return parse_date(_WEEKDAY.sub("", s))


def _quarter(d: _date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


# --- the deadline: 30 days, and the day it ends on ------------------------------------------------------------
# 《法规规章备案审查条例》第四条 (and the local 规范性文件备案审查 rules: 北京 第十一条, 上海 第十条, 山东 第七条) say
# "自公布之日起30日内报送备案" and no more; how a period is counted is the general rule of 民法典 第二百零一条 (the
# first day is not counted) and 第二百零三条 (期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日),
# which 第二百零四条 applies unless a law provides otherwise; 民事诉讼法 第八十五条 (行政诉讼法 第一百零一条 refers to
# it) says the same. Under "extend" a deadline that ends on a weekend or a statutory holiday runs to the next
# working day, and a weekend day made a working day (调休) is a working day. The default is "strict", 30 calendar
# days, the plain reading of 自公布之日起30日内 (报备日期 − 公布日期 ≤ 30) that a register's 及时率 is usually
# computed by, and what issue 4 asks; "extend" is for a reviewer who applies the general rule of periods.
DEADLINE_RULES = ("extend", "strict")


def _calendar_package():
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - the graph extra installs it
        return None
    return chinese_calendar


@functools.lru_cache(maxsize=64)
def _lunar_holidays(year: int) -> frozenset:
    """The holidays of 《全国年节及纪念日放假办法》 (2024 revision) that move with the lunar calendar or the solar terms
    (除夕 to 初三, 清明, 端午, 中秋), where lunar-python is installed; empty otherwise."""
    try:
        from lunar_python import Lunar, Solar
    except ImportError:  # pragma: no cover - the nlp extra installs it
        return frozenset()
    out = set()
    new_year = Lunar.fromYmd(year, 1, 1).getSolar()
    first = _date(new_year.getYear(), new_year.getMonth(), new_year.getDay())
    out.update(first + timedelta(days=k) for k in range(-1, 3))
    for m, dd in ((5, 5), (8, 15)):
        x = Lunar.fromYmd(year, m, dd).getSolar()
        out.add(_date(x.getYear(), x.getMonth(), x.getDay()))
    qm = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable().get("清明")
    if qm is not None:
        out.add(_date(qm.getYear(), qm.getMonth(), qm.getDay()))
    return frozenset(out)


_FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}
_fallback_years: set = set()


def _is_rest_day(d: _date) -> bool:
    """Whether a day is no working day: the State Council's published holiday arrangement (weekends, holidays and
    the 调休 working days, from the chinese_calendar package) for the years it covers; for another year, a
    weekend or a holiday day of 《全国年节及纪念日放假办法》 (its 调休 not yet known), noted in the result."""
    cc = _calendar_package()
    if cc is not None:
        try:
            return not cc.is_workday(d)
        except NotImplementedError:
            pass
    _fallback_years.add(d.year)
    return d.weekday() >= 5 or (d.month, d.day) in _FIXED_HOLIDAYS or d in _lunar_holidays(d.year)


def due_date(pub: _date, days: int = DEADLINE_DAYS, rule: str = "strict") -> _date:
    """The last day to file a document published on ``pub``: the ``days``-th day after it (民法典 第二百零一条: the
    day of publication is not counted), under "extend" moved to the next working day when that is a rest day.

    >>> due_date(_date(2026, 1, 16), rule="extend"), due_date(_date(2026, 1, 16))  # 2-15 is in the 春节 holiday
    (datetime.date(2026, 2, 24), datetime.date(2026, 2, 15))
    >>> due_date(_date(2026, 1, 15), rule="extend")  # 2026-02-14 is a Saturday made a working day
    datetime.date(2026, 2, 14)
    """
    if rule not in DEADLINE_RULES:
        raise ValueError(f"deadline rule {rule!r}: want one of {', '.join(DEADLINE_RULES)}")
    due = pub + timedelta(days=days)
    if rule == "extend":
        for _ in range(40):  # the longest run of rest days is 9 (春节 2026); 40 is a guard
            if not _is_rest_day(due):
                break
            due += timedelta(days=1)
    return due


def _calendar_note(rule: str) -> str:
    if rule == "strict":
        return "期限按公历日连续计算，届满日为休息日的不顺延"
    cc = _calendar_package()
    src = "国务院办公厅公布的节假日安排（chinese_calendar 数据）" if cc is not None else "周末及法定节日"
    note = f"期限届满日为法定休假日的顺延至其后第一个工作日（民法典第二百零三条），节假日依{src}"
    if _fallback_years:
        note += (f"；{'、'.join(str(y) for y in sorted(_fallback_years))}年的放假调休安排未收录，"
                 f"按周末及《全国年节及纪念日放假办法》所列节日计")
    return note


# --- the period a review covers ---------------------------------------------------------------------------------
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def parse_period(text: str) -> tuple[str, _date, _date]:
    """(label, first day, last day) of a period named as people name it: a year (2026, 2026年, 2026年度), a
    quarter (2026Q1, 2026-Q1, 2026年第一季度, 2026年一季度, 2026年1季度), a half year (2026H1, 2026年上半年), a
    month (2026-03, 2026年3月) or two days (2026-01-01..2026-03-31, 2026年1月1日至3月31日 is not read: give both
    years). ValueError for anything else.

    >>> parse_period("2026年第一季度")[0], parse_period("2025")[1:], parse_period("2026年上半年")[2]
    ('2026Q1', (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)), datetime.date(2026, 6, 30))
    """
    s = re.sub(r"\s+", "", text or "")
    m = re.fullmatch(r"(\d{4})(?:年度?)?", s)
    if m:
        y = int(m.group(1))
        return str(y), _date(y, 1, 1), _date(y, 12, 31)
    m = re.fullmatch(r"(\d{4})[-年]?(?:[Qq]([1-4])|第?([一二三四1-4])季度?)", s)
    if m:
        y, q = int(m.group(1)), _CN_NUM[m.group(2) or m.group(3)]
        end = (_date(y + 1, 1, 1) if q == 4 else _date(y, 3 * q + 1, 1)) - timedelta(days=1)
        return f"{y}Q{q}", _date(y, 3 * q - 2, 1), end
    m = re.fullmatch(r"(\d{4})[-年]?(?:[Hh]([12])|([上下])半年)", s)
    if m:
        y = int(m.group(1))
        half = int(m.group(2)) if m.group(2) else (1 if m.group(3) == "上" else 2)
        return (f"{y}H{half}", _date(y, 1, 1), _date(y, 6, 30)) if half == 1 else \
            (f"{y}H2", _date(y, 7, 1), _date(y, 12, 31))
    m = re.fullmatch(r"(\d{4})(?:-|年)(\d{1,2})月?", s)
    if m and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        end = (_date(y + 1, 1, 1) if mo == 12 else _date(y, mo + 1, 1)) - timedelta(days=1)
        return f"{y}-{mo:02d}", _date(y, mo, 1), end
    parts = re.split(r"\.\.|至|到|~|～|—|–", s)
    if len(parts) == 2:
        try:
            a, b = parse_date(parts[0], excel=False), parse_date(parts[1], excel=False)
        except ValueError:
            a = b = None
        if a and b and a <= b:
            return f"{a.isoformat()}..{b.isoformat()}", a, b
    raise ValueError(f"period {text!r}: want a year (2026), a quarter (2026Q1, 2026年第一季度), a half year "
                     f"(2026H1, 2026年上半年), a month (2026-03) or two days (2026-01-01..2026-03-31)")


# --- the filing's own status and the review's opinion -------------------------------------------------------------
# 撤回 in the column that records the filing withdraws it: nothing stays filed (a withdrawn submission is not before
# the 备案机关), unless the row says it was filed again. 已废止 / 已撤销 / 未生效 describe the document, not the filing:
# the duty arises on publication (条例第四条 "自公布之日起"), so such rows are counted by their dates like any other.
_WITHDRAWN = re.compile(r"撤回")
_REFILED = re.compile(r"重新(?:报送|报备|备案)|已重报|重报")
# 退回 there: the 备案机关 sent the filing back (材料不齐全或者不符合格式标准和要求: 上海 第十二条, 北京 第十二条 暂缓备案登记)
# to be completed or made again: it was filed, on its date, but not 规范 until it is filed again
_RETURNED = re.compile(r"退回|退件|暂缓(?:备案)?登记")

# an opinion that the reviewing body found the document wrong: issue 4's 规范率 excludes a filing with an error
# finding, and the reviewer's own finding (纠正, 撤销, 提出审查意见 asking a change, 不予备案) is one. A 提醒/提示 (nothing
# to change), 审查中 and 予以备案 are not; "未发现问题" is read as said.
_FAULT = re.compile(r"纠正|纠错|撤销|责令|不予备案|(?:要求|建议|督促|责成|函告)[^，。；;]{0,10}?(?:修改|修订|废止|停止执行|纠正)"
                    r"|提出(?:书面)?(?:审查|纠正|修改)?意见|违法|违反|抵触|不当|不符合|存在问题|发现问题|有问题")
_NO_FAULT = re.compile(r"(?:未|没有|无|不存在)(?:发现)?[^，。；;]{0,4}?(?:问题|违法|违反|抵触|不当|不符合)|不予撤销")
_NOT_A_FINDING = re.compile(r"^(?:提醒|提示|审查中|待审|正在审查|暂无|无$|—|-|/)")


def _opinion_finds_fault(opinion: str) -> bool:
    """Whether a 审查意见 cell says the document was found wrong.

    >>> [_opinion_finds_fault(v) for v in ("已纠正（删除第八条）", "提出审查意见：建议修改第六条", "撤销（违法设定许可）",
    ...                                    "发现问题，已要求制定机关纠正", "不予备案")]
    [True, True, True, True, True]
    >>> [_opinion_finds_fault(v) for v in ("予以备案", "提醒：未标注有效期", "提示：建议修改表述", "审查中",
    ...                                    "未发现违法问题", "经审查，未发现问题，予以备案", "")]
    [False, False, False, False, False, False, False]
    """
    v = re.sub(r"\s+", "", opinion or "")
    if not v or _NOT_A_FINDING.match(v):
        return False
    return bool(_FAULT.search(_NO_FAULT.sub("", v)))


# --- one issuer however a clerk writes it ------------------------------------------------------------------------
_LEVEL = "省市县区州盟旗镇乡"


def _norm_issuer(name: str) -> str:
    """The issuer with the usual shortenings of government names written out: 市府办/市政府办 -> 市人民政府办公室,
    某市政府 -> 某市人民政府, 人大常委会 -> 人民代表大会常务委员会.

    >>> _norm_issuer("市府办"), _norm_issuer("某市政府办公室"), _norm_issuer("县政府")
    ('市人民政府办公室', '某市人民政府办公室', '县人民政府')
    """
    n = re.sub(r"\s+", "", name or "")
    n = re.sub(r"(?<!政)府办(?!公)", "政府办", n)
    n = re.sub(r"政府办(?!公)", "政府办公室", n)
    n = re.sub(r"(?<!人民)政府", "人民政府", n)
    n = n.replace("人大常委会", "人民代表大会常务委员会")
    return n


def _picked_from(a: str, b: str, gap: int = 5) -> bool:
    """Whether ``a`` is ``b``'s first character and then characters of ``b`` in order, skipping at most ``gap`` in a
    row, ending on its last: how an agency name is shortened (住建 skips 房和城乡, 人社 力资源和 and 会保障), not a
    name that leaves a whole part out (城市管理局 is not 城市管理综合行政执法局)."""
    def go(i: int, j: int) -> bool:  # a[i:] matched in b[j:], a[i-1] at b[j-1]
        if i == len(a):
            return j == len(b)
        return any(b[k] == a[i] and go(i + 1, k + 1) for k in range(j, min(len(b), j + gap + 1)))

    return bool(a) and bool(b) and a[0] == b[0] and go(1, 1)


def _short_for(core_a: str, core_f: str) -> bool:
    """Whether an agency name is a shortening of another, as Chinese agency names are shortened: the same first
    and last character, the rest picked in order (住建局 住房和城乡建设局, 卫健委 卫生健康委员会, 市场监管局
    市场监督管理局, 应急局 应急管理局; :func:`_picked_from`)."""
    f = re.sub(r"委员会$", "委", core_f)
    return 2 <= len(core_a) < len(f) and _picked_from(core_a, f)


def _written_for(a: str, f: str) -> bool:
    """Whether the (normalised) issuer name ``a`` is a shorter way of writing ``f``: ``f`` with its place left out
    (市人民政府 / 某市人民政府, 甲区人民政府 / 某市甲区人民政府) or its agency name shortened (市住建局 /
    某市住房和城乡建设局). A name with no place in it (人民政府办公室) is never taken for one."""
    if len(a) >= len(f):
        return False
    if f.endswith(a):
        before = f[:-len(a)]
        return a[0] in _LEVEL or (before[-1] in _LEVEL and any(c in _LEVEL for c in a))
    for i, ch in enumerate(a[:-1]):
        if ch not in _LEVEL:
            continue
        head, core = a[:i + 1], a[i + 1:]
        for j, fc in enumerate(f):
            if fc != ch or not f[:j + 1].endswith(head):
                continue
            before = f[:j + 1 - len(head)]
            if (len(head) == 1 and not before) or (before and len(head) > 1 and before[-1] not in _LEVEL):
                continue
            if _short_for(core, f[j + 1:]):
                return True
    return False


def issuer_groups(names) -> dict[str, str]:
    """{issuer as written (spaces out): the name it is counted under}. Variants of one name in a register are one
    issuer (某市人民政府办公室, 市政府办公室, 市府办, 某市政府办公室; 市住建局 and 某市住房和城乡建设局) when the
    fuller name they stand for is the only one in the register they can stand for (区司法局 beside 甲区司法局 and
    乙区司法局 stays as written). The name shown is the group's most written form of its fullest name.

    >>> g = issuer_groups(["某市人民政府办公室", "市府办", "市政府", "某市人民政府", "市住建局", "某市住房和城乡建设局"])
    >>> g["市府办"], g["市政府"], g["市住建局"]
    ('某市人民政府办公室', '某市人民政府', '某市住房和城乡建设局')
    """
    written = [re.sub(r"\s+", "", n or "") for n in names]
    written = [w for w in written if w]
    norm = {w: _norm_issuer(w) for w in written}
    forms = sorted(set(norm.values()), key=len)
    root: dict[str, str] = {}
    for a in reversed(forms):  # the longest first, so that a shorter name's candidates are resolved already
        roots = {root[f] for f in forms if len(f) > len(a) and _written_for(a, f)}
        root[a] = roots.pop() if len(roots) == 1 else a
    counts: dict[str, int] = {}
    for w in written:
        counts[w] = counts.get(w, 0) + 1
    shown = {}
    for r in set(root.values()):
        members = [w for w in dict.fromkeys(written) if norm[w] == r]
        shown[r] = max(members, key=lambda w: (counts[w], w == r)) if members else r
    return {w: shown[root[norm[w]]] for w in written}


def read_filings(path: str | os.PathLike) -> list[dict]:
    """Rows of a filings sheet with canonical column names (see the module docstring).

    The sheet is a CSV (any common encoding; tab-separated too) or an Excel .xlsx workbook (its first sheet).
    It may be laid out as people lay out a 统计表: a title row and a 填报单位 line above the header, a header
    over two rows (报送备案情况 merged over 报备日期 and 材料是否齐全), blank rows, and a 合计 row or notes
    below; rows that name no document (no title and no date) are not filings and are left out. In an .xlsx
    file a cell merged down over several rows (one 制定机关 for five documents) counts for each of them.

    Raises:
        UnreadableFile: the file is missing, not a sheet, or has no title column.
    """
    from fazhi.errors import UnreadableFile

    p = Path(path)
    if not p.is_file():
        raise UnreadableFile(p, "is a directory" if p.is_dir() else "no such file")
    data = p.read_bytes()
    from fazhi.sheets import OLE_MAGIC, legacy_to_xlsx

    if data[:8] == OLE_MAGIC:  # a legacy .xls: LibreOffice makes it an .xlsx, or the reason why not
        data = legacy_to_xlsx(data, p)
    if data[:4] == b"PK\x03\x04":
        from fazhi.sheets import xlsx_rows

        table = [(n, [c.strip() for c in row]) for n, row in enumerate(xlsx_rows(data, p, fill_merged=True), 1)]
    else:
        table = _csv_rows(p, data)
    if not any(any(c for c in r) for _, r in table):
        raise UnreadableFile(p, "empty sheet (no header row)")
    at = _header_at(table)
    if at is None:
        first = next(r for _, r in table if any(c for c in r))
        raise UnreadableFile(p, f"no title column (expected one of {', '.join(COLUMNS['title'])}); "
                                f"found {', '.join(c for c in first if c) or '(nothing)'}")
    header, body = _header(table, at)
    names = _column_names(header)
    rows = []
    for line, cells in body:
        r = {canon: (cells[i] if i < len(cells) else "").strip() for canon, i in names.items()}
        if not _is_filing(r) or _is_summary_row(cells):
            continue
        r["line"] = line
        rows.append(r)
    return rows


def _csv_rows(p: Path, data: bytes) -> list[tuple[int, list[str]]]:
    """(line number, cells) of a CSV file."""
    try:
        from fazhi.corpora.loaders import decode_bytes

        text = decode_bytes(data, p)
    except ImportError:  # pragma: no cover - corpora area missing
        text = data.decode("utf-8-sig")
    text = text.lstrip("\ufeff")
    sample = text[:2000]
    # comma, tab (Excel's 文本文件/Unicode 文本) or semicolon (Excel in a locale with decimal commas)
    delimiter = max((",", "\t", ";"), key=lambda d: (sample.count(d), d == ","))
    reader = csv.reader(io.StringIO(text), dialect="excel", delimiter=delimiter)
    out = []
    line = 1
    for cells in reader:
        out.append((line, [c.strip() for c in cells]))
        line = reader.line_num + 1
    return out


_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")


def _header_forms(cell: str) -> list[str]:
    """The forms a header cell is matched in: as written (spaces and line breaks out), without what is in
    brackets (文件名称（全称）, 报备日期(年月日)), and with the brackets only taken out (公布（印发）日期 is a
    公布日期 or 印发日期).

    >>> _header_forms("公布（印发） 日期")
    ['公布（印发）日期', '公布日期', '公布印发日期']
    """
    f = re.sub(r"\s+", "", cell or "")
    forms = [f, _BRACKETED.sub("", f), re.sub(r"[（()）【】\[\]]", "", f)]
    return [x for i, x in enumerate(forms) if x and x not in forms[:i]]


def _exact(form: str, canon: str) -> bool:
    return form.lower() in COLUMNS[canon]


def _canon_of(cell: str) -> str | None:
    """The canonical column a header cell names, if any."""
    forms = _header_forms(cell)
    for canon in COLUMNS:
        if any(_exact(f, canon) for f in forms):
            return canon
    for canon, rx in _HEADER_WORDS.items():
        if any(rx.search(f) for f in forms):
            return canon
    return None


def _header_at(table) -> int | None:
    """Index of the header row: the first of the top rows that names a title column and one more column (a
    统计表's title and 填报单位 lines come first)."""
    for k, (_, cells) in enumerate(table[:15]):
        found = [_canon_of(c) for c in cells]
        if "title" in found and len({f for f in found if f}) >= 2:
            return k
    for k, (_, cells) in enumerate(table[:15]):  # a sheet with a title column only
        if "title" in (_canon_of(c) for c in cells):
            return k
    return None


def _header(table, at: int):
    """(header cells, data rows): the header row, with a second header row under it merged in (报送备案情况 over
    报备日期 | 材料是否齐全: the lower cell names the column where it has a name). The second row's title cell is
    empty, or repeats the one above (an .xlsx header cell merged down over both rows)."""
    header = list(table[at][1])
    body = table[at + 1:]
    if body:
        below = body[0][1]
        title_col = next(i for i, c in enumerate(header) if _canon_of(c) == "title")
        below_names = [_canon_of(c) for c in below]
        new_names = [n for i, n in enumerate(below_names) if n and (i >= len(header) or below[i] != header[i])]
        dated = any(re.search(r"\d{4}\s*[-/.年]|^\d{5}(?:\.\d+)?$", c or "") for c in below)  # a data row
        if (title_col >= len(below) or below[title_col] in ("", header[title_col])) and new_names and not dated:
            width = max(len(header), len(below))
            header += [""] * (width - len(header))
            header = [below[i] if i < len(below) and below[i] and below_names[i] else header[i] for i in range(width)]
            body = body[1:]
    return header, body


def _column_names(header: list[str]) -> dict[str, int]:
    """{canonical name: column index}: exact names (COLUMNS) first, then key words (_HEADER_WORDS)."""
    names: dict[str, int] = {}
    forms = [_header_forms(f) for f in header]
    for canon in COLUMNS:
        for i, fs in enumerate(forms):
            if any(_exact(f, canon) for f in fs) and i not in names.values():
                names[canon] = i
                break
    for canon, rx in _HEADER_WORDS.items():
        if canon not in names:
            i = next((i for i, fs in enumerate(forms) if i not in names.values() and any(rx.search(f) for f in fs)),
                     None)
            if i is not None:
                names[canon] = i
    return names


_SUMMARY = re.compile(r"^(?:合计|总计|小计|共计|汇总|总数)[:：]?$|^(?:注|备注|说明|填表说明|制表人|审核人|填报人)[:：]")


def _is_summary_row(cells: list[str]) -> bool:
    """Whether a row is a 合计 / 总计 row or a note, by its first filled cell in whichever column that is (合计 under
    序号, counts under the date columns: 合计 | | 7件; 合　计 written with a full-width space to fill the cell).

    >>> _is_summary_row(["合　计", "", "9", "7"]), _is_summary_row(["", "总计：", "共8件"]), _is_summary_row(["1", "甲办法"])
    (True, True, False)
    """
    first = next((c for c in cells if c and c.strip()), "")
    return bool(_SUMMARY.search(re.sub(r"\s+", "", first)))


# a section heading of a register (一、政府规章（2件）, （一）市政府办公室文件, 第二部分 部门文件), written in the title column
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+(?:部分|类|批))")


def _is_filing(r: dict) -> bool:
    """Whether a row names a document: a title or a date (blank rows, 合计 rows, notes and section headings
    with nothing beside them do not).

    >>> _is_filing({"title": "（一）市政府办公室文件", "line": 5}), _is_filing({"title": "一、甲办法", "issuer": "某局"})
    (False, True)
    """
    title = r.get("title") or ""
    if _SUMMARY.search(re.sub(r"\s+", "", title)):
        return False
    others = any((v or "").strip() for k, v in r.items() if k not in ("title", "line") and isinstance(v, str))
    if _HEADING.match(title.strip()) and not others:
        return False
    return bool(title or r.get("published") or r.get("filed"))


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def _group():
    # assessed: filed documents whose 规范 could be judged (the sheet records their materials, or their text
    # was checked); the same as filed for a sheet with a materials column
    return {"should_file": 0, "filed": 0, "timely": 0, "compliant": 0, "assessed": 0}


def _finish(g: dict) -> dict:
    g = dict(g)
    g["filing_rate"] = _rate(g["filed"], g["should_file"])
    g["timely_rate"] = _rate(g["timely"], g["should_file"])
    g["compliance_rate"] = _rate(g["compliant"], g["assessed"])
    return g


def _document_key(r: dict):
    """What names one document in a register: its title, issuer and publication day (None: a row without a
    title, never taken for another)."""
    title = re.sub(r"\s+", "", r.get("title") or "")
    if not title:
        return None
    try:
        pub = _parse_date(r.get("published"))
    except ValueError:
        pub = (r.get("published") or "").strip()
    return title, re.sub(r"\s+", "", r.get("issuer") or ""), pub


def _cells(r: dict) -> dict:
    """A row's cells as text, to tell a repeat that says the same from one that does not (the publication day
    is compared as a day: 2024-01-02 and 2024/1/2 are the same)."""
    return {k: str(v if v is not None else "").strip() for k, v in r.items() if k not in ("line", "published")}


def _one_row_per_document(rows: list[dict], problems: list) -> tuple[list[dict], list[dict]]:
    """The rows with each document once, and the repeats left out: ``[{line, title, same_as}]``.

    A register merged from two clerks' sheets, or a system export with one row per review record, lists a
    document twice; counting it twice would raise every rate it is in. A repeat that says the same (every cell
    read equal) is only listed; one that differs (another filing date, other materials) is also a problem,
    since which row is right is for a person to say: the first row is counted.

    >>> rows = [{"title": "甲办法", "issuer": "某局", "published": "2024-01-02", "filed": "2024-01-20", "line": 2},
    ...         {"title": "甲办法", "issuer": "某局", "published": "2024/1/2", "filed": "2024-01-20", "line": 5}]
    >>> kept, dups = _one_row_per_document(rows, [])
    >>> [r["line"] for r in kept], dups
    ([2], [{'line': 5, 'title': '甲办法', 'same_as': 2}])
    """
    first: dict = {}
    kept, duplicates = [], []
    for r in rows:
        key = _document_key(r)
        if key is None or key not in first:
            if key is not None:
                first[key] = r
            kept.append(r)
            continue
        seen = first[key]
        duplicates.append({"line": r.get("line"), "title": r.get("title"), "same_as": seen.get("line")})
        if _cells(r) != _cells(seen):
            problems.append({"line": r.get("line"), "title": r.get("title"),
                             "reason": f"与第{seen.get('line')}行为同一文件（标题、制定机关、公布日期相同）但登记内容不同，"
                                       f"只计第{seen.get('line')}行，请核对"})
    return kept, duplicates


def review_rows(rows: list[dict], registry=None, base: str | os.PathLike | None = None,
                duplicates=None, today: _date | None = None, deadline: str = "strict",
                period: tuple | str | None = None, days: int = DEADLINE_DAYS) -> dict:
    """Compute the filing-review figures for parsed rows; runs ``check`` on rows with a text path when a
    registry is given. Rows with bad dates or unreadable texts are listed in ``problems`` and the batch
    goes on. A document not filed whose deadline has not run out on ``today`` (the day of the review by
    default) is not yet due: it is listed under ``pending`` and left out of the rates.

    ``deadline``: "strict" (default) counts 30 calendar days; "extend" moves a deadline that ends on a weekend or
    holiday to the next working day (民法典 第二百零三条) (:func:`due_date`). ``period``: only the documents
    published in it are reviewed (a :func:`parse_period` text or its tuple); a row without a publication date
    cannot be placed in it and is a problem. ``days``: the local rule's deadline for 规范性文件 (and rows of no
    stated kind); a 法规 or 规章 keeps the 30 days of 《法规规章备案审查条例》第四条."""
    today = today or _date.today()
    if isinstance(period, str):
        period = parse_period(period)
    if deadline not in DEADLINE_RULES:
        raise ValueError(f"deadline rule {deadline!r}: want one of {', '.join(DEADLINE_RULES)}")
    if not 1 <= days <= 366:
        raise ValueError(f"deadline of {days} days: want 1 to 366")
    normative_days = days  # (days is the days to filing in the loop below)
    _fallback_years.clear()
    overall, by_issuer, by_quarter = _group(), {}, {}
    pubs = []
    late, noncompliant, problems, checked, pending = [], [], [], [], []
    rows, repeats = _one_row_per_document(rows, problems)
    materials_recorded = any("materials" in r for r in rows)
    # issuers are grouped over the whole register, so that a period's 市府办 is still 某市人民政府办公室
    issuer_of = issuer_groups(r.get("issuer") or "" for r in rows)
    variants: dict[str, list] = {}
    for w, shown in issuer_of.items():
        variants.setdefault(shown, []).append(w)
    outside = 0
    for r in rows:
        title = r.get("title") or f"(第{r.get('line', '?')}行)"
        try:
            pub = _parse_date(r.get("published"))
            filed = _parse_date(r.get("filed"))
        except ValueError as e:
            problems.append({"line": r.get("line"), "title": title, "reason": str(e)})
            continue
        if period is not None:
            if pub is None:
                problems.append({"line": r.get("line"), "title": title,
                                 "reason": f"无公布日期，无法判断是否属于{period[0]}，未计入"})
                continue
            if not period[1] <= pub <= period[2]:
                outside += 1
                continue
        if pub:
            pubs.append(pub)
        # 法规 and 规章: 30 days by 条例第四条; a 规范性文件 (or a row of no stated kind): the local rule's
        n = DEADLINE_DAYS if _LAW_OR_RULE.search(r.get("kind") or "") else normative_days
        due = due_date(pub, n, deadline) if pub else None
        # filed: a date, or a 是否报备 cell that says so (the date left blank: timeliness cannot be told), or a
        # 报备情况 cell that holds the date (2024年3月5日已报送)
        flag = r.get("filed_flag") or ""
        withdrawn = bool(_WITHDRAWN.search(flag)) and not _REFILED.search(flag)
        if withdrawn:
            # the filing was withdrawn (已撤回): the date in the row is that of the submission taken back
            withdrawn_on, filed = filed, None
        if filed is None and not withdrawn and re.search(r"\d", flag):
            m = re.search(r"\d{4}\s*[年./\-]\s*\d{1,2}\s*[月./\-]\s*\d{1,2}\s*日?", flag)
            try:
                filed = _parse_date(m.group(0) if m else flag)
            except ValueError:
                pass
        # a filing dated after the day of the review (the register was kept on after the period end, --as-of
        # 2024-06-30 with a filing of 07-05) had not been made on that day: the document was not filed by then
        filed_later = filed if filed is not None and filed > today else None
        if filed_later:
            filed = None
        returned = bool(_RETURNED.search(flag)) and not _REFILED.search(flag) and not withdrawn
        is_filed = filed is not None or ((_says_filed(flag) or returned) and not filed_later and not withdrawn)
        # one issuer however the cell was typed: 某市 人民政府, 某市人民政府 (a line break in a spreadsheet cell),
        # 市府办 for 某市人民政府办公室 (issuer_groups)
        written = re.sub(r"\s+", "", r.get("issuer") or "")
        issuer = issuer_of.get(written, written) or "(未填)"
        if not is_filed and pub is not None and today <= due:
            since = (today - pub).days
            why = f"公布后第{since}日，尚在{n}日报备期内" if since >= 0 else \
                f"公布日期{pub.isoformat()}晚于审查之日{today.isoformat()}"
            if since > n:
                why = f"公布后第{since}日，报备期限顺延至{due.isoformat()}（届满日为法定休假日）"
            if filed_later and since >= 0:
                why += f"（{filed_later.isoformat()}报备，在审查之日{today.isoformat()}后）"
            pending.append({"title": title, "issuer": issuer,
                            "published": r.get("published"), "due": due.isoformat(),
                            "reason": why})
            continue
        quarter = _quarter(pub) if pub else "(无日期)"
        groups = [overall, by_issuer.setdefault(issuer, _group()), by_quarter.setdefault(quarter, _group())]
        reasons = []
        days = (filed - pub).days if (filed and pub) else None
        timely = filed is not None and days is not None and 0 <= days and filed <= due
        if filed is None and is_filed and _FLAG_TIMELY.search(flag) and not _FLAG_LATE.search(flag):
            timely = True  # no date, but the register's own status says 按时报备 (a filing system computed it)
        materials = (r.get("materials") or "").strip()
        complete = _complete(materials)
        if not is_filed:
            if withdrawn:
                why = (f"报备已撤回（{withdrawn_on.isoformat()}报送）" if withdrawn_on else "报备已撤回") + \
                    "，未重新报送"
            elif filed_later:
                why = f"截至{today.isoformat()}未报备（{filed_later.isoformat()}报备）"
            else:
                why = "未报备"
            late.append({"title": title, "issuer": issuer, "published": r.get("published"), "filed": None,
                         "days": None, "reason": why})
        elif not timely:
            if filed is None and _FLAG_LATE.search(flag):
                why = f"报备状态为“{flag.strip()}”（未填报备日期）"
            elif filed is None:
                why = "已报备，但未填报备日期，无法确认是否及时"
            elif days is None:
                why = "无公布日期"
            elif days < 0:
                # a data-entry error: counted as not timely, and listed so that someone corrects it
                why = f"报备日期{filed.isoformat()}早于公布日期{pub.isoformat()}，日期有误"
                problems.append({"line": r.get("line"), "title": title, "reason": why})
            else:
                why = f"公布后第{days}日报备，超过{n}日"
                if due != pub + timedelta(days=n):
                    why += f"（届满日为法定休假日，顺延至{due.isoformat()}）"
            late.append({"title": title, "issuer": issuer, "published": r.get("published"),
                         "filed": r.get("filed"), "days": days, "reason": why})
        if is_filed and materials_recorded and not complete:
            reasons.append(f"报备材料不全：{materials or '未填写'}")
        if is_filed and returned:
            reasons.append(f"报备被退回（{flag.strip()}），须补充或重新报送")
        opinion = (r.get("opinion") or "").strip()
        faulted = is_filed and _opinion_finds_fault(opinion)
        if faulted:
            reasons.append(f"审查意见：{opinion}")
        errors = 0
        unreadable = False
        if r.get("path") and registry is not None:
            res = _check_row(r, base, registry, duplicates, pub, problems, title)
            if res is None:
                # the filed text is part of the materials: one that cannot be read cannot be called 规范
                unreadable = True
                reasons.append(f"报备文本无法读取，未能审查：{problems[-1]['reason']}")
            else:
                errors = sum(1 for f in res["findings"] if f["severity"] == "error")
                checked.append({"title": title, "path": r["path"], "kind": res["kind"], "date": res["date"],
                                "errors": errors, "findings": res["findings"]})
                if errors:
                    reasons.append(f"审查发现{errors}处错误")
        # a sheet with no materials column says nothing of them: 规范 is then judged on the text alone, where
        # one was checked, and not at all otherwise (it was 0%, every filing '报备材料不全：未填写')
        # a 审查意见 recorded for the filing judges it too (its materials unknown when the sheet has no such column)
        assessed = is_filed and (materials_recorded or bool(r.get("path") and registry is not None) or bool(opinion))
        assessed = assessed or (is_filed and returned)
        compliant = assessed and (complete or not materials_recorded) and errors == 0 and not unreadable \
            and not faulted and not returned
        if assessed and not compliant:
            noncompliant.append({"title": title, "issuer": issuer, "reasons": reasons})
        for g in groups:
            g["should_file"] += 1
            g["filed"] += is_filed
            g["timely"] += timely
            g["compliant"] += compliant
            g["assessed"] += assessed
    return {
        "overall": _finish(overall),
        "by_issuer": {k: _finish(v) for k, v in sorted(by_issuer.items())},
        "by_quarter": {k: _finish(v) for k, v in sorted(by_quarter.items())},
        "late": late, "noncompliant": noncompliant, "checked": checked, "problems": problems, "pending": pending,
        "duplicates": repeats, "materials_recorded": materials_recorded,
        "deadline_days": normative_days,
        "basis": _basis(pubs, {re.sub(r"\s+", "", r.get("kind") or "") for r in rows}, normative_days),
        "deadline_rule": deadline, "calendar": _calendar_note(deadline),
        "issuer_variants": {k: sorted(v) for k, v in sorted(variants.items()) if len(v) > 1},
        **({"period": {"label": period[0], "from": period[1].isoformat(), "to": period[2].isoformat(),
                       "outside": outside}} if period is not None else {}),
    }


# the 30-day rule: 《法规规章备案条例》第三条 until it was repealed on 2024-11-01 by 《法规规章备案审查条例》, 第四条
_NEW_RULE_FROM = _date(2024, 11, 1)
_OLD_BASIS = "《法规规章备案条例》第三条"
_NEW_BASIS = "《法规规章备案审查条例》第四条"


_NORMATIVE = "规范性文件的报备期限依本地规范性文件备案审查规定，本统计同样按公布之日起30日计"
_LAW_OR_RULE = re.compile(r"规章|法规|条例|政府令")


def _basis(pubs: list, kinds: set | None = None, days: int = DEADLINE_DAYS) -> str:
    """The rule the deadline rests on, for documents published on these dates; a sheet of 规范性文件 (or of
    documents of no stated kind) is told that their deadline is the local rule's, counted here as 30 days.

    >>> _basis([_date(2024, 3, 1)], {"规范性文件"})
    '《法规规章备案条例》第三条：法规、规章公布后，应当自公布之日起30日内报送备案；规范性文件的报备期限依本地规范性文件备案审查规定，本统计同样按公布之日起30日计'
    """
    rule = "法规、规章公布后，应当自公布之日起30日内报送备案"
    new = any(d >= _NEW_RULE_FROM for d in pubs) or not pubs
    old = any(d < _NEW_RULE_FROM for d in pubs)
    if new and old:
        out = f"{_NEW_BASIS}（2024年11月1日前公布的，为{_OLD_BASIS}）：{rule}"
    else:
        out = f"{_NEW_BASIS if new else _OLD_BASIS}：{rule}"
    if days != DEADLINE_DAYS:
        out += f"；规范性文件依本地规范性文件备案审查规定，按公布之日起{days}日计"
    elif kinds and kinds & {"规范性文件", "行政规范性文件"}:
        out += f"；{_NORMATIVE}"
    return out


def _check_row(r, base, registry, duplicates, pub, problems, title):
    from fazhi.errors import FazhiError
    from fazhi.graph.checks import check
    from fazhi.graph.registry import RANKS

    p = Path(r["path"])
    if not p.is_absolute() and base is not None:
        p = Path(base) / p
    try:
        from fazhi.corpora.loaders import load_path

        docs = list(load_path(p))
    except FazhiError as e:
        problems.append({"line": r.get("line"), "title": title, "reason": str(e)})
        return None
    if not docs:
        problems.append({"line": r.get("line"), "title": title, "reason": f"{p}: no text"})
        return None
    kind = r.get("kind") if r.get("kind") in RANKS else None
    res = check(docs[0], registry, kind=kind, date=pub.isoformat() if pub else None,
                title=r.get("title") or None, duplicates=duplicates)
    return res.to_dict()


def review(csv_path: str | os.PathLike, registry=None, duplicates=None, today: _date | None = None,
           deadline: str = "strict", period: tuple | str | None = None, days: int = DEADLINE_DAYS) -> dict:
    """Read a filings CSV and compute the figures (see :func:`review_rows`)."""
    rows = read_filings(csv_path)
    out = review_rows(rows, registry=registry, base=Path(csv_path).parent, duplicates=duplicates, today=today,
                      deadline=deadline, period=period, days=days)
    out["file"] = str(csv_path)
    out["rows"] = len(rows)
    return out


def _pct(x):
    return "—" if x is None else f"{x * 100:.1f}%"


def render_html(result: dict) -> str:
    """A self-contained HTML report of a review result."""
    e = html.escape

    def table(title, groups):
        rows = "".join(
            f"<tr><td>{e(k)}</td><td>{g['should_file']}</td><td>{g['filed']}</td><td>{_pct(g['filing_rate'])}</td>"
            f"<td>{_pct(g['timely_rate'])}</td><td>{_pct(g['compliance_rate'])}</td></tr>" for k, g in groups.items())
        return (f"<h2>{e(title)}</h2><table><tr><th></th><th>应报备</th><th>已报备</th><th>报备率</th><th>及时率</th>"
                f"<th>规范率</th></tr>{rows}</table>")

    o = result["overall"]
    parts = [
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>备案审查统计</title>",
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:4px 8px}th{background:#f3f3f3}.err{color:#b00}</style></head><body>",
        "<h1>备案审查统计</h1>",
        f"<p>应报备 {o['should_file']} 件，已报备 {o['filed']} 件；报备率 {_pct(o['filing_rate'])}，"
        f"及时率 {_pct(o['timely_rate'])}，规范率 {_pct(o['compliance_rate'])}。{e(result['basis'])}。"
        f"{e(result.get('calendar', ''))}。</p>",
        (f"<p>统计期间 {e(result['period']['label'])}（公布日期{e(result['period']['from'])}至"
         f"{e(result['period']['to'])}）</p>" if result.get("period") else ""),
        table("按制定机关", result["by_issuer"]), table("按季度", result["by_quarter"]),
        "<h2>逾期或未报备</h2><table><tr><th>标题</th><th>机关</th><th>公布</th><th>报备</th><th>原因</th></tr>",
        "".join(f"<tr><td>{e(x['title'])}</td><td>{e(x['issuer'])}</td><td>{e(x['published'] or '')}</td>"
                f"<td>{e(x['filed'] or '')}</td><td>{e(x['reason'])}</td></tr>" for x in result["late"]),
        "</table>",
        ("<h2>尚未到期（未报备，仍在报备期内）</h2><table><tr><th>标题</th><th>机关</th><th>公布</th><th>应报备截止</th></tr>"
         + "".join(f"<tr><td>{e(x['title'])}</td><td>{e(x['issuer'])}</td><td>{e(x['published'] or '')}</td>"
                   f"<td>{e(x['due'])}</td></tr>" for x in result["pending"]) + "</table>")
        if result.get("pending") else "",
        "<h2>不规范</h2><table><tr><th>标题</th><th>机关</th><th>原因</th></tr>",
        "".join(f"<tr><td>{e(x['title'])}</td><td>{e(x['issuer'])}</td><td>{e('；'.join(x['reasons']))}</td></tr>"
                for x in result["noncompliant"]),
        "</table><h2>文本审查</h2>",
    ]
    for c in result["checked"]:
        parts.append(f"<h3>{e(c['title'])}（{e(c['kind'] or '未知类别')}，{e(c['date'])}）</h3><ul>")
        for f in c["findings"]:
            cls = " class='err'" if f["severity"] == "error" else ""
            parts.append(f"<li{cls}>[{e(f['code'])}] {e(f['message'])} 建议：{e(f['suggestion'])}</li>")
        parts.append("</ul>")
    if result.get("duplicates"):
        parts.append("<h2>重复登记（只计一次）</h2><ul>" + "".join(
            f"<li>第{e(str(d['line']))}行 {e(d['title'] or '')}：与第{e(str(d['same_as']))}行为同一文件</li>"
            for d in result["duplicates"]) + "</ul>")
    if result["problems"]:
        parts.append("<h2>无法处理的行</h2><ul>" + "".join(
            f"<li>第{e(str(p['line']))}行 {e(p['title'])}: {e(p['reason'])}</li>" for p in result["problems"]) + "</ul>")
    parts.append("</body></html>")
    return "".join(parts)
