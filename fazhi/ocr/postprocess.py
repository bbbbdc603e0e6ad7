"""Clean steps on recognised text: punctuation width, 〇 in Chinese-numeral dates, confidence flags.

Each step is a named function ``str -> str`` and idempotent (a property test checks it):

* :func:`normalize_width` — full-width ASCII letters, digits and spaces become half-width (legal
  documents write ``2022``, ``A座``), as NFKC would, but CJK punctuation is left alone.
* :func:`normalize_punctuation` — half-width ``, ; : ? ! ( )`` next to Chinese characters become the
  full-width marks Chinese text uses (``，；：？！（）``); between digits (``1,000``, ``12:30``, ``3.5``) they
  stay half-width. Straight double quotes around Chinese text become “ ”.
* :func:`recover_zero` — the recogniser often reads 〇 in a year written in Chinese numerals (二〇二二年)
  as O, o, 0, ○, О or drops it. Inside a date context (a year followed by 月) every such character
  becomes 〇, and a three-character year that lost its 〇 gets it back: 二二二年十月 → 二〇二二年十月,
  一九八年 … → 一九八〇年.

Examples:
    >>> normalize_punctuation("甲方:张三,乙方(李四);金额1,000元?")
    '甲方：张三，乙方（李四）；金额1,000元？'
    >>> recover_zero("二O二二年十月八日、二二三年一月五日、一九九0年三月")
    '二〇二二年十月八日、二〇二三年一月五日、一九九〇年三月'
    >>> normalize_width("ＡＢＣ１２３号")
    'ABC123号'
"""
from __future__ import annotations

import re

__all__ = ["normalize_width", "normalize_punctuation", "recover_zero", "clean_line", "CLEAN_STEPS",
           "flag_line", "LOW_CONFIDENCE"]

from fazhi.ocr.base import LOW_CONFIDENCE

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"  # ideographs and 〇; not punctuation (idempotence)
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s*([,;:?!()])|([,;:?!()])\s*(?=[{_CJK}])")
_OPEN_PAREN_BEFORE = re.compile(rf"\((?=[^()]*[{_CJK}][^()]*\))")
_CLOSE_PAREN_AFTER = re.compile(rf"(?<=（)([^()（）]*)\)")
_QUOTED = re.compile(rf'"([^"“”\n]*[{_CJK}][^"“”\n]*)"')  # not across “ ”: ""甲"" → "“甲”" stays

_FW_ASCII = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FW_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FW_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_FW_ASCII["\u3000"] = " "
_FW_TABLE = str.maketrans(_FW_ASCII)


def normalize_width(text: str) -> str:
    """Full-width letters, digits and the ideographic space to half-width; punctuation untouched."""
    return text.translate(_FW_TABLE)


def normalize_punctuation(text: str) -> str:
    """Half-width punctuation next to Chinese text to full-width (see the module docstring)."""
    text = _PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    text = _OPEN_PAREN_BEFORE.sub("（", text)
    text = _CLOSE_PAREN_AFTER.sub(lambda m: m.group(1) + "）", text)
    text = _QUOTED.sub(lambda m: "“" + m.group(1) + "”", text)
    return text


_ZERO_LIKE = "〇零○OoОо0０Q"
_CN_DIGIT = "一二三四五六七八九"
_YEAR_RUN = re.compile(rf"(?<![{_CN_DIGIT}{_ZERO_LIKE}十])([{_CN_DIGIT}{_ZERO_LIKE}]{{2,4}})(?=年[{_CN_DIGIT}十{_ZERO_LIKE}]{{1,3}}月)")


def _fix_year(m: re.Match) -> str:
    run = m.group(1)
    if sum(ch in _CN_DIGIT for ch in run) < 1:
        return run  # 00年: not a Chinese-numeral year
    year = "".join("〇" if ch in _ZERO_LIKE else ch for ch in run)
    if len(year) == 3:
        if year[0] == "二" and year[1] in "一二" and year[2] in _CN_DIGIT + "〇":
            year = "二〇" + year[1:]                  # 二二二 → 二〇二二
        elif year[:2] == "二〇" and year[2] in "一二":
            year = year + "〇"                          # 二〇一 → 二〇一〇
        elif year[:2] == "一九" and year[2] in _CN_DIGIT:
            year = year + "〇"                          # 一九八 → 一九八〇
    elif len(year) == 2:
        return run  # 二年: a duration, not a year
    return year


_MONTH_DAY = re.compile(rf"(?<=年)([{_CN_DIGIT}十{_ZERO_LIKE}]{{1,3}})(?=月)|(?<=月)([{_CN_DIGIT}十{_ZERO_LIKE}]{{1,3}})(?=日)")


def recover_zero(text: str) -> str:
    """Restore 〇 in Chinese-numeral dates (see the module docstring)."""
    if "年" not in text:
        return text
    text = _YEAR_RUN.sub(_fix_year, text)
    # a month or day never contains 〇, but O/0 misread for 十 is not guessable: leave those alone
    return text


CLEAN_STEPS = (normalize_width, normalize_punctuation, recover_zero)


def clean_line(text: str) -> str:
    """All clean steps in order."""
    for step in CLEAN_STEPS:
        text = step(text)
    return text


def flag_line(text: str, confidence: float, raw: str | None = None, threshold: float = LOW_CONFIDENCE) -> list[str]:
    """Flags for a line: ``low_confidence`` under ``threshold``, ``zero_recovered`` when 〇 was restored."""
    flags = []
    if confidence < threshold:
        flags.append("low_confidence")
    if raw is not None and text.count("〇") > raw.count("〇"):
        flags.append("zero_recovered")
    return flags
