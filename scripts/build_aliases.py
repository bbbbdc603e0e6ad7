"""Build ``fazhi/nlp/data/law_titles.tsv``, the alias table behind :func:`fazhi.nlp.aliases.canonical_title`.

Evidence, in order of trust:

1. the title line (``# ...``) of every law file listed in ``shared/data/laws/manifest.tsv`` (the official
   title, e.g. 中华人民共和国刑法) and the manifest's own short title (刑法);
2. systematic variants: the 中华人民共和国 prefix removed, 最高人民法院/最高人民检察院 issuer prefixes added
   to judicial interpretations that begin with 关于;
3. titles cited in 《》 inside the law texts and judgments that are not in the manifest (repealed laws such as
   中华人民共和国合同法), kept when they look like a law title and occur at least twice;
4. abbreviations the texts define themselves: 《中华人民共和国种子法》（以下简称《种子法》）;
5. ``fazhi/nlp/data/alias_curated.tsv``: a short hand-written list of common abbreviations (消法, 民诉法 ...),
   each checked here to point at a title found in 1-3.

An alias that points at two different titles is dropped (ambiguous), unless one source is more trusted.

Usage:
    python scripts/build_aliases.py [--data ../shared/data] [--out fazhi/nlp/data/law_titles.tsv]
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fazhi.nlp.aliases import looks_like_law_title, normalize_title  # noqa: E402

PREFIX = "中华人民共和国"
LEVEL_RANK = {"宪法": 0, "法律": 1, "司法解释": 2, "行政法规": 3, "地方性法规": 4, "部门规章": 5, "其他": 6, "": 7}
# trust of each evidence source: lower wins when two sources disagree
SOURCE_RANK = {"heading": 0, "manifest": 1, "prefix": 2, "issuer": 2, "text": 3, "defined": 4, "curated": 5}
TITLE_IN_TEXT = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》){2,100})》")
DEFINED = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》){2,100})》[（(]以下简称《?([^《》）)\n]{2,30})》?[）)]")
GENERIC = {"本法", "本条例", "本办法", "本规定", "本细则", "本解释", "本决定", "解释", "规定", "决定", "条例", "办法",
           "细则", "实施条例", "实施细则", "实施办法", "法", "规则", "意见", "通知", "总体方案", "方案", "规划", "暂行规定", "暂行办法", "暂行条例", "若干规定"}
DEFINED_DENY = {"企业法", "实施条例", "实施细则", "实施办法"}
VERSION_SUFFIX = re.compile(r"[（(](?:\d{4}年)?[^（）()]{0,10}(?:修正|修订|试行|公布|施行)[^（）()]{0,6}[）)]$")


def read_manifest(data: Path):
    laws = data / "laws"
    with open(laws / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not row["level"] or row["level"] == "案例":
                continue
            path = laws / row["path"]
            heading = ""
            try:
                with open(path, encoding="utf-8") as g:
                    heading = g.readline().lstrip("#").strip()
            except OSError:
                pass
            yield row, heading, path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "fazhi" / "nlp" / "data" / "law_titles.tsv")
    args = ap.parse_args(argv)

    # alias key -> {canonical: (source_rank, level_rank)}
    table: dict[str, dict[str, tuple[int, int]]] = collections.defaultdict(dict)
    levels: dict[str, str] = {}

    def add(alias: str, canonical: str, source: str, level: str = ""):
        key = normalize_title(alias)
        if not key or key in GENERIC or len(key) < 2:
            return
        rank = (SOURCE_RANK[source], LEVEL_RANK.get(level, 7))
        old = table[key].get(canonical)
        if old is None or rank < old[:2]:
            table[key][canonical] = rank + (source,)

    files = []
    for row, heading, path in read_manifest(args.data):
        level = row["level"]
        title = row["title"]
        if level == "法律" and title.startswith("民法典 "):  # one law split by 编
            title = "民法典"
        canonical = heading or title
        if canonical.startswith("中华人民共和国民法典"):
            canonical = "中华人民共和国民法典"
        canonical = canonical.strip()
        levels.setdefault(canonical, level)
        files.append(path)
        add(canonical, canonical, "heading", level)
        add(title, canonical, "manifest", level)
        for name in (canonical, title):
            if name.startswith(PREFIX) and len(name) > len(PREFIX) + 1:
                add(name[len(PREFIX):], canonical, "prefix", level)
            elif level in ("法律", "宪法", "行政法规") and not name.startswith(PREFIX) and (
                    name.endswith("法") or name.endswith("法典")) and "关于" not in name:
                add(PREFIX + name, canonical, "prefix", level)
            if level == "司法解释" and name.startswith("关于"):
                for issuer in ("最高人民法院", "最高人民检察院", "最高人民法院、最高人民检察院",
                               "最高人民法院 最高人民检察院"):
                    add(issuer + name, canonical, "issuer", level)

    # titles cited in the texts, and abbreviations the texts define
    counts: collections.Counter[str] = collections.Counter()
    defined: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files if p.exists()]
    judg = args.data / "judgments" / "cjrc_fact_paragraphs.jsonl"
    if judg.exists():
        texts.extend(json.loads(line)["text"] for line in judg.open(encoding="utf-8"))
    for text in texts:
        for m in TITLE_IN_TEXT.finditer(text):
            counts[normalize_title(m.group(1))] += 1
        for m in DEFINED.finditer(text):
            defined[normalize_title(m.group(2))][normalize_title(m.group(1))] += 1

    known = {normalize_title(c): c for c in levels}
    for key, n in counts.items():
        if key in table or n < 2:
            continue
        base = VERSION_SUFFIX.sub("", key)
        if base in table:  # 《中华人民共和国民事诉讼法（2017年修正）》
            for canonical in table[base]:
                add(key, canonical, "text")
            continue
        if not looks_like_law_title(key) or not (key.startswith(PREFIX) or key.startswith("最高人民")
                                                 or key.startswith("国务院") or key.startswith("全国人民代表大会")):
            continue
        add(key, key, "text")
        known[key] = key
        if key.startswith(PREFIX) and len(key) > len(PREFIX) + 1:
            add(key[len(PREFIX):], key, "prefix")

    for short, targets in defined.items():
        for long_key, _ in targets.most_common(1):
            canon = table.get(long_key)
            if (canon and looks_like_law_title(short) and short not in table and len(short) >= 3
                    and short[0] not in "省市县区本该" and short not in DEFINED_DENY):
                best = min(canon.items(), key=lambda kv: kv[1][:2])[0]
                add(short, best, "defined")

    curated = ROOT / "fazhi" / "nlp" / "data" / "alias_curated.tsv"
    if curated.exists():
        for line in curated.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            alias, target = line.split("\t")[:2]
            tkey = normalize_title(target)
            if tkey not in table:
                print(f"curated alias {alias!r}: target {target!r} not found; skipped", file=sys.stderr)
                continue
            best = min(table[tkey].items(), key=lambda kv: kv[1][:2])[0]
            add(alias, best, "curated")

    rows = []
    dropped = 0
    for key, cands in table.items():
        ranked = sorted(cands.items(), key=lambda kv: kv[1][:2])
        if len(ranked) > 1 and ranked[0][1][:2] == ranked[1][1][:2]:
            dropped += 1  # ambiguous at the same trust: leave it out
            continue
        canonical, (_, _, src) = ranked[0]
        rows.append((key, canonical, levels.get(canonical, ""), src))
    rows.sort()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# alias\tcanonical\tlevel\tsource  (generated by scripts/build_aliases.py; do not edit)\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} aliases for {len({r[1] for r in rows})} titles -> {args.out} ({dropped} ambiguous dropped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
