"""``flk``: the national database of laws and regulations (国家法律法规数据库), through its JSON API.

API, as public crawlers use it::

    GET  {base_url}/api/?searchType=title;accurate;1,9&sortTr=f_bbrq_s;desc&page=N&size=10
         -> {"result": {"data": [{"id", "title", "office", "publish", "expiry", "type", "status", ...}],
                        "totalSizes": N}}
    POST {base_url}/api/detail   form id=...
         -> {"result": {"title", "level", "office", "publish", "expiry", "status",
                        "body": [{"type": "HTML" | "WORD" | "PDF", "url": "/..."}]}}
    GET  {files_url}{url}        the body; HTML bodies keep their paragraphs in ``div.law-content p``

``publish`` is the promulgation date (公布日期, stored as ``published``), ``expiry`` the date the law
takes effect (施行日期, stored as ``metadata["effective"]``). ``status`` is 有效 / 已修改 / 已废止 / 尚未生效
(the API's numeric codes 1 / 5 / 9 / 3 are mapped to these). Each law is stored with kind ``regulation``
under the id of its page ``{base_url}/detail2.html?{id}``, so re-crawls update it rather than add it
again.

Spider arguments (``-a name=value``): ``base_url``, ``files_url``, ``size`` (page size, 10),
``max_pages`` (list pages to read), ``search_type`` and ``sort`` (the API's ``searchType``/``sortTr``),
``prefer`` (body formats in order of preference, default ``HTML,WORD,PDF``).
"""
from __future__ import annotations

import json
import math
from urllib.parse import urlencode

import scrapy

from fazhi.crawlers.items import LawItem, law_status
from fazhi.crawlers.spiders.base import FazhiSpider, count_arg, file_name, parse_date, unreadable

__all__ = ["FlkSpider", "STATUS_CODES", "normalise_status"]

STATUS_CODES = {"1": "有效", "3": "尚未生效", "5": "已修改", "9": "已废止", "7": "已废止"}


def normalise_status(value) -> str:
    """The status as 有效 / 已修改 / 已废止 / 尚未生效 (unknown values are kept, and fail validation).

    >>> normalise_status("9"), normalise_status("有效"), normalise_status("现行有效"), normalise_status(None)
    ('已废止', '有效', '有效', '')
    """
    if value is None:
        return ""
    return STATUS_CODES.get(str(value).strip()) or law_status(value)


def _not_json(what: str, response, error: Exception) -> str:
    """Why an flk API answer could not be read: an empty or binary body, else the JSON error and the
    Content-Type (an HTML error or verification page in place of JSON)."""
    problem = unreadable(response, f"an flk {what} response")
    if problem:
        return problem
    ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").split(";")[0].strip() or "none"
    return f"not an flk {what} response (Content-Type: {ctype}): {' '.join(str(error).split())[:120]}"


