"""Dates counted from the day a text was written (今年三月, 上个月15号, 前天, 去年腊月二十三), resolved against a
reference date: extract_dates(ref_date=...), the entity layer, analyze() with a document's own date."""
import datetime as dt
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.document import Document
from fazhi.nlp.extractors import extract_dates

REF = "2025-02-10"  # a Monday, twelve days after 2025's 春节 (2025-01-29)
IN_WINDOW = "2025-01-20"  # between 1 January and 春节: lunar year 2024 still

lunar = pytest.mark.skipif("lunar_python" not in sys.modules and not __import__("importlib").util.find_spec(
    "lunar_python"), reason="lunar dates are converted with lunar-python (the nlp extra)")


def dates(text, ref=REF):
    return [(s.text, s.norm) for s in extract_dates(text, ref_date=ref)]


# (text, reference date, the DATE spans as (text, norm))
CASES = [
    # what mediators and analysts write
    ("去年借给他5万、今年三月到期", REF, [("去年", "2024"), ("今年三月", "2025-03")]),
    ("去年借给他五万元，说好今年3月份还", REF, [("去年", "2024"), ("今年3月份", "2025-03")]),
    ("上个月起不发工资", REF, [("上个月", "2025-01")]),
    ("公司从上月开始拖欠工资", REF, [("上月", "2025-01")]),
    ("前天晚上他带人来砸门", REF, [("前天", "2025-02-08")]),
    ("昨天下午双方在村委会调解", REF, [("昨天", "2025-02-09")]),
    ("大前天他又打电话催债", REF, [("大前天", "2025-02-07")]),
    ("今天上午申请人来到调解室", REF, [("今天", "2025-02-10")]),
    ("对方答应明天把钱送来，后天不送就起诉", REF, [("明天", "2025-02-11"), ("后天", "2025-02-12")]),
    ("他说明天还钱", REF, [("明天", "2025-02-11")]),
    ("大后天开庭", REF, [("大后天", "2025-02-13")]),
    ("昨晚十点楼上漏水", REF, [("昨晚", "2025-02-09")]),
    ("上个月15号发的工资只有一半", "2025-01-10", [("上个月15号", "2024-12-15")]),
    ("本月底前必须搬走", REF, [("本月底", "2025-02")]),
    ("下个月5号前还清", REF, [("下个月5号", "2025-03-05")]),
    ("这个月的房租还没交", REF, [("这个月", "2025-02")]),
    ("上上个月就该交了", "2025-01-10", [("上上个月", "2024-11")]),
    ("上周三在小区门口发生争执", REF, [("上周三", "2025-02-05")]),
    ("下个星期天再来", REF, [("下个星期天", "2025-02-23")]),
    ("上周对方又来闹", REF, [("上周", "2025-W06")]),
    ("本周末前给答复", REF, [("本周末", "2025-W07")]),
    ("三天前他又来要钱", REF, [("三天前", "2025-02-07")]),
    ("我两个月前就把钱还了", REF, [("两个月前", "2024-12")]),
    ("大概一年前签的合同", REF, [("一年前", "2024")]),
    ("两周前收到律师函", REF, [("两周前", "2025-01-27")]),
    ("前年开始租的房子", REF, [("前年", "2023")]),
    ("大前年借的钱", REF, [("大前年", "2022")]),
    ("明年元月到期", REF, [("明年元月", "2026-01")]),
    ("今年年底还清", REF, [("今年年底", "2025")]),
    ("去年底装修完工", REF, [("去年底", "2024")]),
    ("今年初签的合同", REF, [("今年初", "2025")]),
    ("去年8月15号借款1万元，次日转账", REF, [("去年8月15号", "2024-08-15"), ("次日", "2024-08-16")]),
    ("去年3月借款，次年5月还清", REF, [("去年3月", "2024-03"), ("次年5月", "2025-05")]),
    ("去年3月借款，同年12月又借", REF, [("去年3月", "2024-03"), ("同年12月", "2024-12")]),
    ("2019年3月1日借款，去年还了一半", REF, [("2019年3月1日", "2019-03-01"), ("去年", "2024")]),
    ("今年3月1日", "2024-12-31", [("今年3月1日", "2024-03-01")]),
    ("上个月", "2025-01-31", [("上个月", "2024-12")]),
    ("下个月", "2024-12-05", [("下个月", "2025-01")]),
    ("前天", "2024-03-01", [("前天", "2024-02-28")]),  # 2024 is a leap year: 2月29日 in between
    ("全角的上个月１５号", "2025-01-10", [("上个月１５号", "2024-12-15")]),
    # not dates counted from the day of writing
    ("三月份到期", REF, []),  # a month alone: its year is not known (said in January, last March or next?)
    ("15号还钱", REF, []),
    ("年底还清", REF, []),  # no year word: 年底 of which year?
    ("说好三天后还钱", REF, []),  # X天后: mostly counted from an event of the story
    ("案发3天前，被告人曾踩点", REF, []),  # counted from the event, not from the day of writing
    ("借款两个月前，双方已有口角", REF, []),
    ("至今年龄已达六十岁", REF, []),
    ("如今年轻人都不愿意种地", REF, []),
    ("他聪明年轻", REF, []),
    ("最后年限是五年", REF, []),
    ("先天后天都有原因", REF, []),
    ("提前天数不足", REF, []),
    ("祝大家明天会更好", REF, []),
    ("为了美好的明天", REF, []),
    ("晚上月亮很圆", REF, []),
    ("这周围都是农田", REF, []),
    ("去年2月30日", REF, []),  # not in the calendar
    # from judgments: a clause of every month names no one month; a two-digit year; 后 ending a word; a name
    ("乙方于每月10日前向甲方提供上个月的保安服务费用发票", REF, []),
    ("每月25日前向乙方交齐下月网络信息费200元", REF, []),
    ("每月25日前交费。上个月没有交", REF, [("上个月", "2025-01")]),  # another sentence
    ("每年年底结清去年的账", REF, []),
    ("2024年度考核，去年只发了一半奖金", REF, [("去年", "2024")]),  # 年度 is no "every year"
    ("原告提交“09年以前未兑现销售费用统计表”", REF, []),
    ("认为其税后年收入有5万元", REF, []),
    ("婚后天天吵架", REF, []),
    ("明年或后年再还", REF, [("明年", "2026"), ("后年", "2027")]),
    ("于草埔明天酒店附近交易", REF, []),
    ("但时至今日，被告也未归还", REF, [("今日", "2025-02-10")]),
]


