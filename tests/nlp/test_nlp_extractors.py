"""Table-driven cases for every rule extractor (value normalisation and exact spans)."""
import pytest

from fazhi.nlp.extractors import (extract_bank_cards, extract_case_numbers, extract_dates, extract_id_cards,
                                  extract_money, extract_phones, extract_times, id_card_valid, luhn_valid,
                                  parse_amount)

MONEY = [
    ("判令被告支付人民币伍万元", "人民币伍万元", 50000),
    ("借款5万元", "5万元", 50000),
    ("共计50,000元", "50,000元", 50000),
    ("赔偿三千元", "三千元", 3000),
    ("获利1.5万余元", "1.5万余元", 15000),
    ("价值人民币103460元。", "人民币103460元", 103460),
    ("价值人民币244.00元", "人民币244.00元", 244),
    ("盗窃640元现金", "640元现金", 640),
    ("包内有现金人民币400元", "现金人民币400元", 400),
    ("人民币10万元整", "人民币10万元整", 100000),
    ("￥3,000.50元", "￥3,000.50元", 3000.5),
    ("价值人民币1万1千余元", "人民币1万1千余元", 11000),
    ("壹拾玖万壹仟柒佰元整", "壹拾玖万壹仟柒佰元整", 191700),
    ("认定价格为18900元/张", "18900元/张", 18900),
    ("二十万零五百元", "二十万零五百元", 200500),
    ("叁佰元伍角", "叁佰元伍角", 300.5),
    ("两千元", "两千元", 2000),
]


@pytest.mark.parametrize("text,span,value", MONEY)
def test_money(text, span, value):
    got = extract_money(text)
    assert [(s.text, s.norm) for s in got] == [(span, value)]
    s = got[0]
    assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", ["第3名", "2018年5月", "几十元零钱", "数千元", "共5次"])
def test_not_money(text):
    assert extract_money(text) == []


DATES = [
    ("二〇二二年三月一日", "2022-03-01"),
    ("2022年3月1日", "2022-03-01"),
    ("2022.3.1", "2022-03-01"),
    ("2022-03-01", "2022-03-01"),
    ("2022/3/1", "2022-03-01"),
    ("二〇一九年十二月三十一日", "2019-12-31"),
    ("2017年12月04日", "2017-12-04"),
    ("二零二零年五月二十八日", "2020-05-28"),
    ("2022年3月", "2022-03"),
    ("2020年2月29日", "2020-02-29"),
    ("2015年元月2日", "2015-01-02"),  # 元月: January
    ("2018年元月", "2018-01"),
]


@pytest.mark.parametrize("text,iso", DATES)
def test_dates(text, iso):
    got = extract_dates("于" + text + "签订")
    assert [(s.text, s.norm) for s in got] == [(text, iso)]


@pytest.mark.parametrize("text", ["2021年2月30日", "2022.13.1", "版本1.2.3", "第2022-03号"])
def test_not_dates(text):
    assert [s for s in extract_dates(text) if s.norm and len(s.norm) == 10] == []


TIMES = [
    ("6、2018年5月7日下午14时许，被告人", "2018年5月7日下午14时许", "2018-05-07T14:00"),
    ("2016年10月2日下午2时，被告人", "2016年10月2日下午2时", "2016-10-02T14:00"),
    ("2017年6月某日22时许，被告人", "2017年6月某日22时许", None),
    ("6、2015年7月份的一天，被告人", "2015年7月份的一天", None),
    ("次日10时30分许，杨某某", "次日10时30分许", None),
    ("2018年2月4日凌晨5时许，被告人", "2018年2月4日凌晨5时许", "2018-02-04T05:00"),
    ("2017年12月04日15时许，", "2017年12月04日15时许", "2017-12-04T15:00"),
    ("2017年11月16日晚，柏某某", "2017年11月16日晚", None),
]


@pytest.mark.parametrize("text,span,norm", TIMES)
def test_times(text, span, norm):
    got = extract_times(text)
    assert got and got[0].text == span
    if norm:
        assert got[0].norm == norm


def test_plain_date_is_not_time():
    assert extract_times("2022年3月1日签订") == []


