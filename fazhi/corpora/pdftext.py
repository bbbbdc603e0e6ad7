"""The text layer of a PDF page as a reader sees it: lines in reading order, paragraphs rebuilt.

PDFium's own text (``get_text_range``) follows the content stream and breaks a line wherever the page
does, which on a law printed from Word or LibreOffice gives:

* a sentence, a date or a title cut at every line end (``第一次修\\n正``, ``《人民调解委员\\n会组织条例》``),
  so that citations and dates across a line end are lost downstream;
* spaces it made up between Chinese and figures (``2021 年 7 月 15 日``) from the automatic spacing of
  word processors;
* glyphs drawn in another font after or before the rest of their line in the stream (the curly quotes of
  ``本法中“二日”“三日”…`` came first as ``“ ”“ ”“ ”“ ” 第八十五条 本法中 二日 三日``).

Here the page's characters are read with their boxes: a line is the run of characters on one baseline,
ordered left to right; a space is put where the gap between two characters is a real one (half an em
beside a Chinese character, a fifth of an em between Latin letters); a line that runs to the right margin
is joined to the next one unless that one is indented or starts an article, a heading or an item; a
page number alone at the top or bottom of a page is left out. :func:`join_pages` continues a paragraph
across a page break the same way. A page printed in two columns (a gazette, 公报) is read column by column
whether it draws them row by row or one after the other: the white band down between the columns cuts
the lines drawn across both, the margins are those of each column, and a paragraph at the foot of one
column goes on at the head of the next; a centred title across the columns stays where it is.

Examples:
    >>> _gap_is_space("年", "7", 2.4, 10.0), _gap_is_space("条", "本", 2.5, 10.0), _gap_is_space("a", "b", 3.0, 10.0)
    (False, True, True)
    >>> _starts_block("（二）罚款"), _starts_block("第十二条　行政法规"), _starts_block("会组织条例》等有关规定")
    (True, True, False)
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

__all__ = ["page_lines", "page_text", "page_paragraphs", "pages_paragraphs", "join_pages", "Line"]

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014]")
_NUM = "零〇一二三四五六七八九十百千两0-9０-９"
# what starts a new block even when the line before ran to the margin
_BLOCK_START = re.compile(
    rf"^(?:第[{_NUM}]+(?:编|分编|章|节|条)|[（(][{_NUM}]+[）)]|[{_NUM}]+[、．.](?!\d)|附件|附表|附：|"
    rf"[一二三四五六七八九十]+是|[（(]?[0-9]+[)）]|[①-⑳])")
_PAGE_NUMBER = re.compile(r"^[\s\-—－–~～·•]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／共]\s*[0-9０-９]{1,4}\s*页?)?"
                          r"[\s\-—－–~～·•]*$|^[\s\-—－–]*[一二三四五六七八九十百]{1,5}[\s\-—－–]*$")


@dataclass
class Line:
    """One line of a page: its text and box (PDF points, y upwards) and the size of its characters."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    em: float
    flags: dict = field(default_factory=dict)


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _gap_is_space(left: str, right: str, gap: float, em: float) -> bool:
    """Whether a gap of ``gap`` points between two characters of size ``em`` is a space a reader sees:
    between two Chinese characters any real gap (they are set solid; a space is a quarter em or more);
    between Chinese and a figure or letter half an em (word processors put a quarter em there by
    themselves); between Latin letters a fifth of an em."""
    lc, rc = _is_cjk(left), _is_cjk(right)
    if lc and rc:
        return gap > 0.15 * em
    if lc or rc:
        return gap > 0.5 * em
    return gap > 0.18 * em


def _starts_block(text: str) -> bool:
    return bool(_BLOCK_START.match(text.lstrip(" \u3000")))


def _chars(tp):
    """(char, left, bottom, right, top, size, origin x) of the page's drawn characters, in stream order; a drawn
    space is kept as ' ' (its box marks a gap), PDFium's generated spaces and line breaks are not."""
    import ctypes

    import pypdfium2.raw as raw

    handle = tp.raw
    n = raw.FPDFText_CountChars(handle)
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    loose = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    out = []
    for i in range(n):
        code = raw.FPDFText_GetUnicode(handle, i)
        if code in (0, 0xFFFE, 0xFEFF):
            continue
        ch = chr(code)
        if raw.FPDFText_IsGenerated(handle, i) == 1 or ch in "\r\n":
            continue
        raw.FPDFText_GetCharBox(handle, i, l, r, b, t)
        size = raw.FPDFText_GetFontSize(handle, i) or (t.value - b.value) or 10.0
        left, right = l.value, r.value
        # across: the advance of the glyph (its loose box), not its ink: a 1 or a 《 is narrower than
        # the room it takes, and its ink box made gaps that are none (1 996年, 根据 《…》)
        if raw.FPDFText_GetLooseCharBox(handle, i, loose) and loose.right > loose.left:
            left, right = loose.left, loose.right
        if ch.isspace():
            ch = " "
        raw.FPDFText_GetCharOrigin(handle, i, ox, oy)
        out.append((ch, left, b.value, right, t.value, size, ox.value))
    return out


