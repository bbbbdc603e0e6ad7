"""Repeat parties: the same person, phone number or ID number across posts and cases, shown masked.

Identifiers come from the text (mobile numbers, 18-digit resident ID numbers, self-introductions such as
我叫张三 / 本人李四 / 联系人：王五) and from structured fields of posts and mediation cases (``phone``,
``id_card``, ``name``, ``account`` — a social-media or message-board account: uid, 昵称 —, ``parties:
[{name, phone, id_card}]``). Identifiers that appear in the same record are linked (union–find), so a person who
gives a phone number once and a name and the same phone later is one party. A party is reported when it appears in at least ``min_records`` records.

Only masked forms leave this module: 138****5678, 330106********991X, 张*, 维***王.

Examples:
    >>> recs = [("p1", "我叫张三，电话13812345678，物业乱收费", {}),
    ...         ("p2", "物业又来收费了，联系电话13812345678", {}),
    ...         ("c1", "", {"parties": [{"name": "张三", "phone": "13812345678"}]}),
    ...         ("p3", "楼上漏水", {})]
    >>> [(p["party"], p["ids"]) for p in repeat_parties(recs)]
    [('张* / 138****5678', ['p1', 'p2', 'c1'])]
"""
from __future__ import annotations

import re
from typing import Iterable

# phones as people write them (13812345678, 138-1234-5678, +86 138 1234 5678, (0571)88886666, 0571-88886666):
# the entity rules' pattern; an identifier keeps the digits alone (see _phone)
from fazhi.nlp.regexes import COMPOUND_SURNAMES, PHONE_REGEX, SURNAMES

__all__ = ["PHONE_REGEX", "ID_CARD_REGEX", "NAME_REGEX", "identifiers", "identity_groups", "mask", "repeat_parties",
           "same_day_repeats"]

ID_CARD_REGEX = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])"
                           r"(?![0-9A-Za-z])")
NAME_REGEX = re.compile(
    r"(?:我叫|本人|联系人[:：]?|姓名[:：]?|来电人|市民|村民|业主)([\u4e00-\u9fff]{2,3}?)(?=[，,。；;、\s（(]|电话|手机|身份证|来电|再次|$)"
    r"|^([\u4e00-\u9fff]{2,3})(?:再次|又)?来电"
    r"|[（(]([\u4e00-\u9fff]{2,3})[）)]\s*$")
_NOT_NAMES = frozenset("业主 村民 居民 市民 租户 房东 老板 工人 家长 患者 网友 群众 老人 一名 一个 本村 本地 外地 司机 员工 反映 来电 咨询 投诉 求助 家属".split())
# a surname with a form of address (杨先生, 王女士, 李师傅: how a hotline's 来电人 column names most callers) is shared
# by thousands of people, not a name that identifies one
_TITLES = ("先生", "女士", "小姐", "师傅", "阿姨", "大爷", "大妈", "大姐", "大哥", "老师", "同志", "经理", "老板", "总")


def _is_name(v: str) -> bool:
    """A personal name: starts with a surname (第四次 does not), is no role word (业主) and no surname plus title."""
    return (v not in _NOT_NAMES and not v.endswith(_TITLES)
            and (v.startswith(COMPOUND_SURNAMES) or v[0] in SURNAMES))


_NO_ACCOUNT = frozenset({"匿名", "匿名用户", "游客", "网友", "anonymous", "none", "null", "-", "0"})


def mask(kind: str, value: str) -> str:
    """The masked form of an identifier.

    >>> mask("phone", "13812345678"), mask("id_card", "33010619620315991X"), mask("name", "欧阳娜娜")
    ('138****5678', '330106********991X', '欧***')
    """
    if kind == "phone":
        return value[:3] + "****" + value[-4:]
    if kind == "id_card":
        return value[:6] + "*" * (len(value) - 10) + value[-4:]
    if kind == "account" and len(value) > 2:  # 维权的小王 → 维***王, 5678901234 → 5********4
        return value[:1] + "*" * (len(value) - 2) + value[-1:]
    return value[:1] + "*" * (len(value) - 1)


# full-width digits (１３９８２２０１７４６, typed with a Chinese input method) are the same number as ASCII ones
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")


