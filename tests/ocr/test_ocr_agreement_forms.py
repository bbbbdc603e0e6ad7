"""A scanned 人民调解协议书 as mediators have them: a right-set 编号 above a ruled table of the parties whose
address cell wraps over several lines, and a paragraph whose line end falls inside a figure (于20 / 23年).

Before: the wrapped cell's lines fell between and after the other cells (4.8% CER on a full A4 page at
150 dpi), the 编号 ran into the table's header row, and 2023年 came out as 20 23年."""
from __future__ import annotations

import pytest

from ocr_helpers import need_font, need_rapidocr

HEADER = ["东城区幸福街道人民调解委员会", "人民调解协议书"]
NUMBER = "编号：（2023）东调字第015号"
TABLE = [["当事人", "姓名", "性别", "出生年月", "住址", "联系电话"],
         ["甲方", "张建国", "男", "1965年3月", "某市东城区幸福街道幸福路12号院3单元502室", "13812345678"],
         ["乙方", "李秀英", "女", "1972年11月", "某市东城区幸福街道幸福路14号", "13987654321"]]
PARA = ["二、乙方一次性赔偿甲方墙体维修费、误工费、鉴定费共计人民币壹万贰仟元整，于20", "23年6月20日前以银行转账方式付清。"]
SHARES = (0.12, 0.14, 0.08, 0.16, 0.28, 0.22)


def _wrap(draw, text, font, width):
    lines, cur = [], ""
    for ch in text:
        if cur and draw.textlength(cur + ch, font=font) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur]