def page_lines(tp) -> list[Line]:
    """The lines of a page (a pypdfium2 PdfTextPage) in reading order, each sorted left to right."""
    groups: list[list[tuple]] = []
    cur: list[tuple] = []
    cy = None
    for c in _chars(tp):
        ch, left, bottom, right, top, size, _origin = c
        mid = (bottom + top) / 2 if top > bottom else bottom + size / 2
        if cur and cy is not None and abs(mid - cy) > 0.5 * size:
            # the stream went to another line; it may come back to this one (a fragment in another font)
            groups.append(cur)
            cur = []
        if not cur:
            same = next((g for g in reversed(groups[-3:]) if abs(_mid(g) - mid) <= 0.5 * size
                         and not _overlaps(g, left, right)), None)
            if same is not None:
                groups.remove(same)
                cur = same
        cur.append(c)
        cy = mid if ch != " " else cy
    if cur:
        groups.append(cur)
    lines = []
    for g, col in _columns(groups):
        g = sorted(g, key=lambda c: c[1])
        glyphs = [c for c in g if c[0] != " "]
        if not glyphs:
            continue
        # the size of the type as drawn: Chinese characters are an em wide (the font size PDFium reports
        # leaves out the page's scaling: Chrome's 16 for 12-point type)
        wide = [c[3] - c[1] for c in glyphs if _is_cjk(c[0]) and c[3] > c[1]]
        em = statistics.median(wide) if wide else statistics.median(c[5] for c in glyphs)
        parts = []
        prev = None
        spaced = False
        widest = 0.0
        for c in g:
            if c[0] == " ":
                spaced = prev is not None
                continue
            if prev is not None:
                gap = c[1] - prev[3]
                if _is_cjk(prev[0]) and _is_cjk(c[0]) and c[6] > prev[6]:
                    # Chinese characters advance an em from origin to origin; their boxes can be narrower (自)
                    gap = c[6] - prev[6] - em
                widest = max(widest, gap / em)
                if _gap_is_space(prev[0], c[0], gap, em) or (spaced and gap > 0.1 * em):
                    parts.append(" ")
            parts.append(c[0])
            prev = c
            spaced = False
        text = "".join(parts)
        lines.append(Line(text=text, x0=min(c[1] for c in glyphs), x1=max(c[3] for c in glyphs),
                          bottom=min(c[2] for c in glyphs), top=max(c[4] for c in glyphs), em=em,
                          flags={"cells": widest > 2.5, "col": col}))  # wide gaps: a table row
    return lines


def _columns(groups: list[list[tuple]]) -> list[tuple[list[tuple], int | None]]:
    """The lines (groups of characters) in reading order, each with its column (None: one column, or a
    line across the gutter). On a page printed in two columns (a gazette) a white band runs down between
    them that (almost) no line crosses, with running text on each side (:func:`fazhi.ocr.layout.find_gutters`
    on the runs of characters of each line); a line drawn across both columns on one baseline is cut there,
    and the left column is read before the right one, between the lines that span the page (a centred title).
    """
    from fazhi.ocr.layout import find_gutters

    runs = []
    for g in groups:
        glyphs = sorted((c for c in g if c[0] != " " and c[3] > c[1]), key=lambda c: c[1])
        if not glyphs:
            continue
        em = statistics.median(c[3] - c[1] if _is_cjk(c[0]) else c[5] for c in glyphs)
        start = glyphs[0]
        for a, b in zip(glyphs, glyphs[1:] + [None]):
            if b is None or b[1] - a[3] > 1.2 * em:
                lo, hi = min(c[2] for c in glyphs), max(c[4] for c in glyphs)
                runs.append([int(start[1]), int(-hi), int(a[3] + 0.999), int(-lo + 0.999)])
                start = b
    gutters = find_gutters(runs) if len(runs) >= 6 else []
    if not gutters:
        return [(g, None) for g in groups]
    rows = []  # (mid height, column or None, characters)
    for g in groups:
        mid = _mid(g)
        if any(c[0] != " " and c[1] < g1 - 0.5 and c[3] > g0 + 0.5 for g0, g1 in gutters for c in g):
            rows.append((mid, None, g))  # across the gutter
            continue
        parts: dict[int, list] = {}
        for c in g:
            k = sum(1 for g0, g1 in gutters if (c[1] + c[3]) / 2 >= (g0 + g1) / 2)
            parts.setdefault(k, []).append(c)
        rows.extend((mid, k, part) for k, part in sorted(parts.items()) if any(c[0] != " " for c in part))
    rows.sort(key=lambda r: -r[0])
    out: list[tuple[list[tuple], int | None]] = []
    block: list[tuple] = []

    def flush():
        for k in sorted({r[1] for r in block}):
            out.extend((r[2], k) for r in block if r[1] == k)
        block.clear()

    for r in rows:
        if r[1] is None:
            flush()
            out.append((r[2], None))
        else:
            block.append(r)
    flush()
    return out


