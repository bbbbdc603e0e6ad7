"""New terms are words an analyst can act on, not the pieces the tokenizer cuts off everyday phrases. Found on a
12345 export with a wage burst: 请人社 (of 请人社部门介入), 不发, 没发, 很着急, 门口 and 突然 were listed as new
terms beside 电子厂 and 欠薪."""
from datetime import date, timedelta

from fazhi.scan.terms import new_terms


def test_fragments_and_place_words_are_no_terms():
    start = date(2026, 9, 1)
    docs = [(start + timedelta(d), "小区楼上装修噪音扰民，物业协调无果") for d in range(50)]
    recent = ["北干某电子厂突然停产，老板跑路，工资一直不发，工友们很着急，在厂门口等，请人社部门介入",
              "电子厂突然停产后九月工资没发，大家很着急，请人社部门帮忙追回欠薪",
              "电子厂欠薪三个月，工资不发也没人管，请人社部门介入，我们都在门口",
              "电子厂突然关门，工资没发，我们还没拿到钱，很着急"]
    docs += [(start + timedelta(55 + i), t) for i, t in enumerate(recent)]
    terms = [t["term"] for t in new_terms(docs, recent_days=7)]
    assert "电子厂" in terms  # the topic is found
    for junk in ("请人社", "不发", "没发", "很着急", "没拿到", "门口", "突然"):
        assert junk not in terms, terms


def test_words_that_start_like_fragments_stay():
    start = date(2026, 9, 1)
    docs = [(start + timedelta(d), "小区楼上装修噪音扰民") for d in range(50)]
    docs += [(start + timedelta(55 + i), "不动产证办不下来，开发商一拖再拖") for i in range(4)]
    terms = [t["term"] for t in new_terms(docs, recent_days=7)]
    assert "不动产" in terms, terms
