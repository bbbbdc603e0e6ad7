"""Scan posts (hotline records, message-board and social posts) for emerging disputes.

:func:`scan` classifies every post (type, risk), counts posts by type × district × day, raises burst
alerts per type, per district and per type × district (:mod:`fazhi.scan.bursts`), finds new terms
(:mod:`fazhi.scan.terms`), near-duplicate clusters of coordinated complaints (:mod:`fazhi.scan.clusters`)
and repeat parties across posts and cases (:mod:`fazhi.scan.parties`), and attaches the statutes most related
to each alert and cluster (a per-type and per-risk-cue table in ``fazhi/scan/data/statutes.json``, ranked by
the keywords the cluster's posts share).

Posts come from a JSONL file (:func:`read_posts`: ``{"id","text","date","district",...}``) or from the
corpus store (:func:`posts_from_store`: documents of kind ``post`` with ``published`` and ``region``).
"""
from __future__ import annotations

import html
import io
import json
import logging
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from fazhi.dates import parse_date as _parse_date
from fazhi.errors import UnreadableFile

__all__ = ["Post", "read_posts", "posts_from_store", "cases_from_store", "scan", "related_statutes",
           "parse_date"]

log = logging.getLogger(__name__)

# Column names of each field, as exports name them: JSON keys, and the Chinese headers of 12345 hotline,
# message-board and social-media exports (工单编号 / 来电时间 / 所属区域 / 诉求内容 …). The first column of a
# row that has a value wins, so a county-level column comes before a street-level one.
_TEXT_KEYS = ("text", "content", "body", "内容", "诉求内容", "来电内容", "留言内容", "反映内容", "投诉内容",
              "举报内容", "咨询内容", "工单内容", "事项内容", "帖子内容", "微博内容", "微博正文", "正文",
              "问题描述", "诉求描述", "事项描述", "情况描述", "具体诉求", "诉求", "描述", "详情", "详细内容",
              "问题详情", "诉求详情", "事项摘要", "内容摘要", "摘要", "留言", "帖子", "微博", "desc")
_TITLE_KEYS = ("title", "标题", "主题", "诉求标题", "留言标题", "工单标题", "事项标题")
_DATE_KEYS = ("date", "published", "time", "created_at", "datetime", "日期", "时间", "来电时间", "来电日期",
              "受理时间", "受理日期", "登记时间", "登记日期", "留言时间", "留言日期", "发布时间", "发布日期",
              "发帖时间", "提交时间", "创建时间", "反映时间", "投诉时间", "诉求时间", "发生时间", "工单时间")
_DISTRICT_KEYS = ("district", "region", "area", "county", "street", "区县", "区/县", "区(县)", "区（县）",
                  "所属区县", "所属区", "区", "县区", "所属区域", "区域", "行政区", "行政区划", "所属行政区",
                  "地区", "所属地区", "属地", "承办区县", "街道", "所属街道", "镇街", "街镇", "乡镇街道",
                  "街道乡镇", "乡镇", "所属街镇", "所属镇街", "社区", "区划", "所属区划", "区划名称", "行政区划名称")
_ADDRESS_KEYS = ("address", "location", "地址", "详细地址", "事发地址", "事发地点", "发生地址", "发生地点", "问题发生地",
                 "诉求地址", "反映地址", "所在地", "位置")
_ID_KEYS = ("id", "_id", "编号", "工单编号", "工单号", "受理编号", "受理号", "留言编号", "信件编号", "帖子id", "微博id",
            "mid", "post_id", "aweme_id", "note_id", "帖子编号", "微博编号", "序号")
# structured identity fields, read by fazhi.scan.parties under their English names
_PARTY_KEYS = {"phone": ("phone", "mobile", "来电号码", "联系电话", "手机号", "手机号码", "电话", "电话号码",
                         "联系方式", "主叫号码"),
               "name": ("name", "author", "contact", "姓名", "来电人", "来电人姓名", "联系人", "诉求人", "反映人",
                        "投诉人", "留言人"),
               "id_card": ("id_card", "id_number", "身份证号", "身份证号码", "身份证", "证件号码", "证件号"),
               # the account of a social-media or message-board post (微博 uid, 抖音号, 昵称): one person's posts
               "account": ("account", "user_id", "uid", "userid", "用户id", "账号", "账号id", "用户账号", "抖音号",
                           "screen_name", "nickname", "user_name", "username", "昵称", "用户昵称", "用户名", "网名",
                           "发帖人", "发布者", "博主")}
# a header not in the lists above still names its field when it holds one of these words (受理时间 → date)
# and none of the others (办结时间, 回复内容 and 详细地址 are no post's day, text or district)
_FUZZY = {"text": (("内容", "描述", "诉求", "正文", "详情", "摘要"), ("回复", "答复", "处理", "办理", "结果", "意见", "类型", "分类",
                                                   "标题", "人", "电话", "号码", "地址", "地点", "时间", "日期", "编号", "状态",
                                                   "来源", "渠道", "方式", "区域", "部门", "单位")),
          "date": (("时间", "日期"), ("办结", "回复", "答复", "完成", "截止", "处理", "反馈", "结案", "办理", "派单",
                                    "期限", "回访", "签收", "出生")),
          "district": (("区县", "区域", "行政区", "区划", "街道", "镇街", "街镇", "乡镇", "属地"), ("地址", "位置", "承办单位", "代码",
                                                                                      "编码")),
          # the caller's phone under another name (诉求人电话, 回访电话), not an office's (承办单位电话, 物业电话)
          "phone": (("电话", "手机", "联系方式"), ("单位", "部门", "承办", "办理", "机构", "公司", "物业", "客服", "热线"))}
# the same for the English keys of APIs and crawlers, camelCase or snake_case, compared in lower case
# (createTime, publish_time, areaName; not replyTime, updateTime, crawl_time, replyContent, areaCode)
_FUZZY_EN = {"text": (("content", "text", "body"), ("reply", "answer", "title", "type", "html", "url", "len", "count",
                                                   "status", "source")),
             "date": (("time", "date", "created", "publish", "posted"), ("reply", "answer", "update", "modif", "finish",
                                                                         "end", "close", "deadline", "by",
                                         "handle", "deal", "birth", "expire", "crawl", "fetch", "insert", "scrap",
                                         "last", "zone", "register", "reg_")),
             "district": (("district", "area", "region", "county"), ("code", "id", "no", "type"))}


@dataclass
class Post:
    """One post to scan: id, text, day, district (``未知`` when unknown) and any other fields."""

    id: str
    text: str
    date: date
    district: str = "未知"
    fields: dict = field(default_factory=dict)


def parse_date(value) -> date:
    """The day of a post: any form :func:`fazhi.dates.parse_date` reads (``2024-05-01``, ``2024/5/1 08:00``,
    ``2024-05-01T08:00:00Z``, ``2024年5月1日``, ``20240501``, an Excel serial day), or a date or datetime.

    >>> parse_date("2024/5/1 08:30"), parse_date("2024-05-01T08:00:00+08:00")
    (datetime.date(2024, 5, 1), datetime.date(2024, 5, 1))

    Raises:
        ValueError: ``no date`` when empty, ``bad date '…' (reason)`` otherwise.
    """
    return _parse_date(value)


