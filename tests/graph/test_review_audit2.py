"""Review audit 2 (tests/fixtures/graph/review_audit2: a 某市 register and a 某县 system export, keyed by hand before
the first run): deadlines that end on a holiday, withdrawn filings, 审查意见, --period, and issuer name variants.
The rules each test holds are in key.json's rule_decisions and docs/graph.md (Filing review)."""
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.graph.review import (due_date, issuer_groups, parse_period, read_filings, render_html,
                                review_rows)
from review_key import assert_rows_match, figures

DIR = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "review_audit2"
KEY = json.loads((DIR / "key.json").read_text(encoding="utf-8"))
KEY["runs"] += json.loads((DIR / "key2.json").read_text(encoding="utf-8"))["runs"]  # round 2: register G


def _options(args):
    # the key was written when extension was the default (now strict): a run naming no rule is keyed extend
    o = dict(zip(args[::2], args[1::2]))
    return {"today": date.fromisoformat(o["--as-of"]), "deadline": o.get("--deadline", "extend"),
            "period": o.get("--period")}


@pytest.mark.parametrize("run", KEY["runs"], ids=[r["name"] for r in KEY["runs"]])
def test_runs_match_the_hand_key(run):
    r = review_rows(read_filings(DIR / run["register"]), **_options(run["args"]))
    assert figures(r["overall"]) == run["overall"]
    assert {k: figures(v) for k, v in r["by_issuer"].items()} == run["by_issuer"]
    assert {k: figures(v) for k, v in r["by_quarter"].items()} == run["by_quarter"]
    assert len(r["problems"]) == run["problems"]
    assert_rows_match(r, run["rows"])


# 1. a deadline ending on a rest day runs to the next working day (民法典 第二百零三条); 调休 working days are working days
@pytest.mark.parametrize("published, extended, strict", [
    ("2026-01-16", "2026-02-24", "2026-02-15"),  # 30th day in the 春节 holiday (02-15 to 02-23)
    ("2026-01-15", "2026-02-14", "2026-02-14"),  # a Saturday made a working day: not moved
    ("2025-12-02", "2026-01-04", "2026-01-01"),  # 元旦 01-01 to 01-03, then the 调休 Sunday 01-04
    ("2026-09-04", "2026-10-08", "2026-10-04"),  # 国庆
    ("2026-03-18", "2026-04-17", "2026-04-17"),  # a Friday
    ("2026-12-02", "2027-01-04", "2027-01-01"),  # a year the holiday calendar has not: 元旦 and the weekend
])
def test_due_date(published, extended, strict):
    pub = date.fromisoformat(published)
    assert due_date(pub, rule="extend").isoformat() == extended
    assert due_date(pub).isoformat() == strict  # the default: 30 calendar days


def test_a_filing_on_the_first_working_day_after_a_holiday_is_in_time_and_says_so():
    rows = [{"title": "甲", "issuer": "某局", "published": "2026-04-01", "filed": "2026-05-06", "materials": "齐全"},
            {"title": "乙", "issuer": "某局", "published": "2026-04-01", "filed": "2026-05-07", "materials": "齐全"}]
    r = review_rows(rows, deadline="extend")
    assert r["overall"]["timely"] == 1 and r["deadline_rule"] == "extend"
    assert r["late"][0]["reason"] == "公布后第36日报备，超过30日（届满日为法定休假日，顺延至2026-05-06）"
    assert review_rows(rows)["overall"]["timely"] == 0 and review_rows(rows)["deadline_rule"] == "strict"
    with pytest.raises(ValueError, match="deadline rule"):
        review_rows(rows, deadline="lenient")


def test_a_year_without_the_published_holiday_arrangement_is_named():
    rows = [{"title": "甲", "issuer": "某局", "published": "2030-03-01", "filed": "2030-03-20", "materials": "是"}]
    assert "2030年的放假调休安排未收录" in review_rows(rows, deadline="extend")["calendar"]
    rows[0].update(published="2026-03-01", filed="2026-03-20")
    assert "未收录" not in review_rows(rows, deadline="extend")["calendar"]


