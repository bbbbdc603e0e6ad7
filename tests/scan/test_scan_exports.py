"""`fazhi scan FILE` on posts as command centres export them: CSV from Excel in GBK, TSV with a BOM, an
.xlsx workbook, JSON lines with Chinese keys (工单编号 / 来电时间 / 所属区域 / 诉求内容), times of day, missing
districts and dates, HTML entities of web exports, and --since/--until at their edges."""
import csv
import io
import json
from datetime import datetime

import pytest
from click.testing import CliRunner

from fazhi.cli import cli
from fazhi.errors import UnreadableFile
from fazhi.scan.scanner import read_posts

HEADER = ["工单编号", "来电时间", "来电号码", "所属区域", "诉求内容", "办结时间", "回复内容"]
ROWS = [
    ["GD20240301001", "2024-03-01 14:23:05", "13812345678", "萧山区",
     "某安置房工地拖欠农民工工资三个月，三十多个工人说明天去区政府拉横幅讨薪", "2024-03-05 10:00:00", "已转劳动监察"],
    ["GD20240301002", "2024/3/1", "", "萧山区", "小区物业乱收停车费，业主多次投诉没人管", "2024/3/9", "已办结"],
    ["GD20240302003", "2024-03-02 09:00", "", "", "楼上邻居半夜跺脚，下楼理论还被骂", "", ""],
    ["GD20240302004", "", "", "西湖区", "村里征地补偿款被村干部截留", "2024-03-08", ""],
    ["GD20240302005", "2024-03-02 10:00:00", "", "西湖区", "", "", ""],
    ["GD20240303006", "2024年3月3日 8时10分", "138-1234-5678", "余杭区", "借钱不还，对方还扬言要报复我", "", ""],
]


