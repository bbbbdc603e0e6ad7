"""The index without the st extra: packaged encoders take the direct path, a local model directory says
to install ``fazhi[st]``, and nothing on the index path imports sentence-transformers or torch."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from fazhi.errors import ModelUnavailable
from fazhi.index.embed import Encoder

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ["楼上卫生间漏水，楼下天花板受损", "甲向乙借款五万元，到期未还"]
HEAVY = ("sentence_transformers", "torch", "transformers")


@pytest.fixture
def no_st(monkeypatch):
    """sentence-transformers, torch and transformers as if not installed (a None entry fails the import)."""
    for name in HEAVY:
        monkeypatch.setitem(sys.modules, name, None)


def _extras() -> dict:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXTRAS" for t in node.targets):
            extras = ast.literal_eval(node.value)
            extras["all"] = sorted({d for n, deps in extras.items() if n != "test" for d in deps})
            return extras
    raise AssertionError("no EXTRAS in setup.py")


def test_index_extra_brings_no_torch():
    extras = _extras()
    names = lambda deps: {d.split(">")[0].split("=")[0].split("<")[0] for d in deps}  # noqa: E731
    assert not names(extras["index"]) & {"sentence-transformers", "torch", "transformers"}
    assert {"sentence-transformers", "torch"} <= names(extras["st"])
    assert {"sentence-transformers", "torch"} <= names(extras["all"])  # CI, make demo and make test keep them


def test_packaged_encoder_falls_back_to_direct_path(no_st):
    enc = Encoder("use-m3")  # the default asks for the SentenceTransformer model
    assert not enc.use_st
    v = enc.encode_passages(TEXTS)
    assert v.shape == (2, 512)
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    assert np.array_equal(v, Encoder("use-m3", use_st=False).encode_passages(TEXTS))


def test_local_model_directory_names_the_extra(no_st, tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "modules.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ModelUnavailable, match=r"pip install 'fazhi\[st\]'") as e:
        Encoder(str(tmp_path / "m")).encode_passages(["x"])
    assert "\n" not in str(e.value)
    # a directory that does not exist is still that, whatever is installed
    with pytest.raises(ModelUnavailable, match="not a packaged encoder"):
        Encoder(str(tmp_path / "nothing")).encode_passages(["x"])


def test_cli_local_model_directory_one_line(no_st, tmp_path):
    from fazhi.cli import cli
    from fazhi.workspace import Workspace

    ws = Workspace(tmp_path / "home")
    from fazhi.document import Document

    store = ws.store()
    list(store.add_many([Document(id="d1", title="漏水纠纷", text=TEXTS[0], kind="mediation")]))
    store.close()
    (tmp_path / "m").mkdir()
    r = CliRunner().invoke(cli, ["--home", str(ws.home), "index", "build", "--model", str(tmp_path / "m")])
    assert r.exit_code == 1, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'fazhi[st]'" in lines[0], r.stderr


SCRIPT = r"""
import json, sys
for name in %r:
    sys.modules[name] = None  # as if not installed: any import of them fails
from fazhi.cli import cli
try:
    rc = cli(sys.argv[1:], standalone_mode=False)  # a handled error returns its exit code
finally:
    print(json.dumps(sorted(m for m in %r if sys.modules.get(m) is not None)), file=sys.stderr)
sys.exit(rc if isinstance(rc, int) else 0)
"""


def _run(home, *args):
    p = subprocess.run([sys.executable, "-c", SCRIPT % (HEAVY, HEAVY), "--home", str(home), *args],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stderr.strip().splitlines()[-1]) == []  # nothing imported them
    return p.stdout


def test_build_and_search_without_st(tmp_path, mediation_docs):
    from fazhi.workspace import Workspace

    ws = Workspace(tmp_path / "home")
    store = ws.store()
    list(store.add_many(mediation_docs[:6]))
    store.close()
    built = json.loads(_run(ws.home, "index", "build", "--json"))
    assert built["added"] == 6 and built["encoder"] == "use-m3"
    found = json.loads(_run(ws.home, "search", "楼上漏水把天花板泡坏了", "-k", "3", "--json"))
    assert len(found["hits"]) == 3
    assert {h["doc_id"] for h in found["hits"]} <= {d.id for d in mediation_docs[:6]}