def test_pending_until_the_extended_deadline():
    rows = [{"title": "甲", "issuer": "某局", "published": "2026-01-16", "filed": "", "materials": ""}]
    r = review_rows(rows, today=date(2026, 2, 20), deadline="extend")  # day 35, inside the 春节 extension
    assert [(x["title"], x["due"]) for x in r["pending"]] == [("甲", "2026-02-24")] and r["late"] == []
    assert "顺延至2026-02-24" in r["pending"][0]["reason"]
    assert [x["title"] for x in review_rows(rows, today=date(2026, 2, 25), deadline="extend")["late"]] == ["甲"]
    assert [x["title"] for x in review_rows(rows, today=date(2026, 2, 20))["late"]] == ["甲"]  # strict: day 35


# 2. 已撤回 in the filing column withdraws the filing; a document's own status (已废止, 未生效) does not count
@pytest.mark.parametrize("flag, filed", [("已撤回", False), ("报备后撤回", False), ("撤回后重新报送", True),
                                         ("已报备", True)])
def test_a_withdrawn_filing_is_not_a_filing(flag, filed):
    rows = [{"title": "甲", "issuer": "某局", "published": "2026-02-02", "filed": "2026-02-27", "filed_flag": flag,
             "materials": "齐全"}]
    r = review_rows(rows, today=date(2026, 6, 30))
    assert r["overall"]["filed"] == int(filed) and r["overall"]["should_file"] == 1
    if not filed:
        assert r["late"][0]["reason"] == "报备已撤回（2026-02-27报送），未重新报送" and r["noncompliant"] == []


def test_a_withdrawn_filing_whose_deadline_has_not_run_is_pending():
    rows = [{"title": "甲", "issuer": "某局", "published": "2026-06-10", "filed": "2026-06-20", "filed_flag": "已撤回",
             "materials": "齐全"}]
    r = review_rows(rows, today=date(2026, 6, 30))
    assert [x["title"] for x in r["pending"]] == ["甲"] and r["overall"]["should_file"] == 0


