"""What a law or a normative document says about itself, read from its plain text as published.

A regulation saved as DOCX, PDF, HTML or TXT (not LawRefBook Markdown) carries the same facts as an
imported one, written the way the official texts print them:

* the 题注 under the title, one parenthesis of dated events —
  ``（1996年3月17日第八届全国人民代表大会第四次会议通过　根据2009年8月27日…《关于修改部分法律的决定》第一次修正
  …　2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订）`` — or the same events one per line;
* the 落款 of a 规范性文件 (the issuing office, then a date line: ``某市司法局`` / ``2023年6月5日``) and its
  文号 (``某司发〔2023〕12号``);
* ``本条例自2020年3月1日起施行`` near the end;
* the articles (``第一条　…``) and the headings (``第一章　总　　则``), after a table of contents (目录) that
  repeats the headings.

:func:`describe` reads them into the same fields :mod:`fazhi.corpora.lawrefbook` fills (``published``;
``metadata`` events, issuer, effective, level, articles, first_article, last_article, doc_number;
``spans`` article and heading), so that the registry and the checks treat a law loaded from a Word file
like an imported one.

Examples:
    >>> text = "某市物业管理条例\\n（2019年1月15日某市第四届人民代表大会常务委员会第十四次会议通过　2019年3月28日某省第十三届人民代表大会常务委员会第十一次会议批准）\\n第一章　总　　则\\n第一条　为了规范物业管理活动，制定本条例。\\n第二条　本条例自2019年5月1日起施行。"
    >>> d = describe(text, "某市物业管理条例")
    >>> d["published"], d["metadata"]["effective"], d["metadata"]["issuer"], d["metadata"]["articles"]
    ('2019-03-28', '2019-05-01', '某市人民代表大会常务委员会', 2)
    >>> [e["event"] for e in d["metadata"]["events"]], [s.text for s in d["spans"]["heading"]]
    (['通过', '批准'], ['第一章\u3000总\u3000\u3000则'])
"""
from __future__ import annotations

import re

from fazhi.corpora.lawrefbook import _events_of, issuer_from_event
from fazhi.dates import parse_date
from fazhi.document import Span
from fazhi.numerals import cn_to_int

__all__ = ["describe", "signature_date", "own_signature_date", "own_header_date", "own_number", "find_dates"]

_CN_D = "〇零○Ｏ一二三四五六七八九"
_CN_N = "〇零一二三四五六七八九十"
_DATE = re.compile(rf"(?:\d{{4}}|[{_CN_D}]{{4}})\s*年\s*(?:\d{{1,2}}|[{_CN_N}]{{1,3}})\s*月\s*"
                   rf"(?:\d{{1,2}}|[{_CN_N}]{{1,3}})\s*日")
_EVENT_WORDS = re.compile(r"通过|修正|修改|修订|公布|发布|施行|批准|印发|制定")
_NUM = "零〇一二三四五六七八九十百千两0-9０-９"  # 第１条: typed in full-width mode
# 第X条 at the start of a line, with a space after it or straight into the text (not 第X条规定的…); a stray
# space before 条 occurs in the official texts too (第一百二十八 条侦查人员…)
_ARTICLE = re.compile(rf"^[ \t\u3000]*第([{_NUM}]+)(?:[ \u3000]条(?=[^ \t\u3000的规所中至和及或、，。；：第款项之（(])|"
                      rf"条(之[{_NUM}]+)?(?=[ \t\u3000]|$|[^的规所中至和及或、，。；：第款项之（(]))")
