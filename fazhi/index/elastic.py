"""Similar-case search on an Elasticsearch or OpenSearch cluster, with the embedded index's interface.

:class:`ClusterIndex` keeps the lexical side in the cluster and the dense side in FAISS (default,
``dense="faiss"``: a :class:`~fazhi.index.dense.DenseIndex` in the workspace) or in the cluster
(``dense="cluster"``: a ``knn_vector`` field on OpenSearch, ``dense_vector`` on Elasticsearch), and fuses
the two rankings with RRF (k=60) exactly like :class:`~fazhi.index.hybrid.HybridIndex`.

The mapping stores the jieba tokens (:func:`fazhi.index.lexical.tokenize`, the same tokens the embedded
index uses) in a whitespace-analysed field, the raw text (stored, not indexed) for snippets, and keyword
fields for the filters. Documents are written under a versioned index (``fazhi-cases-v1``) behind an alias
(``fazhi-cases``): :meth:`ClusterIndex.reindex` copies into ``-v2`` and swaps the alias atomically, so
searches never see a half-built index.

Elasticsearch and OpenSearch share every query body; only the client differs (``elasticsearch`` for
Elasticsearch 8/9, ``opensearch-py`` for OpenSearch). Bulk writes go through the clients'
``streaming_bulk`` with retries and exponential back-off on 429; documents use their store id as ``_id``,
so a retried or repeated bulk never indexes a document twice.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from fazhi.document import Document
from fazhi.errors import IndexUnavailable
from fazhi.index.base import Filters, Hit, Record, as_record, check_query, rrf

__all__ = ["ClusterIndex", "BACKENDS", "build_mapping", "build_query", "filter_clauses", "connect", "cluster_config",
           "open_cluster_index", "build_cluster_index"]

log = logging.getLogger(__name__)

BACKENDS = ("elasticsearch", "opensearch")
RRF_K = 60


def connect(backend: str, url: str, timeout: float = 10.0, max_retries: int = 3):
    """A client for ``backend`` at ``url`` that retries timeouts, 429 and 5xx a bounded number of times."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
    if backend == "opensearch":
        try:
            from opensearchpy import OpenSearch
        except ImportError as e:
            raise IndexUnavailable("the opensearch backend needs opensearch-py: pip install 'fazhi[cluster]'") from e
        return OpenSearch(hosts=[url], timeout=timeout, max_retries=max_retries, retry_on_timeout=True,
                          retry_on_status=(429, 502, 503, 504))
    try:
        from elasticsearch import Elasticsearch
    except ImportError as e:
        raise IndexUnavailable("the elasticsearch backend needs elasticsearch: pip install 'fazhi[cluster]'") from e
    return Elasticsearch(url, request_timeout=timeout, max_retries=max_retries, retry_on_timeout=True,
                         retry_on_status=(429, 502, 503, 504))


def build_mapping(shards: int = 1, replicas: int = 0, dims: int | None = None, backend: str = "opensearch") -> dict:
    """Index settings and mappings (the same for both backends except the vector field)."""
    props = {
        "doc_id": {"type": "keyword"},
        "title": {"type": "text", "analyzer": "fazhi_ws"},
        "tokens": {"type": "text", "analyzer": "fazhi_ws"},
        "text": {"type": "text", "index": False},
        "title_raw": {"type": "keyword", "index": False},
        "kind": {"type": "keyword"},
        "dispute_type": {"type": "keyword"},
        "region": {"type": "keyword"},
        "date": {"type": "date", "format": "yyyy-MM-dd||yyyy-MM||yyyy"},
        "content_hash": {"type": "keyword"},
    }
    settings = {"number_of_shards": shards, "number_of_replicas": replicas,
                "analysis": {"analyzer": {"fazhi_ws": {"type": "custom", "tokenizer": "whitespace",
                                                       "filter": ["lowercase"]}}}}
    if dims:
        if backend == "opensearch":
            props["vector"] = {"type": "knn_vector", "dimension": dims}
            settings["index.knn"] = True
        else:
            props["vector"] = {"type": "dense_vector", "dims": dims, "index": True, "similarity": "dot_product"}
    return {"settings": settings, "mappings": {"properties": props}}


