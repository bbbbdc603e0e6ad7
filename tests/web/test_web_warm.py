"""``fazhi serve`` warms the app: the first draft check must not build the law registry inside the request."""
from __future__ import annotations

import pytest


def test_warm_loads_the_registry(web_workspace):
    pytest.importorskip("fastapi")
    from fazhi.web.app import _Services

    services = _Services(web_workspace)
    assert services._registry is None
    services.warm()
    reg, _dupes = services._registry
    assert len(reg) > 0
