"""Similar-case retrieval and mediation plans: encoders, FAISS dense index, tantivy lexical index, hybrid
RRF ranking, the workspace index, and plans (see docs/retrieval.md).

Names are imported lazily, so ``import fazhi.index`` loads neither numpy-heavy backends nor models.
"""
from __future__ import annotations

import importlib

__all__ = ["Hit", "Record", "Filters", "SimilarCaseIndex", "Encoder", "ENCODERS", "DEFAULT_ENCODER", "MemoryIndex",
           "DenseIndex", "LexicalIndex", "HybridIndex", "build_index", "open_index", "search", "index_info",
           "make_plan", "render_markdown"]

_WHERE = {
    "Hit": "base", "Record": "base", "Filters": "base", "SimilarCaseIndex": "base",
    "Encoder": "embed", "ENCODERS": "embed", "DEFAULT_ENCODER": "embed",
    "MemoryIndex": "memory", "DenseIndex": "dense", "LexicalIndex": "lexical",
    "HybridIndex": "hybrid", "build_index": "hybrid", "open_index": "hybrid", "search": "hybrid",
    "index_info": "hybrid", "make_plan": "plan", "render_markdown": "plan",
}


def __getattr__(name):
    if name in _WHERE:
        return getattr(importlib.import_module(f"fazhi.index.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'fazhi.index' has no attribute {name!r}")
