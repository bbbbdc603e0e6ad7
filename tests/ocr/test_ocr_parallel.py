"""Page-level parallelism (two pages at once, one onnxruntime thread each) and the int8 recognition model."""
from __future__ import annotations

import io

import pytest

from ocr_helpers import law_paragraphs, need_font, need_rapidocr


@pytest.fixture(scope="module")
def tiff_pages():
    """A 3-page TIFF of small crops of real law text, and the truth of each page."""
    need_font()
    need_rapidocr()
    from fazhi.ocr.render import make_page

    # 8 mm margins: with the default 25 mm a 45 mm crop holds no line, and the pages were blank
    pages = [make_page(law_paragraphs()[k:], "clean", dpi=150, seed=k, size_mm=(210, 45), margin_mm=8)
             for k in (0, 6, 12)]
    assert all(len(p.text) > 40 for p in pages)
    buf = io.BytesIO()
    frames = [p.image for p in pages]
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    return buf.getvalue(), [p.text for p in pages]


def test_two_workers_keep_page_order_and_results(tiff_pages):
    from fazhi.ocr import ocr_bytes
    from fazhi.ocr.rapid import RapidEngine
    from fazhi.ocr.render import cer

    data, truths = tiff_pages
    eng = RapidEngine()
    seen = []
    one = ocr_bytes(data, "doc.tif", eng, workers=1)
    two = ocr_bytes(data, "doc.tif", eng, workers=2, on_page=lambda done, total: seen.append((done, total)))
    assert [p.page for p in two.pages] == [1, 2, 3]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert [p.text for p in two.pages] == [p.text for p in one.pages]
    for truth, page in zip(truths, two.pages):
        assert cer(truth, page.text) <= 0.01
    # the workers are single-threaded copies, made once and reused
    clones = eng.workers(2)
    assert [c.threads for c in clones] == [1, 1] and clones == eng.workers(2)
    assert all(c._ocr is not None for c in clones)


def test_default_workers(monkeypatch):
    from fazhi.ocr import default_workers
    from fazhi.ocr.tesseract import TesseractEngine

    need_rapidocr()
    from fazhi.ocr.rapid import RapidEngine

    monkeypatch.delenv("FAZHI_OCR_WORKERS", raising=False)
    assert default_workers(RapidEngine()) == 1  # one page on all cores: the better wall time measured
    monkeypatch.setenv("FAZHI_OCR_WORKERS", "2")
    assert default_workers(RapidEngine()) == 2
    assert default_workers(TesseractEngine()) == 1  # no single-threaded copies: one page at a time


def test_a_bad_page_fails_with_its_file_and_number(tiff_pages):
    from fazhi.errors import OCRError
    from fazhi.ocr import ocr_pages
    from fazhi.ocr.pdf import PageInput
    from fazhi.ocr.rapid import RapidEngine

    class Broken(RapidEngine):
        def clone(self, threads=1):
            return BrokenClone(threads=threads)

    class BrokenClone(RapidEngine):
        def recognize(self, image):
            if image.shape[0] < 50:
                raise RuntimeError("boom")
            return super().recognize(image)

    import numpy as np

    good = np.full((200, 400, 3), 255, np.uint8)
    good[50:62, 40:360] = 0  # a mark: blank pages never reach the engine
    bad = np.full((30, 400, 3), 255, np.uint8)
    bad[10:20, 40:360] = 0
    pins = [PageInput(number=1, image=good), PageInput(number=2, image=bad), PageInput(number=3, image=good)]
    got = []
    with pytest.raises(OCRError, match=r"x\.tif: page 2: RuntimeError: boom"):
        for page in ocr_pages(pins, Broken(), name="x.tif", workers=2):
            got.append(page.page)
    assert got == [1]


def test_int8_model_is_made_locally_and_cached(tmp_path, monkeypatch):
    need_rapidocr()
    pytest.importorskip("onnx", reason="the int8 model needs the onnx package (pip install 'fazhi[ocr]')")
    import onnx

    from fazhi.ocr.rapid import REC_MODEL, model_dir, quantized_rec_model

    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    path = quantized_rec_model()
    assert path.parent == tmp_path / "ocr" and path.exists()
    assert path.stat().st_size < 0.8 * (model_dir() / REC_MODEL).stat().st_size  # MatMul weights int8
    model = onnx.load(str(path))
    assert "character" in {m.key for m in model.metadata_props}  # the character table survives
    assert any(n.op_type == "MatMulInteger" for n in model.graph.node)
    mtime = path.stat().st_mtime_ns
    assert quantized_rec_model() == path and path.stat().st_mtime_ns == mtime  # cached, not remade


def test_int8_engine_reads_a_page(tmp_path, monkeypatch):
    need_font()
    need_rapidocr()
    pytest.importorskip("onnx", reason="the int8 model needs the onnx package")
    from fazhi.ocr import ocr_image
    from fazhi.ocr.rapid import RapidEngine
    from fazhi.ocr.render import cer, make_page

    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    page = make_page(law_paragraphs()[3:], "degraded", dpi=150, seed=3, size_mm=(210, 60))
    result = ocr_image(page.image, RapidEngine(int8=True))
    assert cer(page.text, result.text) <= 0.03