def _mid(g) -> float:
    glyphs = [c for c in g if c[0] != " "] or g
    return statistics.median((c[2] + c[4]) / 2 for c in glyphs)


def _overlaps(g, left: float, right: float) -> bool:
    return any(c[0] != " " and c[1] < right - 0.5 and left < c[3] - 0.5 for c in g)


def _margins(lines: list[Line]) -> tuple[float, float]:
    """The left and right edges of the body text: the outermost edges that several lines share (a
    browser's header and footer, printed wider than the page's text, are not its margins)."""
    body = [ln for ln in lines if len(ln.text) >= 8] or lines
    need = max(2, len(body) // 5) if len(body) >= 4 else 1

    def edge(values, outward):
        values = sorted(values, reverse=outward)
        for v in values:
            if sum(1 for w in values if abs(w - v) <= 1.5 * body[0].em) >= need:
                return v
        return values[0]

    left, right = edge([ln.x0 for ln in body], False), edge([ln.x1 for ln in body], True)
    # A page of one-line paragraphs of many lengths (a short 规则 or notice typed in Word) has no edge that
    # several lines share but a few short lines that happen to end together; lines of the body reaching well
    # past it show the real margin, which wrapped lines reach. A browser's header and footer, wider than the
    # text, are the page's top and bottom lines, in smaller type, and do not count.
    size = statistics.median(ln.em for ln in body)
    ends = {id(max(lines, key=lambda ln: ln.top)), id(min(lines, key=lambda ln: ln.top))}
    inner = [ln for ln in body if id(ln) not in ends and abs(ln.em - size) <= 0.15 * size
             and ln.x1 - right > 1.5 * ln.em]
    if inner:
        right = max(ln.x1 for ln in inner)
    return left, right


def _runs_to_margin(line: Line, right: float) -> bool:
    return right - line.x1 < 1.5 * line.em and not re.search(r"[。！？：；:;?!]$", line.text) or right - line.x1 < 0.6 * line.em


def _open_bracket(text: str) -> bool:
    """``text`` opens a （ or 《 it does not close."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")") or text.count("《") > text.count("》")


def _continues(prev: Line, nxt: Line, left: float, right: float, indents: bool = False) -> bool:
    """Whether ``nxt`` continues the paragraph that ``prev`` ends: prev runs to the right margin, nxt
    starts at the left one and starts no article, heading or item, and both are of one size."""
    # Chinese line breaking keeps punctuation off a line's start: when the next line opens with a
    # character and its 、 (or the punctuation itself), that character left the line early, short by two ems
    kept_off = bool(re.match(r"^.?[，。、；：？！）》」』”’]", nxt.text)) and right - prev.x1 < 3.2 * prev.em
    # a bracket left open at the line's end goes on in the next line (a centred 题注 over two lines)
    if _open_bracket(prev.text) and not _starts_block(nxt.text) and abs(prev.em - nxt.em) <= 0.15 * prev.em:
        return True
    # where paragraphs open indented, a sentence may end at the margin and the paragraph go on
    full = _runs_to_margin(prev, right) or indents and right - prev.x1 < 1.5 * prev.em
    if not (full or kept_off) or _starts_block(nxt.text) or prev.flags.get("cells") \
            or nxt.flags.get("cells"):
        return False
    # an indented line starts a paragraph, unless the line before stops mid-sentence (the last line of a
    # centred paragraph is indented too: 题注 of a law)
    if nxt.x0 - left > 0.9 * nxt.em and re.search(r"[。！？；：]$|^.{0,30}$", prev.text):
        return False
    return abs(prev.em - nxt.em) <= 0.15 * max(prev.em, nxt.em)


def _joined(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    if a.endswith("-") and len(a) > 1 and a[-2].isascii() and a[-2].isalpha() and b[:1].isascii():
        return a[:-1] + b
    return a + b


def _drop_page_numbers(lines: list[Line]) -> list[Line]:
    """Lines that are only a page number (- 3 -, 第3页 共10页, 3/10), at the top or bottom of a page."""
    if len(lines) < 2:
        return lines
    out = list(lines)
    for i in (0, -1):
        if out and _PAGE_NUMBER.match(out[i].text.strip()):
            out.pop(i)
    return out


def _paragraphs(lines: list[Line]) -> list[Line]:
    if not lines:
        return []
    # the margins (and the indent of paragraphs: two characters) of each column; of the page for a
    # one-column page and for the lines across the columns
    page = _margins(lines)
    frame = {}
    for col in {ln.flags.get("col") for ln in lines}:
        these = [ln for ln in lines if ln.flags.get("col") == col]
        left, right = page if col is None else _margins(these)
        frame[col] = (left, right, sum(1 for ln in these if 1.5 * ln.em <= ln.x0 - left <= 2.6 * ln.em) >= 2)
    out = [lines[0]]
    for ln in lines[1:]:
        prev = out[-1]
        pc, nc = prev.flags.get("col"), ln.flags.get("col")
        left, right, indents = frame[nc]
        # the foot of one column goes on at the head of the next one
        below = pc == nc and prev.top - ln.top > 0 and prev.bottom - ln.top < 2.5 * ln.em \
            or pc is not None and nc == pc + 1
        if below and _continues(prev, ln, left, frame[pc][1] if pc != nc else right, indents):
            out[-1] = Line(text=_joined(prev.text, ln.text), x0=prev.x0, x1=ln.x1, bottom=ln.bottom,
                           top=prev.top if pc == nc else ln.top, em=prev.em, flags=dict(ln.flags))
        else:
            out.append(ln)
    out[-1].flags["runs_on"] = _runs_to_margin(out[-1], frame[out[-1].flags.get("col")][1]) if len(lines) > 1 else False
    left = frame[out[0].flags.get("col")][0]
    out[0].flags["starts_block"] = out[0].x0 - left > 0.9 * out[0].em or _starts_block(out[0].text)
    return out


def _drop_running(pages: list[list[Line]]) -> list[list[Line]]:
    """Running heads and feet: a line among the first two or last two of a page that recurs (figures
    aside) on half the pages or more — a browser's date, title and URL, 某某局文件, 第3页 共10页."""
    if len(pages) < 2:
        return pages

    def key(ln: Line) -> str:
        return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", ln.text))

    seen: dict[str, set[int]] = {}
    for i, lines in enumerate(pages):
        for ln in lines[:2] + lines[-2:]:
            seen.setdefault(key(ln), set()).add(i)
    running = {k for k, on in seen.items() if len(on) >= max(2, (len(pages) + 1) // 2)}
    if not running:
        return pages
    out = []
    for lines in pages:
        edge = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines)))
        out.append([ln for k, ln in enumerate(lines) if not (k in edge and key(ln) in running)])
    return out


