"""Build fazhi/nlp/data/legal_dict.txt: the jieba user dictionary for legal text.

Words: every law title and alias in fazhi/nlp/data/law_titles.tsv (built from the law corpus), the court,
procuratorate and agency names below, and common legal terms. Each line is ``word freq tag`` with an explicit
frequency (jieba's suggest_freq on the plain dictionary, at least 3), so jieba and rjieba load exactly the
same dictionary and cut the same way.

Run: .venv/bin/python scripts/build_legal_dict.py
"""
from __future__ import annotations

from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fazhi" / "nlp" / "data" / "legal_dict.txt"

INSTITUTIONS = """最高人民法院 最高人民检察院 高级人民法院 中级人民法院 基层人民法院 人民法院 人民法庭 人民检察院
互联网法院 知识产权法院 海事法院 铁路运输法院 军事法院 金融法院 公安局 公安机关 派出所 看守所 监狱 司法局 司法所
司法厅 司法部 公证处 仲裁委员会 劳动人事争议仲裁委员会 律师事务所 律师协会 人民调解委员会 价格认证中心
市场监督管理局 人力资源和社会保障局 自然资源局 生态环境局 住房和城乡建设局 综合行政执法局 人民政府 居民委员会
村民委员会 全国人民代表大会 全国人民代表大会常务委员会 人民代表大会常务委员会 国务院""".split()

TERMS = """原告 被告 被告人 被害人 犯罪嫌疑人 上诉人 被上诉人 原审原告 原审被告 申请人 被申请人 再审申请人 第三人 申诉人
委托诉讼代理人 诉讼代理人 法定代理人 法定代表人 辩护人 公诉机关 公诉人 审判长 审判员 人民陪审员 书记员 法官助理
判决书 裁定书 调解书 决定书 民事判决书 刑事判决书 行政判决书 民事裁定书 刑事附带民事 诉讼请求 本院认为 经审理查明
审理查明 事实与理由 判决如下 裁定如下 有期徒刑 无期徒刑 拘役 管制 缓刑 罚金 没收财产 剥夺政治权利 驳回 诉讼费用
案件受理费 受理费 民间借贷 借款合同 买卖合同 租赁合同 劳动合同 劳动争议 人民调解 调解协议 司法确认 备案审查
规范性文件 行政处罚 行政复议 行政诉讼 行政许可 行政强制 司法解释 不当得利 无因管理 违约金 违约责任 定金 抵押权 质权
留置权 连带责任 连带清偿责任 诉讼时效 举证责任 自首 坦白 立功 累犯 如实供述 取保候审 监视居住 刑事拘留 逮捕
宅基地 土地承包经营权 物业服务合同 人身损害赔偿 精神损害抚慰金 死亡赔偿金 残疾赔偿金 误工费 护理费 交通费
医疗费 住院伙食补助费 营养费 被扶养人生活费 经济补偿金 赔偿金 工伤认定 劳动仲裁 强制执行 财产保全 先予执行
诉前保全 一审 二审 再审 终审 发回重审 撤销原判 维持原判 公开审理 开庭审理 简易程序 普通程序 合议庭
夫妻共同财产 夫妻共同债务 抚养费 赡养费 探望权 抚养权 离婚纠纷 继承纠纷 法定继承 遗嘱继承 遗赠 法定代表
盗窃罪 诈骗罪 抢劫罪 故意伤害罪 危险驾驶罪 交通肇事罪 寻衅滋事罪 非法拘禁罪 合同诈骗罪 职务侵占罪""".split()


def main() -> None:
    words: dict[str, str] = {}
    tsv = ROOT / "fazhi" / "nlp" / "data" / "law_titles.tsv"
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        alias, canonical, *_ = line.split("\t")
        for w in (alias, canonical):
            if 2 <= len(w) <= 40 and " " not in w:
                words.setdefault(w, "nz")
    for w in INSTITUTIONS:
        words.setdefault(w, "nt")
    for w in TERMS:
        words.setdefault(w, "n")
    tk = jieba.Tokenizer()
    tk.initialize()
    lines = []
    for w in sorted(words):
        freq = max(3, tk.suggest_freq(w, tune=False))
        lines.append(f"{w} {freq} {words[w]}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words -> {OUT}")


if __name__ == "__main__":
    main()