def filter_clauses(filters: Filters | None) -> list[dict]:
    """Filters as bool-query filter clauses: terms on keywords, a region prefix, a date range."""
    if not filters:
        return []
    out: list[dict] = []
    for name in ("kind", "dispute_type"):
        vals = getattr(filters, name)
        if vals:
            out.append({"terms": {name: list(vals)}})
    if filters.region:
        out.append({"bool": {"should": [{"prefix": {"region": r}} for r in filters.region],
                             "minimum_should_match": 1}})
    if filters.since or filters.until:
        rng = {}
        if filters.since:
            rng["gte"] = filters.since
        if filters.until:
            rng["lte"] = filters.until
        out.append({"range": {"date": rng}})
    return out


def build_query(tokens: Sequence[str], filters: Filters | None = None, title_boost: float = 0.5) -> dict:
    """A BM25 query over the token and title fields with the filters as non-scoring clauses."""
    q = " ".join(tokens)
    return {"bool": {"should": [{"match": {"tokens": {"query": q}}},
                                {"match": {"title": {"query": q, "boost": title_boost}}}],
                     "minimum_should_match": 1, "filter": filter_clauses(filters)}}


def _source(r: Record, tokens: Sequence[str], vector=None) -> dict:
    src = {"doc_id": r.doc_id, "title": _title_tokens(r.title), "title_raw": r.title,
           "tokens": " ".join(tokens), "text": r.text, "kind": r.kind, "dispute_type": r.dispute_type,
           "region": r.region, "date": r.date, "content_hash": r.content_hash}
    if vector is not None:
        src["vector"] = [float(x) for x in vector]
    return src


def _title_tokens(title: str) -> str:
    from fazhi.index.lexical import tokenize

    return " ".join(tokenize(title)) if title else ""


def _record(src: dict) -> Record:
    return Record(doc_id=src["doc_id"], title=src.get("title_raw") or "", text=src.get("text") or "",
                  kind=src.get("kind") or "other", dispute_type=src.get("dispute_type"), region=src.get("region"),
                  date=src.get("date"), content_hash=src.get("content_hash") or "")


