"""The bundled sample data under fazhi/corpora/data: law texts, mediation dossiers, posts, answer key."""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from fazhi.numerals import cn_to_int

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "fazhi" / "corpora" / "data"
LAWS = DATA / "laws"
SHARED_LAWS = ROOT / ".." / "shared" / "data" / "laws"

TAXONOMY = {"婚姻家庭", "邻里", "房屋宅基地", "合同", "生产经营", "损害赔偿", "山林土地", "劳动争议", "征地拆迁",
            "环境污染", "医疗", "物业", "交通事故", "消费", "借贷", "其他"}
COMMON_TYPES = ["邻里", "婚姻家庭", "房屋宅基地", "劳动争议", "物业", "消费", "交通事故", "医疗", "借贷", "山林土地",
                "合同", "损害赔偿", "征地拆迁", "环境污染", "生产经营"]
HANGZHOU = {"上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区"}
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CITE_RE = re.compile(r"《([^》]+)》第([零〇一二两三四五六七八九十百千]+)条")
ARTICLE_RE = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条[\s　]")


def id_valid(number: str) -> bool:
    """GB 11643 checksum and a real birth date."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    check = "10X98765432"[sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS)) % 11]
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return number[17] == check


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def manifest() -> list[dict]:
    with open(LAWS / "manifest.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def articles(manifest) -> dict[str, set[int]]:
    """Short law title (without 中华人民共和国) -> article numbers, over every bundled text."""
    out: dict[str, set[int]] = {}
    for row in manifest:
        text = (LAWS / row["path"]).read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].lstrip("# ").strip().removeprefix("中华人民共和国")
        nums = {cn_to_int(m.group(1)) for line in text.splitlines() if (m := ARTICLE_RE.match(line))}
        out.setdefault(title, set()).update(nums)
    return out


@pytest.fixture(scope="module")
def dossiers() -> list[dict]:
    return read_jsonl(DATA / "mediation.jsonl")


@pytest.fixture(scope="module")
def posts() -> list[dict]:
    return read_jsonl(DATA / "posts.jsonl")


@pytest.fixture(scope="module")
def answers() -> dict:
    return json.loads((DATA / "posts_answers.json").read_text(encoding="utf-8"))


# ---- law texts ----------------------------------------------------------------------------------

def test_laws_manifest_lists_every_file(manifest):
    assert list(manifest[0]) == ["path", "title", "level", "publish", "valid_from", "lawrefbook_flag", "version"]
    listed = {row["path"] for row in manifest}
    on_disk = {p.relative_to(LAWS).as_posix() for p in LAWS.rglob("*.md")}
    assert listed == on_disk
    assert 25 <= len(listed) <= 60  # a small corpus: the package stays under 4 MB of law text
    assert sum((LAWS / p).stat().st_size for p in listed) < 4 * 1024 * 1024


def test_laws_are_lawrefbook_markdown(manifest):
    for row in manifest:
        text = (LAWS / row["path"]).read_text(encoding="utf-8")
        assert text.startswith("# "), row["path"]
        assert "<!-- INFO END -->" in text, row["path"]
        assert re.search(r"^第[零一二三四五六七八九十百千]+条", text, re.M), row["path"]


def test_laws_cover_the_required_titles(manifest):
    titles = {row["title"] for row in manifest}
    for required in ["人民调解法", "行政处罚法", "行政许可法", "行政强制法", "立法法", "行政复议法", "信访工作条例",
                     "信访条例", "物业管理条例", "劳动争议调解仲裁法", "劳动合同法", "消费者权益保护法", "道路交通安全法",
                     "治安管理处罚法", "医疗纠纷预防和处理条例", "土地管理法", "农村土地承包法",
                     "农村土地承包经营纠纷调解仲裁法", "民事诉讼法", "法规规章备案条例", "规章制定程序条例",
                     "社会保险法", "个人信息保护法",
                     # the law of noise, house-expropriation and elderly-support disputes, which plans cite
                     "噪声污染防治法", "国有土地上房屋征收与补偿条例", "老年人权益保障法"]:
        assert required in titles, required
    books = {row["path"] for row in manifest if row["path"].startswith("民法典/")}
    assert len(books) == 8
    assert any(row["level"] == "地方性法规" and "上海" in row["path"] for row in manifest)
    assert any(row["level"] == "地方性法规" and "浙江" in row["path"] for row in manifest)
    # two versions kept for the repeal / version checks
    assert Counter(row["title"] for row in manifest)["立法法"] == 2
    # the repealed 环境噪声污染防治法 beside its successor, so the registry knows it is no longer the law
    assert {row["title"]: row["lawrefbook_flag"] for row in manifest}["环境噪声污染防治法"] == "expired"


def test_laws_are_verbatim_copies(manifest):
    if not SHARED_LAWS.is_dir():
        pytest.skip("../shared/data/laws not available")
    for row in manifest:
        assert (LAWS / row["path"]).read_bytes() == (SHARED_LAWS / row["path"]).read_bytes(), row["path"]


# ---- mediation dossiers -------------------------------------------------------------------------

DOSSIER_KEYS = ["id", "title", "kind", "dispute_type", "region", "date", "committee", "parties", "facts", "process",
                "agreement", "outcome", "laws", "text", "synthetic"]


def test_dossier_fields(dossiers):
    assert 55 <= len(dossiers) <= 65
    ids = [d["id"] for d in dossiers]
    assert len(set(ids)) == len(ids)
    for d in dossiers:
        assert list(d) == DOSSIER_KEYS, d["id"]
        assert re.fullmatch(r"med-\d{3}", d["id"])
        assert d["kind"] == "mediation" and d["synthetic"] is True
        assert d["title"].endswith("调解案")
        assert d["dispute_type"] in TAXONOMY
        assert re.fullmatch(r".+[市州盟](.+[区县市旗])?", d["region"]), d["region"]
        assert 2021 <= dt.date.fromisoformat(d["date"]).year <= 2025
        assert d["committee"].endswith("人民调解委员会")
        assert d["outcome"] in {"调解成功", "调解不成", "部分达成"}
        assert d["laws"] and all(CITE_RE.fullmatch(c) for c in d["laws"]), d["id"]
        for field in ("facts", "process", "agreement"):
            assert len(d[field]) >= 40, (d["id"], field)
        assert 400 <= len(d["text"]) <= 1200, (d["id"], len(d["text"]))


def test_dossier_parties(dossiers):
    for d in dossiers:
        roles = {p["role"] for p in d["parties"]}
        assert roles == {"申请人", "被申请人"}, d["id"]
        for p in d["parties"]:
            assert p["name"] and p["name"] in d["text"], (d["id"], p["name"])
            if "phone" in p:
                assert re.fullmatch(r"1[3-9]\d000\d{5}", p["phone"]), "sample phones have 000 after the prefix"
                assert p["phone"] in d["text"]
            if "id_card" in p:
                assert id_valid(p["id_card"]), p["id_card"]
                assert p["id_card"][14:16] == "99", "sample ID numbers use the reserved sequence 99x"
                assert p["id_card"] in d["text"]


def test_dossier_text_carries_what_extractors_need(dossiers):
    for d in dossiers:
        text = d["text"]
        assert text.startswith(d["title"])
        y, m, day = d["date"].split("-")
        assert f"{int(y)}年{int(m)}月{int(day)}日" in text
        for cite in d["laws"]:
            assert cite in text
        for field in ("facts", "process", "agreement"):
            assert d[field] in text
    with_money = sum(bool(re.search(r"\d[\d,.]*\s*万?元", d["agreement"])) for d in dossiers)
    assert with_money >= 50


def test_dossier_types_and_outcomes_vary(dossiers):
    types = Counter(d["dispute_type"] for d in dossiers)
    for t in COMMON_TYPES:
        assert types[t] >= 3, t
    outcomes = Counter(d["outcome"] for d in dossiers)
    assert outcomes["调解不成"] >= 2 and outcomes["部分达成"] >= 3
    assert len({d["region"] for d in dossiers}) >= 20
    # not one template: facts do not share their opening
    assert len({d["facts"][:20] for d in dossiers}) == len(dossiers)


def test_dossier_citations_exist_in_bundled_laws(dossiers, articles):
    for d in dossiers:
        for cite in d["laws"]:
            m = CITE_RE.fullmatch(cite)
            law = m.group(1).removeprefix("中华人民共和国")
            assert law in articles, f"{d['id']}: {law} is not bundled"
            assert cn_to_int(m.group(2)) in articles[law], f"{d['id']}: {cite} does not exist"


# ---- posts ----------------------------------------------------------------------------------------

def test_post_fields(posts):
    assert 280 <= len(posts) <= 320
    ids = [p["id"] for p in posts]
    assert ids == [f"post-{i:04d}" for i in range(1, len(posts) + 1)]
    dates = [dt.date.fromisoformat(p["date"]) for p in posts]
    assert dates == sorted(dates)
    assert (max(dates) - min(dates)).days <= 90
    for p in posts:
        assert set(p) <= {"id", "date", "district", "channel", "title", "text", "reply", "synthetic"}
        assert p["district"] in HANGZHOU
        assert p["channel"] in {"12345热线", "留言板", "微博"}
        assert 30 <= len(p["text"]) <= 200, p["id"]
        assert p["synthetic"] is True
    assert {p["district"] for p in posts} == HANGZHOU
    assert sum("reply" in p for p in posts) >= 30
    assert len({p["text"] for p in posts}) == len(posts)


def test_post_answer_key_is_consistent(posts, answers):
    by_id = {p["id"]: p for p in posts}
    assert set(answers["types"]) == set(by_id)
    assert set(answers["types"].values()) <= TAXONOMY
    for burst in answers["bursts"]:
        assert len(burst["ids"]) >= 10
        for pid in burst["ids"]:
            post = by_id[pid]
            assert post["district"] == burst["district"]
            assert burst["start"] <= post["date"] <= burst["end"]
            assert answers["types"][pid] == burst["type"]
        # the burst stands out: outside its window that type × district is rare
        outside = [p for p in posts if answers["types"][p["id"]] == burst["type"]
                   and p["district"] == burst["district"] and p["id"] not in burst["ids"]]
        assert len(outside) <= 6
    for cluster in answers["clusters"]:
        assert len(cluster["ids"]) >= 8


def _shingles(text: str) -> set[str]:
    t = re.sub(r"\W", "", text)
    return {t[i:i + 3] for i in range(len(t) - 2)}


def test_near_duplicate_clusters_are_separable(posts, answers):
    sh = {p["id"]: _shingles(p["text"]) for p in posts}
    jac = lambda a, b: len(sh[a] & sh[b]) / len(sh[a] | sh[b])  # noqa: E731
    clustered = set()
    for cluster in answers["clusters"]:
        ids = cluster["ids"]
        clustered |= set(ids)
        assert min(jac(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]) >= 0.5
    others = [p["id"] for p in posts if p["id"] not in clustered]
    worst = max(jac(a, b) for i, a in enumerate(others) for b in others[i + 1:])
    assert worst < 0.45


def test_repeat_parties(posts, answers, dossiers):
    by_id = {p["id"]: p for p in posts}
    parties = {p.get("phone"): d["id"] for d in dossiers for p in d["parties"] if p.get("phone")}
    linked = 0
    for person in answers["repeat_parties"]:
        assert len(person["ids"]) >= 3
        with_phone = [pid for pid in person["ids"] if person["phone"] in by_id[pid]["text"]]
        assert len(with_phone) >= 3 or len(with_phone) == len(person["ids"]) - 1
        assert sum(person["phone"] in p["text"] for p in posts) == len(with_phone)
        if person.get("dossier"):
            assert parties.get(person["phone"]) == person["dossier"]
            linked += 1
        if person.get("id_card"):
            assert id_valid(person["id_card"])
            assert any(person["id_card"] in by_id[pid]["text"] for pid in person["ids"])
    assert linked >= 1


def test_risk_cues(posts, answers):
    by_id = {p["id"]: p for p in posts}
    risk = answers["risk"]
    assert len(risk["positive"]) >= 8 and len(risk["negated"]) >= 5 and len(risk["hypothetical"]) >= 5
    assert not set(risk["positive"]) & set(risk["negated"])
    for pid in risk["negated"]:
        assert re.search(r"没有|不会|并没有|没想过", by_id[pid]["text"]), pid
    for pid in risk["hypothetical"]:
        assert re.search(r"如果|要是|假如|再不", by_id[pid]["text"]), pid
    # the wage burst carries real escalation cues
    wage = next(b for b in answers["bursts"] if b["type"] == "劳动争议")
    assert len(set(wage["ids"]) & set(risk["positive"])) >= 5


def test_readme_states_provenance():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme and "第五条" in readme


def test_posts_are_reproducible_from_the_generator(posts):
    """scripts/make_samples.py regenerates posts.jsonl exactly (fixed seed), so the file and its key stay in sync."""
    import importlib.util

    script = ROOT / "scripts" / "make_samples.py"
    if not script.is_file():
        pytest.skip("scripts/ not present (installed package)")
    spec = importlib.util.spec_from_file_location("make_samples", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    regenerated, key = mod.make_posts()
    assert regenerated == posts

