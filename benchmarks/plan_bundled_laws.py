"""Score `fazhi plan --json` on noise, house-expropriation and elderly-support disputes: does the plan cite the
governing articles of 噪声污染防治法 (2021), 国有土地上房屋征收与补偿条例 (2011) and 老年人权益保障法 (2018), and never
the repealed 环境噪声污染防治法 or another dispute's law?

The key (tests/fixtures/index/governing_laws_16.jsonl) was written and committed before the first run: per
dispute the acceptable types, the governing articles (one group per point of law, any article of a group
counts, every group must be met, each in force) and the law that would be wrong (``法名|条`` an article,
``法名`` the whole law). Every plan provision must also be in force.

Run on the workspace `fazhi demo` builds (the bundled law texts in the registry, the 60 bundled dossiers in a
use-m3 index), as benchmarks/plan_colloquial.py builds it:

    .venv/bin/python benchmarks/plan_bundled_laws.py [--ws DIR] [--json OUT] [-v] [--only gl-01 ...]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "index" / "governing_laws_16.jsonl"
sys.path.insert(0, str(ROOT / "benchmarks"))

from plan_colloquial import demo_workspace, write_result  # noqa: E402


def load_cases() -> list[dict]:
    return [json.loads(x) for x in FIXTURE.read_text(encoding="utf-8").splitlines() if x.strip()]


def _names(p: dict, cite: str) -> bool:
    """Whether provision ``p`` is the keyed ``法名|条`` (or, for a bare ``法名``, any article of that law)."""
    law, _, art = cite.partition("|")
    title = p["law"].removeprefix("中华人民共和国")
    return title == law and (not art or p["article"] == int(art))


def score(case: dict, plan: dict) -> dict:
    prov = plan["provisions"]
    in_force = [p for p in prov if p["status"] in ("有效", "unchecked")]
    groups = [any(_names(p, c) for p in in_force for c in g) for g in case["governing"]]
    wrong = [c for c in case["wrong"] if any(_names(p, c) for p in prov)]
    wrong += [f"{p['citation']} [{p['status']}]" for p in prov if p["status"] not in ("有效", "unchecked")]
    row = {"id": case["id"], "area": case["area"], "type": plan["dispute_type"]["type"],
           "type_ok": plan["dispute_type"]["type"] in case["types"],
           "governing_ok": all(groups), "groups": groups, "no_wrong_law": not wrong, "wrong": wrong,
           "provisions": [f"{p['citation']} [{p['status']}]" for p in prov]}
    row["all_ok"] = row["type_ok"] and row["governing_ok"] and row["no_wrong_law"]
    return row


def plan_case(runner, cli, ws: Path, case: dict, tmp: Path) -> dict:
    """`fazhi plan FILE --json` for a formal document (申请书, 登记表), `fazhi plan TEXT --json` for a telling."""
    arg = case["text"]
    if case["form"] != "口述":
        f = tmp / f"{case['id']}.txt"
        f.write_text(case["text"], encoding="utf-8")
        arg = str(f)
    r = runner.invoke(cli, ["--home", str(ws), "plan", arg, "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ws", type=Path, default=Path("benchmarks/out/plan-ws"), help="workspace (built if missing)")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/out/plan-bundled-laws.json"))
    ap.add_argument("--only", nargs="*", help="case ids")
    ap.add_argument("-v", action="store_true", help="print each case")
    a = ap.parse_args(argv)
    runner, cli, _known = demo_workspace(a.ws)
    cases = [c for c in load_cases() if not a.only or c["id"] in a.only]
    rows, t0 = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for c in cases:
            row = score(c, plan_case(runner, cli, a.ws, c, Path(tmp)))
            rows.append(row)
            if a.v or not row["all_ok"]:
                print(row["id"], row["area"], "| type", row["type"], "| groups", row["groups"],
                      "| wrong", row["wrong"], "| prov", row["provisions"])
    keys = ("type_ok", "governing_ok", "no_wrong_law", "all_ok")
    summary = {k: sum(r[k] for r in rows) for k in keys}
    summary["cases"] = len(rows)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    return write_result(a.json, summary, rows)


if __name__ == "__main__":
    sys.exit(main())
