"""Write docs/benchmarks.md: the summary table followed by every area's figures (docs/benchmarks/*.md).

    python scripts/assemble_benchmarks.py

Each area keeps its own file with the full detail (commands, machine, date, tables); this joins them so
that one page has every figure.
"""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ORDER = ["ingest", "citations", "nlp", "graph", "retrieval", "crawl", "ocr", "scan", "cluster", "web"]


def demote(text: str) -> str:
    """Headings one level down, outside fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#+ ", line):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)


def main():
    parts_dir = REPO / "docs" / "benchmarks"
    out = [(parts_dir / "_summary.md").read_text(encoding="utf-8").rstrip(), ""]
    names = ORDER + sorted(p.stem for p in parts_dir.glob("*.md") if p.stem not in ORDER and not p.stem.startswith("_"))
    for name in names:
        p = parts_dir / f"{name}.md"
        if not p.exists():
            continue
        text = p.read_text(encoding="utf-8").rstrip()
        text = demote(text)
        out += [f'<a id="{name}"></a>', "", text, ""]
    (REPO / "docs" / "benchmarks.md").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
