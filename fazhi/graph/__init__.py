"""The law registry, the citation graph, consistency checks and filing review.

Public functions (see docs/graph.md)::

    build_from_paths(paths) / build_from_store(store) / build(documents)  -> Built(registry, graph, stats)
    save_graph(built, directory) / load_registry(directory) / load_graph(directory)
    check(text_or_document, registry, kind=None, date=None) -> CheckResult
    impact(graph, title, article=None) -> dict
    graph_stats(graph, registry) -> dict
    review(csv_path, registry) -> dict
"""
from __future__ import annotations

__all__ = ["Registry", "Law", "Version", "build", "build_from_paths", "build_from_store", "save_graph",
           "load_graph", "load_registry", "check", "Finding", "CheckResult", "detect_kind", "detect_date",
           "impact", "graph_stats", "export_graph", "review", "workspace_registry"]

from fazhi.graph.registry import Law, Registry, Version


def __getattr__(name):
    import importlib

    where = {"build": "build", "build_from_paths": "build", "build_from_store": "build", "save_graph": "build",
             "load_graph": "build", "check": "checks", "Finding": "checks", "CheckResult": "checks",
             "detect_kind": "checks", "detect_date": "checks", "impact": "queries", "graph_stats": "queries",
             "export_graph": "queries", "review": "review", "workspace_registry": "queries"}
    if name in where:
        return getattr(importlib.import_module(f"fazhi.graph.{where[name]}"), name)
    if name == "load_registry":
        return Registry.load
    raise AttributeError(name)
