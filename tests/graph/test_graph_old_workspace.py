"""A workspace graph built by an older fazhi (no 款/项 structure, no article signatures) is still used, and the user
is told which checks it cannot run until ``fazhi graph build`` runs again (they were skipped without a word)."""
from __future__ import annotations

import logging


def test_old_workspace_graph_is_named(tmp_path, caplog):
    from fazhi.graph.queries import workspace_registry
    from fazhi.graph.registry import Registry
    from fazhi.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    old = Registry()
    old.meta.pop("article_structure", None)
    old.save(ws.home / "graph")
    with caplog.at_level(logging.WARNING):
        reg, _dupes, where = workspace_registry(ws)
    assert where == str(ws.home / "graph")
    assert "fazhi graph build" in caplog.text and "款/项" in caplog.text

    caplog.clear()
    old.meta.update(article_structure=True, article_signatures=True)
    old.save(ws.home / "graph")
    with caplog.at_level(logging.WARNING):
        workspace_registry(ws)
    assert "fazhi graph build" not in caplog.text
