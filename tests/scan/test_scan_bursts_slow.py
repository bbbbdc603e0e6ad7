"""A slow burst: two or three extra posts a day for ten days where a post every two or three days is usual
(audit 5's 环境污染 in 郫都区). No single day passes the test, so the days raised the running EWMA before the
window test flagged them, and the merged period was scored against that raised baseline: no alert."""
from datetime import date, timedelta

from fazhi.scan.bursts import detect_bursts

SERIES = [0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0,
          2, 3, 2, 2, 3, 2, 3, 3, 1, 2,  # days 35-44: the slow burst
          0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1]


def test_slow_burst_is_not_hidden_by_its_own_baseline():
    start = date(2026, 3, 1)
    bursts = detect_bursts({start + timedelta(i): c for i, c in enumerate(SERIES)}, start, start + timedelta(59))
    assert len(bursts) == 1
    b = bursts[0]
    assert b.start <= start + timedelta(36) and b.end >= start + timedelta(42)
    assert b.count >= 18 and b.baseline < b.count / 2


def test_quiet_series_with_the_same_mean_has_no_burst():
    # the same number of posts spread evenly: nothing is rising
    start = date(2026, 3, 1)
    even = [1 if i % 2 else 0 for i in range(60)] + []
    assert detect_bursts({start + timedelta(i): c for i, c in enumerate(even)}, start, start + timedelta(59)) == []