CASES = [
    ("(2023)苏0102民初1234号", "（2023）苏0102民初1234号"),
    ("（2023）苏0102民初1234号", "（2023）苏0102民初1234号"),
    ("（2015）浦民一(民)初字第1234号", "（2015）浦民一（民）初字第1234号"),
    ("〔2010〕一中民终字第123号", "（2010）一中民终字第123号"),
    ("(2019)京0105民初 45678号", "（2019）京0105民初45678号"),
    ("（2020）最高法民申1号", "（2020）最高法民申1号"),
]


@pytest.mark.parametrize("text,norm", CASES)
def test_case_numbers(text, norm):
    got = extract_case_numbers("本院受理" + text + "一案")
    assert [(s.text, s.norm) for s in got] == [(text, norm)]


def test_not_case_number():
    assert extract_case_numbers("(2023)第1234号文件") == []


@pytest.mark.parametrize("s,ok", [("11010519491231002X", True), ("110105194912310021", False),
                                  ("11010519491231002x", True), ("440524188001010014", True)])
def test_id_checksum(s, ok):
    assert id_card_valid(s) is ok


def test_id_cards():
    text = "身份证号码11010519491231002X，另一号码110105194912310021无效，440524188001010014。"
    got = extract_id_cards(text)
    assert [s.norm for s in got] == ["11010519491231002X"]  # 1880 is outside 19xx/20xx; bad checksum skipped
    assert got[0].attrs["birth"] == "1949-12-31"


PHONES = [("电话13812345678。", "13812345678"), ("手机：+86 138 1234 5678", "13812345678"),
          ("联系电话010-12345678", "010-12345678"), ("座机(0571)87654321", "057187654321")]


@pytest.mark.parametrize("text,norm", PHONES)
def test_phones(text, norm):
    assert [s.norm for s in extract_phones(text)] == [norm]


@pytest.mark.parametrize("text", ["金额12345678901234元", "编号23812345678"])
def test_not_phone(text):
    assert extract_phones(text) == []


@pytest.mark.parametrize("text,norm", [("卡号4111 1111 1111 1111。", "4111111111111111"),
                                       ("账号6222600260001072444", "6222600260001072444")])
def test_bank_cards(text, norm):
    assert [s.norm for s in extract_bank_cards(text)] == [norm]


def test_bank_card_needs_luhn_and_is_not_an_id():
    assert extract_bank_cards("6222600260001072445") == []
    assert extract_bank_cards("11010519491231002X 110105194912310021") == []
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")


def test_parse_amount():
    assert parse_amount("1.5", "万") == 15000
    assert parse_amount("伍", "万") == 50000


# ---------------------------------------------------------------- property tests: numerals and offsets
import datetime as _dt  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from fazhi.numerals import int_to_cn  # noqa: E402

_CN_DIGITS = "〇一二三四五六七八九"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_money_round_trip_chinese_and_arabic(n):
    for form in (int_to_cn(n) + "元", f"{n:,}元", f"人民币{n}元"):
        got = extract_money("赔偿" + form + "。")
        assert [s.norm for s in got] == [n], form
        assert got[0].text == form


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=_dt.date(1950, 1, 1), max_value=_dt.date(2049, 12, 31)))
def test_date_round_trip(d):
    cn_year = "".join(_CN_DIGITS[int(c)] for c in str(d.year))
    forms = [f"{d.year}年{d.month}月{d.day}日", f"{cn_year}年{int_to_cn(d.month)}月{int_to_cn(d.day)}日",
             f"{d.year}.{d.month}.{d.day}", d.isoformat()]
    for form in forms:
        text = "于" + form + "签订"
        got = extract_dates(text)
        assert [(s.text, s.norm) for s in got] == [(form, d.isoformat())], form


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789年月日时许元万千百人民币伍壹（）()民初号字第苏.-/ 下午某余")),
               max_size=40))
def test_extractor_offsets(text):
    from fazhi.nlp.extractors import extract_all

    for s in extract_all(text):
        assert text[s.start:s.end] == s.text and s.end > s.start


# ---------------------------------------------------------------- amounts and dates as written in dossiers

