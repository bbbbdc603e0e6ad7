"""Audit 5: one caller's number written the ways people write it links one party (full-width digits from a
Chinese input method; a landline's local number in two groups, （028）8555-1234, which was read as an
extension and cut to 0288555), and a full-width number is masked in a summary."""
from datetime import date

from fazhi.scan.parties import identifiers, repeat_parties
from fazhi.scan.scanner import Post, scan


def test_full_width_mobile_is_the_same_number():
    assert identifiers("再次反映噪音，电话１３９８２２０１７４６") == {("phone", "13982201746")}
    recs = [("a", "电话13982201746", {}), ("b", "回电１３９８２２０１７４６", {}), ("c", "139-8220-1746", {})]
    assert [p["ids"] for p in repeat_parties(recs)] == [["a", "b", "c"]]


def test_landline_local_number_in_two_groups_is_not_an_extension():
    for written in ("（028）8555-1234", "028-8555-1234", "(028)8555-1234"):
        assert identifiers("座机" + written) == {("phone", "02885551234")}, written
    # an extension after a complete number is still dropped
    assert identifiers("电话0571-88886666-123") == {("phone", "057188886666")}
    assert identifiers("电话（028）85551234-8") == {("phone", "02885551234")}


def test_full_width_id_number():
    assert identifiers("身份证５１０１０６１９８００３１５２２１Ｘ") == {("id_card", "51010619800315221X")}


def test_full_width_number_is_masked_in_summaries():
    text = "楼上噪音还是没人管，半夜跑步机响到两点，我的电话１３９８２２０１７４６，请回电。"
    posts = [Post(f"p{i}", text + "！" * i, date(2026, 3, 1 + i), "金牛区") for i in range(3)]
    r = scan(posts)
    summaries = [c["summary"] for c in r["clusters"]]
    assert summaries and all("8220" not in s and "８２２０" not in s for s in summaries), summaries
    assert "139****1746" in summaries[0]
