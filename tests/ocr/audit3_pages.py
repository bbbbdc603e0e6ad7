"""Audit 3 of OCR (issue 7): pages as justice bureaus receive them, rendered with their ground truth.

Each page is drawn with Noto CJK (serif or sans) and degraded the way it reaches a mediator: a
人民调解协议书 with a red round seal over its last lines, a 调解受理登记表 of ruled cells filled in, a
signature page with hand-written names and date, a phone photo (perspective, shadow, JPEG 40), a
150-dpi fax (1 bit, speckles), pages turned by 90° and 180°, a PDF of two scanned pages, and a PDF whose
first page has a text layer and whose second is a scan.

``python tests/ocr/audit3_pages.py OUTDIR`` writes every file, each page's truth (``FILE.pN.txt``) and
``key.json`` (the fields that must survive OCR: names, ID numbers, sums, dates, case numbers). The
files committed under ``tests/fixtures/ocr/audit3/`` were written this way (seeded, so reproducible).
All names, numbers and cases are invented.
"""
from __future__ import annotations

import io
import json
import math
import sys
from pathlib import Path

SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
INK = (20, 20, 20)
BLUE = (25, 45, 130)  # a ballpoint pen


def _fonts():
    from fazhi.ocr.render import _font

    return _font


class Sheet:
    """An A4 page drawn top to bottom; ``truth`` collects its lines in reading order."""

    def __init__(self, dpi: int = 150, family: str = SERIF, pt: float = 12.0, margin_mm: float = 22.0):
        from PIL import Image, ImageDraw

        self.dpi, self.family = dpi, family
        self.mm = dpi / 25.4
        self.W, self.H = int(210 * self.mm), int(297 * self.mm)
        self.img = Image.new("RGB", (self.W, self.H), "white")
        self.d = ImageDraw.Draw(self.img)
        self.px = round(pt / 72 * dpi)
        self.font = _fonts()(self.px, family)
        self.left = int(margin_mm * self.mm)
        self.right = self.W - self.left
        self.y = int(20 * self.mm)
        self.truth: list[str] = []

    def font_of(self, scale: float = 1.0, family: str | None = None):
        return _fonts()(int(self.px * scale), family or self.family)

    def title(self, text: str, scale: float = 1.6, family: str | None = None, gap: float = 1.0):
        f = self.font_of(scale, family)
        w = self.d.textlength(text, font=f)
        self.d.text(((self.W - w) / 2, self.y), text, font=f, fill=INK)
        self.truth.append(text.replace("\u3000", ""))
        self.y += int(self.px * scale * 1.5 + gap * self.px)

    def line(self, text: str, align: str = "left", indent: int = 0, fill=INK, font=None):
        f = font or self.font
        w = self.d.textlength(text, font=f)
        x = {"left": self.left + indent * self.px, "right": self.right - w, "center": (self.W - w) / 2}[align]
        self.d.text((x, self.y), text, font=f, fill=fill)
        self.truth.append(text)
        self.y += int(self.px * 1.7)
        return x

    def para(self, text: str, indent: int = 2):
        from fazhi.ocr.render import _wrap

        for i, ln in enumerate(_wrap(self.d, text, self.font, self.right - self.left, indent * self.px)):
            x = self.left + (indent * self.px if i == 0 else 0)
            self.d.text((x, self.y), ln, font=self.font, fill=INK)
            self.y += int(self.px * 1.7)
        self.truth.append(text)

    def skip(self, lines: float = 0.5):
        self.y += int(self.px * 1.7 * lines)


