"""Documents as a bureau has them: a law as published in Word (题注, 目录, 第一章 headings, a table), the same
printed to PDF by LibreOffice, a 规范性文件 page saved from a government site (GBK, navigation, 打印本页), a law
in GB18030 with CRLF, a mediation agreement with a 当事人 table. The stored document must carry the title,
kind, issuer, dates, events and articles the text states, nothing of the page furniture, and lose no text."""
import re
from pathlib import Path

import pytest

from fazhi.corpora.loaders import ingest, load_bytes, load_path
from fazhi.corpora.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpora"

TIZHU = ("（1996年3月17日第八届全国人民代表大会第四次会议通过　根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议"
         "《关于修改部分法律的决定》第一次修正　根据2017年9月1日第十二届全国人民代表大会常务委员会第二十九次会议"
         "《关于修改〈中华人民共和国法官法〉等八部法律的决定》第二次修正　2021年1月22日第十三届全国人民代表大会常务委员会"
         "第二十五次会议修订）")
XZCF = ["中华人民共和国行政处罚法", TIZHU, "目\u3000\u3000录", "第一章\u3000总\u3000\u3000则", "第二章\u3000行政处罚的种类和设定",
        "第八章\u3000附\u3000\u3000则",
        "第一章\u3000总\u3000\u3000则",
        "\u3000\u3000第一条\u3000为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，维护公共利益和社会秩序，"
        "保护公民、法人或者其他组织的合法权益，根据宪法，制定本法。",
        "\u3000\u3000第二条\u3000行政处罚是指行政机关依法对违反行政管理秩序的公民、法人或者其他组织，以减损权益或者增加义务的方式"
        "予以惩戒的行为。",
        "第二章\u3000行政处罚的种类和设定",
        "\u3000\u3000第九条\u3000行政处罚的种类：", "\u3000\u3000（一）警告、通报批评；", "\u3000\u3000（二）罚款、没收违法所得、没收非法财物；",
        "第八章\u3000附\u3000\u3000则",
        "\u3000\u3000第八十五条\u3000本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。",
        "\u3000\u3000第八十六条\u3000本法自2021年7月15日起施行。"]


def _docx(path, paragraphs, table=None, after=()):
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, v in enumerate(row):
                t.cell(i, j).text = v
    for p in after:
        d.add_paragraph(p)
    d.save(path)
    return path


def test_law_as_published_in_word(tmp_path):
    [doc] = load_path(_docx(tmp_path / "行政处罚法.docx", XZCF, table=[("序号", "送达方式", "件数"), ("1", "直接送达", "12")]))
    assert (doc.kind, doc.title, doc.published) == ("regulation", "中华人民共和国行政处罚法", "2021-01-22")
    m = doc.metadata
    assert [(e["date"], e["event"]) for e in m["events"]] == [
        ("1996-03-17", "通过"), ("2009-08-27", "修正"), ("2017-09-01", "修正"), ("2021-01-22", "修订")]
    assert "《关于修改部分法律的决定》" in m["events"][1]["text"]
    assert m["effective"] == "2021-07-15" and m["level"] == "法律" and m["issuer"] == "全国人民代表大会"
    assert (m["articles"], m["first_article"], m["last_article"]) == (5, 1, 86)
    arts = doc.spans["article"]
    assert [s.norm for s in arts] == [1, 2, 9, 85, 86]
    assert all(doc.text[s.start:s.end] == s.text for s in arts + doc.spans["heading"])
    assert arts[2].text == "第九条\u3000行政处罚的种类：\n（一）警告、通报批评；\n（二）罚款、没收违法所得、没收非法财物；"
    # the 目录 repeats the headings; only the body's are headings of the text
    assert [h.norm for h in doc.spans["heading"]] == [1, 2, 8]
    assert doc.spans["heading"][0].start > doc.text.index("目\u3000\u3000录")
    assert "直接送达\t12" in doc.text


