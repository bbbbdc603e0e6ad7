"""Clean steps on recognised text: punctuation width, 〇 in Chinese-numeral dates, confidence flags.

Each step is a named function ``str -> str`` and idempotent (a property test checks it):

* :func:`normalize_width` — full-width ASCII letters, digits and spaces become half-width (legal
  documents write ``2022``, ``A座``), as NFKC would, but CJK punctuation is left alone.
* :func:`normalize_punctuation` — half-width ``, ; : ? ! ( )`` next to Chinese characters become the
  full-width marks Chinese text uses (``，；：？！（）``); between digits (``1,000``, ``12:30``, ``3.5``) they
  stay half-width. A bracket whose pair is full-width becomes full-width too (``(2024）东调字`` →
  ``（2024）东调字``). The year of a document number (发文字号) read with a square bracket on one side
  (``某司通〔2026]9号``, ``某调邀（2026]015号``) gets its 〔〕 back. Straight double quotes around Chinese text become “ ”.
* :func:`fix_amounts` and :func:`fix_date_marks` — look-alikes a low-resolution scan reads inside a
  capital-numeral amount (量万 → 壹万, 肆抬 → 肆拾), thousands separators read as points (906.035.00),
  and 日 read as H or 曰 after a date's day.
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

__all__ = ["normalize_width", "normalize_punctuation", "recover_zero", "fix_amounts", "fix_date_marks", "clean_line",
           "CLEAN_STEPS",
           "flag_line", "LOW_CONFIDENCE"]

from fazhi.ocr.base import LOW_CONFIDENCE

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"  # ideographs and 〇; not punctuation (idempotence)
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s*([,;:?!()])|([,;:?!()])\s*(?=[{_CJK}])")
_OPEN_PAREN_BEFORE = re.compile(rf"\((?=[^()]*[{_CJK}][^()]*\))")
_CLOSE_PAREN_AFTER = re.compile(rf"(?<=（)([^()（）]*)\)")
# a half-width ( whose pair the recogniser read full-width: 编号：(2024）东调字第037号, (2024）at a line start
_OPEN_PAREN_PAIRED = re.compile(r"\((?=[^()（）\n]*）)")
# the year of a document number (发文字号 某司通〔2026〕9号) in square brackets 〔〕 (GB/T 9704), one or both
# of which the recogniser read as [ ] or （ ）: 某司通〔2026]9号, 某调邀（2026]015号
_DOC_NUMBER_YEAR = re.compile(rf"(?<=[{_CJK}])([\[〔【(（])\s*((?:19|20)\d{{2}})\s*([\]〕】)）])(?=\s*\d{{1,5}}\s*号)")
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
    text = _OPEN_PAREN_PAIRED.sub("（", text)
    if "号" in text:
        text = _DOC_NUMBER_YEAR.sub(_doc_number_year, text)
    text = _QUOTED.sub(lambda m: "“" + m.group(1) + "”", text)
    return text


def _doc_number_year(m: re.Match) -> str:
    marks = m.group(1) + m.group(3)
    if any(c in marks for c in "[]〔〕"):  # one of them was read square: the pair is 〔〕
        return "〔" + m.group(2) + "〕"
    return m.group(0)  # （2024）12号 and 【2024】12号 as read


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


def recover_zero(text: str, after: str = "") -> str:
    """Restore 〇 in Chinese-numeral dates (see the module docstring).

    ``after`` is the text that follows on the next line of the same paragraph: a date cut at a line end
    (甲方于二二四年一 / 月十五日) is recognised whole, only ``text`` is changed.

    >>> recover_zero("甲方于二二四年一", after="月十五日向本委员会"), recover_zero("甲方于二二四年一")
    ('甲方于二〇二四年一', '甲方于二二四年一')
    """
    if "年" not in text + after[:1]:
        return text
    if after:
        n = len(text)
        both = _YEAR_RUN.sub(lambda m: _fix_year(m) if m.end(1) <= n else m.group(0), text + after[:8])
        return both[:len(both) - len(after[:8])]
    text = _YEAR_RUN.sub(_fix_year, text)
    # a month or day never contains 〇, but O/0 misread for 十 is not guessable: leave those alone
    return text


# Capital numerals of amounts (大写金额) and the characters a low-resolution scan reads for them.
_CAP = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿"
_CAP_LIKE = {"方": "万", "抬": "拾", "量": "壹", "壶": "壹", "仔": "仟", "任": "仟", "伯": "佰", "武": "贰", "参": "叁"}
_CAP_RUN = re.compile(rf"[{_CAP}{''.join(_CAP_LIKE)}]{{2,}}(?=[元圆])")
_THOUSANDS_AS_DOTS = re.compile(r"(?<![\d.,])(\d{1,3})((?:\.\d{3}){1,4})\.(\d{2})(?![\d.])")


def _fix_capital_run(m: re.Match) -> str:
    run = m.group(0)
    lead = 0
    before = m.string[max(0, m.start() - 3):m.start()]
    # an amount may begin with a misread 壹 (量) only right after 人民币 / a colon; else a look-alike at the
    # start is a word of its own (双方贰万元: 方 is not 万)
    while lead < len(run) and run[lead] in _CAP_LIKE and not (lead == 0 and re.search(r"(币|[：:])$", before)
                                                               and run[lead] in "量壶"):
        lead += 1
    head, body = run[:lead], run[lead:]
    if sum(ch in _CAP for ch in body) < 2:
        return run
    return head + "".join(_CAP_LIKE.get(ch, ch) for ch in body)


def fix_amounts(text: str) -> str:
    """Amounts a low-resolution scan misreads: look-alikes inside a capital-numeral amount (人民币量万贰仟元 →
    壹万贰仟元, 贰拾肆方贰仟 → 万, 肆抬陆万 → 拾; the run must end in 元 and hold two true capital numerals),
    and thousands separators read as points (¥906.035.00 → ¥906,035.00).

    >>> fix_amounts("人民币量万贰仟元整（¥12.000.00），双方贰万元")
    '人民币壹万贰仟元整（¥12,000.00），双方贰万元'
    """
    if "元" in text or "圆" in text:
        text = _CAP_RUN.sub(_fix_capital_run, text)
    if text.count(".") >= 2:
        text = _THOUSANDS_AS_DOTS.sub(lambda m: m.group(1) + m.group(2).replace(".", ",") + "." + m.group(3), text)
    return text


_DAY_MARK = re.compile(r"(?<=\d月)(\d{1,2})[H曰]|(?<=[一二三四五六七八九十]月)([一二三四五六七八九十]{1,3})曰")


# 午 read as 年 before an hour (a fax's 2026年3月10日上午9时 read 上年9时): 上年/下年 never precede a time
_NOON_MARK = re.compile(r"([上下])年(?=\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[时点:：])")


def fix_date_marks(text: str) -> str:
    """日 read as H or 曰 after the day of a date (2025年1月3H, 六月十二曰); 午 read as 年 in 上午/下午 before
    an hour (上年9时).

    >>> fix_date_marks("于2025年1月3H前付清，二〇二三年六月十二曰")
    '于2025年1月3日前付清，二〇二三年六月十二日'
    >>> fix_date_marks("定于3月10日上年9时30分，下年3点；上年12月")
    '定于3月10日上午9时30分，下午3点；上年12月'
    """
    if "年" in text:
        text = _NOON_MARK.sub(lambda m: m.group(1) + "午", text)
    if "月" not in text:
        return text
    return _DAY_MARK.sub(lambda m: (m.group(1) or m.group(2)) + "日", text)


CLEAN_STEPS = (normalize_width, normalize_punctuation, recover_zero, fix_amounts, fix_date_marks)


_TRAILING_MARK = re.compile(r"\s*([,;:?!])$")
_CJK_START = re.compile(rf"\s*[{_CJK}]")


def clean_line(text: str, after: str = "") -> str:
    """All clean steps in order. ``after``: the start of the paragraph's next line, which this line runs on
    into: a date cut at the line end (see :func:`recover_zero`), and a half-width mark ending the line
    before Chinese text (身份证号码：320102196211074823, / 住南京市… → ``，``), as within a line.

    >>> clean_line("身份证号码:320102196211074823,", after="住南京市"), clean_line("金额1,")
    ('身份证号码：320102196211074823，', '金额1,')
    """
    for step in CLEAN_STEPS:
        text = step(text, after) if step is recover_zero and after else step(text)
    if after and _CJK_START.match(after):
        text = _TRAILING_MARK.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    return text


def flag_line(text: str, confidence: float, raw: str | None = None, threshold: float = LOW_CONFIDENCE) -> list[str]:
    """Flags for a line: ``low_confidence`` under ``threshold``, ``zero_recovered`` when 〇 was restored."""
    flags = []
    if confidence < threshold:
        flags.append("low_confidence")
    if raw is not None and text.count("〇") > raw.count("〇"):
        flags.append("zero_recovered")
    return flags
