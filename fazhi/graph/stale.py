"""Article signatures, and CITE_STALE_NUMBER: an article number that, after a revision, names another article.

《行政复议法》第九条 was the 60-day application limit in the 2017 text; in the 2023 text 第九条 is about 表彰 and the
limit is 第二十条. A draft that still cites 第九条 next to the 60-day rule cites an existing article, so
CITE_NO_SUCH_ARTICLE cannot see it. This module keeps, for each version of a law the corpus holds in more than
one version, a small signature of each article — the character bigrams most distinctive within that version
(``SIGNATURE_SIZE`` per article, by tf·idf over the version's articles) — and compares the words of the sentence
around a citation with the signature of the article cited, of the other articles of the text in force, and of
the same number in the version before.

A finding needs the sentence to carry content of its own (``MIN_CONTENT`` bigrams once the citation, the law's
name and the connecting words are taken off: no finding for a bare 依据《X法》第N条), to share almost nothing with
the cited article (at most ``MAX_CITED`` signature bigrams) and clearly much with the same number in the version
before (at least ``MIN_MEANT``, and ``MARGIN`` more than with the cited article); the article meant is then the one
of the current text most like that old article.

Examples:
    >>> sig = signatures([(1, "第一条 为了规范行政复议工作，制定本法。"),
    ...                   (2, "第二条 申请人可以自知道该行政行为之日起六十日内提出行政复议申请。")], size=4)
    >>> sorted(decode(sig))
    [1, 2]
"""
from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter

__all__ = ["SIGNATURE_SIZE", "signatures", "decode", "content_grams", "overlap", "judge"]

SIGNATURE_SIZE = 12
MIN_CONTENT = 10  # bigrams of the sentence's own content
MAX_CITED = 1
MIN_MEANT = 4
MARGIN = 3
LIKE = 0.2  # Dice coefficient of two signatures from which an article of the new text continues one of the old

_LABEL = re.compile(r"^\s*第[零〇一二三四五六七八九十百千两0-9]+条(?:之[一二三四五六七八九十]+)?\s*")
_CN_NUM = str.maketrans("０１２３４５６７８９", "0123456789")
# connecting words of a citation sentence and of every legal text: never evidence of which article is meant
_GENERIC = re.compile(r"依照|依据|根据|按照|参照|遵照|规定|本法|本条|条例|办法|实施|执行|应当|可以|不得|或者|以及|并且|"
                      r"中华人民共和国|有关|相关|法律|法规|行政法规|第[零〇一二三四五六七八九十百千两0-9]+[条款项]")


_DIGIT = re.compile(r"[0-9０-９]+")
_ITEM = re.compile(r"[（(][一二三四五六七八九十]+[）)]")


def _runs(s: str) -> list:
    """The runs of Chinese characters of ``s`` (Arabic numbers spelled out, item marks （一） dropped): a bigram never
    straddles punctuation or an item mark."""
    from fazhi.numerals import int_to_cn

    s = _ITEM.sub(" ", s)
    if _DIGIT.search(s):
        s = _DIGIT.sub(lambda m: int_to_cn(int(m.group().translate(_CN_NUM))) if len(m.group()) < 9 else " ", s)
    return re.findall(r"[\u4e00-\u9fff]+", s)


# function characters: a bigram holding one (的人, 及其, 会及) says nothing about what an article provides
_FUNCTION = frozenset("的之和或及其等与对在是了为于并而由从向被将把也所该此该各")


_NO_FUNCTION = re.compile("[" + "".join(sorted(_FUNCTION)) + "]")  # a regex: str.translate with a dict is slower


def _grams(s: str) -> list:
    # a function character ends a run, so that no bigram holds one
    return [r[i:i + 2] for r in _runs(_NO_FUNCTION.sub(" ", s)) for i in range(len(r) - 1)]