@pytest.mark.parametrize("text, ref, expected", CASES)
def test_relative_dates(text, ref, expected):
    assert dates(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", CASES)
def test_without_a_reference_no_relative_date(text, ref, expected):
    # nothing guesses today: without a reference only the dates the text itself gives are DATE spans
    got = [(s.text, s.norm) for s in extract_dates(text)]
    assert got == [(s.text, s.norm) for s in extract_dates(text, ref_date=ref) if "relative" not in s.attrs]


def test_attrs_say_relative_and_which_reference():
    got = extract_dates("上个月底起不发工资，前天才发了一半", ref_date=dt.date(2025, 2, 10))
    assert [(s.text, s.norm, s.attrs) for s in got] == [
        ("上个月底", "2025-01", {"relative": True, "ref_date": "2025-02-10", "part": "end"}),
        ("前天", "2025-02-08", {"relative": True, "ref_date": "2025-02-10"})]
    # a datetime or any value parse_date reads is a reference date too
    assert dates("前天", dt.datetime(2025, 2, 10, 23, 59)) == dates("前天", "2025年2月10日") == [("前天", "2025-02-08")]
    # a date counted from one in the text keeps saying only that
    assert extract_dates("2024年5月7日借款，次日转账", ref_date=REF)[1].attrs == {"relative": True}


def test_a_bad_reference_date_is_an_error():
    with pytest.raises(ValueError, match="bad date"):
        extract_dates("前天", ref_date="2025-02-30")


# ---- the lunar calendar: a year word before a lunar date or a festival is its year

LUNAR_CASES = [
    # the brief's boundary case: 去年 = lunar 2024, its 腊月二十三 is in Gregorian 2025
    ("去年腊月二十三借的钱", REF, "去年腊月二十三", "2025-01-22", "2024-12-23"),
    ("今年正月十五", REF, "今年正月十五", "2025-02-12", "2025-01-15"),
    ("去年农历八月十五", REF, "去年农历八月十五", "2024-09-17", "2024-08-15"),
    ("去年中秋节前", REF, "去年中秋节", "2024-09-17", "2024-08-15"),
    ("去年春节期间", REF, "去年春节", "2024-02-10", "2024-01-01"),
    ("前年端午", REF, "前年端午", "2023-06-22", "2023-05-05"),
    # between 1 January and 春节 (2025-01-20 is in lunar 2024): 腊月 counts from the lunar year ...
    ("今年腊月二十三", IN_WINDOW, "今年腊月二十三", "2025-01-22", "2024-12-23"),
    ("去年腊月二十三", IN_WINDOW, "去年腊月二十三", "2024-02-02", "2023-12-23"),
    ("今年除夕", IN_WINDOW, "今年除夕", "2025-01-28", "2024-12-29"),
    # ... 正月 to 十月 and their festivals from the Gregorian year (the coming 春节 is 今年春节)
    ("今年春节", IN_WINDOW, "今年春节", "2025-01-29", "2025-01-01"),
    ("今年正月十五", IN_WINDOW, "今年正月十五", "2025-02-12", "2025-01-15"),
    # in December the coming 除夕 is still 今年's
    ("今年除夕", "2025-12-01", "今年除夕", "2026-02-16", "2025-12-29"),
]


@lunar
@pytest.mark.parametrize("text, ref, span, norm, lunar_day", LUNAR_CASES)
def test_lunar_dates_after_a_year_word(text, ref, span, norm, lunar_day):
    got = [s for s in extract_dates(text, ref_date=ref)]
    assert [(s.text, s.norm) for s in got] == [(span, norm)]
    assert got[0].attrs["lunar"] == lunar_day and got[0].attrs["calendar"] == "lunar"
    assert got[0].attrs["relative"] is True and got[0].attrs["ref_date"] == ref


@lunar
def test_lunar_without_a_reference_as_before():
    assert [(s.text, s.norm, s.attrs) for s in extract_dates("去年腊月二十三，今年春节期间")] == [
        ("腊月二十三", None, {"calendar": "lunar", "lunar": "--12-23"}),
        ("春节", None, {"festival": "春节", "calendar": "lunar", "lunar": "--01-01"})]


@lunar
def test_lunar_year_word_and_a_date_after_it():
    # 次日 counts from the lunar date resolved before it
    assert dates("去年腊月二十三借款，次日转账") == [("去年腊月二十三", "2025-01-22"), ("次日", "2025-01-23")]


def test_without_lunar_python_a_lunar_date_after_a_year_word_has_no_norm(monkeypatch):
    from fazhi import dates as d

    def clear():
        for f in (d._lunar_to_date, d.lunar_month_days, d.solar_term_date, d.lunar_year):
            f.cache_clear()

    clear()
    monkeypatch.setitem(sys.modules, "lunar_python", None)
    try:
        got = extract_dates("去年腊月二十三借款，上个月还了一半", ref_date=REF)
        assert [(s.text, s.norm) for s in got] == [("去年腊月二十三", None), ("上个月", "2025-01")]
    finally:
        clear()


# ---- offsets

_PIECES = ["去年", "今年三月", "上个月15号", "前天", "三天前", "上周三", "去年腊月二十三", "2024年3月1日", "次日", "，",
           "借款", "今年龄", "明天会更好", "年底", "我", "案发", "\n", " ", "今年年底", "本月初"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_spans_are_their_text(pieces):
    text = "".join(pieces)
    spans = extract_dates(text, ref_date=REF)
    for s in spans:
        assert text[s.start:s.end] == s.text
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))  # in text order, not overlapping