def test_normative_document_printed_to_pdf_by_libreoffice():
    """LibreOffice's PDF: PDFium cut every line at the margin (《中华人民共和国民法典》第一千零八\\n十七条), spaced
    figures (自 2023 年 7 月 1 日) and put the curly quotes, drawn in another font, at the end of their line."""
    [doc] = load_path(FIXTURES / "guifan_libreoffice.pdf")
    text = doc.text
    assert "应当坚持“自愿、平等、合法”的原则，不得因调解而阻止当事人依法通过仲裁" in text
    assert "依据《中华人民共和国民法典》第一千零八十七条、第一千一百六十五条等规定提出调解意见。" in text
    assert "第八条 本规范自2023年7月1日起施行，有效期五年。" in text.splitlines()
    assert "某司发〔2023〕12号" in text.splitlines()
    assert not re.search(r"\d [年月日号]|[年月] \d|\u3000", text)
    assert (doc.kind, doc.title, doc.published) == ("regulation", "某市司法局关于印发《某市人民调解工作规范》的通知", "2023-06-05")
    m = doc.metadata
    assert (m["issuer"], m["doc_number"], m["effective"], m["level"]) == (
        "某市司法局", "某司发〔2023〕12号", "2023-07-01", "规范性文件")
    assert [s.norm for s in doc.spans["article"]] == list(range(1, 9))
    assert doc.spans["article"][5].text.endswith("等规定提出调解意见。")


def _wrapped_pdf(path, paragraphs, chars=30, size=12, lines_per_page=8):
    """Paragraphs set as a word processor sets them: two-character indent, lines cut at ``chars``
    characters, pages of ``lines_per_page`` lines with the page number centred under them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = []
    for p in paragraphs:
        indent = 0 if p.startswith("第") and p[1:4].strip() and "条" not in p[:8] else 2
        first, rest = p[:chars - indent], p[chars - indent:]
        lines.append((indent, first))
        lines += [(0, rest[i:i + chars]) for i in range(0, len(rest), chars)]
    c = canvas.Canvas(str(path))
    for page, k in enumerate(range(0, len(lines), lines_per_page), 1):
        c.setFont("STSong-Light", size)
        for i, (indent, line) in enumerate(lines[k:k + lines_per_page]):
            c.drawString(72 + indent * size, 720 - 1.5 * size * i, line)
        c.drawCentredString(72 + chars * size / 2, 720 - 1.5 * size * (lines_per_page + 1), f"- {page} -")
        c.showPage()
    c.save()
    return path


def test_pdf_paragraphs_rebuilt_across_lines_and_pages(tmp_path):
    paras = [
        "第一条 为了完善人民调解制度，规范人民调解活动，及时解决民间纠纷，维护社会和谐稳定，根据宪法，制定本法。",
        "第二条 本法所称人民调解，是指人民调解委员会通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，"
        "解决民间纠纷的活动。",
        "第三条 人民调解委员会调解民间纠纷，应当遵循下列原则：",
        "（一）在当事人自愿、平等的基础上进行调解；",
        "（二）不违背法律、法规和国家政策；",
        "（三）尊重当事人的权利，不得因调解而阻止当事人依法通过仲裁、行政、司法等途径维护自己的权利。",
        "第四条 人民调解委员会调解民间纠纷，不收取任何费用。",
    ]
    [doc] = load_path(_wrapped_pdf(tmp_path / "rmtj.pdf", paras))
    assert doc.text.splitlines() == paras  # page numbers gone, paragraphs whole across the page break
    assert doc.metadata["pages"] >= 2


GBK_PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>某市司法局关于印发《某市无障碍环境建设管理办法》的通知_政策文件_某市司法局</title>
<script>var _hmt=_hmt||[];</script></head><body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/bsfw">办事服务</a> | <a>无障碍</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 政策文件</div>
<div class="article"><h1>某市司法局关于印发《某市无障碍环境建设管理办法》的通知</h1>
<div class="info">发布时间：2023-06-08 09:30　来源：市司法局　浏览次数：<span>1024</span>　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="content"><p>某司发〔2023〕9号</p><p>各区县司法局：</p><p>现将《某市无障碍环境建设管理办法》印发给你们，请认真贯彻执行。</p>
<p>某市司法局</p><p>2023年6月5日</p><p>某市无障碍环境建设管理办法</p>
<p>第一条　为了推进无障碍环境建设，制定本办法。</p><p>第二条　网络平台不得虚构点击量。</p>
<p>第三条　本办法自2023年7月1日起施行。</p></div>
<div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div></div>
<div class="footer">主办单位：某市司法局　地址：某市人民路1号</div>
<div>网站标识码：1234000001　京ICP备12345678号　京公网安备 11010502030001号</div>
</body></html>"""


