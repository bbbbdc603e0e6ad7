"""Demo stage for ``fazhi demo``: index the demo store, search for a sample dispute, draft a plan."""
from __future__ import annotations

SAMPLE_DISPUTE = "楼上邻居家卫生间漏水，把我家厨房天花板泡坏了，维修要8000元，找他协商几次都不肯赔，我都想报复他了"


def stage(workspace, say) -> dict:
    from fazhi.index.base import Filters
    from fazhi.index.hybrid import build_index, open_index
    from fazhi.index.plan import make_plan

    summary = build_index(workspace, kinds=["mediation"])  # the cases a mediator searches; laws and posts skip
    say(f"index: {summary['documents']} documents, {summary['passages']} passages ({summary['encoder']}, "
        f"dense {summary['dense']}), {summary['added']} added in {summary['seconds']} s")
    idx = open_index(workspace)
    say(f"search: {SAMPLE_DISPUTE}")
    hits = idx.search(SAMPLE_DISPUTE, k=5, filters=Filters(kind="mediation"))
    for i, h in enumerate(hits, 1):
        say(f"  {i}. {h.doc_id} {h.title} ({h.metadata.get('dispute_type', '')}, score {h.score:.4f}): "
            f"{h.snippet[:50]}")
    plan = make_plan(SAMPLE_DISPUTE, workspace, k=3, index=idx)
    d = plan["dispute_type"]
    say(f"plan: type {d['type']} ({d['source']}); {len(plan['provisions'])} provisions, "
        f"{len(plan['similar_cases'])} similar cases, {len(plan['steps'])} steps, {len(plan['risks'])} risks")
    for p in plan["provisions"][:3]:
        say(f"  {p['citation']} [{p['status']}] from {p['source']}")
    return {"documents": summary["documents"], "passages": summary["passages"], "encoder": summary["encoder"],
            "top_hits": [h.doc_id for h in hits], "dispute_type": d["type"],
            "provisions": len(plan["provisions"]), "similar_cases": [c["doc_id"] for c in plan["similar_cases"]]}
