"""A real OpenSearch-API server on loopback (osmem-server, in-process binary) and a faulty proxy in front."""
from __future__ import annotations

import http.server
import threading
import time
import urllib.error
import urllib.request

import pytest


@pytest.fixture
def cluster_url(request):
    try:
        clone = request.getfixturevalue("osmem_clone")
    except Exception as e:  # the binary is not there for this platform
        pytest.skip(f"osmem-server unavailable: {e}")
    return clone.url


class FaultyProxy:
    """Forward to ``target``; for requests whose path contains ``match``, answer ``status`` the first
    ``times`` times (or always, times=-1), or sleep ``delay`` seconds first."""

    def __init__(self, target: str, match: str = "", status: int = 0, times: int = 0, delay: float = 0.0):
        self.target, self.match, self.status, self.times, self.delay = target.rstrip("/"), match, status, times, delay
        self.seen = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.seen.append((self.command, self.path))
                if proxy.match in self.path:
                    if proxy.delay:
                        time.sleep(proxy.delay)
                    if proxy.status and proxy.times != 0:
                        proxy.times -= 1
                        self.send_response(proxy.status)
                        self.send_header("Content-Type", "application/json")
                        payload = b'{"error":{"type":"fault","reason":"injected"},"status":%d}' % proxy.status
                        self.send_header("Content-Length", str(len(payload)))
                        self.end_headers()
                        self.wfile.write(payload)
                        return
                req = urllib.request.Request(proxy.target + self.path, data=body or None, method=self.command,
                                             headers={k: v for k, v in self.headers.items()
                                                      if k.lower() in ("content-type", "accept")})
                try:
                    with urllib.request.urlopen(req, timeout=30) as resp:
                        status, data, ctype = resp.status, resp.read(), resp.headers.get("Content-Type")
                except urllib.error.HTTPError as e:
                    status, data, ctype = e.code, e.read(), e.headers.get("Content-Type")
                except OSError:  # the server behind went away (end of test)
                    status, data, ctype = 502, b'{"error":"upstream gone"}', "application/json"
                try:
                    self._reply(status, data, ctype)
                except OSError:  # the client gave up (timeout test)
                    pass

            def _reply(self, status, data, ctype):
                self.send_response(status)
                self.send_header("Content-Type", ctype or "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def faulty_proxy(cluster_url):
    proxies = []

    def make(**kw):
        p = FaultyProxy(cluster_url, **kw)
        proxies.append(p)
        return p

    yield make
    for p in proxies:
        p.close()
