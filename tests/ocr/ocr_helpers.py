"""Helpers shared by the OCR tests: the law excerpt, rendering skips, a per-session engine."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ocr"


@lru_cache(maxsize=1)
def law_paragraphs() -> list[str]:
    """中华人民共和国人民调解法 chapters 1-3 (an official text, copied from ../shared/data)."""
    lines = (FIXTURES / "renmin_tiaojie_fa.txt").read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def need_font():
    from fazhi.ocr.render import find_font

    if find_font() is None:
        pytest.skip("no CJK font: apt-get install fonts-noto-cjk")


def need_rapidocr():
    pytest.importorskip("rapidocr", reason="rapidocr not installed (pip install 'fazhi[ocr]')")
    pytest.importorskip("onnxruntime", reason="onnxruntime not installed")
