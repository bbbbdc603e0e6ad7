"""The web API and page for mediators and reviewers (FastAPI).

Every ``/api`` endpoint needs ``Authorization: Bearer TOKEN`` (tokens come from ``fazhi users add``);
roles limit the endpoints (:data:`fazhi.web.auth.PERMISSIONS`), persons and ID numbers of stored cases are
masked for every role but admin, and each request is written to the audit log. The page at ``/`` is
served by the app itself from ``fazhi/web/static`` (no CDN).

The endpoints call the same library functions as the CLI: :func:`fazhi.index.hybrid.search`,
:func:`fazhi.index.plan.make_plan`, :func:`fazhi.graph.check`, :func:`fazhi.nlp.extract`.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Literal, Optional

from fastapi import Depends, FastAPI, File, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from fazhi.errors import FazhiError, IndexUnavailable, ModelUnavailable, UnreadableFile
from fazhi.web.auth import User, UserStore

__all__ = ["create_app"]

STATIC = Path(__file__).parent / "static"
ERRORS = {401: {"description": "missing or invalid token"}, 403: {"description": "the role may not do this"},
          503: {"description": "the index, registry or model is not available"}}


class SearchRequest(BaseModel):
    query: str = Field(..., min_length=1, max_length=5000, description="the dispute, in plain words")
    k: int = Field(10, ge=1, le=100)
    filters: dict[str, str] = Field(default_factory=dict,
                                    description="kind, dispute_type, region, since, until (YYYY-MM-DD)")
    mode: Literal["hybrid", "dense", "lexical"] = "hybrid"


class TextRequest(BaseModel):
    text: str = Field(..., min_length=1, max_length=200_000)


class CheckRequest(TextRequest):
    kind: Optional[str] = Field(None, max_length=20, description="rank of the document, detected when absent")
    date: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class ExtractRequest(TextRequest):
    types: Optional[list[str]] = None


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

                self._index = open_index(self.workspace)
            return self._index

    def check(self, text: str, kind=None, date=None) -> dict:
        from fazhi.graph import check as do_check

        reg, dupes = self.registry()
        try:
            return do_check(text, reg, kind=kind, date=date, duplicates=dupes).to_dict()
        except ValueError as e:
            raise HTTPException(422, str(e))


def _mask(text: str) -> str:
    from fazhi.document import Document
    from fazhi.nlp.mask import mask_document

    masked, _ = mask_document(Document(text=text))
    return masked.text


def create_app(workspace, users: UserStore | None = None) -> FastAPI:
    """The app for ``workspace``; ``users`` defaults to the workspace's ``web.sqlite``."""
    users = users or UserStore.for_workspace(workspace)
    services = _Services(workspace)
    app = FastAPI(title="fazhi", version="0.1.0",
                  description="Similar cases, mediation plans, draft checks and extraction for 司法行政 staff.")
    bearer = HTTPBearer(auto_error=False)

    def current_user(request: Request, cred: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> User:
        user = users.authenticate(cred.credentials if cred else None)
        if user is None:
            users.audit(None, request.method, request.url.path, 401)
            raise HTTPException(401, "missing or invalid token", headers={"WWW-Authenticate": "Bearer"})
        request.state.user = user
        return user

    def allow(action: str):
        def dep(request: Request, user: User = Depends(current_user)) -> User:
            if not user.may(action):
                users.audit(user, request.method, request.url.path, 403)
                raise HTTPException(403, f"role {user.role} may not use {action}")
            return user
        return dep

    def audited(request: Request, user: User, detail: dict, status: int = 200):
        users.audit(user, request.method, request.url.path, status, detail)

    @app.exception_handler(FazhiError)
    def fazhi_error(request: Request, exc: FazhiError):
        status = 503 if isinstance(exc, (IndexUnavailable, ModelUnavailable)) else 400
        user = getattr(request.state, "user", None)
        users.audit(user, request.method, request.url.path, status, {"error": str(exc)[:200]})
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.get("/api/me", responses=ERRORS)
    def me(user: User = Depends(current_user)) -> dict:
        """Who the token belongs to and what the role may do."""
        from fazhi.web.auth import PERMISSIONS

        return {"name": user.name, "role": user.role,
                "may": sorted(a for a, roles in PERMISSIONS.items() if user.role in roles)}

    @app.post("/api/search", responses=ERRORS)
    def search(req: SearchRequest, request: Request, user: User = Depends(allow("search"))) -> dict:
        """The most similar stored cases, with the matching passage."""
        from fazhi.index.base import Filters
        from fazhi.index.hybrid import search as do_search

        try:
            filters = Filters.parse([f"{k}={v}" for k, v in req.filters.items()])
        except ValueError as e:
            raise HTTPException(422, str(e))
        from fazhi.index.lexical import tokenize

        hits = do_search(workspace, req.query, k=req.k, filters=filters, mode=req.mode, index=services.index())
        words = {t for t in tokenize(req.query) if len(t) > 1 or "\u4e00" <= t <= "\u9fff"}
        out = []
        for h in hits:
            d = h.to_dict(full=True)
            d.pop("highlights", None)
            if not user.sees_personal_data:
                d["snippet"] = _mask(d["snippet"])
                d["title"] = _mask(d["title"]) if d["title"] else d["title"]
            # the query words found in the snippet, longest first, for the page to mark
            d["terms"] = sorted((w for w in words if w in d["snippet"]), key=len, reverse=True)
            out.append(d)
        audited(request, user, {"query": req.query[:200], "k": req.k, "filters": req.filters, "hits": len(out)})
        return {"hits": out}

    @app.post("/api/plan", responses=ERRORS)
    def plan(req: TextRequest, request: Request, user: User = Depends(allow("plan"))) -> dict:
        """A mediation plan (调解预案) for the dispute: type, parties, laws, similar cases, steps, risks."""
        from fazhi.index.plan import make_plan

        result = make_plan(req.text, workspace)
        audited(request, user, {"text": req.text[:200]})
        return result

    @app.post("/api/check", responses=ERRORS)
    def check(req: CheckRequest, request: Request, user: User = Depends(allow("check"))) -> dict:
        """Findings of the consistency checks on a draft (citations, rank, penalties, licences …)."""
        d = services.check(req.text, kind=req.kind, date=req.date)
        audited(request, user, {"text": req.text[:200], "findings": len(d.get("findings", []))})
        return d

    @app.post("/api/check/file", responses=ERRORS)
    def check_file(request: Request, file: UploadFile = File(...), user: User = Depends(allow("check"))) -> dict:
        """The same checks on an uploaded .docx, .pdf, .txt or .html draft; the reply includes its text."""
        from fazhi.corpora.loaders import load_bytes

        data = file.file.read()
        try:
            docs = load_bytes(data, file.filename or "upload.txt")
        except UnreadableFile as e:
            raise HTTPException(400, str(e))
        text = "\n\n".join(d.text for d in docs)
        d = services.check(text)
        d["text"] = text
        audited(request, user, {"file": file.filename, "findings": len(d.get("findings", []))})
        return d

    @app.post("/api/extract", responses=ERRORS)
    def extract(req: ExtractRequest, request: Request, user: User = Depends(allow("extract"))) -> dict:
        """Entities and law citations with their offsets in the text."""
        from fazhi.nlp import extract as do_extract

        try:
            result = do_extract(req.text, types=req.types)
        except ValueError as e:
            raise HTTPException(422, str(e))
        audited(request, user, {"text": req.text[:200]})
        return result

    @app.get("/api/cases/{doc_id}", responses={**ERRORS, 404: {"description": "no such document"}})
    def case(doc_id: str, request: Request, user: User = Depends(allow("cases"))) -> dict:
        """One stored case; persons and ID numbers masked unless the role may see them."""
        store = workspace.store()
        try:
            doc = store.get(doc_id)
        finally:
            store.close()
        if doc is None:
            audited(request, user, {"doc_id": doc_id}, 404)
            raise HTTPException(404, f"no document {doc_id!r}")
        keep = {"dispute_type", "outcome", "committee", "date", "channel", "laws", "level", "status"}
        out = {"id": doc.id, "title": doc.title, "kind": doc.kind, "region": doc.region, "published": doc.published,
               "text": doc.text, "metadata": {k: v for k, v in doc.metadata.items() if k in keep},
               "masked": not user.sees_personal_data}
        if user.sees_personal_data:
            out["metadata"] = doc.metadata
        else:
            out["text"] = _mask(doc.text)
            out["title"] = _mask(doc.title) if doc.title else doc.title
        audited(request, user, {"doc_id": doc_id})
        return out

    @app.get("/api/audit", responses=ERRORS)
    def audit(limit: int = 100, user: User = Depends(allow("audit"))) -> dict:
        """The latest audit records (admin only)."""
        return {"records": users.audit_log(limit=min(max(limit, 1), 1000))}

    @app.get("/", include_in_schema=False)
    def page():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
