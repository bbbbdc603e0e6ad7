"""The synthetic drafts (tests/fixtures/graph/drafts/), their answer key and how findings are scored against it.

Shared by tests/graph/test_graph_drafts.py and benchmarks/graph_drafts.py, so that the test and the benchmark
score the same way: a finding matches an expected one when the code is the same and the expected fragment is on
the line where the finding starts; DUPLICATE_PROVISION (info) is not scored."""
from __future__ import annotations

import csv
import json
from pathlib import Path

DRAFTS = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "drafts"


def load_expected(path: Path | None = None) -> dict:
    """{draft file name: [[code, fragment], ...]} of the answer key (default: DRAFTS/expected.json)."""
    key = json.loads(Path(path or DRAFTS / "expected.json").read_text(encoding="utf-8"))
    return {k: v for k, v in key.items() if not k.startswith("_")}


def cited_titles() -> set[str]:
    """Titles of the laws the drafts cite (laws.txt)."""
    return {line.strip() for line in (DRAFTS / "laws.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def law_paths(laws: Path) -> list[Path]:
    """The files under ``laws`` (a LawRefBook folder with manifest.tsv) of the laws the drafts cite."""
    titles = cited_titles()
    with open(laws / "manifest.tsv", encoding="utf-8") as fh:
        paths = [laws / r["path"] for r in csv.DictReader(fh, delimiter="\t")
                 if r["title"] in titles and r["level"] not in ("案例", "")]
    return [p for p in paths if p.exists()]


def line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else None]


def compare(text: str, findings, expected) -> tuple[int, list, list]:
    """(matched, false findings (the Finding objects), missed expected [code, fragment] pairs)."""
    left = [tuple(x) for x in expected]
    false = []
    for f in findings:
        if f.code == "DUPLICATE_PROVISION":
            continue
        hit = next((w for w in left if w[0] == f.code and w[1] in line_of(text, f.start)), None)
        if hit:
            left.remove(hit)
        else:
            false.append(f)
    return len(expected) - len(left), false, left
