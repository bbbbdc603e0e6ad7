"""Score `fazhi plan --json` and `fazhi search --json` on colloquial dispute descriptions with answer keys.

The keys (tests/fixtures/index/colloquial_disputes_40.jsonl) were written before the first run: acceptable
dispute types, parties, sums, the governing articles a mediator would cite (any one counts), articles that
would be wrong for the dispute, and the bundled dossiers about the same thing.

The workspace is built as `fazhi demo` builds it (corpus, graph and index stages: the 39 bundled law texts in
the registry, the 60 bundled mediation dossiers in the index, use-m3):

    .venv/bin/python benchmarks/plan_colloquial.py [--ws DIR] [--json OUT] [-v]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "index" / "colloquial_disputes_40.jsonl"


def _cite(c: str) -> tuple[str, int]:
    law, art = c.split("|")
    return law, int(art)


def _has(provisions, cite, in_force=True) -> bool:
    law, art = _cite(cite)
    return any(p["article"] == art and law in p["law"]
               and (not in_force or p["status"] in ("有效", "unchecked"))
               for p in provisions)


def _covers(a, v) -> bool:
    """The amount ``a`` (value, or a range low..high where a bound may be open) is the sum ``v``."""
    lo = a["low"] if a.get("low") is not None else a["value"]
    hi = a["high"] if a.get("high") is not None else a["value"]
    return a["value"] == v or (lo is not None and hi is not None and lo <= v <= hi) \
        or (lo is None and hi is not None and v <= hi) or (hi is None and lo is not None and v >= lo)


def _amount_ok(amounts, v) -> bool:
    return any(_covers(a, v) for a in amounts)


def _party_ok(parties, word) -> bool:
    return any(word in p["text"] or (len(p["text"]) >= 2 and p["text"] in word) for p in parties)


def score(case: dict, plan: dict, hits: list[dict], known_laws) -> dict:
    prov = plan["provisions"]
    gov_known = [g for g in case["governing"] if known_laws(_cite(g)[0])]
    spurious = [a["text"] for a in plan["amounts"] if not any(_covers(a, v) for v in case["amounts"])]
    return {
        "id": case["id"], "area": case["area"],
        "type": plan["dispute_type"]["type"], "type_ok": plan["dispute_type"]["type"] in case["types"],
        "type_source": plan["dispute_type"]["source"],
        "parties_ok": all(_party_ok(plan["parties"], w) for w in case["parties"]),
        "parties": [p["text"] for p in plan["parties"]],
        "amounts_ok": all(_amount_ok(plan["amounts"], v) for v in case["amounts"]) and not spurious,
        "amounts": [a["text"] for a in plan["amounts"]], "spurious_amounts": spurious,
        "governing_ok": any(_has(prov, g) for g in case["governing"]),
        "governing_in_registry": bool(gov_known),
        "wrong": [g for g in case["wrong"] if _has(prov, g, in_force=False)]
                 + [p["citation"] for p in prov if p["status"] not in ("有效", "unchecked")],
        "provisions": [f"{p['citation']} [{p['status']}]" for p in prov],
        "steps": [s["step"] for s in plan["steps"][3:-4]],
        "risks": [r["risk"] for r in plan["risks"]],
        "plan_similar_ok": (not case["similar"])
        or any(c["doc_id"] in case["similar"] for c in plan["similar_cases"]),
        "search_ok": (not case["similar"]) or any(h["doc_id"] in case["similar"] for h in hits[:5]),
        "search_top5": [h["doc_id"] for h in hits[:5]],
        "plan_cases": [c["doc_id"] for c in plan["similar_cases"]],
        "labelled": bool(case["similar"]),
        "search_first_ok": bool(hits) and hits[0]["doc_id"] in case["similar"],
        "plan_first_ok": bool(plan["similar_cases"]) and plan["similar_cases"][0]["doc_id"] in case["similar"],
    }


def _samples_stamp() -> str:
    """A digest of the bundled sample laws and dossiers and of the plan data: a workspace built from others is stale."""
    import hashlib

    import fazhi

    root = Path(fazhi.__file__).parent
    h = hashlib.sha256()
    for d in ("corpora/data", "index/data"):
        for f in sorted((root / d).rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(root)).encode() + f.read_bytes())
    return h.hexdigest()[:16]


def demo_workspace(ws: Path):
    """(a CliRunner, the fazhi CLI, known(law)) for the workspace ``fazhi demo`` builds at ``ws`` (built again
    when missing or built from other bundled samples); ``known`` says whether the registry holds a law (else
    no plan can offer it)."""
    import shutil

    from click.testing import CliRunner

    from fazhi.cli import cli

    runner = CliRunner()
    stamp = ws / "samples.stamp"
    if not (ws / "index").exists() or not stamp.exists() or stamp.read_text() != _samples_stamp():
        shutil.rmtree(ws, ignore_errors=True)
        r = runner.invoke(cli, ["demo", "--keep", str(ws), "--stage", "corpus", "--stage", "graph",
                                "--stage", "index"], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        stamp.write_text(_samples_stamp())
    from fazhi.graph.queries import workspace_registry
    from fazhi.workspace import Workspace

    reg, _d, _w = workspace_registry(Workspace(ws))
    return runner, cli, lambda law: reg.get(law) is not None


def write_result(path: Path, summary: dict, rows: list[dict]) -> int:
    """Print the summary and write it with every case's row to ``path`` (JSON); the plan benchmarks share it."""
    print(json.dumps(summary, ensure_ascii=False))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"summary": summary, "cases": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ws", type=Path, default=Path("benchmarks/out/plan-ws"),
                    help="workspace (built if missing)")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/out/plan-colloquial.json"))
    ap.add_argument("--only", nargs="*", help="case ids")
    ap.add_argument("-v", action="store_true", help="print each case")
    a = ap.parse_args(argv)
    runner, cli, known = demo_workspace(a.ws)
    cases = [json.loads(x) for x in FIXTURE.read_text(encoding="utf-8").splitlines() if x.strip()]
    if a.only:
        cases = [c for c in cases if c["id"] in a.only]
    rows, t0 = [], time.perf_counter()
    for c in cases:
        r = runner.invoke(cli, ["--home", str(a.ws), "plan", c["text"], "--json"], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        s = runner.invoke(cli, ["--home", str(a.ws), "search", c["text"], "-k", "5", "--json"],
                          catch_exceptions=False)
        assert s.exit_code == 0, s.output
        row = score(c, json.loads(r.stdout), json.loads(s.stdout)["hits"], known)
        rows.append(row)
        if a.v:
            print(json.dumps(row, ensure_ascii=False, indent=1))
    n = len(rows)
    keys = ("type_ok", "parties_ok", "amounts_ok", "governing_ok", "plan_similar_ok", "search_ok")
    summary = {k: sum(r[k] for r in rows) for k in keys}
    summary["no_wrong_law"] = sum(not r["wrong"] for r in rows)
    summary["governing_in_registry"] = sum(r["governing_in_registry"] for r in rows)
    summary["governing_ok_of_those"] = sum(r["governing_ok"] for r in rows if r["governing_in_registry"])
    summary["labelled"] = sum(r["labelled"] for r in rows)  # cases with a bundled dossier about the same thing
    summary["search_first_ok"] = sum(r["search_first_ok"] for r in rows)
    summary["plan_first_ok"] = sum(r["plan_first_ok"] for r in rows)
    summary["cases"] = n
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    for r in rows:
        bad = [k for k in keys if not r[k]] + (["wrong"] if r["wrong"] else [])
        if bad:
            print(r["id"], r["area"], ",".join(bad), "| type", r["type"], "| parties", r["parties"],
                  "| amounts", r["amounts"], "| wrong", r["wrong"], "| prov", r["provisions"][:6],
                  "| top5", r["search_top5"])
    return write_result(a.json, summary, rows)


if __name__ == "__main__":
    sys.exit(main())
