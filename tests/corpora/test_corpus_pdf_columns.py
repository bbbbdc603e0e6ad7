"""Laws printed in two columns (a gazette, 公报): read column by column, paragraphs rebuilt per column."""
import pytest

from fazhi.corpora.loaders import load_path
from fazhi.nlp.citations import find_citations

TITLE = "某市人民调解工作规定"
PARAS = [
    "第一条 为了完善人民调解制度，规范人民调解活动，根据《中华人民共和国人民调解法》，制定本规定。",
    "第二条 人民调解委员会调解民间纠纷，应当遵循《中华人民共和国人民调解法》第三条规定的原则。",
    "第三条 人民调解委员会调解民间纠纷，不收取任何费用。",
    "第四条 县级以上地方人民政府司法行政部门负责指导本行政区域的人民调解工作，依照《中华人民共和国民法典》"
    "第一百四十三条审查调解协议。",
    "第五条 村民委员会、居民委员会设立人民调解委员会。企业事业单位根据需要设立人民调解委员会。",
    "第六条 当事人对调解协议的履行发生争议的，可以依照《中华人民共和国民事诉讼法》第二百零五条的规定申请司法确认。",
]


def _column_pdf(path, order, chars=16, size=10, gutter=3):
    """A centred title across the page, then PARAS set in two columns of ``chars`` characters, the left
    column filled first; drawn row by row on shared baselines (``rows``) or column by column."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = []
    for p in PARAS:
        lines += [p[i:i + chars] for i in range(0, len(p), chars)]
    half = (len(lines) + 1) // 2
    cols = [lines[:half], lines[half:]]
    x = [72, 72 + (chars + gutter) * size]
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 14)
    c.drawCentredString(72 + (2 * chars + gutter) * size / 2, 740, TITLE)
    c.setFont("STSong-Light", size)
    y = lambda i: 710 - 1.5 * size * i  # noqa: E731
    if order == "rows":
        for i in range(half):
            for k in (0, 1):
                if i < len(cols[k]):
                    c.drawString(x[k], y(i), cols[k][i])
    else:
        for k in (0, 1):
            for i, line in enumerate(cols[k]):
                c.drawString(x[k], y(i), line)
    c.drawCentredString(72 + (2 * chars + gutter) * size / 2, y(half + 2), "- 1 -")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("order", ["rows", "columns"])
def test_two_column_law_reads_column_by_column(tmp_path, order):
    [doc] = load_path(_column_pdf(tmp_path / f"gazette_{order}.pdf", order))
    assert doc.text.splitlines() == [TITLE] + PARAS
    found = [(c.law, c.article) for c in find_citations(doc.text)]
    assert ("中华人民共和国人民调解法", 3) in found
    assert ("中华人民共和国民法典", 143) in found
    assert ("中华人民共和国民事诉讼法", 205) in found
