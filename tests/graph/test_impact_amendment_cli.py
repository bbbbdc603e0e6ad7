"""`fazhi graph impact --amendment FILE`: the cleanup list of an amendment as issued, from the CLI."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "fazhi" / "corpora" / "data" / "laws"
FIX = ROOT / "tests" / "fixtures" / "graph" / "impact_audit"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    from fazhi.cli import cli

    h = str(tmp_path_factory.mktemp("impact_home"))
    laws = [SAMPLES / "诉讼与非诉讼程序法" / "人民调解法(2010-08-28).md", SAMPLES / "行政法" / "治安管理处罚法(2012-10-26).md"]
    res = CliRunner().invoke(cli, ["--home", h, "graph", "build", *map(str, laws), str(FIX / "docs")])
    assert res.exit_code == 0, res.output
    return h


def _run(home, *args, **kw):
    from fazhi.cli import cli

    return CliRunner().invoke(cli, ["--home", home, "graph", "impact", *args], **kw)


def test_a_decision_lists_the_citations_it_touches_with_their_new_numbers(home):
    res = _run(home, "--amendment", str(FIX / "amendments" / "01_tiaojie_jueding.txt"))
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("《中华人民共和国人民调解法》(2010-08-28) 修改第12条；删去第20条；新增第31条: 3 documents")
    assert "  某县矛盾纠纷多元化解工作办法 (2021-10-08): 第20条删去；第26条序号调整（修改后为第25条）" in lines
    out = json.loads(_run(home, "--amendment", str(FIX / "amendments" / "01_tiaojie_jueding.txt"), "--json").stdout)
    law = out["laws"][0]
    assert law["changes"]["deleted"] == [20] and law["counts"] == {"direct": 3, "citations": 8, "not_affected": 3}


def test_stdin_and_the_errors(home):
    text = (FIX / "amendments" / "12_zhian_hebing.txt").read_text("utf-8")
    res = _run(home, "--amendment", "-", "--json", input=text)
    assert res.exit_code == 0 and json.loads(res.stdout)["laws"][0]["target"] == "中华人民共和国治安管理处罚法"
    res = _run(home, "--amendment", "-", input="今天天气很好")
    assert res.exit_code == 1 and "no amended law found" in res.output
    res = _run(home, "人民调解法", "--amendment", "-", input=text)
    assert res.exit_code == 2 and "not both" in res.output
    res = _run(home, "--amendment", str(FIX / "no_such_file.txt"))
    assert res.exit_code != 0 and "no_such_file.txt" in res.output
    assert _run(home).exit_code == 2  # neither TITLE nor --amendment
