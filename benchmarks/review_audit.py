"""Scores `fazhi review --json` on the four audit registers against their hand-computed key.

    .venv/bin/python benchmarks/review_audit.py [--verbose]

Per register: the row verdicts (timely / late / unfiled / pending, the days, 规范 or not) and the figures
(overall, per issuer, per quarter, each a (should_file, filed, timely, compliant) tuple) that match the key.
The key and the registers are in tests/fixtures/graph/review_audit/ (key.json says which rule questions it
settles and how).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIR = ROOT / "tests" / "fixtures" / "graph" / "review_audit"
FAZHI = [sys.executable, "-m", "fazhi"]


def run(path: Path, as_of: str) -> dict:
    with tempfile.TemporaryDirectory() as home:
        p = subprocess.run(FAZHI + ["--home", home, "review", str(path), "--as-of", as_of, "--json", "--deadline", "strict"],
                           capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if not p.stdout.strip():
        raise SystemExit(f"{path.name}: exit {p.returncode}, no JSON: {p.stderr[-800:]}")
    return json.loads(p.stdout), p.returncode, p.stderr


def verdicts(out: dict) -> dict:
    """{title: (verdict, days, compliant)} as the tool reports them (a title reported twice: a list)."""
    got = {}
    pending = {x["title"]: x for x in out.get("pending", [])}
    late = {x["title"]: x for x in out["late"]}
    nonc = {x["title"] for x in out["noncompliant"]}
    return pending, late, nonc


def score_register(name: str, key: dict, verbose: bool) -> tuple[int, int, int, int]:
    out, rc, err = run(DIR / name, key["as_of"])
    pending, late, nonc = verdicts(out)
    rows_ok = 0
    for k in key["rows"]:
        t = k["title"]
        if t in pending:
            got = ("pending", pending[t]["due"])
            want = ("pending", k["due"])
        else:
            if t in late:
                v = "unfiled" if late[t]["filed"] is None else "late"
                days = late[t]["days"]
            else:
                v, days = "timely", k.get("days")  # a timely row's days are not reported; taken as keyed
            comp = None if v == "unfiled" else t not in nonc
            got = (v, days, comp)
            want = (k["verdict"], k.get("days"), k.get("compliant"))
        ok = got == want
        rows_ok += ok
        if verbose and not ok:
            print(f"  ROW {t}: want {want}, got {got}")
    fig_ok = fig_n = 0

    def tup(g):
        return [g["should_file"], g["filed"], g["timely"], g["compliant"]]

    want_overall = key["overall"]
    got_overall = {k: out["overall"][k] for k in want_overall}
    fig_n += 1
    fig_ok += got_overall == want_overall
    if verbose and got_overall != want_overall:
        print(f"  overall: want {want_overall}\n           got  {got_overall}")
    for part in ("by_issuer", "by_quarter"):
        got = {k: tup(v) for k, v in out[part].items()}
        for k, v in key[part].items():
            fig_n += 1
            fig_ok += got.get(k) == v
            if verbose and got.get(k) != v:
                print(f"  {part} {k}: want {v}, got {got.get(k)}")
        extra = set(got) - set(key[part])
        fig_n += len(extra)  # a group the key has not (a '(未填)' issuer) counts as a wrong figure
        if verbose and extra:
            print(f"  {part} extra groups: {sorted(extra)}")
    if verbose and out["problems"]:
        print(f"  problems: {out['problems']}")
    return rows_ok, len(key["rows"]), fig_ok, fig_n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()
    key = json.loads((DIR / "key.json").read_text(encoding="utf-8"))
    tr = tn = tf = tfn = 0
    for name, k in key["registers"].items():
        if a.verbose:
            print(name)
        r, n, f, fn = score_register(name, k, a.verbose)
        print(f"{name}: rows {r}/{n}, figures {f}/{fn}")
        tr, tn, tf, tfn = tr + r, tn + n, tf + f, tfn + fn
    print(f"total: rows {tr}/{tn}, figures {tf}/{tfn}")


if __name__ == "__main__":
    main()