class ClusterIndex:
    """A similar-case index on a cluster (``search``, ``add``, ``remove``, ``save``, ``len``, ``in``).

    Args:
        url: the cluster, e.g. ``http://127.0.0.1:9200``.
        backend: ``opensearch`` or ``elasticsearch``.
        name: the alias searched and written (the versioned indexes are ``NAME-vN``).
        dense: ``faiss`` (vectors in a local DenseIndex under ``dense_path``), ``cluster`` (vectors in the
            cluster, knn query) or ``none`` (lexical only).
        dense_path: the FAISS index directory (``workspace.index_dir / "cluster-dense"``).
        encoder: the encoder name for the dense side.
        chunk_size: documents per bulk request; timeout and max_retries bound every request.
    """

    def __init__(self, url: str, backend: str = "opensearch", name: str = "fazhi-cases", dense: str = "faiss",
                 dense_path: str | Path | None = None, encoder: str | None = None, shards: int = 1,
                 replicas: int = 0, chunk_size: int = 500, timeout: float = 10.0, max_retries: int = 3,
                 depth: int = 50):
        if dense not in ("faiss", "cluster", "none"):
            raise ValueError(f"unknown dense mode {dense!r}; choose one of: faiss, cluster, none")
        self.url, self.backend, self.alias, self.dense_mode = url, backend, name, dense
        self.shards, self.replicas, self.chunk_size, self.depth = shards, replicas, chunk_size, depth
        self.max_retries = max_retries
        self.client = connect(backend, url, timeout=timeout, max_retries=max_retries)
        self._encoder_name = encoder
        self._dense = None
        self._dense_path = dense_path
        self._ensured = False

    def __repr__(self):
        return f"<ClusterIndex {self.backend} {self.url} {self.alias}>"

    # -- plumbing -----------------------------------------------------------------------------------
    def _call(self, what: str, fn, *args, **kwargs):
        """Run a client call; connection failures and exhausted retries become IndexUnavailable."""
        try:
            return fn(*args, **kwargs)
        except Exception as e:  # the two clients raise different classes for the same failures
            name = type(e).__name__
            status = getattr(e, "status_code", None) or getattr(getattr(e, "meta", None), "status", None)
            if name in ("NotFoundError",) or status == 404:
                raise
            raise IndexUnavailable(f"{self.backend} at {self.url}: {what} failed after {self.max_retries} "
                                   f"retries ({name}: {str(e)[:200]})") from e

    def _search(self, body: dict, size: int, index: str | None = None) -> dict:
        index = index or self.alias
        if self.backend == "opensearch":
            return self._call("search", self.client.search, index=index, body=dict(body, size=size))
        return self._call("search", self.client.search, index=index, size=size, **body)

    @property
    def dense(self):
        """The FAISS side (dense="faiss"), opened on first use."""
        if self._dense is None and self.dense_mode == "faiss":
            from fazhi.index.dense import DenseIndex

            self._dense = DenseIndex(self._dense_path, encoder=self._encoder_name)
        return self._dense

    def _encoder(self):
        if self.dense_mode == "faiss":
            return self.dense.encoder
        from fazhi.index.embed import Encoder

        if not isinstance(self._encoder_name, Encoder):
            self._encoder_name = Encoder(self._encoder_name) if self._encoder_name else Encoder()
        return self._encoder_name

    def versions(self) -> list[str]:
        """The versioned indexes behind the alias, oldest first."""
        try:
            got = self._call("get alias", self.client.indices.get_alias, name=self.alias)
        except Exception as e:
            if type(e).__name__ == "NotFoundError":
                return []
            raise
        return sorted(got, key=lambda n: int(n.rsplit("-v", 1)[-1]) if n.rsplit("-v", 1)[-1].isdigit() else 0)

    def ensure(self) -> str:
        """Create the first versioned index and the alias when missing; returns the current index."""
        current = self.versions()
        if current:
            self._ensured = True
            return current[-1]
        name = f"{self.alias}-v1"
        self._create(name)
        self._call("put alias", self.client.indices.put_alias, index=name, name=self.alias)
        self._ensured = True
        return name

    def _create(self, name: str) -> None:
        dims = self._encoder().dim if self.dense_mode == "cluster" else None
        body = build_mapping(self.shards, self.replicas, dims, self.backend)
        if self.backend == "opensearch":
            self._call("create index", self.client.indices.create, index=name, body=body)
        else:
            self._call("create index", self.client.indices.create, index=name, settings=body["settings"],
                       mappings=body["mappings"])

    def _bulk(self, actions: Iterable[dict], index: str) -> int:
        if self.backend == "opensearch":
            from opensearchpy import helpers
        else:
            from elasticsearch import helpers
        n, failed = 0, []
        try:
            for ok, item in helpers.streaming_bulk(self.client, actions, index=index, chunk_size=self.chunk_size,
                                                   max_retries=self.max_retries, initial_backoff=0.5,
                                                   max_backoff=8, raise_on_error=False, raise_on_exception=True):
                if ok:
                    n += 1
                else:
                    failed.append(item)
        except Exception as e:
            raise IndexUnavailable(f"{self.backend} at {self.url}: bulk indexing failed after {self.max_retries} "
                                   f"retries ({type(e).__name__}: {str(e)[:200]})") from e
        real = [f for f in failed if next(iter(f.values())).get("status") != 404]
        if real:
            first = next(iter(real[0].values()))
            raise IndexUnavailable(f"{self.backend} at {self.url}: {len(real)} documents were refused "
                                   f"(first: {first.get('status')} {str(first.get('error'))[:200]})")
        return n

    # -- the index interface ------------------------------------------------------------------------
    def add(self, docs: Iterable[Document | Record], progress=None, refresh: bool = True) -> int:
        """Index (or replace) documents; returns how many the cluster accepted."""
        from fazhi.index.lexical import tokenize

        index = self.ensure() if not self._ensured else self.alias
        records = [as_record(d) for d in docs]
        vectors = None
        if self.dense_mode == "faiss" and records:
            self.dense.add(records)
        elif self.dense_mode == "cluster" and records:
            vectors = self._encoder().encode_passages([r.title + "\n" + r.text for r in records])

        def actions() -> Iterator[dict]:
            for i, r in enumerate(records):
                if progress:
                    progress(1)
                yield {"_op_type": "index", "_id": r.doc_id,
                       "_source": _source(r, tokenize(r.text), None if vectors is None else vectors[i])}

        n = self._bulk(actions(), index)
        if refresh:
            self.refresh()
        return n

    def remove(self, doc_ids: Iterable[str], refresh: bool = True) -> int:
        ids = list(doc_ids)
        present = [d for d in ids if d in self]
        if self.dense_mode == "faiss" and ids:
            self.dense.remove(ids)
        n = self._bulk(({"_op_type": "delete", "_id": d} for d in present), self.alias) if present else 0
        if refresh:
            self.refresh()
        return n

    def refresh(self) -> None:
        self._call("refresh", self.client.indices.refresh, index=self.alias)

    def save(self, path=None) -> None:
        """The cluster persists by itself; this refreshes it and saves the FAISS side."""
        self.refresh()
        if self._dense is not None:
            self._dense.save()

    def __len__(self) -> int:
        if not self.versions():
            return 0
        return int(self._call("count", self.client.count, index=self.alias)["count"])

    def __contains__(self, doc_id: str) -> bool:
        if not self.versions():
            return False
        return bool(self._call("exists", self.client.exists, index=self.alias, id=doc_id))

    def get(self, doc_id: str) -> Record | None:
        res = self._search({"query": {"ids": {"values": [doc_id]}}}, 1)
        hits = res["hits"]["hits"]
        return _record(hits[0]["_source"]) if hits else None

    def hashes(self) -> dict[str, str]:
        """{doc_id: content_hash} of every indexed document (for incremental builds)."""
        return {src["doc_id"]: src.get("content_hash", "") for src in self.export(fields=["doc_id", "content_hash"])}

    def lexical_ranked(self, query: str, k: int, filters: Filters | None = None, tokens=None):
        from fazhi.index.lexical import tokenize

        tokens = tokenize(query) if tokens is None else tokens
        if not tokens:
            return [], {}
        res = self._search({"query": build_query(tokens, filters)}, k)
        hits = res["hits"]["hits"]
        return [(h["_id"], float(h["_score"] or 0)) for h in hits], {h["_id"]: _record(h["_source"]) for h in hits}

    def dense_ranked(self, query: str, k: int, filters: Filters | None = None):
        if self.dense_mode == "none":
            return [], {}
        if self.dense_mode == "faiss":
            return [(d, s) for d, s, _ in self.dense.ranked(query, k, filters)], {}
        vec = [float(x) for x in self._encoder().encode_queries(query).reshape(-1)]
        flt = filter_clauses(filters)
        if self.backend == "opensearch":
            knn = {"knn": {"vector": {"vector": vec, "k": k, **({"filter": {"bool": {"filter": flt}}} if flt else {})}}}
            res = self._search({"query": knn}, k)
        else:
            res = self._search({"knn": {"field": "vector", "query_vector": vec, "k": k, "num_candidates": 4 * k,
                                        **({"filter": flt} if flt else {})}}, k)
        hits = res["hits"]["hits"]
        return [(h["_id"], float(h["_score"] or 0)) for h in hits], {h["_id"]: _record(h["_source"]) for h in hits}

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        """The ``k`` best documents, best first; ``mode`` is hybrid, dense or lexical."""
        from fazhi.index.lexical import make_hit, tokenize

        if mode not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown mode {mode!r}; choose one of: hybrid, dense, lexical")
        tokens = tokenize(check_query(query))
        depth = max(self.depth, 5 * k)
        lists, records = {}, {}
        if mode in ("hybrid", "lexical"):
            lists["lexical"], recs = self.lexical_ranked(query, depth if mode == "hybrid" else k, filters, tokens)
            records.update(recs)
        if mode in ("hybrid", "dense") and self.dense_mode != "none":
            lists["dense"], recs = self.dense_ranked(query, depth if mode == "hybrid" else k, filters)
            records.update(recs)
        if mode == "hybrid":
            fused = rrf([[d for d, _ in ranked] for ranked in lists.values()], k=RRF_K)[:k]
        else:
            fused = (lists.get(mode) or [])[:k]
        ranks = {name: {d: i for i, (d, _) in enumerate(ranked, 1)} for name, ranked in lists.items()}
        missing = [d for d, _ in fused if d not in records]
        if missing:
            res = self._search({"query": {"ids": {"values": missing}}}, len(missing))
            records.update({h["_id"]: _record(h["_source"]) for h in res["hits"]["hits"]})
        hits = []
        for doc_id, score in fused:
            r = records.get(doc_id)
            if r is None:  # deleted from the cluster since the FAISS side saw it
                continue
            hits.append(make_hit(r, score, tokens, ranks={n: rk[doc_id] for n, rk in ranks.items() if doc_id in rk}))
        return hits

    # -- export and reindex -------------------------------------------------------------------------
    def export(self, fields: list[str] | None = None, batch: int = 500, index: str | None = None) -> Iterator[dict]:
        """Every indexed document's source, by scroll (stable while the alias is not swapped)."""
        if self.backend == "opensearch":
            from opensearchpy import helpers
        else:
            from elasticsearch import helpers
        if not self.versions():
            return
        query = {"query": {"match_all": {}}}
        if fields:
            query["_source"] = fields
        for h in helpers.scan(self.client, index=index or self.alias, query=query, size=batch, preserve_order=False):
            yield h["_source"]

    def reindex(self) -> str:
        """Copy the current index into a new version (new mapping/settings) and move the alias to it in
        one atomic step; the old version is deleted. Returns the new index name."""
        current = self.ensure()
        version = int(current.rsplit("-v", 1)[-1]) + 1
        new = f"{self.alias}-v{version}"
        self._create(new)
        self._bulk(({"_op_type": "index", "_id": src["doc_id"], "_source": src} for src in self.export(index=current)),
                   new)
        self._call("refresh", self.client.indices.refresh, index=new)
        actions = [{"remove": {"index": current, "alias": self.alias}}, {"add": {"index": new, "alias": self.alias}}]
        if self.backend == "opensearch":
            self._call("swap alias", self.client.indices.update_aliases, body={"actions": actions})
        else:
            self._call("swap alias", self.client.indices.update_aliases, actions=actions)
        self._call("delete old index", self.client.indices.delete, index=current)
        return new


