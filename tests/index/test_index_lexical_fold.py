"""A description in traditional characters finds the dossiers written in simplified ones (lexical side)."""
from __future__ import annotations

import pytest

from fazhi.index.base import Record
from fazhi.index.lexical import LexicalIndex, tokenize


@pytest.fixture(scope="module")
def idx():
    i = LexicalIndex()
    i.add([Record(doc_id="leak", title="楼上漏水纠纷", text="楼上住户卫生间漏水，把楼下天花板泡坏了，物业不管。"),
           Record(doc_id="dog", title="宠物犬咬伤邻居纠纷", text="邻居家的狗没拴绳，把小孩的腿咬伤了。"),
           Record(doc_id="loan", title="借款纠纷", text="朋友借款五万元，到期不还。")])
    return i


@pytest.mark.parametrize("query,expected", [
    ("樓上漏水把我家天花板泡了，物業不管", "leak"),  # before: only 漏水 and 天花板 matched
    ("鄰居家的狗沒拴繩把我兒子腿咬了", "dog"),  # before: 鄰 居家 … 繩 兒子 matched nothing of the dossier
])
def test_traditional_query_finds_simplified_dossier(idx, query, expected):
    hits = idx.search(query, k=3)
    assert hits and hits[0].doc_id == expected
    assert hits[0].highlights  # the query's words are marked in the simplified text
    assert set(tokenize(query)) == set(tokenize(query.translate(str.maketrans("樓業鄰沒繩兒", "楼业邻没绳儿"))))
