"""Audit 5: near-duplicate pairs are decided by their exact Jaccard, not the MinHash estimate. Two posts of one
matter told in the same formula by different callers (exact Jaccard 0.45) were joined because the 128-permutation
estimate came out above 0.5; over a 3,048-post export that made 14 clusters outside the definition."""
from fazhi.scan.clusters import near_duplicate_groups, shingles

A = "尊敬的领导：您好！装修公司合同里写四十五天完工，三个月了还没完。想知道怎么维权，不想把事情闹大，恳请领导关注。"
B = "装修公司合同里写四十五天完工，三个月了还没完，想知道怎么维权，找过社区也没用 "


def _jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_a_pair_below_the_threshold_is_not_joined():
    assert _jaccard(A, B) < 0.5
    assert near_duplicate_groups([A, B], min_size=2) == []


def test_copies_with_small_edits_still_join():
    base = "幸福小区物业乱收停车费，每月300元，业主强烈反对，请领导过问！"
    texts = [base, base.replace("300", "三百"), "紧急求助：" + base, base.replace("业主", "全体业主")]
    assert all(_jaccard(texts[0], t) >= 0.5 for t in texts[1:])
    assert near_duplicate_groups(texts) == [[0, 1, 2, 3]]
