"""Filing sheets as offices keep them: a 统计表 with a title row and a 填报单位 line above a header over two rows
(报送备案情况 merged over 报备日期 and 材料是否齐全), blank rows, a 合计 row and notes; saved as CSV from Excel
(GBK) or kept as .xlsx (dates as serial days, merged cells). Rates computed by hand from the rows."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.errors import UnreadableFile
from fazhi.graph.review import read_filings, review_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "graph"

# the five filings of filings_messy.csv, as a reviewer reads them:
#   养犬 published 3-1, filed 3-31: day 30, in time (自公布之日起30日内: the day of publication is not counted)
#   停车 published 3-1, filed 4-1: day 31, late
#   数据开放 published 7-1, filed 7-30: in time
#   通知 published 45352 (2024-03-01), filed 45366 (03-15): in time, materials × (incomplete)
#   考核办法 published 5-6: not filed
EXPECTED = {
    "overall": (5, 4, 3, 3, 0.8, 0.6, 0.75),
    "某市人民政府": (3, 3, 2, 3, 1.0, 0.667, 1.0),
    "某区司法局": (2, 1, 1, 0, 0.5, 0.5, 0.0),
}
TITLES = ["某市养犬管理规定", "某市停车管理办法", "某市数据开放办法", "某区司法局关于做好人民调解工作的通知",
          "某区人民调解工作考核办法"]


def _figures(g):
    return (g["should_file"], g["filed"], g["timely"], g["compliant"], g["filing_rate"], g["timely_rate"],
            g["compliance_rate"])


def _check(rows):
    assert [r["title"] for r in rows] == TITLES
    # 停车's 30th day, 2024-03-31, is a Sunday: keyed under 30 calendar days (--deadline strict); extended, it is
    # 2024-04-01 and 停车 is in time (test_review_audit2.py)
    r = review_rows(rows, deadline="strict")
    assert _figures(r["overall"]) == EXPECTED["overall"]
    for issuer in ("某市人民政府", "某区司法局"):
        assert _figures(r["by_issuer"][issuer]) == EXPECTED[issuer]
    assert list(r["by_issuer"]) == ["某区司法局", "某市人民政府"]  # no "(未填)" issuer from blank or 合计 rows
    assert {x["title"]: x["reason"] for x in r["late"]} == {"某市停车管理办法": "公布后第31日报备，超过30日",
                                                            "某区人民调解工作考核办法": "未报备"}
    assert [x["title"] for x in r["noncompliant"]] == ["某区司法局关于做好人民调解工作的通知"]
    assert r["by_quarter"]["2024Q1"]["should_file"] == 3 and r["problems"] == []
    return r


def test_a_csv_statistics_sheet_saved_from_excel():
    rows = read_filings(FIXTURES / "filings_messy.csv")
    # before: "no title column … found 2024年度某市规章和规范性文件备案情况统计表" (the title row was taken as the header)
    _check(rows)
    assert rows[0]["line"] == 5 and rows[3]["line"] == 9  # lines of the file, blank rows counted
    assert rows[0]["filed"] == "2024年3月31日" and rows[1]["materials"] == "√"


def _xlsx(path: Path, rows: list[list], merges: list[str]) -> None:
    """An .xlsx as Excel writes it (openpyxl): dates as serial numbers with a 年月日 date style, merged ranges
    holding their value in the first cell only, and a second sheet (填表说明) after the register."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2024年备案"
    for r, cells in enumerate(rows, start=1):
        for c, v in enumerate(cells, start=1):
            if isinstance(v, tuple):  # (serial, "date")
                cell = ws.cell(r, c, value=openpyxl.utils.datetime.from_excel(v[0]))
                cell.number_format = 'yyyy"年"m"月"d"日"'
            elif v is not None:
                ws.cell(r, c, value=v)
    for m in merges:
        ws.merge_cells(m)
    wb.create_sheet("说明")["A1"] = "填表说明"
    wb.save(path)