def test_government_page_saved_as_gbk_html():
    [doc] = load_bytes(GBK_PAGE.encode("gbk"), "guifan.html")
    assert doc.title == "某市司法局关于印发《某市无障碍环境建设管理办法》的通知"
    assert doc.text.splitlines()[:2] == ["某市司法局关于印发《某市无障碍环境建设管理办法》的通知", "某司发〔2023〕9号"]
    assert doc.text.splitlines()[-3:] == ["第一条 为了推进无障碍环境建设，制定本办法。", "第二条 网络平台不得虚构点击量。",
                                          "第三条 本办法自2023年7月1日起施行。"]
    for junk in ("首页", "当前位置", "浏览次数", "打印本页", "关闭窗口", "主办单位", "ICP备", "字体"):
        assert junk not in doc.text, junk
    assert (doc.kind, doc.published, doc.metadata["page_date"]) == ("regulation", "2023-06-05", "2023-06-08")
    assert doc.metadata["issuer"] == "某市司法局" and doc.metadata["effective"] == "2023-07-01"


def test_law_in_gb18030_with_crlf(tmp_path):
    lines = ["中华人民共和国人民调解法", "", "（2010年8月28日第十一届全国人民代表大会常务委员会第十六次会议通过）", "",
             "目　　录", "第一章　总　　则", "第二章　人民调解委员会", "", "第一章　总　　则", "",
             "　　第一条　为了完善人民调解制度，规范人民调解活动，及时解决民间纠纷，维护社会和谐稳定，根据宪法，制定本法。",
             "", "第二章　人民调解委员会", "",
             "　　第七条　人民调解委员会是依法设立的调解民间纠纷的群众性组织。",
             "　　第三十五条　本法自2011年1月1日起施行。"]
    p = tmp_path / "人民调解法.txt"
    p.write_bytes("\r\n".join(lines).encode("gb18030"))
    [doc] = load_path(p)
    assert "\r" not in doc.text
    assert (doc.kind, doc.published, doc.metadata["effective"]) == ("regulation", "2010-08-28", "2011-01-01")
    assert doc.metadata["issuer"] == "全国人民代表大会常务委员会"
    assert [s.norm for s in doc.spans["article"]] == [1, 7, 35]
    assert [(h.norm, h.label) for h in doc.spans["heading"]] == [(1, "章"), (2, "章")]


def test_mediation_agreement_with_parties_table(tmp_path):
    """本院 in an agreement is one's courtyard (改为向本院排水), not a court speaking."""
    p = _docx(tmp_path / "调解协议书.docx", ["人民调解协议书", "编号：（2023）东调字第015号"],
              table=[("当事人", "姓名", "性别", "住址"), ("甲方", "张建国", "男", "某市东城区幸福路12号"),
                     ("乙方", "李秀英", "女", "某市东城区幸福路14号")],
              after=["纠纷主要事实、争议事项：乙方搭建彩钢棚，雨水排向甲方院内。",
                     "经调解，双方自愿达成如下协议：", "一、乙方拆除排水檐，改为向本院排水。",
                     "二、乙方赔偿甲方维修费人民币壹万贰仟元整（￥12,000.00）。",
                     "东城区幸福街道人民调解委员会（印）", "二〇二三年六月十二日"])
    [doc] = load_path(p)
    assert (doc.kind, doc.title, doc.published) == ("mediation", "人民调解协议书", "2023-06-12")
    assert "甲方\t张建国\t男\t某市东城区幸福路12号" in doc.text.splitlines()