# 3. 审查意见: a finding that the document is wrong makes the filing 不规范
def test_the_review_opinion_column_is_read(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("文件名称,制定机关,公布日期,报备日期,材料是否齐全,审查结果\n"
                 "甲通知,某局,2026-03-02,2026-03-10,齐全,予以备案\n"
                 "乙通知,某局,2026-03-02,2026-03-10,齐全,已要求制定机关纠正\n"
                 "丙通知,某局,2026-03-02,2026-03-10,齐全,提醒：未标注有效期\n"
                 "丁通知,某局,2026-03-02,,齐全,不予备案\n", encoding="utf-8")
    rows = read_filings(p)
    assert [r["opinion"] for r in rows][:2] == ["予以备案", "已要求制定机关纠正"]
    r = review_rows(rows, today=date(2026, 6, 30))
    assert figures(r["overall"]) == [4, 3, 3, 2]
    assert r["noncompliant"] == [{"title": "乙通知", "issuer": "某局", "reasons": ["审查意见：已要求制定机关纠正"]}]


def test_an_opinion_judges_a_filing_in_a_sheet_without_materials():
    rows = [{"title": "甲", "issuer": "某局", "published": "2026-03-02", "filed": "2026-03-10", "opinion": "予以备案"},
            {"title": "乙", "issuer": "某局", "published": "2026-03-02", "filed": "2026-03-10", "opinion": "撤销"},
            {"title": "丙", "issuer": "某局", "published": "2026-03-02", "filed": "2026-03-10"}]
    o = review_rows(rows, today=date(2026, 6, 30))["overall"]
    assert (o["assessed"], o["compliant"], o["compliance_rate"]) == (2, 1, 0.5)


# 4. --period
@pytest.mark.parametrize("text, label, first, last", [
    ("2026Q1", "2026Q1", "2026-01-01", "2026-03-31"), ("2026-q4", "2026Q4", "2026-10-01", "2026-12-31"),
    ("2026年第一季度", "2026Q1", "2026-01-01", "2026-03-31"), ("2026年二季度", "2026Q2", "2026-04-01", "2026-06-30"),
    ("2026年第3季度", "2026Q3", "2026-07-01", "2026-09-30"), ("2026", "2026", "2026-01-01", "2026-12-31"),
    ("2026年", "2026", "2026-01-01", "2026-12-31"), ("2026年度", "2026", "2026-01-01", "2026-12-31"),
    ("2026年上半年", "2026H1", "2026-01-01", "2026-06-30"), ("2026H2", "2026H2", "2026-07-01", "2026-12-31"),
    ("2026-02", "2026-02", "2026-02-01", "2026-02-28"), ("2026年12月", "2026-12", "2026-12-01", "2026-12-31"),
    ("2026-01-01..2026-06-30", "2026-01-01..2026-06-30", "2026-01-01", "2026-06-30"),
    ("2026年1月1日至2026年3月31日", "2026-01-01..2026-03-31", "2026-01-01", "2026-03-31"),
])
def test_parse_period(text, label, first, last):
    assert parse_period(text) == (label, date.fromisoformat(first), date.fromisoformat(last))


@pytest.mark.parametrize("text", ["2026Q5", "2026Q0", "第一季度", "2026-13", "2026-06-30..2026-01-01", ""])
def test_a_period_that_is_none_is_refused(text):
    with pytest.raises(ValueError, match="period"):
        parse_period(text)


def test_cli_period_and_deadline(tmp_path):
    from fazhi.cli import cli

    home = str(tmp_path / "home")
    res = CliRunner().invoke(cli, ["--home", home, "review", str(DIR / "F_county_export.csv"), "--as-of",
                                   "2026-06-30", "--period", "2026年第一季度", "--json"])
    out = json.loads(res.stdout)
    assert res.exit_code == 2  # the undated row is a problem under a period
    assert out["period"] == {"label": "2026Q1", "from": "2026-01-01", "to": "2026-03-31", "outside": 8}
    assert out["problems"][0]["reason"] == "无公布日期，无法判断是否属于2026Q1，未计入"
    res = CliRunner().invoke(cli, ["--home", home, "review", str(DIR / "E_city_2026.xlsx"), "--period", "2026Q5"])
    assert res.exit_code == 2 and "--period" in res.output
    res = CliRunner().invoke(cli, ["--home", home, "review", str(DIR / "E_city_2026.xlsx"), "--as-of", "2026-12-31",
                                   "--deadline", "strict"])
    assert res.exit_code == 0 and "及时率 26.3%" in res.output
    assert "制定机关按一家计：某市人民政府办公室 ← 市府办、市政府办公室、某市政府办公室" in res.output


def test_the_html_report_names_the_period_and_the_calendar():
    rows = [{"title": "甲", "issuer": "某局", "published": "2026-01-16", "filed": "2026-02-24", "materials": "是"}]
    page = render_html(review_rows(rows, period="2026Q1", deadline="extend"))
    assert "统计期间 2026Q1" in page and "民法典第二百零三条" in page


# 5. issuers written several ways are one
def test_issuer_variants_are_one_issuer():
    g = issuer_groups(["某市人民政府办公室", "市政府办公室", "市府办", "某市政府办公室", "某市人民政府", "市政府",
                       "某市住房和城乡建设局", "市住建局", "某市市场监督管理局", "市市场监管局", "某县卫生健康委员会",
                       "县卫健委", "某市甲区人民政府", "甲区政府", "某市人民政府办公室"])
    assert {w for w, shown in g.items() if shown == "某市人民政府办公室"} == {"某市人民政府办公室", "市政府办公室",
                                                                          "市府办", "某市政府办公室"}
    assert g["市政府"] == "某市人民政府" and g["市住建局"] == "某市住房和城乡建设局"
    assert g["市市场监管局"] == "某市市场监督管理局" and g["县卫健委"] == "某县卫生健康委员会"
    assert g["甲区政府"] == "某市甲区人民政府"


@pytest.mark.parametrize("names, apart", [
    (["某市甲区司法局", "某市乙区司法局", "区司法局"], "区司法局"),  # which 区? left as written
    (["某市人民政府办公室", "人民政府办公室"], "人民政府办公室"),  # no place in it
    (["某市教育局", "某市体育局", "市育局"], "市育局"),  # 育局 is not a shortening of either (first character)
    (["某市城市管理局", "某市城市管理综合行政执法局"], "某市城市管理局"),  # a part left out is another agency
    (["某市人民政府办公室", "市政府"], "市政府"),  # the government is not its office
    (["某县人民政府", "某市人民政府", "政府"], "政府"),
])
def test_issuers_that_stay_apart(names, apart):
    assert issuer_groups(names)[apart] == apart


def test_a_shortening_goes_to_the_name_it_is_picked_from():
    g = issuer_groups(["某市城市管理局", "某市城市管理综合行政执法局", "市城管局", "市城管执法局"])
    assert g["市城管局"] == "某市城市管理局" and g["市城管执法局"] == "某市城市管理综合行政执法局"


def test_the_name_shown_is_the_one_most_written():
    g = issuer_groups(["某市政府办公室", "某市政府办公室", "某市人民政府办公室", "市府办"])
    assert set(g.values()) == {"某市政府办公室"}


# a local rule's deadline for 规范性文件 (--days); 法规 and 规章 keep 条例第四条's 30 days
def test_a_local_deadline_for_normative_documents():
    rows = [{"title": "甲通知", "issuer": "某局", "kind": "行政规范性文件", "published": "2026-03-02",
             "filed": "2026-03-20", "materials": "齐全"},
            {"title": "乙办法", "issuer": "某市人民政府", "kind": "政府规章", "published": "2026-03-02",
             "filed": "2026-03-20", "materials": "齐全"},
            {"title": "丙意见", "issuer": "某局", "published": "2026-03-02", "filed": "", "materials": ""}]
    r = review_rows(rows, today=date(2026, 3, 20), days=15)
    assert r["overall"]["timely"] == 1 and r["deadline_days"] == 15
    assert r["late"] == [{"title": "甲通知", "issuer": "某局", "published": "2026-03-02", "filed": "2026-03-20",
                          "days": 18, "reason": "公布后第18日报备，超过15日"},
                         {"title": "丙意见", "issuer": "某局", "published": "2026-03-02", "filed": None, "days": None,
                          "reason": "未报备"}]
    assert "按公布之日起15日计" in r["basis"]
    # the 15th day after 2026-03-21 is Sunday 04-05 in the 清明 holiday: due 04-07
    assert review_rows([dict(rows[2], published="2026-03-21")], today=date(2026, 4, 7), days=15,
                       deadline="extend")["pending"][0]["due"] \
        == "2026-04-07"
    assert review_rows(rows, today=date(2026, 3, 20))["overall"]["timely"] == 2
    with pytest.raises(ValueError, match="days"):
        review_rows(rows, days=0)


# a filing the 备案机关 sent back (退回, 暂缓登记: 上海 第十二条, 北京 第十二条) was made, on its date, but is not 规范
@pytest.mark.parametrize("flag, filed, compliant", [("已退回", True, False), ("退回补正", True, False),
                                                    ("暂缓登记", True, False), ("退回后已重新报送", True, True),
                                                    ("已报备", True, True)])
def test_a_returned_filing_is_filed_but_not_compliant(flag, filed, compliant):
    rows = [{"title": "甲", "issuer": "某局", "published": "2026-03-02", "filed": "2026-03-20", "filed_flag": flag,
             "materials": "齐全"}]
    r = review_rows(rows, today=date(2026, 6, 30))
    assert (r["overall"]["filed"], r["overall"]["timely"], r["overall"]["compliant"]) == (1, 1, int(compliant))
    if not compliant:
        assert r["noncompliant"][0]["reasons"] == [f"报备被退回（{flag}），须补充或重新报送"]


def test_a_returned_filing_without_a_date_is_filed_not_timely():
    rows = [{"title": "甲", "issuer": "某局", "published": "2026-03-02", "filed": "", "filed_flag": "退回修改"}]
    o = review_rows(rows, today=date(2026, 6, 30))["overall"]
    assert (o["filed"], o["timely"], o["assessed"], o["compliant"]) == (1, 0, 1, 0)