_HEADING = re.compile(rf"^[ \t\u3000]*第([{_NUM}]+)(编|分编|章|节)(?:[ \t\u3000]|$)")
_EFFECTIVE = re.compile(rf"自\s*({_DATE.pattern})\s*起(?:施行|生效|实施|执行)")
_DOC_NUMBER_PATTERN = r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号"
_DOC_NUMBER = re.compile(_DOC_NUMBER_PATTERN)
_ISSUER_SUFFIX = re.compile(r"(?:人民代表大会常务委员会|人民代表大会|人民政府|办公厅|办公室|委员会|司法局|司法厅|"
                            r"局|厅|部|委|院|署|会|所|中心)$")


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of the dates written in full in ``text`` (Arabic or Chinese numerals)."""
    out = []
    for m in _DATE.finditer(text):
        try:
            out.append((m.start(), m.end(), parse_date(m.group(0)).isoformat()))
        except ValueError:
            continue
    return out


def _date_only(line: str) -> str | None:
    """The ISO date of a line that is only a date (a signature line's date), else None."""
    s = line.strip(" \t\u3000")
    m = _DATE.fullmatch(s)
    if not m:
        return None
    try:
        return parse_date(s).isoformat()
    except ValueError:
        return None


def signature_date(lines: list[str], first: bool = True) -> tuple[int, str] | None:
    """(line index, ISO date) of a line that is only a date (a 落款 or signature date); the first one
    (or the last one with ``first=False``)."""
    order = range(len(lines)) if first else range(len(lines) - 1, -1, -1)
    for i in order:
        d = _date_only(lines[i])
        if d:
            return i, d
    return None


_SIGNER = re.compile(r"申请人|当事人|调解员|记录人|被申请人|甲方|乙方|签名|签字|签章|盖章|日期")


_ANY_DATE = rf"(?:{_DATE.pattern}|\d{{4}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}(?!\d))"
# a form's own dated field near its top: a 笔录's 时间, a 登记表's 受理日期, a 工单's 来电时间, a web page's 发布时间
# (not 出生日期, 办理时限 or 立案时间 of another paper, which name other days)
_OWN_DATE_FIELD = re.compile(rf"(?:^|[\t \u3000|])(?:时间|日期|调解时间|调解日期|调查时间|询问时间|谈话时间|受理日期|"
                             rf"受理时间|登记日期|登记时间|回访时间|回访日期|来电时间|来信时间|来访时间|留言时间|发布时间|"
                             rf"发布日期|发文日期|成文日期|填报日期|填表日期|制表日期|报送日期)[ \t\u3000]*[:：\t][ \t\u3000]*"
                             rf"({_ANY_DATE})")
# the 版头 of a 纪要 or a 简报: the office that issues it and the date on one line (某区司法局办公室　　2024年5月15日)
_OFFICE_DATE_LINE = re.compile(rf"[\u4e00-\u9fff（）()、]{{2,30}}[ \t\u3000]{{2,}}({_DATE.pattern})")
# a paper's own number on a line of its own near the top: 某司发〔2024〕7号, （2024）翠调字第015号, 编号：…
_NUMBER_LABEL = r"(?:编号|案件编号|案号|文号|协议编号|登记编号)"
_OWN_NUMBER = re.compile(rf"(?:{_NUMBER_LABEL}[:：]?)?({_DOC_NUMBER_PATTERN}|[（(]\s*(?:19|20)\d{{2}}\s*[）)][^\s，。：:；;]{{1,16}}?号)"
                         r"(?:[ \u3000]*签发人[:：].{1,20})?")
_COURT_CASE_NUMBER = re.compile(r"[（(]\d{4}[）)][\u4e00-\u9fff]{0,3}\d{0,6}[民刑行执赔破司知商][^调律函仲访信]{0,8}号")


def _parse_iso(value: str) -> str | None:
    try:
        return parse_date(re.sub(r"\s+", "", value)).isoformat()
    except ValueError:
        return None


def _signature_candidate(line: str) -> str | None:
    """The date of a signature line: a line that is only a date, or a signer's line ending with one
    (申请人：张某　　2024年5月6日, 日期：2024年7月3日)."""
    d = _date_only(line)
    if d:
        return d
    s = line.strip(" \t\u3000")
    m = None
    for m in _DATE.finditer(s):
        pass
    if m and m.end() == len(s) and _SIGNER.search(s[:m.start()]) and len(s[:m.start()]) <= 30:
        return _parse_iso(m.group(0))
    return None


_ATTACHMENT_START = re.compile(r"^(?:附件|附[:：]|附表|附：)")
_PAPER_TITLE = re.compile(r"(?:书|表|单|清单|笔录|记录|协议|证明|收据)$")


def own_signature_date(lines: list[str]) -> str | None:
    """The date a paper is signed on: the signature block that closes its own text — the first one, not
    that of a paper attached after it (司法确认申请书 followed by the 调解协议书 it asks to confirm, an
    agreement followed by its 附件 list) nor a later note (履行情况：… 记录人 2024年7月12日). A block is a
    run of signature lines (dates, signers, offices: short lines that are no sentence and no title)."""
    n = len(lines)
    i = 0
    while i < n and _signature_candidate(lines[i]) is None:
        i += 1
    if i == n:
        return None
    date = _signature_candidate(lines[i])
    for j in range(i + 1, n):
        s = lines[j].strip(" \t\u3000")
        if not s:
            continue
        d = _signature_candidate(lines[j])
        if d:
            date = d
            continue
        if (len(s) > 40 or re.search(r"[。；;，,]", s) or _ATTACHMENT_START.match(s)
                or _PAPER_TITLE.search(re.sub(r"[ \u3000]", "", s))):
            break
    return date


def _head_lines(lines: list[str], n: int = 8):
    """(1-based count, stripped line) of the first ``n`` non-blank lines: where a paper states its own date or number."""
    seen = 0
    for line in lines:
        s = line.strip(" \t\u3000")
        if s:
            seen += 1
            if seen > n:
                return
            yield seen, s


def own_header_date(lines: list[str]) -> str | None:
    """The date a form or a page gives itself near its top when nothing is signed: a 笔录's 时间, a 登记表's
    受理日期, a 工单's 来电时间, a page's 发布时间, a 纪要's or a 简报's 版头 date."""
    for seen, s in _head_lines(lines):
        m = _OWN_DATE_FIELD.search(s)
        if m:
            d = _parse_iso(m.group(1))
            if d:
                return d
        m = _OFFICE_DATE_LINE.fullmatch(s)
        if m and seen <= 4:
            d = _parse_iso(m.group(1))
            if d:
                return d
    return None


def own_number(lines: list[str]) -> tuple[str, str] | None:
    """("case_number" or "doc_number", number) of the number a paper carries on a line (or a table cell)
    of its own among its first lines: a court's 案号, an office's 文号, an agreement's or a form's 编号."""
    for _seen, s in _head_lines(lines):
        cells = [c.strip(" \u3000") for c in s.split("\t")] if "\t" in s else [s]
        for k, c in enumerate(cells):
            m = _OWN_NUMBER.fullmatch(c)
            if not m or (k and not re.fullmatch(_NUMBER_LABEL, cells[k - 1]) and not c.startswith(("编号", "案", "文号"))):
                continue
            number = re.sub(r"\s+", "", m.group(1))
            return ("case_number" if _COURT_CASE_NUMBER.fullmatch(number) else "doc_number"), number
    return None


def _order_number(lines: list[str]) -> str | None:
    """The number of the 令 a text opens with (某市人民政府令 / 第145号 → 某市人民政府令第145号)."""
    from fazhi.corpora.loaders import ORDER_HEAD, ORDER_NUMBER

    head = [re.sub(r"[ \u3000]", "", x) for x in lines[:6] if x.strip()]
    if not head:
        return None
    m = re.fullmatch(r"(.{1,30}令)[（(]?(第.{1,8}号)[）)]?", head[0])
    if m and ORDER_HEAD.fullmatch(m.group(1)) and ORDER_NUMBER.fullmatch(m.group(2)):
        return m.group(1) + m.group(2)  # 某市人民政府令（第145号） on one line
    if ORDER_HEAD.fullmatch(head[0]) and len(head) > 1 and ORDER_NUMBER.fullmatch(head[1]):
        return head[0] + head[1].strip("（()）")
    return None


def _header_events(lines: list[str]) -> tuple[list[dict], set[int]]:
    """Events of the 题注 in the first lines (a parenthesis, maybe over several lines, or date lines)."""
    events: list[dict] = []
    used: set[int] = set()
    i = 0
    limit = min(len(lines), 14)
    while i < limit:
        s = lines[i].strip(" \t\u3000")
        block = None
        if s[:1] in "（(" and _DATE.search(s):
            block, j = s, i
            while not re.search(r"[）)]$", block) and j + 1 < len(lines) and j - i < 5:
                j += 1  # a 题注 set over several lines
                block += lines[j].strip(" \t\u3000")
            if _EVENT_WORDS.search(block):
                block = block[1:].rstrip("）)")
                used.update(range(i, j + 1))
                i = j
            else:
                block = None
        elif _DATE.match(s) and _EVENT_WORDS.search(s) and len(s) < 300:
            block = s
            used.add(i)
        if block:
            dates = find_dates(block)
            pending: list[dict] = []  # 最高人民法院…会议、2010年…最高人民检察院…会议通过: both meetings adopted it
            for k, (a, _b, iso) in enumerate(dates):
                start = a
                if block[max(0, a - 2):a] == "根据":
                    start = a - 2
                end = dates[k + 1][0] if k + 1 < len(dates) else len(block)
                if k + 1 < len(dates) and block[max(0, end - 2):end] == "根据":
                    end -= 2
                seg = block[start:end].strip(" \t\u3000；;，,")
                rest = block[dates[k][1]:end]
                if k + 1 < len(dates) and block[dates[k][1]:dates[k + 1][0]].strip() in ("", "起"):
                    continue  # a date range or 自…起 read with the next date
                if re.match(r"\s*起(?:施行|生效|实施)", rest) or seg.startswith("自"):
                    events.append({"date": iso, "event": "施行", "text": seg})
                    continue
                found = _events_of(iso, rest, seg)
                if found[0]["event"] == "其他" and re.search(r"印发|颁布|发文", rest):
                    found[0]["event"] = "公布"  # a 规范性文件 is issued (印发) rather than promulgated
                if found[0]["event"] == "其他" and re.search(r"[、和及与]\s*$", rest) and k + 1 < len(dates):
                    pending.extend(found)
                    continue
                for e in pending:
                    e["event"] = found[0]["event"]
                events.extend(pending + found)
                pending = []
            events.extend(pending)
        elif used:
            break
        i += 1
    return events, used


_OFFICE_ISSUED = re.compile(r"([\u4e00-\u9fff、]{2,30}?(?:人民政府|办公厅|办公室|委员会|局|厅|部|委|院|署))"
                            r"(?:以|第|令|印发|发布|公布|颁布|审议|会议)")


def _issuer(title: str, events: list[dict], lines: list[str], sig: int | None) -> str | None:
    # the title's own 某某关于 names every issuer of a joint text (最高人民法院、最高人民检察院关于…)
    m = re.match(r"^([\u4e00-\u9fff、]{2,40}?)关于", title)
    if m and _ISSUER_SUFFIX.search(m.group(1)):
        return m.group(1)
    for e in events:
        if e["event"] in ("通过", "公布", "修订", "修正", "批准", "其他"):
            who = issuer_from_event(e["text"])
            if who:
                return who
            # 2019年3月1日某市司法局以某司发〔2019〕5号印发: the office that issued it by notice
            m = _OFFICE_ISSUED.match(_DATE.sub("", e["text"], count=1).lstrip("根据 \u3000"))
            if m:
                return m.group(1)
    if sig is not None and sig > 0:
        prev = lines[sig - 1].strip(" \t\u3000")
        if 2 <= len(prev) <= 40 and _ISSUER_SUFFIX.search(prev) and re.fullmatch(r"[\u4e00-\u9fff、（）() ]+", prev):
            return prev
    return None


def _level(title: str, issuer: str | None) -> str | None:
    t = re.sub(r"[（(][^（）()]*[）)]$", "", title).strip()
    if re.search(r"关于印发|的通知$|的意见$|的决定$", t) and not re.search(r"人民代表大会", issuer or ""):
        return "规范性文件"
    who = issuer or ""
    if t.startswith("中华人民共和国") and t.endswith("法") or who in ("全国人民代表大会", "全国人民代表大会常务委员会"):
        return "法律"
    if who == "国务院" and t.endswith(("条例", "规定", "办法")):
        return "行政法规"
    if "人民代表大会" in who and t.endswith(("条例", "规定", "办法", "决定")):
        return "地方性法规"
    if who.endswith("人民政府") and t.endswith(("规定", "办法", "细则")):
        return "地方政府规章"
    if re.search(r"(部|委员会|总局|署|银行)$", who) and t.endswith(("规定", "办法", "细则")):
        return "部门规章"
    return None


def _structure(text: str) -> tuple[list[Span], list[Span]]:
    """Article and heading spans of the body (after any table of contents)."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    articles: list[tuple[int, int, str | None, int]] = []  # (line, number, suffix, start offset)
    last = 0
    for i, line in enumerate(lines):
        m = _ARTICLE.match(line)
        if not m:
            continue
        try:
            n = cn_to_int(m.group(1))
        except ValueError:
            continue
        suffix = m.group(2)
        if n > last or (suffix and n == last):
            lead = len(line) - len(line.lstrip(" \t\u3000"))
            articles.append((i, n, suffix, starts[i] + lead))
            last = n
    if not articles:
        return [], []
    # the body starts at the headings right above the first article; headings before them are a 目录
    # (going up, a heading of a rank already seen must have a smaller number: 第八章 above 第一章 is the 目录's)
    body = articles[0][0]
    k = body - 1
    seen: dict[str, int] = {}
    while k >= 0 and (not lines[k].strip() or _HEADING.match(lines[k])):
        m = _HEADING.match(lines[k])
        if m:
            try:
                n = cn_to_int(m.group(1))
            except ValueError:
                break
            if m.group(2) in seen and n >= seen[m.group(2)]:
                break
            seen[m.group(2)] = n
            body = k
        k -= 1
    headings: list[Span] = []
    for i in range(body, len(lines)):
        line = lines[i]
        m = _HEADING.match(line)
        if m and len(line.strip()) <= 40 and not re.search(r"[。；，]", line):
            s = line.strip(" \t\u3000")
            a = starts[i] + line.index(s)
            try:
                n = cn_to_int(m.group(1))
            except ValueError:
                n = None
            headings.append(Span(start=a, end=a + len(s), label=m.group(2), text=s, norm=n, source="structure"))
    bounds = {a[3] for a in articles} | {h.start for h in headings} | {len(text)}
    sig = _signature_start(lines, articles[-1][0])
    if sig is not None:
        bounds.add(starts[sig])
    bounds = sorted(bounds)
    spans = []
    import bisect

    for i, n, suffix, a in articles:
        nxt = bounds[bisect.bisect_right(bounds, a)] if bisect.bisect_right(bounds, a) < len(bounds) else len(text)
        e = nxt
        while e > a and text[e - 1] in " \n\t\u3000\r":
            e -= 1
        attrs = {"suffix": suffix} if suffix else {}
        spans.append(Span(start=a, end=e, label="article", text=text[a:e], norm=n, source="structure", attrs=attrs))
    return spans, headings


def _signature_start(lines: list[str], after: int) -> int | None:
    """The first line of the 落款 at the end of the text, below line ``after`` (the last article's): a line
    that is only a date, and the issuing offices' lines right above it (某县人民政府办公室 / 2022年11月8日), which
    are no part of the last article."""
    k = len(lines) - 1
    while k > after and not lines[k].strip():
        k -= 1
    if k <= after or _date_only(lines[k]) is None:
        return None
    j = k
    while j - 1 > after and k - j < 3:
        s = lines[j - 1].strip(" \t\u3000")
        if not (2 <= len(s) <= 40 and _ISSUER_SUFFIX.search(s) and re.fullmatch(r"[\u4e00-\u9fff、（）() ]+", s)):
            break
        j -= 1
    return j


def describe(text: str, title: str = "", regulation: bool = True) -> dict:
    """The facts ``text`` states about itself: ``{"published", "metadata", "spans"}`` (empty values left
    out). With ``regulation=False`` only the paper's own date and number are read: the date of the signature
    block closing its own text (:func:`own_signature_date`), else its own dated field near the top
    (:func:`own_header_date`); its 案号 (``metadata["case_number"]``) or 文号 / 编号 (``metadata["doc_number"]``)
    on a line of its own near the top (:func:`own_number`)."""
    lines = text.split("\n")
    out: dict = {"metadata": {}, "spans": {}}
    if not regulation:
        own = own_signature_date(lines) or own_header_date(lines)
        if own:
            out["published"] = own
        number = own_number(lines)
        if number:
            out["metadata"][number[0]] = number[1]
        return out
    events, used = _header_events(lines)
    adoption = [e for e in events if e["event"] in ("通过", "修正", "修订", "公布", "批准")]
    sig = signature_date(lines[:60]) if not adoption else None
    published = max(e["date"] for e in adoption) if adoption else (sig[1] if sig else None)
    effective = None
    in_force = [e["date"] for e in events if e["event"] == "施行" and (not published or e["date"] >= published)]
    if in_force:
        effective = in_force[-1]
    else:
        for m in _EFFECTIVE.finditer(text):
            try:
                d = parse_date(m.group(1)).isoformat()
            except ValueError:
                continue
            if not published or d >= published:
                effective = d
    issuer = _issuer(title, events, lines, sig[0] if sig else None)
    meta = out["metadata"]
    if events:
        meta["events"] = events
    if issuer:
        meta["issuer"] = issuer
    if effective:
        meta["effective"] = effective
    level = _level(title, issuer)
    if level:
        meta["level"] = level
    m = _DOC_NUMBER.search("\n".join(lines[:12]))
    if m:
        meta["doc_number"] = re.sub(r"\s+", "", m.group(0))
    else:
        order = _order_number(lines)
        if order:
            meta["doc_number"] = order
    articles, headings = _structure(text)
    if articles:
        meta["articles"] = sum(1 for s in articles if not s.attrs.get("suffix"))
        meta["first_article"] = articles[0].norm
        meta["last_article"] = max(s.norm for s in articles)
        out["spans"]["article"] = articles
    if headings:
        out["spans"]["heading"] = headings
    if published:
        out["published"] = published
    return out
