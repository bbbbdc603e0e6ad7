"""The mediators' and reviewers' web page and JSON API (see :func:`fazhi.web.app.create_app`)."""
from __future__ import annotations

__all__ = ["create_app", "UserStore"]


def __getattr__(name):
    if name == "create_app":
        from fazhi.web.app import create_app

        return create_app
    if name == "UserStore":
        from fazhi.web.auth import UserStore

        return UserStore
    raise AttributeError(name)
