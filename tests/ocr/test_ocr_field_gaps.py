"""Two fields of a form on one row, a wide blank between them: they come out as two words.

Forms in mediation dossiers (调解协议书, 笔录, 申请书) set fields side by side: 申请人：张三　　被申请人：李四.
Before: the detector returned such a row as one box and the recogniser read the blank as nothing, so
the bundled sample scan printed 甲方（签名）：张某某乙方（签名）：李某某 and names were read as 张某某乙;
at 300 dpi the detector cut the row into two boxes whose padding overlapped, and the two halves became
two paragraphs. Ordinary text, tight and full of punctuation that leaves white inside its own cell
(，（ and ）、（), must stay unspaced, as must a letter-spaced title (调 解 笔 录)."""
from __future__ import annotations

import re

import pytest

from ocr_helpers import need_font, need_rapidocr

TITLE = "笔　录"  # letter-spaced, as 笔录 and 调解书 are set: kept whole (guess_kind reads 笔录)
FIELDS = [  # rows of two fields, the blank set as word processors do: ideographic or ASCII spaces
    "申请人：张三　　　　　　被申请人：李四",
    "调解员：王五      记录人：赵六",
    "甲方（签名）：张某某　　乙方（签名）：李某某",
    "联系电话：13812345678　　　　身份证号码：110101199003077777",
    "时间：2025年3月18日　　　　地点：某某镇人民调解委员会",
]
TIGHT = [
    "双方自愿达成协议（见附件一），乙方于本月底前拆除围墙。",
    "第三条：当事人（申请人）、（被申请人）均应签名。",
    "人民调解委员会调解民间纠纷，应当遵循下列原则：",
    "申请人：张三 被申请人：李四",  # one narrow space: not a gap between fields
]


@pytest.fixture(scope="module")
def engine():
    need_font()
    need_rapidocr()
    from fazhi.ocr import get_engine

    return get_engine("rapidocr")


@pytest.mark.parametrize("dpi,degraded", [(150, False), (150, True), (300, False)],
                         ids=["150dpi", "150dpi-degraded", "300dpi"])
def test_fields_on_one_row_are_spaced_and_tight_text_is_not(engine, dpi, degraded):
    from fazhi.ocr import ocr_image
    from fazhi.ocr.render import degrade, render_page

    page = render_page(FIELDS + TIGHT, dpi, title=TITLE, size_mm=(210, 150))
    img = degrade(page.image, seed=1) if degraded else page.image
    got = ocr_image(img, engine).text.splitlines()
    want = ([TITLE.replace("\u3000", "")] + [re.sub(r"[\s\u3000]+", " ", r) for r in FIELDS]
            + [t.replace(" ", "") for t in TIGHT])
    assert got == want


def test_sample_scan_signature_row(engine):
    """The bundled demo scan (seal, slight rotation, noise): the signature row has its two fields apart."""
    from importlib.resources import files

    from fazhi.ocr import ocr_bytes

    data = files("fazhi.ocr").joinpath("data", "sample_scan.jpg").read_bytes()
    text = ocr_bytes(data, "sample_scan.jpg", engine).text
    assert "甲方（签名）：张某某 乙方（签名）：李某某" in text.splitlines()


def _line(glyphs, width=400, size=24):
    """A grey line image with square glyphs at the given x positions, and their centres."""
    import numpy as np

    page = np.full((size + 16, width), 250, np.uint8)
    for x in glyphs:
        page[8:8 + size, x:x + size] = 20
    return page, [(i, x + size / 2) for i, x in enumerate(glyphs)]


