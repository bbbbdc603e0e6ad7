"""Scanning a synthetic stream with injected bursts, clusters and repeat parties (seeded, known answers)."""
import json
from datetime import date, timedelta

import pytest

from fazhi.scan.bursts import detect_bursts, poisson_score
from fazhi.scan.clusters import near_duplicate_groups
from fazhi.scan.parties import mask, repeat_parties
from fazhi.scan.scanner import Post, parse_date, scan
from fazhi.scan.synthetic import evaluate_alerts, synthetic_stream

D0 = date(2024, 1, 1)


def _series(counts):
    return {D0 + timedelta(i): c for i, c in enumerate(counts)}


@pytest.mark.parametrize("counts,expected", [
    ([1, 0, 1, 2, 1, 0, 1, 1, 0, 1, 2, 1, 0, 1, 1, 0, 1, 1, 2, 1], []),            # flat
    ([1, 0, 1, 2, 1, 0, 1, 1, 0, 1, 9, 11, 0, 1, 1, 0, 1, 1, 2, 1], [(10, 11)]),   # sharp, two days
    ([0] * 20 + [3, 3, 4, 3, 3, 4, 3] + [0] * 5, [(20, 26)]),                    # slow, a week
    ([5, 6, 4, 5, 7, 5, 4, 6, 5, 5, 6, 4, 5, 7, 6, 5, 4, 5, 6, 5], []),           # busy but steady
    ([0] * 15 + [2] + [0] * 10, []),                                             # below min_count
])
def test_detect_bursts_table(counts, expected):
    got = [((b.start - D0).days, (b.end - D0).days) for b in detect_bursts(_series(counts))]
    assert got == expected


def test_burst_fields():
    (b,) = detect_bursts(_series([1] * 20 + [10] + [1] * 5))
    assert b.count == 10 and b.baseline == pytest.approx(1.0, abs=0.3) and b.score > 3.5
    assert b.to_dict()["start"] == (D0 + timedelta(20)).isoformat()
    assert poisson_score(0, 1.0) == 0.0 and poisson_score(200, 0.5) > 100  # no overflow to inf


@pytest.fixture(scope="module")
def stream_results():
    out = []
    for seed in (0, 1, 2):
        s = synthetic_stream(seed=seed)
        posts = [Post(p["id"], p["text"], parse_date(p["date"]), p["district"], p) for p in s.posts]
        out.append((s, scan(posts)))
    return out


def test_injected_bursts_found_precisely(stream_results):
    for s, r in stream_results:
        events = s.bursts + s.clusters
        e = evaluate_alerts(r["alerts"], events)
        assert e["recall"] == 1.0, (s.bursts, r["alerts"])
        assert e["precision"] >= 0.9, [a for a in r["alerts"]]
        for b in s.bursts:  # the exact type x district alert exists and covers the injected days
            hits = [a for a in r["alerts"] if a["type"] == b["type"] and a["district"] == b["district"]
                    and a["start"] <= b["start"] and a["end"] >= b["end"]]
            assert hits, b
            assert hits[0]["count"] >= b["extra"] and hits[0]["baseline"] < hits[0]["count"] / 5


def test_alert_shape(stream_results):
    a = stream_results[0][1]["alerts"][0]
    assert {"type", "district", "start", "end", "count", "baseline", "score"} <= set(a)
    assert a["statutes"] and a["statutes"][0]["citation"].startswith("《")


def test_injected_clusters_found(stream_results):
    for s, r in stream_results:
        found = [set(c["ids"]) for c in r["clusters"]]
        for c in s.clusters:
            assert any(set(c["ids"]) == f for f in found), (c["ids"], found)
        assert len(r["clusters"]) == len(s.clusters)  # background posts form no cluster of 3
        for c in r["clusters"]:
            assert {"size", "district", "date", "ids", "risk", "summary"} <= set(c)
            assert c["size"] == len(c["ids"])
        truth = {c["district"] for c in s.clusters}
        assert {c["district"] for c in r["clusters"]} == truth


def test_cluster_risk_and_statutes(stream_results):
    s, r = stream_results[0]
    wage = next(c for c in r["clusters"] if c["type"] == "劳动争议")
    assert wage["risk"] in ("medium", "high") and "讨薪" in wage["signals"]
    assert wage["statutes"][0]["citation"] == "《中华人民共和国劳动合同法》第三十条"