# the county-level unit at the start of a place name, after its province and city: 浙江省杭州市萧山区北干街道 → 萧山区,
# 金华市义乌市 → 义乌市, 天津市滨海新区 → 滨海新区; a value without one (北干街道, 火星) is kept as it is
# (a county-level city has two or more characters before 市: 米市巷街道 and 草市街道 are streets, not 米市 or 草市;
# the placeholder 市辖区 of the statistical division code, 杭州市市辖区拱墅区, is passed over)
_COUNTY = re.compile(r"(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,7}?(?:市|自治州|地区|盟))?(?:市辖区|市辖县)?"
                     r"([\u4e00-\u9fff]{1,7}?(?:区|县|旗)|[\u4e00-\u9fff]{2,7}?市)(?=[\u4e00-\u9fff（(]|$)")
_NOT_COUNTY = ("小区", "社区", "园区", "校区", "景区", "厂区", "营业区", "中心区", "辖区", "主城区", "片区", "街区", "住宅区",
               "居住区", "商业区", "工业区", "生活区", "办公区", "服务区", "保护区", "风景区", "开发区", "新区", "试验区")
# the separators of a cascaded place (浙江省/杭州市/西湖区, 浙江省-杭州市-滨江区, 杭州市 > 上城区, 浙江省·杭州市)
_PLACE_SEP = re.compile(r"[\s/／\\>＞→·・|｜,，、_-]+|[-－—]+")


def _county(value: str) -> str | None:
    """The county-level unit at the start of a place name (杭州市萧山区北干街道 → 萧山区), or None."""
    m = _COUNTY.match(_PLACE_SEP.sub("", value))
    if m and m.group(1) not in ("市辖区", "市辖县") and not (
            m.group(1).endswith(_NOT_COUNTY) and not re.fullmatch(r"[\u4e00-\u9fff]{2,4}新区", m.group(1))):
        return m.group(1)
    return None


_PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
              "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
              "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
# a platform's place of a post (发布于 浙江, IP属地：浙江, 浙江 杭州): a province, perhaps with its city — no county
_PROVINCE_ONLY = re.compile(r"(?:发布于|ip属地[：:]?|IP属地[：:]?|来自)?(?:%s)(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|"
                            r"特别行政区)?(?:[\u4e00-\u9fff]{2,4}?市?)?" % "|".join(_PROVINCES))


def _district_name(value: str) -> str:
    """One name per district whatever the export wrote: 杭州市萧山区, 萧山区北干街道, 浙江省/杭州市/萧山区 and 萧山区
    are 萧山区, so the counts and bursts of one district are not split over its spellings. A value that names no
    county is kept as it is (北干街道), except the placeholder 市辖区 (杭州市市辖区), which is no place: ``""``."""
    v = _PLACE_SEP.sub("", value)
    county = _county(v)
    if county:
        return county
    if re.fullmatch(r"(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,7}?(?:市|自治州|地区|盟))?市辖[区县]", v) \
            or _PROVINCE_ONLY.fullmatch(v):
        return ""
    return v or "未知"


# the county of an address written in a post's text: after a city (杭州市西湖区…) or before a street, town or
# road (西湖区文三路, 余杭区良渚街道; two characters then 区/县, the common form)
_TEXT_COUNTY = (re.compile(r"[\u4e00-\u9fff]{2,3}?市(?:市辖区)?([\u4e00-\u9fff]{1,3}?(?:区|县)|[\u4e00-\u9fff]{2,3}?市)"
                           r"(?=[\u4e00-\u9fff（(])"),
                re.compile(r"([\u4e00-\u9fff]{2}(?:区|县))(?=[\u4e00-\u9fff]{1,6}?(?:街道|镇|乡|路|街|大道|巷))"))


def _text_county(text: str) -> str | None:
    """The county of the first address written in ``text`` (来电人反映：杭州市西湖区文三路… → 西湖区), or None."""
    for rx in _TEXT_COUNTY:
        for m in rx.finditer(text[:300]):
            c = m.group(1)
            # not a verb or pronoun before 区/县 (想去区政府, 到县里): no county name holds one of these
            if not c.endswith(_NOT_COUNTY) and not any(ch in "在住到去的是与想要往了我你他她们这那个" for ch in c[:-1]):
                return c
    return None


def _header_key(name) -> str:
    return str(name).strip().lstrip("\ufeff").strip("*＊: ：").lower()


def _columns(keys: Iterable) -> dict[str, list]:
    """The columns of each field among ``keys`` (a row's keys or a file's header), best first."""
    by_norm: dict[str, list] = defaultdict(list)
    for k in keys:
        by_norm[_header_key(k)].append(k)
    cols: dict[str, list] = {}
    lists = {"text": _TEXT_KEYS, "title": _TITLE_KEYS, "date": _DATE_KEYS, "district": _DISTRICT_KEYS,
             "id": _ID_KEYS, "address": _ADDRESS_KEYS, **_PARTY_KEYS}
    taken: set = set()
    for fld, names in lists.items():
        cols[fld] = [k for n in names for k in by_norm.get(n, ()) if k not in taken]
        taken.update(cols[fld])
    for fld, (want, avoid) in _FUZZY.items():
        cols[fld] += [k for k in keys if k not in taken and isinstance(k, str)
                      and any(w in k for w in want) and not any(a in k for a in avoid)]
        taken.update(cols[fld])
    for fld, (want, avoid) in _FUZZY_EN.items():
        cols[fld] += [k for k in keys if k not in taken and isinstance(k, str) and k.isascii() and "." not in k
                      and any(w in k.lower() for w in want) and not any(a in k.lower() for a in avoid)]
        taken.update(cols[fld])
    return cols


@lru_cache(maxsize=256)
def _row_columns(keys: tuple) -> dict[str, list]:
    """:func:`_columns` of a JSON row's keys; the rows of one export share them."""
    return _columns(keys)


_TAG = re.compile(r"<\s*(?:br|p|div|/p|/div|span|/span|img|a|/a|font|/font|strong|/strong|b|/b)\b[^<>]*>", re.I)


def _clean_text(text: str) -> str:
    """A post's text as read: HTML entities of web exports decoded (&amp; &nbsp; &#65292;), line-break and
    inline tags of message-board HTML (<br/>, <p>) removed."""
    if "&" in text:
        text = html.unescape(text).replace("\xa0", " ")
    if "<" in text and _TAG.search(text):
        text = re.sub(r"<\s*(?:br|/p|/div)\b[^<>]*>", "\n", text, flags=re.I)
        text = _TAG.sub("", text)
    return text


_CHINA = timezone(timedelta(hours=8))
_ZONED = re.compile(r"\s*\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})\s*", re.I)


_WEIBO_TIME = re.compile(r"\s*[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})\s*")
_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                       "Dec"), 1)}


