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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["laws", "check", "posts", "all"])
    args = ap.parse_args(argv)
    if args.step in ("laws", "all"):
        n = copy_laws()
        print(f"copied {n} law texts to {LAWS_OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