def test_repeat_parties_found_and_masked(stream_results):
    for s, r in stream_results:
        got = {tuple(sorted(p["ids"])) for p in r["repeat_parties"]}
        for p in s.parties:
            assert tuple(sorted(p["ids"])) in got
        dumped = json.dumps(r["repeat_parties"], ensure_ascii=False)
        for p in s.parties:
            assert p["phone"] not in dumped and p["name"] not in dumped
            assert mask("phone", p["phone"]) in dumped


def test_counts_add_up(stream_results):
    s, r = stream_results[1]
    assert sum(c["count"] for c in r["counts"]) == len(s.posts) == r["posts"]
    assert sum(r["by_type"].values()) == sum(r["by_district"].values()) == len(s.posts)


def test_since_filters():
    s = synthetic_stream(seed=5, days=20)
    posts = [Post(p["id"], p["text"], parse_date(p["date"]), p["district"]) for p in s.posts]
    r = scan(posts, since="2024-03-11")
    assert r["period"]["start"] >= "2024-03-11" and r["posts"] == sum(p.date >= date(2024, 3, 11) for p in posts)
    assert scan([], since="2024-03-11")["posts"] == 0


def test_near_duplicates_tolerate_edits_not_topics():
    texts = ["幸福小区物业乱收停车费每月300元业主强烈反对", "幸福小区物业乱收停车费每月450元全体业主强烈反对！",
             "【业主心声】幸福小区物业乱收停车费，每月300元，业主强烈反对", "幸福小区电梯坏了物业不修",
             "锦绣花园物业乱收垃圾费", "楼上邻居半夜跺脚"]
    assert near_duplicate_groups(texts) == [[0, 1, 2]]


def test_names_alone_do_not_link():
    recs = [("a", "我叫王伟，楼上漏水", {}), ("b", "我叫王伟，工资没发", {}), ("c", "本人王伟", {})]
    assert repeat_parties(recs) == []
    assert repeat_parties(recs, names_alone=True)[0]["ids"] == ["a", "b", "c"]


def test_case_parties_stay_apart():
    case = ("med-1", "申请人张三与被申请人李四……", {"parties": [{"name": "张三", "phone": "13900001111"},
                                                       {"name": "李四", "phone": "13900002222"}]})
    posts = [("p1", "电话13900001111，漏水", {}), ("p2", "联系电话13900001111", {})]
    (party,) = repeat_parties(posts + [case])
    assert party["ids"] == ["p1", "p2", "med-1"] and "139****2222" not in party["party"]


def test_phone_numbers_link_whatever_their_format():
    posts = [("p1", "电话13812345678，停车费乱涨", {}), ("p2", "联系电话：138-1234-5678。", {}),
             ("p3", "手机 +86 138 1234 5678", {}), ("p4", "座机(0571)88886666", {}), ("p5", "0571-88886666 再次反映", {}),
             ("p6", "订单号2023138123456789，金额1381234567元", {}), ("c1", "", {"phone": "138 1234 5678"})]
    parties = repeat_parties(posts)
    assert sorted(p["ids"] for p in parties) == [["p1", "p2", "p3", "c1"], ["p4", "p5"]]
    assert {p["party"] for p in parties} == {"138****5678", "057****6666"}


def test_trend_chart_smooths_long_periods_and_shades_local_bursts():
    from fazhi.scan.report import trend_svg

    def result(days):
        counts = [{"date": (date(2025, 3, 1) + timedelta(d)).isoformat(), "district": "西湖区", "type": "物业",
                   "count": 1 + (d % 3)} for d in range(days)]
        alerts = [{"scope": "type×district", "type": "物业", "district": "西湖区", "start": "2025-03-05",
                   "end": "2025-03-07"}]
        return {"period": {"start": "2025-03-01", "days": days}, "counts": counts, "by_type": {"物业": days},
                "alerts": alerts}

    long, short = trend_svg(result(60)), trend_svg(result(14))
    assert "7-day mean" in long and "7-day mean" not in short
    assert "fill: #d62728" in short  # the type×district burst is shaded
