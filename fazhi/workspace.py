"""Where fazhi keeps its data: one workspace directory per user or project.

The directory is chosen by ``--home DIR``, else ``$FAZHI_HOME``, else ``./fazhi-data``. Each stage keeps
its files in a subdirectory so they can be deleted and rebuilt independently::

    fazhi-data/
      store.sqlite      the corpus store (documents, versions, annotations)
      graph/            the law registry and citation graph
      index/            dense and lexical indexes, embedding cache
      models/           user-trained models
      cache/            jieba's dictionary cache and other rebuildable caches
      config.json       workspace settings (search backend, model paths ...)
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Workspace", "default_home"]


def default_home() -> Path:
    return Path(os.environ.get("FAZHI_HOME") or "fazhi-data")


@dataclass
class Workspace:
    home: Path

    def __init__(self, home: str | os.PathLike | None = None):
        self.home = Path(home) if home else default_home()

    def __repr__(self):
        return f"<Workspace {self.home}>"

    def subdir(self, name: str, create: bool = True) -> Path:
        p = self.home / name
        if create:
            p.mkdir(parents=True, exist_ok=True)
        return p

    @property
    def store_path(self) -> Path:
        return self.home / "store.sqlite"

    @property
    def graph_dir(self) -> Path:
        return self.subdir("graph")

    @property
    def index_dir(self) -> Path:
        return self.subdir("index")

    @property
    def models_dir(self) -> Path:
        return self.subdir("models")

    @property
    def cache_dir(self) -> Path:
        return self.subdir("cache")

    @property
    def config_path(self) -> Path:
        return self.home / "config.json"

    def config(self) -> dict:
        try:
            return json.loads(self.config_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def set_config(self, **values) -> dict:
        cfg = self.config()
        cfg.update(values)
        self.home.mkdir(parents=True, exist_ok=True)
        tmp = self.config_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(cfg, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.config_path)
        return cfg

    def store(self):
        """Open the corpus store of this workspace."""
        from fazhi.corpora.store import Store

        return Store(self.store_path)
