"""Defects found by OCR audit 3 (new rendered scans in tests/fixtures/ocr/audit3/, benchmarks/ocr_audit3.py).

* Signature lines (调解员（签名）：周敏) lost their hand-written names and a hand-written date its 三: RapidOCR
  pads every line of a recognition batch to the widest line's width, and a short line batched with
  full-width lines of text was mostly grey padding. Batches now hold lines of similar width.
* A date cut at a line end (甲方于二二四年一 / 月十五日) kept its dropped 〇: the year was only restored when
  its month was on the same line.
* A case number read with one bracket half-width (编号：(2024）东调受字第052号) was not normalised: the
  bracket was made full-width only next to a Chinese character or around Chinese text.
* A fax's streak (a thin line from edge to edge through a line of text) made the detector cut the first
  characters off that line (二〇二四年三月五日 read as 二四年三月五日).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ocr_helpers import FIXTURES, need_rapidocr

AUDIT = FIXTURES / "audit3"


@pytest.fixture(scope="module")
def engine():
    need_rapidocr()
    from fazhi.ocr import get_engine

    return get_engine("rapidocr")


def _page(name: str, rows: tuple[int, int] | None = None):
    import numpy as np
    from PIL import Image

    img = np.asarray(Image.open(AUDIT / name).convert("RGB"))
    return img if rows is None else np.ascontiguousarray(img[rows[0]:rows[1]])


def _flat(text: str) -> str:
    from fazhi.ocr.render import comparable

    return comparable(text)


def test_short_lines_are_not_batched_with_long_ones():
    from fazhi.ocr.rapid import MIN_RATIO, ratio_batches

    ratios = [31.0, 7.2, 30.5, 2.0, 6.9, 29.0, 12.0, 8.0]
    batches = ratio_batches(ratios, 16)
    assert sorted(i for b in batches for i in b) == list(range(len(ratios)))
    for b in batches:
        rs = [max(ratios[i], MIN_RATIO) for i in b]
        assert max(rs) <= 1.5 * min(rs)
    assert all(len(b) <= 2 for b in ratio_batches([20.0] * 5, 2))


def test_signature_page_keeps_signed_names_and_date(engine):
    """The whole signature page (short signed lines among full-width ones), as users OCR it."""
    from fazhi.ocr import ocr_image

    text = _flat(ocr_image(_page("a3_signatures.jpg"), engine).text)
    for field in ["调解员（签名）：周敏", "记录人（签名）：李晓东", "日期：二〇二四年三月五日", "被申请人（签名）：孙志强"]:
        assert _flat(field) in text


def test_year_restored_when_its_month_is_on_the_next_line(engine):
    """The paragraph of the sealed agreement whose line ends in 于二〇二四年一 (the 〇 dropped)."""
    from fazhi.ocr import ocr_image

    page = ocr_image(_page("a1_agreement_seal.jpg", (450, 590)), engine)
    assert "甲方于二〇二四年一月十五日" in _flat(page.text)
    cut = [ln for ln in page.lines if ln.text.endswith("年一")]
    assert cut and "zero_recovered" in cut[0].flags


def test_recover_zero_looks_at_the_next_line_only_for_context():
    from fazhi.ocr.postprocess import clean_line, recover_zero

    assert recover_zero("甲方于二二四年一", after="月十五日向本委员会") == "甲方于二〇二四年一"
    assert recover_zero("甲方于二二四年一") == "甲方于二二四年一"  # no month: could be anything
    assert recover_zero("期限二年", after="内付清") == "期限二年"  # a duration stays
    assert recover_zero("于二二", after="四年一月") == "于二二"  # the year itself cut: left alone
    assert clean_line("于二O二四", after="年三月五日") == "于二〇二四"
    assert recover_zero("二O二二年十月", after="二二三年一月") == "二〇二二年十月"  # next line's date is its own


def test_bracket_paired_with_a_full_width_one_is_made_full_width():
    from fazhi.ocr.postprocess import normalize_punctuation

    assert normalize_punctuation("编号：(2024）东调受字第052号") == "编号：（2024）东调受字第052号"
    assert normalize_punctuation("(2023）东调字第112号") == "（2023）东调字第112号"
    assert normalize_punctuation("f(x) = (1)") == "f(x) = (1)"  # no full-width pair: untouched
    assert normalize_punctuation("x(a) + （二）") == "x(a) + （二）"  # its own pair is half-width


def test_fax_streak_through_a_line_is_removed(engine):
    """The foot of the fax: a streak runs through the date line."""
    from fazhi.ocr import ocr_image

    page = ocr_image(_page("a5_fax_150dpi.png", (560, 700)), engine)
    assert page.meta.get("streaks_removed") == 1
    assert "二〇二四年三月五日" in _flat(page.text)


def test_remove_streaks_keeps_table_rulings_and_strokes():
    import numpy as np

    from fazhi.ocr.preprocess import remove_streaks

    page = np.full((400, 600), 255, np.uint8)
    page[100, :] = 0  # a streak, edge to edge
    page[90:112, 300:303] = 0  # a stroke it crosses
    clean, rows = remove_streaks(page)
    assert rows == [100]
    assert (clean[100, :290] == 255).all() and (clean[100, 300:303] == 0).all()
    table = np.full((400, 600), 255, np.uint8)
    table[200:202, :] = 0  # a table ruling from edge to edge (a cropped form) ...
    for x in (0, 150, 400, 598):
        table[150:300, x:x + 2] = 0  # ... met by the table's vertical rulings: kept
    assert remove_streaks(table)[1] == []
    assert remove_streaks(np.full((400, 600), 255, np.uint8))[1] == []


def test_phone_photo_sheet_is_found_and_flattened():
    """The phone photo: the sheet's corners where the renderer put them (tests/ocr/audit3_pages.py)."""
    import numpy as np

    from fazhi.ocr.preprocess import find_page, to_gray

    img = _page("a4_phone_photo.jpg")
    H, W = img.shape[:2]
    want = np.float32([[W * 0.07, H * 0.05], [W * 0.95, H * 0.08], [W * 0.99, H * 0.97], [W * 0.02, H * 0.93]])
    quad = find_page(to_gray(img))
    assert quad is not None and np.abs(quad - want).max() < 0.015 * W
    for scan in ["a1_agreement_seal.jpg", "a2_register_form.jpg", "a5_fax_150dpi.png", "a3_signatures.jpg"]:
        assert find_page(to_gray(_page(scan))) is None, scan  # paper to the edges; a table's outline is no sheet


def test_phone_photo_paragraph_stays_whole(engine):
    """Before: the keystone left the top lines ending short of the right edge found lower down, so the
    first paragraph broke after its first line (…320102196211074823, / 住南京市…)."""
    from fazhi.ocr import ocr_image

    page = ocr_image(_page("a4_phone_photo.jpg"), engine)
    assert page.meta.get("page_quad")
    assert "身份证号码：320102196211074823，住南京市玄武区梅园新村17号" in page.text


def test_mark_ending_a_line_before_chinese_is_full_width():
    from fazhi.ocr.postprocess import clean_line

    assert clean_line("身份证号码:320102196211074823,", after="住南京市") == "身份证号码：320102196211074823，"
    assert clean_line("合计1,", after="000元") == "合计1,"  # a figure cut at the line end
    assert clean_line("320102196211074823,") == "320102196211074823,"  # no next line: nothing to go by
