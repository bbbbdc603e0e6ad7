"""``fazhi demo``: run every stage on the bundled sample data in a temporary workspace.

Each area contributes a stage ``stage(workspace, say) -> dict`` in its own ``demo`` module; the stages
run in data-flow order (sources, then annotation, then the consumers) and each reports what it did.
"""
from __future__ import annotations

import importlib
import time
from typing import Callable

__all__ = ["STAGES", "run_demo"]

STAGES = [
    ("corpus", "fazhi.corpora.demo:stage"),
    ("crawl", "fazhi.crawlers.demo:stage"),
    ("ocr", "fazhi.ocr.demo:stage"),
    ("nlp", "fazhi.nlp.demo:stage"),
    ("graph", "fazhi.graph.demo:stage"),
    ("index", "fazhi.index.demo:stage"),
    ("scan", "fazhi.scan.demo:stage"),
]


def _load(target: str):
    module, attr = target.split(":")
    try:
        return getattr(importlib.import_module(module), attr)
    except ModuleNotFoundError as e:
        if e.name == module:
            return None
        raise


def run_demo(workspace, only: list[str] | None = None, say: Callable[[str], None] = print) -> dict:
    """Run the demo stages in ``workspace``; returns {stage: summary dict, with "seconds"}."""
    results = {}
    for name, target in STAGES:
        if only and name not in only:
            continue
        fn = _load(target)
        if fn is None:
            continue
        say(f"== {name} ==")
        t = time.perf_counter()
        summary = fn(workspace, say) or {}
        summary["seconds"] = round(time.perf_counter() - t, 2)
        results[name] = summary
    return results
