"""Score `fazhi plan --json` and `fazhi search --json` on 48 disputes, three for each of the 16 dispute types.

The key (tests/fixtures/index/types_48.jsonl) was written and committed before the first run: for each of the
16 dispute types of ``fazhi.scan.classify.TAXONOMY``, two descriptions as a mediator or a party tells them
(口述) and one formal intake (人民调解申请书, 受理登记表 ...), none of them repeating the earlier plan audits
(colloquial_disputes_40, intake_documents_30). Each keys the acceptable types, the parties (and their roles
in an intake), every sum and date (as the text means it: 1月8日 after 2025年1月6日 is 2025-01-08), the
governing provisions a trained mediator would cite (one group per dispute, any article of a group counts),
law that would be wrong (another dispute's article, or a repealed law such as 合同法 or 环境噪声污染防治法),
and the bundled dossiers about the same kind of dispute.

Scored per item: the type; the parties; the roles; the sums (all found, none spurious); the dates (all
found, none spurious); the governing provisions; no wrong law (keyed, or not in force); similar cases of the
same type (at least one of the plan's cases has an acceptable type; items whose only type is 其他, for which no
dossier exists, are left out); the keyed dossier among the plan's cases and among search's top 5.

Formal intakes are planned as files (`fazhi plan FILE --json`), descriptions as text, on the workspace
`fazhi demo` builds (corpus, graph, index: the bundled law texts in the registry, the 60 bundled dossiers in a
use-m3 index), as benchmarks/plan_colloquial.py builds it:

    .venv/bin/python benchmarks/plan_types_audit.py [--ws DIR] [--json OUT] [-v] [--only t48-01 ...] [--heldout]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "index" / "types_48.jsonl"
# 16 more (one per type), keyed after the fixes and before their first run: does the law hold on new text?
HELDOUT = ROOT / "tests" / "fixtures" / "index" / "types_48_heldout.jsonl"
sys.path.insert(0, str(ROOT / "benchmarks"))

from plan_colloquial import _amount_ok, _cite, _covers, demo_workspace, write_result  # noqa: E402  (same rules)
from plan_intake import _party_found  # noqa: E402

KEYS = ("type_ok", "parties_ok", "roles_ok", "amounts_ok", "dates_ok", "governing_ok", "no_wrong_law",
        "same_type_cases_ok", "plan_similar_ok", "search_ok")


def law_matches(name: str, key: str) -> bool:
    """The registry's law ``name`` is the keyed ``key``: a law or regulation by its name (噪声污染防治法 is not
    the repealed 环境噪声污染防治法), a judicial interpretation by a distinctive part of its title."""
    norm = name.removeprefix("中华人民共和国")
    if key.endswith(("法", "条例")):
        return norm == key
    return key in norm


def has(provisions, cite: str, in_force: bool = True) -> bool:
    law, art = _cite(cite)
    return any(p["article"] == art and law_matches(p["law"], law)
               and (not in_force or p["status"] in ("有效", "unchecked")) for p in provisions)


def score(case: dict, plan: dict, hits: list[dict], known_law) -> dict:
    prov = plan["provisions"]
    groups_ok = [any(has(prov, g) for g in grp) for grp in case["governing"]]
    spurious = [a["text"] for a in plan["amounts"] if not any(_covers(a, v) for v in case["amounts"])]
    got_dates = [d.get("value") for d in plan["dates"]]
    roles = [p for p in case["parties"] if p["role"]]
    sim_types = [c.get("dispute_type") for c in plan["similar_cases"]]
    only_other = case["types"] == ["其他"]
    return {
        "id": case["id"], "keyed_type": case["type"], "area": case["area"], "form": case["form"],
        "type": plan["dispute_type"]["type"], "type_ok": plan["dispute_type"]["type"] in case["types"],
        "type_source": plan["dispute_type"]["source"],
        "parties_ok": all(_party_found(plan["parties"], p["name"]) for p in case["parties"]),
        "roles_ok": all(any((q.get("role") or "").endswith(p["role"])
                            for q in _party_found(plan["parties"], p["name"])) for p in roles),
        "parties": [f"{p['text']}/{p.get('role')}" for p in plan["parties"]],
        "amounts_ok": all(_amount_ok(plan["amounts"], v) for v in case["amounts"]) and not spurious,
        "missing_amounts": [v for v in case["amounts"] if not _amount_ok(plan["amounts"], v)],
        "spurious_amounts": spurious,
        "dates_ok": all(d in got_dates for d in case["dates"]) and all(v in case["dates"] for v in got_dates),
        "missing_dates": [d for d in case["dates"] if d not in got_dates],
        "spurious_dates": [f"{d['text']}={d.get('value')}" for d in plan["dates"]
                           if d.get("value") not in case["dates"]],
        "governing_ok": all(groups_ok),
        "governing_in_registry": all(any(known_law(_cite(g)[0]) for g in grp) for grp in case["governing"]),
        "wrong": [g for g in case["wrong"] if has(prov, g, in_force=False)]
        + [p["citation"] for p in prov if p["status"] not in ("有效", "unchecked")],
        "provisions": [f"{p['citation']} [{p['status']}]" for p in prov],
        "same_type_cases_ok": only_other or any(t in case["types"] for t in sim_types),
        "same_type_cases": "n/a" if only_other
        else f"{sum(t in case['types'] for t in sim_types)}/{len(sim_types)}",
        "plan_similar_ok": not case["similar"]
        or any(c["doc_id"] in case["similar"] for c in plan["similar_cases"]),
        "search_ok": not case["similar"] or any(h["doc_id"] in case["similar"] for h in hits[:5]),
        "plan_cases": [f"{c['doc_id']}/{c.get('dispute_type')}" for c in plan["similar_cases"]],
        "search_top5": [h["doc_id"] for h in hits[:5]],
    }


def summarise(rows: list[dict]) -> dict:
    for r in rows:
        r["no_wrong_law"] = not r["wrong"]
    s = {k: sum(r[k] for r in rows) for k in KEYS}
    s["all_ok"] = sum(all(r[k] for k in KEYS) for r in rows)
    s["governing_in_registry"] = sum(r["governing_in_registry"] for r in rows)
    s["governing_ok_of_those"] = sum(r["governing_ok"] for r in rows if r["governing_in_registry"])
    s["cases"] = len(rows)
    by_type = defaultdict(lambda: [0, 0])
    for r in rows:
        by_type[r["keyed_type"]][0] += all(r[k] for k in KEYS)
        by_type[r["keyed_type"]][1] += 1
    s["all_ok_by_type"] = {t: f"{a}/{n}" for t, (a, n) in by_type.items()}
    return s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ws", type=Path, default=Path("benchmarks/out/plan-ws"),
                    help="workspace (built if missing)")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/out/plan-types-audit.json"))
    ap.add_argument("--only", nargs="*", help="case ids")
    ap.add_argument("--heldout", action="store_true", help="score the 16 held-out disputes instead")
    ap.add_argument("-v", action="store_true", help="print each case")
    a = ap.parse_args(argv)
    runner, cli, known = demo_workspace(a.ws)
    fixture = HELDOUT if a.heldout else FIXTURE
    cases = [json.loads(x) for x in fixture.read_text(encoding="utf-8").splitlines() if x.strip()]
    if a.only:
        cases = [c for c in cases if c["id"] in a.only]
    rows, t0 = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for c in cases:
            arg = c["text"]
            if c["form"] != "口述":  # an intake is a file the mediator has
                arg = str(Path(tmp) / f"{c['id']}.txt")
                Path(arg).write_text(c["text"], encoding="utf-8")
            r = runner.invoke(cli, ["--home", str(a.ws), "plan", arg, "--json"], catch_exceptions=False)
            assert r.exit_code == 0, r.output
            s = runner.invoke(cli, ["--home", str(a.ws), "search", c["text"], "-k", "5", "--json"],
                              catch_exceptions=False)
            assert s.exit_code == 0, s.output
            rows.append(score(c, json.loads(r.stdout), json.loads(s.stdout)["hits"], known))
            if a.v:
                print(json.dumps(rows[-1], ensure_ascii=False, indent=1))
    summary = summarise(rows)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    for r in rows:
        bad = [k for k in KEYS if not r[k]]
        if bad:
            print(r["id"], r["area"], ",".join(bad), "| type", r["type"], "| parties", r["parties"],
                  "| -amounts", r["missing_amounts"], "+amounts", r["spurious_amounts"],
                  "| -dates", r["missing_dates"], "+dates", r["spurious_dates"], "| wrong", r["wrong"],
                  "| prov", r["provisions"][:8], "| plan", r["plan_cases"], "| top5", r["search_top5"])
    return write_result(a.json, summary, rows)


if __name__ == "__main__":
    sys.exit(main())
