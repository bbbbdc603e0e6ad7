"""One rule for every batch command (the ingest rule): finish the batch, write every good result, name each bad
item on stderr in one line (file, line or row, reason), and exit 2 when any item failed, 0 when all were read.
JSON-lines error rows are {"id": the line's own id or null, "line": N, ..., "error": "FILE:N: reason"}.

Each test runs the real command (CliRunner) on real files in tmp_path with one bad item in a batch."""
from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
LAWS = Path(str(files("fazhi.corpora") / "data" / "laws"))


def run(home, *args, input=None):
    return CliRunner().invoke(cli, ["--home", str(home), *args], input=input)


def err_lines(r) -> list[str]:
    return [line for line in r.stderr.splitlines() if line.strip()]


def test_ingest_a_bad_file_in_a_batch_is_named_on_stderr_also_with_json(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("某区人民调解委员会受理邻里纠纷一件。", encoding="utf-8")
    bad.write_bytes(bytes(range(256)) * 4)
    r = run(tmp_path / "ws", "ingest", str(good), str(bad), "--json")
    assert r.exit_code == 2, r.output
    out = json.loads(r.stdout)
    assert out["added"] == 1 and [f["file"] for f in out["failures"]] == [str(bad)]
    assert [line for line in err_lines(r) if str(bad) in line] == [f"failed: {bad}: {out['failures'][0]['reason']}"]
    assert json.loads(run(tmp_path / "ws", "corpus", "stats", "--json").stdout)["documents"] == 1


def test_corpus_import_a_bad_line_is_named_on_stderr_also_with_json(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "甲乙借款纠纷"}\nnot json\n', encoding="utf-8")
    r = run(tmp_path / "ws", "corpus", "import", str(f), "--json")
    assert r.exit_code == 2, r.output
    out = json.loads(r.stdout)
    assert out["added"] == 1 and len(out["errors"]) == 1 and out["errors"][0].startswith(f"{f}:2: ")
    assert err_lines(r) == [f"failed: {out['errors'][0]}"]


def test_corpus_delete_goes_on_past_an_unknown_id(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "甲乙借款纠纷"}\n{"id": "b", "text": "物业费纠纷"}\n', encoding="utf-8")
    assert run(tmp_path / "ws", "corpus", "import", str(f)).exit_code == 0
    r = run(tmp_path / "ws", "corpus", "delete", "a", "nope", "b")
    assert r.exit_code == 2, r.output  # before: 1, like a failure of the whole command
    assert r.stdout.strip() == "deleted 2"
    assert len(err_lines(r)) == 1 and err_lines(r)[0].startswith("fazhi: error: nope: not in the store")
    assert json.loads(run(tmp_path / "ws", "corpus", "stats", "--json").stdout)["documents"] == 0


@pytest.mark.parametrize("command", [["extract", "--no-model"], ["classify"]])
def test_jsonl_error_rows_are_the_same_everywhere(tmp_path, command):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "朋友借了我五万元，到期一直不还"}\n{"text": oops}\n{"id": "c"}\n'
                 '{"text": "楼上邻居半夜跺脚"}\n', encoding="utf-8")
    name, *opts = command
    r = run(tmp_path / "ws", name, str(f), "--jsonl", *opts)
    assert r.exit_code == 2, r.output  # before: 1
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["a", None, "c", 4]  # a good line without an id: its line number
    for row, n in ((rows[1], 2), (rows[2], 3)):
        assert set(row) == {"id", "line", "error"} and row["line"] == n and row["error"].startswith(f"{f}:{n}: ")
    assert "error" not in rows[0] and "error" not in rows[3]
    assert err_lines(r) == [f"fazhi: error: {rows[1]['error']}", f"fazhi: error: {rows[2]['error']}"]


def test_classify_train_writes_the_model_and_exits_2_for_a_bad_line(tmp_path):
    src = tmp_path / "t.jsonl"
    rows = [{"text": f"第{i}次停水停电", "labels": ["水电"]} for i in range(8)]
    rows += [{"text": f"第{i}只狗整夜乱叫", "labels": ["宠物"]} for i in range(8)]
    lines = [json.dumps(x, ensure_ascii=False) for x in rows]
    lines.insert(3, "{bad")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    model = tmp_path / "m.joblib"
    r = run(tmp_path / "ws", "classify", "train", str(src), "--out", str(model), "--json")
    assert r.exit_code == 2, r.output  # before: 0
    assert model.exists() and json.loads(r.stdout)["examples"] == 16
    assert len(err_lines(r)) == 1 and err_lines(r)[0].startswith(f"fazhi: error: {src}:4: ")


def test_scan_exits_2_for_a_bad_post_or_case_line_and_still_writes_the_report(tmp_path):
    posts = tmp_path / "posts.jsonl"
    good = (files("fazhi.corpora") / "data" / "posts.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    posts.write_text("\n".join(good[:20] + ['{"id": "x", "text": "没有日期"}'] + good[20:]) + "\n", encoding="utf-8")
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "c1", "facts": "张某与李某邻里纠纷"}\nnot json\n', encoding="utf-8")
    report = tmp_path / "r.html"
    r = run(tmp_path / "ws", "scan", str(posts), "--cases", str(cases), "--report", str(report), "--json")
    assert r.exit_code == 2, r.output  # before: 0
    out = json.loads(r.stdout)
    assert out["posts"] == 40 and report.exists()
    assert [s.split(": ")[0] for s in out["skipped"]] == [f"{posts}:21", f"{cases}:2"]
    assert [line for line in err_lines(r) if line.startswith("fazhi: error:")] == \
        [f"fazhi: error: {s}" for s in out["skipped"]]