D = "date"
SHEET = [
    ["2024年度某市规章和规范性文件备案情况统计表"],
    ["填报单位：某市司法局", None, None, None, None, None, None, "填报日期：2025年1月10日"],
    ["序号", "文件名称", "制定机关", "文件类别", "公布日期", "报送备案情况", None, "备注"],
    [None, None, None, None, None, "报备日期", "材料是否齐全"],
    # 制定机关 某市人民政府 merged down over rows 5-7
    [1, "某市养犬管理规定", "某市人民政府", "地方政府规章", (45352, D), (45382, D), "是"],
    [2, "某市停车管理办法", None, "地方政府规章", (45352, D), (45383, D), "√", "逾期一天"],
    [3, "某市数据开放办法", None, "地方政府规章", "2024.7.1", "2024年7月30日", "齐全"],
    [],
    [4, "某区司法局关于做好人民调解工作的通知", "某区司法局", "规范性文件", (45352, D), (45366, D), "×", "缺起草说明"],
    [5, "某区人民调解工作考核办法", "某区司法局", "规范性文件", (45418, D), None, "否", "未报备"],
    ["合计"],
]
MERGES = ["A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3", "H3:H4", "C5:C7", "A11:B11"]


def test_an_xlsx_statistics_sheet(tmp_path):
    p = tmp_path / "备案统计.xlsx"
    _xlsx(p, SHEET, MERGES)
    rows = read_filings(p)
    _check(rows)
    assert [r["issuer"] for r in rows[:3]] == ["某市人民政府"] * 3  # the merged cell counts for each row
    assert rows[0]["published"] == "2024-03-01" and rows[0]["line"] == 5  # a date cell as the sheet shows it


def test_cli_reads_an_xlsx(tmp_path):
    from fazhi.cli import cli

    p = tmp_path / "备案统计.xlsx"
    _xlsx(p, SHEET, MERGES)
    res = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "review", str(p), "--deadline", "strict"])
    assert res.exit_code == 0, res.output
    assert "应报备 5，已报备 4；报备率 80.0%，及时率 60.0%，规范率 75.0%" in res.output


def test_an_old_xls_or_a_broken_workbook_is_named(tmp_path):
    xls = tmp_path / "f.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    with pytest.raises(UnreadableFile, match="xls"):
        read_filings(xls)
    broken = tmp_path / "f.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 30)
    with pytest.raises(UnreadableFile, match="not a readable .xlsx workbook"):
        read_filings(broken)


@pytest.mark.parametrize("lines, titles", [
    # blank rows and rows of empty cells are no filings; nor are 合计 and notes
    (["标题,制定机关,公布日期,报备日期,材料齐全", ",,,,", "甲办法,某局,2024-01-01,2024-01-05,是", " , , , , ",
      "合计,,,,", "注：本表由各区司法局填报。,,,,"], ["甲办法"]),
    # a row without a title but with dates is a filing someone must complete: kept and named by its line
    (["标题,制定机关,公布日期,报备日期,材料齐全", ",某局,2024-01-01,,"], [""]),
])
def test_rows_that_are_no_filings(tmp_path, lines, titles):
    p = tmp_path / "f.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [r["title"] for r in read_filings(p)] == titles


