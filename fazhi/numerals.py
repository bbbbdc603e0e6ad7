"""Chinese numerals in legal text: 第一千二百六十条 -> 1260, 二〇二二 -> 2022.

Wraps cn2an (a well-kept converter) with a cache: article numbers repeat heavily, so converting a whole
corpus costs a dictionary look-up per reference after the first.

Examples:
    >>> cn_to_int("一千二百六十"), cn_to_int("十"), cn_to_int("一百零五"), cn_to_int("２３")
    (1260, 10, 105, 23)
    >>> digits_to_int("二〇二二"), int_to_cn(1260)
    (2022, '一千二百六十')
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["cn_to_int", "digits_to_int", "int_to_cn", "CN_DIGITS"]

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8,
             "玖": 9}


@lru_cache(maxsize=65536)
def cn_to_int(s: str) -> int:
    """Convert a Chinese (一千零五, 壹佰, 两百), Arabic or full-width number to int.

    Raises:
        ValueError: when ``s`` is not a number.
    """
    s = unicodedata.normalize("NFKC", s).strip()
    if not s:
        raise ValueError("empty numeral")
    if s.isdigit():
        return int(s)
    if all(c in CN_DIGITS for c in s) and len(s) > 1:  # 二〇二二: digit by digit
        return digits_to_int(s)
    import cn2an

    try:
        return int(cn2an.cn2an(s.replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError) as e:
        raise ValueError(f"not a number: {s!r}") from e


def digits_to_int(s: str) -> int:
    """Read digit by digit: 二〇二二 -> 2022, 一九九七 -> 1997."""
    n = 0
    for c in s:
        if c.isdigit():
            n = n * 10 + int(unicodedata.normalize("NFKC", c))
        elif c in CN_DIGITS:
            n = n * 10 + CN_DIGITS[c]
        else:
            raise ValueError(f"not a digit string: {s!r}")
    return n


@lru_cache(maxsize=4096)
def int_to_cn(n: int) -> str:
    """1260 -> 一千二百六十 (the form laws use for article numbers)."""
    import cn2an

    s = cn2an.an2cn(n, "low")
    return s[1:] if s.startswith("一十") else s
