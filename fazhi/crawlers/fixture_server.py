"""A local HTTP server for the bundled fixture sites: the crawl tests, ``fazhi demo`` and the benchmark
crawl it on 127.0.0.1 (never anything beyond loopback).

It serves ``fazhi/crawlers/data/site`` (or another folder) as static files, plus:

- ``/api/`` (GET) and ``/api/detail`` (POST ``id=``): the flk JSON API over ``flk/laws.json`` (a law with
  ``"gone": true`` is listed, but its detail is ``{"result": null}``, as for a law the database withdrew);
- ``name.v2.ext`` is served for ``name.ext`` once :attr:`FixtureServer.generation` is 2 or more (a page
  that changes between two crawls);
- ``X.docx`` is built with python-docx from ``X.docx.txt``, ``X.pdf`` with reportlab from ``X.pdf.txt`` and
  ``X.png`` drawn from ``X.png.txt`` when only the ``.txt`` exists (binary fixtures stay reviewable text in
  git);
- ``/status/NNN`` answers with that status; ``/flaky/PATH`` answers 503 the first time, then PATH;
  ``/slow/PATH`` waits :attr:`slow_seconds` before answering PATH; ``/loop/a.html`` and ``/loop/b.html``
  redirect to each other; ``/redirect/PATH`` redirects (301) to ``/PATH``; ``/hops/N/PATH`` redirects N
  times before ``/PATH``; ``/offsite/PATH`` redirects to ``/PATH`` on ``localhost`` (another host name for
  the same loopback server);
- ``/ratelimit/PATH`` answers 429 with ``Retry-After:`` :attr:`retry_after` until that many seconds after
  its first request, then PATH; ``/download.jsp?file=PATH&name=NAME`` sends PATH as ``application/octet-stream``
  with ``Content-Disposition: attachment; filename*=UTF-8''NAME`` (a download script with a Chinese file
  name); ``/endless/PATH?page=N`` sends PATH with ``{next}`` replaced by N+1 (pagination that never ends,
  every page the same);
- a path parameter (``art_1.html;jsessionid=…``) is ignored, as Java servers do;
- ``/bench/list/N.html`` and ``/bench/page/N.html``: a generated board of any size for the benchmark.

HTML files are sent as ``text/html`` without a charset (so the crawler must read the page's ``<meta>``
or detect the encoding); files named ``*.gb2312.html`` are sent with ``charset=gb2312`` in the header.

Examples:
    >>> import urllib.request
    >>> with FixtureServer() as server:
    ...     body = urllib.request.urlopen(server.url + "/robots.txt").read().decode()
    >>> "Disallow" in body
    True
"""
from __future__ import annotations

import io
import json
import math
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

__all__ = ["FixtureServer", "SITE_DIR", "docx_bytes", "pdf_bytes", "png_bytes", "bench_page"]

SITE_DIR = Path(__file__).resolve().parent / "data" / "site"
BENCH_LINKS_PER_LIST = 50

_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain; charset=utf-8",
          ".json": "application/json", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".doc": "application/msword"}


def docx_bytes(text: str) -> bytes:
    """A .docx whose paragraphs are the lines of ``text`` (the first line is also the document title)."""
    import docx

    d = docx.Document()
    lines = [line for line in text.splitlines() if line.strip()]
    if lines:
        d.core_properties.title = lines[0].strip()
    for line in lines:
        d.add_paragraph(line.strip())
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF with a text layer holding the lines of ``text`` (needs reportlab, a test extra)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 14)
    for i, line in enumerate(line for line in text.splitlines() if line.strip()):
        c.drawString(72, 760 - 24 * i, line.strip())
    c.save()
    return buf.getvalue()


