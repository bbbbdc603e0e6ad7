"""fazhi extract / fazhi mask through click's CliRunner on fazhi.cli.cli."""
import json

import pytest
from click.testing import CliRunner

from fazhi.cli import cli

TEXT = "原告张三借给被告李四人民币伍万元，约定2022年3月1日归还。依照《中华人民共和国民法典》第六百七十五条判决。"


@pytest.fixture()
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path / "home"))
    return CliRunner()


def test_extract_json_shape(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    r = runner.invoke(cli, ["extract", str(f), "--json", "--no-model"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert set(out) == {"entities", "citations"}
    for e in out["entities"]:
        assert set(e) == {"label", "text", "start", "end", "norm"}
        assert TEXT[e["start"]:e["end"]] == e["text"]
    assert {"label": "MONEY", "text": "人民币伍万元", "start": 10, "end": 16, "norm": 50000} in out["entities"]
    for c in out["citations"]:
        assert set(c) == {"text", "start", "end", "law", "article", "paragraph", "item"}


def test_extract_types_and_stdin(runner):
    r = runner.invoke(cli, ["extract", "-", "--json", "--types", "DATE", "--no-model"], input=TEXT)
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert [e["label"] for e in out["entities"]] == ["DATE"] and out["citations"] == []
    r = runner.invoke(cli, ["extract", "-", "--json", "--types", "NOPE"], input=TEXT)
    assert r.exit_code != 0 and "NOPE" in r.output


def test_extract_jsonl_in_order_with_bad_line(runner, tmp_path):
    f = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": f"借款{i}万元"}, ensure_ascii=False) for i in range(1, 6)]
    lines.insert(2, "{not json")
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = runner.invoke(cli, ["extract", str(f), "--jsonl", "--no-model", "--batch-size", "2"])
    assert r.exit_code == 2  # a bad line is reported, the batch goes on (exit 2, like ingest)
    rows = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert [row.get("id") for row in rows] == ["d1", "d2", None, "d3", "d4", "d5"]
    assert "error" in rows[2]
    assert [row["entities"][0]["norm"] for row in rows if "entities" in row] == [10000, 20000, 30000, 40000, 50000]


def test_extract_table(runner):
    r = runner.invoke(cli, ["extract", TEXT, "--no-model"])
    assert r.exit_code == 0 and "MONEY" in r.output and "人民币伍万元" in r.output


def test_mask_with_keep_map(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("被告人王某某、王某乙于2018年5月7日盗窃，王某某电话13812345678，身份证11010519491231002X。",
                 encoding="utf-8")
    m = tmp_path / "map.json"
    r = runner.invoke(cli, ["mask", str(f), "--keep-map", str(m), "--no-model"])
    assert r.exit_code == 0, r.output
    assert "13812345678" not in r.output and "11010519491231002X" not in r.output
    assert "13812345678" not in r.output
    mp = json.loads(m.read_text(encoding="utf-8"))
    assert {e["original"] for e in mp["mapping"]} >= {"13812345678", "11010519491231002X"}
    r2 = runner.invoke(cli, ["mask", str(f), "--no-model"])
    assert r2.output == r.output  # stable


def test_mask_json(runner):
    r = runner.invoke(cli, ["mask", "-", "--json", "--no-model"], input="原告张三，电话13812345678。")
    out = json.loads(r.output)
    assert set(out) == {"text", "mapping"} and "138****5678" in out["text"]


def test_commands_have_help(runner):
    for name in ("extract", "mask"):
        r = runner.invoke(cli, [name, "--help"])
        assert r.exit_code == 0 and "Example" in r.output


@pytest.mark.parametrize("command", ["extract", "mask"])
def test_missing_or_empty_file_is_an_error_not_text(runner, tmp_path, command):
    r = runner.invoke(cli, [command, str(tmp_path / "notes.txt"), "--no-model"])
    assert r.exit_code == 1 and "notes.txt: no such file" in r.output
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    r = runner.invoke(cli, [command, str(tmp_path / "empty.txt"), "--no-model"])
    assert r.exit_code == 1 and "empty.txt: empty file" in r.output
    for empty in (["", "--no-model"], ["-", "--no-model"]):  # no text in the argument or on stdin
        r = runner.invoke(cli, [command, *empty], input="")
        assert r.exit_code == 1 and "no text" in r.output
    # text that merely ends like a file name is still text
    r = runner.invoke(cli, [command, "依照《民法典》第五百七十七条.txt", "--no-model"])
    assert r.exit_code == 0, r.output


def test_extract_jsonl_reads_gbk(runner, tmp_path):
    f = tmp_path / "gbk.jsonl"
    f.write_bytes(json.dumps({"id": 7, "text": TEXT}, ensure_ascii=False).encode("gbk") + b"\n")
    r = runner.invoke(cli, ["extract", str(f), "--jsonl", "--no-model"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output.splitlines()[0])
    assert out["id"] == 7 and out["citations"][0]["article"] == 675


def test_extract_jsonl_reads_gbk_and_keeps_the_id_of_a_bad_line(runner, tmp_path):
    f = tmp_path / "gbk.jsonl"
    f.write_bytes(('{"id": "g1", "text": "借款人民币5万元，约定一年后归还"}\n{"id": "g2"}\n').encode("gbk"))
    r = runner.invoke(cli, ["extract", str(f), "--jsonl", "--no-model"])
    assert r.exit_code == 2
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows[0]["id"] == "g1" and rows[0]["entities"][0]["norm"] == 50000
    assert rows[1]["id"] == "g2" and "error" in rows[1]  # joinable on its id, not null


def test_extract_jsonl_bad_files_are_one_line_each(runner, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    for path, reason in ((empty, "empty file (no JSON lines)"), (tmp_path, "is a directory"),
                         (tmp_path / "missing.jsonl", "no such file")):
        r = runner.invoke(cli, ["extract", str(path), "--jsonl", "--no-model"])
        assert r.exit_code == 1 and r.stdout == "", (path, r.output)
        assert r.stderr.strip() == f"fazhi: error: {path}: {reason}"


def test_mask_keep_map_into_a_missing_directory_is_one_line(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    r = runner.invoke(cli, ["mask", str(f), "--no-model", "--keep-map", str(blocker / "map.json")])
    assert r.exit_code == 1 and not isinstance(r.exception, OSError)
    assert r.stderr.strip() == f"fazhi: error: {blocker / 'map.json'}: Not a directory"