@pytest.mark.parametrize("text,glyphs,want", [
    ("张某某李四", (10, 40, 70, 250, 280), "张某某 李四"),            # a blank of 7 characters
    ("张某某李四", (10, 40, 70, 100, 130), "张某某李四"),             # set tight
    ("张三李四", (10, 40, 70, 100), "张三李四"),
    ("调解笔录", (10, 70, 130, 190), "调解笔录"),                     # letter-spaced: every gap wide
    ("笔录", (10, 70), "笔录"),
    ("张三，（李", (10, 40, 70, 105, 140), "张三，（李"),              # white beside ， and （ is theirs
    ("张三，（李", (10, 40, 70, 160, 190), "张三， （李"),             # but not this much
    ("甲乙丙丁戊", (10, 40, 95, 125, 155), "甲乙 丙丁戊"),             # 31 px blank, ink 24 px high
])
def test_space_wide_gaps(text, glyphs, want):
    from fazhi.ocr.spacing import space_wide_gaps

    page, chars = _line(glyphs)
    assert space_wide_gaps(text, chars, [0, 0, page.shape[1], page.shape[0]], page) == want


def test_merge_rows_by_ink():
    """Fragments of one row whose padded boxes overlap: joined when their inks nearly touch, kept apart
    (and spaced by the page text) when a blank wider than a character lies between the inks."""
    from fazhi.ocr.layout import Item, layout

    def items(gap):
        a = Item("甲方：张某某", [100, 10, 290, 40], 0.99, ink=(110, 270, 24))
        b = Item("乙方：李某某", [280 - 20, 10, 460, 40], 0.99, ink=(270 + gap, 440, 24))
        return [b, a]

    ordered, paras = layout(items(4))
    assert [it.text for it in ordered] == ["甲方：张某某乙方：李某某"] and paras == [[0]]
    ordered, paras = layout(items(60))
    assert [it.text for it in ordered] == ["甲方：张某某", "乙方：李某某"] and paras == [[0, 1]]


ALIGNED = [  # fields set in two aligned columns over four rows: a form, not two columns of text
    ("申请人（签名）：　　　　日期：2025年3月18日", "申请人（签名）： 日期：2025年3月18日"),
    ("调解员:王五　　　　　记录人:赵六", "调解员：王五 记录人：赵六"),
    ("当事人签名：　　　　　　　（盖章）", "当事人签名： （盖章）"),
    ("代理人：张三律师　　　　联系电话：13812345678", "代理人：张三律师 联系电话：13812345678"),
]


@pytest.mark.parametrize("dpi", [150, 300])
def test_aligned_fields_are_read_row_by_row(engine, dpi):
    """Before: the white band between the two columns of fields was taken for a gutter between columns
    of text, and the page read 申请人（签名）： / 调解员：王五 / 当事人签名： / 代理人：张三律师 / 日期：…"""
    from fazhi.ocr import ocr_image
    from fazhi.ocr.render import render_page

    page = render_page([row for row, _ in ALIGNED], dpi, size_mm=(210, 80))
    assert ocr_image(page.image, engine).text.splitlines() == [want for _, want in ALIGNED]


@pytest.mark.parametrize("text,want", [
    ("乙方:李四\u2003(盖章)", "乙方：李四 （盖章）"),       # two fields: the space stays
    ("乙方:李四 (盖章)", "乙方：李四（盖章）"),            # a stray space the recogniser made: cleaned
    ("申请人:张三\u2003被申请人:李四", "申请人：张三 被申请人：李四"),
])
def test_fields_are_cleaned_one_by_one(text, want):
    from fazhi.ocr.pipeline import _clean_fields

    assert _clean_fields(text) == want


@pytest.mark.parametrize("title,dpi", [("笔　　　录", 150), ("调　　解　　书", 300)])
def test_widely_letter_spaced_title_stays_whole(engine, title, dpi):
    """The detector draws each piece of such a heading as a box of its own; set large and ideographs
    only, the pieces are one title, while the fields below it keep their space."""
    from fazhi.ocr import ocr_image
    from fazhi.ocr.render import render_page

    page = render_page(["申请人：张三　　　　被申请人：李四"], dpi, title=title, size_mm=(210, 80))
    assert ocr_image(page.image, engine).text.splitlines() == [title.replace("\u3000", ""), "申请人：张三 被申请人：李四"]
