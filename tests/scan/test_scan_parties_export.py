"""Repeat parties on a hotline export as 12345 systems write it: the 来电人 column holds 杨先生 / 王女士 for most
callers, and a common name comes with different phones. Found by scanning a 331-row export: every 杨先生 had been
one party (31 calls, 34 phone numbers), because a surname with a title was read as a name and a name linked the
phones of everyone who gave it."""
import csv

from fazhi.scan.parties import identifiers, repeat_parties
from fazhi.scan.scanner import read_posts, scan


def test_a_surname_with_a_title_is_no_name():
    recs = [(f"p{i}", "楼上漏水", {"name": "杨先生", "phone": f"1390000{i:04d}"}) for i in range(5)]
    recs += [("q1", "物业乱收费", {"name": "王女士"}), ("q2", "停车难", {"name": "王女士"})]
    assert repeat_parties(recs) == []
    assert repeat_parties(recs, names_alone=True) == []
    assert identifiers("来电人第四次来电，称楼道杂物仍未清理") == set()  # 第四次 is no name


def test_a_name_does_not_bridge_two_phones():
    recs = [("a", "我叫王伟，电话13900001111，楼上漏水", {}), ("b", "联系电话13900001111，漏水还没修", {}),
            ("c", "我叫王伟，电话13700002222，工资没发", {}), ("d", "13700002222 工资还是没发", {}),
            ("e", "本人王伟，再次反映", {})]  # which 王伟? neither party takes it
    parties = repeat_parties(recs)
    assert sorted(p["ids"] for p in parties) == [["a", "b"], ["c", "d"]]
    assert all("王*" not in p["party"] for p in parties)


def test_a_name_joins_the_one_party_it_came_with():
    recs = [("a", "我叫张三，电话13812345678，物业乱收费", {}), ("b", "本人张三，物业又来收费了", {}),
            ("c", "电话13812345678", {})]
    (party,) = repeat_parties(recs)
    assert party["ids"] == ["a", "b", "c"] and party["party"] == "张* / 138****5678"


def test_hotline_export_callers(tmp_path):
    f = tmp_path / "12345.csv"
    rows = [["工单编号", "来电时间", "来电号码", "来电人", "所属区县", "诉求内容"]]
    for i in range(6):  # six different callers, all 杨先生
        rows.append([f"GD{i}", f"2026-09-0{i + 1}", f"1390000{i:04d}", "杨先生", "西湖区", f"小区{i}号楼电梯坏了"])
    for i in range(3):  # one caller three times
        rows.append([f"GD{10 + i}", f"2026-09-1{i}", "13957112345", "周先生", "拱墅区", "楼道杂物堆放，反映多次无果"])
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    r = scan(read_posts(f))
    assert [(p["party"], p["posts"]) for p in r["repeat_parties"]] == [("139****2345", ["GD10", "GD11", "GD12"])]


def test_a_number_given_for_someone_else_links_nobody():
    """Workers of one wage burst who all name their boss's phone are different people; so are residents who
    all name the property office's line. Before, the boss's number made five callers one party."""
    recs = [(f"w{i}", "在电子厂上班，老板电话13800001111一直关机，工资没发", {"phone": f"1390000{i:04d}"})
            for i in range(5)]
    recs += [("x1", "物业客服电话0571-88886666打不通", {"phone": "13700000001"}),
             ("x2", "物业电话0571-88886666一直没人接", {"phone": "13700000002"})]
    assert repeat_parties(recs) == []
    # the caller's own number beside it still counts
    assert identifiers("来电人联系电话13957112345，称其老板手机13800001111关机") == {("phone", "13957112345")}
    assert identifiers("物业打我电话13957112345骚扰") == {("phone", "13957112345")}


def test_social_media_accounts_are_parties(tmp_path):
    """Weibo / Douyin / message-board exports name the account (uid, 昵称), not a phone: the same account posting
    again and again is a repeat party, shown masked (the first account column that has a value: user_id before
    screen_name); 匿名 links nobody. Weibo's post id (mid) is the post's id."""
    import json

    from fazhi.scan.report import render_report

    rows = [{"mid": f"m{i}", "created_at": f"2026-10-0{i + 1} 20:15:00", "user_id": "5678901234",
             "screen_name": "维权的小王", "text": t, "district": "余杭区"}
            for i, t in enumerate(["#烂尾楼# 开发商又拖了一个月 @某某住建", "今天又去售楼处了，还是没人管😡",
                                   "第三次发了，求关注 #维权#"])]
    rows += [{"mid": f"a{i}", "created_at": "2026-10-05", "user_id": "匿名", "text": f"路灯坏了{i}", "district": "西湖区"}
             for i in range(3)]
    f = tmp_path / "weibo.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    r = scan(read_posts(f))
    assert [(p["party"], p["posts"]) for p in r["repeat_parties"]] == [("5********4", ["m0", "m1", "m2"])]
    dumped = json.dumps(r, ensure_ascii=False) + render_report(r)
    assert "5678901234" not in dumped and "维权的小王" not in dumped


def test_a_nickname_column_is_an_account(tmp_path):
    f = tmp_path / "留言板.csv"
    rows = [["留言编号", "留言时间", "昵称", "留言内容"]]
    rows += [[f"L{i}", f"2026-10-0{i + 1}", "维权的小王", f"小区第{i}次停水，物业不管"] for i in range(3)]
    rows += [["L9", "2026-10-09", "路人甲乙", "路灯坏了"]]
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    r = scan(read_posts(f))
    assert [(p["party"], p["posts"]) for p in r["repeat_parties"]] == [("维***王", ["L0", "L1", "L2"])]
