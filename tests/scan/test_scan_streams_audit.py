"""Streams audit (benchmarks/scan_streams_audit.py, keys in tests/fixtures/scan/streams_audit/): the shapes of
real hotline volume that raised false alerts on the first run — one caller ringing fifteen times, a repost
written as exports render it (转发了@原博 的微博：原文), a district merged into another — each on a small stream."""
import json
import random
from datetime import date, timedelta
from pathlib import Path

from fazhi.scan.bursts import renamed_series
from fazhi.scan.parties import same_day_repeats
from fazhi.scan.scanner import Post, scan

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scan" / "streams_audit"
START = date(2026, 3, 2)
DISTRICTS = ["海曙区", "江北区", "鄞州区", "镇海区", "北仑区"]
TEXTS = ["小区物业电梯又坏了，老人上不了楼", "老板拖欠两个月工资没发", "网购的冰箱到货就是坏的，商家不退",
         "朋友借了两万块不还", "房东不退押金", "骑电瓶车被小车刮倒了，对方保险不赔", "楼下烧烤店油烟太大"]
NOISE = ["楼上邻居半夜拖椅子，说了好几次也不听", "还是楼上的噪音，晚上根本睡不着", "楼上在跺脚，我要求马上派人来",
         "楼上那户又开始吵了，你们记下来", "楼上敲地板敲到现在，我一分钟都睡不着"]


def _poisson(rng, lam):
    import math
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _stream(days=40, districts=DISTRICTS, rename=None):
    """Background posts: each district about 6 a day; ``rename=(old, new, day)`` writes old's posts as new's
    from that day on."""
    rng = random.Random(11)
    posts = []
    for d in range(days):
        for dist in districts:
            for _ in range(_poisson(rng, 6.0)):
                n = len(posts) + 1
                written = rename[1] if rename and dist == rename[0] and d >= rename[2] else dist
                posts.append(Post(f"p{n}", f"{rng.choice(TEXTS)}，第{n}号，{rng.choice(['急', '请处理', '谢谢'])}",
                                  START + timedelta(d), written, {"phone": f"139{n:08d}"}))
    return posts


def _noise(day, district, phone, n, start=0):
    rng = random.Random(phone + str(n))
    return [Post(f"n{phone}-{start + k}", f"市民来电：{rng.choice(NOISE)}，第{k}次。", START + timedelta(day), district,
                 {"phone": phone}) for k in range(n)]


def test_one_caller_fifteen_times_is_a_repeat_party_not_an_alert():
    posts = _stream() + _noise(30, "海曙区", "13805746613", 15)
    r = scan(posts)
    day = (START + timedelta(30)).isoformat()
    assert [a for a in r["alerts"] if a["start"] <= day <= a["end"] and a["district"] in ("海曙区", None)
            and a["type"] in ("邻里", None)] == []
    assert r["same_caller_repeats"] == 14
    assert any(p["count"] == 15 and "138****6613" in p["party"] for p in r["repeat_parties"])


def test_fifteen_different_callers_still_alert():
    posts = _stream()
    for k in range(15):
        posts += _noise(30, "海曙区", f"1380574{k:04d}", 1, start=k)
    r = scan(posts)
    day = (START + timedelta(30)).isoformat()
    # no other district has 邻里 posts here, so the type's alert is the district's
    assert any(a["type"] == "邻里" and a["district"] in ("海曙区", None) and a["start"] <= day <= a["end"]
               for a in r["alerts"])


def test_same_day_repeats_count_a_person_once_a_day_per_matter():
    recs = [("d1", "楼上吵", {"phone": "13805746613"}, "邻里"), ("d1", "楼上还在吵，电话13805746613", {}, "邻里"),
            ("d2", "楼上吵", {"phone": "13805746613"}, "邻里"), ("d1", "工资没发", {"phone": "13805746613"}, "劳动争议"),
            ("d1", "我叫王芳，楼上吵", {}, "邻里"), ("d1", "我叫王芳，楼上吵", {}, "邻里")]
    # the same phone in the text is the same person; another day or another matter counts again; a name alone is
    # too weak to say two posts are one person's
    assert same_day_repeats(recs) == {1}


