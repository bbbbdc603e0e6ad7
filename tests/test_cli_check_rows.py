"""`fazhi check` of a .jsonl of several documents: the table names each row, as the JSON does with "id"."""
import json

from click.testing import CliRunner

from fazhi.cli import cli


def test_check_of_several_rows_names_each_row_in_the_table(tmp_path):
    f = tmp_path / "drafts.jsonl"
    rows = [{"id": "d1", "text": "依据《中华人民共和国合同法》第六十条制定本通知。"},
            {"id": "d2", "text": "依据《中华人民共和国合同法》第六十条制定本通知。另：自2024年2月30日起施行。"}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["--home", str(tmp_path / "ws"), "check", str(f)])
    assert r.exit_code == 1, r.output
    heads = [line for line in r.stdout.splitlines() if not line.startswith(" ")]
    assert [h.split(": ", 1)[0] for h in heads] == [f"{f}#d1", f"{f}#d2"]
    js = CliRunner().invoke(cli, ["--home", str(tmp_path / "ws"), "check", str(f), "--json"])
    assert [x["id"] for x in json.loads(js.stdout)] == ["d1", "d2"]


def test_check_of_one_file_keeps_the_plain_file_name(tmp_path):
    f = tmp_path / "draft.txt"
    f.write_text("依据《中华人民共和国合同法》第六十条制定本通知。", encoding="utf-8")
    r = CliRunner().invoke(cli, ["--home", str(tmp_path / "ws"), "check", str(f)])
    assert r.exit_code == 1 and r.stdout.startswith(f"{f}: ")
