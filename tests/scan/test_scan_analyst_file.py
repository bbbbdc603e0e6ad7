"""`fazhi scan FILE --json` and `fazhi classify FILE --jsonl` on a file of analysts' posts
(tests/fixtures/scan/analyst_posts.tsv) with dates and districts, including bad lines, date forms,
unknown or missing districts, a coordinated complaint and a GBK-encoded copy."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.cli import cli

FIXTURE = Path(__file__).parents[1] / "fixtures" / "scan" / "analyst_posts.tsv"
ROWS = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")]
DISTRICTS = ("西湖区", "萧山区", "余杭区")
COPIED = "拆迁安置房说好2022年交房，现在都2025年了还没影，过渡费也停了，我们几十户拆迁户准备去区政府讨个说法"


def _lines() -> list[str]:
    rows = [{"id": f"a{i:02d}", "text": text, "date": f"2025-06-{i % 28 + 1:02d}", "district": DISTRICTS[i % 3]}
            for i, (_, _, _, text) in enumerate(ROWS, 1)]
    # a coordinated complaint: one text copied with small edits, six times on two days
    rows += [{"id": f"c{k}", "text": ("再次反映：" if k % 2 else "") + COPIED + "！" * k, "date": f"2025-06-2{k // 4}",
              "district": "萧山区"} for k in range(6)]
    rows += [{"id": "d1", "text": "物业停水三天了", "date": "2025/6/3 08:30", "district": "西湖区"},
             {"id": "d2", "text": "物业停水三天了没人管", "date": "2025年6月4日", "district": "西湖区"},
             {"id": "d3", "text": "物业又停水", "published": "2025-06-05T10:00:00+08:00", "region": "西湖区"},
             {"id": "u1", "text": "小区电梯坏了", "date": "2025-06-06", "district": "火星区"},
             {"id": "u2", "text": "小区电梯又坏了", "date": "2025-06-06"}]
    out = [json.dumps(r, ensure_ascii=False) for r in rows]
    bad = ['{"id": "b1", "text": "没有日期"}', '{"id": "b2", "text": "坏日期", "date": "2025-13-45"}',
           '{"id": "b3", "text": "", "date": "2025-06-01"}', "not json", '["a", "list"]']
    return out[:10] + bad + out[10:]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    path = tmp_path_factory.mktemp("scan") / "posts.jsonl"
    path.write_text("\n".join(_lines()) + "\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["scan", str(path), "--json", "--items"])
    return path, r


def test_bad_lines_are_reported_and_skipped(scanned):
    path, r = scanned
    assert r.exit_code == 2, r.output  # the good posts are scanned, the bad lines named, and the exit code says so
    out = json.loads(r.stdout)
    assert [s.split(": ")[0] for s in out["skipped"]] == [f"{path}:{n}" for n in range(11, 16)]
    for n in range(11, 16):
        assert f"{path}:{n}" in r.stderr
    assert out["posts"] == 80 + 6 + 5


def test_keys_of_the_issue(scanned):
    out = json.loads(scanned[1].stdout)
    # the copies are also a burst of 征地拆迁 in 萧山区
    assert {(a["type"], a["district"], a["start"]) for a in out["alerts"]} >= {("征地拆迁", "萧山区", "2025-06-20")}
    for a in out["alerts"]:
        assert {"type", "district", "start", "end", "count", "baseline", "score"} <= set(a)
    (c,) = out["clusters"]
    assert {"size", "district", "date", "ids", "risk", "summary"} <= set(c)
    # the six copies and the post they copy (a45, 2025-06-18, 西湖区)
    assert (c["size"], c["district"], c["date"]) == (7, "萧山区", "2025-06-18")
    assert sorted(c["ids"]) == ["a45"] + [f"c{k}" for k in range(6)]
    assert c["risk"] == "high"  # 几十户 (collective) and 去区政府 (petition)


def test_dates_districts_and_risk(scanned):
    out = json.loads(scanned[1].stdout)
    items = {it["id"]: it for it in out["items"]}
    assert [items[i]["date"] for i in ("d1", "d2", "d3")] == ["2025-06-03", "2025-06-04", "2025-06-05"]
    assert items["u1"]["district"] == "火星区" and items["u2"]["district"] == "未知"
    want = {f"a{i:02d}": level for i, (_, _, level, _) in enumerate(ROWS, 1)}
    assert {i: items[i]["risk"] for i in want} == want
    assert sum(out["risk"]["levels"].values()) == out["posts"]


def test_gbk_file(tmp_path):
    path = tmp_path / "posts_gbk.jsonl"
    lines = [json.dumps({"id": f"g{i}", "text": text, "date": "2025-06-01", "district": "西湖区"}, ensure_ascii=False)
             for i, (_, _, _, text) in enumerate(ROWS) if all(ord(ch) < 0x10000 for ch in text)]
    path.write_bytes(("\n".join(lines) + "\n").encode("gbk", errors="replace"))
    r = CliRunner().invoke(cli, ["scan", str(path), "--json", "--items"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["posts"] == len(lines) and out["skipped"] == []
    signals = {s["text"] for it in out["items"] for s in it["signals"]}
    assert {"扬言", "杀了她", "想死"} <= signals  # the text came through the decoding intact
    r = CliRunner().invoke(cli, ["classify", str(path), "--jsonl"])
    assert r.exit_code == 0, r.output
    got = [json.loads(line) for line in r.stdout.splitlines()]
    assert [g["id"] for g in got] == [json.loads(line)["id"] for line in lines]
    assert got[0]["type"] == "婚姻家庭" and got[0]["risk"]["level"] == "high"
