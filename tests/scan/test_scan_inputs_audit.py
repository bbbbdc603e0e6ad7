"""`fazhi scan FILE` on inputs as analysts receive them (benchmarks/scan_inputs_audit.py): crawler JSON with
nested objects, mongoexport values, API answers saved whole, camelCase keys; workbooks with title rows,
two-level headers and cover sheets; district values as cascades, short names and 市辖区; the place only in the
text; repeated headers, 合计 rows, page and footer lines; 序号 restarting on every page."""
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from fazhi.scan.scanner import read_posts

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scan" / "inputs_audit"


def _read(path):
    errors: list = []
    posts = read_posts(path, errors=errors)
    return posts, errors


def _jsonl(tmp_path, rows, name="posts.jsonl"):
    f = tmp_path / name
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return f


# -- crawler JSON ----------------------------------------------------------------------------------------
def test_a_weibo_item_is_read_from_its_nested_mblog_and_user(tmp_path):
    item = {"mblog": {"mid": "4990000000000001", "created_at": "Thu Mar 05 14:22:00 +0800 2026",
                      "text": "西湖区文三路工地天天半夜施工，吵得睡不着",
                      "user": {"id": 6000000001, "screen_name": "杭州网友", "created_at": "Mon Jan 01 08:00:00 +0800 2018",
                               "location": "浙江 杭州", "description": "热爱生活"},
                      "retweeted_status": {"text": "转发的原文", "created_at": "Tue Mar 03 08:00:00 +0800 2026"}},
            "scheme": "https://m.weibo.cn/status/4990000000000001"}
    posts, errors = _read(_jsonl(tmp_path, [item]))
    assert errors == []
    (p,) = posts
    # the post's own id, day and text; not the user's id, the account's creation day or the reposted text
    assert (p.id, p.date.isoformat(), p.text) == ("4990000000000001", "2026-03-05", item["mblog"]["text"])
    assert p.fields["account"] == "6000000001" and p.fields["screen_name"] == "杭州网友"  # the account: its user id


def test_mongoexport_values_are_read_as_plain_values(tmp_path):
    rows = [{"_id": {"$oid": "65e000000000000000000001"}, "content": "小区物业乱收停车费",
             "created_at": {"$date": "2026-03-05T17:30:00.000Z"}},  # 01:30 on 03-06 in China
            {"_id": {"$oid": "65e000000000000000000002"}, "content": "楼上漏水",
             "created_at": {"$date": {"$numberLong": "1772690520000"}}}]
    posts, errors = _read(_jsonl(tmp_path, rows))
    assert errors == []
    assert [(p.id, p.date.isoformat()) for p in posts] == [("65e000000000000000000001", "2026-03-06"),
                                                            ("65e000000000000000000002", "2026-03-05")]


@pytest.mark.parametrize("indent", [2, None])  # pretty-printed, or on one line as curl saves it
def test_an_api_answer_saved_whole_with_camel_case_keys(tmp_path, indent):
    answer = {"code": 200, "msg": "操作成功", "data": {"total": 2, "pageNum": 1, "list": [
        {"id": "AP1", "title": "停车费", "content": "小区物业乱收停车费", "replyContent": "已转交街道",
         "createTime": "2026-03-05 14:22:00", "replyTime": "2026-03-09 10:00:00", "areaCode": "330106",
         "areaName": "西湖区"},
        {"id": "AP2", "title": "漏水", "content": "楼上卫生间漏水渗到我家", "replyContent": "",
         "createTime": "2026-03-06 09:00:00", "replyTime": "", "areaCode": "330108", "areaName": "滨江区"}]}}
    f = tmp_path / "dump.json"
    f.write_text(json.dumps(answer, ensure_ascii=False, indent=indent), encoding="utf-8")
    posts, errors = _read(f)
    assert errors == []
    assert [(p.id, p.text, p.date.isoformat(), p.district) for p in posts] == [
        ("AP1", "小区物业乱收停车费", "2026-03-05", "西湖区"), ("AP2", "楼上卫生间漏水渗到我家", "2026-03-06", "滨江区")]


# -- districts -------------------------------------------------------------------------------------------
def _csv(tmp_path, header, rows, name="posts.csv"):
    f = tmp_path / name
    f.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return f