def _post_date(value) -> date:
    """The day of a post in China's time (UTC+8), as the command centre counts days: a timestamp with another
    offset (2024-05-01T23:30:00Z, from a platform API) is converted first; also read are Weibo's
    ``Wed May 01 23:30:00 +0800 2024``, e-mail style dates and Unix times in seconds or milliseconds."""
    if isinstance(value, str) and (m := _WEIBO_TIME.fullmatch(value)):  # Weibo's created_at, read without strptime
        try:
            zone = timezone(timedelta(hours=int(m[6][:3]), minutes=int(m[6][0] + m[6][3:])))
            return datetime(int(m[7]), _MONTHS[m[1]], int(m[2]), int(m[3]), int(m[4]), int(m[5]),
                            tzinfo=zone).astimezone(_CHINA).date()
        except (KeyError, ValueError):
            pass
    if isinstance(value, str) and _ZONED.fullmatch(value):
        v = value.strip().replace(" ", "T", 1)
        v = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", v)
        try:
            return datetime.fromisoformat(v).astimezone(_CHINA).date()
        except ValueError:
            pass
    try:
        return parse_date(value)
    except ValueError:
        v = str(value).strip()
        # a compact timestamp 20240301142305 / 202403011423 (a common system export) is its first 8 digits
        m = re.fullmatch(r"(\d{8})(?:\d{4}|\d{6})(?:\.\d+)?", v)
        if m:
            return parse_date(m[1])
        if re.fullmatch(r"1\d{9}(?:\d{3})?(?:\.\d+)?", v):  # Unix time, 2001-09 .. 2033-05
            secs = float(v) / (1000 if len(v.split(".")[0]) == 13 else 1)
            return datetime.fromtimestamp(secs, _CHINA).date()
        # a time with 上午/下午 as Windows writes it (2026/3/5 下午 02:22:00): the day is the date before it
        m = re.fullmatch(r"(.+?\d)\s*(?:上午|下午|中午|晚上|凌晨|早上|AM|PM)\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?", v, re.I)
        if m:
            return parse_date(m[1])
        for fmt in ("%a %b %d %H:%M:%S %z %Y",):  # Weibo's created_at
            try:
                return datetime.strptime(v, fmt).astimezone(_CHINA).date()
            except ValueError:
                pass
        if re.match(r"[A-Z][a-z]{2}, ", v):
            from email.utils import parsedate_to_datetime
            try:
                d = parsedate_to_datetime(v)
                return (d.astimezone(_CHINA) if d.tzinfo else d).date()
            except (TypeError, ValueError):
                pass
        raise


# sub-objects of a crawled post that describe a person (the poster: Weibo's user, a board's author): their id is
# the account, their name the party; their created_at, location and description are not the post's
_PERSON_OBJECTS = {"user", "author", "owner", "poster", "sender", "member", "publisher", "creator", "userinfo",
                   "user_info", "用户", "作者", "发帖人", "留言人", "来电人"}
# sub-objects that are another post (the original of a repost, replies, comments): nothing in them is this post's
_OTHER_OBJECTS = {"retweeted_status", "quoted_status", "reply", "replies", "comment", "comments", "answer", "answers",
                  "parent", "quote", "reposts", "回复", "答复", "评论", "处理结果", "办理结果"}
_PERSON_ID = {"id", "idstr", "uid", "mid", "user_id", "userid", "_id"}
_PARTY_NAMES = frozenset(n for names in _PARTY_KEYS.values() for n in names)


def _bson(value):
    """A MongoDB extended-JSON value as the plain value it stands for: {"$oid": x} → x, {"$date": x} → x (its
    {"$numberLong": ms} → ms), {"$numberLong" / "$numberInt" / "$numberDouble": s} → s; else None."""
    if isinstance(value, dict) and len(value) == 1:
        (k, v), = value.items()
        if k in ("$oid", "$numberLong", "$numberInt", "$numberDouble", "$numberDecimal", "$symbol"):
            return v
        if k == "$date":
            return _bson(v) if isinstance(v, dict) else v
    return None


def _flatten(row: dict) -> dict:
    """A crawled JSON post with nested objects as one flat row, the shallowest value of each name first:
    ``{"mblog": {"text", "created_at", "user": {"id", "screen_name"}}}`` → ``text``, ``created_at``, ``user_id``,
    ``screen_name``; ``{"meta": {"location": {"district"}}}`` → ``district``. A person object's id becomes
    ``user_id`` (the account) and its other fields other than the party ones are kept under their path; objects
    that are another post (``retweeted_status``, ``comments``) are kept under their path, so neither is taken
    for the post's own text, day or place. MongoDB values ({"$oid"}, {"$date"}) are read as plain values."""
    if not any(isinstance(v, dict) for v in row.values()):
        return row
    party_names = _PARTY_NAMES
    flat: dict = {}
    level = [((), row, None)]  # (path, object, kind: None, "person" or "other")
    while level:
        deeper = []
        for path, obj, kind in level:
            for k, v in obj.items():
                sub = _bson(v)
                if isinstance(v, dict) and sub is None:
                    lk = str(k).lower()
                    deeper.append(((*path, str(k)), v, kind or ("person" if lk in _PERSON_OBJECTS else
                                                                 "other" if lk in _OTHER_OBJECTS else None)))
                    continue
                v = v if sub is None else sub
                key = str(k)
                if kind == "person":
                    key = ("user_id" if key.lower() in _PERSON_ID else key if _header_key(key) in party_names
                           else ".".join((*path, key)))
                elif kind == "other":
                    key = ".".join((*path, key))
                flat.setdefault(key, v)
        level = deeper
    return flat


_TIME_ONLY = re.compile(r"\s*(?:上午|下午|中午|晚上|凌晨|早上|AM|PM)?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?\s*(?:AM|PM)?\s*",
                        re.I)


def _post_from_row(row: dict, n: int, name: str, cols: dict | None = None) -> Post:
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    if cols is None:
        row = _flatten(row)
    cols = cols or _row_columns(tuple(row))

    def first(fld):
        return next((row[k] for k in cols[fld] if row.get(k) not in (None, "") and not
                     (isinstance(row[k], str) and not row[k].strip())), None)

    text = first("text")
    title = first("title")
    if text is None and isinstance(title, str):
        text = title  # a message-board export of titles only
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f'no "{(cols["text"] or ["text"])[0]}" string')
    text = _clean_text(text)
    if not text.strip():
        raise ValueError(f"no text (column {cols['text'][0]!r} holds only markup)")
    # the first date column holding a day: not a time of day alone (受理日期 2026-03-05 beside 受理时间 14:22:00)
    when = next((row[k] for k in cols["date"] if row.get(k) not in (None, "") and str(row[k]).strip()
                 and not _TIME_ONLY.fullmatch(str(row[k]))), None)
    if when is None:
        raise ValueError(f'no "{(cols["date"] or ["date"])[0]}"')
    # the county: of the first district column that names one (区县 before 街道); else of the address (杭州市萧山区
    # 北干街道… → 萧山区: 区县 empty beside a 街道 column); else the district value as written (北干街道: a street
    # names no county); else the county of an address written in the text; else 未知. 市辖区 alone and a platform's
    # province (发布于 浙江) name no place.
    named = [_district_name(str(row[k])) for k in cols["district"] if row.get(k) not in (None, "")
             and str(row[k]).strip()]
    address = first("address")
    district = (next((d for d in named if _county(d)), None)
                or (_county(str(address)) if address is not None else None)
                or next((d for d in named if d), None) or _text_county(text) or "未知")
    fields = {k: v for k, v in row.items() if k not in ("text",)}
    for fld in _PARTY_KEYS:  # 来电号码 / 姓名 / 身份证号 / 昵称 as the phone / name / id_card / account parties read
        v = first(fld)
        if v is not None and (fld not in fields or fields[fld] is v):
            v = str(v).strip()
            # a phone number that went through a spreadsheet as a number: 13812345678.0, 1.3812345678E+10
            if fld == "phone" and re.fullmatch(r"\d{7,}\.0+|\d\.\d{6,}[eE]\+?\d{1,2}", v):
                v = str(int(float(v)))
            fields[fld] = v
    rid = first("id")
    day = _post_date(when)
    _plausible(day, when)
    return Post(id=str(rid).strip() if rid is not None else f"{Path(name).stem}-{n}", text=text,
                date=day, district=district or "未知", fields=fields)


