"""Read LawRefBook Markdown law texts into :class:`~fazhi.document.Document`.

The format (LawRefBook/Laws, texts from the national laws and regulations database)::

    # 中华人民共和国行政处罚法            <- title (a second "# 总则" line names a part of a split law)
    1996年3月17日 第八届全国人民代表大会第四次会议通过
    2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订
    <!-- INFO END -->
    ## 第一章 总则                      <- headings: 编 / 分编 / 章 / 节
    第一条 为了规范行政处罚的设定和实施……    <- articles begin with 第X条

The document text is the readable text without Markdown markers (one line per paragraph). Article and
heading spans index that text; ``metadata`` carries the header events, the level (法律 / 行政法规 / 地方性法规
/ 司法解释 / 部门规章 …, from the manifest or the folder name), the issuer, the article count, and the
promulgation and effective dates.

Examples:
    >>> md = "# 某市调解条例\\n\\n2020年1月2日 某市人民代表大会常务委员会通过\\n\\n<!-- INFO END -->\\n\\n"
    >>> md += "## 第一章 总则\\n\\n第一条 为了规范调解，制定本条例。\\n\\n第二条 本条例自2020年3月1日起施行。\\n"
    >>> is_lawrefbook(md)
    True
    >>> doc = parse_lawrefbook(md)
    >>> doc.title, doc.metadata["articles"], doc.metadata["effective"]
    ('某市调解条例', 2, '2020-03-01')
    >>> [(s.norm, s.text[:6]) for s in doc.spans["article"]]
    [(1, '第一条 为了'), (2, '第二条 本条')]
    >>> doc.metadata["events"][0]["event"], doc.metadata["issuer"]
    ('通过', '某市人民代表大会常务委员会')
"""
from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path

from fazhi.document import Document, Span
from fazhi.numerals import cn_to_int

__all__ = ["parse_lawrefbook", "is_lawrefbook", "LEVELS", "level_from_path", "issuer_from_event",
           "region_from_title"]

INFO_END = "<!-- INFO END -->"
LEVELS = ("宪法", "法律", "行政法规", "地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章", "司法解释",
          "规范性文件", "案例", "其他")

# LawRefBook top folders -> level
_FOLDER_LEVEL = {
    "宪法": "宪法", "宪法相关法": "法律", "民法典": "法律", "民法商法": "法律", "刑法": "法律", "社会法": "法律",
    "经济法": "法律", "行政法": "法律", "诉讼与非诉讼程序法": "法律", "行政法规": "行政法规", "司法解释": "司法解释",
    "部门规章": "部门规章", "地方性法规": "地方性法规", "案例": "案例", "其他": "其他",
}
_NUM = "零〇一二三四五六七八九十百千两0-9"
_DATE_LINE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")
# 第X条 at the start of a line; a stray space before 条 occurs in the sources (第四百一十四 条)
_ARTICLE = re.compile(rf"^第([{_NUM}]+)(?:[ \u3000]条|条(之[{_NUM}]+)?(?=[ \t\u3000]|$))")
_HEADING = re.compile(rf"^第([{_NUM}]+)(编|分编|章|节)")
_EFFECTIVE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|生效)")
_VERSION_IN_NAME = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")
_PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
              "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
              "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")


def is_lawrefbook(text: str) -> bool:
    """True when ``text`` looks like a LawRefBook law file: a ``# title`` first line and either the
    ``<!-- INFO END -->`` marker or a first article near the top.

    >>> is_lawrefbook("# 标题\\n\\n<!-- INFO END -->\\n第一条 内容")
    True
    >>> is_lawrefbook("一段普通文字")
    False
    """
    head = text.lstrip("\ufeff \r\n\t")[:4000]
    if not head.startswith("# "):
        return False
    if INFO_END in head:
        return True
    return bool(re.search(r"^\d{4}年\d{1,2}月\d{1,2}日", head, re.M)) and bool(re.search(r"^第一条", head, re.M))


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _events_of(line_date: str, rest: str, line: str) -> list[dict]:
    """Classify one header line into events (a line can both promulgate and bring into force)."""
    if re.search(r"修正|修改", rest):
        kinds = ["修正"]
    elif "修订" in rest:
        kinds = ["修订"]
    else:
        kinds = [k for k in ("通过", "批准", "公布", "发布", "施行") if k in rest] or ["其他"]
        kinds = ["公布" if k == "发布" else k for k in kinds]
    return [{"date": line_date, "event": k, "text": line} for k in kinds]


_ISSUER_PATTERNS = [
    (re.compile(r"全国人民代表大会常务委员会"), "全国人民代表大会常务委员会"),
    (re.compile(r"全国人民代表大会"), "全国人民代表大会"),
    (re.compile(r"国务院"), "国务院"),
    (re.compile(r"最高人民法院"), "最高人民法院"),
    (re.compile(r"最高人民检察院"), "最高人民检察院"),
]


