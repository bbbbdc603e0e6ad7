"""Reading order from box geometry: rows, columns, paragraphs.

Engines return text lines in whatever order their detector found them, sometimes split into fragments.
This module, given boxes ``[x0, y0, x1, y1]``:

1. merges fragments that sit on one row with a small horizontal gap (:func:`merge_rows`);
2. finds columns: a vertical band of white that no line crosses, with enough lines on both sides
   (:func:`find_gutters`); lines that span the gutter (titles) break the page into bands, and within a
   band the left column is read before the right one (:func:`reading_order`);
3. rebuilds paragraphs (:func:`paragraphs`): a line starts a new paragraph when it is indented (Chinese
   paragraphs start two characters in), when the previous line stops well short of the column's right
   edge or starts well right of its left edge (a right-set 编号 or a centred heading), or after a
   vertical gap larger than the usual line pitch; the cells of one table row stay on
   one line (:func:`same_row`; the page text separates them with a space).

Examples:
    >>> left = [[10, y, 200, y + 20] for y in (10, 40, 70)]
    >>> right = [[300, y, 500, y + 20] for y in (10, 40, 70)]
    >>> reading_order(right + left)  # two columns: the left one is read first
    [3, 4, 5, 0, 1, 2]
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

__all__ = ["Item", "merge_rows", "find_gutters", "reading_order", "paragraphs", "same_row", "layout"]


@dataclass
class Item:
    """A text line with a box; ``parts`` counts merged fragments (for averaging confidence)."""

    text: str
    box: list[int]
    confidence: float
    parts: int = 1
    column: int = 0
    table: bool = False  # a row of a ruled table (fazhi.ocr.tables): a paragraph of its own
    chars: list | None = None  # [(index into text, x centre)] from the engine (fazhi.ocr.spacing)
    ink: tuple | None = None  # (first inked x, last inked x + 1, ink height) on the page (fazhi.ocr.spacing)

    @property
    def height(self) -> int:
        return max(1, self.box[3] - self.box[1])

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def _v_overlap(a, b) -> float:
    inter = min(a[3], b[3]) - max(a[1], b[1])
    return inter / max(1, min(a[3] - a[1], b[3] - b[1]))


def _ideographs(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _joins(prev: Item, it: Item, gap: float, body: float = 0.0) -> bool:
    """``it`` continues ``prev`` on its row, with nothing between them.

    With the ink of both known (the page image was at hand), the blank between their inks decides: under
    about a character (:func:`fazhi.ocr.spacing.wide_gap`) it is one line the detector cut in two; wider,
    two fields of a form (``甲方（签名）：张某某`` and ``乙方（签名）：李某某``), which :func:`same_row`
    separates with a space. But pieces of a heading set large (ink over 1.3 × ``body``, the page's usual
    ink height: its lower quartile) and letter-spaced (笔　　　录, 调　　解　　书), ideographs only, are one title. The
    detector's boxes are padded and may even overlap when the inks are two characters apart, so without
    the ink the boxes' gap (under ``gap`` × the line height) decides."""
    if prev.ink and it.ink:
        from fazhi.ocr.spacing import wide_gap

        g = it.ink[0] - prev.ink[1]
        h = min(prev.ink[2], it.ink[2])
        if g <= -0.25 * h:
            return False
        if body and h > 1.3 * body and _ideographs(prev.text.strip()) and _ideographs(it.text.strip()):
            return g < 4 * h  # a letter-spaced heading
        return not wide_gap(prev.text.rstrip()[-1:], it.text.lstrip()[:1], g, h)
    return 0 <= it.box[0] - prev.box[2] < gap * min(prev.height, it.height)


