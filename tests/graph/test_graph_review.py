"""Filing review: rates, deadlines, column names and encodings, bad rows."""
import pytest

from fazhi.errors import UnreadableFile
from fazhi.graph.review import read_filings, render_html, review_rows


def row(published, filed, materials="齐全", issuer="某局", title="文件"):
    return {"title": title, "issuer": issuer, "published": published, "filed": filed, "materials": materials}


@pytest.mark.parametrize("published,filed,timely", [
    ("2024-01-01", "2024-01-31", True),    # day 30: within the deadline
    ("2024-01-01", "2024-02-01", False),   # day 31
    ("2024-01-01", "2024-01-01", True),
    ("2024年3月1日", "2024/3/15", True),
    # the forms of fazhi.dates: Chinese numerals, 号, full-width, a time after the date, an Excel serial day
    ("二〇二四年三月一日", "2024年3月31号", True),
    ("２０２４／３／１", "2024-03-31 09:30", True),
    ("2024-03-01", "45382", True),  # 45382 = 2024-03-31, a spreadsheet's date cell exported as a number
    ("2024-03-01", "2024-02-20", False),   # filed before publication: a data error, not timely
    ("2024-01-01", "", False),
])
def test_deadline(published, filed, timely):
    r = review_rows([row(published, filed)])
    assert r["overall"]["timely"] == int(timely)


@pytest.mark.parametrize("materials,compliant", [("齐全", 1), ("是", 1), ("yes", 1), ("缺备案说明", 0), ("", 0)])
def test_materials(materials, compliant):
    assert review_rows([row("2024-01-01", "2024-01-10", materials)])["overall"]["compliant"] == compliant


def test_groups_and_rates():
    rows = [row("2024-01-05", "2024-01-06", issuer="甲"), row("2024-04-05", "", issuer="甲"),
            row("2024-04-10", "2024-06-30", issuer="乙"), row("2024-12-31", "2025-01-02", issuer="乙")]
    r = review_rows(rows)
    assert r["overall"]["filing_rate"] == 0.75 and r["overall"]["timely_rate"] == 0.5
    assert r["by_issuer"]["甲"]["filing_rate"] == 0.5
    assert list(r["by_quarter"]) == ["2024Q1", "2024Q2", "2024Q4"]
    assert r["by_quarter"]["2024Q2"]["should_file"] == 2 and r["by_quarter"]["2024Q2"]["timely"] == 0


def test_bad_date_is_reported_and_batch_goes_on():
    r = review_rows([dict(row("2024-13-45", "2024-01-01"), line=2), row("2024-01-01", "2024-01-02")])
    assert r["problems"][0]["line"] == 2 and r["overall"]["should_file"] == 1


def test_chinese_headers_gb18030(tmp_path):
    p = tmp_path / "f.csv"
    p.write_bytes("标题,制定机关,公布日期,报备日期,材料齐全\n某办法,某局,2024-01-01,2024-01-05,是\n".encode("gb18030"))
    rows = read_filings(p)
    assert rows[0]["title"] == "某办法" and rows[0]["issuer"] == "某局" and rows[0]["filed"] == "2024-01-05"
    assert review_rows(rows)["overall"]["compliance_rate"] == 1.0


def test_missing_title_column(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="no title column"):
        read_filings(p)


def test_html_escapes():
    html = render_html(review_rows([row("2024-01-01", "", title="<script>x</script>")]))
    assert "<script>x" not in html and "&lt;script&gt;" in html


def test_filed_before_publication_is_a_date_error_not_a_late_filing():
    r = review_rows([dict(row("2024-05-01", "2024-04-28", title="户外广告办法"), line=3)])
    assert r["overall"]["timely"] == 0
    reason = r["late"][0]["reason"]
    assert "超过" not in reason and "早于公布日期" in reason, reason
    assert r["problems"] == [{"line": 3, "title": "户外广告办法", "reason": reason}]


@pytest.mark.parametrize("published", ["2024-02-30", "2023年2月29日", "2024-00-10"])
def test_impossible_date_names_the_value(published):
    r = review_rows([dict(row(published, "2024-03-01"), line=4)])
    assert r["problems"][0]["line"] == 4 and published in r["problems"][0]["reason"]


