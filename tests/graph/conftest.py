"""Shared fixtures for the graph tests: a registry and graph built once from the bundled law samples."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "fazhi" / "corpora" / "data" / "laws"
FIXTURES = ROOT / "tests" / "fixtures" / "graph"
SHARED_LAWS = ROOT / ".." / "shared" / "data" / "laws"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    from fazhi.graph.build import build_from_paths, save_graph

    b = build_from_paths([SAMPLES], workers=1)
    d = tmp_path_factory.mktemp("graph")
    save_graph(b, d)
    b.directory = d
    return b


@pytest.fixture(scope="session")
def registry(built):
    return built.registry


@pytest.fixture(scope="session")
def dupes(built):
    return built.dupes


@pytest.fixture(scope="session")
def graph_home(tmp_path_factory, built):
    """A workspace whose graph/ holds the bundled-sample build (for CLI tests)."""
    import shutil

    home = tmp_path_factory.mktemp("home")
    shutil.copytree(built.directory, home / "graph")
    return home