@pytest.mark.parametrize("text, expected", [
    # a range with one unit: both ends, each with its value (the lower end shares 万 only when it then stays lower)
    ("要求张伟每月支付抚养费2000至3000元。", [("2000", 2000, [2000, 3000]), ("3000元", 3000, [2000, 3000])]),
    ("损失约1至2万元。", [("1", 10000, [10000, 20000]), ("2万元", 20000, [10000, 20000])]),
    ("工资2000至3万元不等。", [("2000", 2000, [2000, 30000]), ("3万元", 30000, [2000, 30000])]),
    ("赔偿五千到八千元。", [("五千", 5000, [5000, 8000]), ("八千元", 8000, [5000, 8000])]),
    ("价值12,000至15,000元。", [("12,000", 12000, [12000, 15000]), ("15,000元", 15000, [12000, 15000])]),
    # no range: a unit on each end, an ordinal, a phone number before 至
    ("每月2000元至3000元。", [("2000元", 2000, None), ("3000元", 3000, None)]),
    ("第3-5000元。", [("5000元", 5000, None)]),
    ("电话13800000000至3000元。", [("3000元", 3000, None)]),
    # a currency sign without 元
    ("共计人民币叁万伍仟元整（¥35,000.00）。", [("人民币叁万伍仟元整", 35000, None), ("¥35,000.00", 35000, None)]),
    ("转账￥500给他。", [("￥500", 500, None)]),
])
def test_money_ranges_and_currency_signs(text, expected):
    got = extract_money(text)
    assert [(s.text, s.norm, s.attrs.get("range")) for s in got] == expected
    assert all(text[s.start:s.end] == s.text for s in got)


@pytest.mark.parametrize("text, approx", [
    ("花了医药费五千余元。", True), ("被拖欠工资3万多元。", True), ("房款10万元左右。", True), ("损失约5000元。", True),
    ("损失将近2万元。", True), ("赔偿人民币壹万贰仟元整。", False), ("价款12,000.50元。", False),
])
def test_money_approximations_keep_the_stated_amount(text, approx):
    (s,) = extract_money(text)
    assert s.attrs["approx"] is approx and isinstance(s.norm, (int, float))


@pytest.mark.parametrize("text, expected", [
    ("2019年农历正月初八，黄小龙被炸伤。同年3月，黄德明起诉。", [("2019年农历正月初八", "2019-02-12"), ("同年3月", "2019-03")]),
    ("2018年5月7日下午14时许，牛二娃将牛大山打伤。次日，牛大山到县医院治疗。次日出院。",
     [("2018年5月7日", "2018-05-07"), ("次日", "2018-05-08"), ("次日", "2018-05-09")]),
    ("2017年12月31日晚发生争执，次日报警。", [("2017年12月31日", "2017-12-31"), ("次日", "2018-01-01")]),
    ("2020年1月1日签订合同，约定次年5月交房。", [("2020年1月1日", "2020-01-01"), ("次年5月", "2021-05")]),
    ("2021年5月7日转账，同日又借款，同年8月5日还款。",
     [("2021年5月7日", "2021-05-07"), ("同日", "2021-05-07"), ("同年8月5日", "2021-08-05")]),
    # nothing named before: no date
    ("次日，他到医院治疗。当年他还年轻。", []),
    ("2019年3月，次日", [("2019年3月", "2019-03")]),
])
def test_relative_dates_resolve_against_the_date_named_before(text, expected):
    got = extract_dates(text)
    assert [(s.text, s.norm) for s in got] == expected
    assert all(bool(s.attrs.get("relative")) == (s.text[:2] in ("次日", "同日", "同年", "次年")) for s in got)


@pytest.mark.parametrize("text, expected", [
    ("2017年12月31日晚，次日凌晨2时许", ("次日凌晨2时许", "2018-01-01T02:00")),
    ("2018年5月7日发生纠纷，当晚10时许", ("当晚10时许", "2018-05-07T22:00")),
    ("2019年1月起诉，同年3月5日下午3时开庭", ("同年3月5日下午3时", "2019-03-05T15:00")),
    ("次日10时30分许", ("次日10时30分许", None)),
])
def test_relative_times_resolve_too(text, expected):
    got = [(s.text, s.norm) for s in extract_times(text)]
    assert got[-1] == expected


