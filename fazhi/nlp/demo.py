"""Demo stage: annotate the stored sample documents (entities and citations), store the spans, report counts."""
from __future__ import annotations

import time
from collections import Counter


def stage(workspace, say) -> dict:
    from fazhi.nlp import analyze_many
    from fazhi.nlp.segment import default_segmenter

    store = workspace.store()
    ids = [d.id for d in store.iter()]
    if not ids:
        say("no stored documents: run the corpus stage first")
        store.close()
        return {"documents": 0}
    labels: Counter = Counter()
    laws: Counter = Counter()
    chars = tokens = 0
    t0 = time.perf_counter()
    seg = default_segmenter()

    def docs():
        for i in ids:
            d = store.get(i)
            if d is not None:
                yield d

    n = 0
    # tokens are counted, not stored: they are cheap to recompute and would dominate the store's size
    for doc in analyze_many(docs(), types=["entity", "citation"], batch_size=16):
        store.set_annotations(doc)
        n += 1
        chars += len(doc.text)
        tokens += sum(1 for w in seg.cut(doc.text) if not w.isspace())
        labels.update(s.label for s in doc.spans.get("entity", []))
        laws.update(c.law or "(本法)" for c in doc.spans.get("citation", []))
    secs = time.perf_counter() - t0
    n_cit = sum(laws.values())
    say(f"annotated {n} documents ({chars:,} characters, {tokens:,} tokens) in {secs:.1f} s "
        f"({chars / max(secs, 1e-9):,.0f} chars/s)")
    say("entities: " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
    say(f"citations: {n_cit}; most cited: " + ", ".join(f"{k} {v}" for k, v in laws.most_common(5)))
    store.close()
    return {"documents": n, "characters": chars, "tokens": tokens, "entities": dict(labels.most_common()),
            "citations": n_cit, "top_laws": dict(laws.most_common(10))}
