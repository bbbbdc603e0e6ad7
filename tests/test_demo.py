"""`fazhi demo --json`, the main job, end to end through the real entry point: every stage runs and
finds what the bundled samples hold."""
import json
import subprocess
import sys


def test_demo_runs_every_stage_and_finds_the_known_answers(tmp_path):
    r = subprocess.run([sys.executable, "-m", "fazhi", "demo", "--keep", str(tmp_path / "ws"), "--json"],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-2000:]
    d = json.loads(r.stdout)
    assert list(d) == ["corpus", "crawl", "ocr", "nlp", "graph", "index", "scan"]
    assert d["corpus"]["store"]["by_kind"] == {"post": 300, "mediation": 60, "regulation": 52}
    assert d["crawl"]["documents"] > 408
    assert d["ocr"]["pages"] == 1 and d["ocr"]["zero_recovered_lines"] >= 1
    assert d["nlp"]["citations"] > 500 and d["nlp"]["entities"]["PERSON"] > 100
    codes = {f["code"] for f in d["graph"]["check"]["findings"]}
    assert {"CITE_REPEALED", "CITE_NO_SUCH_ARTICLE", "NORMATIVE_SETS_PENALTY", "INTERNAL_REF_MISSING"} <= codes
    assert d["index"]["top_hits"][0] == "med-003" and d["index"]["dispute_type"] == "邻里"
    assert d["scan"]["alerts"] >= 3 and d["scan"]["clusters"] == 2 and d["scan"]["repeat_parties"] == 3
    assert (tmp_path / "ws" / "scan_report.html").exists()


def test_demo_says_it_does_not_use_the_home_given(tmp_path):
    home = tmp_path / "my-workspace"
    r = subprocess.run([sys.executable, "-m", "fazhi", "--home", str(home), "demo", "--stage", "corpus", "--json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert f"not in {home}" in r.stderr and "--keep" in r.stderr
    assert not (home / "store.sqlite").exists()  # the sample data did not land in the user's workspace