@pytest.mark.parametrize("text, expected", [
    ("2015年3月20日出险，被告于当日向原告报案。", [("2015年3月20日", "2015-03-20"), ("当日", "2015-03-20")]),
    # the day of an event the sentence names, not the date before it
    ("合同于2015年3月20日签订，投保人需从保险人理赔当日开始计付违约金。", [("2015年3月20日", "2015-03-20")]),
    ("2015年3月27日签订合同，利率按合同签订当日中国人民银行公布的基准利率。", [("2015年3月27日", "2015-03-27")]),
])
def test_the_day_of_an_event_is_not_the_date_named_before(text, expected):
    assert [(s.text, s.norm) for s in extract_dates(text)] == expected


@pytest.mark.parametrize("text", [
    "2013年9月1日签订合同，保证期间为借款期限届满次日起两年。",
    "2013年9月1日签订合同，自本合同第八条规定的最后交付期限的第二天起至实际交付之日止。",
    "2011年11月30日达成协议，由该被告提前一天将原告接走。",
])
def test_a_day_counted_from_an_event_is_not_resolved(text):
    assert [s.text for s in extract_dates(text)] == [text[:text.index("日") + 1]]


@pytest.mark.parametrize("text, span, value, approx, currency", [
    ("并支付100多万元补偿。", "100多万元", 1000000, True, "CNY"),
    ("所造假酒金额40余万元。", "40余万元", 400000, True, "CNY"),
    ("销售金额为36.28余万元，", "36.28余万元", 362800, True, "CNY"),
    ("借款人民币380余万元。", "人民币380余万元", 3800000, True, "CNY"),
    ("被告向原告借款人民币300000(叁拾万)元。", "人民币300000(叁拾万)元", 300000, False, "CNY"),
    ("付鉴定费用584.57欧元。", "584.57欧元", 584.57, False, "EUR"),
    ("给予的好处费共计12万港元。", "12万港元", 120000, False, "HKD"),
    ("向其行贿3000美元，折合人民币。", "3000美元", 3000, False, "USD"),
    ("花了三千多元。", "三千多元", 3000, True, "CNY"),
])
def test_money_forms_of_judgments(text, span, value, approx, currency):
    (s,) = extract_money(text)
    assert (s.text, s.norm, s.attrs["approx"], s.attrs["currency"]) == (span, value, approx, currency)


# ---------------------------------------------------------------- the lunar calendar (农历) and festivals
# Real sentences from ../shared/data (judgments, laws): judgments and mediation records give many dates in the
# lunar calendar. norm is the Gregorian day when the year is known; the lunar date is kept in attrs.



def _need_lunar():
    """The conversion needs lunar-python (the nlp extra); without it see test_lunar_without_the_library."""
    pytest.importorskip("lunar_python", reason="lunar dates are converted with lunar-python (the nlp extra)")


