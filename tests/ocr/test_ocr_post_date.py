"""A scanned 12345 ticket stored with ``fazhi ocr --store`` is dated by its own 来电时间, as ``fazhi ingest`` dates
the same ticket (fazhi scan counts posts by that date; an undated post drops out of every series)."""
from __future__ import annotations

TICKET = ("12345市民服务热线工单\n工单编号：GD20240315001\n来电时间：2024年3月15日 09:12\n"
          "诉求内容：小区门口夜市油烟和噪音扰民，反映多次无人处理。\n处理单位：某区综合行政执法局")


def test_ocr_post_gets_its_own_date(tmp_path):
    from fazhi.corpora.loaders import load_path
    from fazhi.ocr.base import OcrLine, OcrPage, OcrResult
    from fazhi.ocr.pipeline import to_document

    lines, start = [], 0
    for i, t in enumerate(TICKET.split("\n")):
        lines.append(OcrLine(text=t, box=[10, 10 + 40 * i, 600, 40 + 40 * i], confidence=0.98, start=start))
        start += len(t) + 1
    doc = to_document(OcrResult(file="ticket.jpg", pages=[OcrPage(page=1, text=TICKET, lines=lines)]))
    assert doc.kind == "post"
    assert doc.published == "2024-03-15"
    (tmp_path / "ticket.txt").write_text(TICKET, encoding="utf-8")
    [ingested] = load_path(tmp_path / "ticket.txt")
    assert (ingested.kind, ingested.published) == ("post", "2024-03-15")
