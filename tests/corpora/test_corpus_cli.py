"""The ingest and corpus commands through the real entry point (a subprocess running `fazhi`)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.cli import cli

FAZHI = [sys.executable, "-m", "fazhi"]


def run(home, *args, input=None):
    return subprocess.run([*FAZHI, "--home", str(home), *args], capture_output=True, text=True, input=input,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))


@pytest.fixture
def src(tmp_path):
    d = tmp_path / "src"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("人民调解协议书\n申请人张某与被申请人李某因相邻通行发生纠纷。", encoding="utf-8")
    (d / "sub" / "b.txt").write_bytes("关于物业纠纷的情况说明\n小区电梯长期故障。".encode("gbk"))
    return d


def test_ingest_exit_codes_and_counts(tmp_path, src):
    home = tmp_path / "home"
    r = run(home, "ingest", str(src), "--kind", "mediation", "--region", "西湖区")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("added 2, updated 0, unchanged 0, failed 0")
    (src / "bad.txt").write_bytes(b"")
    r = run(home, "ingest", str(src), "--json")
    assert r.returncode == 2
    out = json.loads(r.stdout)
    assert (out["added"], out["unchanged"], out["failed"]) == (0, 2, 1)
    assert out["failures"][0]["file"].endswith("bad.txt") and "empty" in out["failures"][0]["reason"]
    r = run(home, "ingest", str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and "nope.txt: no such file" in r.stderr


def test_corpus_stats_list_show_export_import(tmp_path, src):
    home = tmp_path / "home"
    assert run(home, "ingest", str(src), "--kind", "mediation").returncode == 0
    stats = json.loads(run(home, "corpus", "stats", "--json").stdout)
    assert stats["documents"] == 2 and stats["by_kind"] == {"mediation": 2}
    rows = json.loads(run(home, "corpus", "list", "--json").stdout)
    assert {r["title"] for r in rows} == {"人民调解协议书", "关于物业纠纷的情况说明"}
    shown = run(home, "corpus", "show", rows[0]["id"])
    assert shown.returncode == 0 and rows[0]["title"] in shown.stdout
    missing = run(home, "corpus", "show", "doc-nope")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "doc-nope" in missing.stderr
    exported = run(home, "corpus", "export").stdout
    assert len(exported.splitlines()) == 2
    f = tmp_path / "e.jsonl"
    f.write_text(exported, encoding="utf-8")
    home2 = tmp_path / "home2"
    r = run(home2, "corpus", "import", str(f))
    assert r.returncode == 0 and "added 2" in r.stdout
    assert run(home2, "corpus", "export").stdout == exported


def test_corpus_export_all_versions_round_trip(tmp_path, src):
    home = tmp_path / "home"
    assert run(home, "ingest", str(src), "--kind", "mediation").returncode == 0
    (src / "a.txt").write_text("人民调解协议书\n申请人张某与被申请人李某因相邻通行发生纠纷，已达成协议。", encoding="utf-8")
    assert "updated 1" in run(home, "ingest", str(src), "--kind", "mediation").stdout
    assert len(run(home, "corpus", "export").stdout.splitlines()) == 2  # current versions only
    lines = [json.loads(x) for x in run(home, "corpus", "export", "--all-versions").stdout.splitlines()]
    assert len(lines) == 3 and sorted(x["version"] for x in lines) == [1, 1, 2]
    old = next(x for x in lines if x["valid_to"])
    assert "已达成协议" not in old["text"]
    f = tmp_path / "all.jsonl"
    f.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    home2 = tmp_path / "home2"
    assert run(home2, "corpus", "import", str(f)).returncode == 0
    again = [json.loads(x) for x in run(home2, "corpus", "export", "--all-versions").stdout.splitlines()]
    assert [(x["id"], x["version"], x["text"]) for x in again] == [(x["id"], x["version"], x["text"]) for x in lines]
    both = run(home, "corpus", "export", "--all-versions", "--shareable")
    assert both.returncode != 0 and both.stderr.count("\n") == 1 and "cannot be combined" in both.stderr


def test_home_from_environment(tmp_path, src):
    runner = CliRunner()
    res = runner.invoke(cli, ["ingest", str(src)], env={"FAZHI_HOME": str(tmp_path / "envhome")})
    assert res.exit_code == 0, res.output
    assert (tmp_path / "envhome" / "store.sqlite").exists()


def test_help_lists_commands_and_every_command_has_help():
    runner = CliRunner()
    res = runner.invoke(cli, ["--help"])
    assert res.exit_code == 0 and "ingest" in res.output and "corpus" in res.output
    import click

    def walk(group, path):
        for name in group.list_commands(None):
            cmd = group.get_command(None, name)
            sub = runner.invoke(cli, [*path, name, "--help"])
            assert sub.exit_code == 0, (path, name, sub.output)
            assert cmd.help, f"`fazhi {' '.join(path + [name])}` has no help"
            if isinstance(cmd, click.Group):
                walk(cmd, path + [name])
            else:
                assert "Example" in sub.output, f"`fazhi {' '.join(path + [name])} --help` has no Example"

    walk(cli, [])


def test_ingest_says_which_files_it_skipped(tmp_path, src):
    """Files of an unsupported type in a folder (.odt, .ppt) were passed over in silence unless --json
    was given, so a clerk could not tell that part of the folder was never read. (.rtf, this test's first
    example, is read since audit 3; .xls, its second, since LibreOffice converts it.)"""
    (src / "sub" / "会议纪要.odt").write_bytes(b"PK\x03\x04 an OpenDocument text")
    (src / "汇报.ppt").write_bytes(b"\xd0\xcf\x11\xe0")
    r = run(tmp_path / "home", "ingest", str(src))
    assert r.returncode == 0, r.stderr
    line = [x for x in r.stderr.splitlines() if x.startswith("skipped")]
    assert len(line) == 1 and line[0].startswith("skipped 2 files")
    assert "会议纪要.odt" in line[0] and "汇报.ppt" in line[0]


def test_corpus_import_reads_gbk_and_stdin_and_refuses_an_empty_file(tmp_path, src):
    home = tmp_path / "home"
    assert run(home, "ingest", str(src), "--kind", "mediation").returncode == 0
    exported = run(home, "corpus", "export").stdout
    gbk = tmp_path / "gbk.jsonl"
    gbk.write_bytes(exported.encode("gbk"))  # e.g. re-saved by a spreadsheet or editor on Windows
    r = run(tmp_path / "home2", "corpus", "import", str(gbk))
    assert r.returncode == 0 and "added 2" in r.stdout, r.stderr  # before: a UnicodeDecodeError traceback
    assert run(tmp_path / "home2", "corpus", "export").stdout == exported
    r = run(tmp_path / "home3", "corpus", "import", "-", input=exported)
    assert r.returncode == 0 and "added 2" in r.stdout, r.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    r = run(tmp_path / "home4", "corpus", "import", str(empty))
    assert r.returncode == 2 and r.stdout == ""  # before: "added 0 …" and exit 0, as if all was well
    assert r.stderr == f"fazhi: error: {empty}: empty file (no JSON lines)\n"
    binary = tmp_path / "junk.jsonl"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    r = run(tmp_path / "home4", "corpus", "import", str(binary))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and str(binary) in r.stderr and "binary" in r.stderr


def test_reingest_without_kind_keeps_the_kind_given_before(tmp_path):
    src = tmp_path / "posts"
    src.mkdir()
    f = src / "帖子.txt"
    f.write_text("小区电梯坏了一个月没人修，物业不管。", encoding="utf-8")  # guessed: other
    home = tmp_path / "home"
    assert run(home, "ingest", str(src), "--kind", "post").returncode == 0
    # unchanged, then changed: the kind given first stays (before: reset to the guess, other)
    assert "unchanged 1" in run(home, "ingest", str(src)).stdout
    assert [r["kind"] for r in json.loads(run(home, "corpus", "list", "--json").stdout)] == ["post"]
    f.write_text("小区电梯坏了一个月没人修，物业不管，老人只能爬楼。", encoding="utf-8")
    assert "updated 1" in run(home, "ingest", str(src)).stdout
    assert [r["kind"] for r in json.loads(run(home, "corpus", "list", "--json").stdout)] == ["post"]
    # a kind given again still wins
    assert run(home, "ingest", str(src), "--kind", "other").returncode == 0
    assert [r["kind"] for r in json.loads(run(home, "corpus", "list", "--json").stdout)] == ["other"]