def wait_for(url: str, seconds: float = 10.0) -> None:
    """Wait until a cluster answers at ``url`` (for scripts that start one)."""
    import urllib.request

    deadline = time.time() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if time.time() > deadline:
                raise IndexUnavailable(f"no cluster answers at {url}")
            time.sleep(0.1)


# -- the workspace's cluster backend ------------------------------------------------------------------------
def cluster_config(workspace, backend: str | None = None, url: str | None = None, name: str | None = None) -> dict | None:
    """The search backend to use: the arguments, else the workspace config (``fazhi index build --backend``
    stores it), else None for the embedded index."""
    saved = (workspace.config().get("search") or {}) if backend is None else {}
    backend = backend or saved.get("backend")
    if backend in (None, "embedded"):
        return None
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of: embedded, {', '.join(BACKENDS)}")
    url = url or saved.get("url")
    if not url:
        raise ValueError(f"the {backend} backend needs --url (e.g. http://127.0.0.1:9200)")
    return {"backend": backend, "url": url, "name": name or saved.get("name") or "fazhi-cases",
            "dense": saved.get("dense", "faiss"), "model": saved.get("model")}


def open_cluster_index(workspace, config: dict, model: str | None = None) -> ClusterIndex:
    return ClusterIndex(config["url"], backend=config["backend"], name=config["name"], dense=config.get("dense", "faiss"),
                        dense_path=workspace.index_dir / f"cluster-dense-{config['name']}",
                        encoder=model or config.get("model"))