def issuer_from_event(text: str) -> str | None:
    """The issuing body named in a header line.

    >>> issuer_from_event("2011年11月17日 上海市第十三届人民代表大会常务委员会第三十次会议通过")
    '上海市人民代表大会常务委员会'
    >>> issuer_from_event("2005年1月5日 国务院第76次常务会议通过")
    '国务院'
    """
    text = _DATE_LINE.sub(r"\4", text)
    text = re.split(r"[《〈]", text)[0]
    m = re.search(r"([\u4e00-\u9fff]{1,12}?(?:省|市|自治区|自治州|州|县|区|盟))第[^届]{1,6}届(人民代表大会(?:常务委员会)?)",
                  text)
    if m:
        return m.group(1) + m.group(2)
    m = re.search(r"([\u4e00-\u9fff]{2,20}?(?:省|市|自治区|自治州|县|区))(人民代表大会(?:常务委员会)?|人民政府)", text)
    if m:
        return m.group(1) + m.group(2)
    for pat, name in _ISSUER_PATTERNS:
        if pat.search(text):
            return name
    m = re.search(r"^(?:\S+?令第\S+号)?\s*([\u4e00-\u9fff]{2,20}?(?:部|委员会|总局|局|署|行|院|会))(?:第|令|审议|会议|讨论|公布|发布)",
                  text.strip())
    if m:
        return m.group(1)
    m = re.search(r"^([\u4e00-\u9fff]{2,20}?(?:人民代表大会常务委员会|人民代表大会))", text.strip())
    if m:
        return m.group(1)
    return None


def region_from_title(title: str) -> str | None:
    """The province-level region a local law's title starts with (上海市… -> 上海)."""
    for p in _PROVINCES:
        if title.startswith(p):
            return p
    return None


