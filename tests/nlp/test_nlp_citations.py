"""Tests for fazhi.nlp.citations: a table of real and hard cases, numerals, spans, aliases."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.document import Citation, Document, span_from_dict
from fazhi.nlp.aliases import canonical_title, known_titles, looks_like_law_title, normalize_title
from fazhi.nlp.citations import find_citations, iter_citations
from fazhi.numerals import cn_to_int, int_to_cn

CASES_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "nlp" / "citations_cases.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
FIELDS = ("text", "start", "end", "law", "article", "paragraph", "item")


def _tuples(cites):
    return [tuple(getattr(c, k) for k in FIELDS) for c in cites]


def test_fixture_is_large_and_real():
    real = [c for c in CASES if c["origin"] in ("real", "blind")]
    assert len(CASES) >= 150 and len(real) >= 150
    assert sum(1 for c in CASES if c.get("xfail")) <= 5
    assert sum(len(c["expected"]) for c in CASES) >= 300
    for c in CASES:
        for e in c["expected"]:
            assert c["text"][e["start"]:e["end"]] == e["text"]


def _param(i, case):
    marks = [pytest.mark.xfail(strict=True, reason=case.get("note", "known miss"))] if case.get("xfail") else []
    return pytest.param(case, id=f"{i}:{case['text'][:18]}", marks=marks)


@pytest.mark.parametrize("case", [_param(i, c) for i, c in enumerate(CASES)])
def test_table(case):
    got = _tuples(find_citations(case["text"]))
    expected = [tuple(e[k] for k in FIELDS) for e in case["expected"]]
    assert got == expected, case.get("note", "")


# --- behaviour named in the issue, one assertion each ------------------------------------------------------

def test_title_carries_over_and_spans_do_not_overlap():
    text = "《民法典》第五条、第六条和第十条第二款"
    cites = find_citations(text)
    assert [(c.text, c.law, c.article, c.paragraph) for c in cites] == [
        ("《民法典》第五条", "中华人民共和国民法典", 5, None), ("第六条", "中华人民共和国民法典", 6, None),
        ("第十条第二款", "中华人民共和国民法典", 10, 2)]
    for a, b in zip(cites, cites[1:]):
        assert a.end <= b.start


def test_range_expands():
    cites = find_citations("《中华人民共和国刑法》第二十条至第二十五条")
    assert [c.article for c in cites] == [20, 21, 22, 23, 24, 25]
    assert all(c.attrs.get("range") for c in cites)


@pytest.mark.parametrize("text, law, expected", [
    ("依照《中华人民共和国民事诉讼法》第一百四十五至一百四十七条的规定", "中华人民共和国民事诉讼法",
     [(145, None, None), (146, None, None), (147, None, None)]),
    ("依照《中华人民共和国民法典》第1165-1167条", "中华人民共和国民法典",
     [(1165, None, None), (1166, None, None), (1167, None, None)]),
    ("根据《中华人民共和国个人信息保护法》第十三条第一款第（一）至（三）项", "中华人民共和国个人信息保护法",
     [(13, 1, 1), (13, 1, 2), (13, 1, 3)]),
    ("人民检察院对刑事诉讼法第一百一十五条第一款第三至五项的申诉", "中华人民共和国刑事诉讼法",
     [(115, 1, 3), (115, 1, 4), (115, 1, 5)]),
])
def test_range_with_the_unit_written_once(text, law, expected):
    cites = find_citations(text)
    assert [(c.article, c.paragraph, c.item) for c in cites] == expected
    assert {c.law for c in cites} == {law} and all(c.attrs.get("range") for c in cites)
    assert all(text[c.start:c.end] == c.text for c in cites)


@pytest.mark.parametrize("text", ["依照《中华人民共和国刑法》第（一）至（三）条", "依照《中华人民共和国刑法》第十九至二十一"])
def test_range_without_a_unit_is_not_a_provision(text):
    assert [c.article for c in find_citations(text)] == [None]


def test_self_reference_and_self_title():
    cites = find_citations("违反本条例第八条规定", self_title="上海市消防条例")
    assert len(cites) == 1
    c = cites[0]
    assert (c.law, c.article, c.attrs["kind"], c.attrs["self"], c.attrs["self_title"]) == (
        None, 8, "self", True, "上海市消防条例")


def test_self_title_marks_citations_of_itself():
    cites = find_citations("依照《中华人民共和国刑法》第五条", self_title="中华人民共和国刑法")
    assert cites[0].attrs.get("self") is True and cites[0].law == "中华人民共和国刑法"


def test_resolve_false_keeps_title_as_written():
    cites = find_citations("依照《民法典》第五条和刑法第十条", resolve=False)
    assert [(c.law, c.article) for c in cites] == [("民法典", 5), ("刑法", 10)]


def test_not_citations():
    for text in ("合同第五条约定", "第三次", "第3名", "第一审", "第二天", "第五条 本法自公布之日起施行。",
                 "《离婚协议书》第二条", "《道路交通事故认定书》"):
        assert find_citations(text) == [], text


def test_nested_titles_record_the_inner_law():
    (c,) = find_citations("《全国人民代表大会常务委员会关于修改〈中华人民共和国商标法〉的决定》")
    assert c.attrs["nested"] == ["中华人民共和国商标法"]
    assert c.article is None


def test_local_abbreviation():
    text = "根据《中华人民共和国种子法》（以下简称《种子法》），结合本省实际。违反种子法第三十三条规定的"
    cites = find_citations(text)
    assert [(c.text, c.law, c.article) for c in cites] == [
        ("《中华人民共和国种子法》", "中华人民共和国种子法", None),
        ("种子法第三十三条", "中华人民共和国种子法", 33)]


@pytest.mark.parametrize("intro", ["以下简称", "下称", "简称", "以下简称为"])
def test_local_abbreviation_intro_words(intro):
    text = f"依照《中华人民共和国道路交通安全法》（{intro}《交安法》）第七十六条，交安法第七十七条"
    cites = find_citations(text)
    assert [(c.law, c.article) for c in cites] == [
        ("中华人民共和国道路交通安全法", 76), ("中华人民共和国道路交通安全法", 77)]
    assert cites[0].start == text.index("《") and all(text[c.start:c.end] == c.text for c in cites)


def test_relative_references_are_opt_in_and_resolved_against_headings():
    text = "第十条 甲应当报告。\n\n乙应当配合。\n\n违反前款规定的，依照本条第一款处理。\n\n第十一条 违反本法第十条规定的，处罚款。"
    assert all(c.attrs["kind"] != "relative" for c in find_citations(text))
    rel = [c for c in find_citations(text, relative=True) if c.attrs["kind"] == "relative"]
    assert [(c.text, c.article, c.paragraph) for c in rel] == [("前款", 10, 2), ("本条第一款", 10, 1)]


def test_same_law_back_reference():
    cites = find_citations("依照《中华人民共和国刑事诉讼法》第十五条。该法第二百零四条规定")
    assert cites[-1].law == "中华人民共和国刑事诉讼法" and cites[-1].attrs["kind"] == "same"
    assert find_citations("该法第五条") == []


def test_iter_is_lazy_and_matches_find():
    text = "依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款之规定" * 3
    it = iter_citations(text)
    assert next(it).article == 264
    assert _tuples(find_citations(text)) == _tuples(iter_citations(text))


def test_citations_attach_to_documents_and_round_trip():
    doc = Document(text="依照《中华人民共和国民法典》第一千零七十九条第二款")
    doc.set_spans("citation", find_citations(doc.text))
    (c,) = doc.spans["citation"]
    again = span_from_dict(c.to_dict())
    assert isinstance(again, Citation) and again == c and again.text == c.text
    assert c.source == "rules" and c.attrs["raw_title"] == "中华人民共和国民法典" and c.attrs["kind"] == "article"


# --- numerals: every article number 1..1300 written both ways ---------------------------------------------

def test_article_numbers_exhaustive():
    texts = []
    for n in range(1, 1301):
        cn = int_to_cn(n)
        assert cn_to_int(cn) == n
        texts.append(f"依照《中华人民共和国民法典》第{cn}条")
    for n, text in enumerate(texts, 1):
        (c,) = find_citations(text)
        assert c.article == n and c.text == text[2:]
    # Arabic numerals, half- and full-width
    for n in range(1, 1301, 7):
        full = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        assert find_citations(f"民法典第{n}条")[0].article == n
        assert find_citations(f"民法典第{full}条")[0].article == n


@given(st.integers(min_value=1, max_value=1300), st.integers(min_value=1, max_value=9),
       st.integers(min_value=1, max_value=12))
def test_article_paragraph_item_property(a, p, i):
    text = f"根据《中华人民共和国刑法》第{int_to_cn(a)}条第{int_to_cn(p)}款第（{int_to_cn(i)}）项的规定"
    (c,) = find_citations(text)
    assert (c.article, c.paragraph, c.item) == (a, p, i)


# --- the span invariant on arbitrary text ------------------------------------------------------------------

_ALPHABET = list("《》〈〉第条款项之至、和及以或者与，。本法条例办法规定该同民刑典中华人民共和国一二三四五六七八九十百千零0123456789（）()根据依照违反 \n") + [
    "民法典", "刑法", "治安管理处罚法", "以下简称", "中华人民共和国", "第五条", "前款", "本条"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join), st.booleans())
def test_span_invariant(text, relative):
    cites = find_citations(text, relative=relative)
    for c in cites:
        assert text[c.start:c.end] == c.text
        assert 0 <= c.start < c.end <= len(text)
        assert c.article is None or c.article > 0
    starts = [c.start for c in cites]
    assert starts == sorted(starts)


@pytest.mark.parametrize("text", ["根据民法典", "依照刑法", "违反治安管理处罚法"])
def test_name_at_the_very_end_after_a_verb(text):
    # a longer known name starting with the same characters must not be matched past the end of the text
    cites = find_citations(text)
    assert [(c.text, c.end) for c in cites] == [(text[2:], len(text))]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_span_invariant_any_unicode(text):
    for c in find_citations(text, relative=True):
        assert text[c.start:c.end] == c.text


# --- aliases -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("民法典", "中华人民共和国民法典"),
    ("《中华人民共和国行政处罚法》", "中华人民共和国行政处罚法"),
    ("行政处罚法", "中华人民共和国行政处罚法"),
    ("治安管理处罚法", "中华人民共和国治安管理处罚法"),
    ("劳动合同法", "中华人民共和国劳动合同法"),
    ("消保法", "中华人民共和国消费者权益保护法"),
    ("民诉法解释", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"),
    ("最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"),
    ("最高人民法院关于适用中华人民共和国民事诉讼法的解释", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"),
    ("中华人民共和国民事诉讼法（2017年修正）", "中华人民共和国民事诉讼法"),
    ("合同法", "中华人民共和国合同法"),  # repealed, known from citations in the texts
    ("种子法", "中华人民共和国种子法"),
    ("香港基本法", "中华人民共和国香港特别行政区基本法"),  # curated: the texts write 香港特别行政区基本法
    ("澳门基本法", "中华人民共和国澳门特别行政区基本法"),
    ("离婚协议书", None),
    ("", None),
])
def test_canonical_title(name, expected):
    assert canonical_title(name) == expected


def test_known_titles_and_normalisation():
    titles = known_titles()
    assert "中华人民共和国民法典" in titles and len(titles) > 3000
    assert normalize_title("《 关于修改〈中华人民共和国立法法〉的决定 》") == "关于修改《中华人民共和国立法法》的决定"
    assert normalize_title("ＡＢＣ条例") == "ABC条例"


@pytest.mark.parametrize("title,ok", [
    ("中华人民共和国刑法", True), ("国务院关于职工工作时间的规定", True), ("江苏省村镇规划建设管理条例", True),
    ("离婚协议书", False), ("房屋租赁合同", False), ("员工奖惩办法", False), ("某某公司薪酬管理办法", False),
    ("天然乳胶橡胶避孕套技术要求和试验方法", False), ("关于长门油库石化码头基建项目立项批复", False),
    ("关于修改〈中华人民共和国立法法〉的决定", True), ("刑法修正案（十一）", True),
    # a village's own rules, voted by its representatives (cjrc_193), and a province's rules on the same matter
    ("集体经济组织成员认定实施细则", False), ("广东省农村集体经济组织成员认定办法", True),
    # military regulations (条令, cited 25 times in ../shared/data/laws); 企业职工 / 女职工 are labour law's subjects
    ("中国人民解放军纪律条令", True), ("企业职工伤亡事故报告和处理规定", True), ("某某公司职工考勤管理规定", False),
    ("职工宿舍管理规定", False),
])
def test_looks_like_law_title(title, ok):
    assert looks_like_law_title(title) is ok


def test_unbracketed_titles_of_national_bodies():
    (c,) = find_citations("依照最高人民法院关于审理劳动争议案件适用法律若干问题的解释（四）第五条")
    assert (c.law, c.article) == ("最高人民法院关于审理劳动争议案件适用法律若干问题的解释（四）", 5)
    (c,) = find_citations("应当认定为全国人民代表大会常务委员会关于刑法第三百一十三条的解释中规定的")
    assert c.text == "全国人民代表大会常务委员会关于刑法第三百一十三条的解释" and c.article is None
    assert find_citations("# 最高人民法院关于审理劳动争议案件适用法律若干问题的解释（四）\n") == []
    assert find_citations("以及最高人民法院、最高人民检察院关于立案标准和公安部关于公安机关办理刑事案件程序的规定，") == []


@pytest.mark.parametrize("text, law, articles", [
    ("依照最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释第九十条、第九十一条",
     "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", [90, 91]),
    ("根据最高人民法院关于适用《中华人民共和国民法典》时间效力的若干规定第一条第二款",
     "最高人民法院关于适用《中华人民共和国民法典》时间效力的若干规定", [1]),
])
def test_unbracketed_national_title_with_an_inner_title(text, law, articles):
    # the provisions belong to the interpretation, not to the law named inside its title
    cites = find_citations(text)
    assert [c.article for c in cites] == articles and {c.law for c in cites} == {law}
    assert cites[0].start == text.index("最高") and all(text[c.start:c.end] == c.text for c in cites)


def test_title_line_with_an_inner_title_still_cites_the_inner_law():
    cites = find_citations("最高人民法院关于《中华人民共和国刑法》第一百条的解释\n")
    assert [(c.law, c.article) for c in cites] == [("中华人民共和国刑法", 100)]


def test_issuer_before_an_unknown_title_makes_it_a_law():
    # a title missing from the alias table, its issuer written before the bracket: still a law, so its
    # articles are cited and not dropped
    text = "依照全国人民代表大会常务委员会《关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定》第一条、第三条"
    cites = find_citations(text)
    law = "全国人民代表大会常务委员会关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定"
    assert [(c.law, c.article) for c in cites] == [(law, 1), (law, 3)]
    assert cites[0].attrs.get("known") is False and cites[0].text.startswith("《关于")
    assert find_citations("根据某公司《关于加强考勤管理的决定》第三条") == []


@pytest.mark.parametrize("text, law", [
    ("根据《关于审理民间借贷案件适用法律若干问题的规定》第二十六条", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定"),
    ("依照《关于办理盗窃刑事案件适用法律若干问题的解释》第一条",
     "最高人民法院、最高人民检察院关于办理盗窃刑事案件适用法律若干问题的解释"),
])
def test_title_without_its_issuer_resolves_when_one_issuer_fits(text, law):
    (c,) = find_citations(text)
    assert (c.law, c.attrs.get("known", True)) == (law, True)
    assert find_citations("根据《关于加强某某工作的通知》第三条") == []


def test_one_character_typo_in_a_national_title():
    (c,) = find_citations("根据《中华人民共和国刑罚》第六十五条第一款的规定")
    assert (c.law, c.article, c.paragraph, c.attrs.get("corrected")) == ("中华人民共和国刑法", 65, 1, True)
    assert find_citations("《中华人民共和国刑罚》") == []  # no article after it: not enough to guess
    assert find_citations("《中华人民共和国居民身份证》第三条") == []


@pytest.mark.parametrize("text, expected", [
    ("按民法典1165条赔偿", [("中华人民共和国民法典", 1165)]),
    ("劳动合同法38条规定的情形", [("中华人民共和国劳动合同法", 38)]),
    ("《劳动合同法》38条、46条", [("中华人民共和国劳动合同法", 38), ("中华人民共和国劳动合同法", 46)]),
    ("这份规定共有10条", []),  # no law named
    ("第三章共10条", []),
])
def test_articles_typed_without_di_after_a_law_name(text, expected):
    # people type 民法典1165条; the corpus of law texts has no such form, so nothing there changes
    assert [(c.law, c.article) for c in find_citations(text)] == expected


@pytest.mark.parametrize("text, law, article", [
    ("根据最高法关于审理民间借贷案件适用法律若干问题的规定第二十五条", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", 25),
    ("《最高法关于审理民间借贷案件适用法律若干问题的规定》第二十六条", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", 26),
    ("最高法、最高检关于办理盗窃刑事案件适用法律若干问题的解释第一条",
     "最高人民法院、最高人民检察院关于办理盗窃刑事案件适用法律若干问题的解释", 1),
])
def test_issuers_as_people_shorten_them(text, law, article):
    # 最高法 / 最高检 / 全国人大常委会: 4 citations in the law corpus now resolve to their full titles
    assert [(c.law, c.article) for c in find_citations(text)] == [(law, article)]


# --- blind batch 20261127: defects found on real sentences (../shared/data) --------------------------------

LABOUR_CONTRACT = "中华人民共和国劳动合同法"


@pytest.mark.parametrize("text, expected", [
    # 劳动合同法第七条 holds the letters 同法第七条: it is no 同法 (same law) reference to the law cited before
    ("依照劳动法第三十六条的规定。第八条 劳动合同法第七条规定的职工名册，应当包括劳动者姓名",
     [("劳动法第三十六条", "中华人民共和国劳动法", 36, None, None),
      ("劳动合同法第七条", LABOUR_CONTRACT, 7, None, None)]),
    ("第九条 劳动合同法第十四条第二款规定的连续工作满10年的起始时间",
     [("劳动合同法第十四条第二款", LABOUR_CONTRACT, 14, 2, None)]),
    ("人民法院可以认定是以合同法第十条第一款中的“其他形式”订立",
     [("合同法第十条第一款", "中华人民共和国合同法", 10, 1, None)]),
    # a chapter or part of a law cites the law, with or without a verb before it
    ("民事诉讼法第二十五章没有规定的，适用海事诉讼特别程序法第六条第二款（一）、（二）项的规定和民事诉讼法的其他有关规定。",
     [("民事诉讼法", "中华人民共和国民事诉讼法", None, None, None),
      ("海事诉讼特别程序法第六条第二款（一）、（二）项", "中华人民共和国海事诉讼特别程序法", 6, 2, 1),
      ("海事诉讼特别程序法第六条第二款（一）、（二）项", "中华人民共和国海事诉讼特别程序法", 6, 2, 2),
      ("民事诉讼法", "中华人民共和国民事诉讼法", None, None, None)]),
    ("车位等特定空间，应当认定为民法典第二编第六章所称的专有部分",
     [("民法典", "中华人民共和国民法典", None, None, None)]),
    # items in brackets written without 第 right after their paragraph or article
    ("铁路运输企业依照铁路法第十七条第一款（一）项的规定",
     [("铁路法第十七条第一款（一）项", "中华人民共和国铁路法", 17, 1, 1)]),
    ("有本条例第十二条（一）、（二）、（三）项规定情形之一的",
     [("本条例第十二条（一）、（二）、（三）项", None, 12, None, n) for n in (1, 2, 3)]),
    # 的 between an article and its paragraphs
    ("（一）违反本条例第三十一条的第二款、第三款、第四款规定，不遵守从业人员服务规范的；",
     [("本条例第三十一条的第二款", None, 31, 2, None), ("第三款", None, 31, 3, None),
      ("第四款", None, 31, 4, None)]),
    # 本规范 is the document itself, like 本办法
    ("执行交通警卫任务以及具有本规范第五十二条规定情形的", [("本规范第五十二条", None, 52, None, None)]),
    # a version qualifier between the verb and the law; what a court does under the law after its name
    ("应当重新审查处理的，适用修正前的国家赔偿法。", [("国家赔偿法", "中华人民共和国国家赔偿法", None, None, None)]),
    ("根据修正前刑法判处死刑缓期执行不能体现罪刑相适应原则",
     [("刑法", "中华人民共和国刑法", None, None, None)]),
    ("具体适用修订前的刑法或者修订后的刑法的有关规定",
     [("刑法", "中华人民共和国刑法", None, None, None)] * 2),
])
def test_blind_batch_20261127(text, expected):
    assert [(c.text, c.law, c.article, c.paragraph, c.item) for c in find_citations(text)] == expected


def test_abbreviation_defined_after_a_document_number_and_with_brackets_inside():
    text = ("现决定对《最高人民法院、最高人民检察院关于办理妨害信用卡管理刑事案件具体应用法律若干问题的解释》"
            "（法释〔2009〕19号，以下简称《解释》）作如下修改：\n\n一、将《解释》原第六条修改为：“持卡人……”")
    law = "最高人民法院、最高人民检察院关于办理妨害信用卡管理刑事案件具体应用法律若干问题的解释"
    assert [(c.text, c.law, c.article) for c in find_citations(text)][1:] == [("《解释》原第六条", law, 6)]
    text = ("根据《中华人民共和国刑法修正案（十二）》（以下简称《刑法修正案（十二）》），将《中华人民共和国刑法》"
            "第一百六十九条（《刑法修正案（十二）》第三条）的罪名")
    cites = find_citations(text)
    assert [c.text for c in cites] == ["《中华人民共和国刑法修正案（十二）》", "《中华人民共和国刑法》第一百六十九条",
                                       "《刑法修正案（十二）》第三条"]
    assert cites[-1].law == "中华人民共和国刑法修正案（十二）" and cites[-1].article == 3


def test_amendment_decisions_cite_the_articles_they_amend():
    """将第八条修改为 in a 修改决定 is article 8 of the law it amends (the one named by 修改《……》 or before
    作如下修改), until the next 修改《……》; not of a law quoted in the new wording."""
    text = ("4.将第八条修改为：\n\n“工会组织就工会经费的拨缴向人民法院申请支付令的，应当按照《诉讼费用交纳办法》"
            "第十四条的规定交纳申请费。”\n\n二、修改《最高人民法院关于审理矿业权纠纷案件适用法律若干问题的解释》\n\n"
            "1.将引言修改为：\n\n“……根据《中华人民共和国民法典》《中华人民共和国矿产资源法》等法律法规的规定”\n\n"
            "2.将第二条修改为：\n\n“……”\n\n3.删除第四条、第五条。\n\n4.在第十条中增加一款。")
    head = ("根据审判实践需要，对《最高人民法院关于在民事审判工作中适用〈中华人民共和国工会法〉若干问题的解释》"
            "等二十七件民事类司法解释作如下修改：\n\n一、修改《最高人民法院关于在民事审判工作中适用〈中华人民共和国工会法〉"
            "若干问题的解释》\n\n")
    mine = "最高人民法院关于审理矿业权纠纷案件适用法律若干问题的解释"
    union = "最高人民法院关于在民事审判工作中适用《中华人民共和国工会法》若干问题的解释"
    amend = [(c.text, c.law, c.article) for c in find_citations(head + text)
             if c.attrs.get("kind") == "amend"]
    assert amend == [("第八条", union, 8), ("第二条", mine, 2), ("第四条", mine, 4), ("第五条", mine, 5),
                     ("第十条", mine, 10)]
    # without an amended law there is nothing to refer to
    assert [c for c in find_citations(text[:text.index("二、")]) if c.attrs.get("kind") == "amend"] == []
    assert find_citations("双方协商修改《租赁合同》，将第五条约定的租金调整为每月三千元") == []


def test_full_decision_text_amended_articles_round_trip():
    text = ("对《最高人民法院关于仲裁司法审查案件报核问题的有关规定》作如下修改：\n\n"
            "一、将第三条修改为：“本规定第二条第二款规定的非涉外涉港澳台仲裁司法审查案件……”")
    cites = find_citations(text)
    c = next(c for c in cites if c.attrs.get("kind") == "amend")
    assert (c.text, c.article, text[c.start:c.end]) == ("第三条", 3, "第三条")
    assert c.law == "最高人民法院关于仲裁司法审查案件报核问题的有关规定"
    assert span_from_dict(json.loads(json.dumps(c.to_dict(), ensure_ascii=False))) == c


@pytest.mark.parametrize("text, expected", [
    # real: a Basic Law named without brackets and with no verb before it
    ("全国人民代表大会常务委员会在审议时，不得违背香港特别行政区基本法第一条",
     [("香港特别行政区基本法第一条", "中华人民共和国香港特别行政区基本法", 1, None)]),
    # 基本法 is not 本法: a short name the alias table does not know is no citation, and never a self reference
    ("特区基本法第一百四十三条规定", []),
    ("澳门基本法第一百四十三条规定", [("澳门基本法第一百四十三条", "中华人民共和国澳门特别行政区基本法", 143, None)]),
    # while 构成本法 still is one
    ("有前款行为，同时又构成本法第一百四十一条规定之罪的", [("本法第一百四十一条", None, 141, None)]),
])
def test_basic_law_is_not_a_self_reference(text, expected):
    assert [(c.text, c.law, c.article, c.paragraph) for c in find_citations(text)] == expected


def test_relative_paragraphs_skip_item_lines_and_expand_earlier_paragraphs():
    """前款 / 前两款 count paragraphs, not the （一）（二） item lines inside one; 前两款 cites both paragraphs."""
    # 上海市非机动车安全管理条例 第十九条 (items shortened)
    text = ("第十九条 下列非机动车可以上道路行驶：\n\n（一）经本市公安机关登记上牌的电动自行车、残疾人机动（电动）轮椅车、"
            "人力三轮车；\n\n（二）符合国家标准的自行车、残疾人手摇轮椅车；\n\n（三）市人民政府规定可以通行的其他非机动车。\n\n"
            "新购车辆应当登记上牌的，驾驶人可以持购车凭证在购车后十五日内临时通行。\n\n禁止前两款规定以外的车辆上道路行驶。\n"
            "第二十条 有下列情形之一的，不得驾驶电动自行车：\n（一）违反前条规定的；\n（二）违反前款规定的。")
    rel = [(c.text, c.article, c.paragraph) for c in find_citations(text, relative=True)]
    assert rel == [("前两款", 19, 1), ("前两款", 19, 2), ("前条", 19, None), ("前款", 20, None)]
    text = "第十条 甲。\n乙。\n违反前款规定的，依照本条第一款处罚。\n前三款规定的期间，适用本法第五条。"
    rel = [(c.text, c.article, c.paragraph) for c in find_citations(text, relative=True)]
    assert rel == [("前款", 10, 2), ("本条第一款", 10, 1), ("前三款", 10, 1), ("前三款", 10, 2), ("前三款", 10, 3),
                   ("本法第五条", 5, None)]
    # only 前两款 / 前三款 name several paragraphs: 本条 in a fifth paragraph is still the one article
    text = "第十条 甲。\n乙。\n丙。\n丁。\n本条规定的期间，前两款规定的情形。"
    rel = [(c.text, c.article, c.paragraph) for c in find_citations(text, relative=True)]
    assert rel == [("本条", 10, None), ("前两款", 10, 3), ("前两款", 10, 4)]


@pytest.mark.parametrize("text, expected", [
    # spaces that web pages and scans leave between a title and its article, and inside a list of items
    ("依照《中华人民共和国刑法》 第二百六十四条之规定",
     [("《中华人民共和国刑法》 第二百六十四条", "中华人民共和国刑法", 264, None, None)]),
    ("依照《中华人民共和国刑法》\u3000第二百六十四条、 第二十五条第一款之规定",
     [("《中华人民共和国刑法》\u3000第二百六十四条", "中华人民共和国刑法", 264, None, None),
      ("第二十五条第一款", "中华人民共和国刑法", 25, 1, None)]),
    # 职工带薪年休假条例实施办法 第八条, with 条例 written as the document itself
    ("年度内又出现本条例第四条第 （二）、 （三）项规定情形之一的",
     [("本条例第四条第 （二）、 （三）项", None, 4, None, 2), ("本条例第四条第 （二）、 （三）项", None, 4, None, 3)]),
    # never across a line: the next line's article heading is no provision of the title above it
    ("依照《中华人民共和国刑法》\n第二百六十四条 盗窃公私财物", [("《中华人民共和国刑法》", "中华人民共和国刑法", None, None, None)]),
])
def test_spaces_inside_a_citation(text, expected):
    assert [(c.text, c.law, c.article, c.paragraph, c.item) for c in find_citations(text)] == expected
