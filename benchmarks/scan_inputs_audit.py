"""Audit of `fazhi scan FILE` on inputs as analysts receive them: 17 small export files written the way
hotline (12345 工单导出), message-board (留言板) and crawler systems write them, each keyed with what an analyst
expects before the first run. Run from the repository root:

    .venv/bin/python benchmarks/scan_inputs_audit.py make     # (re)write tests/fixtures/scan/inputs_audit/
    .venv/bin/python benchmarks/scan_inputs_audit.py [--out benchmarks/out/scan-inputs-audit.json]

The files (see FILES below): xlsx with a merged title row, export notes and merged group headers above the
header; a two-level header (vertical merges) with Excel serial dates in General cells; a cover sheet before
the data sheet; header cells wrapped with Alt+Enter; a 合计 row with an uncomputed formula and a 制表人
footer; GBK CSV 工单导出 (工单编号/受理时间/诉求内容/所属区县/承办单位/来电号码) with two exports appended; a
UTF-8-BOM message-board CSV with multi-line texts and a 所属街道 column; a TSV with 市辖区 district values and
texts opening with an ASCII quote; Excel's "Unicode text" (UTF-16 TSV, .txt); a CSV of web-table pages
(header and 序号 restarting on each page, 第N页 lines); district as a cascade (浙江省/杭州市/西湖区) or short
name (滨江); a JSON array of Weibo crawler items (nested mblog/user, relative display dates, the place only in
the text); nested JSONL from a board crawler; mongoexport JSONL ({"$oid"}, {"$date"}); an API dump wrapped in
{"code","data":{"list":[...]}} with camelCase keys; a CSV mixing every date form and one with no district
column but addresses in the text.

The key (key.json, written by ``make`` from the generator's own construction, never from fazhi's output) says
per file: posts read, their (day, district) pairs, period, the bad rows (line: a word the reason must
hold), the lines that are no posts (repeated header, 合计, page and footer lines: they must not be read as
posts and, if reported, the reason must say what they are), planted bursts (district, days) and clusters
(a marker every planted copy holds).

Line numbers: CSV/TSV the physical line where the record starts; xlsx the Excel row; JSON array the item
(1-based); JSONL the line.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "scan" / "inputs_audit"

DISTRICTS = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区"]
STREETS = {"上城区": ["湖滨街道", "清波街道", "小营街道"], "拱墅区": ["米市巷街道", "湖墅街道", "大关街道"],
           "西湖区": ["文新街道", "北山街道", "翠苑街道"], "滨江区": ["西兴街道", "长河街道", "浦沿街道"],
           "萧山区": ["北干街道", "城厢街道", "新塘街道"], "余杭区": ["良渚街道", "五常街道", "仓前街道"],
           "临平区": ["临平街道", "南苑街道", "东湖街道"], "钱塘区": ["下沙街道", "白杨街道", "义蓬街道"]}
ROADS = {"上城区": ["解放路", "清泰街"], "拱墅区": ["湖墅南路", "莫干山路"], "西湖区": ["文三路", "天目山路"],
         "滨江区": ["江南大道", "滨盛路"], "萧山区": ["金城路", "市心北路"], "余杭区": ["文一西路", "良渚路"],
         "临平区": ["星桥路", "南苑街"], "钱塘区": ["学林街", "文泽路"]}
PLACES = ["金色家园", "桂花城", "翠苑一区", "嘉绿苑", "和睦新村", "景芳三区", "采荷人家", "滨江花园", "东方郡", "江南春城",
          "城北人家", "北干山小区", "良渚文化村", "万科城", "星桥花苑", "下沙公寓", "白杨小区", "闻涛苑", "星光大道", "春江花月"]
OPEN = ["来电人反映：", "市民来电称，", "", "网友留言：", "诉求人表示，", "来电反映：", "业主反映，", ""]
TAIL = ["，希望相关部门尽快处理。", "，请求协调解决。", "。", "，要求给个说法。", "，请有关部门核实。", "，多次反映无果。"]
FACTS = {
    "物业": ["{p}物业把消防通道划成收费车位", "{p}电梯隔三岔五停运，上周还困了人", "{p}地下车库一下雨就积水，物业推给开发商",
           "{p}物业费今年涨了没开业主大会", "{p}门禁坏了快一个月没人修", "{p}垃圾站好几天才清一次，臭到楼上"],
    "邻里": ["{p}楼上住户半夜弹钢琴，敲门不开", "{p}邻居在楼道堆纸壳还给电瓶车充电", "{p}隔壁空调外机装在我家窗下滴水不停",
           "{p}对门养的狗不拴绳天天乱叫", "{p}邻居把公共过道封起来当储物间", "{p}楼上卫生间漏水渗到我家厨房"],
    "劳动争议": ["在{p}附近一家餐馆打工，老板拖了两个月工资", "在快递网点做分拣，负责人每月无故扣五百", "在装修队干了半年，老板不签合同不交社保",
             "公司说我旷工把我开除了，一分补偿没有", "离职一个月了，最后一个月工资还没结", "在{p}的工厂上班手被划伤，老板不给认定工伤"],
    "消费": ["在{p}旁边超市买到过期酸奶，店家只退不赔", "在{p}的美发店充了两千会员卡，店面转让了", "网上买的电动车骑一周电池鼓包，商家推诿",
           "家具店送来的沙发和样品颜色不一样，不给退", "洗衣店把羽绒服洗坏了只赔三十块", "直播间买的保健品客服一直不回消息"],
    "借贷": ["朋友三年前借了我四万一直不还，微信也把我删了", "同事借了一万块说下月还，现在辞职走了", "借给亲戚钱没打借条，现在他不承认",
           "网贷平台利息高得离谱，借五千要还九千"],
    "交通事故": ["骑电动车在{p}路口被小车刮倒，对方只肯出医药费", "停在{p}路边的车被撞了，肇事司机跑了", "坐公交急刹车摔伤，公交公司推给保险公司"],
    "婚姻家庭": ["丈夫长期不回家也不给孩子生活费", "离婚后对方不让我看孩子", "母亲八十多岁了，兄弟几个谁都不愿意赡养"],
}
MIX = {"物业": 4, "邻里": 3, "劳动争议": 3, "消费": 3, "借贷": 2, "交通事故": 1, "婚姻家庭": 1}
START = date(2026, 3, 1)
EXCEL_EPOCH = date(1899, 12, 30)


class Post:
    """One row the generator writes and what it should be read as."""

    def __init__(self, pid, when: datetime, district, text, phone="", street=None):
        self.id, self.when, self.district, self.text, self.phone = pid, when, district, text, phone
        self.street = street
        self.day = when.date()
        self.expect_district = district  # what the row should be read as (set by each file's writer)


def _text(rng, t):
    fact = rng.choice(FACTS[t]).replace("{p}", rng.choice(PLACES))
    return rng.choice(OPEN) + fact + rng.choice(TAIL)


def _background(rng, days, per_day, prefix, districts=DISTRICTS, start=START):
    types = [t for t, w in MIX.items() for _ in range(w)]
    posts = []
    for d in range(days):
        for _ in range(per_day + rng.choice((-1, 0, 0, 1))):
            when = datetime.combine(start + timedelta(d), datetime.min.time()) + timedelta(
                minutes=rng.randrange(8 * 60, 21 * 60))
            dist = rng.choice(districts)
            posts.append(Post("", when, dist, _text(rng, rng.choice(types)), street=rng.choice(STREETS[dist])))
    return posts


def _finish(posts, prefix, rng):
    posts.sort(key=lambda p: p.when)
    for i, p in enumerate(posts, 1):
        p.id = p.id or f"{prefix}{p.when:%Y%m%d}{i:04d}"
    return posts


def _burst(rng, district, days, per_day, bank, start=START):
    out = []
    for d in days:
        for k in range(per_day):
            when = datetime.combine(start + timedelta(d), datetime.min.time()) + timedelta(
                minutes=rng.randrange(7 * 60, 22 * 60))
            out.append(Post("", when, district, rng.choice(OPEN) + bank[(d * per_day + k) % len(bank)]
                            + rng.choice(TAIL), street=rng.choice(STREETS[district])))
    return out


def _copies(rng, district, days, n, letter, marker):
    """n near-copies of one coordinated letter (each holding ``marker``), small edits each."""
    greet = ["尊敬的领导：", "领导您好，", "", "各位领导："]
    ends = ["恳请领导重视！", "望尽快答复。", "", "请求政府为我们做主。"]
    out = []
    for k in range(n):
        d = days[k % len(days)]
        when = datetime.combine(START + timedelta(d), datetime.min.time()) + timedelta(minutes=rng.randrange(480, 1200))
        body = letter.replace("{n}", str(rng.choice((30, 40, 50, 60))))
        out.append(Post("", when, district, greet[k % 4] + marker + body + ends[(k // 2) % 4],
                        street=rng.choice(STREETS[district])))
    return out


BURST_WY = ["湖畔花园小区停水三天了，物业一直说在修", "湖畔花园二次供水泵坏了，高层一滴水都没有", "湖畔花园停水第二天，老人孩子没法洗漱，物业电话打不通",
            "湖畔花园小区又停水了，物业贴个通知就不管了", "湖畔花园小区水压低到楼上根本用不了水", "湖畔花园连续停水，物业说要等配件",
            "湖畔花园小区停水问题物业拖着不解决", "湖畔花园业主群都在骂物业，停水好几天了", "湖畔花园住了十年第一次停水这么久，物业没人管"]
BURST_HJ = ["滨盛路化工厂晚上偷排废气，味道刺鼻", "滨盛路那边一到半夜就有股化学品臭味，窗都不敢开", "滨盛路附近河道颜色发黑，怀疑有厂偷排污水",
            "滨盛路工业区烟囱半夜冒黄烟，小区里都是怪味", "滨盛路附近空气呛人，孩子一直咳嗽，怀疑工厂排放",
            "滨盛路那家厂排的废水流进河里，鱼都死了", "滨盛路的异味连续好几天了，环保部门来看看吧"]
LETTER_ZD = ("我们是萧山区新塘街道横一村的村民，村里征地拆迁补偿标准远低于周边，村干部私下和开发商签了协议，"
             "{n}多户村民的安置房至今没有着落，补偿款也被截留，如果月底前再不解决，我们将集体到区政府反映。")
LETTER_GD = ("我们是西湖区三墩镇某楼盘的业主，开发商承诺的学区配套没有兑现，交房延期半年，"
             "{n}多户业主联名要求开发商按合同赔偿违约金并公开配套规划。")


# -- writers -------------------------------------------------------------------------------------------
def _csv_text(records, delimiter=",", lineterminator="\r\n"):
    """CSV text of ``records`` (lists) and the physical line where each starts (1-based)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator)
    starts, line = [], 1
    for r in records:
        starts.append(line)
        before = buf.tell()
        w.writerow(r)
        line += buf.getvalue()[before:].count("\n")
    return buf.getvalue(), starts


