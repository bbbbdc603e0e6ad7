"""Inserted articles (第一百二十条之一): cited as their own article, with ``article`` the number they are
inserted after and ``attrs["sub"]`` the 之X; ranges and relative references keep them."""
import json

import pytest

from fazhi.document import span_from_dict
from fazhi.nlp.citations import find_citations


def _arts(text, **kw):
    return [(c.article, c.attrs.get("sub"), c.paragraph) for c in find_citations(text, **kw)]


@pytest.mark.parametrize("text, expected", [
    ("依照《中华人民共和国刑法》第一百三十三条之一的规定", [(133, 1, None)]),
    ("刑法第三百零七条之一第一款规定的", [(307, 1, 1)]),
    ("刑法第二百八十七条之一、第二百八十七条之二规定的行为", [(287, 1, None), (287, 2, None)]),
    # real ranges from the judicial interpretations in ../shared/data/laws
    ("刑法第一百三十四条至第一百三十九条之一规定的", [(n, None, None) for n in range(134, 140)] + [(139, 1, None)]),
    ("刑法第一百二十条之一至第一百二十条之六", [(120, k, None) for k in range(1, 7)]),
    ("刑法第一百二十条之一至之三", [(120, 1, None), (120, 2, None), (120, 3, None)]),
    ("刑法第一百二十条至第一百二十条之二", [(120, None, None), (120, 1, None), (120, 2, None)]),
    # a range from an inserted article: only its first end is inserted
    ("刑法第一百三十三条之一至第一百三十五条", [(133, 1, None), (134, None, None), (135, None, None)]),
])
def test_inserted_articles_are_their_own_articles(text, expected):
    assert _arts(text) == expected


def test_plain_ranges_are_unchanged():
    assert _arts("《中华人民共和国刑法》第二十条至第二十二条") == [(20, None, None), (21, None, None), (22, None, None)]
    assert all("sub" not in c.attrs for c in find_citations("《中华人民共和国刑法》第二十条至第二十二条"))


def test_reversed_inserted_range_is_no_provision_like_a_reversed_plain_range():
    assert _arts("刑法第一百二十条之三至之一") == _arts("刑法第二十五条至第二十条") == [(None, None, None)]


def test_relative_references_inside_an_inserted_article():
    text = ("第一百二十条 甲。\n第一百二十条之一 乙。\n\n有前款行为的，依照本条第一款处罚。\n"
            "第一百二十条之二 违反前条规定的。\n第一百二十一条 违反前条规定的。")
    rel = [(c.text, c.article, c.attrs.get("sub"), c.paragraph) for c in find_citations(text, relative=True)
           if c.attrs["kind"] == "relative"]
    assert rel == [("前款", 120, 1, 1), ("本条第一款", 120, 1, 1), ("前条", 120, 1, None), ("前条", 120, 2, None)]
    same = find_citations("依照刑法第一百三十三条之一，该条第二款", relative=True)
    assert [(c.article, c.attrs.get("sub"), c.paragraph) for c in same] == [(133, 1, None), (133, 1, 2)]


def test_json_carries_the_inserted_number():
    c = find_citations("《中华人民共和国刑法》第一百三十三条之一")[0]
    d = json.loads(json.dumps(c.to_dict(), ensure_ascii=False))
    assert d["article"] == 133 and d["attrs"]["sub"] == 1  # the int key stays; the 之一 rides in attrs
    back = span_from_dict(d)
    assert back.article == 133 and back.attrs["sub"] == 1


def test_an_inserted_article_is_not_equal_to_the_article_before_it():
    plain, inserted, again = find_citations("依照刑法第一百三十三条、第一百三十三条之一和第一百三十三条之一的规定")
    assert (plain.article, inserted.article) == (133, 133)
    # before: attrs were left out of equality, so a set of these citations lost 第一百三十三条之一
    assert plain != inserted and inserted == again and len({plain, inserted, again}) == 2
    assert span_from_dict(json.loads(json.dumps(inserted.to_dict()))) == inserted != plain
