"""fazhi (法治): Chinese legal text toolkit for justice-administration bureaus (司法行政).

The public API, loaded lazily so ``import fazhi`` stays fast::

    from fazhi import Document, Store, ingest                 # data model, corpus store, loaders
    from fazhi import analyze, find_citations, mask_document  # NLP
    from fazhi import check                                   # filing-review checks (see fazhi.graph)
    from fazhi import search, make_plan                       # similar cases and mediation plans
    from fazhi import classify, assess_risk, scan             # dispute signals for analysts
"""
from __future__ import annotations

import importlib

from fazhi.document import Citation, Document, Span
from fazhi.errors import FazhiError
from fazhi.workspace import Workspace

__version__ = "0.1.0"

_LAZY = {
    "Store": "fazhi.corpora.store",
    "ingest": "fazhi.corpora.loaders",
    "load_path": "fazhi.corpora.loaders",
    "analyze": "fazhi.nlp",
    "extract": "fazhi.nlp",
    "find_citations": "fazhi.nlp.citations",
    "mask_document": "fazhi.nlp.mask",
    "check": "fazhi.graph",
    "search": "fazhi.index.hybrid",
    "build_index": "fazhi.index.hybrid",
    "make_plan": "fazhi.index.plan",
    "ocr_file": "fazhi.ocr",
    "crawl": "fazhi.crawlers.runner",
    "classify": "fazhi.scan.classify",
    "assess_risk": ("fazhi.scan.risk", "assess"),
    "scan": "fazhi.scan.scanner",
}

__all__ = ["Document", "Span", "Citation", "FazhiError", "Workspace", "__version__", *_LAZY]


def __getattr__(name):
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'fazhi' has no attribute {name!r}")
    module, attr = target if isinstance(target, tuple) else (target, name)
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value
