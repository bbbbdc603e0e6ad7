"""Write fazhi/scan/data/t2s_chars.txt: traditional -> simplified characters, one to one, from OpenCC.

The pairs come from OpenCC's TSCharacters dictionary (Apache-2.0, https://github.com/BYVoid/OpenCC) as
shipped by the ``opencc-python-reimplemented`` package (install it to run this script; fazhi itself does not
need it). Only unambiguous pairs are kept: a character OpenCC also lists as its own simplified form (乾 ->
干 乾, 於 -> 于 於, 瞭) is left alone, so folding a simplified text changes nothing, and every pair maps one
character to one character, so offsets into a folded text are offsets into the original.

    python scripts/build_t2s_table.py
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fazhi" / "scan" / "data" / "t2s_chars.txt"


def main():
    src = files("opencc").joinpath("dictionary").joinpath("TSCharacters.txt").read_text(encoding="utf-8")
    pairs = []
    for line in src.splitlines():
        if not line.strip():
            continue
        trad, cands = line.split("\t")
        cands = cands.split()
        if len(trad) == 1 and trad not in cands and len(cands[0]) == 1:
            pairs.append(trad + cands[0])
    OUT.write_text("# traditional -> simplified, one character to one; from OpenCC's TSCharacters.txt (Apache-2.0)\n"
                   "# by scripts/build_t2s_table.py; each line: a traditional character and its simplified form\n"
                   + "\n".join(pairs) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