# ---- through the entity layer and analyze()

def test_entities_and_extract_with_a_reference():
    from fazhi.nlp import extract

    r = extract("前天晚上张某来砸门，上个月起不发工资", ["DATE"], model=False, ref_date=REF)
    assert [(e["text"], e["norm"]) for e in r["entities"]] == [("前天", "2025-02-08"), ("上个月", "2025-01")]
    r = extract("前天晚上张某来砸门，上个月起不发工资", ["DATE"], model=False)
    assert r["entities"] == []


@pytest.mark.parametrize("doc, norm", [
    (Document(text="上个月起不发工资", kind="post", published="2025-02-10"), "2025-01"),
    (Document(text="上个月起不发工资", kind="mediation", metadata={"date": "2025-03-05"}), "2025-02"),
    (Document(text="上个月起不发工资", kind="judgment", metadata={"ref_date": "2025年4月1日"}), "2025-03"),
    # a judgment's 今年 is mostly a party's, said on another day than the judgment's: not its published date
    (Document(text="上个月起不发工资", kind="judgment", published="2025-02-10"), None),
    (Document(text="上个月起不发工资", kind="post", published="不详"), None),  # no readable date: no guess
    (Document(text="上个月起不发工资", kind="post"), None),
])
def test_analyze_uses_the_documents_own_date(doc, norm):
    from fazhi.nlp import analyze

    got = [(s.text, s.norm) for s in analyze(doc, types=["entity"], model=False).spans["entity"]]
    assert got == ([("上个月", norm)] if norm else [])


def test_analyze_reference_argument_wins_over_the_documents():
    from fazhi.nlp import analyze

    doc = Document(text="前天", kind="post", published="2025-02-10")
    assert analyze(doc, types=["entity"], model=False, ref_date="2025-03-01").spans["entity"][0].norm == "2025-02-27"


# ---- fazhi extract --date

def test_cli_extract_date_option():
    import json

    from click.testing import CliRunner

    from fazhi.cli import cli

    text = "去年借给他5万，今年三月到期，前天晚上来砸门"
    r = CliRunner().invoke(cli, ["extract", text, "--date", "2025-02-10", "--no-model", "--types", "DATE", "--json"])
    assert r.exit_code == 0, r.output
    assert [(e["text"], e["norm"]) for e in json.loads(r.output)["entities"]] == [
        ("去年", "2024"), ("今年三月", "2025-03"), ("前天", "2025-02-08")]
    r = CliRunner().invoke(cli, ["extract", text, "--no-model", "--types", "DATE", "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["entities"] == []  # no reference, no guess
    r = CliRunner().invoke(cli, ["extract", "-", "--jsonl", "--date", "2025-02-10", "--no-model", "--types", "DATE"],
                           input='{"id": "a", "text": "上个月起不发工资"}\n')
    assert r.exit_code == 0
    assert json.loads(r.output) == {"id": "a", "citations": [], "entities": [
        {"label": "DATE", "text": "上个月", "start": 0, "end": 3, "norm": "2025-01"}]}


def test_cli_extract_bad_date_is_a_usage_error():
    from click.testing import CliRunner

    from fazhi.cli import cli

    r = CliRunner().invoke(cli, ["extract", "前天", "--date", "2025-02-30", "--no-model"])
    assert r.exit_code == 2 and "--date" in r.output and "day is out of range" in r.output
