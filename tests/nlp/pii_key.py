"""The 40 labelled PII documents (tests/fixtures/nlp/pii_documents.jsonl) and the leak rule they are scored by.

Shared by tests/nlp/test_nlp_pii_documents.py and benchmarks/mask_eval.py, so that the test and the benchmark
count a leak the same way."""
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