def test_batch_goes_past_a_bad_file_and_names_it(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _docx(src / "a.docx", XZCF)
    (src / "b.docx").write_bytes(b"PK\x03\x04" + b"junk" * 50)
    (src / "c.html").write_bytes(GBK_PAGE.encode("gbk"))
    (src / "d.pdf").write_bytes((FIXTURES / "guifan_libreoffice.pdf").read_bytes()[:3000])
    with Store(tmp_path / "s.sqlite") as store:
        report = ingest([src], store, workers=0)
        kinds = sorted(d.kind for d in store.iter())
    assert report.added == 2 and report.failed == 2
    reasons = dict((Path(f).name, r) for f, r in report.failures)
    assert set(reasons) == {"b.docx", "d.pdf"}
    assert all("\n" not in r for r in reasons.values())
    assert kinds == ["regulation", "regulation"]


@pytest.mark.parametrize("text,expected", [
    # a 规章 published by order: the order's office and the effective date in the 题注
    ("司法行政机关行政复议应诉工作规定\n（2001年5月30日司法部令第65号公布　自公布之日起施行）\n第一条　为了规范，制定本规定。",
     ("2001-05-30", "司法部", "部门规章")),
    # a local regulation approved by the province: published on approval
    ("丽水市物业管理条例\n（2019年1月15日丽水市第四届人民代表大会常务委员会第十四次会议通过　"
     "2019年3月28日浙江省第十三届人民代表大会常务委员会第十一次会议批准）\n第一条　为了规范物业管理活动，制定本条例。",
     ("2019-03-28", "丽水市人民代表大会常务委员会", "地方性法规")),
    # the events one per line under the title, as copied from the database
    ("中华人民共和国人民调解法\n2010年8月28日 第十一届全国人民代表大会常务委员会第十六次会议通过\n第一条　为了完善人民调解制度，制定本法。",
     ("2010-08-28", "全国人民代表大会常务委员会", "法律")),
])
def test_header_events_of_published_texts(text, expected):
    [doc] = load_bytes(text.encode(), "a.txt")
    assert (doc.published, doc.metadata.get("issuer"), doc.metadata.get("level")) == expected
    assert doc.kind == "regulation"


def test_title_under_a_letterhead(tmp_path):
    p = _docx(tmp_path / "a.docx", ["东城区幸福街道人民调解委员会", "人民调解协议书", "编号：（2023）东调字第016号",
                                    "经调解，双方自愿达成如下协议：", "二〇二三年七月三日"])
    [doc] = load_path(p)
    assert (doc.title, doc.kind, doc.published) == ("人民调解协议书", "mediation", "2023-07-03")


def test_docx_footnotes_and_text_boxes_are_not_lost(tmp_path):
    """A 规范性文件 whose 文号 sits in a text box (Word keeps a fallback copy of it: read once) and whose
    footnote says which decision amended it."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.add_paragraph("某市司法局关于印发《某市人民调解工作规范》的通知")
    p = d.add_paragraph("各区县司法局：")
    box = "<w:txbxContent><w:p><w:r><w:t>某司发〔2023〕12号</w:t></w:r></w:p></w:txbxContent>"
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
        f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
        f'</mc:AlternateContent></w:r>'))
    d.add_paragraph("第一条　为了规范人民调解工作，制定本规范。").runs[0]._r.addnext(
        parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    notes = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
             f'</w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>本条根据2024年3月1日某市司法局第3号决定修改。</w:t>'
             f'</w:r></w:p></w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", notes.encode(),
                d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(tmp_path / "a.docx")
    [doc] = load_path(tmp_path / "a.docx")
    assert doc.text.splitlines() == ["某市司法局关于印发《某市人民调解工作规范》的通知", "各区县司法局：", "某司发〔2023〕12号",
                                     "第一条　为了规范人民调解工作，制定本规范。", "[1] 本条根据2024年3月1日某市司法局第3号决定修改。"]
    assert doc.metadata["doc_number"] == "某司发〔2023〕12号"


def test_joint_interpretation_and_a_stray_space_before_tiao():
    """Two courts' meetings adopted it (the first date's meeting has no verb of its own); the official
    text of 刑事诉讼法 writes 第一百二十八 条 with a space."""
    text = ("最高人民法院、最高人民检察院关于办理诈骗刑事案件具体应用法律若干问题的解释\n"
            "（2011年2月21日最高人民法院审判委员会第1512次会议、2010年11月24日最高人民检察院第十一届检察委员会第49次会议通过"
            "　2011年3月1日最高人民法院、最高人民检察院公告公布　2011年4月8日施行）\n"
            "第一条　诈骗公私财物价值三千元至一万元以上的，应当认定为数额较大。\n"
            "第二 条诈骗公私财物达到本解释第一条规定的数额标准，具有下列情形之一的，可以依照刑法第二百六十六条的规定酌情从严惩处。")
    [doc] = load_bytes(text.encode(), "a.txt")
    assert [(e["date"], e["event"]) for e in doc.metadata["events"]] == [
        ("2011-02-21", "通过"), ("2010-11-24", "通过"), ("2011-03-01", "公布"), ("2011-04-08", "施行")]
    assert (doc.published, doc.metadata["effective"]) == ("2011-03-01", "2011-04-08")
    assert doc.metadata["issuer"] == "最高人民法院、最高人民检察院"
    assert [s.norm for s in doc.spans["article"]] == [1, 2]


def test_pdf_table_rows_reaching_the_margin_stay_rows(tmp_path):
    """A table's last column set flush right reaches the margin like running text; its rows are not one
    paragraph."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "t.pdf"))
    c.setFont("STSong-Light", 12)
    body = "第九条　人民调解委员会应当建立健全调解工作台账，按月统计下列事项并报送司法所："
    c.drawString(72, 720, body)
    right = 72 + c.stringWidth(body, "STSong-Light", 12)
    for i, (a, b, n) in enumerate([("序号", "纠纷类型", "件数"), ("1", "邻里纠纷", "12"), ("2", "婚姻家庭纠纷", "5")]):
        y = 700 - 18 * i
        c.drawString(72, y, a)
        c.drawString(150, y, b)
        c.drawRightString(right, y, n)
    c.showPage()
    c.save()
    [doc] = load_path(tmp_path / "t.pdf")
    assert doc.text.splitlines() == [body.replace("\u3000", " "), "序号 纠纷类型 件数", "1 邻里纠纷 12", "2 婚姻家庭纠纷 5"]