#: the earliest day a post is read with: a day before it is a system's stand-in for an empty date (Excel's
#: 1900-01-00 / 1899-12-30, the Unix epoch 1970-01-01), not when anybody wrote
EARLIEST_POST_DAY = date(1980, 1, 1)


#: how many years after today's a post's year may be: a typo of the century (2206-03-05) is far beyond it; a
#: planned or simulated stream dated next year, and a machine whose clock is behind, are not
LATEST_POST_YEARS = 10


@lru_cache(maxsize=1)
def _latest_post_year(_ten_minutes: int) -> int:
    """The last year a post may have (recomputed every ten minutes, not for every row)."""
    return datetime.now(_CHINA).year + LATEST_POST_YEARS


def _plausible(day: date, value) -> None:
    """Refuse a day no post can have: before :data:`EARLIEST_POST_DAY` (a placeholder for an empty date), or
    more than :data:`LATEST_POST_YEARS` years after today's year (a typo: 2206-03-05). One such row would stretch
    the scan's period over centuries, and every daily baseline with it (a false alert on 200 ordinary posts)."""
    if day < EARLIEST_POST_DAY:
        raise ValueError(f"implausible date {str(value)!r} (before {EARLIEST_POST_DAY.year}: "
                         "a placeholder for an empty date?)")
    if day.year > _latest_post_year(int(time.time() // 600)):
        raise ValueError(f"implausible date {str(value)!r} (more than {LATEST_POST_YEARS} years after today: "
                         "a typo?)")


def _table_rows(header: list, body: Iterable[tuple[int, list]], name: str) -> Iterator[tuple[int, object]]:
    """Rows of a table (CSV, TSV, XLSX) as ``(line, dict)``; a row longer than its header as a reason."""
    for n, values in body:
        if not any(str(v).strip() for v in values):
            continue
        if len(values) > len(header) and any(str(v).strip() for v in values[len(header):]):
            yield n, ValueError(f"{len(values)} values where the header has {len(header)} "
                                f"(an unquoted separator in a value?)")
            continue
        yield n, {h: v for h, v in zip(header, values) if h}


def _is_header(row: list) -> bool:
    cols = _columns([str(h).strip() for h in row if str(h).strip()])
    return bool((cols["text"] or cols["title"]) and cols["date"])


def _two_rows(upper: list, lower: list) -> list[str]:
    """A header written on two rows (工单编号 and 诉求内容 merged down over both, 受理信息 merged across over
    受理时间 | 受理渠道) as one: the lower row's name of each column, else the upper row's."""
    width = max(len(upper), len(lower))
    upper, lower = [*upper, *[""] * (width - len(upper))], [*lower, *[""] * (width - len(lower))]
    return [lo if str(lo).strip() else up for up, lo in zip(upper, lower)]


def _find_header(rows: list[list]) -> tuple[int, list] | None:
    """``(index, header)`` of the header among the first rows of a table (given non-blank, at most ten): the first
    row naming a text and a date column — a sheet often opens with a title row (2024年3月12345热线工单明细), export
    notes and group headings above it — or else the first two consecutive rows that do so together (a two-level
    header); None when there is none."""
    for i, row in enumerate(rows[:10]):
        if _is_header(row):
            return i, row
    for i in range(min(len(rows), 10) - 1):
        both = _two_rows(rows[i], rows[i + 1])
        if _is_header(both):
            return i + 1, both
    return None


def _check_header(header: list, name: str) -> dict:
    cols = _columns([h for h in header if h])
    for fld, what in (("text", "text"), ("date", "date")):
        if not cols[fld] and not (fld == "text" and cols["title"]):
            raise UnreadableFile(name, f"no {what} column (the header has: {', '.join(h for h in header if h) or 'nothing'})")
    return cols


def _html_table(text: str) -> list[list[str]]:
    """The rows of the table of a web page (the one with the most rows) as cell texts, a cell spanning
    columns followed by empty ones: an "Excel" export that is HTML. Rows are numbered as Excel shows them."""
    import lxml.html

    root = lxml.html.document_fromstring(text)
    tables = root.xpath("//table")
    if not tables:
        return []
    best = max(tables, key=lambda t: len(t.xpath(".//tr")))
    rows = []
    for tr in best.xpath(".//tr"):
        row = []
        for cell in tr.xpath("./td|./th"):
            for br in cell.xpath(".//br"):
                br.tail = "\n" + (br.tail or "")
            row.append(cell.text_content().strip())
            span = cell.get("colspan", "1")
            row.extend([""] * (int(span) - 1 if span.isdigit() and 1 < int(span) < 100 else 0))
        rows.append(row)
    return rows


def _rows(data: bytes, p: Path) -> tuple[Iterator[tuple[int, object]], dict | None]:
    """``(line, row or ValueError)`` of a posts file, and the columns of its header (tables only)."""
    import csv

    from fazhi.corpora.loaders import decode_bytes, json_lines

    suffix = p.suffix.lower()
    from fazhi.sheets import OLE_MAGIC, legacy_to_xlsx

    if data.startswith(OLE_MAGIC):  # a legacy .xls / .et: LibreOffice makes it an .xlsx, or the reason why not
        data = legacy_to_xlsx(data, p)
    # many hotline systems' "Excel" export is a web page's table, or tab-separated text, named .xls
    html_table = suffix in (".xls", ".et", ".htm", ".html") and not data.startswith(b"PK") and re.search(
        rb"<\s*table", data[:200000], re.I)
    if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04") or html_table:
        from fazhi.sheets import xlsx_rows, xlsx_sheet_names

        table = _html_table(decode_bytes(data, str(p))) if html_table else xlsx_rows(data, p)
        filled = [i for i, r in enumerate(table) if any(str(v).strip() for v in r)]
        found = _find_header([table[i] for i in filled[:10]])
        if found is None and not html_table:  # a cover sheet (导出说明) before the sheet of posts
            for k in range(1, len(xlsx_sheet_names(data, p))):
                other = xlsx_rows(data, p, sheet=k)
                other_filled = [i for i, r in enumerate(other) if any(str(v).strip() for v in r)]
                found = _find_header([other[i] for i in other_filled[:10]])
                if found is not None:
                    table, filled = other, other_filled
                    break
        if not filled:
            raise UnreadableFile(p, "empty workbook (no posts)")
        k, header = found or (0, table[filled[0]])
        start = filled[k]
        header = [str(h).strip() for h in header]
        cols = _check_header(header, str(p))
        return _table_rows(header, ((i + 1, r) for i, r in enumerate(table) if i > start), str(p)), cols
    text = decode_bytes(data, str(p))
    if not text.strip():
        raise UnreadableFile(p, "empty file (no posts)")
    head = text.lstrip()[:1]
    # (a line of separators alone, ",,,," under a title row Excel saved, is as blank as an empty one)
    lines = [line for line in text[:20000].split("\n")[:12] if line.strip(" \t\r,;|")]
    # the header line and its separator: the first line naming a text and a date column (a title line such as
    # 2024年3月12345工单明细 may come first); else the first line
    found = None  # (index among the non-blank lines, separator, the header when it is written on two lines)
    for d in ("\t" if suffix == ".tsv" else ",\t;|"):
        with_d = [line for line in lines[:10] if d in line]
        if not with_d:
            continue
        hit = _find_header([next(csv.reader([line], delimiter=d), []) for line in lines[:10]])
        if hit and (found is None or hit[0] < found[0]):
            found = (hit[0], d, hit[1])
    table_like = found or (lines and any(d in lines[0] for d in ",\t;|") and any(
        _columns(re.split(r"[,\t;|]", lines[0]))[f] for f in ("text", "title")))
    if suffix in (".csv", ".tsv", ".xls", ".et") or (head not in ("{", "[") and table_like):
        skip, delim, two = found or (0, "\t" if suffix == ".tsv" else
                                     next((d for d in (",", "\t", ";", "|") if d in (lines or [""])[0]), ","), None)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        try:
            header = next(reader)
            while skip or not any(h.strip() for h in header):  # title lines and blank lines above the header
                skip -= bool(any(h.strip() for h in header))
                header = next(reader)
            header = [h.strip().lstrip("\ufeff") for h in (two or header)]
        except StopIteration:
            raise UnreadableFile(p, "empty file (no posts)") from None
        cols = _check_header(header, str(p))

        physical: list[str] = []

        def swallowed(values: list) -> bool:
            """A record over several lines that is rows run together: an unclosed quote at the start of a value
            ("老赖又跑了… in a database dump that quotes nothing) made the reader take the next lines as its
            text. A text with line breaks, quoted as it should be, has as many values as the header and no row
            of separators inside it."""
            if len(values) != len(header):
                return True
            return any("\n" in v and any(line.count(delim) >= max(1, len(header) - 2) for line in v.split("\n")[1:])
                       for v in values)

        def as_written(k: int):
            """Line ``k`` alone, its quote marks as written (or why it cannot be read)."""
            if not physical:
                physical.extend(io.StringIO(text, newline=""))
            try:
                return next(csv.reader([physical[k - 1].rstrip("\r\n")], delimiter=delim, quoting=csv.QUOTE_NONE), [])
            except csv.Error as e:
                return ValueError(f"not valid CSV ({e})")

        def body():
            rdr, base = reader, 0  # base: the line before the reader's first
            start = rdr.line_num + 1
            while True:
                try:
                    for values in rdr:  # a row is named by the line it starts on (a text may hold line breaks)
                        end = base + rdr.line_num
                        if end > start and swallowed(values):
                            yield start, as_written(start)  # the line with the stray quote; then the others
                            yield from ((k, next(csv.reader([physical[k - 1].rstrip("\r\n")], delimiter=delim), []))
                                        for k in range(start + 1, end + 1))
                        else:
                            yield start, values
                        start = end + 1
                    return
                except csv.Error:
                    # a quote never closed ran on until the reader gave up (a value over 131,072 characters of
                    # the rows after it, or a NUL byte): that row as written, and on from the next line
                    yield start, as_written(start)
                    rdr, base = csv.reader(io.StringIO("".join(physical[start:]), newline=""), delimiter=delim), start
                    start += 1
        return _table_rows(header, body(), str(p)), cols
    if head == "[":  # one JSON array of posts
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as e:
            raise UnreadableFile(p, f"invalid JSON ({e.msg} at line {e.lineno} column {e.colno})") from None
        if isinstance(whole, list):
            return iter(list(enumerate(whole, 1))), None
    if head == "{":  # one JSON object: an API's answer saved whole ({"data": {"list": [...]}}), or one post
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None  # JSON lines
        if isinstance(whole, dict):
            own = _columns(tuple(_flatten(whole)))
            posts = None if own["text"] and own["date"] else _wrapped_posts(whole)  # a post with its comments is a post
            if posts is not None:
                return iter(list(enumerate(posts, 1))), None
    return json_lines(text, bad=ValueError), None


def _wrapped_posts(whole: dict, depth: int = 0) -> list | None:
    """The posts of an API answer or crawler dump saved as one JSON object — ``{"code": 200, "data": {"total":
    N, "list": [...]}}``, Weibo's ``{"data": {"cards": [...]}}`` — : its longest list of objects (searched three
    levels down) whose first object names a text and a date. None when there is none: the object is a post."""
    best = None
    for v in whole.values():
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:50]):
            cols = _columns(tuple(_flatten(v[0])))
            if (cols["text"] or cols["title"]) and cols["date"] and (best is None or len(v) > len(best)):
                best = v
        elif isinstance(v, dict) and depth < 2:
            found = _wrapped_posts(v, depth + 1)
            if found is not None and (best is None or len(found) > len(best)):
                best = found
    return best