def _workbook():
    import openpyxl

    wb = openpyxl.Workbook()
    fixed = datetime(2026, 4, 1, 9, 0, 0)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    return wb


def _save(wb, path):
    wb.save(path)


def _serial(dt: datetime) -> float:
    return round((dt - datetime.combine(EXCEL_EPOCH, datetime.min.time())).total_seconds() / 86400, 5)


class Key:
    def __init__(self):
        self.files = {}

    def add(self, name, posts, bad=None, not_posts=None, bursts=(), clusters=(), parties=(), note=""):
        pairs = Counter(f"{p.day.isoformat()}|{p.expect_district}" for p in posts)
        days = sorted(p.day for p in posts)
        self.files[name] = {
            "note": note, "posts": len(posts), "pairs": dict(sorted(pairs.items())),
            "districts": dict(Counter(p.expect_district for p in posts).most_common()),
            "period": [days[0].isoformat(), days[-1].isoformat()],
            "bad": {str(k): v for k, v in (bad or {}).items()},
            "not_posts": {str(k): v for k, v in (not_posts or {}).items()},
            "bursts": list(bursts), "clusters": list(clusters), "parties": list(parties)}


# the words a reason must hold for a line that is no post, if the reader mentions it at all
NOT_POST_WORDS = {"header": ("表头", "header", "标题行"), "total": ("合计", "total", "汇总"),
                  "page": ("页", "page"), "footer": ("制表", "footer", "表尾", "备注", "说明")}


