"""The review audit's four registers (tests/fixtures/graph/review_audit: written as 司法局 staff keep them, their
figures computed by hand in key.json before the first run) and the defects they found, each in general form."""
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.graph.review import read_filings, review_rows
from review_key import assert_rows_match, figures

DIR = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "review_audit"
KEY = json.loads((DIR / "key.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(KEY["registers"]))
def test_register_figures_and_verdicts_match_the_hand_key(name):
    key = KEY["registers"][name]
    # keyed under 30 calendar days, not extended (key.json: _rekeyed_by_audit_2)
    r = review_rows(read_filings(DIR / name), today=date.fromisoformat(key["as_of"]), deadline="strict")
    assert {k: r["overall"][k] for k in key["overall"]} == key["overall"]
    assert {k: figures(v) for k, v in r["by_issuer"].items()} == key["by_issuer"]
    assert {k: figures(v) for k, v in r["by_quarter"].items()} == key["by_quarter"]
    assert_rows_match(r, key["rows"])
    assert r["problems"] == []  # no 合计 row, note or repeated row taken for a filing with a bad date


def _csv(tmp_path, lines, name="f.csv"):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("header, canon", [
    ("制定主体", "issuer"),  # a filing system's export (it was '(未填)' for every row)
    ("公布（印发）日期", "published"),  # a form's header with a bracketed alternative (no published date was read)
    ("报备日期（年月日）", "filed"),
    ("文件名称（全称）", "title"),
])
def test_header_words_filing_systems_and_forms_use(tmp_path, header, canon):
    cols = {"title": "标题", "issuer": "制定机关", "published": "公布日期", "filed": "报备日期"}
    cols[canon] = header
    p = _csv(tmp_path, [",".join(cols.values()), "甲办法,某局,2024-01-02,2024-01-20"])
    (row,) = read_filings(p)
    assert (row["title"], row["issuer"], row["published"], row["filed"]) == ("甲办法", "某局", "2024-01-02",
                                                                          "2024-01-20")


@pytest.mark.parametrize("total", ["合计,,,7件,6件齐全", "合　计,,2024,7,6", "总计：,,,共8件,按时4件",
                                   ",合 计,,7,"])
def test_a_totals_row_in_any_column_is_not_a_filing(tmp_path, total):
    # 合计 under 序号 with counts under the date columns was read as a filing with a bad date ('7件'), exit 2
    p = _csv(tmp_path, ["序号,标题,公布日期,报备日期,材料", "1,甲办法,2024-01-02,2024-01-20,齐全", total])
    rows = read_filings(p)
    assert [r["title"] for r in rows] == ["甲办法"]
    assert review_rows(rows, today=date(2024, 12, 31))["problems"] == []


def test_a_filing_dated_after_the_review_day_was_not_yet_made():
    rows = [{"title": "甲通知", "issuer": "某局", "published": "2024-06-10", "filed": "2024-07-05", "materials": "齐全"},
            {"title": "乙通知", "issuer": "某局", "published": "2024-05-01", "filed": "2024-07-05", "materials": "齐全"},
            {"title": "丙通知", "issuer": "某局", "published": "2024-05-01", "filed": "", "filed_flag": "是",
             "materials": "齐全"}]
    r = review_rows(rows, today=date(2024, 6, 30))
    # before: 甲 counted as filed in time and 乙 as filed late, on a day neither had been filed
    assert [x["title"] for x in r["pending"]] == ["甲通知"] and r["pending"][0]["due"] == "2024-07-10"
    assert "2024-07-05报备" in r["pending"][0]["reason"]
    late = {x["title"]: x for x in r["late"]}
    assert late["乙通知"]["filed"] is None and late["乙通知"]["reason"] == "截至2024-06-30未报备（2024-07-05报备）"
    assert figures(r["overall"]) == [2, 1, 0, 1]  # 丙: filed (是), date unknown
    # as of a later day the same rows are filed
    r = review_rows(rows, today=date(2024, 12, 31))
    assert r["pending"] == [] and figures(r["overall"]) == [3, 3, 1, 3]


def test_a_repeated_row_counts_once():
    row = {"title": "甲办法", "issuer": "某局", "published": "2024-01-02", "filed": "2024-02-20", "materials": "齐全"}
    rows = [dict(row, line=2), {"title": "乙办法", "issuer": "某局", "published": "2024-01-05", "filed": "",
                                "materials": "", "line": 3},
            dict(row, line=4, published="2024年1月2日")]
    r = review_rows(rows, today=date(2024, 12, 31))
    # before: 甲 counted twice (should_file 3, filed 2)
    assert figures(r["overall"]) == [2, 1, 0, 1]
    assert r["duplicates"] == [{"line": 4, "title": "甲办法", "same_as": 2}] and r["problems"] == []
    assert [x["title"] for x in r["late"]] == ["甲办法", "乙办法"]


def test_a_repeat_that_differs_is_counted_once_and_named():
    rows = [{"title": "甲办法", "issuer": "某局", "published": "2024-01-02", "filed": "2024-02-20",
             "materials": "缺起草说明", "line": 2},
            {"title": "甲办法", "issuer": "某局", "published": "2024-01-02", "filed": "2024-03-01",
             "materials": "齐全", "line": 3},
            {"title": "甲办法", "issuer": "另一局", "published": "2024-01-02", "filed": "2024-01-20",
             "materials": "齐全", "line": 4}]  # another issuer's document of the same name: not a repeat
    r = review_rows(rows, today=date(2024, 12, 31))
    assert r["overall"]["should_file"] == 2 and r["duplicates"][0]["same_as"] == 2
    assert [p["line"] for p in r["problems"]] == [3] and "只计第2行" in r["problems"][0]["reason"]


def test_cli_names_the_repeat_and_exit_code_stays_0(tmp_path):
    from fazhi.cli import cli

    p = _csv(tmp_path, ["标题,制定机关,公布日期,报备日期,材料齐全", "甲办法,某局,2024-01-02,2024-01-20,是",
                        "甲办法,某局,2024-01-02,2024-01-20,是"])
    res = CliRunner().invoke(cli, ["--home", str(tmp_path / "h"), "review", str(p), "--as-of", "2024-12-31"])
    assert res.exit_code == 0, res.output
    assert "应报备 1，已报备 1" in res.output and "重复登记: 甲办法 第3行与第2行为同一文件，只计一次" in res.output


def test_section_headings_of_a_register_are_not_filings(tmp_path):
    # a register grouped by kind and issuer: （一）市政府办公室文件 in the title column was counted as a document
    # never filed, with no date and no issuer
    p = _csv(tmp_path, ["序号,文件名称,制定机关,公布日期,报备日期,材料", "一、政府规章（2件）,,,,,",
                        "1,甲办法,某市人民政府,2024-01-02,2024-01-20,齐全", ",二、规范性文件,,,,",
                        ",（一）市政府办公室文件,,,,", ",第二部分 部门文件,,,,",
                        "2,乙通知,某市人民政府办公室,2024-02-01,2024-02-20,齐全",
                        "3,三、丙规定,某局,2024-03-01,,"])  # a title that starts like a heading but has data
    rows = read_filings(p)
    assert [r["title"] for r in rows] == ["甲办法", "乙通知", "三、丙规定"]
    r = review_rows(rows, today=date(2024, 12, 31))
    assert figures(r["overall"]) == [3, 2, 2, 2] and "(未填)" not in r["by_issuer"]


def test_a_sheet_without_a_materials_column_has_no_compliance_rate(tmp_path):
    # many registers record only the dates: every filing was '报备材料不全：未填写' and 规范率 0%
    p = _csv(tmp_path, ["文件名称,制定机关,公布日期,报备日期", "甲办法,某市人民政府,2024-01-02,2024-01-20",
                        "乙通知,某局,2024-02-01,2024-03-20"])
    r = review_rows(read_filings(p), today=date(2024, 12, 31))
    assert r["materials_recorded"] is False and r["noncompliant"] == []
    assert (r["overall"]["compliance_rate"], r["overall"]["assessed"], r["overall"]["filed"]) == (None, 0, 2)
    assert r["overall"]["timely"] == 1
    # a blank cell in a materials column is still 'not recorded for this filing': not 规范
    p = _csv(tmp_path, ["文件名称,制定机关,公布日期,报备日期,材料", "甲办法,某市人民政府,2024-01-02,2024-01-20,"],
             name="g.csv")
    r = review_rows(read_filings(p), today=date(2024, 12, 31))
    assert r["materials_recorded"] is True and r["overall"]["compliance_rate"] == 0.0
    assert r["noncompliant"][0]["reasons"] == ["报备材料不全：未填写"]


def test_without_a_materials_column_a_checked_text_decides(tmp_path):
    from fazhi.cli import cli

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "graph"
    p = _csv(tmp_path, ["文件名称,制定机关,类别,公布日期,报备日期,文本路径",
                        f"某市住宅小区物业管理办法,某局,规范性文件,2024-01-05,2024-01-20,{fixtures / 'draft_all_codes.txt'}",
                        f"某区司法局关于做好人民调解工作的通知,某区司法局,规范性文件,2024-02-01,2024-02-25,"
                        f"{fixtures / 'draft_clean.txt'}",
                        "丙通知,某局,规范性文件,2024-03-01,2024-03-20,"])
    res = CliRunner().invoke(cli, ["--home", str(tmp_path / "h"), "review", str(p), "--as-of", "2024-12-31",
                                   "--json"])
    out = json.loads(res.output[:res.output.rindex("}") + 1])
    o = out["overall"]
    assert (o["filed"], o["assessed"], o["compliant"], o["compliance_rate"]) == (3, 2, 1, 0.5)
    assert [x["title"] for x in out["noncompliant"]] == ["某市住宅小区物业管理办法"]


@pytest.mark.parametrize("status, filed, timely, reason", [
    ("按时报备", True, True, None),
    ("及时报备", True, True, None),
    ("逾期报备", True, False, "报备状态为“逾期报备”（未填报备日期）"),
    ("未按时报备", True, False, "报备状态为“未按时报备”（未填报备日期）"),
    ("已补报", True, False, "报备状态为“已补报”（未填报备日期）"),
    ("已报备", True, False, "已报备，但未填报备日期，无法确认是否及时"),
    ("待补报", False, False, "未报备"),
    ("尚未报送", False, False, "未报备"),
])
def test_a_filing_systems_status_column_without_a_date(tmp_path, status, filed, timely, reason):
    # 按时报备 / 逾期报备 (a filing system's 报备状态) were read as not filed: the document counted as never filed
    p = _csv(tmp_path, ["文件名称,制定机关,公布日期,报送时间,报备状态,材料情况",
                        f"甲办法,某局,2024-01-02,,{status},齐全"])
    r = review_rows(read_filings(p), today=date(2024, 12, 31))
    assert (r["overall"]["filed"], r["overall"]["timely"]) == (int(filed), int(timely))
    assert [x["reason"] for x in r["late"]] == ([] if timely else [reason])