def _manifest_rows(manifest: str) -> dict[str, dict]:
    """The rows of a LawRefBook manifest.tsv by relative path ({} when there is none); re-read when the
    file changes. Callers must not modify the returned dict (it is cached)."""
    try:
        st = os.stat(manifest)
    except OSError:
        return {}
    return _read_manifest(manifest, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _read_manifest(manifest: str, _mtime_ns: int, _size: int) -> dict[str, dict]:
    rows = {}
    try:
        with open(manifest, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, dialect="excel-tab"):
                if row.get("path"):
                    rows[row["path"]] = row
    except OSError:
        pass
    return rows


@lru_cache(maxsize=1024)
def _manifest_of(directory: str) -> str | None:
    """The nearest manifest.tsv at or above ``directory`` (six levels at most); cached per folder, since
    a corpus has thousands of files in a few dozen folders."""
    d = Path(directory)
    for parent in [d, *list(d.parents)[:5]]:
        m = parent / "manifest.tsv"
        if m.is_file():
            return str(m)
    return None


def _manifest_row(path: str | None) -> dict | None:
    if not path:
        return None
    p = Path(os.path.realpath(path))
    m = _manifest_of(str(p.parent))
    if m is None:
        return None
    try:
        rel = p.relative_to(Path(m).parent).as_posix()
    except ValueError:
        return None
    return _manifest_rows(m).get(rel)


def level_from_path(path: str | None) -> str | None:
    """The level a LawRefBook folder name implies (``行政法/行政处罚法(2021-01-22).md`` -> 法律).

    >>> level_from_path("laws/DLC/上海地方法规/地方性法规/上海/上海口岸服务条例.md")
    '地方性法规'
    >>> level_from_path("laws/行政法规/信访条例(2005-01-10).md")
    '行政法规'
    """
    if not path:
        return None
    parts = Path(path).parts[:-1]
    for part in reversed(parts):
        if part in ("地方性法规", "部门规章", "司法解释", "行政法规", "案例"):
            return _FOLDER_LEVEL[part]
    for part in reversed(parts):
        if part in _FOLDER_LEVEL:
            return _FOLDER_LEVEL[part]
    return None


def _region_from_path(path: str | None) -> str | None:
    if not path:
        return None
    parts = Path(path).parts
    if "DLC" in parts:
        i = parts.index("DLC")
        for part in parts[i + 1:-1]:
            if part in _PROVINCES:
                return part
    return None


def parse_lawrefbook(text: str, path: str | None = None) -> Document:
    """Parse one LawRefBook Markdown file into a ``regulation`` Document (``other`` for case files).

    Args:
        text: the Markdown text.
        path: the file's path, used for the level (manifest.tsv beside the files, or the folder name),
            the region (``DLC/<省>地方法规/…``) and the version date in the file name.
    """
    lines = text.lstrip("\ufeff").splitlines()
    i = 0
    title = ""
    part = None
    header: list[str] = []
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].startswith("# "):
        title = lines[i][2:].strip()
        i += 1
    has_info = any(l.strip() == INFO_END for l in lines[i:i + 200])
    body_start = i
    if has_info:
        j = i
        while j < len(lines) and lines[j].strip() != INFO_END:
            s = lines[j].strip()
            if s.startswith("# ") and part is None and not header:
                part = s[2:].strip()
            elif s:
                header.append(s)
            j += 1
        body_start = j + 1
    else:  # no marker: header lines are the date lines before the first heading or article
        j = i
        while j < len(lines):
            s = lines[j].strip()
            if s.startswith("# ") and part is None and not header:
                part = s[2:].strip()
            elif _DATE_LINE.match(s):
                header.append(s)
            elif s:
                break
            j += 1
        body_start = j

    out: list[str] = []
    pos = 0

    def emit(line: str) -> int:
        nonlocal pos
        start = pos
        out.append(line)
        pos += len(line) + 1
        return start

    if title:
        emit(title)
    if part:
        emit(part)
    events: list[dict] = []
    for h in header:
        emit(h)
        m = _DATE_LINE.match(h)
        if m:
            events.extend(_events_of(_iso(*m.groups()[:3]), m.group(4), h))

    articles: list[tuple[int, int, int, str | None]] = []  # (start, norm, line index, suffix)
    headings: list[Span] = []
    ends: list[int] = []  # start offsets of lines that end an article (headings)
    last_article = None
    for raw in lines[body_start:]:
        s = raw.strip()
        if not s:
            continue
        heading = False
        if s.startswith("#"):
            s = s.lstrip("#").strip()
            heading = True
            if not s:
                continue
            s = re.sub(r"[ \t\u3000]+", " ", s)
        start = emit(s)
        if heading:
            ends.append(start)
            m = _HEADING.match(s)
            if m:
                try:
                    n = cn_to_int(m.group(1))
                except ValueError:
                    n = None
                headings.append(Span(start=start, end=start + len(s), label=m.group(2), text=s, norm=n,
                                     source="lawrefbook"))
            continue
        m = _ARTICLE.match(s)
        if m:
            try:
                n = cn_to_int(m.group(1))
            except ValueError:
                continue
            suffix = m.group(2)
            if last_article is None or n > last_article or (suffix and n == last_article):
                articles.append((start, n, len(out) - 1, suffix))
                last_article = n

    doc_text = "\n".join(out)
    # article spans run to the next article or heading, without the trailing newline
    boundaries = sorted({a[0] for a in articles} | set(ends) | {len(doc_text) + 1})
    article_spans = []
    import bisect

    for start, n, _, suffix in articles:
        k = bisect.bisect_right(boundaries, start)
        end = min(boundaries[k] - 1, len(doc_text)) if k < len(boundaries) else len(doc_text)
        end = max(end, start)
        while end > start and doc_text[end - 1] in " \n\t\u3000":
            end -= 1
        attrs = {"suffix": suffix} if suffix else {}
        article_spans.append(Span(start=start, end=end, label="article", text=doc_text[start:end], norm=n,
                                  source="lawrefbook", attrs=attrs))

    row = _manifest_row(path)
    level = (row or {}).get("level") or level_from_path(path)
    region = _region_from_path(path) or (region_from_title(title) if level in ("地方性法规", "地方政府规章") else None)
    version = None
    if path:
        mv = _VERSION_IN_NAME.search(Path(path).name)
        version = mv.group(1) if mv else None

    adoption = [e for e in events if e["event"] in ("通过", "修正", "修订", "公布", "批准")]
    candidates = [d for d in ((row or {}).get("publish"), version, adoption[-1]["date"] if adoption else None) if d]
    published = max(candidates) if candidates else None
    effective = None
    last_adopt = adoption[-1]["date"] if adoption else None
    in_force = [e["date"] for e in events if e["event"] == "施行" and (last_adopt is None or e["date"] >= last_adopt)]
    if in_force:
        effective = in_force[-1]
    elif (row or {}).get("valid_from"):
        effective = row["valid_from"]
    else:
        tail = doc_text[-600:]
        for m in _EFFECTIVE.finditer(tail):
            effective = _iso(*m.groups())
        if effective and published and effective < published:
            effective = None  # 自…起施行 of the original version; an amendment took effect later
    issuer = None
    for e in events:
        issuer = issuer_from_event(e["text"])
        if issuer:
            break
    n_articles = sum(1 for a in articles if not a[3])
    meta = {
        "events": events, "level": level, "articles": n_articles, "lawrefbook": True,
        "issuer": issuer, "effective": effective,
    }
    if part:
        meta["part"] = part
    if version:
        meta["version_date"] = version
    if row:
        if row.get("lawrefbook_flag"):
            meta["lawrefbook_flag"] = row["lawrefbook_flag"]
        if row.get("version"):
            meta["lawrefbook_version"] = row["version"]
    if articles:
        meta["first_article"] = articles[0][1]
        meta["last_article"] = max(a[1] for a in articles)
    kind = "other" if level == "案例" else "regulation"
    doc = Document(text=doc_text, kind=kind, title=title, source=str(path) if path else "", published=published,
                   region=region, metadata=meta)
    doc.spans["article"] = article_spans
    doc.spans["heading"] = headings
    return doc
