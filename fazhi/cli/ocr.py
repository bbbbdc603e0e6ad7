"""``fazhi ocr``: OCR scanned dossiers, PDFs, images and DOCX pictures (calls :func:`fazhi.ocr.ocr_file`)."""
from __future__ import annotations

import sys

import click

from fazhi.cli.common import emit_json, exit_batch, progress, workspace

ENGINE_CHOICE = click.Choice(["rapidocr", "tesseract", "paddleocr"])
KIND_CHOICE = click.Choice(["regulation", "judgment", "mediation", "post", "other"])


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--engine", "engine_name", type=ENGINE_CHOICE, default="rapidocr", show_default=True,
              help="OCR engine.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"file", "pages":[{"page","text","lines":[{"text","box","confidence"}]}]} '
                   "(one JSON line per file when there are several).")
@click.option("--store", "store_docs", is_flag=True,
              help="Also put each file into the corpus store as a document with page provenance.")
@click.option("--kind", type=KIND_CHOICE, help="Kind of the stored documents (default: guessed).")
@click.option("--dpi", type=click.IntRange(72, 600), default=200, show_default=True,
              help="Rendering resolution for PDF pages without a text layer.")
@click.option("--no-seal", is_flag=True, help="Keep red ink (do not suppress seals).")
@click.option("--binarize", is_flag=True, help="Adaptive thresholding before recognition (uneven lighting).")
@click.option("--ocr-all", is_flag=True, help="OCR PDF pages even when they carry a text layer.")
@click.option("--workers", type=click.IntRange(1, 16), default=None,
              help="rapidocr: pages (or files) OCR'd at once, one onnxruntime thread each [default: 1, "
                   "or $FAZHI_OCR_WORKERS]; 1 runs one page on all cores.")
@click.option("--int8", is_flag=True, help="rapidocr: use the int8 recognition model (made locally on first use).")
def ocr(files, engine_name, as_json, store_docs, kind, dpi, no_seal, binarize, ocr_all, workers, int8):
    """OCR scanned files (PDF, PNG, JPEG, multi-page TIFF, DOCX pictures) and print the text.

    PDF pages that carry text are read from their text layer; other pages are rendered and OCR'd.
    Red seals are suppressed, pages are oriented and deskewed, columns are read in order and
    paragraphs rebuilt. Each page of a file with several pages is headed "--- page N/M ---", with
    "(no text)" when nothing was read on it (a blank page, a picture). Lines of low confidence are
    counted on stderr. A file that cannot be read is reported on one line and the batch goes on; the
    exit code is 2 if any file failed.

    Example: fazhi ocr 调解协议书.pdf --json
    """
    from fazhi.errors import FazhiError
    from fazhi.ocr import get_engine, iter_pages, ocr_files, to_document

    if int8 and engine_name != "rapidocr":
        raise click.UsageError("--int8 applies to the rapidocr engine only")
    engine = get_engine(engine_name, int8=True) if int8 else get_engine(engine_name)
    store = workspace().store() if store_docs else None
    several = len(files) > 1
    failed = 0
    total = None
    if sys.stderr.isatty():
        total = 0
        for f in files:
            try:
                with open(f, "rb") as fh:
                    total += iter_pages(fh.read(), f, dpi=dpi)[0]
            except (OSError, FazhiError):
                pass
    try:
        with progress(total, "ocr pages") as advance:
            for f, result in ocr_files(files, engine, workers=workers, dpi=dpi, use_text_layer=not ocr_all,
                                       seal=not no_seal, binarise=binarize, on_page=advance):
                if isinstance(result, FazhiError):
                    failed += 1
                    msg = str(result)
                    click.echo(f"fazhi: error: {msg if msg.startswith(str(f)) else f'{f}: {msg}'}", err=True)
                    continue
                if as_json:
                    emit_json(result.to_dict(), indent=None if several else 2)
                else:
                    if several:
                        click.echo(f"== {f} ==")
                    click.echo(_plain_text(result))
                low = sum(len(p.low_confidence_lines) for p in result.pages)
                if low:
                    click.echo(f"{f}: {low} low-confidence line(s)", err=True)
                if store is not None:
                    doc = to_document(result, kind=kind)
                    added = store.add(doc)
                    click.echo(f"{f}: stored as {added.id} ({added.status}, {len(result.pages)} pages)", err=True)
    finally:
        if store is not None:
            store.close()
    if failed:
        click.echo(f"fazhi: {failed} of {len(files)} file(s) failed", err=True)
    exit_batch(failed)


def _plain_text(result) -> str:
    """The text of a file: its one page as it is, or each page headed ``--- page N/M ---`` so a reader
    can tell where a page starts and which page came back empty (a blank page, or a picture)."""
    pages = result.pages
    if len(pages) == 1:
        return pages[0].text
    out = []
    for p in pages:
        blank = "" if p.text.strip() else " (no text)"
        out.append(f"--- page {p.page}/{len(pages)}{blank} ---" + (f"\n{p.text}" if p.text.strip() else ""))
    return "\n".join(out)