@pytest.mark.parametrize("value, address, district", [
    ("浙江省/杭州市/西湖区", "", "西湖区"),              # a cascade picked in a web form
    ("浙江省-杭州市-滨江区", "", "滨江区"),
    ("杭州市 > 上城区", "", "上城区"),                   # 上城区 ends in 城区 and is a district all the same
    ("浙江省杭州市市辖区拱墅区", "", "拱墅区"),          # the 市辖区 of the division code
    ("杭州市市辖区", "杭州市拱墅区湖墅南路12号", "拱墅区"),  # 市辖区 alone names no place: the address does
    ("市辖区", "", "未知"),
    ("拱墅区（330105）", "", "拱墅区"),
    ("米市巷街道", "", "米市巷街道"),                   # a street with 市 in its name, not a 米市
    ("草市街道", "", "草市街道"),
    ("金华市义乌市", "", "义乌市"),
    ("荆州市沙市区", "", "沙市区"),
    ("天津市滨海新区", "", "滨海新区"),
])
def test_district_values_as_exports_write_them(tmp_path, value, address, district):
    f = _csv(tmp_path, ["id", "date", "text", "district", "地址"], [["1", "2026-03-05", "楼上漏水", f'"{value}"', address]])
    posts, errors = _read(f)
    assert errors == [] and posts[0].district == district


@pytest.mark.parametrize("text, district", [
    ("来电人反映：杭州市西湖区文三路12号，楼上漏水", "西湖区"),
    ("余杭区良渚街道居民反映，垃圾站臭", "余杭区"),
    ("我住在萧山区北干街道，邻居装修太吵", "萧山区"),
    ("地址：杭州市拱墅区米市巷街道某小区。电梯坏了", "拱墅区"),
    ("滨江花园小区北门路口的垃圾没人清", "未知"),          # 小区 is no district
    ("想去区政府门口的路上拉横幅", "未知"),
    ("我在萧山区上班，工资被拖欠", "未知"),                # a place named, no address
])
def test_without_a_district_column_the_county_of_an_address_in_the_text(tmp_path, text, district):
    posts, errors = _read(_csv(tmp_path, ["编号", "日期", "内容"], [["1", "2026-03-05", text]]))
    assert errors == [] and posts[0].district == district


def test_a_short_district_name_joins_its_full_name_in_the_same_file(tmp_path):
    rows = [["1", "2026-03-05", "楼上漏水", "滨江"], ["2", "2026-03-05", "物业乱收费", "滨江区"],
            ["3", "2026-03-06", "邻居吵", "西湖"]]  # no 西湖区 in the file: 西湖 stays as written
    posts, errors = _read(_csv(tmp_path, ["id", "date", "text", "district"], rows))
    assert [p.district for p in posts] == ["滨江区", "滨江区", "西湖"]


# -- headers and sheets ----------------------------------------------------------------------------------
def _xlsx(path, sheets):
    openpyxl = pytest.importorskip("openpyxl", reason="the xlsx reader needs openpyxl")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows, merges in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        for m in merges:
            ws.merge_cells(m)
    wb.save(path)
    return path


def test_a_two_level_header_with_merged_cells(tmp_path):
    rows = [["工单编号", "受理信息", None, "诉求内容", "区县"], [None, "受理时间", "受理渠道", None, None],
            ["GD1", 46086.59, "电话", "小区物业乱收停车费", "西湖区"], ["GD2", 46087.4, "网站", "楼上漏水", "滨江区"]]
    f = _xlsx(tmp_path / "two.xlsx", [("工单", rows, ["A1:A2", "B1:C1", "D1:D2", "E1:E2"])])
    posts, errors = _read(f)
    assert errors == []
    assert [(p.id, p.date.isoformat(), p.text, p.district) for p in posts] == [
        ("GD1", "2026-03-05", "小区物业乱收停车费", "西湖区"), ("GD2", "2026-03-06", "楼上漏水", "滨江区")]


def test_a_two_level_header_in_csv(tmp_path):
    f = _csv(tmp_path, ["工单编号", "受理信息", "", "诉求内容"], [["", "受理时间", "受理渠道", ""],
                                                             ["GD1", "2026/3/5 14:22", "电话", "楼上漏水"]])
    posts, errors = _read(f)
    assert errors == [] and [(p.id, p.date.isoformat(), p.text) for p in posts] == [("GD1", "2026-03-05", "楼上漏水")]


