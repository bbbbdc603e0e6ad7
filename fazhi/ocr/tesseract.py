"""Tesseract (Debian ``tesseract-ocr`` + ``tesseract-ocr-chi-sim``) as an optional engine.

Runs the ``tesseract`` binary on each page and reads its TSV output: words grouped by
(block, paragraph, line) become lines; a line's box is the union of its words' boxes and its confidence
the mean word confidence / 100. Chinese "words" are single characters separated by spaces in Tesseract's
output; they are joined without spaces, Latin words with one.

It is slower than RapidOCR (about 3× on an A4 page) and a little less accurate on clean text, but it
keeps 〇 in dates and needs nothing beyond Debian packages.

Examples:
    >>> rows = parse_tsv("level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n"
    ...                  "5\\t1\\t1\\t1\\t1\\t1\\t10\\t5\\t20\\t20\\t96\\t第\\n"
    ...                  "5\\t1\\t1\\t1\\t1\\t2\\t32\\t5\\t20\\t20\\t90\\t一\\n"
    ...                  "5\\t1\\t1\\t1\\t1\\t3\\t60\\t5\\t30\\t20\\t80\\tABC\\n")
    >>> [(r.text, r.box, round(r.confidence, 2)) for r in rows]
    [('第一ABC', [10, 5, 90, 25], 0.89)]
"""
from __future__ import annotations

import csv
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile

from fazhi.errors import ModelUnavailable, OCRError
from fazhi.ocr.base import RawLine
from fazhi.ocr.layout import true_runs

__all__ = ["TesseractEngine", "parse_tsv", "available", "text_gutters"]

log = logging.getLogger(__name__)