def png_bytes(text: str, width: int = 900) -> bytes:
    """A white PNG with ``text`` drawn in black, one line per line (a scanned notice), with a CJK font
    when one is installed."""
    from PIL import Image, ImageDraw, ImageFont

    font = None
    for path in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                 "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"):
        if Path(path).exists():
            font = ImageFont.truetype(path, 32)
            break
    font = font or ImageFont.load_default()
    lines = [line for line in text.splitlines() if line.strip()] or [" "]
    img = Image.new("L", (width, 60 + 50 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((30, 30 + 50 * i), line, fill=0, font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


_BENCH_TEXT = ("小区楼上住户卫生间漏水，导致我家天花板发霉脱落，多次协商未果，物业称无法处理。"
               "请求社区和人民调解委员会介入，督促维修并赔偿损失。") * 6


def bench_page(n: int) -> bytes:
    """A generated board post (distinct text for every ``n``)."""
    return (f'<html><head><meta charset="utf-8"><title>来信{n}</title></head><body>'
            f'<h1>关于第{n}号来信的答复</h1><span class="date">2024-{1 + n % 12:02d}-{1 + n % 28:02d}</span>'
            f'<span class="district">区{n % 13}</span><div class="body"><p>编号{n}：{_BENCH_TEXT}</p></div>'
            f'<div class="reply"><p>答复{n}：已转交属地街道处理。</p></div></body></html>').encode("utf-8")


def bench_list(n: int, pages: int) -> bytes:
    start = (n - 1) * BENCH_LINKS_PER_LIST
    links = "".join(f'<li><a href="/bench/page/{i}.html">来信{i}</a></li>'
                    for i in range(start, start + BENCH_LINKS_PER_LIST))
    nxt = f'<a class="next" href="/bench/list/{n + 1}.html">下一页</a>' if n < pages else ""
    return f'<html><head><meta charset="utf-8"></head><body><ul class="posts">{links}</ul>{nxt}</body></html>'.encode()


_GENERATORS = {".docx": docx_bytes, ".png": png_bytes, ".pdf": pdf_bytes}


class FixtureServer:
    """A threaded HTTP server on 127.0.0.1 serving a fixture site; use as a context manager.

    Attributes:
        url: ``http://127.0.0.1:PORT``.
        generation: set to 2 to serve the ``.v2`` variants of changing pages.
        slow_seconds: how long ``/slow/...`` waits.
        retry_after: the seconds ``/ratelimit/...`` asks for in its ``Retry-After`` header.
        hits: a Counter of request paths (thread-safe enough for tests: increments under a lock).
        validators: set True to send ``ETag`` and ``Last-Modified`` with static files and answer
            ``If-None-Match`` / ``If-Modified-Since`` with 304 (``not_modified`` counts them).
        requests: ``(time.monotonic(), path)`` of each request, in the order they arrived (request spacing).
        bench_pages: how many generated pages ``/bench/`` lists.
    """

    def __init__(self, root: str | Path | None = None, port: int = 0, slow_seconds: float = 3.0,
                 bench_pages: int = 1000, quiet: bool = True, retry_after: float = 1.0):
        self.root = Path(root) if root else SITE_DIR
        self.generation = 1
        self.slow_seconds = slow_seconds
        self.retry_after = retry_after
        self._limited: dict[str, float] = {}
        self.bench_pages = bench_pages
        self.hits: Counter = Counter()
        self.requests: list[tuple[float, str]] = []
        #: send ETag / Last-Modified with static files and answer conditional requests with 304
        self.validators = False
        #: the flk API's largest page (None: as many rows as asked)
        self.api_max_size: int | None = None
        self.not_modified = 0
        self._lock = threading.Lock()
        self._flaky_seen: set[str] = set()
        self._cache: dict[str, bytes] = {}
        server = self

        class Handler(_Handler):
            fixture = server

        Handler.quiet = quiet
        self.httpd = _Server(("127.0.0.1", port), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread: threading.Thread | None = None

    def __repr__(self):
        return f"<FixtureServer {self.url} {self.root}>"

    def start(self) -> "FixtureServer":
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="fixture-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def hit(self, path: str) -> None:
        with self._lock:
            self.hits[path] += 1
            self.requests.append((time.monotonic(), path))

    def first_time(self, path: str) -> bool:
        with self._lock:
            if path in self._flaky_seen:
                return False
            self._flaky_seen.add(path)
            return True

    def limited(self, path: str) -> bool:
        """Whether ``/ratelimit/PATH`` still answers 429 (less than :attr:`retry_after` since its first hit)."""
        now = time.monotonic()
        with self._lock:
            first = self._limited.setdefault(path, now)
        return now - first < self.retry_after

    # -- content --------------------------------------------------------------------------------------
    def file(self, rel: str) -> bytes | None:
        """Bytes of a site file, honouring generations and the .docx/.png generators."""
        rel = rel.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        p = (self.root / rel).resolve()
        if self.root.resolve() not in p.parents:
            return None
        if self.generation >= 2:
            v2 = p.with_name(f"{p.stem}.v2{p.suffix}")
            if v2.exists():
                return v2.read_bytes()
            v2txt = p.with_name(f"{p.stem}.v2{p.suffix}.txt")
            if v2txt.exists():
                p = p.with_name(f"{p.stem}.v2{p.suffix}")
        if p.is_file():
            return p.read_bytes()
        src = p.with_name(p.name + ".txt")
        if p.suffix in _GENERATORS and src.is_file():
            key = f"{src}:{src.stat().st_mtime}"
            if key not in self._cache:
                try:
                    self._cache[key] = _GENERATORS[p.suffix](src.read_text(encoding="utf-8"))
                except ImportError:  # reportlab (for .pdf) is a test extra
                    return None
            return self._cache[key]
        return None

    def laws(self) -> list[dict]:
        data = self.file("flk/laws.json")
        return json.loads(data) if data else []


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default 5 drops connections when a crawler opens 16 at once

    def handle_error(self, request, client_address):
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the crawler gave up on a slow page and closed the connection: expected
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body in two writes wait on delayed ACKs (~40 ms)
    server_version = "fazhi-fixture/1"
    fixture: FixtureServer
    quiet = True

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        if not self.quiet:
            super().log_message(format, *args)

    def send(self, status: int, body: bytes = b"", ctype: str = "text/html", headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(body)  # one write for headers and body
        self.flush_headers()

    def send_json(self, obj, status: int = 200):
        self.send(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def not_found(self):
        self.send(404, b"<html><body><h1>404 Not Found</h1></body></html>")

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        fx = self.fixture
        fx.hit(path)
        # a Java server's path parameters (art_1.html;jsessionid=1A2B…, the session of a client without
        # cookies) name no other file
        path = re.sub(r";[^/]*", "", path)
        if path == "/api/":
            return self.flk_list(parse_qs(parts.query))
        if path.startswith("/status/"):
            code = int(path.split("/")[2].split(".")[0])
            return self.send(code, f"<html><body>status {code}</body></html>".encode())
        if path.startswith("/flaky/"):
            if fx.first_time(path):
                return self.send(503, b"<html><body>busy, try again</body></html>")
            path = path[len("/flaky"):]
        if path.startswith("/slow/"):
            time.sleep(fx.slow_seconds)
            path = path[len("/slow"):]
        if path in ("/loop/a.html", "/loop/b.html"):
            other = "/loop/b.html" if path.endswith("a.html") else "/loop/a.html"
            return self.send(302, b"", headers={"Location": other})
        if path.startswith("/redirect/"):
            return self.send(301, b"", headers={"Location": path[len("/redirect"):]})
        if path.startswith("/hops/"):
            _, _, n, rest = path.split("/", 3)
            target = f"/hops/{int(n) - 1}/{rest}" if int(n) > 1 else "/" + rest
            return self.send(302, b"", headers={"Location": target})
        if path.startswith("/offsite/"):
            return self.send(302, b"", headers={"Location": f"http://localhost:{fx.port}{path[len('/offsite'):]}"})
        if path.startswith("/ratelimit/"):
            if fx.limited(path):
                return self.send(429, b"<html><body>too many requests</body></html>",
                                 headers={"Retry-After": f"{fx.retry_after:g}"})
            path = path[len("/ratelimit"):]
        query = parse_qs(parts.query)
        if path == "/download.jsp":
            body = fx.file((query.get("file") or [""])[0])
            if body is None:
                return self.not_found()
            name = quote((query.get("name") or ["file"])[0], safe="")
            return self.send(200, body, "application/octet-stream",
                             headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})
        if path.startswith("/endless/"):
            body = fx.file(path[len("/endless"):])
            if body is None:
                return self.not_found()
            page = int((query.get("page") or ["1"])[0])
            return self.send(200, body.replace(b"{next}", str(page + 1).encode()), "text/html")
        if path.startswith("/bench/"):
            return self.bench(path)
        body = fx.file(path)
        if body is None:
            return self.not_found()
        suffix = Path(path).suffix.lower() or ".html"
        ctype = _TYPES.get(suffix, "application/octet-stream")
        if path.endswith(".gb2312.html"):
            ctype = "text/html; charset=gb2312"
        if fx.validators:  # ETag and Last-Modified as a web server sends them; 304 to a conditional request
            import hashlib
            from email.utils import formatdate

            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            modified = formatdate(1_700_000_000 + int(hashlib.sha1(body).hexdigest()[:6], 16), usegmt=True)
            headers = {"ETag": etag, "Last-Modified": modified}
            asked_etag, asked_since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if (asked_etag and asked_etag == etag) or (not asked_etag and asked_since == modified):
                fx.not_modified += 1
                return self.send(304, b"", ctype, headers)
            return self.send(200, body, ctype, headers)
        self.send(200, body, ctype)

    def do_POST(self):
        parts = urlsplit(self.path)
        self.fixture.hit(parts.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode("utf-8")) if length else {}
        if parts.path != "/api/detail":
            return self.not_found()
        law_id = (form.get("id") or [""])[0]
        for law in self.fixture.laws():
            if law["id"] == law_id and not law.get("gone"):  # "gone": listed, but the detail API has no law
                detail = {k: law.get(k) for k in ("title", "level", "office", "publish", "expiry", "status")}
                detail["body"] = law.get("body", [])
                if self.fixture.generation >= 2 and law.get("v2"):
                    detail.update(law["v2"])
                return self.send_json({"result": detail, "code": 200, "success": True})
        return self.send_json({"result": None, "code": 404, "success": False, "msg": f"no law {law_id}"}, 200)

    def flk_list(self, query):
        page = int((query.get("page") or ["1"])[0])
        size = int((query.get("size") or ["10"])[0])
        if self.fixture.api_max_size:  # an API that serves at most so many rows a page, whatever is asked
            size = min(size, self.fixture.api_max_size)
        laws = self.fixture.laws()
        rows = []
        for law in laws[(page - 1) * size: page * size]:
            row = {k: law.get(k) for k in ("id", "title", "office", "publish", "expiry", "type", "status")}
            if self.fixture.generation >= 2 and law.get("v2"):
                row.update({k: v for k, v in law["v2"].items() if k in row})
            rows.append(row)
        self.send_json({"result": {"data": rows, "totalSizes": len(laws), "page": page, "size": size},
                        "code": 200, "success": True})

    def bench(self, path):
        name = Path(path).stem
        try:
            n = int(name)
        except ValueError:
            return self.not_found()
        pages = math.ceil(self.fixture.bench_pages / BENCH_LINKS_PER_LIST)
        if path.startswith("/bench/list/") and 1 <= n <= pages:
            return self.send(200, bench_list(n, pages), "text/html")
        if path.startswith("/bench/page/") and 0 <= n < self.fixture.bench_pages:
            return self.send(200, bench_page(n), "text/html")
        return self.not_found()


def main(argv=None):  # pragma: no cover - manual use and the benchmark's server process
    import argparse

    ap = argparse.ArgumentParser(description="Serve the fazhi crawler fixture site on 127.0.0.1.")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--root", default=None)
    ap.add_argument("--bench-pages", type=int, default=1000)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    server = FixtureServer(args.root, port=args.port, bench_pages=args.bench_pages, quiet=not args.verbose)
    print(server.url, flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()


if __name__ == "__main__":  # pragma: no cover
    main()
