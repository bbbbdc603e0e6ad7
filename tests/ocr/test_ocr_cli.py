"""``fazhi ocr`` end to end with CliRunner: JSON shape, batches with a bad file, --store, PDF text layers,
and the demo stage."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ocr_helpers import law_paragraphs, need_font, need_rapidocr


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    need_font()
    need_rapidocr()
    from fazhi.ocr.render import make_page

    d = tmp_path_factory.mktemp("scans")
    out = {}
    for name, first, cond in [("a.png", 0, "clean"), ("b.jpg", 3, "sealed")]:
        page = make_page(law_paragraphs()[first:first + 2], cond, dpi=150, seed=first, size_mm=(210, 65))
        page.image.save(d / name)
        out[name] = (d / name, page.text)
    (d / "broken.png").write_bytes(b"\x89PNG not really")
    return out


def _run(args, tmp_path):
    from fazhi.cli import cli

    return CliRunner().invoke(cli, ["--home", str(tmp_path / "ws"), "ocr", *args])


def test_json_shape_for_one_file(scans, tmp_path):
    from fazhi.ocr.render import cer

    path, truth = scans["a.png"]
    res = _run([str(path), "--json"], tmp_path)
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"file", "pages"} and data["file"] == str(path)
    (page,) = data["pages"]
    assert set(page) == {"page", "text", "lines"} and page["page"] == 1
    for line in page["lines"]:
        assert set(line) == {"text", "box", "confidence"}
        assert len(line["box"]) == 4 and 0 <= line["confidence"] <= 1
    assert cer(truth, page["text"]) <= 0.01


def test_batch_goes_on_past_a_bad_file(scans, tmp_path):
    a, b = scans["a.png"][0], scans["b.jpg"][0]
    bad = a.parent / "broken.png"
    missing = a.parent / "missing.tif"
    res = _run([str(a), str(bad), str(missing), str(b), "--json"], tmp_path)
    assert res.exit_code == 2  # the batch exit code of every command (ingest's): some files failed
    lines = res.stdout.strip().splitlines()
    assert [json.loads(ln)["file"] for ln in lines] == [str(a), str(b)]   # one JSON line per file
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("fazhi: error:")]
    assert len(errors) == 2
    assert str(bad) in errors[0] and "not a readable image" in errors[0]
    assert str(missing) in errors[1] and "no such file" in errors[1]
    assert "2 of 4 file(s) failed" in res.stderr


def test_store_keeps_page_provenance(scans, tmp_path):
    from fazhi.workspace import Workspace

    path, truth = scans["b.jpg"]
    res = _run([str(path), "--store", "--kind", "mediation"], tmp_path)
    assert res.exit_code == 0, res.output
    assert "stored as" in res.stderr
    store = Workspace(tmp_path / "ws").store()
    try:
        (doc,) = list(store.iter())
    finally:
        store.close()
    assert doc.kind == "mediation" and doc.source == str(path)
    spans = doc.spans["ocr_line"]
    assert spans and all(doc.text[s.start:s.end] == s.text for s in spans)
    assert all(s.attrs["page"] == 1 and len(s.attrs["box"]) == 4 and "confidence" in s.attrs for s in spans)
    assert doc.metadata["ocr"]["engine"] == "rapidocr"


def test_pdf_text_layer_needs_no_ocr(tmp_path):
    pytest.importorskip("reportlab", reason="reportlab (test extra) builds the PDF")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "text.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "第一条 为了完善人民调解制度，规范人民调解活动。")
    c.drawString(72, 740, "第二条 本法所称人民调解。")
    c.save()
    res = _run([str(path), "--json", "--engine", "tesseract"], tmp_path)  # engine never runs
    assert res.exit_code == 0, res.output
    page = json.loads(res.stdout)["pages"][0]
    assert page["text"].splitlines() == ["第一条 为了完善人民调解制度，规范人民调解活动。", "第二条 本法所称人民调解。"]
    assert page["lines"][0] == {"text": "第一条 为了完善人民调解制度，规范人民调解活动。", "box": None, "confidence": 1.0}


def test_ocr_help_has_an_example():
    from fazhi.cli import cli

    res = CliRunner().invoke(cli, ["ocr", "--help"])
    assert res.exit_code == 0 and "Example: fazhi ocr" in res.output and "--store" in res.output


def test_demo_stage(tmp_path):
    need_rapidocr()
    from fazhi.ocr.demo import sample_path, stage
    from fazhi.workspace import Workspace

    assert sample_path().stat().st_size < 500_000
    said = []
    summary = stage(Workspace(tmp_path / "ws"), said.append)
    assert summary["pages"] == 1 and summary["lines"] >= 18 and summary["chars"] > 450
    assert summary["zero_recovered_lines"] >= 1
    assert any("二〇二五年三月十八日" in s for s in said)
    store = Workspace(tmp_path / "ws").store()
    try:
        doc = store.get(summary["doc_id"])
    finally:
        store.close()
    assert doc is not None and doc.kind == "mediation" and "人民调解协议书" in doc.text


def test_several_files_two_at_a_time_keep_their_order(scans, tmp_path):
    """--workers 2 OCRs two files at once (one single-threaded engine copy each); output as --workers 1."""
    a, b = scans["a.png"][0], scans["b.jpg"][0]
    files = [str(b), str(a), str(b), str(a)]
    one = _run([*files, "--json", "--workers", "1"], tmp_path)
    two = _run([*files, "--json", "--workers", "2"], tmp_path)
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert [json.loads(ln)["file"] for ln in two.stdout.splitlines()] == files
    assert two.stdout == one.stdout


def test_int8_is_for_rapidocr_only(scans, tmp_path):
    res = _run([str(scans["a.png"][0]), "--engine", "tesseract", "--int8"], tmp_path)
    assert res.exit_code == 2 and "--int8" in res.output


def test_empty_and_junk_files_are_named_plainly(tmp_path):
    empty, junk = tmp_path / "empty.png", tmp_path / "notes.txt"
    empty.write_bytes(b"")
    junk.write_bytes("这不是图片".encode("utf-8") * 20)
    res = _run([str(empty), str(junk)], tmp_path)
    assert res.exit_code == 2
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("fazhi: error:")]
    assert errors[0] == f"fazhi: error: {empty}: empty file"
    # before: "cannot identify image file <_io.BytesIO object at 0x7f…>", which names no file of the user's
    assert errors[1].startswith(f"fazhi: error: {junk}: not a readable image") and "BytesIO" not in errors[1]


def test_pages_of_a_multipage_file_are_numbered_in_plain_text(tmp_path):
    """Before, the pages of a TIFF were only separated by blank lines, and a blank page was four empty
    lines: nobody could tell where page 2 began or that it was empty."""
    need_font()
    need_rapidocr()
    from PIL import Image

    from fazhi.ocr.render import make_page

    page = make_page(law_paragraphs()[:1], "clean", dpi=150, size_mm=(210, 30), margin_mm=6)
    path = tmp_path / "dossier.tif"
    page.image.save(path, save_all=True, append_images=[Image.new("RGB", page.image.size, "white")])
    res = _run([str(path)], tmp_path)
    assert res.exit_code == 0, res.output
    out = res.stdout.splitlines()
    assert out[0] == "--- page 1/2 ---" and out[1] == "第一章总则"
    assert out[-1] == "--- page 2/2 (no text) ---"
