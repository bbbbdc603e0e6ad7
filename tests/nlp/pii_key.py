"""The 40 labelled PII documents (tests/fixtures/nlp/pii_documents.jsonl) and the leak rule they are scored by.

Shared by tests/nlp/test_nlp_pii_documents.py, test_mask_audit2.py, benchmarks/mask_eval.py and mask_audit2.py,
so that the tests and the benchmarks count a leak, a lost keep string and a mask of nothing labelled the same way."""
from __future__ import annotations

import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "nlp" / "pii_documents.jsonl"


def load(path: Path = FIXTURE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def leaked(item: str, masked: str, keep: list[str]) -> int:
    """Occurrences of ``item`` left in ``masked`` outside the keep strings that contain it (于长江 in 于长江边)."""
    n = masked.count(item)
    for k in keep:
        if item in k and k != item:
            n -= k.count(item) * masked.count(k)
    return max(n, 0)


def keep_lost(doc: dict, masked: str) -> list[str]:
    """The keep strings of ``doc`` (text that must stay readable) no longer in ``masked``."""
    return [k for k in doc["keep"] if k not in masked]


def unlabelled(doc: dict, mapping: list[dict]) -> list[dict]:
    """The entries of a mask mapping whose original overlaps no labelled PII item of ``doc``: false masks."""
    labelled = [x for xs in doc["pii"].values() for x in xs]
    return [e for e in mapping if not any(e["original"] in x or x in e["original"] for x in labelled)]