def _csv(rows, delimiter=",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def _scan(path, *args):
    r = CliRunner().invoke(cli, ["scan", str(path), "--json", "--items", *args])
    assert r.exit_code in (0, 2), r.output
    out = json.loads(r.stdout)
    assert r.exit_code == (2 if out["skipped"] else 0)  # 2: some rows were skipped (each named on stderr)
    return out, r.stderr


def _check_hotline(out, path, lines):
    """The hotline rows read as they are meant: ids, days, districts, the intake time (not 办结时间)."""
    assert out["posts"] == 4
    got = {it["id"]: (it["date"], it["district"]) for it in out["items"]}
    assert got == {"GD20240301001": ("2024-03-01", "萧山区"), "GD20240301002": ("2024-03-01", "萧山区"),
                   "GD20240302003": ("2024-03-02", "未知"), "GD20240303006": ("2024-03-03", "余杭区")}
    # the row without 来电时间 and the row without 诉求内容 are skipped and named, not dropped silently
    assert [s.split(": ")[0] for s in out["skipped"]] == [f"{path}:{n}" for n in lines]
    assert "来电时间" in out["skipped"][0] and "诉求内容" in out["skipped"][1]
    assert out["by_district"]["未知"] == 1
    levels = {it["id"]: it["risk"] for it in out["items"]}
    assert levels["GD20240301001"] == "high" and levels["GD20240303006"] == "high"
    # the phone column links the two calls of one person (13812345678 and 138-1234-5678)
    assert [p["count"] for p in out["repeat_parties"]] == [2]
    assert out["repeat_parties"][0]["party"] == "138****5678"


def test_gbk_csv_from_excel_with_chinese_headers(tmp_path):
    f = tmp_path / "12345工单.csv"
    f.write_bytes(_csv([HEADER, *ROWS]).encode("gbk"))
    out, err = _scan(f)
    _check_hotline(out, f, [5, 6])
    assert f"{f}:5" in err


def test_tsv_with_bom_and_other_header_names(tmp_path):
    header = ["受理编号", "受理时间", "联系电话", "区县", "来电内容", "处理时间", "答复意见"]
    f = tmp_path / "export.tsv"
    f.write_bytes(_csv([header, *ROWS], "\t").encode("utf-8-sig"))
    out, _ = _scan(f)
    assert out["posts"] == 4 and {it["id"] for it in out["items"]} >= {"GD20240301001", "GD20240303006"}
    assert "受理时间" in out["skipped"][0]


def test_csv_without_suffix_is_recognised_by_its_header(tmp_path):
    f = tmp_path / "export.txt"
    f.write_text(_csv([HEADER, *ROWS]), encoding="utf-8")
    out, _ = _scan(f)
    assert out["posts"] == 4


def test_jsonl_with_chinese_keys(tmp_path):
    f = tmp_path / "posts.jsonl"
    f.write_text("\n".join(json.dumps(dict(zip(HEADER, r)), ensure_ascii=False) for r in ROWS) + "\n",
                 encoding="utf-8")
    out, _ = _scan(f)
    _check_hotline(out, f, [4, 5])


def test_a_json_array_of_posts(tmp_path):
    f = tmp_path / "posts.json"
    f.write_text(json.dumps([dict(zip(HEADER, r)) for r in ROWS], ensure_ascii=False, indent=1), encoding="utf-8")
    out, _ = _scan(f)
    _check_hotline(out, f, [4, 5])


def _xlsx(rows) -> bytes:
    """A workbook as Excel writes it (openpyxl): a date-time stored as its serial number with a date style,
    one post in rich text (two runs), a phone number stored as a number, empty cells left out of the row."""
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "工单"
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value == "":
                continue
            if r > 1 and c == 2 and value.startswith("2024-03-01 14"):
                cell = ws.cell(r, c, value=datetime(2024, 3, 1, 14, 23, 5))
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif r > 1 and c == 3 and value.isdigit():
                ws.cell(r, c, value=float(value))  # 13812345678.0, as a number column holds it
            elif value.startswith("小区物业"):
                ws.cell(r, c, value=CellRichText(value[:4], TextBlock(InlineFont(b=True), value[4:])))
            else:
                ws.cell(r, c, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_workbook(tmp_path):
    f = tmp_path / "工单导出.xlsx"
    f.write_bytes(_xlsx([HEADER, *ROWS]))
    out, _ = _scan(f)
    _check_hotline(out, f, [5, 6])
    posts = {p.id: p for p in read_posts(f, errors=[])}
    assert posts["GD20240301002"].text == ROWS[1][4]  # rich-text runs joined


def test_legacy_xls_and_broken_workbooks_are_one_line_errors(tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UnreadableFile, match="save it as .xlsx or .csv"):
        read_posts(tmp_path / "old.xls")
    (tmp_path / "cut.xlsx").write_bytes(_xlsx([HEADER, *ROWS])[:300])
    with pytest.raises(UnreadableFile, match="not a readable .xlsx"):
        read_posts(tmp_path / "cut.xlsx")


@pytest.mark.parametrize("header, missing", [(["编号", "所属区域", "诉求内容"], "no date column"),
                                             (["编号", "来电时间", "所属区域", "备注"], "no text column")])
def test_a_table_without_a_date_or_text_column_is_refused_whole(tmp_path, header, missing):
    f = tmp_path / "export.csv"
    f.write_text(_csv([header, ["1", "2024-03-01", "萧山区"]]), encoding="utf-8")
    r = CliRunner().invoke(cli, ["scan", str(f), "--json"])
    assert r.exit_code != 0
    assert missing in r.output and header[1] in r.output and "Traceback" not in r.output


def test_html_entities_and_tags_of_web_exports_are_read_as_text(tmp_path):
    f = tmp_path / "board.jsonl"
    rows = [{"id": "m1", "date": "2024-03-01", "district": "西湖区",
             "text": "物业&amp;开发商&nbsp;不给办房产证&#65292;<br/>我们准备集体上访"},
            {"id": "m2", "date": "2024-03-01", "district": "西湖区", "text": "<p>&nbsp;</p>"}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    errors = []
    posts = read_posts(f, errors=errors)
    assert [p.text for p in posts] == ["物业&开发商 不给办房产证，\n我们准备集体上访"]
    assert len(errors) == 1 and errors[0].startswith(f"{f}:2: ")


@pytest.mark.parametrize("value, day", [("20240301142305", "2024-03-01"), ("202403011423", "2024-03-01"),
                                        ("2024-03-01 23:59:59", "2024-03-01"), ("2024/3/1 0:05", "2024-03-01")])
def test_timestamps_of_system_exports(tmp_path, value, day):
    f = tmp_path / "posts.jsonl"
    f.write_text(json.dumps({"id": "1", "text": "噪音扰民", "受理时间": value}, ensure_ascii=False), encoding="utf-8")
    assert read_posts(f)[0].date.isoformat() == day


def test_since_and_until_are_inclusive_days(tmp_path):
    f = tmp_path / "posts.csv"
    rows = [["id", "日期", "区县", "内容"]] + [[f"p{i}", f"2024-03-0{d} {h}", "萧山区", "楼上噪音扰民"]
                                               for i, (d, h) in enumerate([(1, "23:59:59"), (2, "00:00:00"),
                                                                           (2, "23:59"), (3, "00:00")])]
    f.write_text(_csv(rows), encoding="utf-8")
    out, _ = _scan(f, "--since", "2024-03-02", "--until", "2024/3/2")
    assert [it["id"] for it in out["items"]] == ["p1", "p2"]
    assert out["period"] == {"start": "2024-03-02", "end": "2024-03-02", "days": 1}


def test_a_range_with_no_posts_says_where_the_posts_are(tmp_path):
    f = tmp_path / "posts.csv"
    f.write_text(_csv([["id", "日期", "内容"], ["1", "2024-03-01", "噪音"], ["2", "2024-03-03", "漏水"]]),
                 encoding="utf-8")
    out, err = _scan(f, "--since", "2024-04-01")
    assert out["posts"] == 0 and out["risk"]["levels"] == {"none": 0, "low": 0, "medium": 0, "high": 0}
    assert "2024-03-01 .. 2024-03-03" in err
    r = CliRunner().invoke(cli, ["scan", str(f), "--since", "2024-03-05", "--until", "2024-03-01"])
    assert r.exit_code == 2 and "after --until" in r.output


def test_classify_jsonl_a_blank_text_is_an_error_row_in_its_place():
    lines = ['{"id": "a", "text": ""}', '{"id": "b", "text": " \\n "}', '{"id": "c", "text": "老板拖欠工资三个月"}']
    r = CliRunner().invoke(cli, ["classify", "-", "--jsonl"], input="\n".join(lines) + "\n")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["a", "b", "c"]
    assert rows[0] == {"id": "a", "line": 1, "error": '<stdin>:1: the "text" is blank'}
    assert "error" in rows[1] and "type" not in rows[0] and rows[2]["type"] == "劳动争议"
    assert r.exit_code == 2


def test_one_name_per_district_and_the_county_of_an_address(tmp_path):
    f = tmp_path / "mixed.csv"
    rows = [["编号", "来电时间", "区县", "问题发生地", "诉求内容"],
            ["1", "2024-03-01", "萧山区", "", "工地拖欠工资"],
            ["2", "2024-03-01", "杭州市萧山区", "", "工地拖欠工资两个月"],
            ["3", "2024-03-02", "萧山区北干街道", "", "工地拖欠工资三个月"],
            ["4", "2024-03-02", "", "浙江省杭州市西湖区文三路90号", "楼上漏水"],
            ["5", "2024-03-02", "", "文三路90号3幢", "楼上漏水没人管"],
            ["6", "2024-03-03", "天津市滨海新区", "", "物业乱收费"],
            ["7", "2024-03-03", "湖滨社区", "", "噪音扰民"]]
    f.write_text(_csv(rows), encoding="utf-8")
    got = {p.id: p.district for p in read_posts(f)}
    assert got == {"1": "萧山区", "2": "萧山区", "3": "萧山区", "4": "西湖区", "5": "未知", "6": "滨海新区",
                   "7": "湖滨社区"}


@pytest.mark.parametrize("value, day", [
    ("2024-05-01T23:30:00Z", "2024-05-02"),            # a platform API's UTC time: 07:30 next morning in China
    ("2024-05-01T16:00:00.000Z", "2024-05-02"),
    ("2024-05-01 15:59:59 +0000", "2024-05-01"),
    ("2024-05-01T23:30:00+08:00", "2024-05-01"),
    ("Wed May 01 23:30:00 +0800 2024", "2024-05-01"),  # Weibo's created_at
    ("Wed, 01 May 2024 18:30:00 +0000", "2024-05-02"),
    ("1714577400", "2024-05-01"), ("1714577400000", "2024-05-01"), (1714577400, "2024-05-01"),  # Unix time
    ("2024-05-01 23:30", "2024-05-01"),                # a local time stays on its day
])
def test_timestamps_are_days_in_china_time(tmp_path, value, day):
    f = tmp_path / "weibo.jsonl"
    f.write_text(json.dumps({"id": "1", "text": "小区停车位纠纷", "created_at": value}, ensure_ascii=False),
                 encoding="utf-8")
    assert read_posts(f)[0].date.isoformat() == day


def test_an_export_without_districts_gives_each_alert_once(tmp_path):
    # a Weibo export has no district column: every post is 未知, and each type's series is also its
    # type × 未知 series; the same burst was listed twice (劳动争议 * and 劳动争议 未知, same figures)
    from datetime import date, timedelta

    quiet = ["楼上邻居半夜跺脚", "物业乱收停车费", "网购的手机是翻新机", "借钱不还还拉黑我", "前夫不给抚养费"]
    rows = [["id", "发布时间", "微博正文"]] + [
        [f"q{d}-{k}", (date(2024, 3, 1) + timedelta(d)).isoformat(), quiet[(d + k) % 5]] for d in range(40) for k in range(3)]
    rows += [[f"w{d}-{k}", f"2024-04-0{d}", f"新塘安置房工地拖欠农民工工资{k + 2}个月，老板跑了，工人们准备去讨薪"]
             for d in (5, 6, 7) for k in range(6)]
    f = tmp_path / "weibo.csv"
    f.write_text(_csv(rows), encoding="utf-8")
    out, _ = _scan(f)
    keys = [(a["type"], a["start"], a["count"], a["baseline"]) for a in out["alerts"] if a["type"]]
    assert keys and len(keys) == len(set(keys)), out["alerts"]
    assert any(a["type"] == "劳动争议" and a["start"] == "2024-04-05" for a in out["alerts"])


def test_a_title_row_above_the_header(tmp_path):
    # government exports open with a title (and a note) above the header, in the workbook and in its CSV
    top = [["2024年3月12345热线工单明细", "", "", "", "", "", ""], ["导出时间：2024-04-01 09:00", "", "", "", "", "", ""], []]
    x = tmp_path / "明细.xlsx"
    x.write_bytes(_xlsx([*top, HEADER, *ROWS]))
    out, _ = _scan(x)
    _check_hotline(out, x, [8, 9])
    c = tmp_path / "明细.csv"
    c.write_bytes(_csv([*top, HEADER, *ROWS]).encode("gbk"))
    out, _ = _scan(c)
    _check_hotline(out, c, [8, 9])
    t = tmp_path / "明细.txt"  # no suffix to go by
    t.write_text("2024年3月12345热线工单明细\n" + _csv([HEADER, *ROWS]), encoding="utf-8")
    out, _ = _scan(t)
    assert out["posts"] == 4


@pytest.mark.parametrize("phone", ["13812345678.0", "1.3812345678E+10", 13812345678.0, "138 1234 5678"])
def test_a_phone_column_read_through_a_spreadsheet_links_the_calls(tmp_path, phone):
    f = tmp_path / "calls.jsonl"
    rows = [{"id": "1", "text": "楼上漏水", "日期": "2024-03-01", "手机号": phone},
            {"id": "2", "text": "楼上又漏水了没人管", "日期": "2024-03-05", "phone": "13812345678"}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out, _ = _scan(f)
    assert [(p["party"], p["count"]) for p in out["repeat_parties"]] == [("138****5678", 2)]


@pytest.mark.parametrize("header, text, district", [
    # a 12345 work-order system
    (["工单号", "诉求地址", "诉求时间", "事项摘要", "诉求状态", "诉求渠道", "承办单位", "所属街道", "问题详情"], "问题详情", "所属街道"),
    # a government message board (留言板): the title is not the text, nor the reply
    (["序号", "留言标题", "留言内容", "留言时间", "回复内容", "回复时间", "留言人"], "留言内容", None),
    # a hotline with the county and street both given
    (["受理编号", "来电时间", "区县", "街道", "来电内容", "办理结果", "办结时间"], "来电内容", "区县"),
])
def test_which_column_is_which(tmp_path, header, text, district):
    values = {h: f"【{h}】" for h in header}
    for h in header:
        if "时间" in h:
            values[h] = "2024-03-01 09:00" if h in ("诉求时间", "留言时间", "来电时间") else "2024-03-20 09:00"
    values[text] = "小区物业乱收停车费"
    f = tmp_path / "export.csv"
    f.write_text(_csv([header, [values[h] for h in header]]), encoding="utf-8")
    post = read_posts(f)[0]
    assert post.text == "小区物业乱收停车费" and post.date.isoformat() == "2024-03-01"
    assert post.district == (values[district] if district else "未知")
