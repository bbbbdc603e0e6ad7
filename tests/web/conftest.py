"""A real workspace for the web tests: the bundled samples ingested, the graph and the index built."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def web_workspace(tmp_path_factory):
    pytest.importorskip("fastapi")
    from fazhi.corpora.loaders import ingest
    from fazhi.corpora.samples import sample_paths
    from fazhi.index.hybrid import build_index
    from fazhi.workspace import Workspace

    ws = Workspace(tmp_path_factory.mktemp("web") / "ws")
    store = ws.store()
    for name, (path, kind) in sample_paths().items():
        if path.exists():
            ingest([path], store, kind=kind)
    store.close()
    build_index(ws, kinds=["mediation"], model="use-m3")
    return ws


@pytest.fixture(scope="session")
def tokens(web_workspace):
    from fazhi.web.auth import UserStore

    users = UserStore.for_workspace(web_workspace)
    return {role: users.add(f"测试{role}", role) for role in ("mediator", "reviewer", "admin")}


@pytest.fixture(scope="session")
def client(web_workspace, tokens):
    from fastapi.testclient import TestClient

    from fazhi.web.app import create_app

    return TestClient(create_app(web_workspace))


def auth(token):
    return {"Authorization": f"Bearer {token}"}
