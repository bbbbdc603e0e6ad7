"""Post dates go through fazhi.dates: every form it reads, and a bad one named by file and line."""
import datetime as dt
import json

import pytest

from fazhi.errors import UnreadableFile
from fazhi.scan.scanner import parse_date, read_posts


@pytest.mark.parametrize("value", ["2024-05-01", "2024/5/1 08:30", "2024-05-01T08:00:00Z", "2024.5.1", "20240501",
                                   "2024年5月1日", "2024年5月1号", "二〇二四年五月一日", "45413", 45413,
                                   dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 8, 0)])
def test_post_dates(value):
    got = parse_date(value)
    assert got == dt.date(2024, 5, 1) and type(got) is dt.date


def test_bad_dates_name_the_file_and_line(tmp_path):
    f = tmp_path / "posts.jsonl"
    rows = [{"id": "a", "text": "电梯坏了", "date": "2024年5月1号"}, {"id": "b", "text": "噪音扰民", "date": "2024-02-30"},
            {"id": "c", "text": "拖欠工资", "date": ""}, {"id": "d", "text": "漏水", "date": "2024-05-02"}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    errors = []
    posts = read_posts(f, errors=errors)
    assert [(p.id, p.date.isoformat()) for p in posts] == [("a", "2024-05-01"), ("d", "2024-05-02")]
    assert errors == [f"{f}:2: bad date '2024-02-30' (day is out of range for month)", f'{f}:3: no "date"']
    with pytest.raises(UnreadableFile, match=r"posts.jsonl:2: bad date '2024-02-30'"):
        read_posts(f)


def test_a_line_separator_inside_a_post_does_not_cut_it(tmp_path):
    """json.dumps(ensure_ascii=False) writes U+2028 as it is; str.splitlines cut the line there."""
    f = tmp_path / "posts.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "第一段\u2028第二段", "date": "2024-05-01"}, ensure_ascii=False) + "\r\n",
                 encoding="utf-8")
    [post] = read_posts(f)
    assert post.text == "第一段\u2028第二段"


def test_a_repeated_post_id_is_reported_and_counted_once(tmp_path):
    from fazhi.scan.scanner import scan

    f = tmp_path / "posts.jsonl"
    row = {"id": "p1", "text": "小区门口垃圾站臭气熏天，多次投诉没人管", "date": "2024-05-01", "district": "西湖区"}
    other = dict(row, text="楼上装修噪音")
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (row, row, row, other)), encoding="utf-8")
    errors = []
    posts = read_posts(f, errors=errors)
    assert [p.id for p in posts] == ["p1"]
    assert errors == [f"{f}:2: id 'p1' repeats line 1 (the same post; skipped)",
                      f"{f}:3: id 'p1' repeats line 1 (the same post; skipped)",
                      f"{f}:4: id 'p1' repeats line 1 with another text; skipped"]
    assert not scan(posts)["clusters"]  # three copies of one line are not a coordinated complaint


def test_an_undecodable_posts_file_is_named_with_its_path(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    f = d / "random.txt"
    f.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(UnreadableFile) as e:
        read_posts(f)
    assert str(f) in str(e.value)
