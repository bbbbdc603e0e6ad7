"""The hand-keyed risk fixtures (tests/fixtures/scan/analyst_posts_4*.tsv, analyst_posts_5*.tsv) and their scoring
rule, shared by their tests and benchmarks/scan_audit5_classify.py so the two cannot drift apart.

A row ends in ``levels`` (allowed levels, ``|``), ``cues`` (``,``-separated needs, each ``/``-separated
alternatives, or ``-``), ``spans`` (text pieces a signal must overlap, ``|``, or ``-``) and ``text``; analyst_posts_5
rows have the allowed dispute types before them."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scan"
# cues a plain complaint may carry without any risk (a level of none allows them)
CONTEXT = {"wage_arrears", "complaint"}


def read_rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def score(risk: dict, text: str, levels: str, cues: str, spans: str) -> dict:
    """How ``fazhi.scan.risk.assess``'s answer ``risk`` meets a row: level allowed, the needed cues not found, the
    cues found where none is allowed, the span pieces no signal overlaps, and how many pieces there are."""
    sig = risk["signals"]
    have = {s["cue"] for s in sig}
    pieces = [] if spans == "-" else spans.split("|")
    return {
        "level": risk["level"] in levels.split("|"),
        "missing_cues": [n for n in ([] if cues == "-" else cues.split(",")) if not have & set(n.split("/"))],
        "extra_cues": sorted(have - CONTEXT) if levels == "none" else [],
        "missed_spans": [p for p in pieces
                         if not any(s["start"] < text.index(p) + len(p) and text.index(p) < s["end"] for s in sig)],
        "spans": len(pieces),
    }


def params(sets: dict, known: dict):
    """pytest params (levels, cues, spans, text) of the rows of ``sets`` ({id prefix: rows}); a row whose text
    holds a key of ``known`` is a strict xfail with that reason."""
    for name, rows in sets.items():
        for i, row in enumerate(rows, 1):
            *_types, levels, cues, spans, text = row
            why = next((w for k, w in known.items() if k in text), None)
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            yield pytest.param(levels, cues, spans, text, id=f"{name}{i}", marks=marks)


def assert_row(risk: dict, text: str, levels: str, cues: str, spans: str) -> None:
    got = score(risk, text, levels, cues, spans)
    detail = [(s["text"], s["cue"], s["severity"], s["conditional"]) for s in risk["signals"]]
    assert got["level"], detail
    assert not got["missing_cues"], (got["missing_cues"], detail)
    assert not got["extra_cues"], detail
    assert not got["missed_spans"], (got["missed_spans"], detail)