def pages_paragraphs(pages: list[list[Line]]) -> list[list[Line]]:
    """The paragraphs of each page of a document, given the lines of every page (:func:`page_lines`):
    running heads and feet and page numbers left out."""
    return [_paragraphs(_drop_page_numbers(lines)) for lines in _drop_running(pages)]


def page_text(tp) -> str:
    """The page's text: one paragraph per line (see the module docstring)."""
    return "\n".join(p.text for p in page_paragraphs(tp))


def page_paragraphs(tp) -> list[Line]:
    """The page's paragraphs, with ``flags`` runs_on (the last one runs to the margin) and starts_block
    (the first one is indented or starts an article): what :func:`join_pages` needs."""
    return _paragraphs(_drop_page_numbers(page_lines(tp)))


def join_pages(pages: list[list[Line]]) -> str:
    """The text of several pages' paragraphs, one per line; a paragraph cut by a page break is joined
    again."""
    blocks: list[list[str]] = []
    carry = False
    for paras in pages:
        if not paras:
            continue
        texts = [p.text for p in paras]
        if carry and blocks and not paras[0].flags.get("starts_block"):
            blocks[-1][-1] = _joined(blocks[-1][-1], texts[0])
            blocks[-1].extend(texts[1:])
        else:
            blocks.append(texts)
        carry = bool(paras[-1].flags.get("runs_on"))
    return "\n".join("\n".join(b) for b in blocks)
