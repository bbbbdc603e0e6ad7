"""Escalation risk signals in dispute text: cues with severity, negation, hypotheticals and urgency.

A *cue* is a phrase that, in mediation and petition work, tends to come before a dispute escalates:
threats of violence or self-harm, 扬言, 上访 / 越级上访, 聚集 / 集体 action, 讨薪, 拉横幅, 堵路 ...
Each cue has a category and a severity (1 low, 2 medium, 3 high).

Cues are matched on a copy of the text folded character for character (traditional to simplified for the
characters the rules use, full-width digits and letters to ASCII: 上訪, １２３４５), so offsets stay the original's.

Context rules, applied to the clause (up to ，；。！？) and sentence around each cue:

* **Negation** (没有扬言, 不会去上访, 从未想过报复, 未发生肢体冲突): a negation word at most a few filler characters
  before the cue in the same clause. A negated cue is *not* a signal; it is listed under ``negated`` (with
  ``"reason": "negation"``) so an analyst can see it was read. Also listed there, not signals: a cue whose
  sentence goes on to say it was settled (去年上访过，后来问题已经解决了: ``"resolved"``) and a cue after a
  prohibition in its clause (信访人不得……聚集: ``"prohibition"``). A cue inside a title (《信访工作条例》) is a name.
* **Hypotheticals and conditional threats** (如果再不解决就去上访, 再不给钱我们就拉横幅, 否则……): the cue stays
  a signal, marked ``conditional`` and one severity step lower (never below 1). A conditional threat is a
  warning that has not been carried out yet: lower than an announced one, but still worth a call back.
  大不了 (大不了同归于尽, 大不了鱼死网破: "at worst, I will …") is resolve, not a condition: it is not lowered.
* **Urgency**: ``high`` for a non-conditional threat to life (self-harm, violence, a weapon in hand: 不想活了,
  要杀了他, 提着菜刀) whatever the wording of time; otherwise a near time (马上, 明天, 正在, 已经聚集 ...) gives
  ``high`` when it goes with a non-conditional cue of severity ≥ 2 and ``medium`` with any other signal; time
  pressure by itself (快过年了, 年关, 等不了) gives ``medium``, a plain day without a cue (今天去办了居住证) nothing;
  a date some days ahead (下周一集体去总部, 国庆期间赴京) gives ``medium`` with a non-conditional cue of severity
  ≥ 2; a threat to life made on a condition (再不给钱我就跳楼) is never ``low``.

The overall ``level`` is ``none`` (no signal), ``low`` (max severity 1), ``medium`` (2) or ``high`` (3);
escalation cues of two or more different categories raise it one step (a threat to gather *and* petition
is more than either cue; the context cues ``wage_arrears`` and ``complaint`` do not count for this).

Examples:
    >>> r = assess("工资拖欠半年了，如果再不解决，我们就集体去市政府上访")
    >>> r["level"], [(s["text"], s["severity"], s["conditional"]) for s in r["signals"]]
    ('medium', [('工资拖欠', 1, False), ('集体', 1, True), ('去市政府', 1, True), ('上访', 1, True)])
    >>> assess("我们没有扬言要上访，只想把钱要回来")["level"]
    'none'
    >>> r = assess("他扬言要和对方同归于尽")
    >>> r["level"], [s["cue"] for s in r["signals"]]
    ('high', ['threat', 'violence'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.scan.fold import fold_table

__all__ = ["CUES", "LEVELS", "assess", "assess_many", "level_of"]

LEVELS = ("none", "low", "medium", "high")

# (category, severity, regex). Longer, more specific patterns first: the scan takes the leftmost longest
# match at each position, so 越级上访 wins over 上访.
CUES: list[tuple[str, int, str]] = [
    ("self_harm", 3, r"跳楼(?!价|大甩卖|甩卖|大减价|清仓)|(?:楼顶|天台|楼上|桥上)跳下去|跳下去算了|想死(?![你您他她]|了你)"
                     r"|跳河|跳江|跳桥|自杀|轻生|寻死|喝农药|服毒|割腕|自焚|上吊|不想活|死给[你他她]们?看|以死相逼|一死了之|死在[你他她这]|绝食"
                     r"|跳下[去来](?!的)|活着没(?:意思|意义|盼头|劲)|活够了|死了算了|不如死了|一了百了|寻短见|做傻事|了结自己"
                     r"|喝药(?=死|自杀|了断|寻死)|(?:吃|喝|吞)了?药(?:就)?走了?算了"  # 今晚就吃药走了算了
                     r"|(?:农药|百草枯|敌敌畏|老鼠药|安眠药)(?:[^，,。；;！!？?]{0,10}?(?:喝|吞)(?:下去|下|了|掉)|下去)"
                     # 喝了半瓶敌敌畏, 吞了一把安眠药; not 吃了农药残留超标的菜, 每天吃安眠药才能睡
                     r"|(?:喝|吞|服)(?:了|下|掉)?(?:[半一两几整]?[瓶包把口杯]|些|点)?(?:农药|百草枯|敌敌畏|老鼠药|除草剂|安眠药)"
                     r"|吃(?:了|下|掉)?(?:[半一两整]?[瓶把]|几十片|一堆)安眠药"
                     # 我就死在村委会门口: a death announced at an office's door, not 我妈死在医院
                     r"|(?<=[就要])死在[\u4e00-\u9fff]{1,8}?(?:门口|大门|大厅|办公室|面前|跟前)"),
    ("violence", 3, r"同归于尽|(?:杀了|杀掉|宰了|砍了|捅了|打死|灭了|废了)(?:[你他她]们?|对方|[你他她]?全家|[\u4e00-\u9fff]{1,2}全家|这个?人|那个?人)"
                    r"|杀人|弄死|砍死|捅死|砍人|捅人|放火|纵火|烧了?(?:[你他她]们?|对方)(?:的|家)|炸了|炸掉|血债血偿|拼命(?=[了！!。，,？?…；;\s]|$)"
                    r"|拼个你死我活|鱼死网破|打断(?:[你他她我]们?|对方)的?(?:腿|手|胳膊)|把(?:[你他她我]们?|对方)(?:[\u4e00-\u9fff]{0,3}?[都全])?(?:打死|砍死|捅死|弄死|杀了)"
                    r"|把(?:[你他她]们?家的?|这个?|那个?)?[\u4e00-\u9fff]{0,3}?(?:工头|老板|老总|经理|村长|书记|主任|领导|邻居|房东|老公|老婆|前夫|前妻"
                    r"|丈夫|妻子|债主|医生|开发商|一家|全家|家人|狗东西|王八蛋|畜生)(?:打死|砍死|捅死|弄死|杀了|捅了|砍了|宰了|废了|做了)"
                    r"|找(?:几个|一帮|一伙|一群|一些|些|几十个)人(?:来|去)?(?:打|砍|捅|收拾|教训|修理)|找人(?:来|去)?(?:收拾|教训|修理)(?=[你他她]|对方)"
                    r"|血的代价|让(?:[你他她我]们?|对方)(?:的)?(?:全家|一家|家里人|家人)(?:都)?(?:不得安宁|鸡犬不宁|没好日子过)"
                    r"|(?:跟|和|与)[\u4e00-\u9fff]{1,4}?拼了(?=[，,。！!？?；;…\s]|$)|找人(?:打|砍|捅)"),
    ("weapon", 3, r"持刀|持械|(?:拿|提|拎|举|带|抱|扛|握|揣|挥舞|挥)着?(?:一把|把|一根|根)?"
                  r"(?:[\u4e00-\u9fff]{0,2}?(?:菜刀|砍刀|尖刀|刀子?|斧头?|铁棍|木棍|钢管|铁棒|木棒|球棒|棍子|棒子|铁锤|榔头|锄头|铁锹)"
                  r"|汽油|煤气罐|硫酸)(?![叉具架片])|汽油瓶"
                  # 买了汽油, 买了两桶汽油放家里, 要泼我硫酸; not 加油站的汽油 (a car is filled, not bought in cans)
                  r"|(?:买|(?<![配装储])备|准备|灌|囤|藏)(?:了|好)?(?:[一两几]?[桶瓶壶罐])?(?:汽油|柴油|硫酸)(?![车机价费卡灯泵锯]|发电|发动)"
                  r"|泼(?:[你他她我]们?|对方)?(?:一身|一脸)?(?:硫酸|汽油)"),
    ("revenge", 3, r"报复(?!性)|以牙还牙|让[你他她我]们?好看|走着瞧|不得好死"
                   r"|让(?:[你他她]们?|对方)[\u4e00-\u9fff]{0,4}?也?尝尝(?:这种|这个|什么叫)?(?:滋味|厉害|味道)"),
    ("extreme", 3, r"极端(?!天气|高温|低温|气候|寒冷|情况)|过激|走绝路|[逼走]上绝路|逼到绝路|铤而走险|(?:什么|啥)(?:事(?:情)?)?都(?:干|做)得出来"),
    ("threat", 2, r"扬言|威胁(?<!构成威胁)(?<!造成威胁)(?<!严重威胁)(?<!安全威胁)(?<!潜在威胁)"  # not 构成威胁 to health
                  r"|恐吓|放狠话|撂下狠话|放出狠话|放话|放出话来?|付出代价|跟[你他她]没完|不会放过|吃不了兜着走"
                  # 他跟那大夫没完, 找那家人算账, 秋后算账; not 吵个没完, 找会计算账
                  r"|(?:跟|和)(?:[你他她]们?|对方|那个?|这个?)[\u4e00-\u9fff]{0,3}?(?<![个得])没完(?=了|[，,。！!？?；;…\s]|$)"
                  r"|(?:找|跟|和)(?:[你他她]们?|对方|[那这]家人?|[他她]家|[他她]们家)算账|秋后算账"
                  r"|泼(?:红)?油漆"  # paint thrown at a door (not 泼粪施肥, manure on a vegetable bed)
                  r"|让[你他她我]们?(?:在[\u4e00-\u9fff]{1,4})?(?:待不下去|混不下去|呆不下去)|(?:收拾|教训|修理)(?:[你他她我]|对方)"),
    ("petition", 3, r"越级上访|进京上访|(?<!开车)(?<!驾车)(?<!车辆)(?<!货车)进京(?!证|务工|打工|看病|就医|读书|上学|旅游|工作|需要|要办)"
                    r"|去北京上访|赴京|赴省|(?:去|到|上|进)北京[^，,。；;！!？?]{0,8}?[，,]?[^，,。；;！!？?]{0,4}?(?:反映|告状|讨说法|上访|信访|喊冤)|(?:去|到|上)省(?:里|城|会|政府|委|信访局)(?:上访|信访|反映|讨说法|门口)"
                    r"|(?<=只能|只好|只有|就是|直接|干脆)(?:去|上|进|跑)北京(?![^，,。；;！!？?]{0,6}?(?:出差|旅游|看病|就医|上学|读书|打工|工作|发展|定居|探亲|过年|玩))(?=了|[，,。！!？?；;…\s]|$)"),
    ("petition", 2, r"上访|信访(?!人|条例|工作条例|事项|件)"
                    r"|到市政府|去市政府|去省政府|到省里|到区政府|去区政府|找政府|到政府门口|去政府门口|找领导讨说法"
                    r"|(?:住|睡|搬|躺|吃住)(?:到|进)[\u4e00-\u9fff]{0,3}?政府(?!宿舍|家属|小区|公寓|附近|旁边|对面)(?:去|里|门口|大院)?"  # 带着铺盖住到镇政府去
                    r"|(?:去|上)省(?:里|城)(?=了|[，,。！!？?；;…\s]|$)"),
    ("collective", 2, r"聚集(?<![蚊蝇虫鼠鸟]聚集)|集体(?<!村集体)(?!土地|经济|所有|资产|组织|管理|林地|山林|收益|户|宿舍|合同|更换|表决|投票|讨论|协商|学习|活动|婚礼|照|诉讼|起诉|仲裁)|群体(?<!弱势群体)(?<!特殊群体)(?<!困难群体)(?<!特定群体)|联名"
                      r"|(?:几十|十几|数十|[二三四五六七八九]十(?:多|余|几|来)?|上百|百余|[一两二三四五几数]百(?:多|余)?)(?:个|名|位|户|家|号)?"
                      r"(?:人|村民|工人|工友|农民工|员工|职工|业主|会员|学员|商户|车主|债主|储户|租户|户|家长?"
                      r"|快递员|快递小哥|骑手|外卖员|外卖小哥|司机|保安|保洁|环卫工|拆迁户|投资人|受害人|受害者|股东)"
                      r"|全村人?|(?:整|一|全|两|几)栋楼的?(?:人|住户|业主|居民)?(?:都|一起)(?:去|到)|(?:全|整个)小区的?(?:人|住户|业主|居民)(?:都|一起)(?:去|到)"
                      r"|全体(?:业主|工人|员工|职工|农民工|村民|商户|租户|司机|骑手|家长)(?!签字|同意|表决|投票|大会|会议|共有|所有|的?共同|合影|聚餐|体检|培训)"
                      r"|(?:(?<=大家)|(?<=我们)|(?<=咱们)|(?<=工友)|(?<=村民)|(?<=业主)|(?<=工人)|(?<=们))"
                      r"(?:说好?|商量好?|准备|约好|打算|决定)?了?(?:明天|后天|今天|今晚|周末|下周[一二三四五六日]?|这周[一二三四五六日末]?)?要?一起去"
                      # 家长群里一百多号人，打算周末一起去市场监管局: the plan in its own clause, the group named earlier
                      # in the sentence (checked in assess), an office or a demand after it
                      r"|(?:(?<=打算)|(?<=准备)|(?<=约好)|(?<=商量)|(?<=决定)|(?<=商量好))(?:明天|后天|周末|下周[一二三四五六日]?|这周[一二三四五六日末]?)?"
                      r"要?一起去(?=[^，,。；;！!？?]{0,6}(?:政府|局|委|办|信访|公司|总部|门店|开发商|售楼|物业|法院|讨|找|闹|堵|要钱|要说法))"
                      r"|集合(?!竞价|资金|信托|计划|理财|点|体|管理)"
                      # 村民们说了，…就一起去县里讨说法: the group named earlier in the sentence (checked in assess)
                      r"|(?<=[就都也还])一起去(?=[^，,。；;！!？?]{0,3}(?:政府|区里|县里|市里|省里|镇里|乡里|街道|信访|公司|工地|项目部"
                      r"|老板|开发商|售楼|物业|派出所|法院|学校|教育局|讨|找|闹|堵|要钱|要说法))"),
    ("wage_claim", 2, r"讨薪|讨要工资|讨要工钱|讨工钱|追讨工资|索要工资"),
    ("wage_arrears", 1, r"拖欠(?:[我你他她]们?的?)?工资|拖欠工钱|欠薪|工资拖欠|工钱拖欠|不发工资"
                        r"|(?:工资|工钱|薪水)(?:一直|还|都|迟迟|至今|到现在)?(?:没|未|不)(?:发|给|结)(?![展生现明])"),
    ("protest", 2, r"[拉挂打举](?:过|了|起了?|着|出)?(?:[“\"「『][^”\"」』]{1,20}[”\"」』]的?|写着[^，,。；;]{1,15}?的)?(?:横幅|条幅|白布)"
                  r"|(?:大门|厂门|校门|门口|路口|工地|道路|路)被[^，,。；;]{0,4}?(?:工人|工友|农民工|村民|业主|家属|群众|人)"
                  r"[^，,。；;]{0,6}?(?:堵|锁|封|拦)(?:了|住|上|死)|举牌|静坐|堵路|堵门|堵大门|围堵|拦车|堵工地|堵厂门"
                  r"|封路|占领(?!市场)|罢工|罢市|罢课|罢运|停工抗议|闹事|(?<![拥])堵(?![车塞])[\u4e00-\u9fff]{1,4}?的(?:路|大门)(?![段况口上])"
                  r"|把[\u4e00-\u9fff]{0,5}?(?:路|路口|厂门|大门|校门)给?(?:堵|封)(?:了|住|上|死)|堵了(?:路|路口|大门|厂门)"),
    ("fight", 2, r"打架|斗殴|动手(?!术|脚)|动起手|打起来|打了起来|[打干][了过]一架|打伤|打人|殴打|扭打"
                 r"|砸了(?![一个]?个?洞)|砸坏|砸车|冲突(?<!相冲突)(?<!利益冲突)(?<!时间冲突)|推搡|(?:打|揍)(?:[你他她我]|对方)一?顿"
                 r"|被(?:[你他她人]|对方)?打(?:了|伤|成|得|破)"
                 # 被村干部打了, 被城管打伤; not 被物业打了招呼, 被银行打了款
                 r"|被[\u4e00-\u9fff]{1,4}?打(?:了|伤|成|得|破)(?!招呼|电话|针|款|钱|卡|折|分|包|印|补丁|水漂|个)|被[\u4e00-\u9fff]{0,5}?推(?:倒|搡)|把(?:我|他|她|人)推倒"),
    ("media", 1, r"曝光|找媒体|找记者|发抖音|发到网上|闹到网上|网上发帖|发微博|舆论|热搜|闹大"),
    ("complaint", 1, r"投诉无门|多次投诉|反复投诉|市长热线|12345|一直没人管|没人管|讨说法|要说法"),
]

_NEG = r"(?:没有|没|不会|不要|不想|不打算|不准备|不是要|不至于|不再|并未|并没有|并没|从未|从没|从来没有?|绝不|决不|无意|未曾|尚未|未|不用|不必|别|不愿意?|不敢|没想过)"
_FILLER = (r"(?:再|去|要|会|想|打算|准备|敢|到|过|人|组织|一起|和|跟|[你我他她]们?|对方|大家|说|就|也|都|真的|真|想过|做出|做|干|搞|什么|任何"
           r"|那种|这种|那么|出|发生|出现|产生|引发|有|肢体|激烈的?|采取|把事情?|把事儿)*")
_NEG_BEFORE = re.compile(_NEG + _FILLER + r"$")
# a cue right after a negated cue (没扬言报复), or listed with it (没有威胁或恐吓, 不会堵路、拉横幅), is negated too
_FILLER_ONLY = re.compile(r"(?:[、/]|或者?|或是|还是|以及|及|和|与|也不会?|也没有?|更不会?|)" + _FILLER)
_COND = re.compile(r"如果|要是|假如|假使|假若|如若|若是|倘若|万一|一旦|再不|再这样|再拖|否则|不然|到时候?|逼急了|实在不行|不排除|可能会|迟早"
                   r"|(?<![说讲骂狠听])的话(?=[，,]|[^，,。；;！!？?]{0,3}?[就便])"  # 拿不到钱的话，我们就…; not 他说的话
                   r"|在不(?=给|发|还|解决|处理|管|赔|退)"  # the common typo of 再不
                   # the written 如 / 若 of hotline records (如得不到答复将……, 若本周内不处理将……), not 如今, 例如
                   r"|(?<![例比假不倘])[如若](?![今何此同实期下意])(?=[^，,。；;！!？?]{0,8}?(?:不|未|没|再|仍))")
# a rule quoted or stated (信访人不得……聚集, 严禁闹事): the cue names what is forbidden, not what anyone does
_PROHIBIT = re.compile(r"(?<![恨巴舍怪由记顾])不得(?![不了已])|禁止|严禁|不准|不许|不允许")
# the cue's sentence goes on to say it was settled (去年上访过，后来问题已经解决了): history, not a risk now
_RESOLVED = re.compile(r"(?:已经?|都已?|终于|后来|最后|早就|早已)[^，,。；;！!？?没未不]{0,8}?(?:解决|结清|处理好|化解|和解|和好|调解好|谈妥|到账|兑现"
                       r"|办结|发放到位|发放完毕|全部发放|补发|付清|还清|赔付到位|退还|签订(?:了)?(?:调解|和解)?协议|达成(?:了)?(?:调解|和解)?协议"
                       r"|履行(?:完毕|到位)?)"
                       r"|(?<![没未不])(?:解决|结清|处理好|化解|和解|和好|谈妥|办结)了")
# 12345 is a cue when called again and again or in vain, not in 如有疑问请拨打12345 or 市民通过12345反映
_AGAIN_BEFORE = re.compile(r"(?:次|反复|一直|天天|经常)[\u4e00-\u9fff]{0,3}$")
_IN_VAIN_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:没用|无果|未果|没人管|不管|没人理|打爆|没有回音|没结果)")
# 罢工 of a machine (空调罢工了, 楼道的灯也罢工了) is a breakdown
_MACHINE_BEFORE = re.compile(r"(?:灯|空调|电脑|手机|电梯|冰箱|洗衣机|热水器|机器|打印机|车|身体|胃|脑子)[也又都还]?$")
# 装修工人把防水层砸坏了, 被花盆砸坏, 树枝掉下来砸了车: damage by accident or a falling thing, a claim for damages,
# not violence between the parties (他把我家玻璃砸了, 砸了他的店 stay)
_ACCIDENT_BEFORE = re.compile(r"不小心|不慎|意外|失手|掉(?:下|落)|坠落|落下|倒下|刮倒|吹倒|坍塌|脱落|装修|施工|维修|搬家|吊装|干活"
                              r"|被(?:花盆|树枝?|石头|砖头?|瓷砖|玻璃|广告牌|招牌|空调外机|冰雹|高空|楼上)")
# 跳下去 / 跳下来 threatens a life from a height named earlier in the sentence (站到桥上说不给钱就跳下去), not from a slide
_HEIGHT = re.compile(r"楼|桥|天台|顶|窗|阳台|塔吊|吊车|高处|江|河|水库|悬崖|山崖|崖")
_GROUP_BEFORE = re.compile(r"[们]|大家|村民|工友|工人|农民工|业主|家长|商户|住户|乡亲|全村|全体")
_OFFICE_AFTER = re.compile(r"局|办|部门|窗口|中心|大厅|干部|工作人员|机构|接待")
_GOING_BEFORE = re.compile(r"(?:去|到|找|跑|赴|上|往|前往|找到|来到)(?:了|过|过了)?(?:[省市区县镇街道乡]{0,2}(?:里|的)?|[\u4e00-\u9fff]{0,4}?的?)$")
# a crowd at leisure (广场舞聚集了上百人, 几十个人排队) is no collective action
_LEISURE = re.compile(r"广场舞|跳舞|打牌|打麻将|下棋|遛狗|乘凉|纳凉|夜市|排队|游客|看热闹|围观|烧烤摊|摆摊"
                      r"|春游|秋游|旅游|旅行|出游|团建|爬山|研学|军训|升旗|上课|放学")
_PLAN = ("打算", "准备", "约好", "商量", "决定", "量好")  # the two characters before a planned 一起去
# a protest in the same clause: the crowd is not at leisure (夜市的摊主们集体罢市, 排队的家长们拉起横幅)
_ACTION = re.compile(r"罢工|罢市|罢课|罢运|静坐|横幅|条幅|堵路|堵门|围堵|上访|讨薪|讨说法|抗议|示威")
_URGENT = re.compile(r"马上|立刻|立即|今天|今晚|明天|明早|后天|正在|现在就|已经聚集|已经在|当场|紧急|十万火急|等不了|刻不容缓|快过年|年关|这几天|本周|眼看")
# time pressure by itself (快过年了，工资还没发), unlike a plain day (今天去办了居住证), which is urgent only with a cue
_PRESSURE = re.compile(r"紧急|十万火急|等不了|刻不容缓|快过年|年关|眼看")
# a date fixed for an action some days ahead (下周一集体去总部, 国庆期间赴京): not today, but a call back is due
_SOON = re.compile(r"下周|下星期|下个?礼拜|这周末|这个?周末|周末|月底|国庆|春节前|节前|年前|近期|近日|过几天")
_CLAUSE_BREAK = re.compile(r"[，,；;。！!？?\n]")
_SENT_BREAK = re.compile(r"[。！!？?\n]")

# Cues are matched on a folded copy of the text, character for character so that offsets stay the same
# (fazhi.scan.fold: full-width digits and letters to ASCII, OpenCC's unambiguous traditional characters to
# simplified: 跳樓, 上訪, 揚言, 討薪 ...), and four characters OpenCC leaves alone because simplified text uses
# them too, which the rules read in their traditional sense (拿著刀, 乾脆, 於是, 什麽).
_FOLD = {**fold_table(), **str.maketrans("著乾於麽", "着干于么")}

_ALL = re.compile("|".join(f"(?P<c{i}>{pat})" for i, (_, _, pat) in enumerate(CUES)))


@dataclass(frozen=True)
class _Cue:
    category: str
    severity: int


_GROUPS = {f"c{i}": _Cue(cat, sev) for i, (cat, sev, _) in enumerate(CUES)}


_CONTEXT = frozenset({"wage_arrears", "complaint"})  # describe the dispute, not an escalation step
_LIFE = frozenset({"self_harm", "violence", "weapon"})  # announced: urgent by themselves; conditional: medium


def level_of(signals: list[dict]) -> str:
    """The overall level for a list of signals (dicts with ``severity`` and ``cue``).

    >>> level_of([{"severity": 2, "cue": "petition"}]), level_of([])
    ('medium', 'none')
    >>> level_of([{"severity": 1, "cue": "petition"}, {"severity": 1, "cue": "collective"}])
    'medium'

    """
    if not signals:
        return "none"
    top = max(s["severity"] for s in signals)
    if top < 3 and len({s["cue"] for s in signals if s["cue"] not in _CONTEXT}) >= 2:
        top += 1
    return LEVELS[top]


def _clause_start(text: str, pos: int, pattern: re.Pattern) -> int:
    start = 0
    for m in pattern.finditer(text, 0, pos):
        start = m.end()
    return start


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos)
    return m.start() if m else len(text)


def _sentence_end(text: str, pos: int) -> int:
    m = _SENT_BREAK.search(text, pos)
    return m.start() if m else len(text)


def assess(text: str) -> dict:
    """Find risk signals in ``text``.

    Returns ``{"level", "signals": [{"text","start","end","cue","severity","conditional"}], "negated":
    [...same keys...], "urgency": "low"|"medium"|"high", "urgency_cues": [{"text","start","end"}]}``.
    Offsets are half-open character offsets into ``text``.
    """
    original, text = text, text.translate(_FOLD)  # same length: offsets are the original's
    signals, negated = [], []
    last_negated_end = -1
    has_title = "《" in text
    for m in _ALL.finditer(text):
        cue = _GROUPS[m.lastgroup]
        start, end = m.start(), m.end()
        clause = text[_clause_start(text, start, _CLAUSE_BREAK):start]
        sent_start = _clause_start(text, start, _SENT_BREAK)
        if has_title and text.rfind("《", 0, start) > text.rfind("》", 0, start):
            continue  # part of a title (《信访工作条例》): a name, not a cue
        if m.group() == "罢工" and _MACHINE_BEFORE.search(clause):
            continue
        if m.group() in ("跳下去", "跳下来") and not _HEIGHT.search(text, sent_start, start):
            continue
        if m.group().startswith("砸") and _ACCIDENT_BEFORE.search(clause) and "故意" not in clause:
            continue
        if (m.group().endswith("一起去") and (text[start - 1:start] in "就都也还" or text[start - 2:start] in _PLAN)
                and not _GROUP_BEFORE.search(text, sent_start, start)):
            continue  # 我就一起去法院, 我打算周末一起去: one person going along
        if m.group() == "集合" and not _GROUP_BEFORE.search(text, sent_start, start):
            continue  # 集合 of a group (业主们周六在项目门口集合), not 几个数的集合
        if (m.group() == "信访" and _OFFICE_AFTER.match(text, end)
                and not _GOING_BEFORE.search(text, _clause_start(text, start, _CLAUSE_BREAK), start)):
            continue  # 信访局的工作人员: the office named, not a visit to it
        if cue.category == "collective" and _LEISURE.search(text, _clause_start(text, start, _CLAUSE_BREAK),
                                                            _clause_end(text, end)) \
                and not _ACTION.search(text, _clause_start(text, start, _CLAUSE_BREAK), _clause_end(text, end)):
            continue  # in the cue's own clause; but 夜市的摊主们集体罢市 is a strike, whatever the place
        if m.group() == "12345" and not (_AGAIN_BEFORE.search(clause) or _IN_VAIN_AFTER.match(text, end)):
            continue
        item = {"text": original[start:end], "start": start, "end": end, "cue": cue.category,
                "severity": cue.severity, "conditional": False}
        if _NEG_BEFORE.search(clause) or (
                last_negated_end >= 0 and _FILLER_ONLY.fullmatch(text, last_negated_end, start)):
            negated.append({**item, "reason": "negation"})
            last_negated_end = end
            continue
        if _PROHIBIT.search(clause):
            negated.append({**item, "reason": "prohibition"})
            continue
        # a hypothetical marker earlier in the sentence (or in the cue's own clause) makes it conditional
        if _COND.search(text, sent_start, start):
            item["conditional"] = True
            item["severity"] = max(1, cue.severity - 1)
        elif _RESOLVED.search(text, end, _sentence_end(text, end)):
            negated.append({**item, "reason": "resolved"})
            continue
        signals.append(item)
    urgent = [{"text": original[m.start():m.end()], "start": m.start(), "end": m.end()}
              for m in _URGENT.finditer(text)]
    soon = [{"text": original[m.start():m.end()], "start": m.start(), "end": m.end()}
            for m in _SOON.finditer(text)]
    announced = any(s["severity"] >= 2 and not s["conditional"] for s in signals)
    if any(s["cue"] in _LIFE and not s["conditional"] for s in signals):
        urgency = "high"  # a life is at stake now: no time word is needed
    elif urgent and announced:
        urgency = "high"
    elif ((urgent and signals) or any(_PRESSURE.search(u["text"]) for u in urgent) or (soon and announced)
          or any(s["cue"] in _LIFE for s in signals)):
        # a life threatened on a condition (再不给钱我就跳楼) has not been acted on, but hotline practice calls
        # every such caller back: never low
        urgency = "medium"
    else:
        urgency = "low"
    return {"level": level_of(signals), "signals": signals, "negated": negated,
            "urgency": urgency, "urgency_cues": sorted(urgent + soon, key=lambda u: u["start"])}


def assess_many(texts) -> list[dict]:
    """:func:`assess` for each text."""
    return [assess(t) for t in texts]