def render(dpi=150):
    """The page (PIL image), the cell rulings drawn and where each cell's text lines were drawn."""
    from PIL import Image, ImageDraw

    from fazhi.ocr.render import _font

    mm = dpi / 25.4
    px = round(12 / 72 * dpi)
    font = _font(px)
    W, H = int(210 * mm), int(120 * mm)
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    left = int(20 * mm)
    right = left + int(d.textlength(PARA[0], font=font)) + 2 * px  # the paragraph's first line fills the width
    y = int(8 * mm)
    for t in HEADER:
        d.text(((W - d.textlength(t, font=font)) / 2, y), t, font=font, fill="black")
        y += 2 * px
    d.text((right - d.textlength(NUMBER, font=font), y), NUMBER, font=font, fill="black")
    y += 2 * px
    edges = [left]
    for s in SHARES:
        edges.append(edges[-1] + int(s * (right - left)))
    edges[-1] = right
    drawn = []
    for row in TABLE:
        cells = [_wrap(d, t, font, edges[c + 1] - edges[c] - px // 2) for c, t in enumerate(row)]
        rh = int(px * 2.2) + int((max(map(len, cells)) - 1) * px * 1.3)
        for c, lines in enumerate(cells):
            d.rectangle([edges[c], y, edges[c + 1], y + rh], outline="black", width=2)
            top = y + (rh - len(lines) * px * 1.3) / 2
            for k, t in enumerate(lines):
                x = edges[c] + (edges[c + 1] - edges[c] - d.textlength(t, font=font)) / 2 if len(lines) == 1 \
                    else edges[c] + px // 4
                d.text((x, top + k * px * 1.3), t, font=font, fill="black")
                drawn.append((t, [int(x), int(top + k * px * 1.3), int(x + d.textlength(t, font=font)),
                                  int(top + k * px * 1.3 + px)]))
        y += rh
    y += px
    d.text((left + 2 * px, y), PARA[0], font=font, fill="black")
    d.text((left, y + int(1.75 * px)), PARA[1], font=font, fill="black")
    return img, drawn


def test_ruled_table_found_and_cells_read_in_order():
    """The table reader alone, on the page's rulings and the lines where they were drawn (the
    recogniser's boxes): each row one line, a wrapped cell's lines joined inside its cell."""
    need_font()
    import numpy as np

    from fazhi.ocr.layout import Item
    from fazhi.ocr.tables import find_tables, read_tables

    img, drawn = render()
    tables = find_tables(np.asarray(img.convert("L")))
    assert len(tables) == 1 and len(tables[0].rows) == 3
    assert all(len(cols) == 7 for cols in tables[0].cols)
    items = [Item(text=t, box=b, confidence=0.9) for t, b in drawn]
    rows = read_tables(items, tables, Item)
    assert [r.text for r in rows] == [" ".join(r) for r in TABLE]
    assert all(r.table for r in rows)


def test_detector_line_across_rulings_is_cut_at_them():
    need_font()
    import numpy as np

    from fazhi.ocr.layout import Item
    from fazhi.ocr.tables import find_tables, read_tables

    img, drawn = render()
    tables = find_tables(np.asarray(img.convert("L")))
    header = [b for t, b in drawn if t in TABLE[0]]
    merged = Item(text="当事人姓名性别出生年月", box=[header[0][0], header[0][1], header[3][2], header[3][3]],
                  confidence=0.9)
    rest = [Item(text=t, box=b, confidence=0.9) for t, b in drawn if t not in TABLE[0][:4]]
    rows = read_tables([merged] + rest, tables, Item, gray=np.asarray(img.convert("L")))
    assert rows[0].text == " ".join(TABLE[0])


def test_agreement_page_through_the_recogniser():
    need_font()
    need_rapidocr()
    from fazhi.ocr import ocr_image
    from fazhi.ocr.render import cer

    img, _ = render()
    page = ocr_image(img, "rapidocr")
    lines = page.text.splitlines()
    assert NUMBER in lines  # not run into the table's header row
    for row in TABLE:
        assert " ".join(row) in lines
    assert "于2023年6月20日前以银行转账方式付清。" in page.text
    truth = "\n".join(HEADER + [NUMBER] + [" ".join(r) for r in TABLE] + ["".join(PARA)])
    assert cer(truth, page.text) <= 0.01
    assert page.meta.get("tables") == 1


@pytest.mark.parametrize("a,b,joined", [
    ("于20", "23年6月20日", "于2023年6月20日"),        # a figure cut at the line end
    ("人民币12,", "000.00元", "人民币12,000.00元"),
    ("according to the", "agreement", "according to the agreement"),  # Latin words keep their space
    ("第一条", "为了", "第一条为了"),
])
def test_lines_of_a_paragraph_joined(a, b, joined):
    from fazhi.ocr.pipeline import _join_text

    assert a + _join_text(a, b) + b == joined


def test_right_set_line_ends_its_paragraph():
    """编号 set flush right reaches the right edge, like a full line of running text; the line under it
    is not its continuation."""
    from fazhi.ocr.layout import Item, paragraphs

    items = [Item("编号：（2023）东调字第015号", [700, 100, 1100, 125], 0.9),
             Item("当事人姓名性别出生年月住址联系电话，以及与本纠纷有关的其他情况如下所述", [100, 150, 1100, 175], 0.9),
             Item("情况。", [100, 190, 200, 215], 0.9)]
    assert paragraphs(items) == [[0], [1, 2]]


def test_text_layer_page_in_reading_order():
    """A PDF page with text (LibreOffice's print of a 规范性文件) is read as the corpus loader reads it:
    PDFium's own text cut 第一千零八十七条 at the line end and put the quotes after their line."""
    from pathlib import Path

    from fazhi.ocr.pdf import pdf_pages

    data = (Path(__file__).resolve().parents[1] / "fixtures" / "corpora" / "guifan_libreoffice.pdf").read_bytes()
    n, pages = pdf_pages(data, "guifan.pdf")
    [page] = list(pages)
    assert n == 1 and page.image is None
    assert "坚持“自愿、平等、合法”的原则" in page.text
    assert "依据《中华人民共和国民法典》第一千零八十七条、第一千一百六十五条等规定提出调解意见。" in page.text
    assert "第八条 本规范自2023年7月1日起施行，有效期五年。" in page.text.splitlines()


def test_stored_agreement_has_its_title_kind_and_date():
    """`fazhi ocr --store`: the title under the committee's letterhead, the kind from it (the agreement
    says 本院 — one's courtyard — which read as a court's voice), the date it was signed."""
    from fazhi.ocr.base import OcrLine, OcrPage, OcrResult
    from fazhi.ocr.pipeline import to_document

    text = "\n".join(HEADER + [NUMBER] + [" ".join(r) for r in TABLE] + [
        "一、乙方拆除排水檐，改为向本院排水。", "".join(PARA), "东城区幸福街道人民调解委员会（印）", "二〇二三年六月十二日"])
    lines, pos = [], 0
    for ln in text.split("\n"):
        lines.append(OcrLine(text=ln, box=[0, 0, 10, 10], confidence=0.98, start=pos))
        pos += len(ln) + 1
    doc = to_document(OcrResult(file="scan.jpg", pages=[OcrPage(page=1, text=text, lines=lines)]))
    assert (doc.title, doc.kind, doc.published) == ("人民调解协议书", "mediation", "2023-06-12")


# misreads of a 100-dpi fax-quality scan of agreements (rapidocr), and text that must stay as it is
@pytest.mark.parametrize("raw,expected", [
    ("人民币量万贰仟元整（¥12.000.00）", "人民币壹万贰仟元整（¥12,000.00）"),
    ("赔偿甲方人民币贰拾肆方贰仟捌佰零肆元整（¥242.804.00）", "赔偿甲方人民币贰拾肆万贰仟捌佰零肆元整（¥242,804.00）"),
    ("人民币肆抬陆万捌仟肆佰贰拾贰元整", "人民币肆拾陆万捌仟肆佰贰拾贰元整"),
    ("人民币壹拾玖方壹仟陆佰柒拾陆元整（¥906.035.00）", "人民币壹拾玖万壹仟陆佰柒拾陆元整（¥906,035.00）"),
    ("于2025年1月3H前付清", "于2025年1月3日前付清"),
    ("二〇二三年六月十二曰", "二〇二三年六月十二日"),
    ("双方贰万元", "双方贰万元"),            # 方 before an amount is a word (双方), not 万
    ("大量万元户", "大量万元户"),
    ("第1.1.1条", "第1.1.1条"),
    ("2023.06.05", "2023.06.05"),
    ("子曰：学而时习之", "子曰：学而时习之"),
])
def test_amount_and_date_misreads(raw, expected):
    from fazhi.ocr.postprocess import clean_line

    assert clean_line(raw) == expected


def test_amount_steps_idempotent():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fazhi.ocr.postprocess import fix_amounts, fix_date_marks

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="壹贰万拾仟元方抬量币：双大.0123月日H曰六十", max_size=24))
    def check(s):
        for step in (fix_amounts, fix_date_marks):
            assert step(step(s)) == step(s)

    check()


