"""Fold a post to the forms the classifier and the risk rules were written for, character for character:
traditional characters to simplified (OpenCC's one-to-one pairs, fazhi/scan/data/t2s_chars.txt) and
full-width digits and Latin letters to ASCII. Offsets into the folded text are offsets into the original.

    >>> fold("結婚十年，丈夫不給生活費，我想起訴離婚，電話１３８")
    '结婚十年，丈夫不给生活费，我想起诉离婚，电话138'
    >>> fold("著作权纠纷") == "著作权纠纷"  # simplified text is left as it is
    True
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

__all__ = ["fold", "fold_table"]

_ASCII = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """The ``str.translate`` table: traditional -> simplified and full-width -> ASCII."""
    table = {ord(c) + 0xFEE0: c for c in _ASCII}
    for line in files("fazhi.scan").joinpath("data").joinpath("t2s_chars.txt").read_text(
            encoding="utf-8").splitlines():
        if len(line) == 2 and not line.startswith("#"):
            table[ord(line[0])] = line[1]
    return table


def fold(text: str) -> str:
    """``text`` with traditional characters simplified and full-width ASCII made half-width (same length)."""
    return text.translate(fold_table())