def test_issuer_name_header_is_not_the_title(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("制定机关名称,文件标题,公布日期,报备日期,材料齐全\n某局,甲办法,2024-01-01,2024-01-05,是\n", encoding="utf-8")
    [r] = read_filings(p)
    assert (r["title"], r["issuer"]) == ("甲办法", "某局")


@pytest.mark.parametrize("filed", ["未报备", "无", "—", "/", "-", "×", "暂未报备"])
def test_a_filing_date_cell_that_says_not_filed(filed):
    # before: 'bad date' under problems, and the document left out of 应报备 altogether (报备率 rose)
    rows = [{"title": "甲办法", "issuer": "某局", "published": "2024-01-02", "filed": filed, "materials": ""},
            {"title": "乙办法", "issuer": "某局", "published": "2024-01-03", "filed": "2024-01-10", "materials": "是"}]
    r = review_rows(rows)
    assert r["problems"] == [] and _figures(r["overall"])[:3] == (2, 1, 1)
    assert r["late"] == [{"title": "甲办法", "issuer": "某局", "published": "2024-01-02", "filed": None, "days": None,
                          "reason": "未报备"}]


def test_a_date_with_its_weekday():
    r = review_rows([{"title": "甲办法", "issuer": "某局", "published": "2024年3月1日（星期五）",
                      "filed": "2024年3月31日(周日)", "materials": "是"}])
    assert r["problems"] == [] and r["overall"]["timely"] == 1


@pytest.mark.parametrize("materials, complete", [
    # before: 材料齐全, 报备材料齐全, 完备, 已齐备, ✓ and √（含说明） counted as incomplete (规范率 too low)
    ("材料齐全", True), ("报备材料齐全", True), ("完备", True), ("已齐备", True), ("✓", True), ("✔", True),
    ("√（含说明）", True), ("有，齐全", True), ("符合要求", True), ("是", True), ("√", True), ("齐全（含起草说明）", True),
    ("基本齐全", False), ("齐全但未附起草说明", False), ("部分", False), ("×", False), ("否", False), ("不齐全", False),
    ("缺合法性审查意见", False), ("", False),
])
def test_materials_cells(materials, complete):
    r = review_rows([{"title": "甲办法", "issuer": "某局", "published": "2024-01-02", "filed": "2024-01-10",
                      "materials": materials}])
    assert r["overall"]["compliant"] == int(complete)


def test_a_publication_date_headed_as_the_issuing_date(tmp_path):
    # 发文日期 is the date a 规范性文件 was issued (公布); before: not read, every filing '无公布日期' and late
    p = tmp_path / "f.csv"
    p.write_text("文件名称,发文单位,发文日期,报送备案日期,材料是否齐全\n甲通知,某局,2024-01-02,2024-01-20,是\n", encoding="utf-8")
    [r] = read_filings(p)
    assert (r["published"], r["filed"], r["issuer"]) == ("2024-01-02", "2024-01-20", "某局")
    assert review_rows([r])["overall"]["timely"] == 1


def test_one_issuer_however_the_cell_was_typed():
    rows = [{"title": t, "issuer": i, "published": "2024-01-02", "filed": "2024-01-10", "materials": "是"}
            for t, i in (("甲", "某市人民政府"), ("乙", "某市 人民政府"), ("丙", "某市人民\n政府"), ("丁", "某市人民政府\u3000"))]
    assert list(review_rows(rows)["by_issuer"]) == ["某市人民政府"]


def test_a_filing_not_yet_due_is_pending_not_missing():
    from datetime import date

    rows = [{"title": "甲", "issuer": "某局", "published": "2024-03-01", "filed": "", "materials": ""},
            {"title": "乙", "issuer": "某局", "published": "2024-03-25", "filed": "", "materials": ""},
            {"title": "丙", "issuer": "某局", "published": "2024-03-05", "filed": "2024-03-20", "materials": "是"}]
    # 甲's 30th day, 2024-03-31, is a Sunday: counted in calendar days here (extended it runs to 04-01)
    r = review_rows(rows, today=date(2024, 3, 31), deadline="strict")
    # 甲: day 30, still within the deadline; 乙: day 6. Before: both '未报备', 报备率 1/3
    assert [(x["title"], x["due"]) for x in r["pending"]] == [("甲", "2024-03-31"), ("乙", "2024-04-24")]
    assert _figures(r["overall"])[:3] == (1, 1, 1) and r["late"] == []
    r = review_rows(rows, today=date(2024, 4, 1), deadline="strict")  # 甲's 30 days have run out
    assert [x["title"] for x in r["pending"]] == ["乙"] and [x["title"] for x in r["late"]] == ["甲"]


def test_the_basis_names_the_local_rule_for_normative_documents():
    rows = read_filings(FIXTURES / "filings_messy.csv")
    assert "规范性文件的报备期限依本地规范性文件备案审查规定" in review_rows(rows)["basis"]
    rules_only = [r for r in rows if r["kind"] == "地方政府规章"]
    assert "规范性文件" not in review_rows(rules_only)["basis"]


def test_a_filed_yes_no_column(tmp_path):
    # 是否报备 beside the date: 是 with the date left blank is filed (its timeliness unknown); before: 未报备
    p = tmp_path / "f.csv"
    p.write_text("文件名称,制定机关,公布日期,是否报备,报备日期,材料是否齐全\n"
                 "甲办法,某局,2024-01-02,是,2024-01-20,是\n"
                 "乙办法,某局,2024-01-05,是,,齐全\n"
                 "丙办法,某局,2024-01-08,否,,\n", encoding="utf-8")
    rows = read_filings(p)
    assert [r["filed_flag"] for r in rows] == ["是", "是", "否"]
    r = review_rows(rows)
    assert _figures(r["overall"]) == (3, 2, 1, 2, 0.667, 0.333, 1.0)
    assert {x["title"]: x["reason"] for x in r["late"]} == {"乙办法": "已报备，但未填报备日期，无法确认是否及时",
                                                            "丙办法": "未报备"}


def test_a_filing_status_column_that_holds_the_date(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("文件名称,制定机关,公布日期,报备情况,材料是否齐全\n甲办法,某局,2024-01-02,2024年1月20日已报送,是\n"
                 "乙办法,某局,2024-01-05,2024年3月1日报送,是\n丙办法,某局,2024-01-08,未报备,\n", encoding="utf-8")
    r = review_rows(read_filings(p))
    assert _figures(r["overall"])[:4] == (3, 2, 1, 2)
    assert {x["title"]: x["days"] for x in r["late"]} == {"乙办法": 56, "丙办法": None}


def test_a_document_published_after_the_review_day_is_not_missing():
    from datetime import date

    r = review_rows([{"title": "甲", "issuer": "某局", "published": "2024-05-01", "filed": "", "materials": ""}],
                    today=date(2024, 4, 1))
    assert r["late"] == [] and r["overall"]["should_file"] == 0
    assert r["pending"][0]["reason"] == "公布日期2024-05-01晚于审查之日2024-04-01"


@pytest.mark.parametrize("sep, encoding, bom", [(",", "utf-8", b"\xef\xbb\xbf"), ("\t", "utf-16-le", b"\xff\xfe"),
                                                (";", "utf-8", b""), ("\t", "gb18030", b"")])
def test_separators_and_encodings_excel_writes(tmp_path, sep, encoding, bom):
    # before: a semicolon-separated sheet gave 'no title column'
    text = sep.join(["标题", "制定机关", "公布日期", "报备日期", "材料齐全"]) + "\r\n" + \
        sep.join(["甲办法", "某局", "2024/1/2", "2024/1/20", "是"]) + "\r\n"
    p = tmp_path / "f.csv"
    p.write_bytes(bom + text.encode(encoding))
    [r] = read_filings(p)
    assert (r["title"], r["issuer"], r["filed"]) == ("甲办法", "某局", "2024/1/20")


def test_the_html_report_lists_pending_filings():
    from datetime import date

    from fazhi.graph.review import render_html

    rows = [{"title": "甲<办法>", "issuer": "某局", "published": "2024-03-25", "filed": "", "materials": ""}]
    page = render_html(review_rows(rows, today=date(2024, 3, 31)))
    assert "尚未到期" in page and "甲&lt;办法&gt;" in page and "2024-04-24" in page
    assert "尚未到期" not in render_html(review_rows(rows, today=date(2024, 6, 1)))


def test_a_first_row_without_a_title_is_data_not_a_second_header(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("文件名称,制定单位,公布日期,报备日期,材料是否齐全\n,某某单位,2024-01-02,2024-01-20,是\n"
                 "乙办法,某局,2024-01-05,2024-01-06,是\n", encoding="utf-8")
    rows = read_filings(p)
    assert [(r["title"], r["issuer"]) for r in rows] == [("", "某某单位"), ("乙办法", "某局")]
