"""Burst detection on daily counts: a Poisson test against an EWMA baseline.

For a daily series c_1 … c_T (missing days are zero) the expected count on day t is

    μ_t = max(floor, b_{t-1}),   b_t = α·c_t + (1 − α)·b_{t-1}   (b_0 = the series median, or its mean when
                                                                the median is 0)

and day t is *bursting* when ``c_t ≥ min_count`` and the Poisson tail ``P(X ≥ c_t | μ_t)`` is below
``10^-threshold``; the score is ``−log10`` of that tail. The baseline is not updated on bursting days, so a
burst lasting several days does not raise its own baseline. Slow bursts (a few extra posts a day for a
week) are caught by the same test on sums over ``windows`` of w consecutive days against ``w · μ`` of the
window's first day (days already flagged count as their μ); such a window flags its days whose count is
above that μ. Consecutive bursting days (gaps of up to
``max_gap`` quiet days) merge into one alert whose ``count`` and ``baseline`` are the sums over its days and
whose ``score`` is the Poisson tail of the summed count against the summed baseline; merged alerts below
the threshold are dropped. A merged period at least as long as the longest window is scored against the
baseline with none of its flagged days counted (never below the series' mean outside its sharp days): a
slow burst's own days had raised the running EWMA and hidden it.

The expected count is never below the series' own mean on the days outside the bursts of a first pass:
on a sparse series (one type in one district, a post every two or three days) the EWMA sinks toward the
floor after a quiet run, and a chance day of four posts then scored as a burst against a baseline of 0.2
(1 false alert per two months of a realistic 5-district stream; 3 per 8 such streams with the bound, and
synthetic-stream precision 0.981 → 0.988 at recall 1.0). A burst extends to a neighbouring day that is
unusual at half the threshold (hysteresis), so the weaker last day of a surge is part of its period.

Defaults (tuned on synthetic streams with seeds 100–119, see docs/scan.md): α = 0.1, threshold = 3.5
(p < 0.0003; on the tuning streams 97% of alerts were real), min_count = 3,
floor = 0.2 posts/day, max_gap = 1, windows = (3, 7) days.

Examples:
    >>> from datetime import date, timedelta
    >>> days = [date(2024, 5, 1) + timedelta(d) for d in range(30)]
    >>> counts = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 0, 2, 1, 1, 9, 12, 1, 0, 1, 1, 2, 0, 1, 1, 0, 1, 2, 1]
    >>> [(b.start.isoformat(), b.end.isoformat(), b.count) for b in detect_bursts(dict(zip(days, counts)))]
    [('2024-05-17', '2024-05-18', 21)]
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping

__all__ = ["Burst", "detect_bursts", "poisson_score", "renamed_series", "DEFAULTS"]

DEFAULTS = {"alpha": 0.1, "threshold": 3.5, "min_count": 3, "floor": 0.2, "max_gap": 1, "windows": (3, 7)}


@dataclass(frozen=True)
class Burst:
    start: date
    end: date
    count: int
    baseline: float
    score: float
    peak: date

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "count": self.count,
                "baseline": round(self.baseline, 2), "score": round(self.score, 2), "peak": self.peak.isoformat()}


def poisson_score(count: int, mu: float) -> float:
    """``−log10 P(X ≥ count)`` for X ~ Poisson(mu).

    >>> round(poisson_score(5, 1.0), 2)
    2.44
    """
    if count <= 0:
        return 0.0
    from scipy.stats import poisson

    p = poisson.sf(count - 1, mu)
    if p <= 0:
        # beyond double precision: use the log of the first term of the tail
        logp = count * math.log(mu) - mu - math.lgamma(count + 1)
        return -logp / math.log(10)
    return -math.log10(p)


def _median(xs: list[int]) -> float:
    s = sorted(xs)
    n = len(s)
    return float(s[n // 2]) if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def detect_bursts(counts: Mapping[date, int], start: date | None = None, end: date | None = None, *,
                  alpha: float = DEFAULTS["alpha"], threshold: float = DEFAULTS["threshold"],
                  min_count: int = DEFAULTS["min_count"], floor: float = DEFAULTS["floor"],
                  max_gap: int = DEFAULTS["max_gap"], windows: tuple[int, ...] = DEFAULTS["windows"]) -> list[Burst]:
    """Bursts in a daily count series ``{date: count}`` between ``start`` and ``end`` (inclusive; default:
    the first and last date present)."""
    if not counts:
        return []
    start = start or min(counts)
    end = end or max(counts)
    n = (end - start).days + 1
    series = [int(counts.get(start + timedelta(d), 0)) for d in range(n)]
    kw = dict(alpha=alpha, threshold=threshold, min_count=min_count, max_gap=max_gap, windows=windows)
    first = _detect(series, start, floor=floor, **kw)
    # On a sparse series (a type in one district: a post every few days) the EWMA sinks toward zero over a
    # run of quiet days, and the next chance day of 4 posts looks like a burst against a baseline of 0.2.
    # The expected count is therefore never below the series' own rate on the days that did not burst.
    burst_days = {(b.start + timedelta(d)) for b in first for d in range((b.end - b.start).days + 1)}
    quiet = [c for d, c in enumerate(series) if start + timedelta(d) not in burst_days]
    rate = sum(quiet) / len(quiet) if quiet else 0.0
    return _detect(series, start, floor=rate, **kw) if rate > floor else first


def _clean_baselines(series: list[int], flagged, alpha: float, floor: float, mus: list[float],
                     sharp) -> list[float]:
    """The expected count of each day with the EWMA not updated on any flagged day, never below the series'
    mean outside its sharp (single-day) bursts."""
    if not flagged:
        return mus
    rest = [c for t, c in enumerate(series) if t not in sharp]
    rate = sum(rest) / len(rest) if rest else floor
    first = min(flagged)
    out = list(mus[:first])
    b = mus[first]
    for t in range(first, len(series)):
        out.append(max(floor, rate, b) if t in flagged and t not in sharp else mus[t] if t in sharp else max(floor, b))
        if t not in flagged:
            b = alpha * series[t] + (1 - alpha) * b
    return out


def _detect(series: list[int], start: date, *, alpha, threshold, min_count, floor, max_gap, windows) -> list[Burst]:
    n = len(series)
    med = _median(series)
    b = med if med > 0 else sum(series) / n
    mus: list[float] = []        # expected count of each day, from the baseline before that day
    flagged: dict[int, float] = {}  # day index -> best score of a test that flagged it
    sharp: set[int] = set()  # days flagged by their own count
    for t, c in enumerate(series):
        mu = max(floor, b)
        mus.append(mu)
        score = poisson_score(c, mu) if c >= min_count else 0.0
        if score >= threshold:
            flagged[t] = score
            sharp.add(t)
        else:
            b = alpha * c + (1 - alpha) * b
    # slower bursts: the sum of w consecutive days against w times the baseline as it stood before them
    # days already flagged count only their expected value here, so one sharp day does not make every
    # window around it significant
    resid = [mus[t] if t in flagged else series[t] for t in range(n)]
    for w in windows:
        if w <= 1 or w > n:
            continue
        for t in range(w - 1, n):
            s0 = t - w + 1
            total = round(sum(resid[s0:t + 1]))
            if total < max(min_count, w):
                continue
            score = poisson_score(total, w * mus[s0])
            if score >= threshold:
                for d in range(s0, t + 1):
                    if d not in flagged and series[d] > mus[s0]:  # only the days that carry the rise
                        flagged[d] = max(flagged.get(d, 0.0), score)
    # hysteresis: a burst goes on (or began) on a neighbouring day that is unusual at half the threshold,
    # so the third day of a three-day surge is not cut off because its count alone is only p ≈ 0.003
    grow = sorted(flagged)
    while grow:
        t = grow.pop()
        for u in (t - 1, t + 1):
            if 0 <= u < n and u not in flagged and series[u] >= min_count:
                sc = poisson_score(series[u], mus[u])
                if sc >= threshold / 2:
                    flagged[u] = sc
                    grow.append(u)
    # A slow burst (two or three extra posts a day for a week or more) passes no single-day test, so its days
    # raised the EWMA before the window test flagged them: against those raised baselines its merged count was
    # no longer unusual (23 posts in 10 days where 0.4 a day is usual gave no alert). A merged period at least
    # as long as the longest window is scored against the baseline as it stood with no flagged day counted
    # (as a sharp burst is), never below the series' mean outside its sharp days; shorter periods, where the
    # EWMA has little time to climb, keep the running baseline.
    clean = _clean_baselines(series, flagged, alpha, floor, mus, sharp)
    long_enough = max((w for w in windows if w > 1), default=n + 1)
    days = [(t, series[t], mus[t], sc, clean[t]) for t, sc in sorted(flagged.items())]
    bursts: list[Burst] = []
    group: list[tuple[int, int, float, float, float]] = []

    def close():
        if not group:
            return
        first, last = group[0][0], group[-1][0]
        total = sum(series[first:last + 1])
        k = 4 if last - first + 1 >= long_enough else 2
        expected = sum(g[k] for g in group) + max(floor, b) * ((last - first + 1) - len(group))
        peak = max(group, key=lambda g: g[3])[0]
        if poisson_score(total, expected) < threshold:
            return  # a stray flagged day or two whose merged count is not unusual
        bursts.append(Burst(start + timedelta(first), start + timedelta(last), total, expected,
                            poisson_score(total, expected), start + timedelta(peak)))

    for d in days:
        if group and d[0] - group[-1][0] > max_gap + 1:
            close()
            group = []
        group.append(d)
    close()
    return bursts


def renamed_series(series: Mapping[str, Mapping[date, int]], start: date, end: date, *, min_side: int = 7,
                   min_rate: float = 1.0) -> dict[str, tuple[str, date]]:
    """Series that go on under another name: ``{old: (new, since)}``.

    A district merged into another (宁波's 江东区 into 鄞州区) stops on the day the hotline's list drops its name,
    and the district that took it over carries its posts from then on: 鄞州区 grows by 江东区's volume overnight,
    which is no emerging dispute of 鄞州区. A series whose rate falls below a fifth of what it was, from a day
    with at least ``min_side`` days on either side, while one other series rises by about what it lost (between
    half and twice, and far beyond chance), is taken to go on under that other name; a new name that takes over
    part of an old one (a district split off) is the same seen the other way: ``{new: (old, since)}``.
    Series below ``min_rate`` posts a day are left alone.

    >>> from datetime import date, timedelta
    >>> d0 = date(2026, 4, 1)
    >>> old = {d0 + timedelta(i): 5 for i in range(30)}
    >>> big = {d0 + timedelta(i): 8 if i < 30 else 13 for i in range(50)}
    >>> other = {d0 + timedelta(i): 6 for i in range(50)}
    >>> renamed_series({"江东区": old, "鄞州区": big, "海曙区": other}, d0, d0 + timedelta(49))
    {'江东区': ('鄞州区', datetime.date(2026, 5, 1))}
    """
    n = (end - start).days + 1
    if n < 2 * min_side:
        return {}
    from itertools import accumulate

    # only series of some size can stop or take another over (an export's stray spellings stay out)
    arr = {k: v for k, c in series.items()
           if sum(v := [int(c.get(start + timedelta(d), 0)) for d in range(n)]) >= min_rate * min_side * 0.5}
    cums = {k: [0, *accumulate(v)] for k, v in arr.items()}

    def rates(k, x):
        c = cums[k]
        return c[x] / x, (c[n] - c[x]) / (n - x)

    out: dict[str, tuple[str, date, bool]] = {}
    for k in arr:
        best = None
        for x in range(min_side, n - min_side + 1):
            before, after = rates(k, x)
            # a series that stops (old name) or starts (a new name): the small side below a fifth of the other
            hi, lo = max(before, after), min(before, after)
            if hi < min_rate or lo > 0.2 * hi:
                continue
            # the day of the change: where the step is largest against its noise (a t-like statistic)
            step = (hi - lo) * math.sqrt(x * (n - x) / n)
            if best is None or step > best[1]:
                best = (x, step, before > after)
        if best is None:
            continue
        x, _, stops = best
        before, after = rates(k, x)
        change = abs(before - after)
        partner = None
        for j in arr:
            if j == k:
                continue
            b2, a2 = rates(j, x)
            moved = (a2 - b2) if stops else (b2 - a2)  # what the other series took over (or gave up)
            days = n - x if stops else x
            # far beyond chance: the moved posts against the other series' own rate on that side
            if 0.5 * change <= moved <= 2 * change and moved * days >= 4 * math.sqrt(max(min(a2, b2), 0.5) * days) \
                    and (partner is None or abs(moved - change) < partner[1]):
                partner = (j, abs(moved - change))
        if partner:
            out[k] = (partner[0], start + timedelta(x), stops)  # since: the first day under the new name
    # a plain rename is found both ways (the old name stops where the new one starts): the old one goes on
    # under the new name
    return {k: (v[0], v[1]) for k, v in out.items() if v[2] or not (v[0] in out and out[v[0]][0] == k)}