def build_cluster_index(workspace, config: dict, kinds=None, model: str | None = None, progress=None) -> dict:
    """Index the workspace's store into the cluster, incrementally (by content hash), and remember the
    backend in the workspace config so that ``fazhi search`` uses it. Returns counts."""
    t0 = time.perf_counter()
    idx = open_cluster_index(workspace, config, model)
    idx.ensure()
    have = idx.hashes()
    kinds = [k for k in (kinds or []) if k != "all"] or None
    store = workspace.store()
    try:
        seen, changed = set(), []
        for doc in store.iter(kind=kinds):
            r = Record.from_document(doc)
            seen.add(r.doc_id)
            if have.get(r.doc_id) != r.content_hash:
                changed.append(r)
    finally:
        store.close()
    removed = [d for d in have if d not in seen]
    added = idx.add(changed, progress=progress) if changed else 0
    n_removed = idx.remove(removed) if removed else 0
    idx.save()
    workspace.set_config(search={k: v for k, v in {**config, "model": model or config.get("model")}.items() if v})
    return {"backend": config["backend"], "url": config["url"], "index": config["name"], "documents": len(idx),
            "added": sum(1 for r in changed if r.doc_id not in have), "updated": sum(1 for r in changed if r.doc_id in have),
            "indexed": added, "removed": n_removed, "unchanged": len(seen) - len(changed),
            "seconds": round(time.perf_counter() - t0, 2)}
