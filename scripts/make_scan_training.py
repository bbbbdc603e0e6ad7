"""Write the SYNTHETIC training data for fazhi's default dispute-type classifier, and retrain the default model.

Every line is made up (see fazhi/scan/synthetic.py): hand-written fact phrases per dispute type, combined
with openers, places, amounts, durations, requests and (sometimes) escalation phrases, in the style of 12345
hotline records and message-board posts. Nothing is copied from real complaints. Output:
``fazhi/scan/data/train_synthetic.jsonl`` with ``{"id", "text", "labels": [type], "synthetic": true}`` and
``fazhi/scan/data/default_model.joblib``, trained by ``fazhi.scan.classify.train_default`` on those lines plus
the hand-written ``fazhi/scan/data/train_written.jsonl``.

    python scripts/make_scan_training.py [--per-type 260] [--seed 8] [--out PATH] [--no-model] [--statutes]
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from fazhi.numerals import int_to_cn
from fazhi.scan.synthetic import generate

DATA = Path(__file__).resolve().parents[1] / "fazhi" / "scan" / "data"


# -- the statute table (fazhi/scan/data/statutes.json): articles per dispute type and per risk cue -------
# Each excerpt is read from the bundled official law texts, so the table cannot misquote them.
LAWS = Path(__file__).resolve().parents[1] / "fazhi" / "corpora" / "data" / "laws"
FILES={'中华人民共和国民法典':'民法典/*.md','中华人民共和国人民调解法':'*/人民调解法*','中华人民共和国劳动合同法':'*/劳动合同法*',
'中华人民共和国劳动争议调解仲裁法':'*/劳动争议调解仲裁法*','中华人民共和国道路交通安全法':'*/道路交通安全法*','中华人民共和国消费者权益保护法':'*/消费者权益保护法*',
'医疗纠纷预防和处理条例':'*/医疗纠纷预防和处理条例*','中华人民共和国土地管理法':'*/土地管理法*','中华人民共和国农村土地承包法':'*/农村土地承包法*',
'中华人民共和国农村土地承包经营纠纷调解仲裁法':'*/农村土地承包经营纠纷调解仲裁法*','物业管理条例':'行政法规/物业管理条例*','信访工作条例':'*/信访工作条例*',
'中华人民共和国治安管理处罚法':'*/治安管理处罚法*','中华人民共和国社会保险法':'*/社会保险法*'}
MC='中华人民共和国民法典'
T={
'婚姻家庭':[(MC,1079,'离婚 调解 诉讼 感情'),(MC,1087,'财产 房子 分割 共同财产'),(MC,1085,'抚养费 孩子 抚养'),(MC,1067,'赡养 老人 抚养'),(MC,1042,'彩礼 包办 婚姻自由'),(MC,1127,'遗产 继承')],
'邻里':[(MC,288,'邻居 相邻 过道 通行'),(MC,290,'排水 漏水 水管'),(MC,293,'采光 日照 通风 高'),(MC,294,'噪音 噪声 油烟 垃圾 污染'),(MC,236,'堆放 占用 妨害 杂物'),(MC,1254,'扔 抛 坠落 花盆')],
'房屋宅基地':[(MC,362,'宅基地 盖房 建房'),('中华人民共和国土地管理法',62,'宅基地 一户'),('中华人民共和国土地管理法',14,'界址 争议 地界'),(MC,293,'采光 高 挡住'),(MC,703,'租 房东 押金 租客')],
'合同':[(MC,509,'履行 约定 合同'),(MC,577,'违约 不履行 拖延'),(MC,585,'违约金'),(MC,587,'定金'),(MC,584,'损失 赔偿')],
'生产经营':[(MC,967,'合伙 合作'),(MC,972,'分红 利润 亏损 散伙 撤股'),(MC,577,'供货 货款 结算 违约'),('中华人民共和国农村土地承包法',55,'承包 鱼塘 果园')],
'损害赔偿':[(MC,1165,'过错 损害 受伤'),(MC,1179,'医药费 误工费 护理费 伤残 医疗费'),(MC,1183,'精神 名誉'),(MC,1245,'狗 动物 咬'),(MC,1200,'学校 孩子 学生'),(MC,1254,'掉下 砸 抛')],
'山林土地':[('中华人民共和国土地管理法',14,'边界 权属 争议 地界 界桩'),('中华人民共和国农村土地承包法',55,'承包 流转 调地'),('中华人民共和国农村土地承包法',31,'外嫁 出嫁 妇女'),('中华人民共和国农村土地承包经营纠纷调解仲裁法',3,'承包 调解 村委')],
'劳动争议':[('中华人民共和国劳动合同法',30,'工资 拖欠 讨薪 工钱 报酬'),('中华人民共和国劳动合同法',82,'合同 未签 不签'),('中华人民共和国劳动合同法',46,'辞退 补偿 解除 倒闭'),('中华人民共和国劳动合同法',85,'加班费 拖欠'),('中华人民共和国劳动争议调解仲裁法',5,'仲裁 调解'),('中华人民共和国劳动争议调解仲裁法',27,'时效'),('中华人民共和国社会保险法',63,'社保 保险 断缴')],
'征地拆迁':[('中华人民共和国土地管理法',48,'补偿 标准 安置 征地款 青苗'),('中华人民共和国土地管理法',47,'公告 征收 程序'),(MC,243,'征收 补偿 拆迁 安置')],
'环境污染':[(MC,1229,'污染 排污 废气 废水 噪音'),(MC,1230,'举证 因果'),(MC,294,'噪声 油烟 粉尘 排放')],
'医疗':[(MC,1218,'医院 医生 手术 误诊 过错'),(MC,1219,'告知 说明 风险'),('医疗纠纷预防和处理条例',22,'协商 调解 途径 纠纷'),('医疗纠纷预防和处理条例',31,'人民调解 申请')],
'物业':[(MC,942,'物业 维修 电梯 保安 服务'),(MC,944,'物业费 缴费 停水 停电'),('物业管理条例',40,'收费 涨价 停车费'),(MC,278,'业主 共同决定 业委会 维修基金')],
'交通事故':[('中华人民共和国道路交通安全法',76,'保险 赔偿 撞 车祸'),('中华人民共和国道路交通安全法',74,'调解 交警 责任认定'),(MC,1208,'机动车 事故'),(MC,1213,'保险 拒赔 强制保险')],
'消费':[('中华人民共和国消费者权益保护法',24,'退货 质量 维修 更换'),('中华人民共和国消费者权益保护法',25,'网购 七天 无理由'),('中华人民共和国消费者权益保护法',53,'预付 办卡 跑路 充值 停课'),('中华人民共和国消费者权益保护法',55,'欺诈 假货 翻新 三倍')],
'借贷':[(MC,675,'还钱 不还 到期 借款'),(MC,676,'逾期 利息'),(MC,680,'高利贷 利率 利息'),(MC,679,'借条 转账 借钱'),(MC,688,'担保 保证')],
'其他':[('中华人民共和国人民调解法',17,'调解 申请')],
}
RISK={'petition':[('信访工作条例',26,'上访 聚集 信访 堵塞'),('信访工作条例',17,'反映 投诉 信访')],
'collective':[('信访工作条例',26,'聚集 集体 围堵')],'protest':[('信访工作条例',26,'拉横幅 堵路 静坐')],
'fight':[('中华人民共和国治安管理处罚法',43,'殴打 打人 打伤')],'violence':[('中华人民共和国治安管理处罚法',43,'伤害 殴打')],
'wage_claim':[('中华人民共和国劳动合同法',30,'工资 讨薪')],'wage_arrears':[('中华人民共和国劳动合同法',30,'工资 拖欠')]}
def art(title, n):
    for f in sorted(LAWS.glob(FILES[title])):
        t=f.read_text()
        m=re.search(r'^(?:\*\*)?第'+int_to_cn(n)+r'条(?:\*\*)?\s*(.+)$', t, re.M)
        if m: return m.group(1).strip()
    raise SystemExit(f'missing {title} {n}')
def entries(lst):
    out=[]
    for title,n,kw in lst:
        txt=art(title,n)
        out.append({"law":title,"article":n,"citation":f"《{title}》第{int_to_cn(n)}条","keywords":kw.split(),"excerpt":txt[:60]+("……" if len(txt)>60 else "")})
    return out
data={"_note":"Statutes per dispute type and per risk cue, written for fazhi; article texts checked against the bundled law texts (fazhi/corpora/data/laws) by tests/scan/test_scan_statutes.py.",
"types":{k:entries(v) for k,v in T.items()},"risk":{k:entries(v) for k,v in RISK.items()}}


def write_statutes(out: Path = DATA / "statutes.json") -> None:
    data = {"_note": "Statutes per dispute type and per risk cue, written for fazhi; article texts checked against "
                     "the bundled law texts (fazhi/corpora/data/laws) by tests/scan/test_scan_statutes.py.",
            "types": {k: entries(v) for k, v in T.items()}, "risk": {k: entries(v) for k, v in RISK.items()}}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {sum(len(v) for v in data['types'].values())} type statutes to {out}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-type", type=int, default=260)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--out", default=str(DATA / "train_synthetic.jsonl"))
    ap.add_argument("--no-model", action="store_true", help="only write the data")
    ap.add_argument("--statutes", action="store_true", help="also rebuild fazhi/scan/data/statutes.json")
    args = ap.parse_args()
    if args.statutes:
        write_statutes()
    rows = generate(args.per_type, args.seed)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} synthetic examples to {args.out}")
    if not args.no_model:
        from fazhi.scan.classify import default_model_path, train_default, training_data_path

        if Path(args.out).resolve() != training_data_path().resolve():
            raise SystemExit(f"the default model is trained from {training_data_path()}; use --no-model with --out")
        model = train_default()  # the generated texts plus fazhi/scan/data/train_written.jsonl
        print(f"wrote {model} to {model.save(default_model_path())}")


if __name__ == "__main__":
    main()
