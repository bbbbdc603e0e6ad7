"""Edition notes in law titles (《中华人民共和国公司法（2018年修正）》, 《上海证券交易所股票上市规则(2008年修订)》): the
law is the title without the note, known to the alias table or not, and the note is kept in attrs["edition"]."""
from __future__ import annotations

import pytest

from fazhi.nlp.citations import find_citations


@pytest.mark.parametrize("text, law, edition", [
    # a known law: the canonical title, the note in attrs["edition"]
    ("依照《中华人民共和国公司法（2018年修正）》第二十条", "中华人民共和国公司法", "2018年修正"),
    ("依照《中华人民共和国民事诉讼法》（2017年修正）第一百四十四条", "中华人民共和国民事诉讼法", "2017年修正"),
    # a title the table does not know: the same, the note does not stay inside the law
    ("属于《上海证券交易所股票上市规则(2008年修订)》所规定的重大诉讼事项", "上海证券交易所股票上市规则", "2008年修订"),
    ("依据《福建省环境保护条例（2012年修正）》第四十条", "福建省环境保护条例", "2012年修正"),
    ("依照《上海证券交易所股票上市规则（2023年8月修订）》履行披露义务", "上海证券交易所股票上市规则", "2023年8月修订"),
    # no note; （试行） names the trial rules, another text, and stays in the title
    ("依照《中华人民共和国民法典》第十条", "中华人民共和国民法典", None),
    ("依照《某省农村土地流转管理办法（试行）》第五条", "某省农村土地流转管理办法（试行）", None),
])
def test_an_edition_note_leaves_the_law_for_an_attribute(text, law, edition):
    cites = list(find_citations(text))
    assert [(c.law, c.attrs.get("edition")) for c in cites][:1] == [(law, edition)], cites
