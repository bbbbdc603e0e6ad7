"""Ruled tables on a scanned page: cells from the rulings, text read row by row, cell by cell.

A 调解协议书 or 调解申请书 opens with a ruled table of the parties (当事人 | 姓名 | 性别 | 出生年月 | 住址 | 联系电话).
When an address wraps inside its cell the row is two or three lines high while its other cells hold one
line set in the middle; read by rows of text, the wrapped cell's lines fell between and after the other
cells (``某市东城区幸福街道幸`` / ``甲方 张建国 男 1965年3月福路12号院3单元502 13812345678`` / ``室``). And the
detector sometimes takes a row of short cells for one line across the rulings (``姓名性别出生年月``).

:func:`find_tables` finds the rulings (long thin horizontal and vertical strokes, by morphological
opening) and the cells between them; :func:`read_tables` puts each recognised line into its cell —
cutting a line that crosses a vertical ruling at the ruling, characters weighted by their width — and
gives one line per table row: the cells left to right, separated by a space, each cell's lines joined
top to bottom.

Examples:
    >>> _split_at("姓名性别出生年月", 0, 80, [20, 40])
    ['姓名', '性别', '出生年月']
    >>> _split_at("1965年3月", 0, 50, [])
    ['1965年3月']
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Table", "find_tables", "read_tables"]

_WORK_WIDTH = 1300


@dataclass
class Table:
    """A ruled table: its box and, per row band (top, bottom), the x of the vertical rulings."""

    box: tuple[int, int, int, int]
    rows: list[tuple[int, int]] = field(default_factory=list)
    cols: list[list[int]] = field(default_factory=list)


def _runs(values, gap: int) -> list[int]:
    """Centres of runs of sorted positions no more than ``gap`` apart."""
    out, start, last = [], None, None
    for v in values:
        if start is None:
            start = last = v
        elif v - last <= gap:
            last = v
        else:
            out.append((start + last) // 2)
            start = last = v
    if start is not None:
        out.append((start + last) // 2)
    return out


def find_tables(gray, min_rows: int = 2, min_cols: int = 2) -> list[Table]:
    """The ruled tables of a grey page (uint8 array, dark ink on light paper)."""
    import cv2
    import numpy as np

    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_RGB2GRAY)
    full_w = gray.shape[1]
    scale = min(1.0, _WORK_WIDTH / full_w)  # rulings are found on a page about 150 dpi wide (0.1 s)
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = gray.shape
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if not ((ink > 0).sum(axis=1) > w // 4).any():
        return []  # no row of the page is a quarter ink: no ruling, no table
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 12), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(12, h // 60))))
    # a scan is never quite straight: close small breaks so that a ruling is one component (for finding
    # the table); the cells are read on rulings widened across only, so that the upright strokes of
    # two lines of text in one cell (市 over 1) do not join into a ruling
    vert_cols = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 1)))
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    grid = cv2.bitwise_or(horiz, vert)
    n, _, stats, _ = cv2.connectedComponentsWithStats(grid, 8)
    tables = []
    for i in range(1, n):
        x, y, bw, bh, _area = stats[i]
        if bw < w // 4 or bh < max(20, h // 60):
            continue
        hsub = horiz[y:y + bh, x:x + bw]
        vsub = vert_cols[y:y + bh, x:x + bw]
        ys = [int(v) + y for v in np.nonzero((hsub > 0).sum(axis=1) > 0.5 * bw)[0]]
        row_lines = _runs(ys, 6)
        if len(row_lines) < min_rows + 1:
            continue
        t = Table(box=(int(x), int(y), int(x + bw), int(y + bh)))
        for top, bottom in zip(row_lines, row_lines[1:]):
            if bottom - top < 8:
                continue
            a, b = top - y + 4, bottom - y - 4
            if b <= a:
                continue
            band = vsub[a:b]
            xs = [int(v) + x for v in np.nonzero((band > 0).sum(axis=0) > 0.85 * (b - a))[0]]
            cols = [int(c) for c in _runs(xs, 6)]
            if len(cols) >= min_cols + 1:
                t.rows.append((int(top), int(bottom)))
                t.cols.append(cols)
        if len(t.rows) >= min_rows:
            tables.append(t)
    if scale < 1.0:
        k = 1.0 / scale
        tables = [Table(box=tuple(int(v * k) for v in t.box), rows=[(int(a * k), int(b * k)) for a, b in t.rows],
                        cols=[[int(c * k) for c in cols] for cols in t.cols]) for t in tables]
    return tables


def _width(ch: str) -> float:
    return 0.55 if ch.isascii() else 1.0


def _split_at(text: str, x0: int, x1: int, cuts: list[int]) -> list[str]:
    """``text`` drawn from ``x0`` to ``x1`` cut at the x positions ``cuts`` (characters by width)."""
    if not cuts or not text:
        return [text]
    total = sum(_width(c) for c in text) or 1.0
    scale = (x1 - x0) / total
    parts, cur, pos, k = [], "", float(x0), 0
    for ch in text:
        mid = pos + _width(ch) * scale / 2
        while k < len(cuts) and mid > cuts[k]:
            parts.append(cur)
            cur, k = "", k + 1
        cur += ch
        pos += _width(ch) * scale
    parts.append(cur)
    return parts + [""] * (len(cuts) + 1 - len(parts))


def _split_by_ink(text: str, inks: list[float]) -> list[str]:
    """``text`` cut into ``len(inks)`` parts whose widths follow the widths of ink ``inks`` found in
    each cell the line crosses (the white around centred cell text is not text)."""
    total_ink = sum(inks)
    if total_ink <= 0:
        return [text]
    bounds, acc = [], 0.0
    for v in inks:
        acc += v
        bounds.append(acc / total_ink)
    total = sum(_width(c) for c in text) or 1.0
    parts = [""] * len(inks)
    pos = 0.0
    for ch in text:
        mid = (pos + _width(ch) / 2) / total
        k = next((i for i, b in enumerate(bounds) if mid <= b), len(bounds) - 1)
        parts[k] += ch
        pos += _width(ch)
    return parts


def _ink_widths(gray, box, edges) -> list[float]:
    """The width of ink between each pair of ``edges`` inside ``box`` (rulings themselves left out)."""
    import numpy as np

    x0, y0, x1, y1 = box
    out = []
    for a, b in zip(edges, edges[1:]):
        a, b = int(max(a + 4, x0)), int(min(b - 4, x1))
        if b <= a:
            out.append(0.0)
            continue
        cols = np.nonzero((gray[max(0, y0):y1, a:b] < 128).any(axis=0))[0]
        out.append(float(cols[-1] - cols[0] + 1) if len(cols) else 0.0)
    return out


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


def read_tables(items: list, tables: list[Table], item_type, gray=None) -> list:
    """``items`` (layout Items) with those inside a table replaced by one item per table row. With the
    page ``gray``, a line the detector drew across rulings is cut by the ink in each cell; without it,
    by its characters' widths over the box."""
    if not tables:
        return items
    out, used = [], set()
    for t in tables:
        for (top, bottom), cols in zip(t.rows, t.cols):
            cells: dict[int, list[tuple[int, int, str, float]]] = {}
            members = []
            for i, it in enumerate(items):
                if i in used:
                    continue
                x0, y0, x1, y1 = it.box
                cy = (y0 + y1) / 2
                if not (top <= cy <= bottom and x1 > cols[0] and x0 < cols[-1]):
                    continue
                inner = [c for c in cols[1:-1] if x0 + 4 < c < x1 - 4]
                edges = [x0] + inner + [x1]
                if inner and gray is not None:
                    pieces = _split_by_ink(it.text.strip(), _ink_widths(gray, it.box, edges))
                else:
                    pieces = _split_at(it.text.strip(), x0, x1, inner)
                if len(pieces) != len(edges) - 1:
                    pieces, edges = [it.text.strip()], [x0, x1]
                for p, a, b in zip(pieces, edges, edges[1:]):
                    if not p.strip():
                        continue
                    mid = (a + b) / 2
                    c = next((k for k in range(len(cols) - 1) if cols[k] <= mid < cols[k + 1]), None)
                    if c is None:
                        c = 0 if mid < cols[0] else len(cols) - 2
                    cells.setdefault(c, []).append((y0, a, p, it.confidence))
                members.append(i)
            if not members:
                continue
            used.update(members)
            texts, confs = [], []
            height = min(items[i].box[3] - items[i].box[1] for i in members) or 1
            for c in sorted(cells):
                # the cell's lines top to bottom; fragments of one line (tops within half a line) left to right
                lines = sorted(cells[c], key=lambda v: v[0])
                rows: list[list[tuple]] = []
                for v in lines:
                    if rows and abs(v[0] - rows[-1][0][0]) < 0.5 * height:
                        rows[-1].append(v)
                    else:
                        rows.append([v])
                s = ""
                for row in rows:
                    for _, _, p, conf in sorted(row, key=lambda v: v[1]):
                        s = _join(s, p.strip())
                        confs.append(conf)
                if s:
                    texts.append(s)
            box = [min(items[i].box[0] for i in members), top, max(items[i].box[2] for i in members), bottom]
            row_item = item_type(text=" ".join(texts), box=box,
                                 confidence=sum(confs) / len(confs) if confs else 0.0, parts=len(members))
            row_item.table = True
            out.append(row_item)
    return [it for i, it in enumerate(items) if i not in used] + out
