"""PDF pages for OCR: the text layer when a page has one, else the page rendered with pypdfium2.

A page "has a text layer" when its embedded text holds at least ``min_chars`` non-space characters;
scanned PDFs usually carry none (or a few stray characters from a scanner's header), so they are
rendered at ``dpi`` (200 by default; 200–300 is the range where the recogniser is both accurate and
fast enough) and OCR'd.

Examples:
    >>> from fazhi.ocr.pdf import has_text
    >>> has_text("  \\n 1 \\n"), has_text("第一条 为了完善人民调解制度")
    (False, True)
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterator

from fazhi.errors import UnreadableFile

__all__ = ["PageInput", "pdf_pages", "has_text", "DEFAULT_DPI"]

log = logging.getLogger(__name__)

DEFAULT_DPI = 200


@dataclass
class PageInput:
    """One page to OCR: an image, or (for PDF pages with a text layer) text."""

    number: int
    image: object = None
    text: str | None = None
    dpi: int | None = None


def has_text(text: str, min_chars: int = 10) -> bool:
    """True when ``text`` holds at least ``min_chars`` non-space characters."""
    return sum(1 for ch in text if not ch.isspace()) >= min_chars


def pdf_pages(data: bytes, name: str, dpi: int = DEFAULT_DPI, use_text_layer: bool = True,
              min_chars: int = 10) -> tuple[int, Iterator[PageInput]]:
    """The page count and a generator of :class:`PageInput` for a PDF given as bytes.

    Pages are rendered one at a time, so a long scanned dossier does not sit in memory as images.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise UnreadableFile(name, f"not a readable PDF ({e})") from e
    n = len(pdf)

    def gen():
        try:
            for i in range(n):
                page = pdf[i]
                try:
                    if use_text_layer:
                        tp = page.get_textpage()
                        text = tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                        tp.close()
                        if has_text(text, min_chars):
                            yield PageInput(number=i + 1, text=text.strip())
                            continue
                    bitmap = page.render(scale=dpi / 72, grayscale=False)
                    img = bitmap.to_pil().convert("RGB")
                    bitmap.close()
                    yield PageInput(number=i + 1, image=img, dpi=dpi)
                finally:
                    page.close()
        finally:
            pdf.close()

    return n, gen()
