"""Users, roles, tokens and the audit log of the web API, in ``web.sqlite`` in the workspace.

Tokens are random (``secrets.token_urlsafe``) and only their SHA-256 is stored: a copied database does
not give access. A token expires after ``DEFAULT_TOKEN_DAYS`` days unless issued with another term
(``days=None``: never); renewing (``add`` again) issues a new token with a new term. Roles decide which
endpoints a user may call and whether persons and ID numbers in stored cases are shown or masked.

Examples:
    >>> users = UserStore(":memory:")
    >>> token = users.add("王调解员", "mediator")
    >>> users.authenticate(token).role, users.authenticate("wrong")
    ('mediator', None)
"""
from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from fazhi.document import utcnow

__all__ = ["ROLES", "PERMISSIONS", "UNMASKED_ROLES", "DEFAULT_TOKEN_DAYS", "User", "UserStore"]

ROLES = ("mediator", "reviewer", "admin")
# endpoint group -> roles allowed
PERMISSIONS = {
    "search": {"mediator", "reviewer", "admin"},
    "plan": {"mediator", "admin"},
    "check": {"reviewer", "admin"},
    "extract": {"mediator", "reviewer", "admin"},
    "cases": {"mediator", "reviewer", "admin"},
    "audit": {"admin"},
}
# roles that see persons and ID numbers of stored cases unmasked
UNMASKED_ROLES = {"admin"}
# how long a token works unless issued with another term: half a year, so that a token left behind by
# someone who moved on stops working without anyone having to remember it
DEFAULT_TOKEN_DAYS = 180


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def may(self, action: str) -> bool:
        return self.role in PERMISSIONS.get(action, set())

    @property
    def sees_personal_data(self) -> bool:
        return self.role in UNMASKED_ROLES


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class UserStore:
    """Users and the audit log. ``path`` is a SQLite file (``":memory:"`` for tests)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript("""
            CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS users_token ON users(token_hash);
            CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT, role TEXT,
                method TEXT, path TEXT, status INTEGER, detail TEXT);
        """)
        # web.sqlite files made before tokens expired have no expires_at column: their tokens keep working
        # (NULL = no expiry) until renewed
        if "expires_at" not in {r[1] for r in self._db.execute("PRAGMA table_info(users)")}:
            self._db.execute("ALTER TABLE users ADD COLUMN expires_at TEXT")
        self._lock = threading.Lock()

    @classmethod
    def for_workspace(cls, workspace) -> "UserStore":
        return cls(Path(workspace.home) / "web.sqlite")

    def add(self, name: str, role: str, days: int | None = DEFAULT_TOKEN_DAYS) -> str:
        """Create a user (or give an existing one a new token and role); returns the new token.

        The token works for ``days`` days from now (``None``: until renewed or removed).
        """
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; choose one of: {', '.join(ROLES)}")
        name = " ".join(name.split())  # " 王调解员" and "王调解员" are one user
        if not name:
            raise ValueError("a user needs a name")
        if days is not None and days <= 0:
            raise ValueError(f"a token's term must be at least one day, not {days}")
        token = secrets.token_urlsafe(24)
        now = datetime.now(timezone.utc).replace(microsecond=0)
        expires = (now + timedelta(days=days)).isoformat() if days is not None else None
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO users (name, role, token_hash, created_at, expires_at) "
                             "VALUES (?,?,?,?,?)", (name, role, _hash(token), now.isoformat(), expires))
        return token

    def remove(self, name: str) -> bool:
        with self._lock:
            return self._db.execute("DELETE FROM users WHERE name=?", (" ".join(name.split()),)).rowcount > 0

    def list(self) -> list[dict]:
        with self._lock:
            rows = self._db.execute("SELECT name, role, created_at, expires_at FROM users ORDER BY name").fetchall()
        now = utcnow()
        return [{"name": n, "role": r, "created_at": c, "expires_at": e, "expired": bool(e and e <= now)}
                for n, r, c, e in rows]

    def authenticate(self, token: str | None) -> User | None:
        """The user whose token this is, or None for a missing, unknown, removed or expired token."""
        if not token:
            return None
        with self._lock:
            row = self._db.execute("SELECT name, role, expires_at FROM users WHERE token_hash=?",
                                   (_hash(token),)).fetchone()
        if not row or (row[2] and row[2] <= utcnow()):  # both ISO-8601 UTC to the second: they sort as text
            return None
        return User(row[0], row[1])

    def audit(self, user: User | None, method: str, path: str, status: int, detail: dict | None = None) -> None:
        """Record who asked what and when (the request body summarised to 300 characters)."""
        with self._lock:
            self._db.execute(
                "INSERT INTO audit (at, user, role, method, path, status, detail) VALUES (?,?,?,?,?,?,?)",
                (utcnow(), user.name if user else None, user.role if user else None, method,
                 path if len(path) <= 300 else path[:299] + "…", status,
                 json.dumps(detail or {}, ensure_ascii=False)[:300]))

    def audit_log(self, limit: int = 100, user: str | None = None) -> list[dict]:
        sql = "SELECT at, user, role, method, path, status, detail FROM audit"
        args: tuple = ()
        if user:
            sql += " WHERE user=?"
            args = (" ".join(user.split()),)
        sql += " ORDER BY id DESC LIMIT ?"
        keys = ("at", "user", "role", "method", "path", "status", "detail")
        with self._lock:
            rows = self._db.execute(sql, (*args, limit)).fetchall()
        return [dict(zip(keys, row)) for row in rows]
