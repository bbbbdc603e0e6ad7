"""Wide blanks inside one detected line: two form fields on a row become two words, not one.

The detector often returns a row such as ``甲方（签名）：张某某　　　乙方（签名）：李某某`` (two fields of a
form with a wide blank between them) as one box, and the recogniser reads the blank as nothing: the
fields come out glued (``张某某乙方``) and whatever reads names from the text then reads ``张某某乙``.
Fragments that are separate boxes are already joined with a space by the layout
(:func:`fazhi.ocr.layout.same_row`); this module handles the blank inside one box.

From the page image, the columns of the line's box that hold no ink are found; a blank run wider than
about one character (the line's ink height) is a gap between fields. The engine gives where each
character of the recognised text sits (:attr:`fazhi.ocr.base.RawLine.chars`: RapidOCR's CTC columns),
so the space goes between the characters on either side of the blank. Ordinary Chinese text is set
tight (blanks of a fifth of a character) and stays unspaced. Punctuation leaves white inside its own
cell (``，`` and ``）`` sit left, ``（`` sits right), so a blank beside it must be wider by that much
before it counts. A line whose every gap is wide is letter-spaced (``调 解 协 议 书`` as titles are
set, 笔　录 too), not a row of fields: it is left as it is.

Examples:
    >>> import numpy as np
    >>> page = np.full((40, 400), 255, np.uint8)
    >>> for x in (10, 40, 70, 250, 280):           # three glyphs, a wide blank, two glyphs
    ...     page[10:34, x:x + 24] = 0
    >>> chars = [(i, x + 12.0) for i, x in enumerate((10, 40, 70, 250, 280))]
    >>> space_wide_gaps("张某某李四", chars, [5, 5, 310, 38], page)
    '张某某 李四'
"""
from __future__ import annotations

__all__ = ["space_wide_gaps", "blank_runs", "ink_extent", "wide_gap", "WIDE_GAP", "FIELD_GAP"]

#: what :func:`fazhi.ocr.pipeline.ocr_image` puts at a wide blank until the fields are cleaned one by one
#: (the clean steps take ``张三: 被申请人`` for a stray space after a colon); the page text has a space
FIELD_GAP = "\u2003"
#: a blank at least this many times the line's ink height (about one character) separates two fields
WIDE_GAP = 1.0
#: punctuation whose glyph sits left in its cell (white follows it inside the character itself)
_TRAILING = set("，。、；：？！）》」』】〕”’…,.;:?!)")
#: punctuation whose glyph sits right in its cell (white before it inside the character itself)
_LEADING = set("（《「『【〔“‘(")
#: the extra blank (× ink height) allowed beside such punctuation
_PUNCT_WHITE = 0.6


def wide_gap(left: str, right: str, gap: float, height: float, wide: float = WIDE_GAP) -> bool:
    """A blank of ``gap`` pixels between the characters ``left`` and ``right`` of a line whose ink is
    ``height`` pixels high separates two fields (more than about a character, beyond the white that
    punctuation leaves inside its own cell).

    >>> wide_gap("三", "被", 30, 24), wide_gap("，", "（", 30, 24), wide_gap("三", "被", 10, 24)
    (True, False, False)
    """
    need = wide + _PUNCT_WHITE * ((left in _TRAILING) + (right in _LEADING))
    return height > 0 and gap >= need * height


def ink_extent(gray, box) -> tuple[int, int, int] | None:
    """``(first inked x, last inked x + 1, ink height)`` of a line's box on the grey page (page pixels),
    or None when the box holds no ink that stands out from the paper."""
    runs = _scan(gray, box)
    return None if runs is None else runs[1]


def _scan(gray, box, share: float = 0.3):
    import numpy as np

    x0, y0, x1, y1 = (int(v) for v in box)
    h, w = gray.shape[:2]
    x0, x1, y0, y1 = max(0, x0), min(w, x1), max(0, y0), min(h, y1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    crop = gray[y0:y1, x0:x1]
    paper, dark = np.percentile(crop, 90), np.percentile(crop, 1)
    if paper - dark < 40:  # no contrast: nothing to tell blank from ink by
        return None
    mask = crop < paper - share * (paper - dark)
    cols = mask.any(axis=0)
    rows = np.nonzero(mask.any(axis=1))[0]
    inked = np.nonzero(cols)[0]
    if len(inked) < 2 or not len(rows):
        return None
    height = int(rows[-1] - rows[0] + 1)
    free = ~cols[inked[0]:inked[-1] + 1]
    # edges of the blank runs: where ``free`` switches on and off
    d = np.diff(np.concatenate(([0], free.astype(np.int8), [0])))
    starts, ends = np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]
    base = x0 + int(inked[0])
    runs = [(base + int(s), base + int(e)) for s, e in zip(starts, ends)]
    return runs, (base, x0 + int(inked[-1]) + 1, height)


def blank_runs(gray, box) -> tuple[list[tuple[int, int]], int]:
    """``([(x_start, x_end), ...], ink height)``: the runs of ink-free columns strictly between the first
    and last inked column of ``box`` on the grey page, in page x, and the height of the line's ink.

    Ink is what is darker than the paper by 0.3 of the paper-to-ink contrast in the box: a thin stroke
    blurred grey (一, 。 on a soft scan) is still ink, the noise of the paper is not."""
    res = _scan(gray, box)
    return ([], 0) if res is None else (res[0], res[1][2])


def space_wide_gaps(text: str, chars, box, gray, wide: float = WIDE_GAP, sep: str = " ") -> str:
    """``text`` with a space where the line's image has a blank wider than ``wide`` × its ink height
    between two characters (see the module docstring).

    Args:
        text: the recognised line.
        chars: ``[(index into text, x centre in page pixels), ...]`` for its characters, left to right.
        box: the line's ``[x0, y0, x1, y1]`` on the page.
        gray: the page as a 2-D uint8 array (dark ink on light paper), in the coordinates of ``box``.
        sep: what goes at a wide blank.
    """
    if not chars or len(chars) < 2 or gray is None:
        return text
    runs, height = blank_runs(gray, box)
    if not runs or height < 4:
        return text
    xs = [x for _, x in chars]
    cuts: list[int] = []   # indices into text before which a space goes
    for a, b in runs:
        mid = (a + b) / 2
        k = sum(1 for x in xs if x < mid)   # characters left of the blank
        if k == 0 or k == len(chars):
            continue
        if wide_gap(text[chars[k - 1][0]], text[chars[k][0]], b - a, height, wide):
            i = chars[k][0]
            if text[i - 1:i].isspace() or (cuts and cuts[-1] == i):
                continue
            cuts.append(i)
    n_gaps = len(chars) - 1
    if not cuts or len(cuts) == n_gaps or (len(cuts) >= 2 and len(cuts) >= 0.8 * n_gaps):
        return text  # nothing wide, or (nearly) every gap wide: letter-spaced (笔 录, 调 解 书), not fields
    out, prev = [], 0
    for i in sorted(set(cuts)):
        out.append(text[prev:i])
        prev = i
    out.append(text[prev:])
    return sep.join(out)
