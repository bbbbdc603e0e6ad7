"""Score `fazhi plan FILE --json` and `fazhi search --json` on formal mediation intake documents with answer keys.

The 30 documents (tests/fixtures/index/intake_documents_30.jsonl) are written as a people's mediation committee
records a case: 人民调解申请书, 调解受理登记表 and 调查笔录 excerpts, with 申请人 / 被申请人 / 共同被申请人 / 第三人
blocks (name, sex, birth date, address, ID number), the facts and the claims, sums in 大写 and 小写, dates in several
forms; in-21 … in-30 each hold two disputes (离婚 + 房产, 工伤 + 欠薪 …). Their keys were written before the first
run: acceptable dispute types, the parties and their roles, every sum and date in the text, the governing
articles a mediator would cite (one group per dispute, any article of a group counts), articles that would be
wrong, and the bundled dossiers about the same kind of dispute.

Each document is written to a file and planned as `fazhi plan FILE --json`; the search query is the document's
text (`fazhi search TEXT -k 5 --json`). The workspace is built as `fazhi demo` builds it (corpus, graph and index
stages: the bundled law texts in the registry, the 60 bundled mediation dossiers in the index, use-m3):

    .venv/bin/python benchmarks/plan_intake.py [--ws DIR] [--json OUT] [-v] [--only in-01 ...]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "index" / "intake_documents_30.jsonl"
sys.path.insert(0, str(ROOT / "benchmarks"))

from plan_colloquial import _amount_ok, _cite, _covers, _has, demo_workspace, write_result  # noqa: E402  (same rules)


def _party_found(parties, name) -> list[dict]:
    return [p for p in parties if name in p["text"] or (len(p["text"]) >= 2 and p["text"] in name)]


def _role_ok(parties, name, role) -> bool:
    """Some party found for ``name`` carries the role the document gives it (共同被申请人 is a 被申请人)."""
    return any((p.get("role") or "").endswith(role) for p in _party_found(parties, name))


def score(case: dict, plan: dict, hits: list[dict], known_laws) -> dict:
    prov = plan["provisions"]
    groups = case["governing"]
    groups_ok = [any(_has(prov, g) for g in grp) for grp in groups]
    groups_known = [any(known_laws(_cite(g)[0]) for g in grp) for grp in groups]
    spurious = [a["text"] for a in plan["amounts"] if not any(_covers(a, v) for v in case["amounts"])]
    got_dates = [d.get("value") for d in plan["dates"]]
    keyed_roles = [p for p in case["parties"] if p["role"]]
    return {
        "id": case["id"], "area": case["area"], "form": case["form"], "mixed": len(groups) > 1,
        "type": plan["dispute_type"]["type"], "type_ok": plan["dispute_type"]["type"] in case["types"],
        "type_source": plan["dispute_type"]["source"],
        "parties_ok": all(_party_found(plan["parties"], p["name"]) for p in case["parties"]),
        "roles_ok": all(_role_ok(plan["parties"], p["name"], p["role"]) for p in keyed_roles),
        "parties": [f"{p['text']}/{p.get('role')}" for p in plan["parties"]],
        "amounts_ok": all(_amount_ok(plan["amounts"], v) for v in case["amounts"]) and not spurious,
        "amounts": [f"{a['text']}={a['value']}" for a in plan["amounts"]], "spurious_amounts": spurious,
        "missing_amounts": [v for v in case["amounts"] if not _amount_ok(plan["amounts"], v)],
        "dates_ok": all(d in got_dates for d in case["dates"])
        and all(v in case["dates"] for v in got_dates if v is not None),
        "missing_dates": [d for d in case["dates"] if d not in got_dates],
        "spurious_dates": [f"{d['text']}={d.get('value')}" for d in plan["dates"]
                           if d.get("value") is not None and d["value"] not in case["dates"]],
        "governing_ok": all(groups_ok), "groups": len(groups), "groups_ok": sum(groups_ok),
        "governing_in_registry": all(groups_known),
        "wrong": [g for g in case["wrong"] if _has(prov, g, in_force=False)]
                 + [p["citation"] for p in prov if p["status"] not in ("有效", "unchecked")],
        "provisions": [f"{p['citation']} [{p['status']}]" for p in prov],
        "plan_similar_ok": any(c["doc_id"] in case["similar"] for c in plan["similar_cases"]),
        "search_ok": any(h["doc_id"] in case["similar"] for h in hits[:5]),
        "search_first_ok": bool(hits) and hits[0]["doc_id"] in case["similar"],
        "plan_first_ok": bool(plan["similar_cases"]) and plan["similar_cases"][0]["doc_id"] in case["similar"],
        "search_top5": [h["doc_id"] for h in hits[:5]],
        "plan_cases": [c["doc_id"] for c in plan["similar_cases"]],
    }


KEYS = ("type_ok", "parties_ok", "roles_ok", "amounts_ok", "dates_ok", "governing_ok", "plan_similar_ok",
        "search_ok")


def summarise(rows: list[dict]) -> dict:
    s = {k: sum(r[k] for r in rows) for k in KEYS}
    s["no_wrong_law"] = sum(not r["wrong"] for r in rows)
    s["dispute_groups"] = sum(r["groups"] for r in rows)
    s["dispute_groups_ok"] = sum(r["groups_ok"] for r in rows)
    s["mixed_governing_ok"] = sum(r["governing_ok"] for r in rows if r["mixed"])
    s["mixed"] = sum(r["mixed"] for r in rows)
    s["governing_in_registry"] = sum(r["governing_in_registry"] for r in rows)
    s["search_first_ok"] = sum(r["search_first_ok"] for r in rows)
    s["plan_first_ok"] = sum(r["plan_first_ok"] for r in rows)
    s["cases"] = len(rows)
    return s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ws", type=Path, default=Path("benchmarks/out/plan-ws"),
                    help="workspace (built if missing)")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/out/plan-intake.json"))
    ap.add_argument("--only", nargs="*", help="case ids")
    ap.add_argument("-v", action="store_true", help="print each case")
    a = ap.parse_args(argv)
    runner, cli, known = demo_workspace(a.ws)
    cases = [json.loads(x) for x in FIXTURE.read_text(encoding="utf-8").splitlines() if x.strip()]
    if a.only:
        cases = [c for c in cases if c["id"] in a.only]
    rows, t0 = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for c in cases:
            f = Path(tmp) / f"{c['id']}.txt"
            f.write_text(c["text"], encoding="utf-8")
            r = runner.invoke(cli, ["--home", str(a.ws), "plan", str(f), "--json"], catch_exceptions=False)
            assert r.exit_code == 0, r.output
            s = runner.invoke(cli, ["--home", str(a.ws), "search", c["text"], "-k", "5", "--json"],
                              catch_exceptions=False)
            assert s.exit_code == 0, s.output
            row = score(c, json.loads(r.stdout), json.loads(s.stdout)["hits"], known)
            rows.append(row)
            if a.v:
                print(json.dumps(row, ensure_ascii=False, indent=1))
    summary = summarise(rows)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    for r in rows:
        bad = [k for k in KEYS if not r[k]] + (["wrong"] if r["wrong"] else [])
        if bad:
            print(r["id"], r["area"], ",".join(bad), "| type", r["type"], "| parties", r["parties"],
                  "| -amounts", r["missing_amounts"], "+amounts", r["spurious_amounts"],
                  "| -dates", r["missing_dates"], "+dates", r["spurious_dates"], "| wrong", r["wrong"],
                  "| prov", r["provisions"][:8], "| top5", r["search_top5"], "| plan", r["plan_cases"])
    return write_result(a.json, summary, rows)


if __name__ == "__main__":
    sys.exit(main())
