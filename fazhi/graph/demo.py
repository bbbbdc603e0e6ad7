"""Demo stage: build the law graph from the demo workspace's store and check the bundled synthetic draft."""
from __future__ import annotations

from importlib import resources


def stage(workspace, say) -> dict:
    from fazhi.graph.build import build, save_graph
    from fazhi.graph.checks import check
    from fazhi.graph.queries import impact

    store = workspace.store()
    try:
        built = build(store.iter(kind="regulation"))
    finally:
        store.close()
    if not built.stats["documents"]:
        from fazhi.corpora.samples import data_dir
        from fazhi.graph.build import build_from_paths

        say("no regulations in the store; building from the bundled law samples")
        built = build_from_paths([data_dir() / "laws"], workers=1)
    save_graph(built, workspace.graph_dir)
    s = built.stats
    say(f"law graph: {s['documents']} texts -> {s['laws']} laws, {s['versions']} versions, "
        f"{s['repeal_clauses']} repeal clauses, {s['nodes']} nodes, {s['edges']} edges ({s['seconds']:.1f} s)")
    reg = built.registry
    civil = reg.get("民法典")
    contract = reg.get("合同法")
    if civil and civil.versions:
        say(f"  《{civil.title}》: {civil.versions[-1].articles} articles, {reg.status(civil)}")
    if contract:
        say(f"  《{contract.title}》: {reg.status(contract)} since {contract.repealed_on}, "
            f"successor 《{contract.successor}》")
    draft = resources.files("fazhi.graph").joinpath("data", "sample_draft.txt").read_text(encoding="utf-8")
    result = check(draft, reg, duplicates=built.dupes)
    say(f"check of the synthetic draft ({result.kind}, {result.date}): {len(result.findings)} findings, "
        f"{len(result.errors)} errors")
    for f in result.findings:
        say(f"  {f.severity:7s} {f.code:24s} {f.quote[:24]}  {f.message[:60]}")
    imp = impact(built.graph, reg, "合同法")
    n = imp["counts"]["direct"]
    say(f"impact of the repeal of 合同法: {n} law{'' if n == 1 else 's'} in force cite{'s' if n == 1 else ''} it directly, "
        f"{imp['counts']['transitive']} transitively")
    return {"graph": {k: v for k, v in s.items() if k != "errors"}, "check": result.to_dict(),
            "impact": imp["counts"]}