@pytest.mark.parametrize("text, expected", [
    ("经审理查明,2009年农历腊月初六,原告的儿子宋x7和被告的女儿付晓丽在未办",
     [("2009年农历腊月初六", "2010-01-20", "2009-12-06")]),
    ("原告马x0与被告马x1于2002年农历十二月二十七登记结婚,双方婚后生育长女",  # 腊月 of lunar 2002 is in 2003
     [("2002年农历十二月二十七", "2003-01-29", "2002-12-27")]),
    ("原、被告于2011年农历12月16日在未办理结婚登记手续", [("2011年农历12月16日", "2012-01-09", "2011-12-16")]),
    ("后于农历2012年11月16日按农村风俗习惯举行典礼仪式", [("农历2012年11月16日", "2012-12-28", "2012-11-16")]),
    # the judgment gives the Gregorian days itself
    ("另查明：2016年农历6月8日公历日期为7月11日，2016年农历10月12日公历日期为11月11日。",
     [("2016年农历6月8日", "2016-07-11", "2016-06-08"), ("2016年农历10月12日", "2016-11-11", "2016-10-12")]),
    ("被告于农历二〇一八年腊月二十三离家", [("农历二〇一八年腊月二十三", "2019-01-28", "2018-12-23")]),
    ("2017年阴历十月初一，双方举行婚礼", [("2017年阴历十月初一", "2017-11-18", "2017-10-01")]),
    ("原告曹某1诉称，2007年农历7月13日，被告武某1向原告借款", [("2007年农历7月13日", "2007-08-25", "2007-07-13")]),
    ("2019年腊月廿三，被告回家", [("2019年腊月廿三", "2020-01-17", "2019-12-23")]),  # 腊月 and 廿 mark it lunar
    ("2018年冬月初十，被告打人", [("2018年冬月初十", "2018-12-16", "2018-11-10")]),  # 冬月: the 11th month
    ("2019年二月初二，双方订婚", [("2019年二月初二", "2019-03-08", "2019-02-02")]),  # 初二: a lunar day
    # a date marked lunar after it: the digits are the lunar date, not a Gregorian one
    ("取了4000元钱2013年12月26日(阴历),被告林x4将被告林x3叫至", [("2013年12月26日(阴历)", "2014-01-26", "2013-12-26")]),
    ("遗嘱我叫王22,1931年9月23日(农历)出生,现年79岁", [("1931年9月23日(农历)", "1931-11-02", "1931-09-23")]),
    ("原告周某1诉称，2016年2月3日（农历），被告向原告借款", [("2016年2月3日（农历）", "2016-03-11", "2016-02-03")]),
    # a month without a day: no Gregorian day to give
    ("被告李3自2015年农历正月起受雇于原告朱x0", [("2015年农历正月", None, "2015-01")]),
    ("2014年农历2月原告王x0外出务工回来", [("2014年农历2月", None, "2014-02")]),
    ("2014年正月，薛某某到镇平县打工", [("2014年正月", None, "2014-01")]),
    # no year: a span, no norm
    ("每年农历八月十五回家", [("农历八月十五", None, "--08-15")]),
    ("农历2月初2那天，", [("农历2月初2", None, "--02-02")]),
    ("按照农村风俗典礼同居,典礼前即腊月初二,被告付x1收取了原告", [("腊月初二", None, "--12-02")]),
    ("每年的农历腊月二十三至次年二月初二为“非物质文化遗产宣传周”",  # 次年 of an unknown year: unknown
     [("农历腊月二十三", None, "--12-23")]),
])
def test_lunar_dates_of_judgments(text, expected):
    _need_lunar()
    got = extract_dates(text)
    assert [(s.text, s.norm, s.attrs.get("lunar")) for s in got] == expected
    assert all(s.attrs["calendar"] == "lunar" and text[s.start:s.end] == s.text for s in got)


@pytest.mark.parametrize("text, expected", [
    # the lunar date in brackets is the same day as the Gregorian one before it (its year read from that day)
    ("原、被告经人介绍于2013年7月15日(农历6月8日)订婚,同年9月4日(农历7月29日)双方举行结婚仪式",
     [("2013年7月15日", "2013-07-15", None), ("农历6月8日", "2013-07-15", "2013-06-08"),
      ("同年9月4日", "2013-09-04", None), ("农历7月29日", "2013-09-04", "2013-07-29")]),
    ("原告王某1系朋友关系，2014年1月16日（农历腊月十六），被告以差资金为由",  # in lunar 2013, the year before
     [("2014年1月16日", "2014-01-16", None), ("农历腊月十六", "2014-01-16", "2013-12-16")]),
    # 即 before the gloss; the date before it stays the one 当日 refers to
    ("经审理查明，2016年大年初一，被告人禹1某刚在与家族成员吃年饭时提议上坟拜年。2016年2月9日（即大年初二）10时许，"
     "被告人禹1某刚到坟地拜年。禹家人离开此地不久，当日12时许，坟边突然起火",
     [("2016年大年初一", "2016-02-08", "2016-01-01"), ("2016年2月9日", "2016-02-09", None),
      ("大年初二", "2016-02-09", "2016-01-02"), ("当日", "2016-02-09", None)]),
    ("截至2016年1月10日，即农历腊月初一，利息1.5万元",
     [("2016年1月10日", "2016-01-10", None), ("农历腊月初一", "2016-01-10", "2015-12-01")]),
    # 同年 / 次年 before a lunar date, as before a Gregorian one
    ("于2008年1月7日在曲周县民政局登记结婚,同年农历12月举行婚礼开始共同生活",
     [("2008年1月7日", "2008-01-07", None), ("同年农历12月", None, "2008-12")]),
    ("2018年农历腊月二十三订婚，次年正月初八举行婚礼，次日返回",
     [("2018年农历腊月二十三", "2019-01-28", "2018-12-23"), ("次年正月初八", "2019-02-12", "2019-01-08"),
      ("次日", "2019-02-13", None)]),
    # 初一 before 天/段 is 月初 "early in the month", not a lunar day
    ("1、2009年7月初一天晚上，被告人程献梅伙同张海", [("2009年7月", "2009-07", None)]),
    ("真正月收入不足三千元", []),
])
def test_lunar_dates_in_context(text, expected):
    _need_lunar()
    got = extract_dates(text)
    assert [(s.text, s.norm, s.attrs.get("lunar")) for s in got] == expected