# the rows of a table that are no posts: a totals row, a page line of a web table copied page by page, the signature
# lines under a printed register
_TOTAL = re.compile(r"(?:合\s*计|总\s*计|小\s*计|汇\s*总|共\s*计|总数|total\b)", re.I)
_PAGE = re.compile(r"(?:第\s*\d+\s*页[，,、/\s]*)?(?:共\s*\d+\s*页)?(?:[，,、\s]*共\s*\d+\s*条)?|page\s*\d+(?:\s*of\s*\d+)?",
                   re.I)
_FOOTER = re.compile(r"(?:制表|填表|填报|审核|审批|统计|导出|打印|经办|复核)(?:人|单位|日期|时间)|(?:单位)?负责人[：:]|"
                     r"数据来源[：:]|备注[：:]|注[：:]|说明[：:]")
# a column that numbers the rows (序号) restarts on every page of a web table: a repeat is no repeated post
_ROW_NUMBER = ("序号", "行号", "序", "no", "no.", "#")


def _not_a_post(row: dict) -> str | None:
    """Why a table row that is no post is none: a repeated header line, a totals row (合计), a page line (第1页，
    共3页), a footer (制表人：… 审核人：…); None for any other row."""
    values = [str(v).strip() for v in row.values() if str(v).strip()]
    if not values:
        return None
    if sum(_header_key(v) == _header_key(k) for k, v in row.items() if str(v).strip()) >= max(2, len(values) - 1) \
            or _is_header(values):
        return "a repeated header line"
    if _TOTAL.match(values[0]):
        return f"a totals row ({values[0][:20]})"
    if all(_PAGE.fullmatch(v) for v in values) and any(c.isdigit() for c in values[0]):
        return f"a page line ({values[0][:20]})"
    if _FOOTER.match(values[0]):
        return f"a footer line ({values[0][:20]})"
    return None


