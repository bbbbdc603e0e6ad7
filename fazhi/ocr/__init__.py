"""OCR for scanned mediation dossiers and PDFs.

Engines behind one interface (:class:`fazhi.ocr.base.Engine`): ``rapidocr`` (default; the PaddleOCR
PP-OCRv6 ONNX models shipped in the rapidocr wheel), ``tesseract`` (Debian packages, optional) and
``paddleocr`` (only with a locally configured model directory). Inputs: PNG/JPEG/TIFF (multi-page), PDF
(text layer when present, else pages rendered with pypdfium2), pictures inside DOCX.

Examples:
    >>> from fazhi.ocr import ocr_file, to_document           # doctest: +SKIP
    >>> result = ocr_file("dossier.pdf")                      # doctest: +SKIP
    >>> result.pages[0].lines[0].text, result.pages[0].lines[0].confidence   # doctest: +SKIP
    ('人民调解协议书', 0.998)
    >>> doc = to_document(result)                             # doctest: +SKIP
    >>> doc.spans["ocr_line"][0].attrs["page"]                # doctest: +SKIP
    1
"""
from fazhi.ocr.base import LOW_CONFIDENCE, Engine, OcrLine, OcrPage, OcrResult, RawLine
from fazhi.ocr.pipeline import (ENGINES, SUPPORTED_SUFFIXES, default_workers, get_engine, iter_pages, ocr_bytes,
                                ocr_file, ocr_files, ocr_image, ocr_pages, to_document)

__all__ = ["ocr_file", "ocr_files", "ocr_bytes", "ocr_image", "ocr_pages", "default_workers", "to_document", "get_engine", "iter_pages", "ENGINES",
           "SUPPORTED_SUFFIXES", "Engine", "RawLine", "OcrLine", "OcrPage", "OcrResult", "LOW_CONFIDENCE"]