def test_page_saved_as_one_file_mht(tmp_path):
    """网页，单个文件 (.mht) as IE, 360 and Word save it: MIME, the HTML quoted-printable in GB2312, the
    pictures base64 beside it."""
    import quopri

    html = quopri.encodestring(GBK_PAGE.encode("gbk")).decode("ascii")
    mht = ("From: <Saved by Windows Internet Explorer 8>\r\nSubject: =?gb2312?B?zai3qA==?=\r\nMIME-Version: 1.0\r\n"
           'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----=_NextPart_000_0000_01D9A1B2"\r\n\r\n'
           "This is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000_0000_01D9A1B2\r\n"
           'Content-Type: text/html;\r\n\tcharset="gb2312"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
           "Content-Location: http://sfj.example.gov.cn/art/2023/6/8/art_1.html\r\n\r\n" + html.replace("\n", "\r\n") +
           "\r\n------=_NextPart_000_0000_01D9A1B2\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n"
           "Content-Location: http://sfj.example.gov.cn/images/logo.gif\r\n\r\nR0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\r\n"
           "------=_NextPart_000_0000_01D9A1B2--\r\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "通知.mht").write_bytes(mht.encode("ascii"))
    with Store(tmp_path / "s.sqlite") as store:
        report = ingest([tmp_path / "in"], store, workers=0)
        [doc] = list(store.iter())
    assert report.added == 1 and not report.skipped
    assert doc.title == "某市司法局关于印发《某市无障碍环境建设管理办法》的通知"
    assert "第二条 网络平台不得虚构点击量。" in doc.text.splitlines() and "打印本页" not in doc.text
    assert doc.published == "2023-06-05" and doc.kind == "regulation"


def _numbered_docx(path, paragraphs):
    """A DOCX whose 第X章, 第X条 and （X） come from Word's automatic numbering (numbering.xml), as
    legislative drafters' templates set them: ``paragraphs`` are (numId or None, level, text)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    defs = [
        ('<w:abstractNum {ns} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
         '<w:suff w:val="space"/><w:lvlText w:val="第%1章"/></w:lvl></w:abstractNum>'),
        ('<w:abstractNum {ns} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
         '<w:suff w:val="space"/><w:lvlText w:val="第%1条"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
         '<w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'),
    ]
    for k, x in enumerate(defs):
        numbering.insert(k, parse_xml(x.format(ns=nsdecls("w"))))
    for num_id, abstract in (("90", "90"), ("91", "91")):
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/></w:num>'))
    for num_id, level, text in paragraphs:
        p = d.add_paragraph(text)
        if num_id:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    d.save(path)
    return path


def test_docx_automatic_numbering_of_articles_and_items(tmp_path):
    """Word draws 第一条 and （一） from numbering.xml; they are not in the runs, and the law lost its articles."""
    p = _numbered_docx(tmp_path / "条例.docx", [
        (None, 0, "某市人民调解条例"),
        (None, 0, "（2020年6月1日某市第十五届人民代表大会常务委员会第二十次会议通过）"),
        ("90", 0, "总则"),
        ("91", 0, "为了规范人民调解活动，制定本条例。"),
        ("91", 0, "人民调解委员会调解民间纠纷，应当遵循下列原则："),
        ("91", 1, "在当事人自愿、平等的基础上进行调解；"),
        ("91", 1, "不违背法律、法规和国家政策。"),
        ("90", 0, "附则"),
        ("91", 0, "本条例自2020年9月1日起施行。"),
    ])
    [doc] = load_path(p)
    assert doc.text.splitlines() == [
        "某市人民调解条例", "（2020年6月1日某市第十五届人民代表大会常务委员会第二十次会议通过）", "第一章\u3000总则",
        "第一条\u3000为了规范人民调解活动，制定本条例。", "第二条\u3000人民调解委员会调解民间纠纷，应当遵循下列原则：",
        "（一）在当事人自愿、平等的基础上进行调解；", "（二）不违背法律、法规和国家政策。", "第二章\u3000附则",
        "第三条\u3000本条例自2020年9月1日起施行。"]
    assert [s.norm for s in doc.spans["article"]] == [1, 2, 3]
    assert (doc.kind, doc.published, doc.metadata["effective"]) == ("regulation", "2020-06-01", "2020-09-01")


@pytest.mark.parametrize("n,fmt,expected", [
    (12, "chineseCounting", "十二"), (105, "chineseCountingThousand", "一百零五"), (3, "decimalEnclosedCircle", "③"),
    (2, "ideographTraditional", "乙"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (7, "decimal", "7"),
    (3, "chineseLegalSimplified", "叁"),
])
def test_word_number_formats(n, fmt, expected):
    from fazhi.corpora.loaders import _num_text

    assert _num_text(n, fmt) == expected


ARTICLES_14_17 = [
    "第十四条 人民调解员应当由公道正派、热心人民调解工作，并具有一定文化水平、政策水平和法律知识的成年公民担任。",
    "县级人民政府司法行政部门应当定期对人民调解员进行业务培训。",
    "第十五条 人民调解员在调解工作中有下列行为之一的，由其所在的人民调解委员会给予批评教育、责令改正，情节严重的，"
    "由推选或者聘任单位予以罢免或者解聘：",
    "（一）偏袒一方当事人的；", "（二）侮辱当事人的；",
    "第十六条 人民调解员从事调解工作，应当给予适当的误工补贴；因从事调解工作致伤致残，生活发生困难的，当地人民政府应当提供"
    "必要的医疗、生活救助；在人民调解工作岗位上牺牲的人民调解员，其配偶、子女按照国家规定享受抚恤和优待。",
    "第十七条 当事人可以向人民调解委员会申请调解；人民调解委员会也可以主动调解。当事人一方明确拒绝调解的，不得调解。",
]


def _browser_print(path, title, tizhu, paragraphs, per_line=30, lines_per_page=14, ascii_marks=False):
    """A saved page printed to PDF from a browser: the date and page title above, the file's address and
    page number below, both wider than the text; the site's 首页 | … line and 打印本页 关闭窗口 kept; a
    centred 题注 over two lines; paragraphs indented two characters, every line full to the margin."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size, left = 12, 66
    right = left + per_line * size
    centre = (left + right) / 2
    lines = [("l", "首页 | 政务公开 | 法律法规"), ("c", title), ("c", tizhu[:per_line - 2]), ("c", tizhu[per_line - 2:])]
    for p in paragraphs:
        if ascii_marks:  # what Chrome's font subset maps 原则： to
            p = p.replace("：", ":")
        first = per_line - 2
        lines.append(("i", p[:first]))
        lines += [("l", p[k:k + per_line]) for k in range(first, len(p), per_line)]
    lines.append(("l", "打印本页 关闭窗口"))
    pages = [lines[k:k + lines_per_page] for k in range(0, len(lines), lines_per_page)]
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    for n, page in enumerate(pages, 1):
        c.setFont("STSong-Light", 8)
        c.drawString(24, 770, f"11/27/26, 1:23 PM {title}_法律法规_某市司法局")
        c.drawString(24, 20, "file:///C:/Users/sfj/Desktop/%E4%BA%BA.html")
        c.drawRightString(588, 20, f"{n}/{len(pages)}")
        c.setFont("STSong-Light", size)
        for i, (how, text) in enumerate(page):
            y = 730 - 1.6 * size * i
            if how == "c":
                c.drawCentredString(centre, y, text)
            else:
                c.drawString(left + (2 * size if how == "i" else 0), y, text)
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("lines_per_page,pages", [(14, 2), (40, 1)])
def test_web_page_printed_to_pdf_from_a_browser(tmp_path, lines_per_page, pages):
    """Two pages: the running head and foot recur, and go. One page: they are wider than the text, which
    must not make its lines look short (none was joined)."""
    tizhu = "（2010年8月28日第十一届全国人民代表大会常务委员会第十六次会议通过）"
    p = _browser_print(tmp_path / "人民调解法.pdf", "中华人民共和国人民调解法", tizhu, ARTICLES_14_17,
                       lines_per_page=lines_per_page, ascii_marks=True)
    [doc] = load_path(p)
    assert doc.metadata["pages"] == pages
    if pages == 1:  # a single page's head and foot are not known to run; they stay, as lines of their own
        assert doc.text.splitlines()[0].startswith("11/27/26") or doc.text.splitlines()[-1].endswith("1/1")
        lines = [ln for ln in doc.text.splitlines() if not re.match(r"11/27/26|file:", ln)]
        assert lines == ["中华人民共和国人民调解法", tizhu] + ARTICLES_14_17
        return
    assert doc.text.splitlines() == ["中华人民共和国人民调解法", tizhu] + ARTICLES_14_17
    assert (doc.title, doc.kind, doc.published) == ("中华人民共和国人民调解法", "regulation", "2010-08-28")


@pytest.mark.parametrize("line,furniture", [
    ("当前位置：首页 > 政务公开 > 政策文件", True), ("您所在的位置：首页", True), ("打印本页 关闭窗口", True),
    ("【字体：大 中 小】", True), ("发布时间：2023-06-08 来源：市司法局 浏览次数：1024", True), ("京ICP备12345678号", True),
    ("首页 | 政务公开 | 办事服务", True), ("上一篇：关于开展矛盾纠纷排查的通知", True),
    # a law's own lines are never furniture
    ("位置：某市某区人民路以东、解放路以北", False), ("第一条 为了建设无障碍环境，制定本法。", False),
    ("网络平台不得虚构点击量。", False), ("关闭、取缔违法经营场所。", False), ("第十条 首页应当显示经营者信息。", False),
])
def test_page_furniture_lines(line, furniture):
    from fazhi.corpora.loaders import _CHROME_LINE

    assert bool(_CHROME_LINE.search(line)) is furniture


def test_normative_document_issued_by_notice_in_its_tizhu():
    text = ("某市人民调解案件卷宗管理办法\n（2019年3月1日某市司法局以某司发〔2019〕5号印发　自2019年4月1日起施行）\n"
            "第一条　为了规范人民调解卷宗管理，制定本办法。\n第二条　本办法由某市司法局负责解释。")
    [doc] = load_bytes(text.encode("gbk"), "a.txt")
    assert [(e["date"], e["event"]) for e in doc.metadata["events"]] == [("2019-03-01", "公布"), ("2019-04-01", "施行")]
    assert (doc.published, doc.metadata["effective"], doc.metadata["issuer"]) == ("2019-03-01", "2019-04-01", "某市司法局")


@pytest.mark.parametrize("title,body,kind", [
    ("行政复议决定书", "申请人：张某。被申请人：某区市场监督管理局。申请人不服被申请人作出的行政处罚决定，向本机关申请行政复议。", "other"),
    ("行政处罚决定书", "当事人：某某餐饮有限公司。经查，当事人存在违法行为，依据《中华人民共和国食品安全法》决定处罚如下。", "other"),
    ("民事判决书", "某市某区人民法院\n（2023）某0102民初123号\n原告张某与被告李某民间借贷纠纷一案，本院受理后。", "judgment"),
    ("司法拘留决定书", "某市某区人民法院\n（2023）某0102司惩1号\n被拘留人：王某。", "judgment"),
])
def test_decisions_of_an_office_are_not_judgments(title, body, kind):
    [doc] = load_bytes(f"{title}\n{body}".encode(), "a.txt")
    assert doc.kind == kind


INFO_PAGE = """<html><head><meta charset="gbk"><title>某市司法局关于印发《某市法律援助案件质量评估办法》的通知</title></head><body>
<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 法定主动公开内容</div>
<table class="xxgk"><tr><td>索引号：</td><td>11110000000000000X/2023-00012</td><td>主题分类：</td><td>司法</td></tr>
<tr><td>发布机构：</td><td>某市司法局</td><td>成文日期：</td><td>2023-03-10</td></tr>
<tr><td>文号：</td><td>某司规〔2023〕2号</td><td>发布日期：</td><td>2023-03-15</td></tr>
<tr><td>有效性：</td><td>失效</td></tr></table>
<h1>某市司法局关于印发《某市法律援助案件质量评估办法》的通知</h1>
<p>各区司法局：</p><p>现将《某市法律援助案件质量评估办法》印发给你们，请遵照执行。</p>
<p>第一条　为了提高法律援助案件质量，制定本办法。</p><p>第二条　本办法自2023年4月1日起施行。</p>
</body></html>"""


def test_government_catalogue_record_read_and_left_out_of_the_text():
    """政府信息公开 pages put a catalogue record (索引号, 发布机构, 成文日期, 文号, 有效性) above the document."""
    [doc] = load_bytes(INFO_PAGE.encode("gbk"), "xxgk.html")
    assert doc.text.splitlines()[0] == "某市司法局关于印发《某市法律援助案件质量评估办法》的通知"
    assert "索引号" not in doc.text and "11110000000000000X" not in doc.text
    m = doc.metadata
    assert (m["issuer"], m["doc_number"], doc.published, m["page_date"], m["status"]) == (
        "某市司法局", "某司规〔2023〕2号", "2023-03-10", "2023-03-15", "已废止")
    assert m["page_info"]["索引号"] == "11110000000000000X/2023-00012"
    assert doc.kind == "regulation" and m["effective"] == "2023-04-01"


def test_subject_words_of_the_document_itself_stay():
    page = INFO_PAGE.replace("<p>第二条　本办法自2023年4月1日起施行。</p>",
                             "<p>第二条　本办法自2023年4月1日起施行。</p><p>主题词：法律援助 质量 评估 通知</p>")
    [doc] = load_bytes(page.encode("gbk"), "xxgk.html")
    assert doc.text.splitlines()[-1] == "主题词：法律援助 质量 评估 通知"


def test_catalogue_record_does_not_override_what_the_caller_gave():
    [doc] = load_bytes(INFO_PAGE.encode("gbk"), "xxgk.html", status="有效", issuer="某市人民政府")
    assert (doc.metadata["status"], doc.metadata["issuer"]) == ("有效", "某市人民政府")
