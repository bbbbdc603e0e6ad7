"""PII masking: persons get stable per-document pseudonyms in the 张某 / 李某 style; ID numbers, phone numbers,
bank cards and street-level addresses are masked.

Pseudonyms: every distinct person of a document is named after its surname. A surname used by one person
gives ``张某``; several persons with the same surname give ``张某甲``, ``张某乙``, ``张某丙`` … in order of first
appearance, so two different people never share a pseudonym, and the same person (the same name string)
always gets the same one within a document. Names that are already masked in the source (张某某, 李某甲,
刘x0) are kept as they are and their pseudonyms are never handed to anyone else.

Identifiers keep their length and separators (``110105194912310021`` -> ``******************``, a phone keeps
its first 3 and last 4 digits: ``138****5678``); an address keeps its administrative part down to the
district or county (``北京市海淀区中关村大街27号`` -> ``北京市海淀区***``).

Examples:
    >>> masked, mapping = mask_text("原告张三与被告张四、李明因借款纠纷，张三的电话13812345678。", model=False,
    ...                             persons=["张三", "张四", "李明"])
    >>> masked
    '原告张某甲与被告张某乙、李某因借款纠纷，张某甲的电话138****5678。'
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from fazhi.document import Document, Span
from fazhi.nlp import regexes as R

__all__ = ["mask_text", "mask_document", "pseudonyms", "surname_of", "MASKED_LABELS", "STREET_LEVEL"]

#: entity labels that are masked
MASKED_LABELS = ("PERSON", "ID_CARD", "PHONE", "BANK_CARD", "LOC")
_SEQ = "甲乙丙丁戊己庚辛壬癸"
#: an address is street-level (and masked) when it names any of these
STREET_LEVEL = re.compile(r"[路巷弄号村组栋幢室楼屯]|街(?!道)|单元|小区|大厦|社区|公寓|花园|家园|新村|\d")
_NAME = r"[^省市区县旗\s\d\W]{1,7}?"
_ADMIN_PREFIX = re.compile(
    rf"^(?:{_NAME}(?:省|自治区|特别行政区))?(?:{_NAME}(?:市|自治州|地区|盟))?(?:{_NAME}(?:区|县|自治县|旗|市))?")


def surname_of(name: str) -> str:
    """The surname of a Chinese name (compound surnames included); the first character otherwise.

    >>> surname_of("欧阳修"), surname_of("张三")
    ('欧阳', '张')
    """
    for c in R.COMPOUND_SURNAMES:
        if name.startswith(c) and len(name) > len(c):
            return c
    return name[:1]


def _already_masked(name: str) -> bool:
    return bool(R.PERSON_MASKED_REGEX.fullmatch(name))


def pseudonyms(names: Iterable[str]) -> dict[str, str]:
    """Stable pseudonyms for distinct names, in order of first appearance.

    >>> pseudonyms(["张三", "李四", "张三丰", "张三"])
    {'张三': '张某甲', '李四': '李某', '张三丰': '张某乙'}
    """
    order: list[str] = []
    for n in names:
        if n not in order:
            order.append(n)
    taken = {n for n in order if _already_masked(n)}
    by_surname: dict[str, list[str]] = {}
    for n in order:
        if n not in taken:
            by_surname.setdefault(surname_of(n), []).append(n)
    out: dict[str, str] = {}
    for n in order:
        if n in taken:
            out[n] = n
    for sur, group in by_surname.items():
        if len(group) == 1 and sur + "某" not in taken:
            out[group[0]] = sur + "某"
            continue
        k = 0
        for n in group:
            while True:
                suffix = _SEQ[k] if k < len(_SEQ) else str(k - len(_SEQ) + 1)
                cand = f"{sur}某{suffix}"
                k += 1
                if cand not in taken:
                    break
            out[n] = cand
    return {n: out[n] for n in order}


def _mask_digits(s: str, keep_head: int = 0, keep_tail: int = 0) -> str:
    idx = [i for i, c in enumerate(s) if c.isalnum()]
    hide = set(idx[keep_head:len(idx) - keep_tail if keep_tail else None])
    return "".join("*" if i in hide else c for i, c in enumerate(s))


# building, unit and room numbers right after a place the model found: 5-2-301, 3栋2单元501室, 7号楼
# (a bare number only where no unit follows: 阳光花园2023年 keeps its year)
_ROOM_TAIL = re.compile(r"(?:[-－—]?\d{1,5}(?:栋|幢|号楼|单元|室|号|楼|层|户|房|(?![\d年月日元万千百岁个米平㎡%.．时分秒天次])))*")


def _mask_address(s: str) -> str:
    m = _ADMIN_PREFIX.match(s)
    head = m.group() if m else ""
    if len(head) >= len(s):
        head = ""
    return head + "***"


_ID_SHAPED = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")
# a card or account number named as such, whatever its length or checksum: 银行账户907091900010100832676,
# 卡号：6222021234567890123, 向722454970395的账号转账 (the Luhn-checked BANK_CARD spans miss these)
_ACCOUNT_WORD = r"(?:银行卡|卡号|账号|帐号|账户|帐户)"
_ACCOUNT_DIGITS = r"\d(?:[ -]?\d){9,29}"
_ACCOUNT_END = r"(?![0-9A-Za-z元万亿]|\.\d)"
_ACCOUNT_BEFORE = re.compile(rf"{_ACCOUNT_WORD}(?:号码|号)?(?:为|是|[:：\s]){{0,3}}(?P<n>{_ACCOUNT_DIGITS}){_ACCOUNT_END}")
_ACCOUNT_AFTER = re.compile(rf"(?<![0-9A-Za-z.])(?P<n>{_ACCOUNT_DIGITS}){_ACCOUNT_END}(?=(?:的)?(?:银行)?{_ACCOUNT_WORD})")

# e-mail addresses and social-network accounts named as such (微信号 zhang_san88, QQ 123456789, 抖音号 …)
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])(?P<user>[A-Za-z0-9._%+-]+)@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
_SOCIAL = re.compile(r"(?:微信|VX|vx|QQ|qq|抖音|快手|微博)(?:号码|账号|帐号|号|名)?(?:是|为|[:：\s]){0,3}"
                     r"(?P<n>[A-Za-z][-_A-Za-z0-9]{5,19}|[1-9]\d{4,11})(?![-_A-Za-z0-9@])")


def _mask_span(s: Span) -> str | None:
    if s.label == "ID_CARD" or s.label == "BANK_CARD":
        return _mask_digits(s.text)
    if s.label == "PHONE":
        digits = sum(c.isdigit() for c in s.text)
        return _mask_digits(s.text, 3, 4) if digits >= 11 else _mask_digits(s.text, 0, 2)
    if s.label == "LOC":
        if STREET_LEVEL.search(s.text) and not _GENERIC_PLACE.fullmatch(s.text):
            return _mask_address(s.text)
        return None
    return None


# places every estate and village has (楼道里, 小区草坪上, 村口的路边): they locate nobody, and masking them
# makes a mediator's copy unreadable (电池不再在***存放)
_GENERIC_WORD = (r"(?:小区|村里|村口|村头|村委会|楼道|楼梯间?|楼下|楼上|楼顶|楼前|楼后|天台|阳台|走廊|过道|电梯间?|门口|"
                 r"门前|单元门口|院子|院里|大院|草坪|草地|花坛|绿化带|空地|路边|路口|十字路口|丁字路口|路旁|马路|街上|"
                 r"街边|停车场|车库|地下室|广场|公园|菜市场|超市|家里|家门口|屋里|店里|厂里|工地|住户|邻居家?|隔壁|"
                 r"对门|房顶|屋顶|房间|厨房|卫生间|客厅|卧室|房子?)")
# a generic place with a description before it that names no place (没有红绿灯的十字路口), not 幸福小区的门口
_GENERIC_PLACE = re.compile(rf"(?:[^市区县镇乡村路街巷号楼栋幢室苑园庄]{{1,8}}的)?(?:{_GENERIC_WORD}的?)+"
                            rf"(?:里|上|下|边|旁|内|外|前|后|中|附近|旁边|对面)?")


def _only_inside_longer(name: str, names: list[str], text: str) -> bool:
    """Whether every occurrence of ``name`` in ``text`` lies inside an occurrence of a longer name."""
    covers = [(m.start(), m.end()) for longer in names if len(longer) > len(name) and name in longer
              for m in re.finditer(re.escape(longer), text)]
    return bool(covers) and all(any(a <= m.start() and m.end() <= b for a, b in covers)
                                for m in re.finditer(re.escape(name), text))


def mask_text(text: str, *, spans: list[Span] | None = None, model: bool = True,
              persons: Iterable[str] | None = None) -> tuple[str, list[dict]]:
    """Mask ``text``; returns ``(masked_text, mapping)``.

    Args:
        spans: entity spans to use (default: :func:`fazhi.nlp.entities.find_entities` on the text).
        model: use the entity model for persons and places (False: rules only).
        persons: extra person names to pseudonymise (e.g. parties known from metadata).

    ``mapping`` lists ``{"label", "original", "masked", "count"}`` for every replaced string, in order of
    first appearance: keep it apart from the masked text (``fazhi mask --keep-map``).
    """
    if spans is None:
        from fazhi.nlp.entities import find_entities

        spans = find_entities(text, model=model)  # all types: a MONEY span must not become a PERSON
    spans = [s for s in spans if s.label in MASKED_LABELS]
    # persons: every occurrence of every name found anywhere in the document
    names = [s.text for s in sorted(spans, key=lambda s: s.start) if s.label == "PERSON" and len(s.text) >= 2]
    extra = [p for p in (persons or []) if p and len(p) >= 2]
    first_pos = {}
    for n in names + extra:
        i = text.find(n)
        if i >= 0 and n not in first_pos:
            first_pos[n] = i
    ordered = sorted(first_pos, key=lambda n: (first_pos[n], -len(n)))
    # a name found only inside a longer one (王建 of 王建国家, where the model split 王建|国家) never
    # reaches the text: giving it a pseudonym would make 王建国 王某甲 and the next 王 王某丙
    ordered = [n for n in ordered if not _only_inside_longer(n, ordered, text)]
    pseudo = pseudonyms(ordered)
    repl: list[tuple[int, int, str, str]] = []  # start, end, masked, label
    for n in sorted(pseudo, key=len, reverse=True):  # longer names first: 张三丰 before 张三
        if pseudo[n] == n:
            continue
        for m in re.finditer(re.escape(n), text):
            repl.append((m.start(), m.end(), pseudo[n], "PERSON"))
    # anything shaped like an ID number is masked, even with a wrong checksum (a typo is still personal)
    for m in _ID_SHAPED.finditer(text):
        repl.append((m.start(), m.end(), _mask_digits(m.group()), "ID_CARD"))
    for rx in (_ACCOUNT_BEFORE, _ACCOUNT_AFTER):
        for m in rx.finditer(text):
            repl.append((m.start("n"), m.end("n"), _mask_digits(m.group("n")), "BANK_CARD"))
    for m in _EMAIL.finditer(text):
        repl.append((m.start(), m.end(), m.group("user")[:1] + "***@" + m.group("domain"), "EMAIL"))
    for m in _SOCIAL.finditer(text):
        repl.append((m.start("n"), m.end("n"), m.group("n")[:1] + "***", "ACCOUNT"))
    for s in spans:
        if s.label == "PERSON":
            continue
        tail = _ROOM_TAIL.match(text, s.end) if s.label == "LOC" else None
        if tail and tail.end() > s.end:  # 阳光花园5-2-301, 幸福小区3栋2单元501: the numbers are the address
            s = Span(start=s.start, end=tail.end(), label="LOC", text=text[s.start:tail.end()], source=s.source)
        masked = _mask_span(s)
        if masked is not None and masked != s.text:
            repl.append((s.start, s.end, masked, s.label))
    # non-overlapping, identifiers and addresses before persons, longer first
    prio = {"ID_CARD": 0, "BANK_CARD": 1, "PHONE": 2, "EMAIL": 2, "ACCOUNT": 2, "LOC": 3, "PERSON": 4}
    chosen: list[tuple[int, int, str, str]] = []
    for r in sorted(repl, key=lambda r: (prio[r[3]], -(r[1] - r[0]), r[0])):
        if all(r[1] <= c[0] or c[1] <= r[0] for c in chosen):
            chosen.append(r)
    chosen.sort()
    out, pos = [], 0
    counts: dict[tuple[str, str], list] = {}
    for a, b, masked, label in chosen:
        out.append(text[pos:a])
        out.append(masked)
        pos = b
        key = (label, text[a:b])
        if key not in counts:
            counts[key] = [a, masked, 0]
        counts[key][2] += 1
    out.append(text[pos:])
    mapping = [{"label": k[0], "original": k[1], "masked": v[1], "count": v[2]}
               for k, v in sorted(counts.items(), key=lambda kv: kv[1][0])]
    return "".join(out), mapping


def mask_document(doc: Document, *, model: bool = True) -> tuple[Document, list[dict]]:
    """A masked copy of ``doc`` for sharing (exports marked shareable) and the mapping.

    The copy has the masked text, no spans (their offsets no longer hold), no raw text, and
    ``metadata["masked"] = True``; title and other metadata are kept. Parties named in
    ``metadata["parties"]`` (a list of names) are pseudonymised too."""
    spans = [s for s in doc.spans.get("entity", []) if s.label in MASKED_LABELS] or None
    parties = doc.metadata.get("parties") if isinstance(doc.metadata.get("parties"), list) else None
    if parties:  # a list of names, or of {"name": ...} records as in the mediation dossiers
        parties = [p.get("name") if isinstance(p, dict) else p for p in parties]
        parties = [p for p in parties if isinstance(p, str)]
    text, mapping = mask_text(doc.text, spans=spans, model=model, persons=parties)
    meta = dict(doc.metadata)
    meta["masked"] = True
    meta.pop("parties", None)
    new = replace(doc, text=text, spans={}, raw_text=None, offset_map=[], metadata=meta)
    return new, mapping
