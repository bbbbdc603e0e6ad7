"""The mediation plan counts 去年 / 上个月 / 前天 from today as the library counts them from a reference date
(fazhi.dates.resolve_relative): one reading of those words, and no impossible day (今年2月30号)."""
import datetime

import pytest

from fazhi.dates import resolve_relative
from fazhi.index import plan
from fazhi.index.plan import _rule_facts

TODAY = datetime.date(2025, 3, 5)


@pytest.mark.parametrize("text, expected", [
    ("去年朋友找我借了五万块钱", [("去年", "2024")]),
    ("前年开始租的", [("前年", "2023")]),
    ("前天晚上吵了一架，上个月就开始漏水", [("前天", "2025-03-03"), ("上个月", "2025-02")]),
    ("昨天又来闹", [("昨天", "2025-03-04")]),
    ("从去年8月15号起就不给抚养费了", [("去年8月15号", "2024-08-15")]),
    ("说好今年3月份还", [("今年3月份", "2025-03")]),
    ("明年8月底到期", [("明年8月底", "2026-08")]),
    ("约好今年2月30号还钱", []),  # no such day: no date (the plan's own count gave 2025-02-30)
    ("去年2月29号借的", [("去年2月29号", "2024-02-29")]),  # 2024 is a leap year
])
def test_plan_reads_relative_dates_as_the_library(monkeypatch, text, expected):
    monkeypatch.setattr(plan, "_today", lambda: TODAY)
    got = [(d["text"], d["value"]) for d in _rule_facts(text)["dates"]]
    assert got == expected
    assert all(v == resolve_relative(t, TODAY) for t, v in got)
