"""Cluster summaries as an analyst reads them: the hotline's lead-in dropped, phone and ID numbers masked (a
summary goes into the JSON and the HTML report, where identities must not appear), and the clause holding the
threat kept when it lies past the cut. Found on a 12345 export: a cluster of 22 templated 延期交房 complaints was
summed up by its first 60 characters, all grievance and no 将集体到区政府讨说法."""
import json
from datetime import date

from fazhi.scan.report import render_report
from fazhi.scan.scanner import Post, scan


def _posts(template, n=5, district="余杭区"):
    return [Post(f"p{i}", template.format(i=i, phone=f"1395711{i:04d}", id=f"33010619620315{i:03d}8"),
                 date(2026, 10, 20 + i % 3), district) for i in range(n)]


def test_summary_masks_phones_and_id_numbers():
    posts = _posts("来电人反映：我是云璟府业主，联系电话{phone}，身份证号{id}，开发商延期交房，要求退房。")
    r = scan(posts)
    (c,) = r["clusters"]
    assert c["summary"].split("：", 1)[1].startswith("我是云璟府业主")  # no 来电人反映
    assert "139****" in c["summary"] and "330106********" in c["summary"]
    dumped = json.dumps(r, ensure_ascii=False) + render_report(r)
    for p in posts:
        for digits in (p.text.split("联系电话")[1][:11], p.text.split("身份证号")[1][:18]):
            assert digits not in dumped


def test_summary_keeps_the_threat_past_the_cut():
    posts = _posts("来电人反映：我是良渚云璟府{i}幢业主，开发商延期交房已超过一年，至今没有任何说法，购房款都是借的，"
                   "每月还要还房贷和付房租，若本月底前仍不交房，将集体到区政府讨说法。")
    (c,) = scan(posts)["clusters"]
    summary = c["summary"].split("：", 1)[1]
    assert summary.startswith("我是良渚云璟府") and "……" in summary
    assert summary.endswith("若本月底前仍不交房，将集体到区政府讨说法。"), summary


def test_short_summary_is_the_whole_text():
    posts = _posts("诉求人称：小区{i}号楼电梯坏了半个月，物业不修。")
    (c,) = scan(posts)["clusters"]
    assert c["summary"].split("：", 1)[1].startswith("小区") and "……" not in c["summary"]


def test_lead_in_dropped_only_when_it_is_one():
    from fazhi.scan.scanner import _summary_text

    assert _summary_text("12345来电：来电人称丈夫在楼顶", []) == "丈夫在楼顶"
    assert _summary_text("市民来电咨询：离婚手续怎么办", []) == "离婚手续怎么办"
    assert _summary_text("称重不准，菜市场缺斤少两", []) == "称重不准，菜市场缺斤少两"  # 称 of 称重
    assert _summary_text("诉求人在电子厂上班，工资没发", []) == "诉求人在电子厂上班，工资没发"  # 诉求 of 诉求人


def test_high_risk_posts_say_what_they_say_masked():
    """The report's high-risk table listed id, date, type and cue words only: an analyst had to open the export
    for each post. Each high-risk item now carries its text as a summary, numbers masked."""
    posts = [Post("h1", "来电人反映：公司拖欠工资半年，来电人现在人在公司楼顶，说今天不给钱就跳下去，联系电话13957112345。",
                  date(2026, 10, 4), "滨江区"),
             Post("n1", "楼上漏水", date(2026, 10, 4), "滨江区")]
    r = scan(posts)
    (h,) = r["risk"]["high"]
    assert h["id"] == "h1" and h["summary"].startswith("公司拖欠工资半年") and "139****2345" in h["summary"]
    html = render_report(r)
    assert "说今天不给钱就跳下去" in html and "13957112345" not in html + json.dumps(r, ensure_ascii=False)
