"""Demo stage: ingest the bundled samples (law texts, mediation dossiers, posts) into the workspace."""
from __future__ import annotations

from fazhi.corpora.samples import sample_paths


def stage(workspace, say) -> dict:
    from fazhi.corpora.loaders import ingest

    store = workspace.store()
    out = {}
    for name, (path, kind) in sample_paths().items():
        if not path.exists():
            continue
        report = ingest([path], store, kind=kind)
        out[name] = report.to_dict()
        say(f"{name}: {report.added} added, {report.unchanged + report.duplicate} unchanged, "
            f"{report.failed} failed ({report.files} files, {report.bytes / 1e6:.2f} MB)")
        for f, reason in report.failures:
            say(f"  failed: {f}: {reason}")
    s = store.stats()
    say(f"store: {s['documents']} documents, {s['characters']:,} characters; by kind: "
        + ", ".join(f"{k} {v}" for k, v in s["by_kind"].items()))
    out["store"] = {"documents": s["documents"], "by_kind": s["by_kind"]}
    store.close()
    return out
