"""Audit 5: 说好 (as in 说好的价格不认了) came out as the one new term of a 3,048-post export; discourse words
are no terms."""
from datetime import date, timedelta

from fazhi.scan.terms import new_terms


def test_discourse_words_are_not_new_terms():
    docs = [(date(2026, 3, 1) + timedelta(d), "物业费的事情一直拖着") for d in range(40)]
    docs += [(date(2026, 4, 5) + timedelta(d % 5), f"说好的再生厂{d}号车间臭味又来了，听说之前也有人反映") for d in range(12)]
    terms = [t["term"] for t in new_terms(docs, recent_days=7, end=date(2026, 4, 9))]
    assert "臭味" in terms and "车间" in terms
    assert not {"说好", "听说", "之前", "有人"} & set(terms), terms