def read_posts(path: str | Path, errors: list | None = None, passed_over: list | None = None) -> list[Post]:
    """Read posts from JSON lines, one JSON array or an API answer saved whole (``{"data": {"list": [...]}}``;
    nested objects and mongoexport values are read), CSV / TSV (any encoding, e.g. GBK from Excel, UTF-16
    from Excel's Unicode text), an .xlsx workbook's first sheet with a header (a cover sheet before it is
    passed), or an ".xls" that is a web page's table or tab-separated text, with English or Chinese column
    names (诉求内容 / 来电时间 / 所属区域, createTime …). The header may be on two rows (merged cells) under title
    and note rows.

    A bad line raises :class:`UnreadableFile` naming the file and line, or is recorded in ``errors`` as
    ``"FILE:LINE: reason"`` and skipped when a list is given. A line whose id was already read is such a
    bad line: the first post with that id is kept (an id from a 序号 column that restarts on every page of
    a web table is no post's id: such a row is read with its line as its id). A table without a text or date
    column is refused whole. The rows of a table that are no posts — a repeated header line (two exports
    appended, pages copied), a 合计 row, 第1页，共3页, 制表人：… — are passed over, not bad lines: each is
    recorded in ``passed_over`` as ``"FILE:LINE: what it is"`` when a list is given.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise UnreadableFile(p, e.strerror or str(e)) from e
    if not data.strip():
        raise UnreadableFile(p, "empty file (no posts)")
    rows, cols = _rows(data, p)
    posts = []
    seen: dict[str, tuple[int, str, date]] = {}  # id -> (line, text, day) of its first post
    row_numbers = [k for k in (cols or {}).get("id", ()) if _header_key(k) in _ROW_NUMBER]
    for n, row in rows:
        try:
            if isinstance(row, ValueError):
                raise row
            try:
                post = _post_from_row(row, n, p.name, cols)
            except ValueError:
                why = _not_a_post(row) if cols is not None and isinstance(row, dict) else None
                if why is None:
                    raise
                if passed_over is not None:
                    passed_over.append(f"{p}:{n}: {why}")
                continue
            if post.id in seen and seen[post.id][1:] != (post.text, post.date) and any(
                    str(row.get(k, "")).strip() == post.id for k in row_numbers):
                post.id = f"{p.stem}-{n}"  # 序号 1, 2, 3 … again on the next page
            if post.id in seen:  # a post exported twice would count twice in every figure
                first, text0, _ = seen[post.id]
                raise ValueError(f"id {post.id!r} repeats line {first}" +
                                 (" (the same post; skipped)" if post.text == text0 else " with another text; skipped"))
            seen[post.id] = (n, post.text, post.date)
            posts.append(post)
        except ValueError as e:
            if errors is None:
                raise UnreadableFile(f"{p}:{n}", str(e)) from None
            errors.append(f"{p}:{n}: {e}")
    _full_district_names(posts)
    return posts


def _full_district_names(posts: list[Post]) -> None:
    """A district written short on some rows (滨江, 西湖) and in full on others (滨江区) is counted once, under
    its full name: a short name is renamed when exactly one of its full forms (+区, +县, +市) is in the file."""
    names = {p.district for p in posts}
    rename = {}
    for name in names:
        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) and not name.endswith(("区", "县", "市", "旗", "镇", "乡", "街道")):
            full = [name + u for u in ("区", "县", "市") if name + u in names]
            if len(full) == 1:
                rename[name] = full[0]
    if rename:
        for post in posts:
            post.district = rename.get(post.district, post.district)


def posts_from_store(store, since: str | None = None, until: str | None = None,
                     errors: list | None = None) -> list[Post]:
    """The store's documents of kind ``post`` (``published`` → date, ``region`` → district)."""
    posts = []
    for doc in store.iter(kind="post", since=since, until=until):
        try:
            when = doc.published or doc.metadata.get("date")
            district = doc.region or next((str(doc.metadata[k]) for k in _DISTRICT_KEYS if doc.metadata.get(k)),
                                          "未知")
            posts.append(Post(id=doc.id, text=doc.text, date=parse_date(when), district=_district_name(district) or "未知",
                              fields=dict(doc.metadata)))
        except ValueError as e:
            if errors is not None:
                errors.append(f"{doc.id}: {e}")
    return posts


def cases_from_store(store, limit: int | None = None) -> list[tuple[str, str, dict]]:
    """Mediation cases in the store as ``(id, text, fields)`` records for repeat-party matching."""
    return [(doc.id, doc.text, dict(doc.metadata)) for doc in store.iter(kind="mediation", limit=limit)]


# -- statutes ------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _statute_table() -> dict:
    return json.loads((files("fazhi.scan") / "data" / "statutes.json").read_text(encoding="utf-8"))


def related_statutes(dispute_type: str | None, texts: Sequence[str], cues: Iterable[str] = (),
                     top: int = 3) -> list[dict]:
    """The statutes most related to a group of posts: the dispute type's table entries and those of its
    risk cues, ranked by how many of the texts mention each entry's keywords.

    >>> [s["citation"] for s in related_statutes("借贷", ["借钱不还还说利息太高"], top=2)]
    ['《中华人民共和国民法典》第六百七十五条', '《中华人民共和国民法典》第六百七十六条']
    """
    table = _statute_table()
    cands: list[tuple[float, int, dict]] = []
    seen = set()
    entries = [(e, 1.0) for e in table["types"].get(dispute_type or "", [])]
    for cue in dict.fromkeys(cues):
        entries += [(e, 0.5) for e in table["risk"].get(cue, [])]
    for order, (e, base) in enumerate(entries):
        key = e["citation"]
        if key in seen:
            continue
        seen.add(key)
        hits = sum(1 for t in texts if any(k in t for k in e["keywords"]))
        score = base + hits / max(len(texts), 1) * 2
        cands.append((score, -order, e))
    cands.sort(key=lambda c: (-c[0], -c[1]))
    return [{"citation": e["citation"], "law": e["law"], "article": e["article"], "excerpt": e["excerpt"],
             "score": round(s, 3)} for s, _, e in cands[:top]]


# -- the scan ------------------------------------------------------------------------------------------
# the hotline's own lead-in of a record (来电人反映：, 诉求人称, 市民来电咨询：, 网友爆料：), which says nothing of the case
_LEAD_IN = re.compile(r"^\s*(?:\d{4,5}\s*来电[：:]\s*)?(?:(?:来电人|诉求人|反映人|投诉人|市民|群众|网友|村民|业主|当事人)"
                      r"(?:来电|致电|通过[^，,。：:]{1,8})?(?:反映|称|咨询|表示|投诉|求助|爆料|留言)(?!人)[：:，,]?"
                      r"|(?:来电)?(?:反映|咨询|投诉|求助|爆料|留言|诉求)[：:])\s*")
_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+[，,。；;！!？?\n]?")
_BREAK = re.compile(r"[，,。；;！!？?\n]")


