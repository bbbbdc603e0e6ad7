"""Build the bundled sample data under ``fazhi/corpora/data/``.

Steps (run from the repository root)::

    .venv/bin/python scripts/make_samples.py laws     # copy the selected official law texts verbatim
    .venv/bin/python scripts/make_samples.py check    # check dossier citations against those texts
    .venv/bin/python scripts/make_samples.py posts    # regenerate posts.jsonl (fixed seed)

The law texts come from ``../shared/data/laws`` (LawRefBook Markdown) and are copied byte for byte,
keeping their relative paths, with the matching rows of the source ``manifest.tsv``.
The mediation dossiers in ``mediation.jsonl`` are written by hand; ``check`` verifies that every
cited article exists in a bundled law text. The posts are generated from hand-written phrase banks
with a fixed seed, with injected patterns documented in ``docs/samples.md``.
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "fazhi" / "corpora" / "data"
LAWS_OUT = DATA / "laws"
SHARED_LAWS = ROOT / ".." / "shared" / "data" / "laws"

# Files copied from ../shared/data/laws (paths relative to that folder).
LAW_FILES = [
    "诉讼与非诉讼程序法/人民调解法(2010-08-28).md",
    "民法典/总则.md",
    "民法典/物权编.md",
    "民法典/合同编.md",
    "民法典/人格权编.md",
    "民法典/婚姻家庭编.md",
    "民法典/继承编.md",
    "民法典/侵权责任编.md",
    "民法典/附则.md",
    "行政法/行政处罚法(2021-01-22).md",
    "行政法/行政许可法(2019-04-23).md",
    "行政法/行政强制法(2011-06-30).md",
    "宪法相关法/立法法(2023-03-13).md",
    "宪法相关法/立法法(2015-03-15).md",
    "诉讼与非诉讼程序法/行政复议法(2023-09-01).md",
    "诉讼与非诉讼程序法/行政复议法(2017-09-01).md",
    "行政法规/信访工作条例(2022-02-25).md",
    "行政法规/信访条例(2005-01-10).md",
    "行政法规/物业管理条例(2018-03-19).md",
    "诉讼与非诉讼程序法/劳动争议调解仲裁法(2007-12-29).md",
    "社会法/劳动合同法(2012-12-28).md",
    "民法商法/消费者权益保护法(2013-10-25).md",
    "行政法/道路交通安全法(2021-04-29).md",
    "行政法/治安管理处罚法(2012-10-26).md",
    "行政法规/医疗纠纷预防和处理条例(2018-07-31).md",
    "行政法/土地管理法(2019-08-26).md",
    "民法商法/农村土地承包法(2018-12-29).md",
    "诉讼与非诉讼程序法/农村土地承包经营纠纷调解仲裁法(2009-06-27).md",
    "诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md",
    "诉讼与非诉讼程序法/民事诉讼法(2021-12-24).md",
    "行政法规/法规规章备案条例(2001-12-14).md",
    "行政法规/规章制定程序条例(2017-12-22).md",
    "社会法/社会保险法(2018-12-29).md",
    "行政法/个人信息保护法(2021-08-20).md",
    "司法解释/最高人民法院关于适用《合同法》若干问题的解释（二）(2009-04-24).md",
    "DLC/浙江地方法规/地方性法规/浙江/杭州市物业管理条例(2021-08-09).md",
    "DLC/浙江地方法规/地方性法规/浙江/宁波市人民调解条例(2015-04-13).md",
    "DLC/浙江地方法规/地方性法规/浙江/浙江省劳动人事争议调解仲裁条例(2020-09-24).md",
    "DLC/上海地方法规/地方性法规/上海/上海市住宅物业管理规定(2020-12-30).md",
]


def copy_laws(src: Path = SHARED_LAWS, out: Path = LAWS_OUT) -> int:
    """Copy LAW_FILES verbatim and write ``out/manifest.tsv`` with the source manifest's rows."""
    src = src.resolve()
    with open(src / "manifest.tsv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = {row[0]: row for row in reader}
    missing = [p for p in LAW_FILES if p not in rows or not (src / p).is_file()]
    if missing:
        raise SystemExit(f"missing in {src}: {missing}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with open(out / "manifest.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for rel in LAW_FILES:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src / rel, out / rel)
            fh.write("\t".join(rows[rel]) + "\n")
    return len(LAW_FILES)


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ARTICLE_RE = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?[\s　]")
CITE_RE = re.compile(r"《([^》]+)》第([零〇一二两三四五六七八九十百千]+)条")


def cn_int(s: str) -> int:
    """Chinese numeral (up to 千) to int: ``cn_int("二百八十八") == 288``."""
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (cur or 1) * unit
            cur = 0
    return total + cur


def law_title(text: str) -> str:
    return text.split("\n", 1)[0].lstrip("# ").strip()


def short_title(title: str) -> str:
    return title.removeprefix("中华人民共和国")


def load_articles(laws: Path = LAWS_OUT) -> dict[str, dict[int, str]]:
    """Map each bundled law's short title to {article number: article text}.

    Only the newest version of a law is used (by the manifest's publish date), so citations are
    checked against the text in force. The 民法典 books are merged under ``民法典``.
    """
    with open(laws / "manifest.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    rows.sort(key=lambda r: r["publish"] or "")
    out: dict[str, dict[int, str]] = {}
    for row in rows:
        text = (laws / row["path"]).read_text(encoding="utf-8")
        key = short_title(law_title(text))
        arts: dict[int, str] = {}
        cur = None
        for line in text.split("<!-- INFO END -->", 1)[-1].splitlines():
            m = ARTICLE_RE.match(line)
            if m and not m.group(2):
                cur = cn_int(m.group(1))
                arts[cur] = line
            elif m:
                cur = None
            elif cur is not None and line.strip() and not line.startswith("#"):
                arts[cur] += "\n" + line
        if key == "民法典":
            out.setdefault(key, {}).update(arts)
        else:
            out[key] = arts  # later (newer) versions replace earlier ones
    return out


def check_dossiers(path: Path = DATA / "mediation.jsonl", show: bool = False) -> list[str]:
    """Return problems with dossier citations (unknown law or article); print cited texts if show."""
    import json

    arts = load_articles()
    problems = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        for cite in d["laws"]:
            m = CITE_RE.fullmatch(cite)
            if not m:
                problems.append(f"{d['id']}: malformed citation {cite}")
                continue
            law, n = short_title(m.group(1)), cn_int(m.group(2))
            if law not in arts or n not in arts[law]:
                problems.append(f"{d['id']}: {cite} not found")
            elif show:
                print(f"{d['id']} [{d['dispute_type']}] {cite}: {arts[law][n][:160]}")
            if cite not in d["text"]:
                problems.append(f"{d['id']}: {cite} not in text")
    return problems


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """GB 11643 check character for the first 17 digits of a resident ID number."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id_card(area: str, birth: str, seq: str) -> str:
    """A fictional, checksum-valid ID number; fazhi samples always use sequence codes 990-999.

    >>> id_card("330106", "19800101", "991")
    '330106198001019915'
    """
    assert len(area) == 6 and len(birth) == 8 and seq.startswith("99") and len(seq) == 3
    first = area + birth + seq
    return first + id_check_digit(first)


def cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def compose_text(d: dict) -> str:
    """The dossier as one document: title, committee and date, parties, facts, process, agreement, laws."""
    lines = [d["title"], f"调解组织：{d['committee']}", f"受理日期：{cn_date(d['date'])}", "当事人情况："]
    for p in d["parties"]:
        bits = [f"{p['role']}：{p['name']}"]
        if p.get("gender"):
            bits.append(p["gender"])
        if p.get("id_card"):
            bits.append(f"身份证号码{p['id_card']}")
        if p.get("phone"):
            bits.append(f"联系电话{p['phone']}")
        if p.get("address"):
            bits.append(f"住{p['address']}")
        if p.get("agent"):
            bits.append(p["agent"])
        lines.append("，".join(bits) + "。")
    lines.append("纠纷事实：" + d["facts"])
    lines.append("调解过程：" + d["process"])
    head = {"调解成功": "调解协议：", "部分达成": "调解结果（部分达成）：", "调解不成": "调解结果："}[d["outcome"]]
    lines.append(head + d["agreement"])
    lines.append("调解结果：" + d["outcome"] + "。")
    lines.append("法律依据：" + "、".join(d["laws"]) + "。")
    return "\n".join(lines)


def retext(path: Path = DATA / "mediation.jsonl") -> int:
    """Recompute each dossier's ``text`` from its fields (idempotent) and fix key order."""
    import json

    keys = ["id", "title", "kind", "dispute_type", "region", "date", "committee", "parties", "facts",
            "process", "agreement", "outcome", "laws", "text", "synthetic"]
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        d["kind"], d["synthetic"] = "mediation", True
        d["text"] = compose_text(d)
        out.append(json.dumps({k: d[k] for k in keys}, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return len(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["laws", "retext", "check", "posts", "all"])
    ap.add_argument("--show", action="store_true", help="check: print each cited article")
    args = ap.parse_args(argv)
    if args.step in ("laws", "all"):
        n = copy_laws()
        print(f"copied {n} law texts to {LAWS_OUT.relative_to(ROOT)}")
    if args.step in ("retext", "all"):
        print(f"recomposed the text of {retext()} dossiers")
    if args.step in ("check", "all"):
        problems = check_dossiers(show=args.show)
        for p in problems:
            print(p)
        if problems:
            return 1
        print("all dossier citations found in the bundled law texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