def test_a_cover_sheet_before_the_sheet_of_posts(tmp_path):
    f = _xlsx(tmp_path / "cover.xlsx", [("导出说明", [["本表由12345热线系统导出"], ["数据范围：2026年3月"]], []),
                                        ("工单数据", [["工单编号", "受理时间", "诉求内容", "所属区县"],
                                                  ["GD1", "2026-03-05 14:22", "楼上漏水", "西湖区"]], [])])
    posts, errors = _read(f)
    assert errors == [] and [(p.id, p.district) for p in posts] == [("GD1", "西湖区")]


def test_a_bad_row_is_named_by_the_line_it_starts_on(tmp_path):
    f = tmp_path / "board.csv"
    f.write_text('留言编号,留言内容,留言时间\r\nLY1,"小区门口占道，\r\n晚上吵到十一点\r\n\r\n希望城管管一管",\r\n'
                 'LY2,楼上漏水,2026年3月5日\r\n', encoding="utf-8-sig")
    posts, errors = _read(f)
    assert [p.id for p in posts] == ["LY2"]
    assert errors == [f'{f}:2: no "留言时间"']


# -- rows that are no posts ------------------------------------------------------------------------------
def test_pages_pasted_together_headers_totals_and_footers_are_passed_over(tmp_path):
    header = ["序号", "来电时间", "来电内容", "所属区域"]
    rows = [["1", "2026-03-05 08:00", "小区物业乱收停车费", "西湖区"], ["2", "2026-03-05 09:00", "楼上漏水", "西湖区"],
            ["第1页，共2页"], [], header,  # the next page: its header, and 序号 from 1 again
            ["1", "2026-03-06 10:00", "邻居装修太吵", "拱墅区"], ["2", "2026-03-06 11:00", "楼上漏水", "西湖区"],
            ["第2页，共2页"], ["合计", "", "4件", ""], ["制表人：李四", "", "审核人：王五", "制表日期：2026年4月1日"],
            ["3", "", "快递丢了不赔", "上城区"]]  # a real bad row: no date
    f = _csv(tmp_path, header, rows)
    passed: list = []
    errors: list = []
    posts = read_posts(f, errors=errors, passed_over=passed)
    assert [(p.id, p.text) for p in posts] == [("1", "小区物业乱收停车费"), ("2", "楼上漏水"),
                                              ("posts-7", "邻居装修太吵"), ("posts-8", "楼上漏水")]
    assert [s.split(": ", 1)[1].split(" (")[0] for s in passed] == [
        "a page line", "a repeated header line", "a page line", "a totals row", "a footer line"]
    assert [s.split(": ")[0] for s in passed] == [f"{f}:{n}" for n in (4, 6, 9, 10, 11)]
    assert errors == [f'{f}:12: no "来电时间"']


def test_a_post_exported_twice_is_still_read_once_by_its_serial_number(tmp_path):
    rows = [["1", "2026-03-05", "楼上漏水"], ["1", "2026-03-05", "楼上漏水"]]  # the same post twice
    posts, errors = _read(_csv(tmp_path, ["序号", "日期", "内容"], rows))
    assert len(posts) == 1 and errors == [f"{tmp_path / 'posts.csv'}:3: id '1' repeats line 2 (the same post; skipped)"]