def test_impossible_chinese_date_names_the_value_and_why():
    r = review_rows([dict(row("二〇二三年二月二十九日", "2023-03-01"), line=5)])
    assert r["problems"] == [{"line": 5, "title": "文件",
                              "reason": "bad date '二〇二三年二月二十九日' (day is out of range for month)"}]


@pytest.mark.parametrize("published,rule,not_rule", [
    ("2024-10-31", "《法规规章备案条例》第三条", "备案审查条例"),
    ("2024-11-01", "《法规规章备案审查条例》第四条", "《法规规章备案条例》"),  # the old regulation is repealed
])
def test_deadline_basis_is_the_rule_in_force(published, rule, not_rule):
    basis = review_rows([row(published, "2024-12-01")])["basis"]
    assert rule in basis and not_rule not in basis and "30日" in basis


def test_a_filing_whose_text_cannot_be_read_is_not_counted_compliant(tmp_path):
    from fazhi.graph.registry import Registry

    r = review_rows([dict(row("2024-01-01", "2024-01-10", "是"), line=2, path=str(tmp_path / "gone.docx"))],
                    registry=Registry())
    assert r["problems"] and "gone.docx" in r["problems"][0]["reason"]
    # before: listed under problems but still counted in 规范率 (1.0)
    assert r["overall"]["compliant"] == 0 and r["overall"]["compliance_rate"] == 0.0
    assert "报备文本无法读取" in r["noncompliant"][0]["reasons"][0]


def test_headers_as_spreadsheets_write_them_and_materials_cells(tmp_path):
    p = tmp_path / "f.csv"
    p.write_bytes(("文件标题,制定单位,公布时间,报备时间,材料是否齐全\n"
                   "某市物业管理办法,某市人民政府,2024年3月1日,2024年3月20日,是\n"
                   "关于加强燃气安全的通知,某市住建局,2024/6/1,2024/6/15,齐全（含起草说明）\n"
                   "某市网约车管理暂行办法,某市人民政府,二〇二四年八月一日,2024-08-30,不齐全\n").encode("gbk"))
    rows = read_filings(p)
    assert [r["materials"] for r in rows] == ["是", "齐全（含起草说明）", "不齐全"]
    assert rows[0]["issuer"] == "某市人民政府" and rows[0]["published"] == "2024年3月1日"
    r = review_rows(rows)
    # before: 材料是否齐全 / 公布时间 / 报备时间 were not read: 规范率 0 and every filing "未报备"
    assert r["overall"]["filed"] == 3 and r["overall"]["compliant"] == 2


def test_cli_as_of_a_past_review_day(tmp_path):
    # statistics as of the end of a period: a document published 10 days before that day and not yet filed is
    # pending then, though it is long overdue today
    from pathlib import Path

    from click.testing import CliRunner

    from fazhi.cli import cli

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "filings.csv"
    home = ["--home", str(tmp_path / "home")]
    today = CliRunner().invoke(cli, [*home, "review", str(fixture)])
    assert "逾期/未报备: 某市养犬管理规定 (某市人民政府) 未报备" in today.output
    then = CliRunner().invoke(cli, [*home, "review", str(fixture), "--as-of", "2024年5月16日"])
    assert then.exit_code == 2, then.output  # the fixture's row with a bad date
    assert "尚未到期: 某市养犬管理规定 (某市人民政府)" in then.output and "应于2024-06-05前报备" in then.output
    # 停车管理办法 was published on 06-01 and filed on 06-28, both after 05-16: on that day it was neither due
    # nor filed, so it is counted nowhere (it was counted as filed in time, 应报备 4，已报备 4)
    assert then.output.startswith("应报备 3，已报备 3")
    assert "尚未到期: 某市停车管理办法 (某市人民政府) 公布日期2024-06-01晚于审查之日2024-05-16" in then.output
    bad = CliRunner().invoke(cli, [*home, "review", str(fixture), "--as-of", "明天"])
    assert bad.exit_code == 2 and "--as-of" in bad.output
