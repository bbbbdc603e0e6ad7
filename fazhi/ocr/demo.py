"""Demo stage: OCR the bundled scanned sample (a synthetic mediation agreement with a red seal), store it
in the demo workspace with page provenance, and summarise what was read."""
from __future__ import annotations

from importlib import resources

__all__ = ["stage", "sample_path"]


def sample_path():
    """The bundled scan (``fazhi/ocr/data/sample_scan.jpg``; see :func:`fazhi.ocr.render.render_sample`)."""
    return resources.files("fazhi.ocr").joinpath("data", "sample_scan.jpg")


def stage(workspace, say) -> dict:
    from fazhi.errors import ModelUnavailable
    from fazhi.ocr import ocr_bytes, to_document

    data = sample_path().read_bytes()
    try:
        result = ocr_bytes(data, "fazhi/ocr/data/sample_scan.jpg", "rapidocr")
    except ModelUnavailable as e:
        say(f"OCR skipped: {e}")
        return {"skipped": str(e)}
    page = result.pages[0]
    doc = to_document(result, kind="mediation", title="人民调解协议书（合成样例）")
    store = workspace.store()
    try:
        added = store.add(doc)
    finally:
        store.close()
    low = [ln for p in result.pages for ln in p.low_confidence_lines]
    zeros = [ln for p in result.pages for ln in p.lines if "zero_recovered" in ln.flags]
    m = page.meta
    say(f"OCR of the bundled scan ({result.engine}): {len(result.pages)} page, {len(page.lines)} lines, "
        f"{len(result.text)} chars, {len(low)} low-confidence lines, {m['seconds']['total']:.1f} s")
    say(f"  preprocessing: red seal suppressed={m['seal_suppressed']}, skew corrected {m['skew']}°")
    for ln in page.lines[:4] + page.lines[-3:]:
        say(f"  {ln.confidence:.2f}  {ln.text[:40]}")
    if zeros:
        say(f"  〇 restored in {len(zeros)} line(s), e.g. {zeros[0].text[:30]}")
    say(f"  stored as {added.id} ({added.status}) with {len(doc.spans['ocr_line'])} ocr_line spans")
    return {"pages": len(result.pages), "lines": len(page.lines), "chars": len(result.text),
            "low_confidence_lines": len(low), "zero_recovered_lines": len(zeros), "doc_id": added.id}
