"""`fazhi search --kind K` on an index built for other kinds only: "no hits" says why and what to run."""
from __future__ import annotations

from click.testing import CliRunner

from fazhi.cli import cli


def test_search_of_a_kind_the_index_does_not_hold_says_so(tmp_path, mediation_docs):
    from fazhi.document import Document
    from fazhi.workspace import Workspace

    w = Workspace(tmp_path / "ws")
    store = w.store()
    list(store.add_many(mediation_docs[:5] + [Document(text="楼上邻居家卫生间漏水，把我家天花板泡坏了", id="p1",
                                                        kind="post", published="2025-03-01")]))
    store.close()
    runner = CliRunner()
    r = runner.invoke(cli, ["--home", str(w.home), "index", "build", "--kind", "mediation", "--json"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--home", str(w.home), "search", "卫生间漏水", "--kind", "post"])
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.strip() == ("no hits: the index holds only mediation documents (`fazhi index build "
                                "--kind mediation --kind post` or `--kind all` adds the others)")
    # a kind the index holds, with nothing matching the filters: plain "no hits"
    r = runner.invoke(cli, ["--home", str(w.home), "search", "卫生间漏水", "--kind", "mediation",
                            "--filter", "region=不存在的地方"])
    assert r.exit_code == 0 and r.stderr.strip() == "no hits"
