"""Site profiles: the YAML files that describe a list → detail site for the generic spiders.

The format is documented in :mod:`fazhi.crawlers.spiders.generic` and docs/crawlers.md. This module
does not import Scrapy, so a profile can be checked before a crawl process starts.

Examples:
    >>> p = load_profile("posts")
    >>> p["kind"], p["start_urls"]
    ('post', ['{base_url}/board/list_1.html'])
"""
from __future__ import annotations

import os
from pathlib import Path

from fazhi.crawlers.items import ITEM_CLASSES
from fazhi.errors import ParseError

__all__ = ["load_profile", "PROFILES_DIR", "bundled_profiles"]

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"


def bundled_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yaml"))


def load_profile(profile: str | os.PathLike | dict) -> dict:
    """Read and check a site profile (a path, a bundled profile's name, or a dict).

    Raises:
        ParseError: when the file is missing or the profile lacks start_urls / detail fields.
    """
    if isinstance(profile, dict):
        data, where = dict(profile), "<profile>"
    else:
        import yaml

        path = Path(profile)
        if not path.exists() and (PROFILES_DIR / f"{profile}.yaml").exists():
            path = PROFILES_DIR / f"{profile}.yaml"
        where = str(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            names = ", ".join(bundled_profiles())
            raise ParseError(f"{where}: no such site profile (bundled profiles: {names})") from None
        except yaml.YAMLError as e:
            raise ParseError(f"{where}: not valid YAML ({' '.join(str(e).split())})") from None
    if not isinstance(data, dict):
        raise ParseError(f"{where}: a site profile is a YAML mapping")
    if not data.get("start_urls"):
        raise ParseError(f"{where}: the profile needs start_urls")
    if not (data.get("detail") or {}).get("fields"):
        raise ParseError(f"{where}: the profile needs detail.fields")
    kind = data.get("kind", "other")
    if kind not in ITEM_CLASSES:
        raise ParseError(f"{where}: kind {kind!r} is not one of {', '.join(ITEM_CLASSES)}")
    for name, spec in data["detail"]["fields"].items():
        sel = spec.get("selector") if isinstance(spec, dict) else spec
        if not isinstance(sel, str) or not sel.strip():
            raise ParseError(f"{where}: field {name!r} needs a selector")
    lst = data.get("list") or {}
    if lst.get("fields") and not lst.get("row"):
        raise ParseError(f"{where}: list.fields are read within each list.row: give list.row (e.g. \"css:table tr\")")
    for name, spec in (lst.get("fields") or {}).items():
        sel = spec.get("selector") if isinstance(spec, dict) else spec
        if not isinstance(sel, str) or not sel.strip():
            raise ParseError(f"{where}: list field {name!r} needs a selector")
    data["_where"] = where
    return data