def make(out: Path = FIXTURES) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    key = Key()

    # F01 ---- xlsx: title row merged across, export notes, group headers merged across, real header; a burst of
    # 物业 (湖畔花园 停水) in 西湖区 on days 19-22; districts written three ways; empty rows; a 合计 row
    rng = random.Random(101)
    posts = _background(rng, 30, 4, "GD") + _burst(rng, "西湖区", range(19, 23), 6, BURST_WY)
    posts = _finish(posts, "GD", rng)
    wb = _workbook()
    ws = wb.active
    ws.title = "工单明细"
    ws.append(["杭州市12345政务服务热线工单明细表（2026年3月）"])
    ws.merge_cells("A1:G1")
    ws.append(["导出时间：2026-04-01 09:00:00", None, None, "导出人：指挥中心"])
    ws.append(["基本信息", None, "诉求信息", None, None, "来电人信息", None])
    ws.merge_cells("A3:B3")
    ws.merge_cells("C3:E3")
    ws.merge_cells("F3:G3")
    ws.append(["工单编号", "受理时间", "诉求内容", "所属区县", "承办单位", "来电号码", "办结时间"])
    forms = [lambda d: d, lambda d: "杭州市" + d, lambda d: "浙江省杭州市" + d]
    row = 4
    for i, p in enumerate(posts):
        if i in (40, 41, 90):
            ws.append([])
            row += 1
        ws.append([p.id, p.when, p.text, forms[i % 3](p.district), p.district + "住建局", "", p.when + timedelta(days=3)])
        row += 1
        ws.cell(row=row, column=2).number_format = "yyyy-mm-dd hh:mm"
        ws.cell(row=row, column=7).number_format = "yyyy-mm-dd hh:mm"
    ws.append(["合计", None, f"共{len(posts)}件"])
    row += 1
    _save(wb, out / "f01_gongdan_title_merged.xlsx")
    key.add("f01_gongdan_title_merged.xlsx", posts, not_posts={row: "total"},
            bursts=[{"district": "西湖区", "type": "物业", "start": "2026-03-20", "end": "2026-03-23"}],
            note="title row, notes row and merged group headers above the header; 合计 row")

    # F02 ---- xlsx: two-level header (工单编号 / 诉求内容 / 区县 merged down, 受理信息 merged across over 受理时间 |
    # 受理渠道); dates as Excel serial numbers in General cells
    rng = random.Random(102)
    posts = _finish(_background(rng, 15, 3, "RX"), "RX", rng)
    wb = _workbook()
    ws = wb.active
    ws.append(["工单编号", "受理信息", None, "诉求内容", "区县"])
    ws.append([None, "受理时间", "受理渠道", None, None])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:D2")
    ws.merge_cells("E1:E2")
    for p in posts:
        ws.append([p.id, _serial(p.when), rng.choice(["电话", "网站", "微信"]), p.text, p.district])
    _save(wb, out / "f02_two_level_header.xlsx")
    key.add("f02_two_level_header.xlsx", posts, note="two-level header with vertical merges; serial dates")

    # F03 ---- GBK CSV 工单导出, two exports appended (the second header repeats), a 合计 row; a row without 受理时间,
    # one with 2026/2/30; a coordinated 征地拆迁 letter (10 copies, 萧山区, days 9-11); one caller four times
    rng = random.Random(103)
    posts = _background(rng, 24, 3, "ZJ") + _copies(rng, "萧山区", [9, 10, 11], 10, LETTER_ZD, "横一村征地补偿")
    posts = _finish(posts, "ZJ", rng)
    caller = [p for p in posts if "横一村" not in p.text][5:40:10]
    for p, ph in zip(caller, ["13905712345", "139-0571-2345", "139 0571 2345", "+86 13905712345"]):
        p.phone = ph
    header = ["工单编号", "受理时间", "诉求内容", "所属区县", "承办单位", "来电号码"]
    recs, kinds = [header], ["header0"]
    half = len(posts) // 2
    for i, p in enumerate(posts):
        if i == half:
            recs.append(header)
            kinds.append("header")
        recs.append([p.id, f"{p.when.year}/{p.when.month}/{p.when.day} {p.when:%H:%M}", p.text, p.district,
                     rng.choice([p.district + "司法局", p.street + "办事处"]), p.phone])
        kinds.append(p)
    recs.insert(20, ["ZJ-NODATE-1", "", "小区门口的早餐摊占道经营，油烟很大", "拱墅区", "拱墅区城管局", ""])
    kinds.insert(20, "bad-date")
    recs.insert(31, ["ZJ-BADDATE-2", "2026/2/30 10:15", "快递驿站把我的包裹弄丢了，不肯赔", "上城区", "上城区市场监管局", ""])
    kinds.insert(31, "bad-value")
    recs.append(["合计", "", f"{len(posts) + 2}件", "", "", ""])
    kinds.append("total")
    text, starts = _csv_text(recs)
    (out / "f03_gongdan_gbk.csv").write_bytes(text.encode("gbk"))
    bad = {s: ("受理时间" if k == "bad-date" else "2026/2/30") for s, k in zip(starts, kinds) if k in ("bad-date", "bad-value")}
    notp = {s: k for s, k in zip(starts, kinds) if k in ("header", "total")}
    key.add("f03_gongdan_gbk.csv", posts, bad=bad, not_posts=notp,
            clusters=[{"marker": "横一村征地补偿", "district": "萧山区"}],
            parties=[{"marker_ids": [p.id for p in caller], "masked": "139****2345"}],
            note="GBK, appended exports, 合计, missing and impossible dates, a letter campaign, one caller")

    # F04 ---- UTF-8-BOM CSV of a message board: 留言编号/留言标题/留言内容/留言时间/所属街道 (streets only), 2026年3月5日
    # dates, multi-line texts, a title-only row, a multi-line row without a date, reply columns
    rng = random.Random(104)
    posts = _finish(_background(rng, 20, 2, "LY"), "LY", rng)
    for p in posts:
        p.expect_district = p.street
    header = ["留言编号", "留言标题", "留言内容", "留言时间", "所属街道", "回复内容", "回复时间"]
    recs, kinds = [header], ["header0"]
    for i, p in enumerate(posts):
        body = p.text if i % 4 else p.text.replace("，", "，\n", 1) + "\n\n（网友留言，来自手机端）"
        if i == 7:
            body = ""  # a title-only row: the title is the post
            p.text = "关于小区消防通道被占的问题"
        recs.append([p.id, "关于" + p.text[:8] + "的问题" if i != 7 else p.text, body,
                     f"{p.day.year}年{p.day.month}月{p.day.day}日", p.street, "已转相关部门办理" if i % 3 else "",
                     (p.day + timedelta(days=5)).isoformat() if i % 3 else ""])
        kinds.append(p)
    recs.insert(12, ["LY-X1", "小区门口占道", "小区门口有人长期占道摆摊，\n晚上吵到十一点\n\n希望城管管一管", "", "文新街道", "", ""])
    kinds.insert(12, "bad")
    text, starts = _csv_text(recs)
    (out / "f04_board_bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    key.add("f04_board_bom.csv", posts, bad={s: "留言时间" for s, k in zip(starts, kinds) if k == "bad"},
            note="BOM, CRLF, multi-line texts, streets only, a title-only post, a multi-line row without a date")

    # F05 ---- TSV from a database dump (no quoting): 序号/来电时间/来电内容/区县/地址/来电号码; ISO +08:00 times;
    # 区县 with 市辖区 variants (the county then comes from 地址); texts opening with an ASCII quote
    rng = random.Random(105)
    posts = _finish(_background(rng, 14, 3, "", districts=["拱墅区", "上城区", "西湖区"]), "", rng)
    lines = ["序号\t来电时间\t来电内容\t区县\t地址\t来电号码"]
    for i, p in enumerate(posts, 1):
        road = rng.choice(ROADS[p.district])
        county = [p.district, f"浙江省杭州市市辖区{p.district}", "杭州市市辖区", "市辖区", f"{p.district}（330105）"
                  if p.district == "拱墅区" else p.district][i % 5]
        text = p.text if i % 6 else f'"一户一表"改造拖了两年，{p.text}'
        p.text = text
        lines.append(f"{i}\t{p.when:%Y-%m-%dT%H:%M:%S}+08:00\t{text}\t{county}\t杭州市{p.district}{road}{rng.randrange(1, 400)}号\t")
        p.id = str(i)
    (out / "f05_hotline_dump.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    key.add("f05_hotline_dump.tsv", posts, note="unquoted TSV, 市辖区 variants with the county in 地址, leading quotes")

    # F06 ---- JSON array of Weibo crawler items: nested mblog / user; created_at in Weibo's form, a few only as the
    # app displays them (昨天 14:22, 3分钟前: no day can be known); the place only in the text
    rng = random.Random(106)
    posts = _finish(_background(rng, 10, 3, "", districts=["西湖区", "余杭区", "滨江区"]), "", rng)
    items, bad = [], {}
    for i, p in enumerate(posts):
        road = ROADS[p.district][i % 2]
        place = [f"杭州市{p.district}{road}", f"{p.district}{road}", f"{p.district}{p.street}", ""][i % 4]
        if not place:
            p.expect_district = "未知"
        p.text = (f"#杭州身边事# {place}，{p.text}" if place else f"#杭州身边事# {p.text}")
        mid = str(4990000000000000 + i * 7919)
        p.id = mid
        items.append({"mblog": {"mid": mid, "created_at": p.when.replace(tzinfo=timezone(timedelta(hours=8))).strftime(
            "%a %b %d %H:%M:%S +0800 %Y"), "text": p.text, "reposts_count": rng.randrange(0, 30),
            "user": {"id": 6000000000 + i, "screen_name": f"杭州网友{i:03d}"}}, "scheme": f"https://m.weibo.cn/status/{mid}"})
    for k, shown in ((5, "昨天 14:22"), (17, "3分钟前")):
        items.insert(k, {"mblog": {"mid": f"49999{k}", "created_at": shown, "text": "#杭州身边事# 西湖区文三路的共享单车堆成山，人行道都走不了",
                                   "user": {"id": 1, "screen_name": "路人"}}})
        bad[k + 1] = shown
    (out / "f06_weibo_crawler.json").write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    key.add("f06_weibo_crawler.json", posts, bad=bad, note="nested mblog/user, place only in the text, relative dates")

    # F07 ---- nested JSONL from a board crawler: content.title/body, meta.publish_time (Java 2026-03-05 14:22:00.0),
    # meta.location.{province,city,district}, author.nickname
    rng = random.Random(107)
    posts = _finish(_background(rng, 12, 3, "BD"), "BD", rng)
    lines = []
    for p in posts:
        lines.append(json.dumps({"id": p.id, "content": {"title": p.text[:10], "body": p.text},
                                 "meta": {"publish_time": f"{p.when:%Y-%m-%d %H:%M:%S}.0", "source": "留言板",
                                          "location": {"province": "浙江省", "city": "杭州市", "district": p.district}},
                                 "author": {"nickname": "网友" + p.id[-3:]}}, ensure_ascii=False))
    (out / "f07_board_crawler.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    key.add("f07_board_crawler.jsonl", posts, note="nested content/meta/location keys; Java timestamp .0")

    # F08 ---- mongoexport JSONL: _id {"$oid"}, created_at {"$date": ISO Z} (or canonical {"$numberLong"}), address
    rng = random.Random(108)
    posts = _finish(_background(rng, 10, 3, "", districts=["余杭区", "临平区", "钱塘区"]), "", rng)
    lines = []
    for i, p in enumerate(posts):
        if i % 7 == 3:  # late evening China time: the day in UTC is the day before
            p.when = p.when.replace(hour=23, minute=40)
        utc = p.when.replace(tzinfo=timezone(timedelta(hours=8))).astimezone(timezone.utc)
        p.id = f"65e{i:021x}"
        when = ({"$date": utc.strftime("%Y-%m-%dT%H:%M:%S.000Z")} if i % 2 else
                {"$date": {"$numberLong": str(int(utc.timestamp() * 1000))}})
        lines.append(json.dumps({"_id": {"$oid": p.id}, "content": p.text, "created_at": when,
                                 "address": f"浙江省杭州市{p.district}{p.street}"}, ensure_ascii=False))
    (out / "f08_mongoexport.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    key.add("f08_mongoexport.jsonl", posts, note="mongoexport $oid / $date (ISO and $numberLong), UTC to China day")

    # F09 ---- CSV without a district or address column: the place is written in the text
    rng = random.Random(109)
    posts = _finish(_background(rng, 10, 4, "TX"), "TX", rng)
    recs = [["编号", "日期", "内容"]]
    for i, p in enumerate(posts):
        road = ROADS[p.district][i % 2]
        lead = [f"来电人反映：杭州市{p.district}{road}{rng.randrange(1, 300)}号，", f"{p.district}{p.street}居民反映，",
                f"地址：杭州市{p.district}{p.street}某小区。", f"市民来电称，{p.district}{road}附近，", ""][i % 5]
        if not lead:
            p.expect_district = "未知"
        p.text = lead + p.text.split("，", 1)[-1] if lead else p.text
        recs.append([p.id, p.day.isoformat(), p.text])
    text, _ = _csv_text(recs, lineterminator="\n")
    (out / "f09_text_address.csv").write_text(text, encoding="utf-8")
    key.add("f09_text_address.csv", posts, note="no district column: the county of the address in the text")

    # F10 ---- CSV mixing every date form the channels write; bad: no year, 2026-02-30, 暂无, empty
    rng = random.Random(110)
    posts = _finish(_background(rng, 12, 2, "DT"), "DT", rng)
    forms = [lambda w: f"{w.year}/{w.month}/{w.day} {w:%H:%M}", lambda w: f"{w.year}年{w.month}月{w.day}日",
             lambda w: f"{w:%Y-%m-%dT%H:%M:%S}+08:00", lambda w: str(int(_serial(w))), lambda w: f"{_serial(w):.4f}",
             lambda w: f"{w:%Y-%m-%d %H:%M:%S}.0", lambda w: f"{w.year}.{w.month}.{w.day}", lambda w: f"{w:%Y%m%d}",
             lambda w: f"{w.year}年{w.month}月{w.day}日{w.hour}时{w.minute}分", lambda w: f"{w:%Y/%m/%d %H:%M:%S}",
             lambda w: (w - timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ"), lambda w: f"{w:%Y-%m-%d %H:%M}"]
    recs, kinds = [["id", "date", "text", "district"]], ["h"]
    for i, p in enumerate(posts):
        recs.append([p.id, forms[i % len(forms)](p.when), p.text, p.district])
        kinds.append(p)
    badrows = [("DT-B1", "3月5日 14:22", "3月5日"), ("DT-B2", "2026-02-30", "2026-02-30"), ("DT-B3", "暂无", "暂无"),
               ("DT-B4", "", "date")]
    for k, (rid, v, word) in enumerate(badrows):
        recs.insert(5 + 6 * k, [rid, v, "楼下饭店油烟直排，熏得没法开窗", "上城区"])
        kinds.insert(5 + 6 * k, word)
    text, starts = _csv_text(recs)
    (out / "f10_dates_mixed.csv").write_text(text, encoding="utf-8")
    key.add("f10_dates_mixed.csv", posts, bad={s: k for s, k in zip(starts, kinds) if isinstance(k, str) and k != "h"},
            note="twelve date forms in one file; four bad dates")

    # F11 ---- xlsx: header cells wrapped with Alt+Enter (工单\n编号), text dates, a 9,000-character letter
    rng = random.Random(111)
    posts = _finish(_background(rng, 10, 2, "CX"), "CX", rng)
    posts[3].text = ("信访人反映：" + "我家老房子在拆迁范围内，评估价格远低于市场价，多次找拆迁办沟通未果，" * 200
                     + "请求依法重新评估。")[:9000]
    wb = _workbook()
    ws = wb.active
    ws.append(["工单\n编号", "受理\n时间", "诉求\n内容", "所属\n区县", "办结\n时间"])
    for p in posts:
        ws.append([p.id, f"{p.when:%Y-%m-%d %H:%M}", p.text, p.district, ""])
    _save(wb, out / "f11_wrapped_header_long.xlsx")
    key.add("f11_wrapped_header_long.xlsx", posts, note="header cells with line breaks; a 9,000-character text")

    # F12 ---- xlsx with a cover sheet (导出说明) before the data sheet
    rng = random.Random(112)
    posts = _finish(_background(rng, 8, 3, "FM"), "FM", rng)
    wb = _workbook()
    ws = wb.active
    ws.title = "导出说明"
    for line in ["本表由12345热线系统导出", "数据范围：2026年3月1日至3月8日", "字段说明：受理时间为工单登记时间，所属区县为事发地"]:
        ws.append([line])
    ws2 = wb.create_sheet("工单数据")
    ws2.append(["工单编号", "受理时间", "诉求内容", "所属区县"])
    for p in posts:
        ws2.append([p.id, p.when, p.text, p.district])
        ws2.cell(row=ws2.max_row, column=2).number_format = "yyyy/m/d h:mm"
    _save(wb, out / "f12_cover_sheet.xlsx")
    key.add("f12_cover_sheet.xlsx", posts, note="cover sheet first; the data on sheet 2")

    # F13 ---- CSV with the district as a cascade (浙江省/杭州市/西湖区, 浙江省-杭州市-滨江区, 杭州市 > 上城区) or a
    # short name (滨江); a burst of 环境污染 in 滨江区 on days 15-18
    rng = random.Random(113)
    posts = _background(rng, 25, 3, "JL", districts=["上城区", "西湖区", "滨江区", "拱墅区"]) + _burst(
        rng, "滨江区", range(15, 19), 5, BURST_HJ)
    posts = _finish(posts, "JL", rng)
    casc = [lambda d: f"浙江省/杭州市/{d}", lambda d: f"浙江省-杭州市-{d}", lambda d: f"杭州市 > {d}", lambda d: d,
            lambda d: d[:-1], lambda d: f"浙江省 杭州市 {d}"]
    recs = [["事项编号", "提交时间", "事项描述", "所在区域"]]
    for i, p in enumerate(posts):
        recs.append([p.id, f"{p.when:%Y-%m-%d %H:%M:%S}", p.text, casc[i % len(casc)](p.district)])
    text, _ = _csv_text(recs)
    (out / "f13_cascade_district.csv").write_text(text, encoding="utf-8")
    key.add("f13_cascade_district.csv", posts,
            bursts=[{"district": "滨江区", "type": "环境污染", "start": "2026-03-16", "end": "2026-03-19"}],
            note="district as a cascade or a short name; a 环境污染 burst")

    # F14 ---- CSV copied from a web table's pages: header and 序号 restarting on every page, a 第N页 line after
    # each page, blank lines; an 8-copy letter spread over the pages (西湖区)
    rng = random.Random(114)
    posts = _background(rng, 14, 4, "", districts=["西湖区", "拱墅区", "上城区"]) + _copies(
        rng, "西湖区", [4, 6, 8, 10], 8, LETTER_GD, "学区配套未兑现")
    posts = _finish(posts, "", rng)
    header = ["序号", "来电时间", "来电内容", "所属区域"]
    recs, kinds = [], []
    per = 25
    pages = (len(posts) + per - 1) // per
    for pg in range(pages):
        recs.append(header)
        kinds.append("header" if pg else "header0")
        for j, p in enumerate(posts[pg * per:(pg + 1) * per], 1):
            recs.append([str(j), f"{p.when:%Y-%m-%d %H:%M}", p.text, p.district])
            kinds.append(p)
        recs.append([f"第{pg + 1}页，共{pages}页"])
        kinds.append("page")
        recs.append([])
        kinds.append("blank")
    text, starts = _csv_text(recs)
    (out / "f14_web_pages.csv").write_text(text, encoding="utf-8")
    key.add("f14_web_pages.csv", posts, not_posts={s: k for s, k in zip(starts, kinds) if k in ("header", "page")},
            clusters=[{"marker": "学区配套未兑现", "district": "西湖区"}],
            note="pages pasted together: header and 序号 restart, page lines; a letter campaign")

    # F15 ---- Excel's "Unicode 文本" (UTF-16LE with BOM, tabs, CRLF, quoted multi-line cells) saved as .txt
    rng = random.Random(115)
    posts = _finish(_background(rng, 10, 3, "UT"), "UT", rng)
    recs = [["工单编号", "受理时间", "诉求内容", "所属区县"]]
    for i, p in enumerate(posts):
        if i % 5 == 2:
            p.text = p.text.replace("，", "，\n", 1)
        recs.append([p.id, f"{p.when.year}/{p.when.month}/{p.when.day} {p.when:%H:%M}", p.text, p.district])
    text, _ = _csv_text(recs, delimiter="\t")
    (out / "f15_excel_unicode.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    key.add("f15_excel_unicode.txt", posts, note="UTF-16 tab-separated text as Excel saves it")

    # F16 ---- an API dump: {"code":200,"data":{"total":N,"list":[...]}} with camelCase keys (createTime, areaName,
    # replyTime, replyContent), pretty-printed
    rng = random.Random(116)
    posts = _finish(_background(rng, 10, 3, "AP"), "AP", rng)
    lst = [{"id": p.id, "title": p.text[:12], "content": p.text, "replyContent": "已转交属地街道处理",
            "createTime": f"{p.when:%Y-%m-%d %H:%M:%S}", "replyTime": f"{p.when + timedelta(days=4):%Y-%m-%d %H:%M:%S}",
            "areaName": p.district, "status": 2} for p in posts]
    (out / "f16_api_dump.json").write_text(json.dumps({"code": 200, "msg": "操作成功", "data": {
        "total": len(lst), "pageNum": 1, "pageSize": 500, "list": lst}}, ensure_ascii=False, indent=2), encoding="utf-8")
    key.add("f16_api_dump.json", posts, note="a JSON object wrapping the list; camelCase keys")

    # F17 ---- xlsx: serial dates and phones as plain numbers, a 合计 row whose formula has no cached value, a
    # 制表人 footer
    rng = random.Random(117)
    posts = _finish(_background(rng, 12, 3, "NB"), "NB", rng)
    for p in posts[2:30:9]:
        p.phone = 13857112233
    wb = _workbook()
    ws = wb.active
    ws.append(["2026年3月来电登记表"])
    ws.append(["工单号", "来电日期", "来电内容", "所属区域", "来电号码"])
    for p in posts:
        ws.append([p.id, _serial(p.when), p.text, p.district, p.phone or None])
    n = ws.max_row
    ws.append(["合计", None, f"=COUNTA(C3:C{n})"])
    ws.append([])
    ws.append(["制表人：李四", None, "审核人：王五", None, "制表日期：2026年4月1日"])
    _save(wb, out / "f17_numbers_footer.xlsx")
    key.add("f17_numbers_footer.xlsx", posts, not_posts={n + 1: "total", n + 3: "footer"},
            parties=[{"marker_ids": [p.id for p in posts[2:30:9]], "masked": "138****2233"}],
            note="numbers for dates and phones; 合计 formula; 制表人 footer")

    (out / "key.json").write_text(json.dumps(key.files, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return key.files


BURST_LD = ["临平那家服装厂突然停工，老板拖欠我们三个月工资", "服装厂老板跑路了，我们几十个工人工资没着落", "在临平服装厂干了两年，工资拖了三个月一分没发",
            "服装厂停产了，厂里说没钱发工资让我们等", "服装厂拖欠工资，工人们天天去厂门口等老板", "临平服装厂欠薪，劳动监察能不能管一管",
            "服装厂倒闭了，社保也断缴了好几个月", "服装厂拖欠的工资和加班费老板不认账"]


def make2(out: Path = FIXTURES / "round2") -> dict:
    """Round 2: eight more files, keyed (like round 1) before their first run, after round 1's fixes."""
    out.mkdir(parents=True, exist_ok=True)
    key = Key()

    # R01 ---- an "Excel" export that is an HTML table saved as .xls (many hotline systems do this), GBK, title row
    rng = random.Random(201)
    posts = _finish(_background(rng, 10, 3, "HX"), "HX", rng)
    cells = lambda r: "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>"  # noqa: E731
    rows = ['<tr><td colspan="5">12345热线工单导出（2026年3月）</td></tr>',
            cells(["工单编号", "受理时间", "诉求内容", "所属区县", "办结时间"])]
    rows += [cells([p.id, f"{p.when:%Y-%m-%d %H:%M:%S}", p.text, p.district, ""]) for p in posts]
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>'
            '<table border="1">' + "\n".join(rows) + "</table></body></html>")
    (out / "r01_html_table.xls").write_bytes(html.encode("gbk"))
    key.add("r01_html_table.xls", posts, note="an HTML table saved as .xls, GBK")

    # R02 ---- tab-separated GBK text saved as .xls
    rng = random.Random(202)
    posts = _finish(_background(rng, 10, 3, "TX"), "TX", rng)
    lines = ["工单编号\t来电时间\t来电内容\t所属区域"] + [
        f"{p.id}\t{p.when.year}/{p.when.month}/{p.when.day} {p.when:%H:%M}\t{p.text}\t{p.district}" for p in posts]
    (out / "r02_tsv_named.xls").write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    key.add("r02_tsv_named.xls", posts, note="tab-separated GBK text saved as .xls")

    # R03 ---- m.weibo.cn's API answer saved whole: data.cards[].mblog, HTML in the text, region_name 发布于 浙江
    rng = random.Random(203)
    posts = _finish(_background(rng, 8, 3, "", districts=["西湖区", "拱墅区"]), "", rng)
    cards = []
    for i, p in enumerate(posts):
        place = f"{p.district}{ROADS[p.district][i % 2]}" if i % 3 else ""
        if not place:
            p.expect_district = "未知"
        p.id = str(5000000000000000 + i * 104729)
        text = (f'<a href="/search?q=%23杭州%23">#杭州#</a> {place}，{p.text}<span class="url-icon"><img alt="[怒]" '
                f'src="x.png"></span>' if place else f"{p.text}<br />")
        cards.append({"card_type": 9, "mblog": {"id": p.id, "mid": p.id, "text": text, "region_name": "发布于 浙江",
                                                "created_at": p.when.replace(tzinfo=timezone(timedelta(hours=8))).strftime(
                                                    "%a %b %d %H:%M:%S +0800 %Y"),
                                                "user": {"id": 7000 + i, "screen_name": f"用户{i}", "location": "浙江 杭州"}}})
    (out / "r03_weibo_api.json").write_text(json.dumps({"ok": 1, "data": {"cardlistInfo": {"page": 2}, "cards": cards}},
                                                       ensure_ascii=False, indent=1), encoding="utf-8")
    key.add("r03_weibo_api.json", posts, note="m.weibo.cn cards; HTML text; region_name is a province")

    # R04 ---- GB18030 CSV: times with 上午/下午 as Windows writes them, microseconds; 所属地区 杭州市-西湖区; a rare 𠮷
    rng = random.Random(204)
    posts = _finish(_background(rng, 10, 3, "AM"), "AM", rng)
    forms = [lambda w: f"{w.year}/{w.month}/{w.day} {'上午' if w.hour < 12 else '下午'} {(w.hour - 1) % 12 + 1:02d}:{w:%M:%S}",
             lambda w: f"{w:%Y-%m-%d %H:%M:%S}.000000", lambda w: f"{w.year}-{w.month}-{w.day} {w.hour}:{w:%M}"]
    recs = [["工单编号", "受理时间", "诉求内容", "所属地区"]]
    for i, p in enumerate(posts):
        if i == 4:
            p.text = "𠮷祥小区" + p.text
        recs.append([p.id, forms[i % 3](p.when), p.text, f"杭州市-{p.district}"])
    text, _ = _csv_text(recs)
    (out / "r04_ampm_gb18030.csv").write_bytes(text.encode("gb18030"))
    key.add("r04_ampm_gb18030.csv", posts, note="上午/下午 times, microseconds, GB18030, 杭州市-西湖区")

    # R05 ---- xlsx: six lines of query notes and blank rows above the header; a 合计 row right under the header;
    # 序号 and 工单编号; masked phone numbers; 诉求标题 and 诉求内容
    rng = random.Random(205)
    posts = _finish(_background(rng, 10, 3, "QN"), "QN", rng)
    wb = _workbook()
    ws = wb.active
    for line in ["工单查询结果", "查询条件：受理时间 2026-03-01 至 2026-03-10", "工单来源：全部", "工单状态：全部", "承办单位：全部",
                 "导出时间：2026-03-11 08:00"]:
        ws.append([line])
    ws.append([])
    ws.append([])
    ws.append(["序号", "工单编号", "反映时间", "诉求标题", "诉求内容", "所属区县", "联系电话"])
    ws.append(["合计", None, None, None, f"{len(posts)}件"])
    total_row = ws.max_row
    for i, p in enumerate(posts, 1):
        ws.append([i, p.id, p.when, p.text[:10], p.text, p.district, "138****5678" if i % 4 == 0 else "159****0000"])
        ws.cell(row=ws.max_row, column=3).number_format = "yyyy-mm-dd hh:mm:ss"
    _save(wb, out / "r05_notes_block.xlsx")
    key.add("r05_notes_block.xlsx", posts, not_posts={total_row: "total"}, note="notes block, 合计 under the header")

    # R06 ---- a Douyin crawler's JSONL: create_time in Unix seconds, author.uid, ip_label a province, poi.address
    rng = random.Random(206)
    posts = _finish(_background(rng, 8, 3, "", districts=["余杭区", "临平区"]), "", rng)
    lines = []
    for i, p in enumerate(posts):
        p.id = str(7300000000000000000 + i)
        secs = int(p.when.replace(tzinfo=timezone(timedelta(hours=8))).timestamp())
        lines.append(json.dumps({"aweme_id": p.id, "desc": p.text, "create_time": secs, "ip_label": "浙江",
                                 "author": {"uid": str(900000 + i), "nickname": f"抖友{i}"},
                                 "poi": {"poi_name": "某小区", "address": f"浙江省杭州市{p.district}{p.street}"},
                                 "statistics": {"digg_count": i}}, ensure_ascii=False))
    (out / "r06_douyin.jsonl").write_text("\ufeff" + "\n".join(lines) + "\n\n", encoding="utf-8")
    key.add("r06_douyin.jsonl", posts, note="Unix seconds, nested poi.address, ip_label a province, BOM")

    # R07 ---- a board CSV with 区县 and 所属街道: 区县 empty on some rows (the street alone, 临平街道, names no county;
    # the 事发地址 does); a 劳动争议 burst in 临平区 on days 10-13
    rng = random.Random(207)
    posts = _background(rng, 20, 3, "LP", districts=["临平区", "余杭区", "钱塘区"]) + _burst(
        rng, "临平区", range(10, 14), 5, BURST_LD)
    posts = _finish(posts, "LP", rng)
    recs = [["编号", "发布时间", "留言内容", "区县", "所属街道", "事发地址"]]
    for i, p in enumerate(posts):
        recs.append([p.id, f"{p.when:%Y-%m-%d %H:%M}", p.text, p.district if i % 3 else "", p.street,
                     f"杭州市{p.district}{p.street}{rng.choice(ROADS[p.district])}{rng.randrange(1, 300)}号"])
    text, _ = _csv_text(recs)
    (out / "r07_board_streets.csv").write_text(text, encoding="utf-8")
    key.add("r07_board_streets.csv", posts,
            bursts=[{"district": "临平区", "type": "劳动争议", "start": "2026-03-11", "end": "2026-03-14"}],
            note="county empty on some rows, a street column, the address; a burst")

    # R08 ---- a template's headers (*工单编号, 诉求内容（必填）, 受理时间(yyyy-mm-dd hh:mm)), padded values, full-width
    # digits in dates, a bad row with a date typed as 2026.13.05
    rng = random.Random(208)
    posts = _finish(_background(rng, 8, 3, "TP"), "TP", rng)
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    recs = [["*工单编号", "受理时间(yyyy-mm-dd hh:mm)", "诉求内容（必填）", "所属区县（必填）"]]
    for i, p in enumerate(posts):
        d = f"{p.day.year}年{p.day.month}月{p.day.day}日".translate(full) if i % 2 else f" {p.when:%Y-%m-%d %H:%M} "
        recs.append([f" {p.id} ", d, f" {p.text} ", f" {p.district} "])
    recs.insert(6, ["TP-BAD", "2026.13.05", "小区里有人遛狗不牵绳", "上城区"])
    text, starts = _csv_text(recs)
    (out / "r08_template_headers.csv").write_text(text, encoding="utf-8")
    key.add("r08_template_headers.csv", posts, bad={starts[6]: "2026.13.05"}, note="template headers, padding, full-width")

    (out / "key.json").write_text(json.dumps(key.files, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return key.files


def make3(out: Path = FIXTURES / "round3") -> dict:
    """Round 3: six more files, keyed before their first run, after round 2's fixes."""
    out.mkdir(parents=True, exist_ok=True)
    key = Key()

    # Q01 ---- a workbook from Excel for Mac in the 1904 date system, real date cells
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    rng = random.Random(301)
    posts = _finish(_background(rng, 8, 3, "MC"), "MC", rng)
    wb = _workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["工单编号", "受理时间", "诉求内容", "所属区县"])
    for p in posts:
        ws.append([p.id, p.when, p.text, p.district])
        ws.cell(row=ws.max_row, column=2).number_format = "yyyy/m/d h:mm"
    _save(wb, out / "q01_mac_1904.xlsx")
    key.add("q01_mac_1904.xlsx", posts, note="1904 date system")

    # Q02 ---- Java-style zoned times: 2026-03-05T14:22:00.000+0800 and 2026-03-05 14:22:00 +0800
    rng = random.Random(302)
    posts = _finish(_background(rng, 8, 3, "JV"), "JV", rng)
    recs = [["id", "createdAt", "content", "district"]]
    for i, p in enumerate(posts):
        recs.append([p.id, f"{p.when:%Y-%m-%dT%H:%M:%S}.000+0800" if i % 2 else f"{p.when:%Y-%m-%d %H:%M:%S} +0800",
                     p.text, p.district])
    text, _ = _csv_text(recs)
    (out / "q02_java_times.csv").write_text(text, encoding="utf-8")
    key.add("q02_java_times.csv", posts, note="Java zoned times")

    # Q03 ---- the district in a 所属区划 column (区划 of the division code), a 诉求人电话 column with one caller
    # three times (in the column only, not in the text)
    rng = random.Random(303)
    posts = _finish(_background(rng, 8, 3, "QH"), "QH", rng)
    callers = posts[1:24:8]
    recs = [["工单编号", "受理时间", "诉求内容", "所属区划", "诉求人", "诉求人电话"]]
    for p in posts:
        phone = "13706661234" if p in callers else ""
        recs.append([p.id, f"{p.when:%Y-%m-%d %H:%M}", p.text, p.district, "", phone])
    text, _ = _csv_text(recs)
    (out / "q03_quhua_caller.csv").write_text(text, encoding="utf-8")
    key.add("q03_quhua_caller.csv", posts, parties=[{"marker_ids": [p.id for p in callers], "masked": "137****1234"}],
            note="所属区划; 诉求人电话")

    # Q04 ---- GBK CSV as Excel saves a sheet whose title row spans the columns: 2026年3月工单明细,,,,
    rng = random.Random(304)
    posts = _finish(_background(rng, 8, 3, "EX"), "EX", rng)
    recs = [["2026年3月工单明细", "", "", "", ""], ["", "", "", "", ""],
            ["工单编号", "反映时间", "反映内容", "所属区县", "处理结果"]]
    for p in posts:
        recs.append([p.id, f"{p.when.year}/{p.when.month}/{p.when.day} {p.when:%H:%M}", p.text, p.district, "已办结"])
    text, _ = _csv_text(recs)
    (out / "q04_excel_title_commas.csv").write_bytes(text.encode("gbk"))
    key.add("q04_excel_title_commas.csv", posts, note="title row with trailing commas, 反映内容/反映时间")

    # Q05 ---- a board crawler's JSONL: the department's reply nested ({"reply": {"content", "time"}}), the place
    # as one location string, HTML in the content
    rng = random.Random(305)
    posts = _finish(_background(rng, 8, 3, "RP"), "RP", rng)
    lines = []
    for p in posts:
        lines.append(json.dumps({"id": p.id, "title": p.text[:8], "content": f"<p>{p.text}</p>",
                                 "time": f"{p.when:%Y-%m-%d %H:%M}", "location": f"浙江省杭州市{p.district}",
                                 "reply": {"content": "您好，您反映的问题已转交相关部门。", "time": f"{p.when + timedelta(days=9):%Y-%m-%d}",
                                           "department": "杭州市某局"}}, ensure_ascii=False))
    (out / "q05_board_reply.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    key.add("q05_board_reply.jsonl", posts, note="nested reply, location string, HTML")

    # Q06 ---- a TSV whose last line has no line break and whose blank lines carry tabs only
    rng = random.Random(306)
    posts = _finish(_background(rng, 6, 3, "TB"), "TB", rng)
    lines = ["工单编号\t来电时间\t来电内容\t所属区域"]
    for i, p in enumerate(posts):
        lines.append(f"{p.id}\t{p.when:%Y-%m-%d %H:%M}\t{p.text}\t{p.district}")
        if i % 7 == 3:
            lines.append("\t\t\t")
    (out / "q06_tabs_only_lines.tsv").write_text("\r\n".join(lines), encoding="utf-8")
    key.add("q06_tabs_only_lines.tsv", posts, note="blank lines of tabs, no final line break")

    (out / "key.json").write_text(json.dumps(key.files, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return key.files


# -- scoring -------------------------------------------------------------------------------------------
def _line_of(entry: str, path: Path) -> int | None:
    head = entry.split(": ", 1)[0]
    if head.startswith(str(path)) and head[len(str(path)):].startswith(":"):
        try:
            return int(head[len(str(path)) + 1:])
        except ValueError:
            return None
    return None


def score_file(path: Path, k: dict) -> dict:
    """Run ``fazhi scan FILE --json --items`` and compare with the key entry ``k``."""
    from click.testing import CliRunner

    from fazhi.cli import cli
    from fazhi.scan.scanner import read_posts

    r = CliRunner().invoke(cli, ["scan", str(path), "--json", "--items"])
    res = {"file": path.name, "checks": {}, "problems": []}
    checks = res["checks"]
    if r.exception and not isinstance(r.exception, SystemExit) or r.exit_code not in (0, 2) or not r.stdout.strip():
        res["problems"].append(f"exit {r.exit_code}: {(r.stderr or r.output).strip()[:300]}")
        for c in ("read", "count", "pairs", "districts", "period", "bad", "not_posts", "exit"):
            checks[c] = False
        for c in ("bursts", "clusters", "parties"):
            if k[c]:  # only the checks this file is keyed for
                checks[c] = False
        return res
    out = json.loads(r.stdout)
    checks["read"] = True
    checks["count"] = out["posts"] == k["posts"]
    if not checks["count"]:
        res["problems"].append(f"posts {out['posts']} (key {k['posts']})")
    got_pairs = Counter(f"{it['date']}|{it['district']}" for it in out["items"])
    checks["pairs"] = dict(got_pairs) == k["pairs"]
    if not checks["pairs"]:
        want = Counter(k["pairs"])
        res["problems"].append(f"day|district extra {dict(got_pairs - want)} missing {dict(want - got_pairs)}"[:400])
    checks["districts"] = out["by_district"] == k["districts"]
    if not checks["districts"]:
        res["problems"].append(f"districts {out['by_district']} (key {k['districts']})"[:400])
    checks["period"] = bool(out["period"]) and [out["period"]["start"], out["period"]["end"]] == k["period"]
    skipped = {}
    for s in out["skipped"]:
        skipped[_line_of(s, path)] = s
    bad_ok = all(int(n) in skipped and w in skipped[int(n)] for n, w in k["bad"].items())
    for n, w in k["bad"].items():
        if int(n) not in skipped or w not in skipped[int(n)]:
            res["problems"].append(f"bad line {n} ({w}) reported as {skipped.get(int(n))}")
    notp = {int(n): kind for n, kind in k["not_posts"].items()}
    np_ok = True
    for n, kind in notp.items():
        if n in skipped and not any(w in skipped[n].split(": ", 1)[-1] for w in NOT_POST_WORDS[kind]):
            np_ok = False
            res["problems"].append(f"line {n} ({kind}) reported as {skipped[n]}")
    extra = [s for n, s in skipped.items() if str(n) not in k["bad"] and n not in notp]
    if extra:
        res["problems"].append(f"unexpected skips: {extra[:3]}")
    checks["bad"] = bad_ok and not extra
    checks["not_posts"] = np_ok
    checks["exit"] = r.exit_code == (2 if out["skipped"] else 0) and (r.exit_code == 2) == bool(k["bad"])
    if not checks["exit"]:
        res["problems"].append(f"exit code {r.exit_code}")
    # planted bursts: an alert of the district (per district or type x district) overlapping the days
    if k["bursts"]:
        found = [any(a["district"] == b["district"] and a["start"] <= b["end"] and b["start"] <= a["end"]
                     for a in out["alerts"]) for b in k["bursts"]]
        checks["bursts"] = all(found)
        if not all(found):
            res["problems"].append(f"burst not found; alerts: {[(a['type'], a['district'], a['start']) for a in out['alerts']][:6]}")
    if k["clusters"] or k["parties"]:
        texts = {p.id: p.text for p in read_posts(path, errors=[])}
    if k["clusters"]:
        ok = []
        for c in k["clusters"]:
            planted = {i for i, t in texts.items() if c["marker"] in t}
            ok.append(any(len(set(cl["ids"]) & planted) >= 0.8 * max(len(planted), 1)
                          and len(set(cl["ids"]) & planted) >= 0.8 * len(cl["ids"]) for cl in out["clusters"]))
        checks["clusters"] = all(ok)
        if not all(ok):
            res["problems"].append(f"cluster not found; clusters: {[(c['size'], c['district']) for c in out['clusters']]}")
    if k["parties"]:
        ok = []
        for pa in k["parties"]:
            want = set(pa["marker_ids"])
            ok.append(any(want <= set(p["posts"]) and pa["masked"] in p["party"] for p in out["repeat_parties"]))
        checks["parties"] = all(ok)
        if not all(ok):
            res["problems"].append(f"party not found; parties: {[(p['party'], p['count']) for p in out['repeat_parties']]}")
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", nargs="?", default="score", choices=["score", "make"])
    ap.add_argument("--round", choices=["1", "2", "3", "all"], default="all", help="which files to score")
    ap.add_argument("--out", default=None, help="write the figures as JSON here")
    a = ap.parse_args(argv)
    if a.command == "make":
        files = {**make(), **make2(), **make3()}
        print(f"wrote {len(files)} files and their key.json to {FIXTURES.relative_to(ROOT)} and round2/")
        return 0
    t0 = time.time()
    results = []
    for rnd, folder in (("1", FIXTURES), ("2", FIXTURES / "round2"), ("3", FIXTURES / "round3")):
        if a.round in (rnd, "all"):
            key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
            results += [score_file(folder / name, k) for name, k in key.items()]
    total = Counter()
    right = Counter()
    for r in results:
        for c, ok in r["checks"].items():
            total[c] += 1
            right[c] += bool(ok)
        flag = "ok " if all(r["checks"].values()) else "BAD"
        print(f"{flag} {r['file']}: " + " ".join(f"{c}={'y' if ok else 'n'}" for c, ok in r["checks"].items()))
        for p in r["problems"]:
            print(f"      {p}")
    files_ok = sum(all(r["checks"].values()) for r in results)
    print(f"\nfiles fully right: {files_ok}/{len(results)}; checks: " +
          ", ".join(f"{c} {right[c]}/{total[c]}" for c in total) + f"; {time.time() - t0:.1f} s")
    if a.out:
        Path(a.out).parent.mkdir(parents=True, exist_ok=True)
        Path(a.out).write_text(json.dumps({"files_ok": files_ok, "files": len(results),
                                           "checks": {c: [right[c], total[c]] for c in total}, "results": results},
                                          ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if files_ok == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
