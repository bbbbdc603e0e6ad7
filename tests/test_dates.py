"""fazhi.dates: every form a date is written in, the impossible ones, and the round trip."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.dates import (find_date, lunar_month_days, lunar_to_date, lunar_year, parse_date, resolve_relative,
                         solar_term_date)
from fazhi.numerals import int_to_cn

D = dt.date(2024, 3, 1)


@pytest.mark.parametrize("value", [
    "2024-03-01", "2024-3-1", "2024/3/1", "2024/03/01", "2024.3.1", "2024.03.01", "20240301",
    "2024年3月1日", "2024年03月01日", "2024年3月1号", "2024年3月1", "2024 年 3 月 1 日", "２０２４年３月１日",
    "２０２４／３／１", "二〇二四年三月一日", "二零二四年三月一日", "二○二四年三月一号", "二Ｏ二四年三月一日",
    "2024-03-01T08:30", "2024-03-01T08:30:00", "2024-03-01T08:30:00Z", "2024-03-01T08:30:00.123456+08:00",
    "2024-03-01 08:30:00+0800", "2024-03-01 08:30:00 +08:00", "2024-03-01T23:59:59-05:00", "2024/3/1 8:30",
    "2024.03.01 08:30", "2024年3月1日 08:30", "2024年3月1日下午3时30分", "2024年3月1日9时许", "2024年3月1日上午9点半",
    "45352", "45352.0", "45352.75", 45352, 45352.5, 20240301, "  2024-03-01\n",
    dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.timezone.utc),
])
def test_forms_of_one_day(value):
    assert parse_date(value) == D


def test_a_datetime_gives_a_date_not_itself():
    got = parse_date(dt.datetime(2024, 3, 1, 8, 30))
    assert type(got) is dt.date


def test_the_date_as_written_not_converted_between_zones():
    # 23:30 UTC is already 3月2日 in Beijing; the writer's date is kept (the module docstring says so)
    assert parse_date("2024-03-01T23:30:00Z") == D


@pytest.mark.parametrize("value, reason", [
    ("", "no date"),
    ("   ", "no date"),
    (None, "no date"),
    ("2024-02-30", "bad date '2024-02-30' (day is out of range for month)"),
    ("2023年2月29日", "bad date '2023年2月29日' (day is out of range for month)"),
    ("二〇二三年二月二十九日", "day is out of range for month"),
    ("2024-13-01", "month must be in 1..12"),
    ("2024-00-10", "month must be in 1..12"),
    ("20240230", "day is out of range for month"),
    ("0000-01-01", "year 0 is out of range"),
    ("2024-03-01 25:00", "hour must be in 0..23"),
    ("2024-03-01 08:61", "minute must be in 0..59"),
    ("2024-03-01T08:30+25:00", "time zone offset out of range"),
    ("2024年3月1日 上午", "a date followed by '上午', which is not a time"),
    ("2024-03-01 08:00:00 CST", "a date followed by 'CST'"),
    ("2024-3/1", "want a date like"),
    ("上周", "want a date like"),
    ("2024", "want a date like"),
    ("2024年3月", "want a date like"),
    ("123", "want a date like"),
    ("1234567", "want a date like"),
    (True, "a bool is not a date"),
    ([2024, 3, 1], "a list is not a date"),
])
def test_not_dates_say_why(value, reason):
    with pytest.raises(ValueError) as e:
        parse_date(value)
    assert reason in str(e.value)


def test_excel_serials_only_when_asked():
    assert parse_date("45352", excel=True) == D
    with pytest.raises(ValueError, match="want a date like"):
        parse_date("45352", excel=False)
    for not_five_digits in ("1", "4535", "453520"):
        with pytest.raises(ValueError):
            parse_date(not_five_digits)


@pytest.mark.parametrize("serial, day", [(25569, "1970-01-01"), (36526, "2000-01-01"), (45351, "2024-02-29"),
                                         (45352, "2024-03-01"), (73050, "2099-12-31")])
def test_excel_serial_days(serial, day):
    assert parse_date(str(serial)).isoformat() == day


@pytest.mark.parametrize("text, expected", [
    ("发布时间：2023-01-05 10:00", "2023-01-05"),
    ("（2020年5月28日第十三届全国人民代表大会第三次会议通过）", "2020-05-28"),
    ("来信时间：2024/3/5", "2024-03-05"),
    ("二〇二三年十二月三十一日", "2023-12-31"),
    ("文号20240301", "2024-03-01"),
    ("编号120240301", None),
    ("2023年2月30日", None),
    ("暂无", None),
    ("", None),
    (None, None),
])
def test_find_date_in_text(text, expected):
    got = find_date(text)
    assert (got.isoformat() if got else None) == expected


def _cn_year(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_round_trip_every_form(d):
    forms = [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}.{d.month:02}.{d.day:02}",
             d.strftime("%Y%m%d"), f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month}月{d.day}号",
             f"{_cn_year(d.year)}年{int_to_cn(d.month)}月{int_to_cn(d.day)}日", d.isoformat() + "T08:30:00+08:00"]
    for form in forms:
        assert parse_date(form) == d, form
        assert find_date(f"于{form}公布") == d, form


# ---------------------------------------------------------------- the lunar calendar (lunar-python, the nlp extra)

@pytest.mark.parametrize("lunar, leap, day", [
    ((2019, 1, 1), False, dt.date(2019, 2, 5)),     # 2019's 春节
    ((2019, 1, 8), False, dt.date(2019, 2, 12)),
    ((2019, 12, 23), False, dt.date(2020, 1, 17)),  # 腊月 of lunar 2019 is in Gregorian 2020
    ((2020, 4, 1), True, dt.date(2020, 5, 23)),     # 闰四月
    ((2020, 4, 1), False, dt.date(2020, 4, 23)),
    ((2007, 7, 13), False, dt.date(2007, 8, 25)),   # a judgment: 2007年农历7月13日（公历8月25日）
    ((1931, 9, 23), False, dt.date(1931, 11, 2)),
])
def test_lunar_to_date(lunar, leap, day):
    pytest.importorskip("lunar_python", reason="lunar dates are converted with lunar-python (the nlp extra)")
    assert lunar_to_date(*lunar, leap=leap) == day


@pytest.mark.parametrize("lunar, leap", [((2019, 4, 1), True), ((2019, 2, 30), False), ((2019, 13, 1), False),
                                         ((2019, 1, 0), False)])
def test_lunar_dates_not_in_the_calendar(lunar, leap):
    pytest.importorskip("lunar_python", reason="lunar dates are converted with lunar-python (the nlp extra)")
    with pytest.raises(ValueError, match="bad lunar date"):
        lunar_to_date(*lunar, leap=leap)


def test_lunar_month_days_and_solar_terms():
    pytest.importorskip("lunar_python", reason="lunar dates are converted with lunar-python (the nlp extra)")
    assert lunar_month_days(2018, 12) == 30 and lunar_month_days(2019, 2) == 29
    assert lunar_month_days(2020, 4, leap=True) == 29
    with pytest.raises(ValueError):
        lunar_month_days(2019, 4, leap=True)
    assert solar_term_date(2019, "清明") == dt.date(2019, 4, 5)
    assert solar_term_date(2020, "冬至") == dt.date(2020, 12, 21)


# ---------------------------------------------------------------- whole lunar dates in parse_date

@pytest.mark.parametrize("value, day", [
    ("2024年农历八月十五", dt.date(2024, 9, 17)),     # 2024's 中秋
    ("农历2024年八月十五", dt.date(2024, 9, 17)),
    ("农历2024年8月15日", dt.date(2024, 9, 17)),
    ("2024年8月15日(农历)", dt.date(2024, 9, 17)),
    ("2024年8月15日（农历）", dt.date(2024, 9, 17)),
    ("２０２４年农历８月１５日", dt.date(2024, 9, 17)),
    ("二〇二四年腊月二十三", dt.date(2025, 1, 22)),   # the written year is the lunar year
    ("2024年阴历正月初一", dt.date(2024, 2, 10)),
    ("2024年正月初一", dt.date(2024, 2, 10)),        # 正月: only the lunar calendar has it
    ("2024年三月初八", dt.date(2024, 4, 16)),        # 初八: only the lunar calendar has it
    ("2024年冬月廿三", dt.date(2024, 12, 23)),
    ("2023年闰二月初一", dt.date(2023, 3, 22)),
    ("旧历2019年腊月二十三", dt.date(2020, 1, 17)),
])
def test_whole_lunar_dates(value, day):
    pytest.importorskip("lunar_python", reason="lunar dates are converted with lunar-python (the nlp extra)")
    assert parse_date(value) == day


@pytest.mark.parametrize("value, reason", [
    ("2024年闰二月初一", "bad lunar date"),           # 2024 has no 闰二月
    ("2019年农历二月三十", "bad lunar date"),          # 二月 of lunar 2019 has 29 days
    ("2024年元月1日", "want a date like"),            # 元月 is January, and 1日 is no lunar day: not lunar
    ("农历八月十五", "want a date like"),              # no year: no day of the calendar
])
def test_lunar_dates_that_are_not_read(value, reason):
    pytest.importorskip("lunar_python", reason="lunar dates are converted with lunar-python (the nlp extra)")
    with pytest.raises(ValueError, match=reason):
        parse_date(value)


def test_a_lunar_date_without_lunar_python_says_how_to_install(monkeypatch):
    import sys

    from fazhi import dates

    dates._lunar_to_date.cache_clear()
    monkeypatch.setitem(sys.modules, "lunar_python", None)  # `import lunar_python` fails as when absent
    try:
        with pytest.raises(ValueError, match=r"a lunar date; converting it needs lunar-python: pip install"):
            parse_date("2024年农历八月十五")
        assert parse_date("2024年8月15日") == dt.date(2024, 8, 15)  # the Gregorian forms need nothing
    finally:
        dates._lunar_to_date.cache_clear()


# ---------------------------------------------------------------- dates counted from a reference date

@pytest.mark.parametrize("value, ref, norm", [
    ("去年", "2025-02-10", "2024"), ("前年", "2025-02-10", "2023"), ("明年", "2025-02-10", "2026"),
    ("今年三月", "2025-02-10", "2025-03"), ("去年8月15号", "2025-02-10", "2024-08-15"),
    ("去年8月底", "2025-02-10", "2024-08"), ("今年十二月三十一日", "2025-02-10", "2025-12-31"),
    ("上个月", "2025-01-10", "2024-12"), ("上月", "2025-03-31", "2025-02"), ("下个月", "2024-12-01", "2025-01"),
    ("上个月15号", "2025-01-10", "2024-12-15"), ("上个月31号", "2025-03-05", None),  # 2月31日
    ("上周", "2025-01-01", "2024-W52"), ("上周三", "2025-02-10", "2025-02-05"), ("本周日", "2025-02-10", "2025-02-16"),
    ("昨天", "2025-01-01", "2024-12-31"), ("前天", "2024-03-01", "2024-02-28"), ("明天", "2024-02-28", "2024-02-29"),
    ("三天前", "2025-01-02", "2024-12-30"), ("十个月前", "2025-02-10", "2024-04"), ("3年前", "2025-02-10", "2022"),
    ("三月", "2025-02-10", None), ("年底", "2025-02-10", None), ("三天后", "2025-02-10", None),
    ("2024年3月1日", "2025-02-10", None), ("今年龄", "2025-02-10", None),
    (" 前天 ", dt.date(2025, 2, 10), "2025-02-08"),
])
def test_resolve_relative(value, ref, norm):
    assert resolve_relative(value, ref) == norm


def test_resolve_relative_needs_a_readable_reference():
    with pytest.raises(ValueError, match="bad date"):
        resolve_relative("前天", "明天")


def test_lunar_year():
    pytest.importorskip("lunar_python", reason="lunar dates are converted with lunar-python (the nlp extra)")
    assert [lunar_year(dt.date(2025, 1, d)) for d in (1, 28, 29)] == [2024, 2024, 2025]
