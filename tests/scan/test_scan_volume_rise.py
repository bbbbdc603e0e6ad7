"""Audit 5: the backlog day after a holiday (every district and type well above its usual) raised per-district
alerts, though nothing emerged in any one district. A series' expected count is scaled by how much all the
other posts rose over the same days; a rise of one district alone still alerts."""
import random
from datetime import date, timedelta

from fazhi.scan.scanner import Post, scan

DISTRICTS = ["锦江区", "青羊区", "金牛区", "武侯区", "成华区", "龙泉驿区"]
TEXTS = ["楼上邻居半夜拖凳子，说了也不听", "物业电梯又坏了，老人上不了楼", "老板拖欠两个月工资没发", "网购的手机是翻新机，商家不退",
         "小区门口的餐馆油烟太大", "朋友借了两万块不还", "医院做完手术伤口感染了", "房东不退押金", "骑电动车被小车刮倒了"]


def _poisson(rng, lam):
    import math
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _stream(backlog_everywhere: bool, one_district: str | None = None):
    rng = random.Random(7)
    posts, n = [], 0
    for d in range(50):
        for dist in DISTRICTS:
            k = _poisson(rng, 8.0)
            if d == 30 and (backlog_everywhere or dist == one_district):
                k = 28  # three and a half times the usual 8
            for _ in range(k):
                n += 1
                posts.append(Post(f"p{n}", f"{rng.choice(TEXTS)}，第{n}号，{rng.choice(['急', '请处理', '谢谢'])}",
                                  date(2026, 3, 1) + timedelta(d), dist))
    return posts


def _district_alerts_on_day_30(r):
    day = (date(2026, 3, 1) + timedelta(30)).isoformat()
    return [a for a in r["alerts"] if a["type"] is None and a["start"] <= day <= a["end"]]


def test_a_rise_everywhere_is_no_district_alert():
    assert _district_alerts_on_day_30(scan(_stream(True))) == []


def test_a_rise_in_one_district_still_alerts():
    got = _district_alerts_on_day_30(scan(_stream(False, "金牛区")))
    assert [a["district"] for a in got] == ["金牛区"]