def test_the_cli_names_the_lines_passed_over_and_exits_0(tmp_path):
    from click.testing import CliRunner

    from fazhi.cli import cli

    f = _csv(tmp_path, ["工单编号", "受理时间", "诉求内容"],
             [["GD1", "2026-03-05", "楼上漏水"], ["合计", "", "1件"]])
    r = CliRunner().invoke(cli, ["scan", str(f), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["skipped"] == [] and out["passed_over"] == [f"{f}:3: a totals row (合计)"]
    assert "passed over 1 line that are no posts" in r.stderr


# -- the audit's files, as keyed before their first run ----------------------------------------------------
KEY = {**json.loads((FIX / "key.json").read_text(encoding="utf-8")),
       **{f"{r}/{n}": k for r in ("round2", "round3")
          for n, k in json.loads((FIX / r / "key.json").read_text(encoding="utf-8")).items()}}


def _line(entry: str, path: Path) -> int:
    return int(entry[len(str(path)) + 1:].split(": ", 1)[0])


@pytest.mark.parametrize("name", sorted(KEY))
def test_audit_file_is_read_as_keyed(name):
    k, path = KEY[name], FIX / name
    errors: list = []
    passed: list = []
    posts = read_posts(path, errors=errors, passed_over=passed)
    assert len(posts) == k["posts"]
    assert dict(Counter(f"{p.date.isoformat()}|{p.district}" for p in posts)) == k["pairs"]
    bad = {_line(e, path): e for e in errors}
    assert sorted(bad) == sorted(int(n) for n in k["bad"])
    assert all(word in bad[int(n)] for n, word in k["bad"].items())
    assert sorted(_line(e, path) for e in passed) == sorted(int(n) for n in k["not_posts"])


@pytest.mark.parametrize("name", ["f13_cascade_district.csv", "f14_web_pages.csv", "round2/r07_board_streets.csv"])
def test_audit_planted_burst_and_cluster_are_found(name):
    from fazhi.scan.scanner import scan

    k, path = KEY[name], FIX / name
    posts = read_posts(path, errors=[])
    result = scan(posts)
    for b in k["bursts"]:
        assert any(a["district"] == b["district"] and a["start"] <= b["end"] and b["start"] <= a["end"]
                   for a in result["alerts"])
    texts = {p.id: p.text for p in posts}
    for c in k["clusters"]:
        planted = {i for i, t in texts.items() if c["marker"] in t}
        assert any(len(set(cl["ids"]) & planted) >= 0.8 * len(planted) for cl in result["clusters"])


@pytest.mark.parametrize("sep, lines, texts, bad", [
    # a database dump that quotes nothing: a text opening with a quote mark it never closes
    ("\t", ['1\t2026-03-05\t"老赖又跑了，法院判了也不执行\t西湖区', "2\t2026-03-06\t楼上漏水\t滨江区",
            "3\t2026-03-06\t邻居吵\t滨江区"], ['"老赖又跑了，法院判了也不执行', "楼上漏水", "邻居吵"], []),
    # the same in a CSV whose text also holds a comma: that row cannot be read, and says so; the next rows are read
    (",", ['1,2026-03-05,"老赖又跑了, 法院判了也不执行,西湖区', "2,2026-03-06,楼上漏水,滨江区", '3,2026-03-06,"邻居吵",滨江区'],
     ["楼上漏水", "邻居吵"], [2]),
    # a quoted text with line breaks is one row, as it should be
    (",", ['1,2026-03-05,"楼上漏水，\n晚上滴个不停",西湖区', "2,2026-03-06,邻居吵,滨江区"], ["楼上漏水，\n晚上滴个不停", "邻居吵"], []),
])
def test_a_stray_quote_does_not_swallow_the_rows_after_it(tmp_path, sep, lines, texts, bad):
    f = tmp_path / "dump.txt"
    f.write_text(sep.join(["id", "date", "text", "district"]) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    posts, errors = _read(f)
    assert [p.text for p in posts] == texts
    assert [_line(e, f) for e in errors] == bad


# -- round 2 ---------------------------------------------------------------------------------------------
def test_an_excel_export_that_is_a_web_page_or_text(tmp_path):
    html = ('<html><head><meta charset="gbk"></head><body><table><tr><td colspan="3">12345工单导出</td></tr>'
            "<tr><th>工单编号</th><th>受理时间</th><th>诉求内容</th></tr>"
            "<tr><td>GD1</td><td>2026-03-05 14:22:00</td><td>楼上漏水，<br>滴到我家</td></tr></table></body></html>")
    (tmp_path / "a.xls").write_bytes(html.encode("gbk"))
    (tmp_path / "b.xls").write_bytes("工单编号\t受理时间\t诉求内容\r\nGD2\t2026/3/6 9:00\t邻居吵\r\n".encode("gbk"))
    (tmp_path / "c.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert [(p.id, p.text, p.date.isoformat()) for p in _read(tmp_path / "a.xls")[0]] == [
        ("GD1", "楼上漏水，\n滴到我家", "2026-03-05")]
    assert [(p.id, p.date.isoformat()) for p in _read(tmp_path / "b.xls")[0]] == [("GD2", "2026-03-06")]
    from fazhi.errors import UnreadableFile
    with pytest.raises(UnreadableFile, match="legacy Excel"):  # a real Excel 97-2003 workbook still says so
        _read(tmp_path / "c.xls")


@pytest.mark.parametrize("value, district", [
    ("发布于 浙江", "西湖区"),  # a platform's province is no district: the address in the text decides
    ("IP属地：浙江", "西湖区"), ("浙江 杭州", "西湖区"), ("浙江省杭州市拱墅区", "拱墅区")])
def test_a_platforms_province_is_no_district(tmp_path, value, district):
    rows = [{"id": "1", "text": "西湖区文三路工地半夜施工", "date": "2026-03-05", "region_name": value}]
    assert _read(_jsonl(tmp_path, rows))[0][0].district == district


def test_an_empty_county_beside_a_street_takes_the_county_of_the_address(tmp_path):
    rows = [["1", "2026-03-05", "楼上漏水", "", "临平街道", "杭州市临平区临平街道星桥路3号"],
            ["2", "2026-03-05", "邻居吵", "", "北干街道", ""]]  # no address: the street as written
    posts, _ = _read(_csv(tmp_path, ["编号", "发布时间", "留言内容", "区县", "所属街道", "事发地址"], rows))
    assert [p.district for p in posts] == ["临平区", "北干街道"]


@pytest.mark.parametrize("value", ["2026/3/5 下午 02:22:00", "2026/3/5 上午 9:05", "2026-03-05 14:22:00.000000"])
def test_times_as_windows_writes_them(tmp_path, value):
    posts, errors = _read(_csv(tmp_path, ["id", "date", "text"], [["1", value, "楼上漏水"]]))
    assert errors == [] and posts[0].date.isoformat() == "2026-03-05"


def test_a_douyin_item(tmp_path):
    row = {"aweme_id": "7300000000000000001", "desc": "良渚这边的工地天天夜里施工", "create_time": 1772690520,
           "ip_label": "浙江", "author": {"uid": "900001", "nickname": "抖友"},
           "poi": {"poi_name": "某小区", "address": "浙江省杭州市余杭区良渚街道"}}
    (p,) = _read(_jsonl(tmp_path, [row]))[0]
    assert (p.id, p.text, p.date.isoformat(), p.district) == ("7300000000000000001", row["desc"], "2026-03-05", "余杭区")


def test_a_single_post_with_its_comments_is_one_post(tmp_path):
    row = {"id": "W1", "text": "西湖区文三路工地半夜施工", "created_at": "2026-03-05 10:00",
           "comments": [{"id": "C1", "text": "同感", "created_at": "2026-03-05 11:00"},
                        {"id": "C2", "text": "我家也是", "created_at": "2026-03-05 12:00"}]}
    posts, errors = _read(_jsonl(tmp_path, [row]))
    assert errors == [] and [p.id for p in posts] == ["W1"]


@pytest.mark.parametrize("value, why", [
    ("1900-01-01 00:00:00", "placeholder"), ("1970-01-01 08:00:00", "placeholder"), ("0", "placeholder"),
    ("2206-03-05 10:00", "years after today")])
def test_a_placeholder_or_impossible_day_is_a_bad_row_not_a_post(tmp_path, value, why):
    rows = [["G1", "2026-03-05 10:00", "楼上漏水"], ["G2", value, "邻居吵"]]
    posts, errors = _read(_csv(tmp_path, ["工单编号", "受理时间", "诉求内容"], rows))
    assert [p.id for p in posts] == ["G1"]  # one such row would stretch the period over centuries
    assert len(errors) == 1 and errors[0].startswith(f"{tmp_path / 'posts.csv'}:3: ") and why in errors[0]


def test_a_stream_dated_ahead_of_the_clock_is_read(tmp_path):
    """A planned or simulated stream may be dated after today: only a typo of the century is refused."""
    year = date.today().year + 2
    rows = [["G1", f"{year}-03-05 10:00", "楼上漏水"], ["G2", f"{year}-03-06 09:00", "邻居吵"]]
    posts, errors = _read(_csv(tmp_path, ["工单编号", "受理时间", "诉求内容"], rows))
    assert errors == [] and [p.id for p in posts] == ["G1", "G2"]


def test_a_stray_quote_in_a_long_export_does_not_refuse_the_file(tmp_path):
    # the quote runs on over more than csv's 131,072-character field limit: the reader gives up there
    lines = ["序号\t来电时间\t来电内容\t区县"] + [
        f"{i}\t2026-03-{1 + i % 28:02d} 10:00\t{'“老赖又跑了' if i == 10 else '楼上漏水'}第{i}次，物业一直不管，业主们很有意见\t西湖区"
        for i in range(1, 4001)]
    lines[10] = lines[10].replace("“", '"')
    f = tmp_path / "long.tsv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    posts, errors = _read(f)
    assert errors == [] and len(posts) == 4000
    assert posts[9].text.startswith('"老赖又跑了') and posts[10].text.startswith("楼上漏水第11次")


def test_a_district_merged_down_over_its_tickets_names_each_of_them(tmp_path):
    rows = [["工单编号", "受理时间", "诉求内容", "所属区县"],
            ["GD1", "2026-03-05 10:00", "楼上漏水", "西湖区"], ["GD2", "2026-03-05 11:00", "邻居吵", None],
            ["GD3", "2026-03-06 09:00", "物业乱收费", None], ["GD4", "2026-03-06 10:00", "快递丢了", "滨江区"]]
    f = _xlsx(tmp_path / "grouped.xlsx", [("工单", rows, ["D2:D4"])])
    posts, errors = _read(f)
    assert errors == [] and [p.district for p in posts] == ["西湖区", "西湖区", "西湖区", "滨江区"]


def test_a_day_and_its_time_of_day_in_two_columns(tmp_path):
    rows = [["G1", "2026-03-05", "14:22:00", "楼上漏水"], ["G2", "2026/3/6", "下午 2:05", "邻居吵"], ["G3", "", "09:00", "快递丢了"]]
    posts, errors = _read(_csv(tmp_path, ["工单编号", "受理日期", "受理时间", "诉求内容"], rows))
    assert [(p.id, p.date.isoformat()) for p in posts] == [("G1", "2026-03-05"), ("G2", "2026-03-06")]
    assert len(errors) == 1 and ":4: no " in errors[0]  # a time without its day is no day


# -- round 3 ---------------------------------------------------------------------------------------------
def test_a_title_row_of_separators_saved_by_excel(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes("2026年3月工单明细,,,\r\n,,,\r\n工单编号,反映时间,反映内容,所属区县\r\nG1,2026/3/1 8:00,楼上漏水,萧山区\r\n"
                  "G2,2026/3/2 9:00,邻居吵,滨江区\r\n".encode("gbk"))
    posts, errors = _read(f)
    assert errors == [] and [p.id for p in posts] == ["G1", "G2"]  # the first post was taken for the header


@pytest.mark.parametrize("header, field, expect", [
    (["id", "createdAt", "content"], "date", "2026-03-05"),          # camelCase of a Java API
    (["id", "publishTime", "content"], "date", "2026-03-05"),
    (["工单编号", "受理时间", "诉求内容", "所属区划"], "district", "西湖区"),
    (["工单编号", "受理时间", "诉求内容", "区划名称"], "district", "西湖区"),
    (["工单编号", "受理时间", "诉求内容", "诉求人电话"], "phone", "13706661234"),
    (["工单编号", "受理时间", "诉求内容", "回访电话"], "phone", "13706661234"),
    (["工单编号", "受理时间", "诉求内容", "承办单位电话"], "phone", None),  # an office's number is no party
])
def test_more_column_names(tmp_path, header, field, expect):
    values = {"date": "2026-03-05 14:22:00 +0800", "district": "西湖区", "phone": "13706661234"}
    row = ["G1", values["date"], "楼上漏水", values[field]][:len(header)]
    posts, errors = _read(_csv(tmp_path, header, [row]))
    assert errors == []
    got = {"date": posts[0].date.isoformat(), "district": posts[0].district, "phone": posts[0].fields.get("phone")}
    assert got[field] == expect


@pytest.mark.parametrize("value", ["Thu Mar 05 23:30:00 +0800 2026", "Wed May 01 23:30:00 +0000 2024",
                                   "Wed May 01 16:30:00 -0530 2024", "Sun Mar 01 08:43:00 +0800 2026"])
def test_weibo_times_are_china_days(value):
    from datetime import datetime, timedelta, timezone

    from fazhi.scan.scanner import _post_date

    want = datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").astimezone(timezone(timedelta(hours=8))).date()
    assert _post_date(value) == want
