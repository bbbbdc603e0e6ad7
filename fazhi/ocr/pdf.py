"""PDF pages for OCR: the text layer when a page has one, else the page rendered with pypdfium2.

A page "has a text layer" when its embedded text holds at least ``min_chars`` non-space characters,
is not mojibake (:func:`garbled`: old Chinese PDFs whose fonts lack a Unicode map give ``ÇÉÔ¾``) and
is not just a stamp over a scanned picture (a header such as 电子卷宗 第1页 共3页 that a filing system
added to a scan: under 200 characters over a picture covering half the page or more);
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

__all__ = ["PageInput", "pdf_pages", "has_text", "garbled", "DEFAULT_DPI"]

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


def _suspect(ch: str) -> bool:
    o = ord(ch)
    return (0x80 <= o <= 0x24F or 0xE000 <= o <= 0xF8FF or o == 0xFFFD
            or (o < 0x20 and ch not in "\t\n\r\f") or 0x7F <= o < 0xA0)


def garbled(text: str, share: float = 0.3) -> bool:
    """True when a text layer is mostly mojibake rather than text: more than ``share`` of its non-space
    characters are Latin-1 letters (``ÇÉÔ¾ÂÊ`` — GBK bytes read as Latin-1, typical of old Chinese PDFs
    whose fonts have no Unicode map), private-use code points, U+FFFD or control characters.

    Examples:
        >>> garbled("第一条 为了完善人民调解制度"), garbled("ÇÉÔ¾ÂÊÕ¼Ô¼·Ö ÈËÃñµ÷½â"), garbled("Article 1 (café)")
        (False, True, False)
    """
    chars = [ch for ch in text if not ch.isspace()]
    return bool(chars) and sum(map(_suspect, chars)) > share * len(chars)


def _stamped_scan(page, text: str, pdfium, max_chars: int = 200, cover: float = 0.5) -> bool:
    """A scanned page whose only text is a stamp an e-filing system or a scanner put on it (某某县司法局
    电子卷宗 第1页 共3页): fewer than ``max_chars`` characters of text over a picture covering at least
    ``cover`` of the page. Its text layer is not the page's text; the page is OCR'd (which reads the
    stamp too). A full invisible text layer, as searchable-PDF scanners write, is longer and kept."""
    if sum(1 for ch in text if not ch.isspace()) >= max_chars:
        return False
    w, h = page.get_size()
    area = max(w * h, 1.0)
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
        x0, y0, x1, y1 = obj.get_bounds()
        if (x1 - x0) * (y1 - y0) >= cover * area:
            return True
    return False


def pdf_pages(data: bytes, name: str, dpi: int = DEFAULT_DPI, use_text_layer: bool = True,
              min_chars: int = 10) -> tuple[int, Iterator[PageInput]]:
    """The page count and a generator of :class:`PageInput` for a PDF given as bytes.

    Pages are rendered one at a time, so a long scanned dossier does not sit in memory as images.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise UnreadableFile(name, "encrypted PDF: it needs a password to open; save a copy without the "
                                       "password (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf) "
                                       "and OCR that") from e
        if code == pdfium.raw.FPDF_ERR_FORMAT:
            raise UnreadableFile(name, "not a readable PDF (damaged, truncated or not a PDF at all)") from e
        raise UnreadableFile(name, f"not a readable PDF ({e})") from e
    n = len(pdf)

    def gen():
        try:
            for i in range(n):
                page = pdf[i]
                try:
                    if use_text_layer:
                        from fazhi.corpora.pdftext import page_text

                        tp = page.get_textpage()
                        # reading order, lines cut at the margin joined (as the corpus loader reads it)
                        text = page_text(tp)
                        tp.close()
                        if has_text(text, min_chars):
                            if garbled(text):
                                log.warning("%s: page %d: the text layer is garbled (no Unicode map for its "
                                            "fonts?); OCR'ing the rendered page instead", name, i + 1)
                            elif _stamped_scan(page, text, pdfium):
                                log.info("%s: page %d: a scan with a stamped line of text; OCR'ing it",
                                         name, i + 1)
                            else:
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