def _summary_text(text: str, signals: Sequence[dict], size: int = 60) -> str:
    """A post's text as a cluster's summary: without the hotline's lead-in, with phone and ID numbers masked
    (a summary is shown in the report; identities leave the scan masked), cut to about ``size`` characters
    — and when the weightiest escalation cue lies past the cut (将集体到区政府讨说法 at the end of a long
    complaint), its clause is added after ``……``, since that is what an analyst reads the cluster for."""
    from fazhi.scan.parties import _ASCII_DIGITS, ID_CARD_REGEX, PHONE_REGEX, mask

    def masked(t: str) -> str:
        t = t.translate(_ASCII_DIGITS)  # a number typed in full-width digits (１３９…) is masked too
        t = ID_CARD_REGEX.sub(lambda m: mask("id_card", m.group(1)), t)
        return PHONE_REGEX.sub(lambda m: mask("phone", re.sub(r"\D", "", m.group())), t)

    lead = _LEAD_IN.match(text)
    offset = lead.end() if lead and lead.end() < len(text) else 0
    chain = [m for m in _REPOST.finditer(text)]
    if chain and chain[-1].end() < len(text):  # a repost (转//@城市热点:【扩散】…) is summed up by what it reposts
        offset = max(offset, chain[-1].end())
    body = text[offset:]
    if len(body) <= size + 10:
        return masked(body)
    head = body[:size]
    # the clause whose escalation cues weigh most (将集体到区政府讨说法: 集体 + 到区政府)
    weight: dict[int, int] = {}
    for sig in signals:
        if sig.get("cue") not in ("wage_arrears", "complaint") and sig["start"] >= offset:
            start = max((m.end() for m in _BREAK.finditer(text, offset, sig["start"])), default=offset)
            weight[start] = weight.get(start, 0) + sig["severity"]
    if not weight:
        return masked(head) + "……"
    start = max(weight, key=lambda k: (weight[k], k))  # a tie goes to the later clause: what will be done
    if start - offset < size - 10:
        return masked(head) + "……"
    m = _CLAUSE.match(text, start)
    end = m.end() if m else len(text)
    if any(sig.get("conditional") and start <= sig["start"] < end for sig in signals) and start > offset:
        # a conditional threat with its condition (若本月底前仍不交房，将集体到区政府讨说法)
        start = max((m.end() for m in _BREAK.finditer(text, offset, start - 1)), default=offset)
    clause = text[start:end].rstrip("，,；;\n")
    return masked(body[:size - 20].rstrip("，,；;")) + "……" + masked(clause)


def _others_ratio(total: Counter, counts: Counter, a: date, b: date, start: date, end: date) -> float:
    """How many times their usual the posts outside a series were over days ``a``..``b``: their sum there
    against the mean daily count of the other days, times the number of days (1.0 when unknown). The mean, as
    the series' EWMA baseline averages weekdays and weekends alike: against the median (a weekday) every
    weekday of a 12345 stream with quiet weekends was 'usual' while the baseline was a quarter below it, and
    a Monday's ordinary surge raised alerts (streams audit: 3 of 9 false alerts)."""
    days = [start + timedelta(i) for i in range((end - start).days + 1)]
    rest = [total.get(d, 0) - counts.get(d, 0) for d in days]
    inside = [r for d, r in zip(days, rest) if a <= d <= b]
    outside = sorted(r for d, r in zip(days, rest) if not a <= d <= b)
    if not inside or len(outside) < 7:
        return 1.0
    usual = sum(outside) / len(outside)
    return sum(inside) / (usual * len(inside)) if usual > 0 else 1.0


# a repost as Weibo writes it (评论//@原博:原文) and as exports render it (转发了@原博 的微博：原文)
_REPOST = re.compile(r"//\s*@[^:：\s/]{1,30}\s*[:：]|转发了?\s*@[^:：\s/]{1,30}\s*的微博\s*[:：]")


def _repeated_reposts(texts: Sequence[str]) -> set[int]:
    """Indices of reposts whose reposted text (after the last ``//@name:``) was already seen, as an earlier
    repost's or as an earlier post's whole text (compared normalised, at least 10 characters)."""
    from fazhi.scan.clusters import normalise

    seen: set[str] = set()
    out: set[int] = set()
    for i, t in enumerate(texts):
        parts = _REPOST.split(t)
        if len(parts) > 1:
            src = normalise(parts[-1])
            if len(src) >= 10:
                if src in seen:
                    out.add(i)
                seen.add(src)
        else:
            whole = normalise(t)
            if len(whole) >= 10:
                seen.add(whole)
    return out


def _mode(values):
    return Counter(values).most_common(1)[0][0] if values else None