@pytest.mark.parametrize("text, span, norm, lunar, leap", [
    ("2020年闰四月初五", "2020年闰四月初五", "2020-05-27", "2020-04-05", True),
    ("2020年四月初五", "2020年四月初五", "2020-04-27", "2020-04-05", None),
    ("2019年闰四月初五", "2019年闰四月初五", None, "2019-04-05", True),  # 2019 has no 闰四月
    ("2019年农历二月三十", "2019年农历二月三十", None, "2019-02-30", None),  # 二月 of 2019 has 29 days
])
def test_leap_months_and_days_not_in_the_lunar_calendar(text, span, norm, lunar, leap):
    _need_lunar()
    (s,) = extract_dates(text)
    assert (s.text, s.norm, s.attrs["lunar"], s.attrs.get("leap_month")) == (span, norm, lunar, leap)


@pytest.mark.parametrize("text, expected", [
    ("2019年元旦结婚", [("2019年元旦", "2019-01-01", "元旦", None)]),
    ("2020年春节前，被告还款", [("2020年春节", "2020-01-25", "春节", "2020-01-01")]),  # 前 stays outside the span
    ("2019年除夕，全家团聚", [("2019年除夕", "2019-02-04", "除夕", "2018-12-30")]),  # the eve of 2019's 春节
    ("经审理查明：2014年国庆节期间，被告人于某在其位于来安", [("2014年国庆节", "2014-10-01", "国庆节", None)]),
    ("人民检察院指控，2013年中秋节前后，被告人陈某在自己家中", [("2013年中秋节", "2013-09-19", "中秋节", "2013-08-15")]),
    ("营山县公安局侦查查明2015年春节后的一天下午，被告人徐勇明", [("2015年春节", "2015-02-19", "春节", "2015-01-01")]),
    ("情况,时间2013年农历端午节左右未履行如实告知义务", [("2013年农历端午节", "2013-06-12", "端午节", "2013-05-05")]),
    ("2019年清明节期间回乡祭祖", [("2019年清明节", "2019-04-05", "清明节", None)]),
    # no year: a span without norm where it is a time, nothing where it is not
    ("春节期间，原告回家", [("春节", None, "春节", "--01-01")]),
    ("每月存车费200元,每年春节前交清,但未证实", [("春节", None, "春节", "--01-01")]),
    ("车费,2016年1月适逢元旦放假所以1月1日至3日期间未能及时缴费",
     [("2016年1月", "2016-01", None, None), ("元旦", None, "元旦", None)]),
    ("8300元交给彭某，以“元旦”过节费的名义发放给林业服务", []),
    ("共送给被告单位监察分局“春节慰问金”共计140000元", []),
    ("与陈欢一起在南宁市江南区五一西路伟康市场1号被公安人员当场抓获", []),
    ("途经衡阳县界牌镇国庆路口时被设卡盘查", []),
    ("限中秋之前还清", [("中秋", None, "中秋节", "--08-15")]),
    # 大年三十 / 大年夜 are 除夕; 大年初二 is 正月初二 (a lunar date, not a festival)
    ("2019年大年三十晚上，两家发生争吵", [("2019年大年三十", "2019-02-04", "除夕", "2018-12-30")]),
    ("大年夜里，被告来要账", [("大年夜", None, "除夕", None)]),
    ("2020年大年初二上午，双方调解", [("2020年大年初二", "2020-01-26", None, "2020-01-02")]),
    ("大年初一那天两家吵起来", [("大年初一", None, None, "--01-01")]),
])
def test_festivals(text, expected):
    _need_lunar()
    got = extract_dates(text)
    assert [(s.text, s.norm, s.attrs.get("festival"), s.attrs.get("lunar")) for s in got] == expected


