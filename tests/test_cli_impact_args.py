"""`fazhi graph impact` arguments that mean nothing are usage errors, not answers."""
from click.testing import CliRunner

from fazhi.cli import cli


def test_empty_title_and_depth_below_one_are_usage_errors(tmp_path):
    home = str(tmp_path / "ws")  # no graph: arguments are checked before it is needed
    for title in ("", "  ", "《》"):
        r = CliRunner().invoke(cli, ["--home", home, "graph", "impact", title])
        assert r.exit_code == 2 and "give a law's title" in r.stderr, r.output  # before: "fazhi: error: : not in …"
    for depth in ("0", "-1"):
        r = CliRunner().invoke(cli, ["--home", home, "graph", "impact", "民法典", "--depth", depth])
        assert r.exit_code == 2 and "--depth" in r.stderr, r.output  # before: answered as --depth 1
    r = CliRunner().invoke(cli, ["--home", home, "graph", "impact", "人民调解法", "--depth", "1"])
    assert r.exit_code == 1 and "fazhi graph build" in r.stderr, r.output  # accepted; only the graph is missing