def merge_rows(items: list[Item], gap: float = 1.0) -> list[Item]:
    """Join fragments on one row whose horizontal gap is under ``gap`` × the line height (or, when their
    ink is known, under about a character: :func:`_joins`)."""
    items = sorted(items, key=lambda it: (it.box[1], it.box[0]))
    inks = sorted(it.ink[2] for it in items if it.ink)
    body = inks[len(inks) // 4] if inks else 0.0  # body text's ink height (headings are fewer, and larger)
    out: list[Item] = []
    for it in sorted(items, key=lambda it: it.box[0]):
        for prev in out:
            if (not prev.table and not it.table and _v_overlap(prev.box, it.box) > 0.6
                    and _joins(prev, it, gap, body)):
                n = prev.parts + it.parts
                if prev.ink and it.ink:
                    prev.ink = (min(prev.ink[0], it.ink[0]), max(prev.ink[1], it.ink[1]),
                                max(prev.ink[2], it.ink[2]))
                prev.confidence = (prev.confidence * prev.parts + it.confidence * it.parts) / n
                prev.parts = n
                prev.text += it.text
                prev.box = [min(prev.box[0], it.box[0]), min(prev.box[1], it.box[1]), max(prev.box[2], it.box[2]),
                            max(prev.box[3], it.box[3])]
                break
        else:
            out.append(Item(it.text, list(it.box), it.confidence, it.parts, table=it.table, ink=it.ink))
    return out


def find_gutters(boxes: list[list[int]], min_lines: int = 3) -> list[tuple[int, int]]:
    """Vertical white bands ``(x_start, x_end)`` that split the lines into columns.

    A band is a run of x positions crossed by at most one line in ten (titles and other spanning lines
    may cross it), wider than one median line height, strictly inside the text area, with at least
    ``min_lines`` lines wholly on each side, and the columns it makes hold running text, not the cells
    of a table (:func:`_text_columns`).
    """
    if len(boxes) < 2 * min_lines:
        return []
    import numpy as np

    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    if right - left <= 0:
        return []
    h = median(b[3] - b[1] for b in boxes)
    cover = np.zeros(right - left + 1, np.int32)
    for b in boxes:
        cover[b[0] - left:b[2] - left] += 1
    allowed = max(1, len(boxes) // 10)
    free = cover <= allowed
    out = []
    for start, x in true_runs(free):
        g0, g1 = left + start, left + x
        if g0 > left and g1 < right and g1 - g0 > h:
            n_left = sum(1 for b in boxes if b[2] <= g0)
            n_right = sum(1 for b in boxes if b[0] >= g1)
            if n_left >= min_lines and n_right >= min_lines:
                out.append((g0, g1))
    return _text_columns(boxes, out, left, right)


def true_runs(flags) -> list[tuple[int, int]]:
    """(start, end) of each run of true values in a sequence, end exclusive.

    >>> true_runs([False, True, True, False, True])
    [(1, 3), (4, 5)]
    """
    out, x, n = [], 0, len(flags)
    while x < n:
        if not flags[x]:
            x += 1
            continue
        start = x
        while x < n and flags[x]:
            x += 1
        out.append((start, x))
    return out


def _text_columns(boxes, gutters, left: int, right: int, min_share: float = 0.2, fill: float = 0.6,
                  min_filled: float = 1 / 3, min_lines_wide: float = 8.0) -> list[tuple[int, int]]:
    """Keep the gutters between columns of running text; drop those between the cells of a table.

    A column of text is at least ``min_share`` of the text area wide and at least ``min_lines_wide``
    line heights (about ten characters: the narrowest columns of running text hold more), and at least
    ``min_filled`` of its lines fill ``fill`` of its width (justified lines run to the column's edge).
    The white bands between a table's cells (当事人 | 张某某 | 性别 | 男 …) fail this: a label column is
    narrow and its cells are short, and such rows must be read across, left to right, not one column
    after the other. So do the fields of a form set in two aligned columns (申请人（签名）： | 日期：…,
    调解员：王五 | 记录人：赵六): the white band between them is not a gutter between columns of text.
    """
    gutters = list(gutters)
    h = median(b[3] - b[1] for b in boxes) if boxes else 0
    while gutters:
        edges = [left] + [g for gut in gutters for g in gut] + [right]
        bad = None
        for k in range(len(gutters) + 1):
            x0, x1 = edges[2 * k], edges[2 * k + 1]
            inside = [b for b in boxes if b[0] >= x0 - 1 and b[2] <= x1 + 1]
            filled = sum(1 for b in inside if b[2] - b[0] >= fill * (x1 - x0))
            if (x1 - x0 < max(min_share * (right - left), min_lines_wide * h)
                    or filled < min_filled * max(1, len(inside))):
                bad = k
                break
        if bad is None:
            return gutters
        if bad == 0:
            gutters.pop(0)
        elif bad == len(gutters):
            gutters.pop()
        else:  # a column in the middle: drop the narrower of its two gutters
            a, b = gutters[bad - 1], gutters[bad]
            gutters.pop(bad - 1 if a[1] - a[0] <= b[1] - b[0] else bad)
    return gutters


def _column_of(box, gutters) -> int | None:
    """The column index of a box, or None when it spans a gutter (reaches across it on both sides)."""
    col = 0
    for g0, g1 in gutters:
        if box[0] < g0 and box[2] > g1:
            return None
        if (box[0] + box[2]) / 2 < (g0 + g1) / 2:
            return col
        col += 1
    return col


def _rows(idx: list[int], boxes) -> list[int]:
    """Indices sorted top to bottom, left to right within a row."""
    idx = sorted(idx, key=lambda i: (boxes[i][1] + boxes[i][3]) / 2)
    rows: list[list[int]] = []
    for i in idx:
        if rows and _v_overlap(boxes[rows[-1][0]], boxes[i]) > 0.5:
            rows[-1].append(i)
        else:
            rows.append([i])
    return [i for r in rows for i in sorted(r, key=lambda i: boxes[i][0])]


def _headings_over_columns(boxes, cols: dict) -> list[list[int]]:
    """Rows of lines at the top of a band of columns that belong to none of them: titles, running heads.

    A title centred over three columns (法治宣传简报) is often narrower than the middle column, so it
    crosses no gutter and was taken for the middle column's first line, read after the whole left column;
    a gazette's running head (深圳市人民代表大会常务委员会公报 … 2022年第3号) has a piece over each column,
    and its right-hand piece was read after the whole left column. Within each band (between lines that
    do cross a gutter), rows are taken from the top while the row lies wholly above the rest of the band
    and is either within one column and centred on the text area (within a line height or 5% of its
    width), or set off from the rest by a blank wider than twice the usual blank between lines (and half
    a line height). The first row of the columns' text is neither: it has a line in each column (their
    union may well look centred) and the next lines follow at the usual pitch. Returns the rows, each
    left to right.
    """
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    mid, width = (left + right) / 2, right - left
    h = median(b[3] - b[1] for b in boxes)
    blanks = []
    for c in set(cols.values()) - {None}:
        col = sorted((boxes[i] for i in cols if cols[i] == c), key=lambda b: b[1])
        blanks += [b[1] - a[3] for a, b in zip(col, col[1:]) if 0 <= b[1] - a[3] < 2 * h]
    blank = median(blanks) if blanks else 0.3 * h
    out: list[list[int]] = []
    band: list[int] = []
    for i in sorted(range(len(boxes)), key=lambda i: boxes[i][1]) + [None]:
        if i is not None and cols[i] is not None:
            band.append(i)
            continue
        rest = list(band)
        while len(rest) > 1:
            top = rest[0]
            row = [k for k in rest if _v_overlap(boxes[top], boxes[k]) > 0.5]
            below = [k for k in rest if k not in row]
            if not below:
                break
            x0, x1 = min(boxes[k][0] for k in row), max(boxes[k][2] for k in row)
            y1 = max(boxes[k][3] for k in row)
            gap = min(boxes[k][1] for k in below) - y1
            centred = (len({cols[k] for k in row}) == 1 and abs((x0 + x1) / 2 - mid) <= max(h, 0.05 * width)
                       and x1 - x0 < 0.9 * width)
            if gap < 0 or not (centred or gap > max(2 * blank, 0.5 * h)):
                break
            out.append(sorted(row, key=lambda k: boxes[k][0]))
            rest = below
        band = []
    return out


def columns_of(boxes, gutters) -> dict[int, int | None]:
    """Each box's column index, or None for a line across the columns (crossing a gutter, or a heading
    centred over them: :func:`_headings_over_columns`)."""
    cols = {i: _column_of(b, gutters) for i, b in enumerate(boxes)}
    if gutters:
        for row in _headings_over_columns(boxes, cols):
            for i in row:
                cols[i] = None
    return cols


def reading_order(boxes: list[list[int]]) -> list[int]:
    """The indices of ``boxes`` in reading order (columns left to right, spanning lines between bands)."""
    if not boxes:
        return []
    gutters = find_gutters(boxes)
    if not gutters:
        return _rows(list(range(len(boxes))), boxes)
    order: list[int] = []
    band: list[int] = []
    cols = columns_of(boxes, gutters)

    across: list[int] = []  # consecutive lines across the columns: read as rows, left to right

    def flush():
        for c in range(len(gutters) + 1):
            order.extend(_rows([i for i in band if cols[i] == c], boxes))
        band.clear()
        order.extend(_rows(across, boxes))
        across.clear()

    for i in sorted(range(len(boxes)), key=lambda i: boxes[i][1]):
        if cols[i] is None:
            if band:
                flush()
            across.append(i)
        else:
            if across:
                flush()
            band.append(i)
    flush()
    return order


def paragraphs(items: list[Item]) -> list[list[int]]:
    """Group items (already in reading order) into paragraphs; returns lists of indices."""
    if not items:
        return []
    h = median(it.height for it in items)
    pitches = [b.box[1] - a.box[1] for a, b in zip(items, items[1:])
               if a.column == b.column and 0 < b.box[1] - a.box[1] < 4 * h]
    pitch = median(pitches) if pitches else 1.6 * h
    col_left: dict[int, int] = {}
    col_right: dict[int, int] = {}
    for it in items:
        col_left[it.column] = min(col_left.get(it.column, it.box[0]), it.box[0])
        col_right[it.column] = max(col_right.get(it.column, it.box[2]), it.box[2])
    groups: list[list[int]] = [[0]]
    cells = False
    for k in range(1, len(items)):
        prev, it = items[k - 1], items[k]
        if same_row(prev, it):  # the next cell of a table row, or a field after its label
            groups[-1].append(k)
            cells = True
            continue
        new = cells or prev.table or it.table or (
            it.column != prev.column and not _continues(prev, it, col_left, col_right, h)
            or it.column == prev.column and (
                it.box[0] - col_left[it.column] > 1.2 * h            # indented first line
                or col_right[prev.column] - prev.box[2] > 1.5 * h    # previous line ended short
                or prev.box[0] - col_left[prev.column] > 5 * h       # previous line set right or centred
                or it.box[1] - prev.box[1] > 1.5 * pitch             # vertical gap
                or it.box[1] < prev.box[1]                           # jumped up (new band)
            )
        )
        cells = False  # a row of cells is a paragraph of its own: the next row starts another
        if new:
            groups.append([k])
        else:
            groups[-1].append(k)
    return groups


def same_row(prev: Item, it: Item) -> bool:
    """``it`` sits to the right of ``prev`` on the same row (cells of a table row, separated by a gap
    wider than :func:`merge_rows` joins; by their ink when known, as padded boxes may overlap)."""
    if prev.ink and it.ink:
        after = it.ink[0] >= prev.ink[1] - 0.25 * min(prev.ink[2], it.ink[2])
    else:
        after = it.box[0] >= prev.box[2]
    return prev.column == it.column and _v_overlap(prev.box, it.box) > 0.5 and after


def _continues(prev: Item, it: Item, col_left, col_right, h) -> bool:
    """A paragraph goes on from the bottom of one column to the top of the next."""
    return (col_right[prev.column] - prev.box[2] <= 1.5 * h) and (it.box[0] - col_left[it.column] <= 1.2 * h)


def layout(items: list[Item]) -> tuple[list[Item], list[list[int]]]:
    """Merge fragments, order lines, assign columns and rebuild paragraphs.

    Returns the items in reading order and the paragraphs as lists of indices into that list. Each
    item's ``column`` is set: 0, 1, … from the left, or -1 for a line spanning the columns (a title).
    """
    items = merge_rows(items)
    boxes = [it.box for it in items]
    order = reading_order(boxes)
    gutters = find_gutters(boxes)
    cols = columns_of(boxes, gutters) if gutters else {}
    ordered = []
    for i in order:
        it = items[i]
        c = cols.get(i, 0)
        it.column = -1 if c is None else c  # -1: a line across columns (a title)
        ordered.append(it)
    return ordered, paragraphs(ordered)
