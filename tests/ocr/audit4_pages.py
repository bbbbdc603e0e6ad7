"""Audit 4 of OCR (issue 7): multi-column and faxed pages, rendered with their truth in reading order.

Staff digitising dossiers and gazettes (政府公报) meet pages that audit 3 did not have: two-column gazette
pages (a title across both columns, two columns of a regulation, a note at the foot), a three-column
newsletter, a register set in aligned columns without rulings (read row by row), a notice with a 收文
stamp in the top margin and a 骑缝章 half off the left edge, faxes (204 × 98 dpi "standard" and
204 × 196 dpi "fine" resolution, 1 bit, skewed 1–3°, the fax header line ``2026-03-05 14:22 FROM:…``),
a two-column page turned by 90° and one by 180°, and a PDF with a text-layer page and a scanned page.

Gazette bodies are real local regulations from ``../shared/data/laws/DLC`` (as a gazette prints them);
the notices, register rows, names and numbers are invented.

``python tests/ocr/audit4_pages.py OUTDIR`` writes every file, each page's truth ``FILE.pN.txt`` (one
paragraph a line, in reading order: a paragraph continued from the foot of one column to the top of the
next is one line) and prints what it wrote. ``key.json`` (the fields that must survive) is written by
hand beside them. The files under ``tests/fixtures/ocr/audit4/`` were written this way (seeded).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit3_pages import INK, SANS, SERIF, _pdf_of_images, jpeg, scanner  # noqa: E402

LAWS = REPO.parent / "shared" / "data" / "laws" / "DLC"
SHENZHEN = "广东地方法规/地方性法规/广东/深圳经济特区矛盾纠纷多元化解条例(2022-03-28).md"
BEIJING_AID = "北京地方法规/地方性法规/北京/北京市法律援助条例.md"
BEIJING_DOGS = "北京地方法规/地方性法规/北京/北京市养犬管理规定.md"


def law(rel: str) -> list[str]:
    """The body paragraphs of a regulation (chapter headings included, two spaces in them made one)."""
    from fazhi.ocr.render import law_paragraphs

    return [" ".join(p.split()) for p in law_paragraphs(LAWS / rel)]


def _font(px: float, family: str = SERIF):
    from fazhi.ocr.render import _font as f

    return f(int(px), family)


class Page:
    """A page drawn at ``dpi``; ``truth`` holds paragraphs in reading order."""

    def __init__(self, dpi: int = 150, pt: float = 10.5, margin_mm: float = 20.0, family: str = SERIF,
                 size_mm=(210, 297)):
        from PIL import Image, ImageDraw

        self.dpi = dpi
        self.mm = dpi / 25.4
        self.W, self.H = int(size_mm[0] * self.mm), int(size_mm[1] * self.mm)
        self.img = Image.new("RGB", (self.W, self.H), "white")
        self.d = ImageDraw.Draw(self.img)
        self.px = round(pt / 72 * dpi)
        self.font = _font(self.px, family)
        self.left = int(margin_mm * self.mm)
        self.right = self.W - self.left
        self.y = int(18 * self.mm)
        self.bottom = self.H - int(22 * self.mm)
        self.truth: list[str] = []

    def centred(self, text: str, scale: float = 1.0, family: str = SANS, after: float = 0.6, x0=None, x1=None):
        f = _font(self.px * scale, family)
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        w = self.d.textlength(text, font=f)
        self.d.text((x0 + (x1 - x0 - w) / 2, self.y), text, font=f, fill=INK)
        self.truth.append(text.replace("\u3000", ""))
        self.y += int(self.px * scale * (1.3 + after))

    def row(self, left: str, right: str = "", scale: float = 1.0, family: str = SERIF, rule: bool = False):
        """A line with text at the left margin and (optionally) at the right one, e.g. a gazette's running head."""
        f = _font(self.px * scale, family)
        self.d.text((self.left, self.y), left, font=f, fill=INK)
        if right:
            self.d.text((self.right - self.d.textlength(right, font=f), self.y), right, font=f, fill=INK)
        self.truth.append(" ".join(t for t in (left, right) if t))
        self.y += int(self.px * scale * 1.5)
        if rule:
            self.d.line([self.left, self.y, self.right, self.y], fill=INK, width=max(1, self.dpi // 100))
            self.y += int(self.px * 0.9)

    def para(self, text: str, indent: int = 2, x0=None, x1=None, pitch: float = 1.65):
        from fazhi.ocr.render import _wrap

        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        for i, ln in enumerate(_wrap(self.d, text, self.font, x1 - x0, indent * self.px)):
            self.d.text((x0 + (indent * self.px if i == 0 else 0), self.y), ln, font=self.font, fill=INK)
            self.y += int(self.px * pitch)
        self.truth.append(text)

    def columns(self, paras: list[str], n: int, y1: int | None = None, gap_mm: float = 7.0,
                pitch: float = 1.65, balance: bool = False) -> list[str]:
        """Flow ``paras`` into ``n`` columns from ``self.y`` down to ``y1`` (default: the bottom margin);
        chapter headings (第…章) are centred in their column. Paragraphs that do not fit are returned
        (the part of a paragraph drawn at the foot of the last column is in the truth, the rest returned).
        With ``balance`` the columns end level (the band above a title across the columns)."""
        from fazhi.ocr.render import _wrap

        y1 = self.bottom if y1 is None else y1
        gap = int(gap_mm * self.mm)
        cw = (self.right - self.left - (n - 1) * gap) // n
        step = int(self.px * pitch)
        # lay out every line first: (column-relative x, text, paragraph index, is heading)
        lines = []
        for k, p in enumerate(paras):
            if p.startswith("第") and "章" in p[:5] and len(p) < 20:
                w = self.d.textlength(p, font=self.font)
                lines.append(((cw - w) / 2, p, k, True))
                continue
            for i, ln in enumerate(_wrap(self.d, p, self.font, cw, 2 * self.px)):
                lines.append((2 * self.px if i == 0 else 0, ln, k, False))
        per_col = max(1, (y1 - self.y) // step)
        if balance:
            per_col = min(per_col, -(-len(lines) // n))
        drawn = lines[:per_col * n]
        for j, (dx, ln, _, _) in enumerate(drawn):
            c, r = divmod(j, per_col)
            self.d.text((self.left + c * (cw + gap) + dx, self.y + r * step), ln, font=self.font, fill=INK)
        rows_used = min(per_col, len(drawn))
        self.y += rows_used * step + int(self.px * 0.8)
        # truth: each paragraph (or its drawn part) once, in order
        parts: dict[int, str] = {}
        for _, ln, k, _ in drawn:
            parts[k] = parts.get(k, "") + ln
        self.truth += [parts[k] for k in sorted(parts)]
        rest = []
        if len(drawn) < len(lines):
            k0 = lines[len(drawn)][2]
            tail = "".join(ln for _, ln, k, _ in lines[len(drawn):] if k == k0)
            rest = ([tail] if k0 in parts else [paras[k0]]) + paras[k0 + 1:]
        return rest

    def footnote(self, text: str, scale: float = 0.85):
        """A short rule, then a note in a smaller face across the page, at the foot."""
        f = _font(self.px * scale, SERIF)
        y = self.bottom + int(3 * self.mm)
        self.d.line([self.left, y, self.left + int(45 * self.mm), y], fill=INK, width=1)
        self.d.text((self.left, y + int(2 * self.mm)), text, font=f, fill=INK)
        self.truth.append(text)


# --- the pages -------------------------------------------------------------------------------------------

def gazette_two_columns(seed: int = 41):
    """A 人大常委会公报 page at 200 dpi: running head, the regulation's title and its adoption note across
    the page, the text in two columns, a note at the foot. Grey scan, JPEG."""
    p = Page(dpi=200, pt=10.5)
    p.row("深圳市人民代表大会常务委员会公报", "2022年第3号", scale=0.85, rule=True)
    p.y += int(p.px * 0.8)
    p.centred("深圳经济特区矛盾纠纷多元化解条例", scale=1.9, family=SANS, after=0.5)
    p.centred("（2022年3月28日深圳市第七届人民代表大会常务委员会第八次会议通过）", scale=0.9, family="Noto Serif CJK SC",
              after=1.2)
    body = law(SHENZHEN)
    p.bottom -= int(10 * p.mm)
    p.columns(body, 2)
    p.footnote("注：本条例自2022年5月1日起施行。本刊所载法规文本为标准文本。")
    img = scanner(p.img, seed, noise=4, blur=0.6, skew=0.4)
    img, data = jpeg(img, 60, grey=True)
    return [img], data, ".jpg", [p.truth]


def gazette_two_bands(seed: int = 42):
    """A 政府公报 page at 150 dpi: the end of one regulation in two balanced columns, then the next
    regulation's title across the page and its first articles in two columns."""
    p = Page(dpi=150, pt=10.5)
    p.row("北京市人民代表大会常务委员会公报", "第 6 期", scale=0.85, rule=True)
    p.y += int(p.px * 0.5)
    dogs = law(BEIJING_DOGS)
    p.columns(dogs[-5:], 2, balance=True)
    p.y += int(p.px * 1.0)
    p.centred("北京市法律援助条例", scale=1.8, family=SANS, after=0.4)
    p.centred("（2008年12月19日北京市第十三届人民代表大会常务委员会第八次会议通过）", scale=0.9, family=SERIF, after=1.0)
    p.columns(law(BEIJING_AID), 2)
    img = scanner(p.img, seed, noise=5, blur=0.5, skew=-0.3)
    img, data = jpeg(img, 65, grey=True)
    return [img], data, ".jpg", [p.truth]


def three_columns(seed: int = 43):
    """A 法治宣传 newsletter page at 150 dpi: a title across the page, three columns of text."""
    p = Page(dpi=150, pt=10, margin_mm=16)
    p.centred("法治宣传简报", scale=2.0, family=SANS, after=0.3)
    p.centred("某某区司法局编印　　2026年第4期", scale=0.9, family=SERIF, after=1.0)
    aid = law(BEIJING_AID)
    p.columns(aid[8:], 3, gap_mm=6)
    img = scanner(p.img, seed, noise=4, blur=0.5, skew=0.2)
    img, data = jpeg(img, 65)
    return [img], data, ".jpg", [p.truth]


REGISTER = [
    ("1", "2026-01-06", "李秀英", "张德明", "相邻关系纠纷", "调解成功"),
    ("2", "2026-01-09", "王建国", "某某物业公司", "物业服务纠纷", "调解成功"),
    ("3", "2026-01-13", "陈丽华", "赵志刚", "婚姻家庭纠纷", "调解不成"),
    ("4", "2026-01-20", "刘洪涛", "孙海波", "损害赔偿纠纷", "调解成功"),
    ("5", "2026-01-27", "周美玲", "吴国庆", "劳务报酬纠纷", "终止调解"),
    ("6", "2026-02-03", "郑晓峰", "某某装饰公司", "合同纠纷", "调解成功"),
    ("7", "2026-02-10", "黄淑芬", "何永强", "赡养纠纷", "调解成功"),
    ("8", "2026-02-17", "马立新", "林春燕", "房屋租赁纠纷", "调解不成"),
    ("9", "2026-02-24", "杨桂兰", "徐文斌", "宅基地纠纷", "调解成功"),
    ("10", "2026-03-02", "朱建平", "胡玉梅", "借款纠纷", "调解成功"),
]


def register(seed: int = 44):
    """A 人民调解案件登记簿 page: columns aligned with tabs, no rulings, a header row; read row by row."""
    p = Page(dpi=150, pt=10.5, margin_mm=18)
    p.centred("人民调解案件登记簿", scale=1.7, family=SANS, after=0.4)
    p.row("调解组织：某某街道人民调解委员会", "2026年第一季度", scale=1.0)
    p.y += int(p.px * 0.6)
    shares = [0.07, 0.17, 0.15, 0.19, 0.23, 0.19]
    W = p.right - p.left
    xs = [p.left]
    for s in shares[:-1]:
        xs.append(xs[-1] + int(s * W))
    head = ("序号", "收案日期", "申请人", "被申请人", "纠纷类型", "办理结果")
    bold = _font(p.px, SANS)
    for row, f in [(head, bold)] + [(r, p.font) for r in REGISTER]:
        for x, cell in zip(xs, row):
            p.d.text((x, p.y), cell, font=f, fill=INK)
        p.truth.append(" ".join(row))
        p.y += int(p.px * 2.2)
    p.y += int(p.px)
    p.row("登记人：周敏", "审核人：刘建华")
    img = p.img.crop((0, 0, p.W, p.y + int(20 * p.mm)))
    img = scanner(img, seed, noise=4, blur=0.5, skew=0.5)
    img, data = jpeg(img, 70)
    return [img], data, ".jpg", [p.truth]


def stamped_notice(seed: int = 45):
    """A 司法局 notice: a blue 收文 stamp in the top right margin (its text keyed, first), a red 骑缝章 half
    off the left edge over the text's left margin, a red seal over the signature."""
    import numpy as np
    from PIL import Image, ImageDraw

    from fazhi.ocr.render import add_seal

    p = Page(dpi=150, pt=12, margin_mm=25, family=SERIF)
    # the 收文 stamp: a rectangle, two lines, purple-blue ink, a little askew, in the top margin
    st = Image.new("L", (int(52 * p.mm), int(17 * p.mm)), 0)
    sd = ImageDraw.Draw(st)
    sd.rectangle([1, 1, st.width - 2, st.height - 2], outline=255, width=3)
    f = _font(p.px * 0.95, SANS)
    sd.text((int(4 * p.mm), int(2.5 * p.mm)), "某某区司法局收文", font=f, fill=255)
    sd.text((int(4 * p.mm), int(9 * p.mm)), "2026年3月6日 第118号", font=f, fill=255)
    st = st.rotate(2.5, expand=True, resample=Image.BICUBIC)
    rng = np.random.default_rng(seed)
    m = np.asarray(st).astype(np.float32) / 255 * rng.uniform(0.6, 1.0, (st.height, st.width))
    ink = Image.new("RGB", st.size, (60, 50, 150))
    p.img.paste(ink, (p.right - st.width, int(6 * p.mm)), Image.fromarray((m * 255).astype(np.uint8)))
    p.truth.append("某某区司法局收文")
    p.truth.append("2026年3月6日 第118号")
    p.y = int(30 * p.mm)
    p.centred("某某区司法局", scale=1.5, family=SANS, after=0.2)
    p.centred("关于开展2026年矛盾纠纷排查化解专项活动的通知", scale=1.25, family=SANS, after=0.4)
    p.centred("某司通〔2026〕9号", scale=1.0, family=SERIF, after=0.8)
    p.para("各街道（镇）司法所，区人民调解中心：", indent=0)
    p.para("为深入贯彻落实《中华人民共和国人民调解法》，及时发现和化解各类矛盾纠纷，经研究，决定于2026年3月至5月"
           "在全区开展矛盾纠纷排查化解专项活动。现将有关事项通知如下：")
    p.para("一、排查重点：婚姻家庭、邻里关系、物业服务、劳动争议、房屋租赁等易发多发纠纷，以及可能引发"
           "“民转刑”案件的苗头性问题。")
    p.para("二、工作要求：各司法所每月排查不少于一次，对排查出的纠纷逐件登记，明确调解责任人和化解时限；"
           "重大疑难纠纷应于24小时内报区司法局。")
    p.para("三、报送时间：请于每月25日前将排查化解情况报送区司法局人民参与和促进法治科。")
    p.para("联系人：刘建华，联系电话：0755-83452170。")
    p.y += int(p.px * 1.5)
    y_seal = p.y
    p.para("某某区司法局", indent=0, x0=p.right - int(p.d.textlength("二〇二六年三月五日", font=p.font)))
    p.para("二〇二六年三月五日", indent=0, x0=p.right - int(p.d.textlength("二〇二六年三月五日", font=p.font)))
    img = add_seal(p.img, (int(p.right - 18 * p.mm), y_seal + p.px), int(21 * p.mm), text="某某区司法局",
                   color=(210, 40, 45), seed=seed)
    img = add_seal(img, (int(2 * p.mm), int(150 * p.mm)), int(20 * p.mm), text="某某区司法局",
                   color=(200, 35, 50), seed=seed + 1)  # 骑缝章: half of it off the page
    img = img.crop((0, 0, p.W, p.y + int(25 * p.mm)))
    img = scanner(img, seed, noise=4, skew=-0.4)
    img, data = jpeg(img, 70)
    return [img], data, ".jpg", [p.truth]


def _fax_page(p: Page, header: str, skew: float, seed: int, vdpi: int):
    """Turn a page drawn at 204 dpi into what a fax machine prints: skewed as fed, 1 bit, speckles,
    the header line printed by the sending machine straight across the top, sampled at ``vdpi`` rows/inch."""
    import numpy as np
    from PIL import Image, ImageFilter

    img = p.img.convert("L").rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    hf = _font(p.px * 0.8, SANS)
    from PIL import ImageDraw

    ImageDraw.Draw(img).text((int(8 * p.mm), int(5 * p.mm)), header, font=hf, fill=0)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img = img.resize((img.width, round(img.height * vdpi / p.dpi)), Image.BILINEAR)
    rng = np.random.default_rng(seed)
    a = np.asarray(img).astype(np.float32) + rng.normal(0, 14, (img.height, img.width))
    bw = a > 160
    flip = rng.random(bw.shape)
    bw[flip < 0.002] = False
    bw[(flip > 0.002) & (flip < 0.006) & ~bw] = True
    return Image.fromarray((bw * 255).astype(np.uint8)).convert("1")


def fax_standard(seed: int = 46):
    """A two-page fax in standard resolution (204 × 98 dpi, as most fax machines send): a 调解邀请函 full of
    ``名称：值`` lines, skewed 1.5° and −1°, TIFF G3 with its dpi (204, 98)."""
    header1 = "2026-03-05 14:22  FROM:某某区司法局  TO:0755-83452170  P.01/02"
    header2 = "2026-03-05 14:23  FROM:某某区司法局  TO:0755-83452170  P.02/02"
    p = Page(dpi=204, pt=12, margin_mm=22)
    p.truth.append(" ".join(header1.split()))
    p.y = int(20 * p.mm)
    p.centred("人民调解邀请函", scale=1.6, family=SANS, after=0.6)
    p.centred("某调邀〔2026〕015号", scale=1.0, family=SERIF, after=0.6)
    p.para("某某建筑劳务有限公司：", indent=0)
    p.para("申请人杨桂兰等12人与你公司劳务报酬纠纷一案，已由本委员会受理。为依法化解纠纷，现邀请你公司派员参加调解。")
    for ln in ("调解时间：2026年3月10日上午9时", "调解地点：某某街道人民调解委员会调解室（某某路36号）",
               "申请金额：人民币186,400元", "参加人员：法定代表人或者授权委托人", "需带材料：营业执照复印件、授权委托书、劳务合同及工资发放记录"):
        p.para(ln, indent=2)
    p.para("如你公司对调解有异议或者不能按时参加，请于2026年3月9日前与本委员会联系。")
    img1 = _fax_page(p, header1, 1.5, seed, 98)
    q = Page(dpi=204, pt=12, margin_mm=22)
    q.truth.append(" ".join(header2.split()))
    q.y = int(20 * q.mm)
    for ln in ("联系人：周敏", "联系电话：0755-83452170", "传真：0755-83452171"):
        q.para(ln, indent=2)
    q.y += int(q.px * 2)
    q.para("某某街道人民调解委员会", indent=0, x0=q.right - int(q.d.textlength("某某街道人民调解委员会", font=q.font)))
    q.para("二〇二六年三月五日", indent=0, x0=q.right - int(q.d.textlength("某某街道人民调解委员会", font=q.font)))
    q.img = q.img.crop((0, 0, q.W, q.y + int(40 * q.mm)))
    img2 = _fax_page(q, header2, -1.0, seed + 1, 98)
    buf = io.BytesIO()
    img1.save(buf, "TIFF", compression="group3", dpi=(204, 98), save_all=True, append_images=[img2])
    return [img1, img2], buf.getvalue(), ".tif", [p.truth, q.truth]


def fax_fine(seed: int = 47):
    """A one-page fax in fine resolution (204 × 196 dpi), skewed −2.5°: a 司法所 reply with colon fields."""
    header = "2026-03-05 16:08  FROM:0755-83452170  某某街道司法所  P.01/01"
    p = Page(dpi=204, pt=12, margin_mm=22)
    p.truth.append(" ".join(header.split()))
    p.y = int(20 * p.mm)
    p.centred("矛盾纠纷排查情况报告", scale=1.5, family=SANS, after=0.8)
    p.para("区司法局：", indent=0)
    p.para("根据某司通〔2026〕9号通知要求，我所对辖区矛盾纠纷进行了排查，现将情况报告如下：")
    for ln in ("排查时间：2026年3月1日至3月5日", "排查纠纷：共23件，其中婚姻家庭纠纷7件、邻里纠纷9件、物业纠纷4件、其他3件",
               "已化解：18件", "正在调解：5件", "重大疑难纠纷：1件（劳务报酬纠纷，涉及12人，金额186,400元）"):
        p.para(ln, indent=2)
    p.para("对重大疑难纠纷，我所已安排专职人民调解员周敏跟进，拟于2026年3月10日组织双方调解。")
    p.y += int(p.px)
    p.para("报告人：何永强", indent=2)
    p.para("二〇二六年三月五日", indent=0, x0=p.right - int(p.d.textlength("某某街道司法所", font=p.font) * 1.4))
    p.img = p.img.crop((0, 0, p.W, p.y + int(30 * p.mm)))
    img = _fax_page(p, header, -2.5, seed, 196)
    buf = io.BytesIO()
    img.save(buf, "TIFF", compression="group4", dpi=(204, 196))
    return [img], buf.getvalue(), ".tif", [p.truth]


def turned_gazette(quarters: int, seed: int):
    """A two-column gazette page fed sideways (90°) or upside down (180°)."""
    p = Page(dpi=150, pt=10.5)
    p.row("北京市人民代表大会常务委员会公报", "第 6 期", scale=0.85, rule=True)
    p.y += int(p.px * 0.5)
    aid = law(BEIJING_AID)
    start = 14 if quarters == 1 else 24
    p.columns(aid[start:], 2)
    img = scanner(p.img, seed, noise=5, blur=0.5, skew=0.3 if quarters == 1 else -0.4)
    img = img.rotate(90 * quarters, expand=True)
    img, data = jpeg(img, 65, grey=True)
    return [img], data, ".jpg", [p.truth]


def text_and_scan(seed: int = 50):
    """A PDF: page 1 typed with a text layer (the 公报's contents page, reportlab CID font); page 2 a scanned
    two-column gazette page (a picture)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page1 = ["深圳市人民代表大会常务委员会公报", "2022年第3号（总第225号）", "目录",
             "深圳市人民代表大会常务委员会公告（第七届第四十二号）",
             "深圳经济特区矛盾纠纷多元化解条例",
             "关于《深圳经济特区矛盾纠纷多元化解条例（草案）》的说明",
             "深圳市人民代表大会常务委员会办公厅编印"]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = A4[1] - 100
    for k, t in enumerate(page1):
        size = 18 if k == 0 else 12
        c.setFont("STSong-Light", size)
        if k < 3:
            c.drawCentredString(A4[0] / 2, y, t)
        else:
            c.drawString(80, y, t)
        y -= 36 if k < 3 else 26
    c.showPage()
    p = Page(dpi=150, pt=10.5)
    p.row("深圳市人民代表大会常务委员会公报", "2022年第3号", scale=0.85, rule=True)
    p.y += int(p.px * 0.5)
    p.columns(law(SHENZHEN)[40:], 2)
    img = scanner(p.img, seed, noise=5, skew=0.6)
    img, jdata = jpeg(img, 60, grey=True)
    c.drawImage(ImageReader(io.BytesIO(jdata)), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return [None, img], buf.getvalue(), ".pdf", [page1, p.truth]


PAGES = {
    "b1_gazette_2col": gazette_two_columns,
    "b2_gazette_2bands": gazette_two_bands,
    "b3_three_columns": three_columns,
    "b4_register": register,
    "b5_stamped_notice": stamped_notice,
    "b6_fax_standard": fax_standard,
    "b7_fax_fine": fax_fine,
    "b8_gazette_turned_90": lambda: turned_gazette(1, 48),
    "b9_gazette_turned_180": lambda: turned_gazette(2, 49),
    "b10_text_and_scan": text_and_scan,
}


def write_all(out: Path, only: list[str] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, fn in PAGES.items():
        if only and name not in only:
            continue
        _, data, suffix, truths = fn()
        (out / (name + suffix)).write_bytes(data)
        for k, t in enumerate(truths, 1):
            (out / f"{name}.p{k}.txt").write_text("\n".join(t) + "\n", encoding="utf-8")
        print(name + suffix, len(data), "bytes", len(truths), "page(s)")


if __name__ == "__main__":
    write_all(Path(sys.argv[1]), sys.argv[2:] or None)