@pytest.mark.parametrize("text, expected", [
    ("2019年农历正月初八晚上8时许，黄小龙被炸伤", [("2019年农历正月初八晚上8时许", "2019-02-12T20:00")]),
    # the Gregorian reading of the digits is gone (it was 2012-11-16)
    ("后于农历2012年11月16日晚上举行典礼仪式", [("农历2012年11月16日晚上", "2012-12-28")]),
    ("川县人民检察院指控，2015年正月的一天，被告人干某山从西安", [("2015年正月的一天", None)]),
    ("2009年7月初一天晚上，被告人程献梅", [("2009年7月初一天晚上", "2009-07")]),
])
def test_lunar_times(text, expected):
    _need_lunar()
    assert [(s.text, s.norm) for s in extract_times(text)] == expected


def test_lunar_without_the_library(monkeypatch):
    """Without lunar-python a lunar date is still a span, without norm; Gregorian dates and festivals are
    unchanged, and nothing raises."""
    import sys

    from fazhi import dates

    def clear():
        for f in (dates._lunar_to_date, dates.lunar_month_days, dates.solar_term_date):
            f.cache_clear()

    clear()
    monkeypatch.setitem(sys.modules, "lunar_python", None)  # `import lunar_python` then fails as when absent
    try:
        got = extract_dates("2019年农历正月初八结婚，2019年元旦，2020年春节前，2019年除夕，2019年3月1日")
        assert [(s.text, s.norm) for s in got] == [
            ("2019年农历正月初八", None), ("2019年元旦", "2019-01-01"), ("2020年春节", None), ("2019年除夕", None),
            ("2019年3月1日", "2019-03-01")]
        assert got[0].attrs == {"calendar": "lunar", "lunar": "2019-01-08"}
        with pytest.raises(ImportError, match="lunar-python"):
            dates.lunar_to_date(2019, 1, 8)
    finally:
        clear()


_LUNAR_MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]


def _lunar_day_name(d: int) -> str:
    if d <= 10:
        return "初" + int_to_cn(d)
    return {20: "二十", 30: "三十"}.get(d) or ("廿" + int_to_cn(d - 20) if d > 20 else int_to_cn(d))


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=_dt.date(1950, 3, 1), max_value=_dt.date(2049, 12, 31)))
def test_lunar_date_round_trip(d):
    """Any day, written as its lunar date in the usual forms (闰 months included), reads back as that day."""
    _need_lunar()
    from lunar_python import Solar

    lunar = Solar.fromYmd(d.year, d.month, d.day).getLunar()
    y, m, day, leap = lunar.getYear(), abs(lunar.getMonth()), lunar.getDay(), lunar.getMonth() < 0
    cn_year = "".join(_CN_DIGITS[int(c)] for c in str(y))
    leap_mark = "闰" if leap else ""
    forms = [f"{y}年农历{leap_mark}{_LUNAR_MONTHS[m - 1]}月{_lunar_day_name(day)}",
             f"农历{cn_year}年{leap_mark}{int_to_cn(m)}月{int_to_cn(day)}日",
             f"{y}年阴历{leap_mark}{m}月{day}日", f"{y}年{m}月{day}日(农历)"]
    if leap:
        forms.pop()  # a 闰 month cannot be written as digits marked (农历) after them
    for form in forms:
        got = extract_dates("于" + form + "签订")
        assert [(s.text, s.norm) for s in got] == [(form, d.isoformat())], form
        assert got[0].attrs["lunar"] == f"{y:04d}-{m:02d}-{day:02d}" and got[0].attrs.get("leap_month") is (
            True if leap else None)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789年月日号农历阴正腊冬闰初廿卅十一二三春节除夕元旦中秋期间前后（）() 同次")),
               max_size=40))
def test_lunar_offsets(text):
    for s in extract_dates(text) + extract_times(text):
        assert text[s.start:s.end] == s.text and s.end > s.start
