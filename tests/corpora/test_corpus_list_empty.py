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


def test_ingest_of_a_folder_with_scans_points_to_ocr(tmp_path):
    """A folder walk passes over images; the one line that says so names `fazhi ocr --store` for them."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "协议.txt").write_text("人民调解协议书\n双方自愿达成协议。", encoding="utf-8")
    (src / "扫描件.JPG").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 20)
    (src / "纪要.odt").write_bytes(b"PK\x03\x04 an OpenDocument text")  # (.rtf, the first example, is read now)
    r = CliRunner().invoke(cli, ["--home", str(tmp_path / "ws"), "ingest", str(src)])
    assert r.exit_code == 0, r.output
    (line,) = [x for x in r.stderr.splitlines() if x.startswith("skipped")]
    assert line.startswith("skipped 2 files") and line.endswith("; 1 of them images: `fazhi ocr FILE... --store` "
                                                                 "reads them")
    r = CliRunner().invoke(cli, ["--home", str(tmp_path / "ws2"), "ingest", str(src / "协议.txt"),
                                 str(src / "纪要.odt")])
    assert "images" not in r.stderr