class FlkSpider(FazhiSpider):
    name = "flk"
    kind = "regulation"

    def __init__(self, *args, base_url="https://flk.npc.gov.cn", files_url="https://wb.flk.npc.gov.cn",
                 size=10, search_type="title;accurate;1,9", sort="f_bbrq_s;desc", prefer="HTML,WORD,PDF",
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.base_url = base_url.rstrip("/")
        self.files_url = files_url.rstrip("/")
        self.size = count_arg("size", size) or 10
        self.search_type = search_type
        self.sort = sort
        self.prefer = [p.strip().upper() for p in prefer.split(",") if p.strip()]

    async def start(self):
        yield self.list_request(1)

    def list_url(self, page: int) -> str:
        query = urlencode({"searchType": self.search_type, "sortTr": self.sort, "page": page, "size": self.size},
                          safe=";,")
        return f"{self.base_url}/api/?{query}"

    def list_request(self, page: int) -> scrapy.Request:
        return scrapy.Request(self.list_url(page), callback=self.parse_list, cb_kwargs={"page": page})

    def parse_list(self, response, page):
        try:
            result = json.loads(response.text)["result"]
            rows, total = result.get("data") or [], int(result.get("totalSizes") or 0)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            self.logger.error("%s: not an flk list response (%s)", response.url, e)
            self.stat("bad_responses")
            self.skip(response.url, _not_json("list", response, e))
            return
        for row in rows:
            if not row.get("id"):
                continue
            yield scrapy.FormRequest(f"{self.base_url}/api/detail", formdata={"id": str(row["id"])},
                                     callback=self.parse_detail, cb_kwargs={"row": row})
        if page == 1:
            # An API that caps its page size serves fewer rows than asked (size=50 → 10 rows a page, offsets
            # counted in tens): the pages to read are counted in the rows it serves, or laws were missed.
            served = len(rows) if 0 < len(rows) < min(self.size, total) else self.size
            if served != self.size:
                self.logger.info("%s serves %d rows a page (asked for %d)", response.url, served, self.size)
            pages = math.ceil(total / served) if served else 1
            if self.max_pages:
                pages = min(pages, self.max_pages)
            for p in range(2, pages + 1):
                yield self.list_request(p)

    def parse_detail(self, response, row):
        try:
            res = json.loads(response.text)["result"]
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            self.logger.error("%s (id=%s): not an flk detail response (%s)", response.url, row.get("id"), e)
            self.stat("bad_responses")
            self.skip(f"{self.base_url}/detail2.html?{row.get('id')}", _not_json("detail", response, e))
            return
        if not isinstance(res, dict):  # {"result": null, "success": false, "msg": ...}: no such law (any more)
            try:
                said = json.loads(response.text).get("msg")
            except (ValueError, AttributeError):
                said = None
            self.stat("bad_responses")
            why = "the flk detail response holds no law" + (f" ({' '.join(str(said).split())[:120]})" if said else "")
            self.skip(f"{self.base_url}/detail2.html?{row.get('id')}", why)
            return
        law_id = str(row["id"])
        prov = self.provenance(response)
        item = LawItem(
            url=f"{self.base_url}/detail2.html?{law_id}", law_id=law_id,
            title=(res.get("title") or row.get("title") or "").strip(),
            office=(res.get("office") or row.get("office") or "").strip(),
            level=(res.get("level") or row.get("type") or "").strip(),
            status=normalise_status(res.get("status") or row.get("status")),
            published=parse_date(res.get("publish") or row.get("publish")),
            effective=parse_date(res.get("expiry") or row.get("expiry")),
            http_status=prov["http_status"], fetched_at=prov["fetched_at"], body_hash=prov["body_hash"])
        # the API names a body file by "url" or, as flk itself answers, by "path"; several formats may be
        # offered, and when the preferred one cannot be fetched or read the next one is tried
        offered = [(str(b.get("type", "")).strip().upper(), str(b.get("url") or b.get("path") or "").strip())
                   for b in res.get("body") or [] if isinstance(b, dict)]
        bodies = [(fmt, url) for want in self.prefer for fmt, url in offered if fmt == want and url]
        if not bodies:
            kinds = ", ".join(sorted({fmt for fmt, _ in offered if fmt})) or "none"
            self.logger.warning("%s: no body file in %s", item.title, ", ".join(self.prefer))
            item.extra["body_error"] = (f"no body file to fetch (formats offered: {kinds}; "
                                        f"wanted: {', '.join(self.prefer)})")
            yield item  # validation drops it (no text) and counts it
            return
        steps = [{"url": url if url.startswith("http") else self.files_url + "/" + url.lstrip("/"), "role": "body",
                  "format": fmt, "unless_text": i > 0, "of": len(bodies)} for i, (fmt, url) in enumerate(bodies)]
        item.body_format, item.body_url = steps[0]["format"], steps[0]["url"]
        yield from self.chain(item, steps)

    def handle_step(self, response, item, step):
        if step.get("role") != "body":
            return super().handle_step(response, item, step)
        if step["format"] == "HTML":
            paras = []
            for p in response.css("div.law-content p"):
                line = " ".join("".join(p.xpath(".//text()").getall()).split())
                if line:
                    paras.append(line)
            text = "\n".join(paras)
            problem = None if text else "no paragraphs in div.law-content"
        else:
            try:
                text = self.convert(response.body, file_name(response.url))
                problem = None if text.strip() else "no text in the file"
            except Exception as e:  # noqa: BLE001 - recorded; the next format is tried, else the item fails
                text, problem = "", " ".join(str(e).split())
        if problem:
            self.step_failed(item, step, problem)
            return
        item.text = text
        item.body_format, item.body_url = step["format"], step["url"]
        item.body_hash = self.provenance(response)["body_hash"]
        item.extra.pop("body_error", None)  # an earlier format failed, this one did not

    def step_failed(self, item, step, reason, http_status=None):
        if step.get("role") == "body":
            self.logger.warning("%s: body %s failed (%s)", item.title, step["url"], reason)
            said = f"{step['format']} {step['url']}: {reason}" if step.get("of", 1) > 1 else reason
            item.extra["body_error"] = "; ".join(filter(None, [item.extra.get("body_error"), said]))
            self.stat("bodies_failed")
            return
        super().step_failed(item, step, reason, http_status)
