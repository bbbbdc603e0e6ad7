"""CLI: fazhi check / graph build|stats|export|impact / review, with exit codes and JSON shapes."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "graph"
SAMPLES = Path(__file__).resolve().parents[2] / "fazhi" / "corpora" / "data" / "laws"


def run(home, *args):
    return CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)


def test_check_exit_codes(graph_home, tmp_path):
    r = run(graph_home, "check", str(FIXTURES / "draft_all_codes.txt"), "--json")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert set(out) >= {"kind", "date", "findings"}
    assert out["kind"] == "规范性文件"
    assert {"CITE_REPEALED", "CITE_NO_SUCH_ARTICLE"} <= {f["code"] for f in out["findings"]}
    r = run(graph_home, "check", str(FIXTURES / "draft_clean.txt"), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["findings"] == []
    r = run(graph_home, "check", str(tmp_path / "missing.txt"))
    assert r.exit_code == 2 and "missing.txt" in r.stderr
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    r = run(graph_home, "check", str(binary))
    assert r.exit_code == 2 and "x.txt" in r.stderr
    r = run(graph_home, "check", str(FIXTURES / "draft_clean.txt"), "--date", "2024/1/1")
    assert r.exit_code == 2
    for bad in ("2024-13-45", "2024-02-30"):  # the right shape, not a date
        r = run(graph_home, "check", str(FIXTURES / "draft_clean.txt"), "--date", bad)
        assert r.exit_code == 2 and bad in r.stderr


def test_check_kind_and_date_options(graph_home):
    r = run(graph_home, "check", str(FIXTURES / "draft_basis.txt"), "--kind", "行政法规", "--date", "2025-01-01",
            "--json")
    out = json.loads(r.stdout)
    assert r.exit_code == 1 and out["kind"] == "行政法规" and out["date"] == "2025-01-01"
    assert [f["code"] for f in out["findings"]] == ["BASIS_LOWER_RANK"]


def test_check_text_output(graph_home):
    r = run(graph_home, "check", str(FIXTURES / "draft_all_codes.txt"))
    assert r.exit_code == 1
    assert "CITE_REPEALED" in r.stdout and "建议" in r.stdout and "第7行" in r.stdout


def test_check_without_graph_uses_bundled_samples(tmp_path):
    r = run(tmp_path / "home", "check", str(FIXTURES / "draft_all_codes.txt"))
    assert r.exit_code == 1
    assert "bundled law samples" in r.stderr


def test_graph_build_stats_export_impact(tmp_path):
    home = tmp_path / "home"
    r = run(home, "graph", "build", str(SAMPLES), "--json", "--workers", "1")
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["documents"] == 52 and s["repeal_clauses"] >= 9
    assert (home / "graph" / "registry.pkl").exists()
    r = run(home, "graph", "stats", "--json")
    st = json.loads(r.stdout)
    assert st["laws_by_rank"]["法律"] >= 20 and st["edges_by_type"]["repeals"] >= 9
    for fmt in ("graphml", "gexf", "json"):
        out = tmp_path / f"g.{fmt}"
        r = run(home, "graph", "export", "--format", fmt, str(out))
        assert r.exit_code == 0 and out.stat().st_size > 1000
    import networkx as nx

    g = nx.read_graphml(tmp_path / "g.graphml")
    assert "中华人民共和国民法典" in g
    r = run(home, "graph", "impact", "合同法", "--json")
    imp = json.loads(r.stdout)
    assert imp["target"] == "中华人民共和国合同法" and imp["status"] == "已废止"
    civil = [d for d in imp["direct"] if d["title"] == "中华人民共和国民法典"]
    assert civil and 1260 in civil[0]["articles"]
    r = run(home, "graph", "impact", "不存在的法律名称")
    assert r.exit_code == 1 and "not in the law registry" in r.stderr
    r = run(home, "graph", "impact", "合同法", "--article", "0")
    assert r.exit_code == 2 and "--article" in r.stderr


def test_graph_commands_without_build(tmp_path):
    r = run(tmp_path / "empty", "graph", "stats")
    assert r.exit_code == 1 and "fazhi graph build" in r.stderr


def test_graph_build_from_store(tmp_path):
    home = tmp_path / "home"
    r = run(home, "ingest", str(SAMPLES))
    assert r.exit_code == 0, r.output
    r = run(home, "graph", "build", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["documents"] == 52
    r = run(home, "graph", "impact", "人民调解法", "--json")
    titles = {d["title"] for d in json.loads(r.stdout)["direct"]}
    assert "宁波市人民调解条例" in titles


def test_review_cli(graph_home, tmp_path):
    html = tmp_path / "r.html"
    r = run(graph_home, "review", str(FIXTURES / "filings.csv"), "--json", "--html", str(html))
    assert r.exit_code == 2, r.output  # the fixture's row 7 has a bad date: reviewed without it, named, exit 2
    out = json.loads(r.stdout)
    o = out["overall"]
    assert o["should_file"] == 5 and o["filed"] == 4
    assert o["timely"] == 3  # 考核办法 filed on day 70; 养犬管理规定 never filed
    assert o["compliant"] == 2  # 物业管理办法 has error findings; 考核办法 lacks materials
    assert out["by_quarter"]["2024Q1"]["should_file"] == 3
    assert out["by_issuer"]["某区司法局"]["timely_rate"] == 0.5
    assert {x["title"] for x in out["late"]} == {"某区人民调解工作考核办法", "某市养犬管理规定"}
    assert [p["line"] for p in out["problems"]] == [7]
    assert f"{FIXTURES / 'filings.csv'}:7: 某市数据开放办法: bad date" in r.stderr
    assert len(out["checked"]) == 2
    assert "备案审查统计" in html.read_text(encoding="utf-8")
    r = run(graph_home, "review", str(tmp_path / "none.csv"))
    assert r.exit_code == 2


def test_help_has_examples():
    for args in (["check", "--help"], ["review", "--help"], ["graph", "--help"], ["graph", "impact", "--help"],
                 ["graph", "build", "--help"], ["graph", "export", "--help"], ["graph", "stats", "--help"]):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 0 and "Example" in r.output


def test_check_reads_docx(graph_home, tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in (FIXTURES / "draft_all_codes.txt").read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    path = tmp_path / "draft.docx"
    d.save(path)
    r = run(graph_home, "check", str(path), "--json")
    assert r.exit_code == 1, r.output
    codes = {f["code"] for f in json.loads(r.stdout)["findings"]}
    assert {"CITE_REPEALED", "NORMATIVE_SETS_PENALTY", "INTERNAL_REF_MISSING"} <= codes


def test_graph_build_names_a_missing_folder(tmp_path):
    r = run(tmp_path / "home", "graph", "build", str(SAMPLES), str(tmp_path / "no-such-folder"))
    assert r.exit_code == 1 and r.stdout == ""
    # before: the samples were built and saved as the registry, the mistyped folder silently left out
    assert r.stderr == f"fazhi: error: {tmp_path / 'no-such-folder'}: no such file or directory\n"
    assert not (tmp_path / "home" / "graph").exists()


def test_review_bad_paths_are_one_line(graph_home, tmp_path):
    r = run(graph_home, "review", str(tmp_path))
    assert r.exit_code == 2 and r.stderr == f"fazhi: error: {tmp_path}: is a directory\n"
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    r = run(graph_home, "review", str(FIXTURES / "filings.csv"), "--html", str(blocker / "r.html"))
    assert r.exit_code == 1  # before: a FileNotFoundError/NotADirectoryError traceback
    assert r.stderr == f"fazhi: error: {blocker / 'r.html'}: Not a directory\n"


def test_impact_of_an_inserted_article(tmp_path):
    from test_graph_subarticles import CITING_133, CITING_133_1, CRIMINAL_LAW

    laws = tmp_path / "laws"
    laws.mkdir()
    for name, text in (("刑法", CRIMINAL_LAW), ("道路", CITING_133), ("行车", CITING_133_1)):
        (laws / f"{name}.md").write_text(text, encoding="utf-8")
    home = tmp_path / "home"
    assert run(home, "graph", "build", str(laws), "--workers", "1").exit_code == 0
    r = run(home, "graph", "impact", "刑法", "--article", "133之一")
    assert r.exit_code == 0, r.output
    # before: --article took only a number, and the text said 第5之一条
    assert r.stdout.splitlines() == ["《中华人民共和国刑法》第133条之一: 1 law cites it directly (1 article), 0 more transitively",
                                     "  某市文明行车规定 (2021-01-01) 第5条之一，引用第133条之一"]
    r = run(home, "graph", "impact", "刑法", "--article", "133", "--json")
    assert [d["title"] for d in json.loads(r.stdout)["direct"]] == ["某省道路交通安全条例"]
    for bad in ("0", "133之", "之一"):
        r = run(home, "graph", "impact", "刑法", "--article", bad)
        assert r.exit_code == 2 and "--article" in r.stderr, bad
