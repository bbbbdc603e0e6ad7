"""New-term detection: words that are frequent in the recent window and rare or absent before it.

Documents are cut into words (the classifier's private jieba tokenizer, two characters or more, stop words,
numbers and the fragments the tokenizer cuts off a phrase — 不发, 很着急, 请人社 of 请人社部门介入 — dropped).
For each word, ``recent`` = the number of documents in the last ``recent_days`` days that contain it and
``before`` = the number in the earlier days. A word is a new term when
``recent ≥ min_recent`` and its smoothed document rate rose at least ``min_ratio`` times:

    ratio = ((recent + 0.5) / N_recent) / ((before + 0.5) / N_before)

and the rise is beyond chance: ``−log10 P(X ≥ recent)`` ≥ ``min_significance`` for X ~ Poisson of the word's
earlier rate, ``(before + 0.5) · N_recent / N_before`` (a word of 12 posts in four months, three of them in
the last week, had passed the ratio: 界碑 and 邻组 of a forest-border formula, a district's name in a letter's
greeting; over thousands of words such chance weeks are many). Terms are ranked by
``score = log2(ratio) · sqrt(recent)`` (rises that many posts share rank first).

Examples:
    >>> from datetime import date
    >>> docs = [(date(2024, 5, d), "小区停车位被占了") for d in range(1, 20)]
    >>> docs += [(date(2024, 5, d), "化工厂偷排废水鱼塘死鱼") for d in (25, 26, 27, 28)]
    >>> [t["term"] for t in new_terms(docs, recent_days=7)][:3]
    ['偷排', '化工厂', '废水']
"""
from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Iterable

__all__ = ["new_terms", "STOPWORDS"]

STOPWORDS = frozenset("""
我们 你们 他们 她们 自己 什么 怎么 怎么办 这个 那个 这样 那样 就是 还是 但是 因为 所以 如果 可以 没有 已经 现在
一个 一直 希望 请问 你好 您好 领导 谢谢 问题 情况 反映 处理 部门 有关 相关 能否 是否 能不能 麻烦 帮忙 解决 一下
时候 今天 昨天 明天 去年 今年 而且 然后 还有 不是 不能 不会 这种 那种 这些 那些 大家 需要 应该 要求 进行 目前
多次 一些 非常 特别 真的 实在 为什么 其中 以及 或者 还要 起来 出来 知道 觉得 感觉 市民 来电 网友 留言 诉求 本人
晚上 早上 白天 每天 天天 最近 一直 好几 几个 半天 上午 下午 小时 时间 地方 东西 事情 这边 那边 这里 那里
门口 里面 外面 附近 下来 上去 下去 过来 过去 上班 下班 家里 厂里 单位里
突然 终于 竟然 居然 根本 直接 马上 立刻 赶紧 一起 到底 简直 确实 其实 只能 只好 还要 不再 继续
说好 说是 听说 据说 有人 之前 以前 以后 后来 一样 告诉 看到 发现 结果 所谓 说明 表示 认为 称其 其称
""".split())
# pieces the tokenizer cuts off a phrase, not terms: a negated or graded verb or adjective (不发, 没发, 太吵, 很多) and
# a request or degree word glued to the next word (请人社 of 请人社部门介入, 很着急, 没拿到); 不动产, 不作为 stay
_FRAGMENT = re.compile(r"[不没很太][\u4e00-\u9fff]|[请很太没][\u4e00-\u9fff]{2,}")
_NUMERIC = re.compile(r"[一二三四五六七八九十两几百千万半多0-9]+[个天年月日次名户人元块号楼层]?")


def _words(text: str) -> set[str]:
    from fazhi.scan.classify import words

    return {w for w in words(text) if w not in STOPWORDS and not _NUMERIC.fullmatch(w) and not _FRAGMENT.fullmatch(w)}


def new_terms(docs: Iterable[tuple[date, str]], recent_days: int = 7, min_recent: int = 3,
              min_ratio: float = 4.0, top: int = 20, end: date | None = None,
              min_significance: float = 3.0) -> list[dict]:
    """New terms in ``(date, text)`` pairs. Returns ``[{"term","recent","before","ratio","score",
    "first_seen"}]``, best first. The recent window is the ``recent_days`` days ending at ``end`` (default:
    the latest date)."""
    from fazhi.scan.bursts import poisson_score

    docs = list(docs)
    if not docs:
        return []
    end = end or max(d for d, _ in docs)
    cut = end - timedelta(days=recent_days - 1)
    recent: dict[str, int] = {}
    before: dict[str, int] = {}
    first: dict[str, date] = {}
    n_recent = n_before = 0
    for d, text in docs:
        if d > end:
            continue
        ws = _words(text)
        target = recent if d >= cut else before
        if d >= cut:
            n_recent += 1
        else:
            n_before += 1
        for w in ws:
            target[w] = target.get(w, 0) + 1
            if w not in first or d < first[w]:
                first[w] = d
    if not n_recent:
        return []
    out = []
    for w, r in recent.items():
        if r < min_recent:
            continue
        b = before.get(w, 0)
        ratio = ((r + 0.5) / n_recent) / ((b + 0.5) / max(n_before, 1))
        if ratio < min_ratio:
            continue
        if n_before and poisson_score(r, (b + 0.5) * n_recent / n_before) < min_significance:
            continue  # a chance week of a word already in use
        out.append({"term": w, "recent": r, "before": b, "ratio": round(ratio, 2),
                    "score": round(math.log2(ratio) * math.sqrt(r), 3), "first_seen": first[w].isoformat()})
    out.sort(key=lambda t: (-t["score"], t["term"]))
    return out[:top]
