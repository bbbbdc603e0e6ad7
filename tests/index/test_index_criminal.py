"""A mediator's search on a store of dossiers and judgments: criminal judgments (案由 …罪) come after the civil
cases when the query describes a civil dispute, and stay where they rank when it describes a crime."""
from __future__ import annotations

import json

import pytest

from fazhi.index.base import Record
from fazhi.index.hybrid import HybridIndex, describes_a_crime, is_criminal_case

# real CJRC fact paragraphs that ranked among the first three for civil disputes on a mixed store (放火罪 3rd
# for a 宅基地 dispute, 介绍贿赂罪 2nd for a 工伤 one), the civil judgments beside them, and more crimes
JUDGMENTS = ["cjrc_647", "cjrc_985", "cjrc_989", "cjrc_874", "cjrc_839", "cjrc_518", "cjrc_634", "cjrc_648",
             "cjrc_173", "cjrc_198", "cjrc_242", "cjrc_442", "cjrc_104", "cjrc_107"]


@pytest.fixture(scope="module")
def mixed(shared_data, mediation_docs, encoder):
    rows = {}
    for line in (shared_data / "judgments" / "cjrc_fact_paragraphs.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r["id"] in JUDGMENTS:
            rows[r["id"]] = r
    idx = HybridIndex(encoder=encoder)
    idx.add(mediation_docs)
    idx.add([Record(doc_id=i, title=r["cause"], text=r["text"], kind="judgment") for i, r in rows.items()])
    return idx


CIVIL = ["邻居盖房子占了我家宅基地，多出来半米，村里调了两次都没用",
         "在工地干活摔断了腿，老板不给报工伤，也不赔钱",
         "我家宅基地上的老房子被邻居拆了一半，他说地是他家的"]
CRIME = ["对方放火烧了我家的房子", "我的电动车在小区楼下被偷了"]


@pytest.mark.parametrize("query", CIVIL)
def test_civil_dispute_gets_civil_cases_before_criminal_judgments(mixed, query):
    hits = mixed.search(query, k=5)  # hybrid, as `fazhi search` and plans search
    assert len(hits) == 5
    assert not any(is_criminal_case(mixed.get(h.doc_id)) for h in hits), [(h.doc_id, h.title) for h in hits]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("query", CIVIL)
@pytest.mark.parametrize("mode", ["lexical", "dense"])
def test_single_modes_demote_criminal_judgments_too(mixed, query, mode):
    # BM25 and cosine halved: a criminal judgment ranks no higher than it did, and after a civil case
    plain = [h.doc_id for h in mixed.search(query, k=20, mode=mode, demote_criminal=False)]
    hits = mixed.search(query, k=20, mode=mode)
    assert not is_criminal_case(mixed.get(hits[0].doc_id))
    for i, h in enumerate(hits):
        if is_criminal_case(mixed.get(h.doc_id)) and h.doc_id in plain:
            assert i >= plain.index(h.doc_id), (h.doc_id, i, plain.index(h.doc_id))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_criminal_judgments_ranked_high_before_the_demotion(mixed):
    # what the demotion changes: the plain ranking has a criminal judgment in the first five for a civil dispute
    for query in CIVIL[:2]:
        top = mixed.search(query, k=5, demote_criminal=False)
        assert any(is_criminal_case(mixed.get(h.doc_id)) for h in top), [(h.doc_id, h.title) for h in top]
        top = mixed.search(query, k=5)
        assert not any(is_criminal_case(mixed.get(h.doc_id)) for h in top), [(h.doc_id, h.title) for h in top]


@pytest.mark.parametrize("query", CRIME)
def test_a_crime_keeps_its_criminal_judgments(mixed, query):
    assert describes_a_crime(query)
    assert [h.doc_id for h in mixed.search(query, k=5)] == \
        [h.doc_id for h in mixed.search(query, k=5, demote_criminal=False)]
    assert is_criminal_case(mixed.get(mixed.search(query, k=1)[0].doc_id))


@pytest.mark.parametrize("title,expected", [("放火罪", True), ("盗窃罪、抢夺罪", True), ("介绍贿赂罪", True),
                                            ("张某故意伤害罪一审刑事判决书", True), ("某某刑事附带民事判决书", True),
                                            ("工伤保险待遇纠纷", False), ("宅基地界址争议调解案", False),
                                            ("提供劳务者受害责任纠纷", False), ("", False)])
def test_criminal_case_by_its_title(title, expected):
    assert is_criminal_case(Record("x", title, "经审理查明……", kind="judgment")) is expected


@pytest.mark.parametrize("query,expected", [
    ("邻居盖房子占了我家宅基地", False), ("老板拖欠工资三个月", False), ("装修公司偷工减料", False),
    ("网购的衣服质量差商家不退", False), ("楼上漏水把我家泡了", False),
    ("老公赌博输光了家里的钱，我要离婚", False), ("他吸毒好几年了，孩子不能跟他", False),
    ("和邻居吵架动了手，他把我打成轻微伤", False), ("他贩卖毒品被抓了", True),
    ("他说借条是我伪造的，不认这笔钱", False), ("去派出所报案，警察说是民事纠纷让找调解", False),
    ("被人詐騙了五萬塊", True),  # traditional characters
    ("电动车被偷了", True), ("他把我打成轻伤", True), ("被人诈骗了五万块", True), ("对方醉驾撞了我", True),
])
def test_what_describes_a_crime(query, expected):
    assert describes_a_crime(query) is expected


@pytest.mark.parametrize("query", CIVIL + ["他在网上骂我造谣，说我偷人", "网上买的手机是翻新机，商家不给退"])
def test_hybrid_puts_every_civil_case_found_before_criminal_judgments(mixed, query):
    # 0.5 was not enough: a judgment first on both sides (2/61, halved 1/61) still came before a civil case
    # found by one side only (故意杀人罪 2nd for 网上骂我造谣, 挪用资金罪 4th for a refurbished phone on the
    # CJRC store); at 0.25 it comes after every civil case in either side's top 50
    hits = mixed.search(query, k=10)
    crim = [is_criminal_case(mixed.get(h.doc_id)) for h in hits]
    assert crim == sorted(crim), [(h.doc_id, h.title, round(h.score, 4)) for h in hits]
