"""The OCR pipeline: input file → pages → preprocessing → engine → reading order → clean text → result.

:func:`ocr_image` does one page; :func:`ocr_file` and :func:`ocr_bytes` dispatch on the file type
(PDF, image, multi-page TIFF, DOCX) and report progress per page; :func:`to_document` turns a result
into a :class:`fazhi.document.Document` whose ``spans["ocr_line"]`` keep, for every line, the page, box
and confidence (page provenance), and ``spans["ocr_page"]`` the extent of each page.
"""
from __future__ import annotations

import logging
import os
import time
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Callable

from fazhi.errors import FazhiError, OCRError, UnreadableFile
from fazhi.ocr.base import LOW_CONFIDENCE, Engine, OcrLine, OcrPage, OcrResult, RawLine

__all__ = ["ENGINES", "get_engine", "ocr_image", "ocr_file", "ocr_files", "ocr_bytes", "ocr_pages", "default_workers",
           "iter_pages", "to_document",
           "SUPPORTED_SUFFIXES"]

log = logging.getLogger(__name__)

ENGINES = ("rapidocr", "tesseract", "paddleocr")
SUPPORTED_SUFFIXES = {".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".gif", ".avif"}

_ENGINE_CACHE: dict[str, Engine] = {}


def get_engine(engine: str | Engine = "rapidocr", **options) -> Engine:
    """An engine by name (``rapidocr``, ``tesseract``, ``paddleocr``), or the engine object given.

    Engines by name without options are created once and kept (their models stay loaded).
    """
    if not isinstance(engine, str):
        return engine
    if engine not in ENGINES:
        raise ValueError(f"unknown OCR engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if not options and engine in _ENGINE_CACHE:
        return _ENGINE_CACHE[engine]
    if engine == "rapidocr":
        from fazhi.ocr.rapid import RapidEngine as cls
    elif engine == "tesseract":
        from fazhi.ocr.tesseract import TesseractEngine as cls
    else:
        from fazhi.ocr.paddle import PaddleEngine as cls
    eng = cls(**options)
    if not options:
        _ENGINE_CACHE[engine] = eng
    return eng


def _score(lines: list[RawLine]) -> float:
    """Confidence weighted by characters: how much trustworthy text a recognition produced."""
    return sum(ln.confidence * len(ln.text) for ln in lines)


def _turn_round_if_better(img, eng, meta):
    """Turn the page by 180° if a band of a few lines reads better that way round.

    A page found turned by a quarter was turned back counter-clockwise; if it was turned the other way
    it is now upside down. And after an upside-down page, the next one of the stack likely is too.
    Recognising a band both ways decides at about a quarter of the cost of recognising the whole
    page upside down first and again the right way up."""
    from fazhi.ocr.preprocess import rotate_quarter, text_band

    band = text_band(img)
    as_is = _score(eng.recognize(band))
    turned = _score(eng.recognize(rotate_quarter(band, 2)))
    if turned > 1.2 * as_is:
        meta["quarter_turn"] = (meta.get("quarter_turn", 0) + 2) % 4
        return rotate_quarter(img, 2)
    return img


def _without_stamp_fragments(items: list) -> tuple[list, list]:
    """Items with the pieces of a seal's ring text taken out (kept apart in the page's meta).

    A seal scanned in grey (or in red too dark to take out) is read as a few characters along its ring
    (树区, 可) that joined the body line beside them. Such a piece is short (≤ 4 characters), read with
    low confidence (< 0.7), and its box — the upright box of text set along an arc — is tall for its
    characters (under 0.6 of a character's width per character, where a line of text or a signed
    name has about one). Text under the seal, read as part of its line, is kept.

    >>> from fazhi.ocr.layout import Item
    >>> kept, marks = _without_stamp_fragments([Item("一、乙方于2023年6月30日前拆除", [100, 700, 760, 728], 0.98),
    ...                                         Item("树区", [561, 693, 628, 775], 0.55),
    ...                                         Item("内排水。", [100, 745, 200, 773], 0.97)])
    >>> [it.text for it in kept], [it.text for it in marks]
    (['一、乙方于2023年6月30日前拆除', '内排水。'], ['树区'])
    """
    if len(items) < 3:
        return items, []
    from statistics import median

    h = median(it.height for it in items)
    keep, marks = [], []
    for it in items:
        n = len(it.text.strip())
        width = it.box[2] - it.box[0]
        if n <= 4 and it.confidence < 0.7 and it.height > 1.5 * h and width < 0.6 * n * it.height:
            marks.append(it)
        else:
            keep.append(it)
    return keep, marks


def _space_fields(items: list, img) -> None:
    """Put a space where a wide blank inside one line separates two fields (``甲方：张某某　　乙方：李某某``),
    see :mod:`fazhi.ocr.spacing`, and note each line's ink extent, by which the layout joins or spaces
    fragments of one row (:func:`fazhi.ocr.layout.merge_rows`). Rows of a ruled table are already read
    cell by cell."""
    todo = [it for it in items if not it.table]
    if not todo:
        return
    from fazhi.ocr.spacing import FIELD_GAP, ink_extent, space_wide_gaps

    gray = img
    if img.ndim == 3:
        import cv2

        gray = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    for it in todo:
        if it.chars:
            it.text = space_wide_gaps(it.text, it.chars, it.box, gray, sep=FIELD_GAP)
            it.chars = None
        it.ink = ink_extent(gray, it.box)  # fragments of a row are joined or spaced by their ink


def _clean_fields(text: str, clean: bool = True, after: str = "") -> str:
    """A line's text cleaned field by field (:data:`fazhi.ocr.spacing.FIELD_GAP` between the fields), the
    fields then separated by a space. Cleaned whole, a field's mark would take the space beside it for a
    stray one (李四 (盖章) → 李四（盖章）).

    >>> _clean_fields("乙方:李四\u2003(盖章)"), _clean_fields("乙方:李四 (盖章)")
    ('乙方：李四 （盖章）', '乙方：李四（盖章）')
    """
    from fazhi.ocr.postprocess import clean_line
    from fazhi.ocr.spacing import FIELD_GAP

    fields = text.split(FIELD_GAP)
    # the last field runs on into the paragraph's next line (``after``): a date cut at the line end
    return " ".join(clean_line(f, after if k == len(fields) - 1 else "") if clean else f
                    for k, f in enumerate(fields))


def _join_text(a: str, b: str) -> str:
    """What goes between two lines of one paragraph: a space between two Latin words, else nothing. A
    figure cut at a line end is one figure (于20 / 23年6月20日 is 2023年), as is Chinese text."""
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return " "
    return ""


def ocr_image(image, engine: str | Engine = "rapidocr", *, page: int = 1, seal: bool = True, orient: bool = True,
              skew: bool = True, binarise: bool = False, low_confidence: float = LOW_CONFIDENCE,
              clean: bool = True, expect_upside_down: bool = False) -> OcrPage:
    """OCR one page image (PIL image, numpy array or encoded bytes).

    Args:
        engine: an engine name or object (see :func:`get_engine`).
        seal: suppress red seals; orient: fix 90°/180°/270° turns; skew: deskew (±15°);
        binarise: adaptive thresholding before recognition.
        low_confidence: lines below this confidence are flagged ``low_confidence``.
        clean: apply the clean steps of :mod:`fazhi.ocr.postprocess`.
        expect_upside_down: the page before was upside down (a stack fed the wrong way round): try a
            band of lines both ways first, so an upside-down page is recognised whole once, not twice.

    The text of the page is its paragraphs (rebuilt from the geometry) joined by newlines. A blank page
    is not sent to the engine: its text is empty and ``meta["blank"]`` is True.
    """
    from fazhi.ocr.layout import Item, layout, same_row
    from fazhi.ocr.postprocess import flag_line
    from fazhi.ocr.preprocess import prepare, rotate_quarter
    from fazhi.ocr.spacing import FIELD_GAP

    eng = get_engine(engine)
    t0 = time.perf_counter()
    prep = prepare(image, seal=seal, orient=orient, skew=skew, binarise=binarise)
    img = prep.image
    meta = dict(prep.meta)
    if orient and not meta.get("blank") and (meta.get("quarter_turn") == 1 or expect_upside_down):
        img = _turn_round_if_better(img, eng, meta)
    t1 = time.perf_counter()
    raw = [] if meta.get("blank") else eng.recognize(img)
    if orient and raw:
        mean = _score(raw) / max(1, sum(len(ln.text) for ln in raw))
        if mean < 0.75:  # an upside-down page recognises as low-confidence noise: try it turned round
            flipped = rotate_quarter(img, 2)
            raw2 = eng.recognize(flipped)
            if _score(raw2) > 1.2 * _score(raw):
                raw, img = raw2, flipped
                meta["quarter_turn"] = (meta.get("quarter_turn", 0) + 2) % 4
    t2 = time.perf_counter()
    items = [Item(text=ln.text, box=ln.bbox(), confidence=ln.confidence, chars=getattr(ln, "chars", None))
             for ln in raw if ln.text.strip()]
    items, marks = _without_stamp_fragments(items)
    if marks:
        meta["stamp_fragments"] = [{"text": it.text, "box": it.box, "confidence": round(it.confidence, 4)}
                                   for it in marks]
    if items:  # a ruled table (the parties of an agreement) is read cell by cell
        from fazhi.ocr.tables import find_tables, read_tables

        tables = find_tables(img)
        if tables:
            items = read_tables(items, tables, Item, gray=img if img.ndim == 2 else None)
            meta["tables"] = len(tables)
    _space_fields(items, img)
    ordered, paras = layout(items)
    lines: list[OcrLine] = []
    parts: list[str] = []
    offsets: list[int] = []
    text = ""
    for p_no, group in enumerate(paras):
        if p_no:
            text += "\n"
        prev, prev_item = "", None
        for g, k in enumerate(group):
            it = ordered[k]
            t = it.text.strip()
            nxt = ordered[group[g + 1]] if g + 1 < len(group) else None
            after = nxt.text.strip().split(FIELD_GAP)[0] if nxt is not None and not same_row(it, nxt) else ""
            new = _clean_fields(t, clean, after)
            t = t.replace(FIELD_GAP, " ")
            text += " " if prev_item is not None and same_row(prev_item, it) else _join_text(prev, new)
            prev_item = it
            offsets.append(len(text))
            text += new
            prev = new
            lines.append(OcrLine(text=new, box=it.box, confidence=it.confidence, column=it.column,
                                 paragraph=p_no, flags=flag_line(new, it.confidence, t, low_confidence),
                                 raw=t if t != new else None))
            parts.append(new)
    for ln, off in zip(lines, offsets):
        ln.start = off  # offset of the line in the page text
    meta["seconds"] = {"preprocess": round(t1 - t0, 3), "recognise": round(t2 - t1, 3),
                       "total": round(time.perf_counter() - t0, 3)}
    h, w = img.shape[:2]
    return OcrPage(page=page, text=text, lines=lines, width=int(w), height=int(h), source="ocr", meta=meta)


def _text_layer_page(number: int, text: str) -> OcrPage:
    from fazhi.ocr.postprocess import normalize_punctuation, normalize_width

    body = "\n".join(ln.strip() for ln in text.splitlines() if ln.strip())
    # marks as the corpus loader gives them (a subset font maps 原则： to 原则:)
    body = normalize_punctuation(normalize_width(body))
    lines, pos = [], 0
    for ln in body.split("\n"):
        lines.append(OcrLine(text=ln, box=None, confidence=1.0, start=pos))
        pos += len(ln) + 1
    return OcrPage(page=number, text=body, lines=lines, source="text_layer")


def iter_pages(data: bytes, name: str, dpi: int | None = None, use_text_layer: bool = True):
    """``(page count, generator of PageInput)`` for a file's bytes, by its suffix (or magic bytes)."""
    from fazhi.ocr.images import IMAGE_SUFFIXES, docx_pages, image_pages
    from fazhi.ocr.pdf import DEFAULT_DPI, pdf_pages

    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return pdf_pages(data, name, dpi=dpi or DEFAULT_DPI, use_text_layer=use_text_layer)
    if suffix == ".docx":
        return docx_pages(data, name)
    if suffix in IMAGE_SUFFIXES or not suffix:
        return image_pages(data, name)
    if data[:2] == b"PK":
        return docx_pages(data, name)
    return image_pages(data, name)


def default_workers(engine) -> int:
    """Pages (or files) OCR'd at once by default: ``$FAZHI_OCR_WORKERS``, else 1.

    Two pages at once (one onnxruntime thread each) use ~8% less CPU per page than one page on 2
    threads but were not consistently faster in wall time on the shared 2-core benchmark machine
    (RapidOCR's Python steps contend for the GIL), so the default stays one page; see
    docs/benchmarks/ocr.md. Engines without single-threaded copies (``workers``) always get 1.
    """
    env = os.environ.get("FAZHI_OCR_WORKERS")
    if not hasattr(engine, "workers"):
        return 1
    if env and env.strip().isdigit():
        return max(1, int(env))
    return 1


def _ocr_page(pin, eng, name, options) -> OcrPage:
    if pin.text is not None:
        return _text_layer_page(pin.number, pin.text)
    try:
        page = ocr_image(pin.image, eng, page=pin.number, **options)
    except FazhiError as e:
        raise OCRError(f"{name}: page {pin.number}: {e}") from e
    except (RuntimeError, ValueError, MemoryError) as e:
        raise OCRError(f"{name}: page {pin.number}: {type(e).__name__}: {e}") from e
    if pin.dpi:
        page.meta["dpi"] = pin.dpi
    return page


def ocr_pages(pages, engine: str | Engine = "rapidocr", *, name: str = "<bytes>", workers: int | None = None,
              on_page: Callable[[int, int], None] | None = None, total: int = 0, **options):
    """OCR an iterable of :class:`fazhi.ocr.base.PageInput` (from any number of files), yielding
    :class:`OcrPage` s **in input order**.

    With ``workers`` > 1 (default: :func:`default_workers`) that many pages are OCR'd at once, each by
    a single-threaded copy of the engine (``engine.workers(n)``) in a thread of its own (onnxruntime
    and OpenCV release the GIL); at most ``2 × workers`` pages are decoded ahead. Engines without
    ``workers`` run one page at a time. A page that fails raises :class:`OCRError` when its turn comes.
    A page input may carry its own ``name`` attribute (the file it comes from) for error messages.
    """
    eng = get_engine(engine)
    n = _worker_count(eng, workers)

    def page_name(pin):
        return getattr(pin, "name", None) or name

    if n == 1:
        results = _sequential(pages, eng, page_name, options)
    else:
        copies = _EngineCopies(eng, n)

        def task(pin):
            if pin.text is not None:
                return _ocr_page(pin, eng, page_name(pin), options)
            with copies.use() as w:
                return _ocr_page(pin, w, page_name(pin), options)

        results = _in_order(task, pages, n, "fazhi-ocr")
    done = 0
    with closing(results):
        for _, page in results:
            done += 1
            if on_page:
                on_page(done, total)
            yield page


def _sequential(pages, eng, page_name, options):
    """``(page input, OcrPage)`` one page after another. After an upside-down page the next page of the
    same file is checked both ways round first (a stack fed the wrong way round is upside down
    throughout), which spares it a whole recognition upside down."""
    prev_name, turned = None, False
    for pin in pages:
        name = page_name(pin)
        if name != prev_name:
            turned = False
        opts = dict(options, expect_upside_down=True) if turned and options.get("orient", True) else options
        page = _ocr_page(pin, eng, name, opts)
        turned = page.meta.get("quarter_turn") == 2
        prev_name = name
        yield pin, page


class _EngineCopies:
    """``n`` single-threaded copies of an engine (``engine.workers(n)``), each lent to one thread at a time."""

    def __init__(self, eng: Engine, n: int):
        import queue

        self._free: queue.Queue = queue.Queue()
        for w in eng.workers(n):
            self._free.put(w)

    @contextmanager
    def use(self):
        w = self._free.get()
        try:
            yield w
        finally:
            self._free.put(w)


def _worker_count(eng: Engine, workers: int | None) -> int:
    """How many pages or files to OCR at once: ``workers`` or :func:`default_workers`; 1 for an engine
    that cannot make single-threaded copies of itself."""
    n = default_workers(eng) if workers is None else max(1, int(workers))
    return n if n == 1 or hasattr(eng, "workers") else 1


def _in_order(fn, items, n: int, prefix: str):
    """``(item, fn(item))`` for each item **in input order**, computed on ``n`` threads with at most
    ``2 × n`` items taken ahead; a result is yielded as soon as it and all before it are done. Work not yet
    started is cancelled when the caller stops early. ``fn``'s exceptions surface at the item's turn."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    pending: deque = deque()
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix=prefix) as pool:
        try:
            for item in items:
                pending.append((item, pool.submit(fn, item)))
                while len(pending) >= 2 * n or (pending and pending[0][1].done()):
                    head, fut = pending.popleft()
                    yield head, fut.result()
            while pending:
                head, fut = pending.popleft()
                yield head, fut.result()
        finally:
            for _, fut in pending:
                fut.cancel()


def ocr_bytes(data: bytes, name: str = "<bytes>", engine: str | Engine = "rapidocr", *, dpi: int | None = None,
              use_text_layer: bool = True, on_page: Callable[[int, int], None] | None = None,
              on_total: Callable[[int], None] | None = None, workers: int | None = None,
              **options) -> OcrResult:
    """OCR a file given as bytes; ``name`` (a file name) picks the type and appears in errors.

    Args:
        dpi: rendering resolution for PDF pages without a text layer (default 200).
        use_text_layer: take a PDF page's embedded text when it has some (else always render and OCR).
        on_total(n): called once with the page count; on_page(done, total): after each page.
        workers: pages OCR'd at once, each on a single-threaded copy of the engine (default
            :func:`default_workers`: 1); the pages come back in order either way.
        **options: passed to :func:`ocr_image` (seal, orient, skew, binarise, low_confidence, clean).

    Raises:
        UnreadableFile: the file is not a readable PDF, image or DOCX, or holds no pages.
        OCRError: the engine failed on a page (the message names the file and page).
    """
    eng = get_engine(engine)
    total, pages = iter_pages(data, name, dpi=dpi, use_text_layer=use_text_layer)
    if total == 0:
        raise UnreadableFile(name, "no pages or pictures to OCR")
    if on_total:
        on_total(total)
    result = OcrResult(file=str(name), engine=getattr(eng, "name", type(eng).__name__))
    t0 = time.perf_counter()
    if total == 1:
        workers = 1
    for page in ocr_pages(pages, eng, name=name, workers=workers, on_page=on_page, total=total, **options):
        result.pages.append(page)
    result.meta["seconds"] = round(time.perf_counter() - t0, 3)
    return result


def ocr_file(path: str | os.PathLike, engine: str | Engine = "rapidocr", **options) -> OcrResult:
    """OCR a PDF, image, multi-page TIFF or DOCX file. Options as :func:`ocr_bytes`.

    Raises:
        UnreadableFile: the file does not exist or cannot be read.
    """
    from fazhi.corpora.loaders import read_bytes

    p = Path(path)
    return ocr_bytes(read_bytes(p), str(p), engine, **options)


def ocr_files(paths, engine: str | Engine = "rapidocr", *, workers: int | None = None,
              on_page: Callable[[], None] | None = None, **options):
    """OCR several files, yielding ``(path, OcrResult or FazhiError)`` **in the order given**.

    With ``workers`` > 1 (default :func:`default_workers`) that many files are OCR'd at once, each by a
    single-threaded copy of the engine, pages in order within a file; a single file gets its pages
    OCR'd in parallel instead (:func:`ocr_bytes`). A file that fails yields its error and the batch goes
    on. ``on_page()`` is called after every page (from the worker threads, serialised by a lock).
    Other options as :func:`ocr_file`.
    """
    import threading

    eng = get_engine(engine)
    paths = list(paths)
    n = _worker_count(eng, workers)
    lock = threading.Lock()

    def tick(done, total):
        if on_page:
            with lock:
                on_page()

    if n == 1 or len(paths) == 1:
        for p in paths:
            try:
                yield p, ocr_file(p, eng, workers=n, on_page=tick, **options)
            except FazhiError as e:
                yield p, e
        return
    copies = _EngineCopies(eng, n)

    def task(p):
        with copies.use() as w:
            try:
                return ocr_file(p, w, workers=1, on_page=tick, **options)
            except FazhiError as e:
                return e

    with closing(_in_order(task, paths, n, "fazhi-ocr-file")) as results:
        yield from results


def to_document(result: OcrResult, kind: str | None = None, **fields):
    """A :class:`fazhi.document.Document` from an OCR result, with page provenance.

    The text is the pages' text joined by blank lines. ``spans["ocr_page"]`` has one span per page
    (``attrs``: page, source, width, height); ``spans["ocr_line"]`` one per line (``attrs``: page, box,
    confidence, flags). ``metadata["ocr"]`` summarises the run (engine, pages, low-confidence lines).
    ``kind`` is guessed from the text when not given; other keyword arguments set Document fields.

    Examples:
        >>> from fazhi.ocr.base import OcrLine, OcrPage, OcrResult
        >>> ln = OcrLine(text="人民调解协议书", box=[10, 10, 200, 40], confidence=0.99, start=0)
        >>> doc = to_document(OcrResult(file="a.png", pages=[OcrPage(page=1, text="人民调解协议书", lines=[ln])]))
        >>> doc.kind, doc.spans["ocr_line"][0].attrs["page"], doc.metadata["ocr"]["pages"]
        ('mediation', 1, 1)
    """
    from fazhi.document import Document, Span

    text_parts: list[str] = []
    page_spans, line_spans = [], []
    pos = 0
    low = 0
    for i, page in enumerate(result.pages):
        if i:
            text_parts.append("\n\n")
            pos += 2
        start = pos
        for ln in page.lines:
            off = ln.start
            if off is None:
                off = page.text.find(ln.text)
            if off < 0 or page.text[off:off + len(ln.text)] != ln.text:
                continue
            attrs = {"page": page.page, "box": ln.box, "confidence": round(float(ln.confidence), 4)}
            if ln.flags:
                attrs["flags"] = list(ln.flags)
                low += ln.low_confidence
            line_spans.append(Span(start=pos + off, end=pos + off + len(ln.text), label="ocr_line", text=ln.text,
                                   source=result.engine if page.source == "ocr" else "text_layer", attrs=attrs))
        text_parts.append(page.text)
        pos += len(page.text)
        page_spans.append(Span(start=start, end=pos, label="ocr_page", text=page.text, norm=page.page,
                               source=page.source, attrs={"page": page.page, "source": page.source,
                                                          "width": page.width, "height": page.height}))
    text = "".join(text_parts)
    from fazhi.corpora.loaders import guess_kind, title_from_text
    from fazhi.corpora.structure import describe

    # the title under an office's letterhead (东城区…人民调解委员会 / 人民调解协议书), and the kind from it
    title = fields.pop("title", None) or title_from_text(text)[:80]
    if kind is None:
        kind = guess_kind(text, title)
    # what the text states: a regulation's dates, issuer and articles; an agreement's signature date
    facts = describe(text, title, regulation=kind == "regulation") if kind != "post" else {"metadata": {}, "spans": {}}
    if kind == "post" and not fields.get("published"):  # a ticket's 来电时间, a message's 留言时间, as ingest reads it
        from fazhi.corpora.structure import own_header_date

        facts["published"] = own_header_date(text.split("\n"))
    if facts.get("published") and not fields.get("published"):
        fields["published"] = facts["published"]
    meta = {**facts["metadata"], **dict(fields.pop("metadata", None) or {})}
    meta["ocr"] = {"engine": result.engine, "file": result.file, "pages": len(result.pages),
                   "ocr_pages": [p.page for p in result.pages if p.source == "ocr"],
                   "lines": sum(len(p.lines) for p in result.pages), "low_confidence_lines": low}
    doc = Document(text=text, kind=kind, title=title, source=fields.pop("source", None) or result.file,
                   metadata=meta, **fields)
    doc.set_spans("ocr_page", page_spans)
    doc.set_spans("ocr_line", line_spans)
    for group, spans in facts["spans"].items():
        doc.set_spans(group, spans)
    return doc
