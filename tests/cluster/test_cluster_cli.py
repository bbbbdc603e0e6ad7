"""`fazhi index build --backend opensearch --url` and `fazhi search` on the cluster, through the CLI."""
import json

import pytest
from click.testing import CliRunner

pytest.importorskip("opensearchpy")

from fazhi.cli import cli


def test_build_then_search_uses_the_workspace_backend(cluster_url, tmp_path):
    from fazhi.corpora.samples import sample_paths

    home = str(tmp_path / "ws")
    run = CliRunner().invoke
    path, kind = sample_paths()["mediation"]
    assert run(cli, ["--home", home, "ingest", str(path), "--kind", kind]).exit_code == 0
    r = run(cli, ["--home", home, "index", "build", "--backend", "opensearch", "--url", cluster_url,
                  "--kind", "mediation", "--model", "use-m3", "--json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["documents"] == summary["added"] == 60
    again = json.loads(run(cli, ["--home", home, "index", "build", "--json"]).output)
    assert (again["backend"], again["added"], again["unchanged"]) == ("opensearch", 0, 60)
    r = run(cli, ["--home", home, "search", "楼上卫生间漏水，楼下天花板被泡坏", "-k", "3", "--json"])
    assert r.exit_code == 0, r.output
    hits = json.loads(r.output)["hits"]
    assert len(hits) == 3 and all(h["doc_id"].startswith("med-") for h in hits)
    assert any("漏水" in h["title"] + h["snippet"] for h in hits)
    r = run(cli, ["--home", home, "search", "拖欠工资", "--filter", "dispute_type=劳动争议", "--mode", "lexical",
                  "--json"])
    hits = json.loads(r.output)["hits"]
    from fazhi.workspace import Workspace

    store = Workspace(home).store()
    assert hits and {store.get(h["doc_id"]).metadata["dispute_type"] for h in hits} == {"劳动争议"}


def test_cluster_backend_needs_a_url(tmp_path):
    r = CliRunner().invoke(cli, ["--home", str(tmp_path), "search", "x", "--backend", "opensearch"])
    assert r.exit_code == 2 and "needs --url" in r.output
