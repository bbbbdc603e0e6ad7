"""The OCR data model and the engine interface.

An engine turns one page image into :class:`RawLine` s (text, a box, a confidence). Everything else —
preprocessing, reading order, paragraph rebuilding, normalisation — is engine-independent and lives in
the sibling modules, so every engine gets the same treatment.

Boxes are ``[x0, y0, x1, y1]`` in pixels of the page image *after* orientation and deskew correction
(:attr:`OcrPage.width`, :attr:`OcrPage.height` give its size; :attr:`OcrPage.meta` records the rotation and
skew applied). Confidence is in [0, 1].

Examples:
    >>> line = OcrLine(text="第一条", box=[10, 20, 80, 44], confidence=0.97)
    >>> line.to_dict()
    {'text': '第一条', 'box': [10, 20, 80, 44], 'confidence': 0.97}
    >>> page = OcrPage(page=1, text="第一条", lines=[line])
    >>> OcrResult(file="a.png", pages=[page]).to_dict()["pages"][0]["page"]
    1
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = ["RawLine", "OcrLine", "OcrPage", "OcrResult", "Engine", "LOW_CONFIDENCE"]

log = logging.getLogger(__name__)

#: lines whose confidence is below this are flagged ``low_confidence``.
LOW_CONFIDENCE = 0.80


@dataclass
class RawLine:
    """What an engine returns for one detected text line: text, box (4 numbers or a 4-point quad), score.

    ``chars`` (optional): where the characters of ``text`` sit, ``[(index into text, x centre in page
    pixels), ...]`` left to right, for engines that know it (RapidOCR's CTC columns); the pipeline uses it
    to put a space where a wide blank separates two fields of one line (:mod:`fazhi.ocr.spacing`)."""

    text: str
    box: Any
    confidence: float
    chars: list | None = None

    def bbox(self) -> list[int]:
        """The box as integer ``[x0, y0, x1, y1]`` whatever form the engine gave."""
        b = self.box
        if hasattr(b, "tolist"):
            b = b.tolist()
        if len(b) == 4 and not isinstance(b[0], (list, tuple)):
            return [int(round(v)) for v in b]
        xs = [p[0] for p in b]
        ys = [p[1] for p in b]
        return [int(round(min(xs))), int(round(min(ys))), int(round(max(xs))), int(round(max(ys)))]


@dataclass
class OcrLine:
    """One line of a page in reading order.

    Attributes:
        text: the normalised text (see :mod:`fazhi.ocr.postprocess`).
        box: ``[x0, y0, x1, y1]`` in page pixels.
        confidence: the engine's score in [0, 1] (the mean over merged fragments).
        column: 0-based column the line was assigned to (-1: spans the columns, like a title); paragraph: 0-based paragraph on the page.
        flags: e.g. ``["low_confidence"]``, ``["zero_recovered"]``.
        raw: the engine's text before normalisation, when it differs.
        start: the offset of the line in its page's text.

    Lines taken from a PDF text layer have ``box=None`` and confidence 1.0.
    """

    text: str
    box: list[int] | None
    confidence: float
    column: int = 0
    paragraph: int = 0
    flags: list[str] = field(default_factory=list)
    raw: str | None = None
    start: int | None = None

    def to_dict(self) -> dict:
        """The line as the CLI's JSON prints it: exactly text, box, confidence."""
        box = None if self.box is None else [int(v) for v in self.box]
        return {"text": self.text, "box": box, "confidence": round(float(self.confidence), 4)}

    @property
    def low_confidence(self) -> bool:
        return "low_confidence" in self.flags


@dataclass
class OcrPage:
    """One page: its text (paragraphs joined by newlines) and its lines in reading order.

    ``source`` is ``ocr`` or ``text_layer`` (a PDF page that carried text; its lines have no boxes and
    confidence 1.0). ``meta`` holds what preprocessing did (rotation, skew, seal pixels) and timings.
    """

    page: int
    text: str
    lines: list[OcrLine] = field(default_factory=list)
    width: int = 0
    height: int = 0
    source: str = "ocr"
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The page as the CLI's JSON prints it: exactly page, text, lines."""
        return {"page": self.page, "text": self.text, "lines": [ln.to_dict() for ln in self.lines]}

    @property
    def low_confidence_lines(self) -> list[OcrLine]:
        return [ln for ln in self.lines if ln.low_confidence]


@dataclass
class OcrResult:
    """The OCR of one file (or one in-memory image): its pages in order."""

    file: str
    pages: list[OcrPage] = field(default_factory=list)
    engine: str = ""
    meta: dict = field(default_factory=dict)

    def __repr__(self):
        return f"<OcrResult {self.file} {len(self.pages)} pages {len(self.text)} chars engine={self.engine}>"

    @property
    def text(self) -> str:
        """All pages' text, separated by a blank line."""
        return "\n\n".join(p.text for p in self.pages)

    def to_dict(self) -> dict:
        """``{"file", "pages": [{"page", "text", "lines": [{"text", "box", "confidence"}]}]}``."""
        return {"file": self.file, "pages": [p.to_dict() for p in self.pages]}


@runtime_checkable
class Engine(Protocol):
    """An OCR engine: ``recognize`` one page image (a numpy array, RGB or grey) into raw lines.

    ``name`` identifies the engine (``rapidocr``, ``tesseract``, ``paddleocr``). Engines load their
    models lazily on first use and keep them, so one engine object serves a whole batch.
    """

    name: str

    def recognize(self, image) -> list[RawLine]:
        ...
