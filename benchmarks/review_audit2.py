"""Scores `fazhi review --json` on the second review audit's registers against their hand-computed key.

    .venv/bin/python benchmarks/review_audit2.py [--verbose]

The registers, the key and the rule decisions it follows are in tests/fixtures/graph/review_audit2/ (key.json:
rule_decisions; key2.json: round 2, register G, keyed after round 1's fixes). Each run of the key is one command line (a register, --as-of, and --deadline / --period where
the run is about them). Per run: the row verdicts (timely / late / unfiled / pending, the days, 规范 or not, or
the due day of a pending one) and the figures (overall, per issuer, per quarter as (should_file, filed, timely,
compliant), and the number of problems) that match the key; a group the key has not counts as a wrong figure.
A command that fails (an option not known) scores nothing.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIR = ROOT / "tests" / "fixtures" / "graph" / "review_audit2"
FAZHI = [sys.executable, "-m", "fazhi"]


def run(register: str, args: list) -> dict | None:
    with tempfile.TemporaryDirectory() as home:
        p = subprocess.run(FAZHI + ["--home", home, "review", str(DIR / register), *args, "--json"],
                           capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if not p.stdout.strip():
        print(f"  exit {p.returncode}, no JSON: {p.stderr.strip()[-300:]}")
        return None
    return json.loads(p.stdout)


def tup(g):
    return [g["should_file"], g["filed"], g["timely"], g["compliant"]]


def got_row(out: dict, title: str):
    pending = {x["title"]: x for x in out.get("pending", [])}
    if title in pending:
        return {"verdict": "pending", "due": pending[title]["due"]}
    late = {x["title"]: x for x in out["late"]}
    nonc = {x["title"] for x in out["noncompliant"]}
    if title in late:
        verdict = "unfiled" if late[title]["filed"] is None else "late"
        days = late[title]["days"]
    else:
        verdict, days = "timely", None
    return {"verdict": verdict, "days": days, "compliant": None if verdict == "unfiled" else title not in nonc}


def score_run(k: dict, verbose: bool) -> tuple[int, int, int, int]:
    n_rows = len(k["rows"])
    n_fig = 1 + len(k["by_issuer"]) + len(k["by_quarter"]) + 1
    # the key was written when extension was the default (since then strict): a run naming no rule is keyed extend
    args = k["args"] if "--deadline" in k["args"] else [*k["args"], "--deadline", "extend"]
    out = run(k["register"], args)
    if out is None:
        return 0, n_rows, 0, n_fig
    rows_ok = 0
    for want in k["rows"]:
        got = got_row(out, want["title"])
        if got["verdict"] == "timely" and want["verdict"] == "timely":
            got["days"] = want["days"]  # a timely row's days are not reported
        ok = all(got.get(f) == want.get(f) for f in want if f != "title")
        rows_ok += ok
        if verbose and not ok:
            print(f"  ROW {want['title']}: want {want}, got {got}")
    fig_ok = 0
    o = tup(out["overall"])
    fig_ok += o == k["overall"]
    if verbose and o != k["overall"]:
        print(f"  overall: want {k['overall']}, got {o}")
    for part in ("by_issuer", "by_quarter"):
        got = {g: tup(v) for g, v in out[part].items()}
        for g, v in k[part].items():
            fig_ok += got.get(g) == v
            if verbose and got.get(g) != v:
                print(f"  {part} {g}: want {v}, got {got.get(g)}")
        extra = sorted(set(got) - set(k[part]))
        n_fig += len(extra)
        if verbose and extra:
            print(f"  {part} extra groups: {[(g, got[g]) for g in extra]}")
    fig_ok += len(out["problems"]) == k["problems"]
    if verbose and len(out["problems"]) != k["problems"]:
        print(f"  problems: want {k['problems']}, got {out['problems']}")
    return rows_ok, n_rows, fig_ok, n_fig


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()
    runs = [k for name in ("key.json", "key2.json") for k in
            json.loads((DIR / name).read_text(encoding="utf-8"))["runs"]]
    tr = tn = tf = tfn = 0
    for k in runs:
        if a.verbose:
            print(f"{k['name']}: fazhi review {k['register']} {' '.join(k['args'])}")
        r, n, f, fn = score_run(k, a.verbose)
        print(f"{k['name']}: rows {r}/{n}, figures {f}/{fn}")
        tr, tn, tf, tfn = tr + r, tn + n, tf + f, tfn + fn
    print(f"total: rows {tr}/{tn}, figures {tf}/{tfn}")


if __name__ == "__main__":
    main()
