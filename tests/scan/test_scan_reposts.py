"""Audit 5: one Weibo post reposted 40 times over two days (评论//@用户:原文) from every district raised a 医疗
alert per type and in four districts, though it is one incident. Burst series count a reposted text once;
the counts keep every post; the reposts still show as a cluster, marked with how many are reposts."""
import random
from datetime import date, timedelta

from fazhi.scan.scanner import Post, scan

DISTRICTS = ["锦江区", "青羊区", "金牛区", "武侯区", "成华区"]
BACKGROUND = ["楼上邻居半夜拖凳子，说了也不听", "物业电梯又坏了，老人上不了楼", "老板拖欠两个月工资没发",
              "网购的手机是翻新机，商家不退", "小区门口的餐馆油烟太大", "朋友借了两万块不还", "医院做完手术伤口感染了"]
VIRAL = "【扩散】某医院急诊科患者排队六小时无人接诊，家属拍视频求助，这就是我们的医疗？#看病难#"


def _posts(reposts: bool):
    rng = random.Random(3)
    posts, n = [], 0
    for d in range(40):
        for dist in DISTRICTS:
            for _ in range(rng.randint(1, 3)):
                n += 1
                posts.append(Post(f"b{n}", f"{rng.choice(BACKGROUND)}，{rng.choice(['急', '请处理', '谢谢', '求助'])}{n}",
                                  date(2026, 3, 1) + timedelta(d), dist))
    if reposts:
        for k in range(40):
            n += 1
            pre = rng.choice(["转发微博", "太过分了", "", "心寒"])
            posts.append(Post(f"v{k}", f"{pre}//@网友{k % 7}:{rng.choice(['转', '唉'])}//@城市热点:{VIRAL}",
                              date(2026, 3, 30) + timedelta(k // 25), DISTRICTS[k % 5]))
    posts.sort(key=lambda p: p.date)
    return posts


def test_reposts_of_one_post_raise_no_alert():
    r = scan(_posts(True))
    assert not [a for a in r["alerts"] if "2026-03-30" <= a["end"] and a["start"] <= "2026-03-31"], r["alerts"]
    assert r["reposts"] == 39
    assert sum(c["count"] for c in r["counts"]) == r["posts"]  # the counts keep every post
    viral = [c for c in r["clusters"] if c.get("reposts")]
    assert len(viral) == 1 and viral[0]["size"] == 40 and viral[0]["reposts"] == 39


def test_posts_written_alike_are_still_counted():
    # the same complaint written by forty people (no //@) is forty posts: it still raises an alert
    posts = _posts(False)
    for k in range(30):
        posts.append(Post(f"c{k}", f"金牛区洪安村村民反映：征地补偿款每亩比相邻村少了一万二，恳请领导过问。村民{k}",
                          date(2026, 3, 30) + timedelta(k // 15), "金牛区"))
    posts.sort(key=lambda p: p.date)
    r = scan(posts)
    assert "reposts" not in r
    assert any(a["district"] == "金牛区" and a["start"] <= "2026-03-31" and a["end"] >= "2026-03-30" for a in r["alerts"])


def test_a_cluster_of_reposts_is_summed_up_by_the_reposted_text():
    r = scan(_posts(True))
    viral = next(c for c in r["clusters"] if c.get("reposts"))
    assert "//@" not in viral["summary"] and "【扩散】某医院急诊科" in viral["summary"], viral["summary"]


def test_the_report_says_which_cluster_is_reposts():
    from fazhi.scan.report import render_report

    page = render_report(scan(_posts(True)))
    assert "of which reposts" in page and "<td>39</td>" in page
    assert "39 reposts of posts already seen are counted once" in page