def test_scan_without_a_bad_line_exits_0(tmp_path):
    posts = tmp_path / "posts.jsonl"
    good = (files("fazhi.corpora") / "data" / "posts.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    posts.write_text("\n".join(good) + "\n", encoding="utf-8")
    r = run(tmp_path / "ws", "scan", str(posts), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["skipped"] == []


def test_graph_build_saves_the_graph_and_exits_2_for_an_unreadable_file(tmp_path):
    src = tmp_path / "laws"
    src.mkdir()
    for name in ("行政处罚法(2021-01-22).md", "行政强制法(2011-06-30).md"):
        shutil.copy(LAWS / "行政法" / name, src / name)
    (src / "junk.md").write_bytes(b"\x00\x01\x02" * 100)
    r = run(tmp_path / "ws", "graph", "build", str(src), "--json")
    assert r.exit_code == 2, r.output  # before: 0
    out = json.loads(r.stdout)
    assert out["documents"] == 2 and [e["file"] for e in out["errors"]] == [str(src / "junk.md")]
    assert err_lines(r) == [f"failed: {src / 'junk.md'}: {out['errors'][0]['reason']}"]  # also with --json
    assert run(tmp_path / "ws", "graph", "stats", "--json").exit_code == 0  # the graph was saved


def test_check_of_a_jsonl_checks_the_good_rows_and_exits_2_for_a_bad_one(tmp_path):
    text = (FIXTURES / "graph" / "draft_clean.txt").read_text(encoding="utf-8")
    f = tmp_path / "drafts.jsonl"
    f.write_text(json.dumps({"id": "d1", "title": "通知", "text": text}, ensure_ascii=False) + "\n{oops\n",
                 encoding="utf-8")
    r = run(tmp_path / "ws", "check", str(f), "--json")
    assert r.exit_code == 2, r.output  # before: 2 as well, but with nothing checked (the first bad row stopped it)
    out = json.loads(r.stdout)
    assert "findings" in out and not [x for x in out["findings"] if x["severity"] == "error"]
    assert [line for line in err_lines(r) if line.startswith("fazhi: error:")][0].startswith(f"fazhi: error: {f}:2: ")


def test_check_of_a_clean_file_still_exits_0_and_an_error_finding_1(tmp_path):
    ok = run(tmp_path / "ws", "check", str(FIXTURES / "graph" / "draft_clean.txt"), "--json")
    assert ok.exit_code == 0, ok.output
    bad = run(tmp_path / "ws", "check", str(FIXTURES / "graph" / "draft_all_codes.txt"), "--json")
    assert bad.exit_code == 1, bad.output


def test_review_names_a_bad_row_by_file_and_line_and_exits_2(tmp_path):
    f = tmp_path / "filings.csv"
    f.write_text("title,issuer,kind,published,filed,materials\n"
                 "某市停车管理办法,某市人民政府,地方政府规章,2024-06-01,2024-06-28,是\n"
                 "某市数据开放办法,某市人民政府,地方政府规章,2024-07-01,not-a-date,是\n", encoding="utf-8")
    r = run(tmp_path / "ws", "review", str(f), "--json", "--as-of", "2024-12-31")
    assert r.exit_code == 2, r.output  # before: 0
    out = json.loads(r.stdout)
    assert out["overall"]["filed"] == 1 and [p["line"] for p in out["problems"]] == [3]
    assert err_lines(r) == [f"无法处理: {f}:3: 某市数据开放办法: {out['problems'][0]['reason']}"]
    f.write_text("\n".join(f.read_text(encoding="utf-8").splitlines()[:2]) + "\n", encoding="utf-8")
    assert run(tmp_path / "ws", "review", str(f), "--json", "--as-of", "2024-12-31").exit_code == 0


def test_a_whole_command_failure_is_one_line_and_a_usage_error_2(tmp_path):
    missing = tmp_path / "missing.jsonl"
    r = run(tmp_path / "ws", "classify", str(missing), "--jsonl")
    assert r.exit_code == 1 and r.stdout == "" and err_lines(r) == [f"fazhi: error: {missing}: no such file"]
    assert run(tmp_path / "ws", "ingest").exit_code == 2  # click: missing argument


def test_scan_store_names_a_stored_post_without_a_date_and_exits_2(tmp_path):
    from fazhi.document import Document
    from fazhi.workspace import Workspace

    store = Workspace(tmp_path / "ws").store()
    rows = [json.loads(line) for line in
            (files("fazhi.corpora") / "data" / "posts.jsonl").read_text(encoding="utf-8").splitlines()[:30]]
    list(store.add_many([Document(text=p["text"], id=p["id"], kind="post", published=p["date"], region=p["district"])
                         for p in rows] + [Document(text="小区门口乱停车", id="undated", kind="post")], dedup=False))
    store.close()
    r = run(tmp_path / "ws", "scan", "--store", "--json")
    assert r.exit_code == 2, r.output  # before: 0
    out = json.loads(r.stdout)
    assert out["posts"] == 30 and [s.split(": ")[0] for s in out["skipped"]] == ["undated"]
    assert [line for line in err_lines(r) if line.startswith("fazhi: error:")] == [f"fazhi: error: {out['skipped'][0]}"]