def _size(text_length: int, size: int) -> int:
    """Bigrams kept for an article: ``size``, more for a long one (an article of many items is paraphrased by any
    of them), at most 4 × ``size``."""
    return max(size, min(4 * size, text_length // 8))


def signatures(articles, size: int = SIGNATURE_SIZE) -> str:
    """One string for the articles of a version: ``n:bigrams|n:bigrams…`` (``size`` bigrams each, most distinctive
    first), for :func:`decode`. ``articles``: (number, text) pairs."""
    counts = []
    df: Counter = Counter()
    for n, t in articles:
        c = Counter(_grams(_GENERIC.sub(" ", _LABEL.sub("", t))))
        counts.append((n, c, len(t)))
        df.update(c.keys())
    total = len(counts) or 1
    idf = {g: math.log(total / k) if total > 1 else 1.0 for g, k in df.items()}
    out = []
    for n, c, length in counts:
        # distinctive within the law: tf·idf, and never a bigram a quarter of the articles share
        scored = [(-k * idf[g], g) for g, k in c.items() if total < 8 or df[g] * 4 <= total]
        if scored:
            out.append(f"{n}:" + "".join(g for _, g in heapq.nsmallest(_size(length, size), scored)))
    return "|".join(out)


@functools.lru_cache(maxsize=256)
def decode(code: str) -> dict:
    """{article: frozenset of bigrams} of a :func:`signatures` string."""
    table = {}
    for entry in code.split("|") if code else ():
        n, _, grams = entry.partition(":")
        table[int(n)] = frozenset(grams[i:i + 2] for i in range(0, len(grams) - 1, 2))
    return table


def content_grams(sentence: str, drop: tuple = ()) -> frozenset:
    """The bigrams of a sentence's own content: without the citations and names in ``drop`` (text spans), the
    connecting words (依照……的规定) and bigrams that straddle a removed piece."""
    for d in drop:
        sentence = sentence.replace(d, "|")
    sentence = re.sub(r"《[^》]*》", "|", sentence)
    sentence = _GENERIC.sub("|", sentence)
    grams = set()
    for piece in sentence.split("|"):
        grams.update(_grams(piece))
    return frozenset(grams)


def overlap(sig: frozenset | None, grams: frozenset) -> int:
    return len(sig & grams) if sig else 0


def judge(grams: frozenset, current: dict, article: int, previous: dict | None = None):
    """Whether a sentence with content ``grams`` citing ``article`` means the article of that number in the version
    before, and which article of the current text that one became.

    Returns None, or (cited overlap, meant article in ``current`` or None, its overlap, overlap with ``article`` of
    ``previous``, whether that is the sentence's best match in ``previous``). The cited article must share at most
    ``MAX_CITED`` signature bigrams with the sentence, and the same number in the version before at least
    ``MIN_MEANT`` and ``MARGIN`` more. The meant article is the current one most like that old article (Dice
    coefficient of the signatures at least ``LIKE``; of several, the best by likeness times the sentence's overlap), named only when the old article is also the sentence's best
    match in the version before, or the meant one its best match in the current text: a text citing a numbering
    older still (2005 公司法 第一百五十二条, 股东代表诉讼, which is 第一百五十一条 in the 2018 text) matches another old
    article better, and the old 第一百五十二条's successor is not what it means.
    """
    if len(grams) < MIN_CONTENT or article not in current:
        return None
    cited = overlap(current[article], grams)
    if cited > MAX_CITED:
        return None
    old = previous.get(article) if previous else None
    before = overlap(old, grams)
    # a sentence that only seems closer to another article of the same text is no evidence: sentences about what
    # follows from an article (不符合第一百二十二条规定的起诉条件的，裁定驳回起诉) share words with the article that
    # provides the consequence (measured: 34 findings as of the texts' own dates in the corpus, all false)
    if not old or before < MIN_MEANT or before < cited + MARGIN:
        return None
    best_before = before >= max((overlap(sig, grams) for n, sig in previous.items() if n != article), default=0)
    # the old article's successors: current articles like it (an article split in two, 2017 行政复议法 第三十一条 into
    # 第六十二条 and 第七十五条, has two); of them, the best by likeness times the sentence's overlap, if clearly
    like = []
    for n, sig in current.items():
        if n != article and sig:
            dice = 2 * len(sig & old) / (len(sig) + len(old))
            if dice >= LIKE:
                like.append((dice * overlap(sig, grams), overlap(sig, grams), n))
    like.sort(reverse=True)
    if like and like[0][1] >= 2 and (len(like) < 2 or like[0][0] > like[1][0]):
        score, meant = like[0][1], like[0][2]
        if best_before or score > max((overlap(sig, grams) for n, sig in current.items() if n != meant),
                                      default=0):
            return cited, meant, score, before, best_before
    return cited, None, 0, before, best_before