def test_first_line_indented_four_characters_keeps_its_paragraph():
    from fazhi.ocr.layout import Item, paragraphs

    h = 25  # characters 25 px wide
    items = [Item("上一段的最后一行。", [100, 50, 400, 50 + h], 0.9),
             Item("经调解，双方自愿达成如下协议：乙方于二〇二三年六月二十日前支付甲方", [200, 100, 1100, 100 + h], 0.9),
             Item("维修费人民币壹万贰仟元整。", [100, 140, 450, 140 + h], 0.9)]
    assert paragraphs(items) == [[0], [1, 2]]


@pytest.mark.parametrize("text,box,confidence,dropped", [
    ("树区", [561, 693, 628, 775], 0.55, True),     # a grey seal's ring text, read along its arc
    ("张建国", [300, 1020, 420, 1062], 0.52, False),  # a signed name: larger, unsure, but written level
    ("可", [724, 708, 760, 737], 0.84, False),        # character-sized: not told from text
    ("调解委员会", [561, 693, 628, 900], 0.5, False),  # five characters: a line of vertical text
])
def test_seal_ring_pieces_kept_out_of_the_body(text, box, confidence, dropped):
    from fazhi.ocr.layout import Item
    from fazhi.ocr.pipeline import _without_stamp_fragments

    body = [Item("一、乙方于2023年6月30日前拆除彩钢棚靠近甲方一侧的排水檐，改为向自家院", [100, 700, 1100, 728], 0.98),
            Item("内排水。", [100, 745, 200, 773], 0.97), Item("三、双方今后互谅互让，和睦相处。", [140, 790, 700, 818], 0.99)]
    kept, marks = _without_stamp_fragments(body + [Item(text, box, confidence)])
    assert [m.text for m in marks] == ([text] if dropped else [])
    assert [k.text for k in kept][:3] == [b.text for b in body]


def test_text_layer_marks_made_full_width(tmp_path):
    """A text layer whose font maps 原则： to 原则: (Chrome's print of a page) reads as the page shows it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from fazhi.ocr import ocr_bytes

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "a.pdf"))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, "第三条 人民调解委员会调解民间纠纷，应当遵循下列原则:")
    c.drawString(72, 640, "会议时间为12:30。")
    c.showPage()
    c.save()
    result = ocr_bytes((tmp_path / "a.pdf").read_bytes(), "a.pdf")
    assert result.pages[0].text.splitlines() == ["第三条 人民调解委员会调解民间纠纷，应当遵循下列原则：", "会议时间为12:30。"]
