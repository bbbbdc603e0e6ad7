"""Bursts on sparse daily series, as one dispute type in one district gives them: a post every two or three
days, runs of quiet days, the odd busy day."""
from datetime import date, timedelta

from fazhi.scan.bursts import detect_bursts

START = date(2024, 3, 1)
# about 0.45 posts a day over 60 days
QUIET = [1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 0, 1, 0, 0, 1,
         1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         0, 0, 4, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0]


def _series(counts):
    return {START + timedelta(d): c for d, c in enumerate(counts)}


def test_a_chance_day_after_a_quiet_run_is_no_burst():
    # 4 posts on day 42, after twelve empty days: the EWMA had sunk to the floor (0.2) and called it a burst
    # (score 4.2); against the series' own rate (0.4 a day) it is p ≈ 0.001, not unusual over 60 days
    assert detect_bursts(_series(QUIET)) == []


def test_a_real_burst_in_a_sparse_series_is_found_with_an_honest_baseline():
    counts = list(QUIET)
    counts[48:51] = [6, 9, 5]  # a wage-arrears cluster: three days of calls from one site
    bursts = detect_bursts(_series(counts))
    assert [(b.start.isoformat(), b.end.isoformat(), b.count) for b in bursts] == [("2024-04-18", "2024-04-20", 20)]
    quiet = [c for d, c in enumerate(counts) if not 48 <= d <= 50]
    # the baseline of the three days is at least the quiet-day rate, not 3 × the 0.2 floor
    assert bursts[0].baseline >= 3 * sum(quiet) / len(quiet) - 1e-9
    assert bursts[0].score > 10


def test_the_tail_of_a_surge_belongs_to_it():
    # a three-day surge 7, 8, 4 on a series of about one post a day: the third day alone (4 against 1.0,
    # p ≈ 0.02) is no burst, but it is where the surge ends
    base = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0] * 6
    counts = list(base)
    counts[40:43] = [7, 8, 4]
    bursts = detect_bursts(_series(counts))
    assert [(b.start.isoformat(), b.end.isoformat(), b.count) for b in bursts] == [("2024-04-10", "2024-04-12", 19)]
