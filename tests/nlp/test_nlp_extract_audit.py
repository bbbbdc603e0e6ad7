"""Defects found by the `fazhi extract` audit (benchmarks/extract_audit.py, key in
tests/fixtures/nlp/extract_audit_key.jsonl); each case failed before its fix."""
from __future__ import annotations

import pytest

from fazhi.nlp.citations import find_citations

MFD = "中华人民共和国民法典"


def _cites(text):
    return [(c.text, c.law, c.article, c.paragraph, c.item) for c in find_citations(text)]


@pytest.mark.parametrize("text, expected", [
    # 该法 after 民法典: the code's title ends in 法典, not 法
    ("根据民法典第一千一百六十五条第一款的规定，应当承担侵权责任。同时该法第一千一百七十三条规定，",
     [("民法典第一千一百六十五条第一款", MFD, 1165, 1, None), ("该法第一千一百七十三条", MFD, 1173, None, None)]),
    ("依照《中华人民共和国民法典》第五百七十七条的规定；该法第五百八十四条规定，",
     [("《中华人民共和国民法典》第五百七十七条", MFD, 577, None, None), ("该法第五百八十四条", MFD, 584, None, None)]),
    # no citation before it: the nearest known name before 该法 in the sentence
    ("自民法典施行之日起，该法第五条所称自愿原则适用于本合同。",
     [("该法第五条", MFD, 5, None, None)]),
])
def test_same_law_after_civil_code(text, expected):
    assert _cites(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a document number with how it was issued and amended, between the title and its article
    ("违反了《中华人民共和国烟草专卖法实施条例》（国务院令第223号发布，2023年7月20日修订）第十四条的规定",
     [("《中华人民共和国烟草专卖法实施条例》（国务院令第223号发布，2023年7月20日修订）第十四条",
       "中华人民共和国烟草专卖法实施条例", 14, None, None)]),
    ("依据《无证无照经营查处办法》（国务院令第684号公布）第十三条",
     [("《无证无照经营查处办法》（国务院令第684号公布）第十三条", "无证无照经营查处办法", 13, None, None)]),
])
def test_issuing_note_between_title_and_article(text, expected):
    assert _cites(text) == expected

