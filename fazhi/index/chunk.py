"""Split long documents into passages (paragraph windows) and pick the passage that best matches a query.

A passage is a half-open ``(start, end)`` range of character offsets into the document text, so a hit can
point at the exact place that matched. Paragraphs (lines) are joined into windows of at most
``max_chars``; a paragraph longer than that is cut at sentence ends (。！？；), and a sentence longer than
that at ``max_chars``.

Examples:
    >>> text = "第一段。\\n第二段很长。第二段还有一句。\\n第三段"
    >>> [text[s:e] for s, e in passages(text, max_chars=10)]
    ['第一段。', '第二段很长。', '第二段还有一句。', '第三段']
    >>> [text[s:e] for s, e in passages(text, max_chars=100)]
    ['第一段。\\n第二段很长。第二段还有一句。\\n第三段']
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

__all__ = ["passages", "best_passage", "snippet", "DEFAULT_MAX_CHARS"]

DEFAULT_MAX_CHARS = 400
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*")


def _pieces(text: str, start: int, end: int, max_chars: int) -> Iterable[tuple[int, int]]:
    """Cut text[start:end] (one paragraph) into sentence runs of at most max_chars."""
    if end - start <= max_chars:
        yield start, end
        return
    cuts = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    if not cuts or cuts[-1] != end:
        cuts.append(end)
    s = start
    last = start
    for c in cuts:
        if c - s > max_chars and last > s:
            yield s, last
            s = last
        while c - s > max_chars:  # a sentence longer than a window
            yield s, s + max_chars
            s += max_chars
        last = c
    if last > s:
        yield s, last


def passages(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """Paragraph windows of ``text``: ``[(start, end), ...]`` in order, covering every non-blank line.

    Leading and trailing whitespace is left out of each window. An empty text gives ``[]``.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    paras = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            for a, b in _pieces(text, s, e, max_chars):
                while a < b and text[a].isspace():
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if b > a:
                    paras.append((a, b))
    windows: list[tuple[int, int]] = []
    for s, e in paras:
        if windows and e - windows[-1][0] <= max_chars:
            windows[-1] = (windows[-1][0], e)
        else:
            windows.append((s, e))
    return windows


def _weights(tokens: Iterable[str]) -> dict[str, float]:
    # Longer tokens say more than short ones; single characters and digits say little.
    return {t: (min(len(t), 4) if not t.isdigit() else 0.5) for t in set(tokens) if t.strip()}


def best_passage(text: str, spans: Sequence[tuple[int, int]], query_tokens: Iterable[str]) -> tuple[int, int] | None:
    """The span whose text contains the most (length-weighted) query tokens; ties go to the earlier one."""
    weights = _weights(query_tokens)
    best, best_score = None, -1.0
    for s, e in spans:
        part = text[s:e]
        score = sum(w for t, w in weights.items() if t in part)
        if score > best_score:
            best, best_score = (s, e), score
    return best


def snippet(text: str, span: tuple[int, int] | None, query_tokens: Iterable[str] = (),
            width: int = 120) -> tuple[str, list[tuple[int, int]]]:
    """A snippet of at most ``width`` characters from ``text[span]`` around the densest query matches,
    and the highlight ranges (document offsets) of the query tokens inside it.

    Examples:
        >>> snippet("甲乙双方因漏水发生纠纷，经调解达成协议。", (0, 20), ["漏水", "协议"])
        ('甲乙双方因漏水发生纠纷，经调解达成协议。', [(5, 7), (17, 19)])
    """
    if span is None:
        span = (0, len(text))
    s, e = span
    weights = {t: w for t, w in _weights(query_tokens).items() if len(t) > 1 or not t.isascii()}
    hits: list[tuple[int, int]] = []
    part = text[s:e]
    for t in sorted(weights, key=len, reverse=True):
        i = part.find(t)
        while i >= 0:
            a, b = s + i, s + i + len(t)
            if not any(a < hb and ha < b for ha, hb in hits):
                hits.append((a, b))
            i = part.find(t, i + len(t))
    hits.sort()
    if e - s > width:
        # slide a window over the passage to cover the most highlighted characters
        best_a, best_cov = s, -1
        starts = sorted({max(s, min(a - width // 4, e - width)) for a, _ in hits} | {s})
        for a in starts:
            cov = sum(min(hb, a + width) - max(ha, a) for ha, hb in hits if ha < a + width and hb > a)
            if cov > best_cov:
                best_a, best_cov = a, cov
        s, e = best_a, best_a + width
        hits = [(a, b) for a, b in hits if a >= s and b <= e]
    return text[s:e].replace("\n", " "), hits
