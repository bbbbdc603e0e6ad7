"""Filing review (备案审查) statistics: 报备率, 及时率 and 规范率 per issuer and per quarter.

Input is a CSV (UTF-8, GB18030 also read) with one row per document that should be filed. Columns, in
English or Chinese: ``title`` (标题), ``issuer`` (制定机关/发文机关), ``kind`` (类别), ``published`` (公布日期),
``filed`` (报备日期; empty when not filed), ``materials`` (材料齐全: 是/否/齐全/缺…; anything but a yes-value
is incomplete and kept as the reason), and optionally ``path`` (文本路径, relative to the CSV) to the text,
which is then run through :func:`fazhi.graph.checks.check`.

Definitions (公布后30日内报送备案: 《法规规章备案审查条例》第四条, before 2024-11-01 《法规规章备案条例》第三条):

* 报备率 = filed / should be filed (every row);
* 及时率 = filed within 30 days of publication / should be filed;
* 规范率 = filed with complete materials and no error finding / filed.

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
from datetime import date as _date
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
    "published": re.compile(r"(?:公布|发布|印发|签发)(?:日期|时间)"),
    "title": re.compile(r"(?:标题|名称)$"),
    "issuer": re.compile(r"(?:机关|单位)(?:名称)?$"),
    "kind": re.compile(r"(?:类别|种类|类型)$"),
    "path": re.compile(r"(?:路径|文本)$"),
}


def _complete(materials: str) -> bool:
    """Whether a 材料 cell says the materials were complete (是, 齐全, 齐全（含起草说明）; not 不齐全, 缺…)."""
    v = materials.strip().lower()
    return v in _YES or (v.startswith(("齐全", "完整", "是")) and not re.search(r"[缺不未无否]", v))


def _parse_date(s: str | None) -> _date | None:
    """The date of a cell (every form :func:`fazhi.dates.parse_date` reads: 2024年3月1日, 2024/3/1,
    二〇二四年三月一日, an Excel serial day), None for an empty one; ValueError naming the value and why."""
    if not (s or "").strip():
        return None
    return parse_date(s)


def _quarter(d: _date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def read_filings(path: str | os.PathLike) -> list[dict]:
    """Rows of a filings CSV with canonical column names (see the module docstring).

    Raises:
        UnreadableFile: the file is missing, not text, or has no title column.
    """
    from fazhi.errors import UnreadableFile

    p = Path(path)
    if not p.is_file():
        raise UnreadableFile(p, "is a directory" if p.is_dir() else "no such file")
    try:
        from fazhi.corpora.loaders import decode_bytes

        text = decode_bytes(p.read_bytes(), p)
    except ImportError:  # pragma: no cover - corpora area missing
        text = p.read_text(encoding="utf-8-sig")
    text = text.lstrip("\ufeff")
    sample = text[:2000]
    dialect = "excel-tab" if sample.count("\t") > sample.count(",") else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames:
        raise UnreadableFile(p, "empty CSV (no header row)")
    names = {}
    for canon, options in COLUMNS.items():
        for f in reader.fieldnames:
            if f and f.strip().lower() in options:
                names[canon] = f
                break
    # headers as spreadsheets write them (文件标题, 材料是否齐全, 公布时间, 报备时间, 制定单位): by their key words
    for canon, rx in _HEADER_WORDS.items():
        if canon not in names:
            f = next((f for f in reader.fieldnames if f and f not in names.values() and rx.search(f.strip())), None)
            if f is not None:
                names[canon] = f
    if "title" not in names:
        raise UnreadableFile(p, f"no title column (expected one of {', '.join(COLUMNS['title'])}); "
                                f"found {', '.join(reader.fieldnames)}")
    rows = []
    for i, row in enumerate(reader, start=2):
        r = {canon: (row.get(src) or "").strip() for canon, src in names.items()}
        r["line"] = i
        rows.append(r)
    return rows


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def _group():
    return {"should_file": 0, "filed": 0, "timely": 0, "compliant": 0}


def _finish(g: dict) -> dict:
    g = dict(g)
    g["filing_rate"] = _rate(g["filed"], g["should_file"])
    g["timely_rate"] = _rate(g["timely"], g["should_file"])
    g["compliance_rate"] = _rate(g["compliant"], g["filed"])
    return g


def review_rows(rows: list[dict], registry=None, base: str | os.PathLike | None = None,
                duplicates=None) -> dict:
    """Compute the filing-review figures for parsed rows; runs ``check`` on rows with a text path when a
    registry is given. Rows with bad dates or unreadable texts are listed in ``problems`` and the batch
    goes on."""
    overall, by_issuer, by_quarter = _group(), {}, {}
    pubs = []
    late, noncompliant, problems, checked = [], [], [], []
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
        issuer = r.get("issuer") or "(未填)"
        quarter = _quarter(pub) if pub else "(无日期)"
        groups = [overall, by_issuer.setdefault(issuer, _group()), by_quarter.setdefault(quarter, _group())]
        reasons = []
        days = (filed - pub).days if (filed and pub) else None
        timely = filed is not None and days is not None and 0 <= days <= DEADLINE_DAYS
        materials = (r.get("materials") or "").strip()
        complete = _complete(materials)
        if filed is None:
            late.append({"title": title, "issuer": issuer, "published": r.get("published"), "filed": None,
                         "days": None, "reason": "未报备"})
        elif not timely:
            if days is None:
                why = "无公布日期"
            elif days < 0:
                # a data-entry error: counted as not timely, and listed so that someone corrects it
                why = f"报备日期{filed.isoformat()}早于公布日期{pub.isoformat()}，日期有误"
                problems.append({"line": r.get("line"), "title": title, "reason": why})
            else:
                why = f"公布后第{days}日报备，超过{DEADLINE_DAYS}日"
            late.append({"title": title, "issuer": issuer, "published": r.get("published"),
                         "filed": r.get("filed"), "days": days, "reason": why})
        if filed is not None and not complete:
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
        compliant = filed is not None and complete and errors == 0 and not unreadable
        if filed is not None and not compliant:
            noncompliant.append({"title": title, "issuer": issuer, "reasons": reasons})
        for g in groups:
            g["should_file"] += 1
            g["filed"] += filed is not None
            g["timely"] += timely
            g["compliant"] += compliant
    return {
        "overall": _finish(overall),
        "by_issuer": {k: _finish(v) for k, v in sorted(by_issuer.items())},
        "by_quarter": {k: _finish(v) for k, v in sorted(by_quarter.items())},
        "late": late, "noncompliant": noncompliant, "checked": checked, "problems": problems,
        "deadline_days": DEADLINE_DAYS,
        "basis": _basis(pubs),
    }


# the 30-day rule: 《法规规章备案条例》第三条 until it was repealed on 2024-11-01 by 《法规规章备案审查条例》, 第四条
_NEW_RULE_FROM = _date(2024, 11, 1)
_OLD_BASIS = "《法规规章备案条例》第三条"
_NEW_BASIS = "《法规规章备案审查条例》第四条"


def _basis(pubs: list) -> str:
    """The rule the deadline rests on, for documents published on these dates."""
    rule = "法规、规章公布后，应当自公布之日起30日内报送备案"
    new = any(d >= _NEW_RULE_FROM for d in pubs) or not pubs
    old = any(d < _NEW_RULE_FROM for d in pubs)
    if new and old:
        return f"{_NEW_BASIS}（2024年11月1日前公布的，为{_OLD_BASIS}）：{rule}"
    return f"{_NEW_BASIS if new else _OLD_BASIS}：{rule}"


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
        "</table><h2>不规范</h2><table><tr><th>标题</th><th>机关</th><th>原因</th></tr>",
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
    if result["problems"]:
        parts.append("<h2>无法处理的行</h2><ul>" + "".join(
            f"<li>第{e(str(p['line']))}行 {e(p['title'])}: {e(p['reason'])}</li>" for p in result["problems"]) + "</ul>")
    parts.append("</body></html>")
    return "".join(parts)
