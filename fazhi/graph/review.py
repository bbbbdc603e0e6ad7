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
  publication (published 3月1日, filed 3月31日: day 30, in time; 4月1日: day 31, late).

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
import html
import io
import os
import re
from datetime import date as _date, timedelta
from pathlib import Path

from fazhi.dates import parse_date

__all__ = ["review", "review_rows", "read_filings", "render_html", "DEADLINE_DAYS", "COLUMNS"]

DEADLINE_DAYS = 30
COLUMNS = {
    "title": ("title", "标题", "名称", "文件名称"),
    "issuer": ("issuer", "制定机关", "发文机关", "报送机关", "机关"),
    "kind": ("kind", "类别", "文件类别", "种类"),
    "published": ("published", "公布日期", "发布日期", "印发日期"),
    "filed": ("filed", "报备日期", "备案日期", "报送日期"),
    "materials": ("materials", "材料齐全", "报备材料", "材料"),
    "path": ("path", "文本路径", "文本", "文件路径"),
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
    if data[:4] == b"PK\x03\x04":
        from fazhi.sheets import xlsx_rows

        table = [(n, [c.strip() for c in row]) for n, row in enumerate(xlsx_rows(data, p, fill_merged=True), 1)]
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableFile(p, "an old Excel .xls workbook: save it as .xlsx or .csv")
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
                duplicates=None, today: _date | None = None) -> dict:
    """Compute the filing-review figures for parsed rows; runs ``check`` on rows with a text path when a
    registry is given. Rows with bad dates or unreadable texts are listed in ``problems`` and the batch
    goes on. A document not filed whose 30 days have not run out on ``today`` (the day of the review by
    default) is not yet due: it is listed under ``pending`` and left out of the rates."""
    today = today or _date.today()
    overall, by_issuer, by_quarter = _group(), {}, {}
    pubs = []
    late, noncompliant, problems, checked, pending = [], [], [], [], []
    rows, repeats = _one_row_per_document(rows, problems)
    materials_recorded = any("materials" in r for r in rows)
    for r in rows:
        title = r.get("title") or f"(第{r.get('line', '?')}行)"
        try:
            pub = _parse_date(r.get("published"))
            filed = _parse_date(r.get("filed"))
        except ValueError as e:
            problems.append({"line": r.get("line"), "title": title, "reason": str(e)})
            continue
        if pub:
            pubs.append(pub)
        # filed: a date, or a 是否报备 cell that says so (the date left blank: timeliness cannot be told), or a
        # 报备情况 cell that holds the date (2024年3月5日已报送)
        flag = r.get("filed_flag") or ""
        if filed is None and re.search(r"\d", flag):
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
        is_filed = filed is not None or (_says_filed(flag) and not filed_later)
        if not is_filed and pub is not None and (today - pub).days <= DEADLINE_DAYS:
            since = (today - pub).days
            why = f"公布后第{since}日，尚在{DEADLINE_DAYS}日报备期内" if since >= 0 else \
                f"公布日期{pub.isoformat()}晚于审查之日{today.isoformat()}"
            if filed_later and since >= 0:
                why += f"（{filed_later.isoformat()}报备，在审查之日{today.isoformat()}后）"
            pending.append({"title": title, "issuer": re.sub(r"\s+", "", r.get("issuer") or "") or "(未填)",
                            "published": r.get("published"), "due": (pub + timedelta(days=DEADLINE_DAYS)).isoformat(),
                            "reason": why})
            continue
        # one issuer however the cell was typed: 某市 人民政府, 某市人民政府 (a line break in a spreadsheet cell)
        issuer = re.sub(r"\s+", "", r.get("issuer") or "") or "(未填)"
        quarter = _quarter(pub) if pub else "(无日期)"
        groups = [overall, by_issuer.setdefault(issuer, _group()), by_quarter.setdefault(quarter, _group())]
        reasons = []
        days = (filed - pub).days if (filed and pub) else None
        timely = filed is not None and days is not None and 0 <= days <= DEADLINE_DAYS
        if filed is None and is_filed and _FLAG_TIMELY.search(flag) and not _FLAG_LATE.search(flag):
            timely = True  # no date, but the register's own status says 按时报备 (a filing system computed it)
        materials = (r.get("materials") or "").strip()
        complete = _complete(materials)
        if not is_filed:
            late.append({"title": title, "issuer": issuer, "published": r.get("published"), "filed": None,
                         "days": None, "reason": f"截至{today.isoformat()}未报备（{filed_later.isoformat()}报备）"
                         if filed_later else "未报备"})
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
                why = f"公布后第{days}日报备，超过{DEADLINE_DAYS}日"
            late.append({"title": title, "issuer": issuer, "published": r.get("published"),
                         "filed": r.get("filed"), "days": days, "reason": why})
        if is_filed and materials_recorded and not complete:
            reasons.append(f"报备材料不全：{materials or '未填写'}")
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
        assessed = is_filed and (materials_recorded or bool(r.get("path") and registry is not None))
        compliant = assessed and (complete or not materials_recorded) and errors == 0 and not unreadable
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
        "deadline_days": DEADLINE_DAYS,
        "basis": _basis(pubs, {re.sub(r"\s+", "", r.get("kind") or "") for r in rows}),
    }


# the 30-day rule: 《法规规章备案条例》第三条 until it was repealed on 2024-11-01 by 《法规规章备案审查条例》, 第四条
_NEW_RULE_FROM = _date(2024, 11, 1)
_OLD_BASIS = "《法规规章备案条例》第三条"
_NEW_BASIS = "《法规规章备案审查条例》第四条"


_NORMATIVE = "规范性文件的报备期限依本地规范性文件备案审查规定，本统计同样按公布之日起30日计"


def _basis(pubs: list, kinds: set | None = None) -> str:
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
    if kinds and kinds & {"规范性文件", "行政规范性文件"}:
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


def review(csv_path: str | os.PathLike, registry=None, duplicates=None) -> dict:
    """Read a filings CSV and compute the figures (see :func:`review_rows`)."""
    rows = read_filings(csv_path)
    out = review_rows(rows, registry=registry, base=Path(csv_path).parent, duplicates=duplicates)
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
        f"及时率 {_pct(o['timely_rate'])}，规范率 {_pct(o['compliance_rate'])}。{e(result['basis'])}。</p>",
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
