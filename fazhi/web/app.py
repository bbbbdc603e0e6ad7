"""The web API and page for mediators and reviewers (FastAPI).

Every ``/api`` endpoint needs ``Authorization: Bearer TOKEN`` (tokens come from ``fazhi users add``);
roles limit the endpoints (:data:`fazhi.web.auth.PERMISSIONS`), persons and ID numbers of stored cases are
masked for every role but admin, and each request is written to the audit log. The page at ``/`` is
served by the app itself from ``fazhi/web/static`` (no CDN).

The endpoints call the same library functions as the CLI: :func:`fazhi.index.hybrid.search`,
:func:`fazhi.index.plan.make_plan`, :func:`fazhi.graph.check`, :func:`fazhi.nlp.extract`.
"""
from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Literal, Optional

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler as default_http_error
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, BeforeValidator, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from fazhi.document import KINDS as _KINDS
from fazhi.errors import FazhiError, IndexUnavailable, ModelUnavailable, UnreadableFile
from fazhi.graph.registry import RANKS as _RANKS
from fazhi.nlp.entities import ENTITY_TYPES as _ENTITY_TYPES
from fazhi.web.auth import User, UserStore

__all__ = ["create_app", "app_from_env", "mask_texts", "without_paths"]

STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)


def too_large(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB is too large; a draft may have at most {MAX_UPLOAD // 1024 // 1024} MB"


class ErrorOut(BaseModel):
    detail: str


ERRORS = {400: {"model": ErrorOut, "description": "the body or the uploaded file cannot be read"},
          401: {"model": ErrorOut, "description": "missing, invalid or expired token"},
          403: {"model": ErrorOut, "description": "the role may not do this"},
          413: {"model": ErrorOut, "description": "the body, the uploaded file or its text is too large"},
          415: {"model": ErrorOut, "description": "the body is not JSON (Content-Type: application/json)"},
          503: {"model": ErrorOut, "description": "the index, registry or masking model is not available"}}
KINDS = Literal[_KINDS]
RANKS = Literal[_RANKS]
ENTITY_TYPES = Literal[(*_ENTITY_TYPES, "CITATION")]
DATE = r"^\d{4}-\d{2}-\d{2}$"
MAX_TEXT = 200_000  # characters of a draft or dispute (JSON text, or the text found in an uploaded file)
MAX_UPLOAD = 10 * 1024 * 1024  # bytes of an uploaded draft
MAX_BODY = MAX_UPLOAD + 1024 * 1024  # bytes of any request body (an upload and its multipart framing)


def _real_date(value: Optional[str]) -> Optional[str]:
    """``YYYY-MM-DD`` that names a day of the calendar (2024-13-45 and 2024-02-30 fit the pattern only)."""
    import datetime

    if value is not None:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a date of the calendar (YYYY-MM-DD)") from None
    return value


DateStr = Annotated[Optional[str], AfterValidator(_real_date)]


_ABSOLUTE_PATH = re.compile(r"""(?<![\w.:/])(?:/|[A-Za-z]:\\)[^\s'"`()（）]*[/\\][^\s'"`()（）,，;；:]*""")


def without_paths(message: str, home=None) -> str:
    """``message`` with the server's file paths left out: the workspace (``home``) named as such, any other
    absolute path as ``…``. Error details go to every user of the page; where the server keeps its files is
    none of theirs (the server's log keeps the whole message).

    Examples:
        >>> without_paths("/srv/fazhi/ws/index: no search index yet; build it with `fazhi index build`", "/srv/fazhi/ws")
        "the workspace's index: no search index yet; build it with `fazhi index build`"
        >>> without_paths("cannot read /opt/models/lac.onnx (No such file)"), without_paths("草案.docx: empty file")
        ('cannot read … (No such file)', '草案.docx: empty file')
    """
    if home:
        for root in {str(home), str(Path(home).resolve())}:
            message = re.sub(re.escape(root.rstrip("/\\")) + r"[/\\]?([^\s'\"`:;,，；]*)",
                             lambda m: f"the workspace's {m[1]}" if m[1] else "the workspace", message)
    return _ABSOLUTE_PATH.sub("…", message)


_READABLE = (".docx", ".pdf", ".txt", ".html", ".htm", ".md", ".doc")
_FILE_MAGIC = ((b"%PDF-", ".pdf"), (b"PK\x03\x04", ".docx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"))


def upload_name(name: str | None, data: bytes) -> str:
    """The name to read an upload by: its own, or with the suffix its bytes show when the name has no suffix
    the loaders read (a draft saved from a chat as ``草案`` or ``草案(1)``, a Word file kept as ``.wps``).

    Examples:
        >>> upload_name("草案", b"PK\x03\x04..."), upload_name("draft.wps", b"%PDF-1.7"), upload_name("a.DOCX", b"PK")
        ('草案.docx', 'draft.wps.pdf', 'a.DOCX')
        >>> upload_name(None, b"text"), upload_name("a.txt", b"%PDF-1.4")
        ('upload.txt', 'a.txt')
    """
    name = name or "upload.txt"
    if name.lower().endswith(_READABLE):
        return name
    head = data[:1024].lstrip()
    return name + next((suffix for magic, suffix in _FILE_MAGIC if head.startswith(magic)), "")


def invalid(message: str, *loc) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors (``{"detail": [{"loc","msg","type"}]}``)."""
    return HTTPException(422, [{"loc": ["body", *loc], "msg": message, "type": "value_error"}])


class SearchFilters(BaseModel):
    model_config = {"extra": "forbid"}
    kind: Optional[KINDS] = None
    dispute_type: Optional[str] = Field(None, min_length=1, max_length=50, description="e.g. 邻里, 劳动争议")
    region: Optional[str] = Field(None, min_length=1, max_length=50, description="e.g. 杭州市 (prefix match)")
    since: DateStr = Field(None, pattern=DATE, json_schema_extra={"format": "date"},
                           description="cases dated on or after (YYYY-MM-DD)")
    until: DateStr = Field(None, pattern=DATE, json_schema_extra={"format": "date"},
                           description="cases dated on or before (YYYY-MM-DD)")


# a query or dispute must hold a Chinese character, a letter or a digit (of these ranges, all str.isalnum, so
# fazhi.index.base.check_query accepts it too). Spelled as literal ranges, not \w, which JSON Schema's
# ECMA-262 reading takes as ASCII only: the schema's pattern then means the same to every client.
_WORD_RANGES = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F), (0x3005, 0x3007),
                (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFA6D), (0xFA70, 0xFAD9), (0xFF10, 0xFF19),
                (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
WORDS = "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _WORD_RANGES) + "]"
_HAS_WORDS = re.compile(WORDS)


def _words(what: str):
    """A validator: the text holds a word (see ``WORDS``), else a 422 that says so in words, not as a pattern.
    The schema gets the same rule as its ``pattern``."""
    def check(text: str) -> str:
        if not _HAS_WORDS.search(text):
            raise ValueError(f"{what} has no words: describe the dispute in Chinese characters, letters or digits")
        return text
    return AfterValidator(check)


def _json_number(name: str):
    """A validator: the value is a JSON number (pydantic's lax mode read true as k=1 and "10" as 10); 3.0 is
    still 3, as JSON does not tell integers from floats."""
    def check(value):
        if isinstance(value, (bool, str)):
            raise ValueError(f"{name} must be a number, not {'true/false' if isinstance(value, bool) else 'a string'}")
        return value
    return check


# the request bodies refuse fields they do not know: {"text": …, "knid": "规范性文件"} was checked as if no kind had
# been given, and {"qurey": …} said only that query was missing
_STRICT_BODY = {"extra": "forbid"}


class SearchRequest(BaseModel):
    model_config = _STRICT_BODY
    query: Annotated[str, _words("the query")] = Field(
        ..., min_length=1, max_length=5000, json_schema_extra={"pattern": WORDS},
        description="the dispute, in plain words (at least one letter, digit or Chinese character)")
    k: Annotated[int, BeforeValidator(_json_number("k"))] = Field(10, ge=1, le=100)
    filters: SearchFilters = Field(default_factory=SearchFilters)
    mode: Literal["hybrid", "dense", "lexical"] = "hybrid"


class TextRequest(BaseModel):
    model_config = _STRICT_BODY
    text: str = Field(..., min_length=1, max_length=MAX_TEXT, pattern=r"\S")


class PlanRequest(BaseModel):
    model_config = _STRICT_BODY
    # fazhi.index.plan.MAX_PLAN_CHARS (tests/index/test_index_plan_input.py checks they agree): a dispute is
    # a few paragraphs; a 200,000-character paste took 60 s
    text: Annotated[str, _words("the dispute description")] = Field(
        ..., min_length=1, max_length=20_000, json_schema_extra={"pattern": WORDS},
        description="the dispute, in plain words (at least one letter, digit or Chinese character)")


class CheckRequest(TextRequest):
    kind: Optional[RANKS] = Field(None, description="rank (位阶) of the document, detected when absent")
    date: DateStr = Field(None, pattern=DATE, json_schema_extra={"format": "date"},
                          description="the date citations are checked against (YYYY-MM-DD)")


class ExtractRequest(TextRequest):
    types: Optional[list[ENTITY_TYPES]] = Field(None, max_length=20, description="labels to keep (all when absent)")


class HitOut(BaseModel):
    doc_id: str
    score: float
    title: str
    kind: str
    snippet: str = Field(..., description="the best-matching passage; persons and ID numbers masked unless admin")
    metadata: dict = Field(default_factory=dict, description="dispute_type, region, date when known")
    ranks: dict = Field(default_factory=dict, description="rank in each fused list")
    passage: Optional[list[int]] = None
    terms: list[str] = Field(default_factory=list, description="query words found in the snippet, for marking")


class SearchResponse(BaseModel):
    hits: list[HitOut]


class MeResponse(BaseModel):
    name: str
    role: str
    may: list[str]


class CaseResponse(BaseModel):
    id: str
    title: str
    kind: str
    region: Optional[str] = None
    published: Optional[str] = None
    text: str
    metadata: dict
    masked: bool = Field(..., description="true when persons and ID numbers were masked for this role")


class FindingOut(BaseModel):
    code: str
    severity: str
    start: Optional[int] = None
    end: Optional[int] = None
    quote: str = ""
    message: str
    evidence: dict = Field(default_factory=dict)
    suggestion: str = ""


class CheckResponse(BaseModel):
    kind: Optional[str] = None
    date: Optional[str] = None
    title: str = ""
    citations: int = 0
    findings: list[FindingOut]
    text: Optional[str] = Field(None, description="the extracted text of an uploaded file (check/file only)")


class ExtractResponse(BaseModel):
    entities: list[dict]
    citations: list[dict]


class PlanResponse(BaseModel):
    model_config = {"extra": "allow"}
    text: str
    dispute_type: dict
    similar_cases: list[dict]
    provisions: list[dict]
    steps: list[dict]
    risks: list[dict]
    markdown: str = Field(..., description="the plan as Markdown, ready to copy")


class AuditRecord(BaseModel):
    at: str
    user: Optional[str] = None
    role: Optional[str] = None
    method: Optional[str] = None
    path: Optional[str] = None
    status: Optional[int] = None
    detail: Optional[str] = None


class AuditResponse(BaseModel):
    records: list[AuditRecord]


class QueryBatcher:
    """Encodes the queries of concurrent requests together: one model call for all queries waiting, which
    costs about a third per query of single calls at 32 (use-m3, 2 cores) and keeps the model from being
    run by many threads at once. Wraps an :class:`~fazhi.index.embed.Encoder`; everything else passes through.
    """

    def __init__(self, encoder, max_batch: int = 32):
        import queue

        self._encoder = encoder
        self._queue: "queue.Queue" = queue.Queue()
        self.max_batch = max_batch
        self.batches = 0
        threading.Thread(target=self._run, name="fazhi-query-batcher", daemon=True).start()

    def __getattr__(self, name):
        return getattr(self._encoder, name)

    def __repr__(self):
        return f"<QueryBatcher {self._encoder!r}>"

    def encode_queries(self, texts):
        if not isinstance(texts, str):
            return self._encoder.encode_queries(texts)
        from concurrent.futures import Future

        fut: Future = Future()
        self._queue.put((texts, fut))
        return fut.result()

    def _run(self):
        import queue

        while True:
            items = [self._queue.get()]
            while len(items) < self.max_batch:  # whatever queued up while the model was busy
                try:
                    items.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                vecs = self._encoder.encode_queries([t for t, _ in items])
            except BaseException as e:  # noqa: BLE001 - handed to every waiting request
                for _, fut in items:
                    fut.set_exception(e)
                continue
            self.batches += 1
            for (_, fut), v in zip(items, vecs):
                fut.set_result(v)


class _Services:
    """Heavy objects (index, registry) opened once per app, on first use."""

    def __init__(self, workspace):
        self.workspace = workspace
        self._lock = threading.Lock()
        self._registry = None
        self._index = None

    def registry(self):
        """(registry, duplicate index): the workspace's graph, else one built from the bundled laws."""
        with self._lock:
            if self._registry is None:
                from fazhi.graph import workspace_registry

                reg, dupes, _where = workspace_registry(self.workspace)
                self._registry = (reg, dupes)
            return self._registry

    def index(self):
        """The workspace's similar-case index, opened once (searches are read-only)."""
        with self._lock:
            if self._index is None:
                from fazhi.index.hybrid import open_index

                try:
                    idx = open_index(self.workspace)
                except FazhiError:
                    raise
                except Exception as e:  # noqa: BLE001 - a damaged index (sqlite3.DatabaseError, a truncated file …)
                    log.exception("cannot open the search index")
                    raise IndexUnavailable(f"the workspace's search index cannot be read ({type(e).__name__}: "
                                           f"{' '.join(str(e).split())[:120]}); rebuild it with `fazhi index build`"
                                           ) from e
                idx.dense.encoder = QueryBatcher(idx.dense.encoder)
                self._index = idx
            return self._index

    def warm(self) -> None:
        """Open the index, the law registry and the models a first request would otherwise wait for."""
        self.registry()
        try:
            self.index().dense.encoder.encode_queries("邻里纠纷")
        except IndexUnavailable as e:
            log.warning("%s", e)
        try:
            mask_texts(["张三的身份证号"])
        except ModelUnavailable as e:
            log.warning("%s", e)

    def check(self, text: str, kind=None, date=None) -> dict:
        from fazhi.graph import check as do_check

        reg, dupes = self.registry()
        try:
            return do_check(text, reg, kind=kind, date=date, duplicates=dupes).to_dict()
        except ValueError as e:
            raise invalid(str(e))


def _masker():
    """``mask_text`` of the NLP area; without it personal data cannot be hidden, so the app refuses (503)
    to show stored text to roles that may not see it rather than show it unmasked."""
    try:
        from fazhi.nlp.mask import mask_text
    except ImportError as e:
        raise ModelUnavailable(f"masking of persons and ID numbers is unavailable ({e}); "
                               "install fazhi[nlp] or ask an admin") from e
    return mask_text


def party_names(metadata: dict | None) -> list[str]:
    """Names of the parties recorded in a document's metadata (dicts with ``name`` or plain strings)."""
    out = []
    for p in (metadata or {}).get("parties") or []:
        name = p.get("name") if isinstance(p, dict) else p
        if isinstance(name, str) and len(name) >= 2:
            out.append(name)
    return out


def mask_texts(texts: list[str], persons: list[str] | None = None) -> list[str]:
    """Each text with persons (found by the entity model, plus ``persons``), ID, phone and bank card numbers
    and street addresses masked; empty texts are kept as they are.

    Masked texts are remembered (the same titles and passages come back across searches and plans), and the
    texts not seen before go through the entity model in one batch.

    Examples:
        >>> mask_texts(["申请人周美华，身份证号330102198001011234。"], persons=["周美华"])[0]  # doctest: +SKIP
        '申请人周某，身份证号******************。'
    """
    mask_text = _masker()  # refuse (503) before anything is served when masking cannot run
    names = sorted(set(persons or ()))
    # only the names that occur in a text change its masking, so only they go into the key: the parties of a
    # whole result list would otherwise make every key unique
    keys = [(t, tuple(n for n in names if n in t)) if t else None for t in texts]
    found = {k: _MASKED.get(k) for k in keys if k is not None}
    todo = [k for k, v in found.items() if v is None]
    if todo:
        from fazhi.nlp.entities import find_entities_many

        for k, spans in zip(todo, find_entities_many([t for t, _ in todo])):
            found[k] = mask_text(k[0], spans=spans, persons=list(k[1]))[0]
            if len(k[0]) <= _MASK_MEMO_CHARS:  # snippets and titles; a whole case text is masked afresh
                _MASKED.put(k, found[k])
    return [found[k] if k is not None else t for k, t in zip(keys, texts)]


class _LRU:
    """A small thread-safe least-recently-used map (the stdlib's lru_cache cannot be filled in batches)."""

    def __init__(self, maxsize: int):
        self.maxsize, self._d, self._lock = maxsize, OrderedDict(), threading.Lock()
        self.hits = self.misses = 0

    def get(self, key):
        with self._lock:
            if key in self._d:
                self._d.move_to_end(key)
                self.hits += 1
                return self._d[key]
            self.misses += 1
            return None

    def put(self, key, value) -> None:
        with self._lock:
            self._d[key] = value
            self._d.move_to_end(key)
            while len(self._d) > self.maxsize:
                self._d.popitem(last=False)

    def __len__(self):
        return len(self._d)


_MASKED = _LRU(8192)  # (text, names in it) -> masked text; ~10 ms of entity model saved per hit
_MASK_MEMO_CHARS = 4000  # longer texts are not remembered: 8,192 whole case files could hold a gigabyte


_LEADING_DIGITS = re.compile(r"[0-9]+[Xx]?")
_TRAILING_DIGITS = re.compile(r"[0-9]+$")


def hide_cut_numbers(snippet: str, text: str) -> str:
    """``snippet`` with the digits of a number cut off at either of its ends replaced by ``*``.

    A snippet is a window of ``text`` (newlines as spaces), and a window can end inside an ID, phone or bank
    card number, whose remaining digits the masker no longer recognises as one: ``身份证号码3301021980`` would
    show a birth date that the whole number, masked, hides. Only numbers that go on in ``text`` beyond the
    snippet are touched.

    Examples:
        >>> hide_cut_numbers("男，身份证号码3301021980", "钱某，男，身份证号码330102198001011234，住")
        '男，身份证号码**********'
        >>> hide_cut_numbers("1234，住上海", "身份证号码330102198001011234，住上海")
        '****，住上海'
        >>> hide_cut_numbers("赔偿3200元", "赔偿3200元")
        '赔偿3200元'
    """
    flat = text.replace("\n", " ")
    i = flat.find(snippet) if snippet else -1
    if i < 0:
        return snippet
    j = i + len(snippet)
    if j < len(flat) and flat[j] in "0123456789Xx" and (m := _TRAILING_DIGITS.search(snippet)):
        snippet = snippet[:m.start()] + "*" * len(m.group())
    if i > 0 and flat[i - 1].isdigit() and (m := _LEADING_DIGITS.match(snippet)):
        snippet = "*" * m.end() + snippet[m.end():]
    return snippet


def _encodable(obj):
    """``obj`` with every string made encodable as UTF-8 (lone surrogates replaced by U+FFFD)."""
    if isinstance(obj, str):
        return obj.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(obj, dict):
        return {_encodable(k): _encodable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_encodable(v) for v in obj]
    return obj


def create_app(workspace, users: UserStore | None = None, warm: bool = False) -> FastAPI:
    """The app for ``workspace``; ``users`` defaults to the workspace's ``web.sqlite``.

    With ``warm``, startup opens the index and the law registry and loads the query encoder and the masking
    model before the server accepts requests (``fazhi serve`` does), so the first users do not wait for them.

    Examples:
        >>> from fazhi.workspace import Workspace
        >>> import tempfile
        >>> app = create_app(Workspace(tempfile.mkdtemp()), UserStore(":memory:"))
        >>> sorted(p for p in app.openapi()["paths"] if p.startswith("/api/"))[:4]
        ['/api/audit', '/api/cases/{doc_id}', '/api/check', '/api/check/file']
    """
    users = users or UserStore.for_workspace(workspace)
    services = _Services(workspace)

    @asynccontextmanager
    async def lifespan(app):
        if warm:
            await run_in_threadpool(services.warm)
        yield

    # no /docs or /redoc: FastAPI's interactive pages load their scripts from a CDN, and everything here
    # must work without internet access; the schema itself is at /openapi.json
    app = FastAPI(title="fazhi", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Similar cases, mediation plans, draft checks and extraction for 司法行政 staff. "
                              "Every /api endpoint needs `Authorization: Bearer TOKEN` (`fazhi users add`).")
    # inside the audit middleware (added before it): the endpoint reads its body straight through the limit
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    bearer = HTTPBearer(auto_error=False, description="a token from `fazhi users add NAME --role ROLE`")

    def current_user(request: Request, cred: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> User:
        user = users.authenticate(cred.credentials if cred else None)
        if user is None:
            raise HTTPException(401, "missing, invalid or expired token", headers={"WWW-Authenticate": "Bearer"})
        request.state.user = user
        return user

    def allow(action: str):
        def dep(request: Request, user: User = Depends(current_user)) -> User:
            if not user.may(action):
                raise HTTPException(403, f"role {user.role} may not use {action}")
            return user
        return dep

    def stored_docs(items: list[dict]) -> dict:
        """The stored documents ``items`` refer to (``doc_id``), by id (missing ones left out)."""
        store = workspace.store()
        try:
            docs = {it["doc_id"]: store.get(it["doc_id"]) for it in items}
            return {k: d for k, d in docs.items() if d is not None}
        finally:
            store.close()

    def stored_parties(docs: dict) -> list[str]:
        """The party names stored with ``docs`` (from :func:`stored_docs`), to mask them for sure."""
        names = set()
        for doc in docs.values():
            names.update(party_names(doc.metadata))
        return sorted(names, key=lambda n: (-len(n), n))

    def mask_hits(items: list[dict], fields: tuple[str, ...]) -> None:
        """Mask ``fields`` of each search hit or similar case in place, for a role that may not see persons:
        numbers cut off at a snippet's ends first (see :func:`hide_cut_numbers`), then the masker."""
        docs = stored_docs(items)
        for it in items:
            doc = docs.get(it["doc_id"])
            if doc is not None and it.get("snippet"):
                it["snippet"] = hide_cut_numbers(it["snippet"], doc.text)
        masked = iter(mask_texts([it.get(f) or "" for it in items for f in fields], stored_parties(docs)))
        for it in items:
            it.update({f: m for f, m in zip(fields, masked) if it.get(f)})

    def asked(request: Request, **detail):
        """What the request asked, for the audit record (written once the answer's status is known)."""
        request.state.audit = {**getattr(request.state, "audit", {}), **detail}

    @app.middleware("http")
    async def audit_log(request: Request, call_next):
        """Every /api request goes into the audit log: user (or none), path, status and what was asked."""
        if not request.url.path.startswith("/api/"):
            return await call_next(request)
        status = 500
        try:
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > MAX_BODY:
                # refused before the body is read: a huge upload would otherwise be spooled to disk and parsed
                status = 413
                request.state.audit = {"bytes": int(length)}
                return JSONResponse({"detail": too_large(int(length))}, status_code=413)
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            user = getattr(request.state, "user", None)
            await run_in_threadpool(users.audit, user, request.method, request.url.path, status,
                                    getattr(request.state, "audit", None))

    def unauthenticated(request: Request) -> JSONResponse | None:
        """The 401 for a request whose body could not be read before its token was looked at (FastAPI reads
        the JSON before the dependencies run): without a valid token, malformed JSON is a 401 like any other
        request, not a 422 or 400 that tells an anonymous client how the API parses its input."""
        if getattr(request.state, "user", None) is not None or not request.url.path.startswith("/api/"):
            return None
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and users.authenticate(token.strip() or None) is not None:
            return None
        return JSONResponse({"detail": "missing, invalid or expired token"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, exc: RequestValidationError):
        """FastAPI's 422 shape (``{"detail": [{"loc","msg","type"}]}``) without echoing the input: a rejected
        200,000-character text came back whole, and a string that is not valid UTF-8 (a lone surrogate
        escape such as ``\\ud800``) could not be encoded into the answer, which became a 500."""
        denied = unauthenticated(request)
        if denied is not None:
            return denied
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if not (ctype == "application/json" or ctype.endswith("+json")) and any(
                tuple(e.get("loc", ())) == ("body",) and e.get("type") == "model_attributes_type" for e in exc.errors()):
            # a form, text/plain or unlabelled body is not read as JSON and reached the model as a string:
            # "Input should be a valid dictionary or object" said nothing about what to change
            return JSONResponse({"detail": "the body must be JSON (Content-Type: application/json), not "
                                           + (ctype or "a body without a Content-Type")}, status_code=415)
        detail = [{k: v for k, v in e.items() if k not in ("input", "url")} for e in exc.errors()]
        for d in detail:
            # a validator's ValueError came out as "ctx": {"error": {}} (the exception object, which JSON cannot
            # show); its message is the msg already
            ctx = d.get("ctx")
            if isinstance(ctx, dict) and isinstance(ctx.get("error"), Exception):
                d["ctx"] = {k: v for k, v in ctx.items() if k != "error"}
                if not d["ctx"]:
                    del d["ctx"]
        return JSONResponse({"detail": _encodable(jsonable_encoder(detail))}, status_code=422)

    @app.exception_handler(FazhiError)
    def fazhi_error(request: Request, exc: FazhiError):
        status = 503 if isinstance(exc, (IndexUnavailable, ModelUnavailable)) else 400
        log.warning("%s %s: %s", request.method, request.url.path, exc)  # the whole message, paths and all
        said = without_paths(str(exc), workspace.home)
        asked(request, error=said[:200])
        return JSONResponse({"detail": said}, status_code=status)

    @app.exception_handler(Exception)
    def unexpected(request: Request, exc: Exception):
        """Any other failure: the documented ``{"detail"}`` shape (not a bare text/plain "Internal Server Error"),
        naming the kind of failure but no path or trace; the traceback goes to the server's log."""
        return JSONResponse({"detail": f"internal error ({type(exc).__name__}); the server's log has the details"},
                            status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        """FastAPI's own answers, except a body that is not UTF-8 (a GBK client's JSON), which FastAPI calls
        only "There was an error parsing the body"."""
        if exc.status_code == 400:
            denied = await run_in_threadpool(unauthenticated, request)
            if denied is not None:
                return denied
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            exc = HTTPException(400, "the body is not UTF-8: send the JSON encoded as UTF-8")
        elif exc.status_code == 400 and isinstance(exc.__cause__, RecursionError):
            # [[[[…]]]] 100,000 deep: "There was an error parsing the body" said nothing of what was wrong
            exc = HTTPException(400, "the body's JSON is nested too deeply to read")
        return await default_http_error(request, exc)

    @app.get("/api/me", responses=ERRORS)
    def me(user: User = Depends(current_user)) -> MeResponse:
        """Who the token belongs to and what the role may do."""
        from fazhi.web.auth import PERMISSIONS

        return MeResponse(name=user.name, role=user.role,
                          may=sorted(a for a, roles in PERMISSIONS.items() if user.role in roles))

    @app.post("/api/search", responses=ERRORS)
    def search(req: SearchRequest, request: Request, user: User = Depends(allow("search"))) -> SearchResponse:
        """The most similar stored cases, with the best-matching passage and the query words to mark."""
        from fazhi.index.base import Filters
        from fazhi.index.hybrid import search as do_search
        from fazhi.index.lexical import tokenize

        given = req.filters.model_dump(exclude_none=True)
        asked(request, query=req.query[:200], k=req.k, filters=given)
        try:
            filters = Filters.parse([f"{k}={v}" for k, v in given.items()])
        except ValueError as e:
            raise invalid(str(e), "filters")
        hits = do_search(workspace, req.query, k=req.k, filters=filters, mode=req.mode, index=services.index())
        out = [h.to_dict(full=True) for h in hits]
        if not user.sees_personal_data and out:
            mask_hits(out, ("snippet", "title"))
        words = {t for t in tokenize(req.query) if len(t.strip()) >= 2}  # single characters mark noise
        for d in out:
            d.pop("highlights", None)
            # the query words found in the (masked) snippet, longest first, for the page to mark
            d["terms"] = sorted((w for w in words if w in d["snippet"]), key=lambda w: (-len(w), w))
        asked(request, hits=len(out))
        return SearchResponse(hits=out)

    @app.post("/api/plan", responses=ERRORS)
    def plan(req: PlanRequest, request: Request, user: User = Depends(allow("plan"))) -> PlanResponse:
        """A mediation plan (调解预案) for the dispute: type, parties, laws, similar cases, steps, risks;
        ``markdown`` is the same plan ready to copy. Persons in the similar cases are masked unless admin."""
        from fazhi.index.plan import make_plan, render_markdown

        asked(request, text=req.text[:200])
        try:
            result = make_plan(req.text, workspace, index=services.index())
        except ValueError as e:
            raise invalid(str(e), "text")
        if not user.sees_personal_data and result.get("similar_cases"):
            mask_hits(result["similar_cases"], ("title", "snippet", "agreement"))
        # the server's file paths are nobody's business on the page, nor in a plan copied into a report
        src = result.get("sources") or {}
        for key, name in (("registry", "the workspace's law registry"), ("index", "the workspace's case index")):
            v = src.get(key)
            if isinstance(v, str) and ("/" in v or "\\" in v):
                src[key] = "unavailable" if v.startswith("unavailable") else name
        result["markdown"] = render_markdown(result)
        return result

    @app.post("/api/check", responses=ERRORS, response_model_exclude_unset=True)
    def check(req: CheckRequest, request: Request, user: User = Depends(allow("check"))) -> CheckResponse:
        """Findings of the consistency checks on a draft (citations, rank, penalties, licences …), each with
        its offsets ``[start, end)`` in the text."""
        asked(request, text=req.text[:200])
        d = services.check(req.text, kind=req.kind, date=req.date)
        asked(request, findings=len(d.get("findings", [])))
        return d

    @app.post("/api/check/file", responses=ERRORS, response_model_exclude_unset=True)
    def check_file(request: Request, file: UploadFile = File(...),
                   kind: Optional[RANKS] = Form(None, description="rank (位阶) of the document, detected when absent"),
                   date: Optional[str] = Form(None, pattern=DATE, json_schema_extra={"format": "date"},
                                              description="the date citations are checked against (YYYY-MM-DD)"),
                   user: User = Depends(allow("check"))) -> CheckResponse:
        """The same checks on an uploaded .docx, .pdf, .txt or .html draft; the reply includes its text.
        ``kind`` and ``date`` (form fields) are optional, as for ``/api/check``."""
        from fazhi.corpora.loaders import load_bytes

        try:
            _real_date(date)
        except ValueError as e:
            raise invalid(str(e), "date")
        data = file.file.read(MAX_UPLOAD + 1)
        name = upload_name(file.filename, data)
        asked(request, file=name[:100], bytes=len(data))
        if len(data) > MAX_UPLOAD:
            raise HTTPException(413, f"{name}: {too_large(len(data))}")
        try:
            docs = load_bytes(data, name)
        except UnreadableFile as e:
            raise HTTPException(400, str(e))
        text = "\n\n".join(d.text for d in docs)
        if not text.strip():
            raise HTTPException(400, f"{name}: no text found in the file")
        if len(text) > MAX_TEXT:
            raise HTTPException(413, f"{name}: {len(text):,} characters of text; at most {MAX_TEXT:,} are checked "
                                     "at once: split the draft")
        d = services.check(text, kind=kind, date=date)
        d["text"] = text
        asked(request, findings=len(d.get("findings", [])))
        return d

    @app.post("/api/extract", responses=ERRORS)
    def extract(req: ExtractRequest, request: Request, user: User = Depends(allow("extract"))) -> ExtractResponse:
        """Entities and law citations with their offsets in the text."""
        asked(request, text=req.text[:200])
        try:
            from fazhi.nlp import extract as do_extract
        except ImportError as e:
            raise ModelUnavailable(f"extraction is unavailable ({e})") from e
        try:
            result = do_extract(req.text, types=req.types)
        except ValueError as e:
            raise invalid(str(e), "types")
        return result

    @app.get("/api/cases/{doc_id}", responses={**ERRORS, 404: {"description": "no such document"}})
    def case(doc_id: str, request: Request, user: User = Depends(allow("cases"))) -> CaseResponse:
        """One stored case; persons and ID numbers masked unless the role may see them."""
        asked(request, doc_id=doc_id)
        store = workspace.store()
        try:
            doc = store.get(doc_id)
        finally:
            store.close()
        if doc is None:
            raise HTTPException(404, f"no document {doc_id if len(doc_id) <= 80 else doc_id[:80] + '…'!r}")
        keep = {"dispute_type", "outcome", "committee", "date", "channel", "laws", "level", "status"}
        out = {"id": doc.id, "title": doc.title or "", "kind": doc.kind or "", "region": doc.region,
               "published": doc.published, "text": doc.text,
               "metadata": {k: v for k, v in doc.metadata.items() if k in keep},
               "masked": not user.sees_personal_data}
        if user.sees_personal_data:
            out["metadata"] = doc.metadata
        else:
            out["text"], out["title"] = mask_texts([doc.text, out["title"]], party_names(doc.metadata))
        return out

    @app.get("/api/audit", responses=ERRORS)
    def audit(limit: int = Query(100, ge=1, le=1000), user_name: Optional[str] = Query(None, alias="user"),
              user: User = Depends(allow("audit"))) -> AuditResponse:
        """The latest audit records, newest first (admin only)."""
        return AuditResponse(records=users.audit_log(limit=limit, user=user_name))

    @app.get("/", include_in_schema=False)
    def page():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


class BodyLimit:
    """ASGI middleware: stop reading a request body past ``limit`` bytes with a 413. A Content-Length over the
    limit is refused before reading (the audit middleware); a body sent in chunks has none, and was read into
    memory (or spooled to disk) however large it grew. The 413 is an HTTPException raised while the endpoint
    reads its body, which FastAPI hands to the exception handlers as it is (JSON, audited)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise HTTPException(413, f"the body is larger than {self.limit / 1024 / 1024:.0f} MB (sent in "
                                             f"chunks, cut off there); a draft may have at most "
                                             f"{MAX_UPLOAD // 1024 // 1024} MB")
            return message

        await self.app(scope, limited, send)


def app_from_env() -> FastAPI:
    """The app for the workspace in ``$FAZHI_HOME`` (for ``uvicorn --factory fazhi.web.app:app_from_env``,
    which ``fazhi serve --workers N`` uses)."""
    import os

    from fazhi.workspace import Workspace

    return create_app(Workspace(os.environ.get("FAZHI_HOME") or None), warm=True)