def hand(img, xy, text: str, px: int, seed: int, color=BLUE):
    """Write ``text`` as if by hand: each character a little rotated, scaled, raised and slanted, in
    ballpoint blue with a thicker stroke. Returns the x after the last character."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    rng = np.random.default_rng(seed)
    x, y = xy
    for ch in text:
        s = int(px * rng.uniform(1.05, 1.3))
        f = _fonts()(s, SANS)
        g = Image.new("L", (s * 2, s * 2), 0)
        ImageDraw.Draw(g).text((s // 2, s // 2), ch, font=f, fill=255)
        g = g.filter(ImageFilter.MaxFilter(3))  # a ballpoint's stroke, heavier than type
        g = g.transform(g.size, Image.AFFINE, (1, rng.uniform(0.15, 0.3), -s * 0.2, 0, 1, 0), Image.BICUBIC)
        g = g.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC)
        dy = int(rng.uniform(-0.15, 0.15) * px)
        img.paste(Image.new("RGB", g.size, color), (int(x - s // 2), int(y + dy - s // 2)), g)
        x += s * rng.uniform(0.82, 0.95) if ord(ch) > 0x2E80 else s * 0.55
    return x


def jpeg(img, quality: int, grey: bool = False):
    from PIL import Image

    buf = io.BytesIO()
    (img.convert("L") if grey else img).save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB"), buf.getvalue()


def scanner(img, seed: int, noise: float = 6.0, blur: float = 0.5, skew: float = 0.0):
    """A flatbed scan: slight blur and noise, a little skew on a white bed, paper not quite white."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, fillcolor=(250, 250, 248))
    img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img).astype(np.float32) * 0.96 + 6
    a += rng.normal(0, noise, a.shape[:2])[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


# --- the pages ------------------------------------------------------------------------------------------

def agreement_sealed(seed: int = 31):
    """A 人民调解协议书 (serif), the committee's red seal over its name, the date and the mediator's line."""
    from fazhi.ocr.render import add_seal

    s = Sheet(dpi=150, family=SERIF)
    s.title("某某市某某区东湖街道人民调解委员会", scale=1.2, gap=0.2)
    s.title("人民调解协议书", scale=1.7, gap=0.6)
    s.line("编号：（2024）东调字第037号", align="right")
    s.para("甲方：陈立明，男，1971年8月12日出生，汉族，身份证号码：420106197108124519，住某某市某某区东湖路88号"
           "2栋301室，联系电话：13907125566。")
    s.para("乙方：赵桂芳，女，1978年2月3日出生，汉族，身份证号码：42010619780203262X，住某某市某某区东湖路90号"
           "1栋102室，联系电话：15872339014。")
    s.para("纠纷主要事实、争议事项：二〇二三年十二月，乙方家中卫生间管道渗漏，致甲方楼下房屋顶棚及墙面受损。双方"
           "就维修费用及损失赔偿多次协商未果，甲方于二〇二四年一月十五日向本委员会申请调解。")
    s.para("经调解，双方自愿达成如下协议：")
    s.para("一、乙方赔偿甲方房屋维修费、财物损失共计人民币壹万捌仟陆佰元整（¥18,600.00）。")
    s.para("二、上述款项由乙方于二〇二四年三月三十一日前一次性支付至甲方指定账户。")
    s.para("三、乙方于二〇二四年二月二十日前完成卫生间防水修复，费用由乙方自行承担。")
    s.para("四、本协议履行完毕后，双方就此纠纷再无其他争议。")
    s.para("履行协议的方式、地点、期限：银行转账，某某市，二〇二四年三月三十一日前。")
    s.para("本协议一式三份，双方当事人、人民调解委员会各持一份。")
    s.skip(1)
    s.line("甲方（签名）：陈立明　　　　　乙方（签名）：赵桂芳", indent=2)
    s.line("人民调解员（签名）：刘建华", indent=2)
    s.skip(0.5)
    y_name = s.y
    s.line("某某市某某区东湖街道人民调解委员会（印章）", align="right")
    s.line("二〇二四年二月六日", align="right")
    r = int(21 * s.mm)
    img = add_seal(s.img, (int(s.right - 28 * s.mm), y_name + s.px // 2), r, text="某某市某某区东湖街道人民调解委员会",
                   color=(205, 35, 45), seed=seed)
    img = scanner(img, seed, skew=0.6)
    img, data = jpeg(img, 70)
    return img, data, ".jpg", [s.truth]


def _grid(s, rows, widths, row_h):
    """Draw rows of cells; ``rows`` = [[(text, span, colour)]], ``widths`` = column shares. Returns truth."""
    W = s.right - s.left
    edges = [s.left]
    for w in widths:
        edges.append(edges[-1] + int(w * W))
    edges[-1] = s.right
    truth = []
    from fazhi.ocr.render import _wrap

    for row in rows:
        col = 0
        heights = []
        cells = []
        for text, span, colour in row:
            x0, x1 = edges[col], edges[col + span]
            lines = _wrap(s.d, text, s.font, x1 - x0 - s.px, 0) if text else []
            cells.append((x0, x1, lines, colour))
            heights.append(max(1, len(lines)))
            col += span
        h = int(row_h + (max(heights) - 1) * s.px * 1.4)
        for x0, x1, lines, colour in cells:
            s.d.rectangle([x0, s.y, x1, s.y + h], outline=INK, width=2)
            ty = s.y + (h - len(lines) * s.px * 1.4) / 2 + s.px * 0.1
            for ln in lines:
                tx = x0 + s.px // 2 if len(lines) > 1 else x0 + (x1 - x0 - s.d.textlength(ln, font=s.font)) / 2
                s.d.text((tx, ty), ln, font=s.font, fill=colour)
                ty += s.px * 1.4
        truth.append(" ".join("".join(c[2]) for c in cells if c[2]))
        s.y += h
    return truth


def register_form(seed: int = 32):
    """A 调解受理登记表 (sans labels, values typed in serif and some filled in by pen), ruled cells."""
    import numpy as np

    s = Sheet(dpi=150, family=SANS, pt=11)
    s.title("人民调解受理登记表", scale=1.7, gap=0.8)
    s.line("编号：（2024）东调受字第052号　　　　受理日期：2024年3月1日", align="left")
    L, V = INK, (10, 10, 60)
    rows = [
        [("申请人", 1, L), ("姓名", 1, L), ("王海燕", 1, V), ("性别", 1, L), ("女", 1, V), ("年龄", 1, L), ("46", 1, V)],
        [("", 1, L), ("身份证号", 1, L), ("110105197805214427", 3, V), ("联系电话", 1, L), ("13601185237", 1, V)],
        [("", 1, L), ("住址", 1, L), ("北京市朝阳区团结湖北里6号楼3单元401室", 5, V)],
        [("被申请人", 1, L), ("姓名", 1, L), ("孙志强", 1, V), ("性别", 1, L), ("男", 1, V), ("年龄", 1, L), ("52", 1, V)],
        [("", 1, L), ("身份证号", 1, L), ("110105197203118816", 3, V), ("联系电话", 1, L), ("18911047726", 1, V)],
        [("纠纷类型", 2, L), ("物业服务合同纠纷", 5, V)],
        [("纠纷简要情况", 2, L), ("申请人称，被申请人自2023年9月起拖欠车位租金共计人民币7,200元，经多次催要未付，"
                            "请求委员会调解，要求被申请人于2024年4月30日前付清。", 5, V)],
        [("受理人", 2, L), ("周敏", 1, V), ("登记日期", 2, L), ("2024年3月1日", 2, V)],
    ]
    widths = [0.14, 0.13, 0.2, 0.1, 0.1, 0.11, 0.22]
    s.y += s.px // 2
    truth = s.truth + _grid(s, rows, widths, int(s.px * 2.4))
    s.y += s.px
    s.truth = []
    s.line("申请人（签名）：", indent=0)
    hand(s.img, (s.left + s.d.textlength("申请人（签名）：", font=s.font), s.y - int(s.px * 1.9)), "王海燕", s.px, seed)
    truth += ["申请人（签名）：王海燕"]
    img = scanner(s.img, seed, noise=4, skew=-0.8)
    img = img.crop((0, 0, img.width, int(min(img.height, s.y + 20 * s.mm))))
    img, data = jpeg(img, 75, grey=False)
    return img, data, ".jpg", [truth]


def signature_page(seed: int = 33):
    """The last page of a 调解笔录 (sans): signature lines signed by hand, the date 二〇二四年三月五日."""
    s = Sheet(dpi=150, family=SANS)
    s.title("调解笔录（续页）", scale=1.5, gap=0.6)
    s.para("调解员：双方对以上记录内容是否有异议？")
    s.para("申请人王海燕：没有异议，同意被申请人于2024年4月30日前支付车位租金人民币7,200元。")
    s.para("被申请人孙志强：没有异议，我会按时付清。")
    s.para("调解员：请双方核对笔录并签名。笔录共2页，本页为第2页。")
    s.skip(1.5)
    rows = [("申请人（签名）：", "王海燕"), ("被申请人（签名）：", "孙志强"),
            ("调解员（签名）：", "周敏"), ("记录人（签名）：", "李晓东")]
    for k, (label, name) in enumerate(rows):
        x = s.left + 2 * s.px + s.d.textlength(label, font=s.font)
        s.d.line([x, s.y + s.px * 1.15, x + 8 * s.px, s.y + s.px * 1.15], fill=INK, width=1)
        hand(s.img, (x + s.px, s.y - s.px * 0.25), name, s.px, seed + k)
        s.line(label, indent=2)
        s.truth[-1] = label + name
        s.skip(0.8)
    s.skip(0.5)
    s.line("日期：", indent=2)
    hand(s.img, (s.left + 2 * s.px + s.d.textlength("日期：", font=s.font), s.y - int(s.px * 1.95)),
         "二〇二四年三月五日", s.px, seed + 9)
    s.truth[-1] = "日期：二〇二四年三月五日"
    s.skip(1)
    s.line("某某市某某区东湖街道人民调解委员会", align="right")
    s.line("二〇二四年三月五日", align="right")
    img = scanner(s.img, seed, noise=5)
    img = img.crop((0, 0, img.width, int(s.y + 25 * s.mm)))
    img, data = jpeg(img, 75)
    return img, data, ".jpg", [s.truth]


def _application(s, who="申请人", seed=0):
    s.title("人民调解申请书", scale=1.7, gap=0.8)
    s.para("申请人：黄秀兰，女，1962年11月7日出生，身份证号码：320102196211074823，住南京市玄武区梅园新村"
           "17号，联系电话：13770418852。")
    s.para("被申请人：南京某某物业管理有限公司，住所地南京市玄武区长江路21号，法定代表人：钱伟，"
           "联系电话：025-84521376。")
    s.para("申请事项：请求被申请人赔偿申请人因小区电梯故障摔伤产生的医疗费、误工费共计人民币23,480元。")
    s.para("事实和理由：二〇二四年一月二十二日，申请人在小区3号楼乘坐电梯时，电梯突然下坠，致申请人左腿骨折，"
           "住院治疗十八天。申请人多次要求被申请人赔偿，被申请人以电梯已年检合格为由拒绝。现申请某某街道人民"
           "调解委员会予以调解。")
    s.skip(1)
    s.line("申请人：黄秀兰", align="right")
    s.line("二〇二四年二月十九日", align="right")


def phone_photo(seed: int = 34):
    """A phone photo of an application on a desk: perspective, light falling off, a hand's shadow, JPEG 40."""
    import cv2
    import numpy as np
    from PIL import Image

    s = Sheet(dpi=150, family=SERIF, pt=12)
    _application(s)
    page = np.asarray(s.img.crop((0, 0, s.W, int(s.y + 25 * s.mm)))).astype(np.float32)
    h, w = page.shape[:2]
    H, W = int(h * 1.12), int(w * 1.12)
    rng = np.random.default_rng(seed)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[W * 0.07, H * 0.05], [W * 0.95, H * 0.08], [W * 0.99, H * 0.97], [W * 0.02, H * 0.93]])
    m = cv2.getPerspectiveTransform(src, dst)
    desk = np.zeros((H, W, 3), np.float32) + np.array([120, 95, 70], np.float32)  # a wooden desk
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), m, (W, H))
    warped = cv2.warpPerspective(page, m, (W, H))
    photo = warped * mask[..., None] + desk * (1 - mask[..., None])
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 1.05 - 0.35 * (xx / W) * (yy / H) - 0.12 * (yy / H)  # a lamp at the top left
    shadow = np.ones((H, W), np.float32)  # a hand/phone's soft shadow over the lower right
    poly = np.int32([[W * 0.55, H], [W * 0.75, H * 0.55], [W, H * 0.45], [W, H]])
    cv2.fillPoly(shadow, [poly], 0.55)
    shadow = cv2.GaussianBlur(shadow, (0, 0), W * 0.03)
    photo = photo * (light * shadow)[..., None] * np.array([1.0, 0.97, 0.9], np.float32)  # warm light
    photo = cv2.GaussianBlur(photo, (0, 0), 0.7)
    photo += rng.normal(0, 5, photo.shape[:2])[..., None]
    img = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    img, data = jpeg(img, 40)
    return img, data, ".jpg", [s.truth]