def test_a_repost_as_exports_render_it_raises_no_alert():
    viral = "【求扩散】鄞州惠风和畅小区电梯突然从十八楼下坠，里面有老人和孩子，物业至今没有说法！"
    posts = _stream()
    for k in range(30):
        posts.append(Post(f"v{k}", f"{['转发微博', '太可怕了', '', '同城帮转'][k % 4]} 转发了@甬城热议 的微博：{viral}",
                          START + timedelta(20 + k // 20), DISTRICTS[k % 5]))
    r = scan(posts)
    assert r["reposts"] == 29
    day = (START + timedelta(20)).isoformat()
    assert [a for a in r["alerts"] if a["start"] <= day <= a["end"]] == []


def test_a_merged_district_goes_on_under_its_new_name():
    posts = _stream(days=60, districts=DISTRICTS + ["江东区"], rename=("江东区", "鄞州区", 40))
    r = scan(posts)
    assert r["renamed_districts"] == [{"district": "江东区", "as": "鄞州区", "since": (START + timedelta(40)).isoformat()}]
    assert [a for a in r["alerts"] if a["district"] == "鄞州区"] == []
    assert r["by_district"]["江东区"] > 0  # the counts keep what the export wrote


def test_a_district_that_rises_alone_is_no_rename():
    d0 = date(2026, 4, 1)
    days = [d0 + timedelta(i) for i in range(50)]
    other = {d: 6 for d in days}
    rising = {d: 6 if i < 30 else 12 for i, d in enumerate(days)}  # nothing stopped: a real rise, left to the bursts
    quiet = {d: 5 if i < 30 else 4 for i, d in enumerate(days)}
    assert renamed_series({"海曙区": other, "鄞州区": rising, "江北区": quiet}, d0, days[-1]) == {}


def test_a_split_off_district_is_read_as_its_old_one():
    d0 = date(2026, 4, 1)
    days = [d0 + timedelta(i) for i in range(50)]
    old = {d: 12 if i < 25 else 7 for i, d in enumerate(days)}
    new = {d: 0 if i < 25 else 5 for i, d in enumerate(days)}
    other = {d: 6 for d in days}
    assert renamed_series({"余杭区": old, "临平区": new, "西湖区": other}, d0, days[-1]) == {"临平区": ("余杭区", days[25])}


def test_the_keys_were_written_for_the_generator():
    import hashlib
    import importlib.util

    spec = importlib.util.spec_from_file_location("streams_audit_generate", FIX / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    for name in ("S4", "S6"):
        data, key = gen.generate(name)
        assert json.loads((FIX / f"{name}.key.json").read_text(encoding="utf-8"))["sha256"] == \
            hashlib.sha256(data.encode("utf-8")).hexdigest()


FORMULA = ["来电人反映：{}工厂让我们每天加班三个小时，加班费从来不算，希望协调处理。",
           "诉求人反映：{}工厂让我们每天加班三个小时，加班费从来不算。要求尽快解决。",
           "市民来电：{}工厂让我们每天加班三个小时，加班费从来不算，请相关部门核实处理。"]
PLACES = ["海曙", "江北", "鄞州", "镇海", "北仑", "奉化"]


def test_a_formula_that_recurs_all_period_is_no_cluster_but_a_campaign_is():
    from fazhi.scan.clusters import near_duplicate_groups

    # the same matter in a call-taker's formula, from different callers every four or five days for three months
    texts = [FORMULA[k % 3].format(PLACES[k % 6]) for k in range(20)]
    days = [START + timedelta(4 * k + k % 2) for k in range(20)]
    assert near_duplicate_groups(texts) != []  # near-copies by the definition
    assert near_duplicate_groups(texts, days=days) == []
    # the same texts sent within three days (plus the stray ones) are a coordinated complaint
    texts2 = texts + [FORMULA[k % 3].format(PLACES[k % 6]) for k in range(12)]
    days2 = days + [START + timedelta(40 + k // 4) for k in range(12)]
    got = near_duplicate_groups(texts2, days=days2)
    assert set(range(20, 32)) <= set().union(*map(set, got))
    assert sum(len(set(g) - set(range(20, 32))) for g in got) <= 3  # at most the stray ones of those days


def test_a_chance_week_of_a_word_in_use_is_no_new_term():
    from fazhi.scan.terms import new_terms

    docs = [(START + timedelta(d), "小区电梯又坏了，物业不修") for d in range(100) for _ in range(5)]
    docs += [(START + timedelta(d * 10), "邻组把界碑挪了，占了我家的山") for d in range(9)]  # 9 in 90 days
    docs += [(START + timedelta(95 + d), "邻组把界碑挪了，占了我家的山") for d in range(3)]  # 3 in the last week
    docs += [(START + timedelta(95 + d), "以房养老的公司骗老人去公证抵押房产") for d in range(3)]  # never seen before
    terms = {t["term"] for t in new_terms(docs, recent_days=7)}
    # its rate rose over four times (3 of 41 posts against 9 of 474) but 3 where 0.8 are usual is chance
    assert "界碑" not in terms and "邻组" not in terms
    assert "以房养老" in terms or "养老" in terms


def _weekly(k):
    """Three districts of neighbour noise (8 posts a weekday, 2 a weekend day) and 奉化区's wage posts (5 a
    weekday, 1 a weekend day), with ``k`` wage posts on the Monday of day 42."""
    start = date(2026, 3, 2)  # a Monday
    posts = []
    for d in range(56):
        weekend = (start + timedelta(d)).weekday() >= 5
        for dist in DISTRICTS[:3]:
            posts += [Post(f"{dist}{d}-{j}", f"楼上邻居半夜拖椅子，说了也不听，第{d}天{j}", start + timedelta(d), dist)
                      for j in range(2 if weekend else 8)]
        n = k if d == 42 else 1 if weekend else 5
        posts += [Post(f"w{d}-{j}", f"老板拖欠两个月工资没发，第{d}天{j}", start + timedelta(d), "奉化区") for j in range(n)]
    return posts


def test_a_weekday_is_measured_against_weekdays():
    # 13 wage posts on a Monday where weekdays bring 5 (p = 0.0014 against weekdays) is no burst; the EWMA
    # baseline averages in the quiet weekends and only the everyday rise of all other posts on weekdays says so
    assert scan(_weekly(13))["alerts"] == []
    assert {(a["type"], a["district"]) for a in scan(_weekly(16))["alerts"]} >= {("劳动争议", None)}