def scan(posts: Sequence[Post], model=None, since: str | date | None = None, until: str | date | None = None,
         cases: Iterable[tuple[str, str, dict]] = (), burst_params: dict | None = None,
         cluster_params: dict | None = None, recent_days: int = 7, min_type_district: int = 3,
         progress=None) -> dict:
    """Scan posts; returns the JSON-able result (see docs/scan.md for every key).

    Args:
        posts: the posts (:func:`read_posts`, :func:`posts_from_store`).
        model: a :class:`~fazhi.scan.classify.DisputeClassifier`, a model path, or None for the default.
        since, until: keep posts dated in this range (inclusive).
        cases: ``(id, text, fields)`` mediation cases, searched for the same parties as the posts.
        burst_params: overrides of :data:`fazhi.scan.bursts.DEFAULTS`.
        cluster_params: overrides of :data:`fazhi.scan.clusters.DEFAULTS`.
        recent_days: the window of new-term detection.
        min_type_district: a type × district series is tested for bursts only when it has this many posts.
        progress: a callable ``advance(n)`` called as posts are classified.
    """
    from fazhi.scan.bursts import DEFAULTS as BURST_DEFAULTS
    from fazhi.scan.bursts import detect_bursts, poisson_score, renamed_series
    from fazhi.scan.classify import DisputeClassifier, default_model
    from fazhi.scan.clusters import near_duplicate_groups
    from fazhi.scan.parties import repeat_parties, same_day_repeats
    from fazhi.scan.risk import LEVELS, assess
    from fazhi.scan.terms import new_terms

    lo = parse_date(since) if since else None
    hi = parse_date(until) if until else None
    posts = [p for p in posts if (lo is None or p.date >= lo) and (hi is None or p.date <= hi)]
    posts.sort(key=lambda p: (p.date, p.id))
    result: dict = {"posts": len(posts), "period": None, "by_type": {}, "by_district": {}, "counts": [],
                    "alerts": [], "clusters": [], "new_terms": [], "repeat_parties": [],
                    "risk": {"levels": {lv: 0 for lv in LEVELS}, "high": []}, "items": []}
    if not posts:
        return result
    if model is None:
        model = default_model()
    elif not isinstance(model, DisputeClassifier):
        model = DisputeClassifier.load(model)

    texts = [p.text for p in posts]
    preds = []
    for b in range(0, len(texts), 2000):
        preds.extend(model.predict(texts[b:b + 2000], explain=False))
        if progress:
            progress(min(2000, len(texts) - b))
    risks = [assess(t) for t in texts]
    items = []
    for p, pred, risk in zip(posts, preds, risks):
        items.append({"id": p.id, "date": p.date.isoformat(), "district": p.district, "type": pred["type"],
                      "probability": pred["probability"], "risk": risk["level"], "urgency": risk["urgency"],
                      "signals": [{"text": s["text"], "start": s["start"], "end": s["end"], "cue": s["cue"],
                                   "severity": s["severity"], "conditional": s["conditional"]}
                                  for s in risk["signals"]]})
    start, end = posts[0].date, posts[-1].date
    result["period"] = {"start": start.isoformat(), "end": end.isoformat(), "days": (end - start).days + 1}

    # counts by type x district x day
    cube = Counter((it["type"], it["district"], p.date) for it, p in zip(items, posts))
    # A Weibo repost (评论//@原博:原文) of a post already counted tells of the same incident again: forty reposts
    # of one viral post over two days raised a 医疗 alert in every district they came from. The counts keep
    # every post; the burst series count each reposted text once, on its first day.
    repeats = _repeated_reposts(texts)
    # One caller ringing fifteen times in an evening about her neighbour is one person with one dispute (a repeat
    # party), not fifteen raising an emerging one: the burst series count a person once a day per type.
    same_caller = same_day_repeats([(p.date, p.text, p.fields, it["type"]) for it, p in zip(items, posts)]) - repeats
    skip = repeats | same_caller
    # A district merged into another (its posts written under the other's name from one day on) goes on under
    # that name in the burst series, so the merger raises no alert for the district that took it over.
    by_dist: dict[str, Counter] = defaultdict(Counter)
    for i, (it, p) in enumerate(zip(items, posts)):
        if i not in skip:
            by_dist[it["district"]][p.date] += 1
    renamed = renamed_series(by_dist, start, end)
    alias = {a: b for a, (b, _) in renamed.items()}
    burst_cube = Counter((it["type"], alias.get(it["district"], it["district"]), p.date)
                         for i, (it, p) in enumerate(zip(items, posts)) if i not in skip)
    if repeats:
        result["reposts"] = len(repeats)
    if same_caller:
        result["same_caller_repeats"] = len(same_caller)
    if renamed:
        result["renamed_districts"] = [{"district": a, "as": b, "since": d.isoformat()} for a, (b, d) in renamed.items()]
    result["counts"] = [{"date": d.isoformat(), "district": dist, "type": t, "count": n}
                        for (t, dist, d), n in sorted(cube.items(), key=lambda kv: (kv[0][2], kv[0][1], kv[0][0]))]
    result["by_type"] = dict(Counter(it["type"] for it in items).most_common())
    result["by_district"] = dict(Counter(it["district"] for it in items).most_common())

    # bursts
    bp = dict(burst_params or {})
    series: dict[tuple[str | None, str | None], Counter] = defaultdict(Counter)
    for (t, dist, d), n in burst_cube.items():
        series[(t, None)][d] += n
        series[(None, dist)][d] += n
        series[(t, dist)][d] += n
    alerts = []
    total: Counter = Counter()
    for (t, dist, d), n in burst_cube.items():
        total[d] += n
    threshold = bp.get("threshold", BURST_DEFAULTS["threshold"])
    for (t, dist), counts in series.items():
        if t is not None and dist is not None and (sum(counts.values()) < min_type_district
                                                   or counts == series[(t, None)]):
            continue  # too few posts, or all of the type's posts (one district, or none known): the type's alert
        for b in detect_bursts(counts, start, end, **bp):
            # A rise of every post at once (the backlog of the day after a holiday, every district and type
            # 1.7 times its usual) is no emerging dispute of one district: the series' expected count is
            # scaled by how much all the other posts rose over the same days, and the alert must still pass.
            ratio = _others_ratio(total, counts, b.start, b.end, start, end)
            if ratio > 1 and poisson_score(b.count, b.baseline * ratio) < threshold:
                continue
            idx = [i for i, (it, p) in enumerate(zip(items, posts))
                   if i not in skip and b.start <= p.date <= b.end and (t is None or it["type"] == t)
                   and (dist is None or alias.get(it["district"], it["district"]) == dist)]
            members = [items[i] for i in idx]
            a = {"type": t, "district": dist, "start": b.start.isoformat(), "end": b.end.isoformat(),
                 "count": b.count, "baseline": round(b.baseline, 2), "score": round(b.score, 2),
                 "scope": "type" if dist is None else "district" if t is None else "type×district",
                 "peak": b.peak.isoformat()}
            if t is None:
                a["top_types"] = dict(Counter(m["type"] for m in members).most_common(3))
            if dist is None:
                a["top_districts"] = dict(Counter(m["district"] for m in members).most_common(3))
            a["risk"] = max((m["risk"] for m in members), key=LEVELS.index, default="none")
            a["ids"] = [m["id"] for m in members][:50]
            a["statutes"] = related_statutes(t or _mode([m["type"] for m in members]), [texts[i] for i in idx],
                                             [s["cue"] for m in members for s in m["signals"]])
            alerts.append(a)
    alerts.sort(key=lambda a: (-a["score"], a["start"], a["type"] or "", a["district"] or ""))
    result["alerts"] = alerts

    # near-duplicate clusters
    cp = dict(cluster_params or {})
    clusters = []
    # members that came in together: a formula that recurs all period long is no coordinated complaint
    for group in near_duplicate_groups(texts, days=[p.date for p in posts], **cp):
        members = [items[i] for i in group]
        ctexts = [texts[i] for i in group]
        ctype = _mode([m["type"] for m in members])
        dates = sorted(m["date"] for m in members)
        rep = min(group, key=lambda i: len(texts[i]))  # the shortest member stands for the cluster
        summary = f"{ctype}：{_summary_text(texts[rep], items[rep]['signals'])}"
        clusters.append({
            "size": len(group), "district": _mode([m["district"] for m in members]), "date": dates[0],
            "ids": [m["id"] for m in members], "risk": max((m["risk"] for m in members), key=LEVELS.index),
            "summary": summary, "type": ctype, "start": dates[0], "end": dates[-1],
            "districts": dict(Counter(m["district"] for m in members).most_common()),
            "signals": sorted({s["text"] for m in members for s in m["signals"]}),
            "statutes": related_statutes(ctype, ctexts, [s["cue"] for m in members for s in m["signals"]])})
        if reposted := sum(1 for i in group if i in repeats):
            clusters[-1]["reposts"] = reposted  # copies of one post shared again, not posts written alike
    clusters.sort(key=lambda c: (-c["size"], c["date"]))
    result["clusters"] = clusters

    # new terms, repeat parties, risk summary
    result["new_terms"] = new_terms([(p.date, p.text) for p in posts], recent_days=recent_days, end=end)
    records = [(p.id, p.text, p.fields) for p in posts]
    case_ids = set()
    for rid, text, fields in cases:
        case_ids.add(rid)
        records.append((rid, text, fields))
    parties = []
    for party in repeat_parties(records):
        post_ids = [i for i in party["ids"] if i not in case_ids]
        if not post_ids:
            continue  # parties seen only in cases are not the scan's business
        party["posts"] = post_ids
        party["cases"] = [i for i in party["ids"] if i in case_ids]
        by_id = {it["id"]: it for it in items}
        party["types"] = dict(Counter(by_id[i]["type"] for i in post_ids).most_common())
        party["districts"] = dict(Counter(by_id[i]["district"] for i in post_ids).most_common())
        parties.append(party)
    result["repeat_parties"] = parties
    levels = Counter(it["risk"] for it in items)
    result["risk"] = {"levels": {lv: levels.get(lv, 0) for lv in LEVELS},
                      # with what the post says, masked, so the analyst need not open the export for each one
                      "high": [dict(items[i], summary=_summary_text(texts[i], items[i]["signals"]))
                               for i in range(len(items)) if items[i]["risk"] == "high"][:100]}
    result["items"] = items
    return result