def fax(seed: int = 35):
    """A 调解告知书 received by fax: 150 dpi, 1 bit, speckles, a header line, streaks."""
    import numpy as np
    from PIL import Image, ImageFilter

    s = Sheet(dpi=150, family=SERIF, pt=12)
    hf = s.font_of(0.8, SANS)
    s.d.text((s.left, int(8 * s.mm)), "2024-03-05 14:32  FROM:东湖街道司法所  TO:0271-86730512  P.01/01", font=hf,
             fill=INK)
    s.truth.append("2024-03-05 14:32 FROM:东湖街道司法所 TO:0271-86730512 P.01/01")
    s.title("人民调解告知书", scale=1.6, gap=0.6)
    s.line("（2024）东调告字第019号", align="center")
    s.para("孙志强：")
    s.para("王海燕与你物业服务合同纠纷一案，已于2024年3月1日经本委员会受理。本委员会定于二〇二四年三月十二日"
           "上午9时30分在东湖街道人民调解室进行调解，请你准时参加，并携带身份证件及相关证据材料。")
    s.para("依据《中华人民共和国人民调解法》第二十三条，当事人在人民调解活动中享有选择或者接受人民调解员、"
           "接受调解、拒绝调解或者要求终止调解等权利。")
    s.para("联系人：周敏，联系电话：027-86730512。")
    s.skip(1)
    s.line("某某市某某区东湖街道人民调解委员会", align="right")
    s.line("二〇二四年三月五日", align="right")
    img = s.img.crop((0, 0, s.W, int(s.y + 20 * s.mm))).convert("L")
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    rng = np.random.default_rng(seed)
    a = np.asarray(img).astype(np.float32) + rng.normal(0, 18, (img.height, img.width))
    bw = a > 175
    flip = rng.random(bw.shape)
    bw[flip < 0.004] = False  # black speckles
    bw[(flip > 0.004) & (flip < 0.010) & ~bw] = True  # drop-outs in strokes
    for y in rng.integers(0, bw.shape[0], 3):  # streaks of a dirty fax head
        bw[y:y + 1, :] = False
    img = Image.fromarray((bw * 255).astype(np.uint8)).convert("1")
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return img.convert("RGB"), buf.getvalue(), ".png", [s.truth]


