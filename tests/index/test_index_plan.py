"""Facts a mediator's plan extracts from a colloquial dispute description (fazhi.index.plan)."""
from __future__ import annotations

from fazhi.index.plan import extract_facts


def _values(facts, group):
    return [(x["text"], x["value"]) for x in facts[group]]


def test_colloquial_amounts_and_dates_kept_beside_the_entity_model():
    # the entity model finds 3万元 and 2023年6月 but not 五万块 or 6月1号; both must reach the plan
    text = "2023年6月，楼上邻居张某家卫生间漏水，维修要五万块，他只肯出3万元，6月1号吵了一架"
    f = extract_facts(text)
    assert _values(f, "amounts") == [("五万块", 50000.0), ("3万元", 30000.0)]
    assert _values(f, "dates") == [("2023年6月", "2023-06"), ("6月1号", "--06-01")]
    assert [p["text"] for p in f["parties"]] == ["楼上邻居", "张某"]
    for group in ("parties", "amounts", "dates"):
        for x in f[group]:
            assert text[x["start"]:x["end"]] == x["text"] and x["source"]


def test_rule_items_never_duplicate_the_entity_models():
    text = "2022年3月5日借款3.5万元，约定2023年12月底前还清"
    f = extract_facts(text)
    assert _values(f, "amounts") == [("3.5万元", 35000.0)]
    spans = [(d["start"], d["end"]) for d in f["dates"]]
    assert len(spans) == len(set(spans)) and ("2022年3月5日", "2022-03-05") in _values(f, "dates")
