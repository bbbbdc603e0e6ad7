"""Paths of the sample data bundled with fazhi (see fazhi/corpora/data/README.md)."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["data_dir", "sample_paths"]


def data_dir() -> Path:
    return Path(str(files("fazhi.corpora") / "data"))


def sample_paths() -> dict[str, tuple[Path, str]]:
    """{name: (path, kind)} for the bundled laws, mediation dossiers and posts."""
    d = data_dir()
    return {"laws": (d / "laws", "regulation"), "mediation": (d / "mediation.jsonl", "mediation"),
            "posts": (d / "posts.jsonl", "post")}