def visit_record(s):
    s.title("人民调解回访记录", scale=1.6, gap=0.6)
    s.line("案件编号：（2023）东调字第112号", align="left")
    s.para("回访时间：2024年1月10日。回访人：刘建华。回访对象：陈立明，联系电话：13907125566。")
    s.para("协议履行情况：乙方已按协议于2023年12月28日支付赔偿款人民币9,500元，并完成外墙修复。")
    s.para("当事人意见：对调解结果满意，双方关系已恢复正常，无新的纠纷。")
    s.para("回访结论：协议已全部履行，本案结案归档。")


def turned(quarters: int, seed: int):
    s = Sheet(dpi=150, family=SANS if quarters == 1 else SERIF)
    if quarters == 1:
        visit_record(s)
    else:
        _application(s)
    img = s.img.crop((0, 0, s.W, int(s.y + 25 * s.mm)))
    img = scanner(img, seed, skew=0.4 if quarters == 1 else -0.5)
    img = img.rotate(90 * quarters, expand=True)
    img, data = jpeg(img, 70)
    return img, data, ".jpg", [s.truth]


def _pdf_of_images(images: list, dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    first, rest = images[0], images[1:]
    first.save(buf, "PDF", resolution=dpi, save_all=True, append_images=rest, quality=60)
    return buf.getvalue()


def two_page_pdf(seed: int = 36):
    """A PDF of two scanned pages (the application, then the evidence list), each a JPEG picture."""
    s1 = Sheet(dpi=150, family=SERIF)
    _application(s1)
    s2 = Sheet(dpi=150, family=SANS)
    s2.title("证据材料清单", scale=1.6, gap=0.6)
    s2.line("案号：（2024）玄调字第008号", align="left")
    items = ["1. 申请人身份证复印件一份；", "2. 南京市第一医院住院病历及诊断证明书各一份；",
             "3. 医疗费票据十二张，合计人民币18,230元；", "4. 误工证明一份，误工损失人民币5,250元；",
             "5. 电梯故障当日监控视频截图三张。"]
    for it in items:
        s2.line(it, indent=2)
    s2.skip(1)
    s2.line("提交人：黄秀兰", align="right")
    s2.line("提交日期：2024年2月19日", align="right")
    pages = [scanner(s1.img, seed, skew=1.2).convert("L"), scanner(s2.img, seed + 1, skew=-0.7).convert("L")]
    data = _pdf_of_images(pages)
    return pages, data, ".pdf", [s1.truth, s2.truth]


def mixed_pdf(seed: int = 37):
    """Page 1 typed with a text layer (a 司法确认 application made in a word processor, STSong CID font);
    page 2 a scanned 送达回证 with a seal and hand-written receipt."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from fazhi.ocr.render import add_seal

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page1 = ["司法确认申请书",
             "申请人：陈立明，男，1971年8月12日出生，身份证号码：420106197108124519。",
             "申请人：赵桂芳，女，1978年2月3日出生，身份证号码：42010619780203262X。",
             "请求事项：请求确认申请人于2024年2月6日经某某市某某区东湖街道人民调解委员会主持达成的",
             "（2024）东调字第037号人民调解协议有效。",
             "此致",
             "某某市某某区人民法院",
             "申请人：陈立明　赵桂芳",
             "二〇二四年二月八日"]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = A4[1] - 90
    for k, t in enumerate(page1):
        size = 18 if k == 0 else 12
        c.setFont("STSong-Light", size)
        if k == 0:
            c.drawCentredString(A4[0] / 2, y, t)
            y -= 40
        else:
            c.drawString(70, y, t)
            y -= 24
    c.showPage()
    s = Sheet(dpi=150, family=SERIF)
    s.title("送达回证", scale=1.7, gap=0.6)
    s.line("送达文书：（2024）东调字第037号人民调解协议书", indent=0)
    s.line("受送达人：赵桂芳", indent=0)
    s.line("送达地点：某某市某某区东湖路90号1栋102室", indent=0)
    s.line("送达方式：直接送达", indent=0)
    s.line("受送达人签收：", indent=0)
    hand(s.img, (s.left + s.d.textlength("受送达人签收：", font=s.font), s.y - int(s.px * 1.9)),
         "赵桂芳", s.px, seed)
    s.truth[-1] = "受送达人签收：赵桂芳"
    s.line("送达人：刘建华", indent=0)
    s.skip(0.5)
    y_seal = s.y
    s.line("某某市某某区东湖街道人民调解委员会", align="right")
    s.line("二〇二四年二月七日", align="right")
    img = add_seal(s.img, (int(s.right - 30 * s.mm), y_seal + s.px // 2), int(21 * s.mm),
                   text="某某市某某区东湖街道人民调解委员会", color=(215, 45, 60), seed=seed)
    img = scanner(img, seed, skew=0.5)
    img, jdata = jpeg(img, 60)
    tmp = io.BytesIO(jdata)
    c.drawImage(__import__("reportlab.lib.utils", fromlist=["ImageReader"]).ImageReader(tmp), 0, 0,
                width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    truth1 = [page1[0], page1[1], page1[2], page1[3] + page1[4]] + page1[5:]
    return [None, img], buf.getvalue(), ".pdf", [truth1, s.truth]


PAGES = {
    "a1_agreement_seal": agreement_sealed,
    "a2_register_form": register_form,
    "a3_signatures": signature_page,
    "a4_phone_photo": phone_photo,
    "a5_fax_150dpi": fax,
    "a6_turned_90": lambda: turned(1, 38),
    "a7_turned_180": lambda: turned(2, 39),
    "a8_two_scans": two_page_pdf,
    "a9_text_and_scan": mixed_pdf,
}


def write_all(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, fn in PAGES.items():
        _, data, suffix, truths = fn()
        (out / (name + suffix)).write_bytes(data)
        for k, t in enumerate(truths, 1):
            (out / f"{name}.p{k}.txt").write_text("\n".join(t) + "\n", encoding="utf-8")
        print(name + suffix, len(data), "bytes", len(truths), "page(s)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    write_all(Path(sys.argv[1]))
