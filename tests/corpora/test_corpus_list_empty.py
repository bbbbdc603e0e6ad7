"""`fazhi corpus list` that matches nothing says so on stderr (before: no output at all, not even a header)."""
import json

from click.testing import CliRunner

from fazhi.cli import cli


def test_list_matching_nothing_says_so(tmp_path):
    from fazhi.document import Document
    from fazhi.workspace import Workspace

    w = Workspace(tmp_path / "ws")
    store = w.store()
    list(store.add_many([Document(text="楼上漏水不肯赔", id="p1", kind="other")]))
    store.close()
    r = CliRunner().invoke(cli, ["--home", str(w.home), "corpus", "list", "--kind", "post"])
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.startswith("no documents with kind post in ") and r.stderr.strip().endswith("store.sqlite")
    r = CliRunner().invoke(cli, ["--home", str(w.home), "corpus", "list", "--kind", "post", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == [] and r.stderr == ""
    r = CliRunner().invoke(cli, ["--home", str(w.home), "corpus", "list"])
    assert r.stdout.splitlines()[1].startswith("p1\tother")