def _phone(m: re.Match) -> str:
    """The number a phone match names, as ASCII digits: without +86 before a mobile, without a landline's
    extension (0571-88886666-123 is the household's 057188886666; but （028）8555-1234 is 02885551234, a local
    number written in two groups)."""
    s = m.group().translate(_ASCII_DIGITS)
    if s.lstrip().startswith(("0", "(", "（")):
        ext = re.search(r"-\d{1,5}$", s)
        # an extension follows a complete number: the area code and 7 or 8 local digits
        if ext and len(re.sub(r"\D", "", s[:ext.start()])) >= 10:
            s = s[:ext.start()]
    digits = re.sub(r"\D", "", s)
    return digits[2:] if len(digits) == 13 and digits.startswith("861") else digits


def identifiers(text: str, fields: dict | None = None) -> set[tuple[str, str]]:
    """``{(kind, value)}`` found in a text and its structured fields (including every listed party)."""
    return set().union(*identity_groups(text, fields)) if (text or fields) else set()


# a number the post gives for someone else (老板电话13800001111一直关机, 物业客服电话0571-88886666打不通): the twenty
# workers of one burst who all name their boss's phone are twenty people, not one party
_OTHERS = re.compile(r"老板|老总|经理|物业|商家|客服|对方|公司|开发商|店家|店里|中介|房东|包工头|工头|派出所|医院|单位|学校"
                     r"|厂里|厂家|售楼|驾校|机构|催收|平台|快递员|司机|邻居|[他她]们?")
_SELF = re.compile(r"我|本人|来电人|诉求人|联系人|反映人|投诉人|留言人|回电|联系电话|联系方式")
_BREAK = re.compile(r"[，,。；;！!？?\n]")


def _someone_elses(text: str, start: int) -> bool:
    window = text[max(0, start - 12):start]
    window = _BREAK.split(window)[-1]
    return bool(_OTHERS.search(window)) and not _SELF.search(window)