_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20.,:;!?'\"()\-]$")  # small marks: not a character's height
_CJK_EDGE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def available(lang: str = "chi_sim") -> bool:
    """True when the tesseract binary and the language data are installed."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return all(part in out.stdout.split() for part in lang.split("+"))


def _join(words: list[str]) -> str:
    out = ""
    for w in words:
        if out and not (_CJK_EDGE.match(w[0]) or _CJK_EDGE.match(out[-1])):
            out += " "
        out += w
    return out


def parse_tsv(tsv: str, split_gap: float = 1.2) -> list[RawLine]:
    """Lines from ``tesseract … tsv`` output (word rows grouped by block, paragraph and line).

    A line is split where the gap between two words is wider than ``split_gap`` × the height of its
    characters (the median word's): with ``--psm 6`` Tesseract reads a row straight across a two-column
    page, and the split lets :mod:`fazhi.ocr.layout` find the columns. Gutters are 1.5–2 characters wide
    in gazettes; inside a line the widest blank is after a full-width mark (，。：), under a character.
    """
    groups: dict[tuple, list[tuple[str, list[int], float]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text:
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        x, y, w, h = (int(row[k]) for k in ("left", "top", "width", "height"))
        groups.setdefault(key, []).append((text, [x, y, x + w, y + h], float(row.get("conf") or -1)))
    out = []
    for words in groups.values():
        words.sort(key=lambda wd: wd[1][0])
        # a character's height: the words' median, not the row's (ascenders, a bracket, a slightly
        # curved row make that half as tall again, and a two-character gutter then stayed unsplit)
        heights = sorted(b[3] - b[1] for t, b, _ in words if len(t) > 1 or not _PUNCT.match(t))
        height = heights[len(heights) // 2] if heights else max(b[3] for _, b, _ in words) - min(b[1] for _, b, _ in words)
        runs: list[list] = [[words[0]]]
        for wd in words[1:]:
            if wd[1][0] - runs[-1][-1][1][2] > split_gap * max(1, height):
                runs.append([wd])
            else:
                runs[-1].append(wd)
        for run in runs:
            confs = [c for _, _, c in run if c >= 0]
            box = [min(b[0] for _, b, _ in run), min(b[1] for _, b, _ in run),
                   max(b[2] for _, b, _ in run), max(b[3] for _, b, _ in run)]
            out.append(RawLine(text=_join([t for t, _, _ in run]), box=box,
                               confidence=sum(confs) / len(confs) / 100 if confs else 0.0))
    return out


def text_gutters(arr, strips: int = 10) -> list[tuple[int, int]]:
    """White gutters between columns of running text in a page image, from its ink: ``[(x0, x1)]``.

    The page's dark pixels are counted per x in ten horizontal strips; an x is white when it holds at
    most a tenth of the strip's median ink in 70% of the strips with text (a title, a running head or a
    note across the columns fills only one or two). Runs of such x at least 1.2% of the page wide and
    inside the text are gutters when every column they make is at least 15% of the text wide and evenly
    inked (75% of its x at least 0.3 × the page's median: justified lines run to the column's edge). A
    register or form, whose cells leave white of every width, has none.
    """
    import numpy as np

    a = arr if arr.ndim == 2 else arr.mean(axis=2)
    ink = a < 128
    rows = np.nonzero(ink.sum(1) > 0.002 * ink.shape[1])[0]
    if len(rows) < 2:
        return []
    col = ink[rows[0]:rows[-1] + 1].sum(0).astype(float)
    nz = np.nonzero(col > 0.02 * col.max())[0]
    left, right = int(nz[0]), int(nz[-1]) + 1
    med = np.median(col[left:right])
    votes = np.zeros(right - left)
    n = 0
    cuts = np.linspace(rows[0], rows[-1] + 1, strips + 1).astype(int)
    for y0, y1 in zip(cuts[:-1], cuts[1:]):
        c = ink[y0:y1, left:right].sum(0)
        m = np.median(c)
        if m > 0:
            n += 1
            votes += c <= 0.1 * m
    if n == 0:
        return []
    white = votes >= 0.7 * n
    out = []
    for start, x in true_runs(white):
        if x - start >= 0.012 * len(col) and start > 0 and x < len(white):
            out.append((left + start, left + x))
    edges = [left] + [g for gut in out for g in gut] + [right]
    for x0, x1 in zip(edges[::2], edges[1::2]):  # every column: wide, and inked evenly across
        if x1 - x0 < 0.15 * (right - left) or np.mean(col[x0:x1] >= 0.3 * med) < 0.75:
            return []
    return out


class TesseractEngine:
    """Tesseract through its command-line program.

    Args:
        lang: tessdata languages (``chi_sim``; ``chi_sim+eng`` for mixed text).
        psm: page segmentation mode. 6 (one uniform block) is the default: on rendered legal pages its
            CER is far lower than 3's (automatic layout drops line starts such as 第三条 and （一））.
            With 6 Tesseract reads a row straight across two columns; rows are split at wide gaps
            (:func:`parse_tsv`) and re-ordered, but a gazette's gutter of 1.5 characters is often
            bridged by a mark Tesseract reads in it (治理”依靠). So a page whose ink shows gutters between
            columns of running text (:func:`text_gutters`) goes to Tesseract's own layout analysis,
            ``columns_psm`` (3); ``None`` keeps ``psm`` for every page.
        threads: OMP threads per page (Tesseract's own parallelism); 1 by default. On the 2-core
            benchmark machine under load (average 12–14), OpenMP's spinning threads made a two-column A4
            page take 181 s wall and 41 CPU-s with 2 threads, against 50 s and 2.6 CPU-s with one (and
            3 of 10 audit-4 files hit ``timeout`` with 2).
        timeout: seconds per page.
    """

    name = "tesseract"

    def __init__(self, lang: str = "chi_sim", psm: int = 6, threads: int | None = None, timeout: float = 300,
                 columns_psm: int | None = 3):
        self.lang = lang
        self.psm = psm
        self.columns_psm = columns_psm
        self.threads = threads or 1
        self.timeout = timeout
        self._checked = False

    def __repr__(self):
        return f"TesseractEngine(lang={self.lang!r}, psm={self.psm})"

    def _check(self):
        if not self._checked:
            if not available(self.lang):
                raise ModelUnavailable(
                    f"tesseract with language {self.lang} is not installed: "
                    "apt-get install tesseract-ocr tesseract-ocr-chi-sim")
            self._checked = True

    def recognize(self, image) -> list[RawLine]:
        from PIL import Image

        from fazhi.ocr.preprocess import to_array

        self._check()
        arr = to_array(image)
        env = dict(os.environ, OMP_THREAD_LIMIT=str(self.threads))
        with tempfile.TemporaryDirectory(prefix="fazhi-tess-") as tmp:
            path = os.path.join(tmp, "page.png")
            Image.fromarray(arr).save(path)
            psm = self.psm
            if self.columns_psm is not None and psm != self.columns_psm and text_gutters(arr):
                psm = self.columns_psm
            cmd = ["tesseract", path, "stdout", "-l", self.lang, "--psm", str(psm),
                   "-c", "preserve_interword_spaces=1", "tsv"]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=self.timeout, env=env)
            except subprocess.TimeoutExpired as e:
                raise OCRError(f"tesseract took longer than {self.timeout:.0f} s on a page") from e
        if proc.returncode != 0:
            raise OCRError(f"tesseract failed: {proc.stderr.strip().splitlines()[-1:] or proc.returncode}")
        lines = parse_tsv(proc.stdout)
        # Tesseract puts spaces between CJK characters of one word group: drop those.
        for ln in lines:
            ln.text = re.sub(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])",
                             "", ln.text)
        return lines