def _from_text(text: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    text = (text or "").translate(_ASCII_DIGITS)  # one character for one: the patterns read ASCII digits
    for m in PHONE_REGEX.finditer(text or ""):
        if not _someone_elses(text, m.start()):
            found.add(("phone", _phone(m)))
    for m in ID_CARD_REGEX.finditer(text or ""):
        found.add(("id_card", m.group(1).upper().translate(_ASCII_DIGITS)))
    for m in NAME_REGEX.finditer(text or ""):
        name = next(g for g in m.groups() if g)
        if _is_name(name):
            found.add(("name", name))
    return found


def _from_fields(p: dict) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for key, kind in (("phone", "phone"), ("mobile", "phone"), ("id_card", "id_card"), ("id_number", "id_card"),
                      ("name", "name"), ("author", "name"), ("contact", "name"), ("account", "account")):
        v = p.get(key)
        if not isinstance(v, str) or not v.strip():
            continue
        v = v.strip()
        if kind == "phone" and (m := PHONE_REGEX.fullmatch(v)):
            found.add(("phone", _phone(m)))
        elif kind == "id_card" and ID_CARD_REGEX.fullmatch(v):
            found.add(("id_card", v.upper().translate(_ASCII_DIGITS)))
        elif kind == "name" and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", v) and _is_name(v):
            found.add(("name", v))
        elif kind == "account" and v.lstrip("@") and v.lower() not in _NO_ACCOUNT:
            found.add(("account", v.lstrip("@")))
    return found


def identity_groups(text: str, fields: dict | None = None) -> list[set[tuple[str, str]]]:
    """The identifiers of each person in a record, one set per person.

    A record with a structured ``parties`` list (a mediation case) gives one set per listed party and its
    text is not searched (it names both sides); otherwise the text and the record's own fields are one
    person, the author.
    """
    fields = fields or {}
    parties = [p for p in fields.get("parties") or [] if isinstance(p, dict)]
    if parties:
        return [g for g in (_from_fields(p) for p in parties) if g]
    g = _from_text(text) | _from_fields(fields)
    return [g] if g else []


def repeat_parties(records: Iterable[tuple[str, str, dict]], min_records: int = 2,
                   names_alone: bool = False) -> list[dict]:
    """Parties seen in at least ``min_records`` records of ``(record id, text, fields)``.

    A name alone is a weak identifier (many people share one): unless ``names_alone`` is true, names link
    nothing by themselves. A record with a name but no phone or ID joins a party only when that name appeared
    with the phone or ID number of that one party in another record, and two phones given with the same name
    in different records stay two parties. A surname with a title (杨先生, 王女士) is no name at all.
    Returns ``[{"party", "identifiers": [{"kind","masked"}], "count", "ids"}]``, most records first; nothing
    unmasked.
    """
    records = list(records)
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    per_record: list[tuple[str, list[list]]] = []
    for rid, text, fields in records:
        people = [sorted(g) for g in identity_groups(text, fields)]
        per_record.append((rid, people))
        for ids in people:
            # identifiers one person gives together belong to one party; a name does not bridge two phones or ID
            # numbers (王伟 with one phone in March and another 王伟 with another phone in May are two people)
            links = ids if names_alone else [i for i in ids if i[0] != "name"]
            for other in links[1:]:
                a, b = find(links[0]), find(other)
                if a != b:
                    parent[b] = a
    # the party a name stands for: the one whose phone or ID number it came with, when that is only one party
    name_roots: dict[tuple[str, str], set] = {}
    if not names_alone:
        for _, people in per_record:
            for ids in people:
                strong = {find(i) for i in ids if i[0] != "name"}
                for i in ids:
                    if i[0] == "name":
                        name_roots.setdefault(i, set()).update(strong)
    groups: dict[tuple[str, str], dict] = {}
    for rid, people in per_record:
        for ids in people:
            if names_alone:
                roots = {find(i) for i in ids}
            else:
                roots = {find(i) for i in ids if i[0] != "name"}
                if not roots:  # a name alone joins the one party it came with elsewhere
                    roots = set().union(*(name_roots.get(i, set()) for i in ids))
                    if len(roots) != 1:
                        continue
            for root in roots:
                g = groups.setdefault(root, {"idents": set(), "records": []})
                g["idents"].update(i for i in ids if (find(i) == root if names_alone or i[0] != "name"
                                                      else name_roots.get(i) == {root}))
                if rid not in g["records"]:
                    g["records"].append(rid)
    out = []
    for g in groups.values():
        if len(g["records"]) < min_records:
            continue
        order = {"name": 0, "account": 1, "phone": 2, "id_card": 3}
        idents = sorted(g["idents"], key=lambda kv: (order[kv[0]], kv[1]))
        masked = [{"kind": k, "masked": mask(k, v)} for k, v in idents]
        out.append({"party": " / ".join(m["masked"] for m in masked), "identifiers": masked,
                    "count": len(g["records"]), "ids": g["records"]})
    out.sort(key=lambda p: (-p["count"], p["party"]))
    return out


def same_day_repeats(records: Iterable[tuple[object, str, dict, str]]) -> set[int]:
    """Indices of records that repeat, on the same day and about the same matter, a person already seen.

    ``records`` are ``(day, text, fields, kind)`` in order (``kind``: the dispute type, or anything that tells
    matters apart). A person is known by a phone, ID number or account (a name alone is too weak); the first
    record of a person, day and kind is kept, the later ones are returned. One caller who rings fifteen times
    in an evening about her upstairs neighbour is one person with one dispute, a repeat party, not fifteen
    people raising an emerging one: the burst series count her once a day.

    >>> recs = [("2026-08-22", "楼上又在跺脚了", {"phone": "13805746613"}, "邻里")] * 3
    >>> recs.append(("2026-08-22", "物业不修电梯", {"phone": "13805746613"}, "物业"))
    >>> sorted(same_day_repeats(recs))
    [1, 2]
    """
    seen: set = set()
    out: set[int] = set()
    for i, (day, text, fields, kind) in enumerate(records):
        ids = {x for g in identity_groups(text, fields) for x in g if x[0] != "name"}
        keys = {(day, kind, x) for x in ids}
        if keys & seen:
            out.add(i)
        seen |= keys
    return out
