"""End to end in headless Chromium (Debian ``chromium``, driven by playwright): the real app served by
uvicorn on 127.0.0.1, a mediator searching, opening a case, generating and copying a plan, and a reviewer
checking a draft with planted errors.

Set ``FAZHI_SCREENSHOTS=DIR`` to save a screenshot of each view (desktop and a 390x844 phone).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from test_web_api import DRAFT

CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DISPUTE = "楼上邻居家卫生间漏水，我家天花板发霉，找他赔偿维修费他一直不理。"
SHOTS = os.environ.get("FAZHI_SCREENSHOTS")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_url(web_workspace, tokens):
    uvicorn = pytest.importorskip("uvicorn")
    from fazhi.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(web_workspace), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        print(f"skipping: no chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _login(browser, url, token, viewport):
    ctx = browser.new_context(viewport=viewport, locale="zh-CN")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url + "/")
    page.wait_for_selector("#token")
    page.fill("#token", token)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#who:not(:empty)")
    return ctx, page, errors


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("role", ["mediator", "admin"])
def test_mediator_searches_opens_case_and_copies_plan(browser, live_url, tokens, role):
    view = "phone" if role == "mediator" else "desktop"
    ctx, page, errors = _login(browser, live_url, tokens[role], VIEWPORTS[view])
    try:
        assert page.is_visible("#mediate") and page.is_visible("#plan-btn")
        page.fill("#query", DISPUTE)
        page.click("#search-btn")
        page.wait_for_selector("#hits .hit", timeout=60_000)
        hits = page.locator("#hits .hit")
        assert hits.count() >= 3
        assert "相似案例" in page.inner_text("#search-status")
        marks = page.locator("#hits .hit mark").all_inner_texts()
        assert marks and any(m in DISPUTE for m in marks), marks
        assert "漏水" in page.inner_text("#hits")
        _shot(page, f"{view}-1-search")

        hits.first.click()
        page.wait_for_selector("#case-dialog[open]")
        case_text = page.inner_text("#case-text")
        assert len(case_text) > 100
        if role == "mediator":
            assert "已隐去个人信息" in page.inner_text("#case-meta")
        _shot(page, f"{view}-2-case")
        # a long title wraps beside the close button, not above it (it pushed 关闭 below on a phone)
        title, close = page.locator("#case-title").bounding_box(), page.locator("#case-close").bounding_box()
        assert close["y"] < title["y"] + title["height"], (title, close)
        page.keyboard.press("Escape")
        assert page.is_hidden("#case-dialog")

        page.click("#plan-btn")
        page.wait_for_selector("#plan:not([hidden]) #plan-body h3", timeout=60_000)
        body = page.inner_text("#plan-body")
        for heading in ("纠纷类型", "适用法律", "相似案例", "调解步骤", "风险提示"):
            assert heading in body, heading
        assert page.locator("#plan-body table tbody tr").count() >= 3
        assert page.locator("#plan-body a.case-link").count() >= 3
        _shot(page, f"{view}-3-plan")
        page.click("#copy-plan")
        page.wait_for_function("document.getElementById('copy-plan').textContent === '已复制'")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("# 调解预案") and "## 调解步骤" in copied
        # and as HTML, so that pasting into WPS or Word keeps the headings and the table of similar cases
        html = page.evaluate("navigator.clipboard.read().then((items) => items[0].getType('text/html'))"
                             ".then((b) => b.text())")
        assert "<h1>调解预案</h1>" in html and "<table" in html and "<h3>调解步骤</h3>" in html
        assert 'class="case-link"' not in html  # links into this page mean nothing in a document
        # a case linked from the plan opens too
        page.locator("#plan-body a.case-link").first.click()
        page.wait_for_selector("#case-dialog[open]")
        assert page.inner_text("#case-text")
        assert not errors, errors
    finally:
        ctx.close()


@pytest.mark.parametrize("view", ["desktop", "phone"])
def test_reviewer_sees_findings_marked_in_the_draft(browser, live_url, tokens, view):
    ctx, page, errors = _login(browser, live_url, tokens["reviewer"], VIEWPORTS[view])
    try:
        assert page.is_hidden("#plan-btn")  # a reviewer may not make plans
        page.click('nav button[data-tab="review"]')
        page.fill("#draft", DRAFT)
        page.click("#check-btn")
        page.wait_for_selector("#marked mark", timeout=60_000)
        assert "发现" in page.inner_text("#check-status")
        marked = page.locator("#marked mark.error").all_inner_texts()
        assert any("合同法" in m for m in marked), marked
        assert page.inner_text("#marked").split() == DRAFT.split()
        findings = page.inner_text("#findings")
        assert "错误" in findings and "CITE_REPEALED" in findings
        page.locator("#findings li").first.click()
        _shot(page, f"{view}-4-review")
        if view == "desktop":  # upload a file instead of pasting
            page.fill("#draft", "")
            page.set_input_files("#draft-file", files=[{"name": "草稿.txt", "mimeType": "text/plain",
                                                        "buffer": DRAFT.replace("合同法", "担保法").encode("gb18030")}])
            page.click("#check-btn")
            page.wait_for_function("document.getElementById('file-name').textContent.includes('已读取')",
                                   timeout=60_000)
            assert "担保法" in page.input_value("#draft")
            assert any("担保法" in m for m in page.locator("#marked mark.error").all_inner_texts())
        assert not errors, errors
    finally:
        ctx.close()


def test_bad_token_shows_login_again(browser, live_url):
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        page.goto(live_url + "/")
        page.fill("#token", "not-a-token")
        page.click("#login-form button[type=submit]")
        page.wait_for_selector("#login-error:not(:empty)")
        assert "令牌无效" in page.inner_text("#login-error")
        assert page.is_hidden("#tabs")
        _shot(page, "desktop-0-login")
    finally:
        ctx.close()


def test_admin_sees_errors_in_chinese_empty_states_and_the_audit_log(browser, live_url, tokens, web_workspace):
    """What goes wrong is said in Chinese with what to do; old results do not stay under a new failure;
    Ctrl+Enter submits; the admin reads the audit log in the page; an expired session returns to the login
    box and keeps the dispute typed."""
    from fazhi.web.auth import UserStore

    ctx, page, errors = _login(browser, live_url, tokens["admin"], {"width": 1366, "height": 768})
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "/api/search" in r.url else None)
    try:
        status = page.locator("#search-status")
        page.fill("#query", "   ")
        page.click("#search-btn")
        assert "请先用文字描述纠纷情况" in status.inner_text() and "error" in status.get_attribute("class")
        assert not sent  # refused in the page
        page.fill("#query", "αβγ")  # letters, but none the API takes: its 422 is told in Chinese
        page.click("#search-btn")
        page.wait_for_function("document.getElementById('search-status').classList.contains('error')")
        assert "请用文字描述纠纷情况" in status.inner_text() and "Value error" not in status.inner_text()
        assert "no words" in status.get_attribute("title")  # the API's own words stay at hand
        page.fill("#query", DISPUTE)
        page.fill("#region", "拉萨市")
        page.focus("#query")
        page.keyboard.press("Control+Enter")
        page.wait_for_function("document.getElementById('search-status').textContent.includes('没有找到')")
        assert "去掉类型、地区条件" in status.inner_text() and page.locator("#hits li").count() == 0
        _shot(page, "desktop-5-no-hits")
        page.fill("#region", "")
        page.route("**/api/search", lambda route: route.abort())
        page.click("#search-btn")
        page.wait_for_function("document.getElementById('search-status').textContent.includes('无法连接服务器')")
        page.unroute("**/api/search")

        # reviewer's work: an upload with the date given, then files too large, which hide the old findings
        page.click('nav button[data-tab="review"]')
        page.select_option("#draft-kind", "规范性文件")
        page.fill("#draft-date", "2020-06-01")
        page.set_input_files("#draft-file", files=[{"name": "草稿.txt", "mimeType": "text/plain",
                                                    "buffer": DRAFT.encode("gb18030")}])
        page.click("#check-btn")
        page.wait_for_selector("#check-result:not([hidden])", timeout=60_000)
        assert "日期：2020-06-01" in page.inner_text("#check-status")  # the date went with the file
        assert "CITE_REPEALED" not in page.inner_text("#findings")
        check = page.locator("#check-status")
        page.set_input_files("#draft-file", files=[{"name": "长.txt", "mimeType": "text/plain",
                                                    "buffer": ("某" * 200_001).encode()}])
        page.click("#check-btn")
        page.wait_for_function("document.getElementById('check-status').classList.contains('error')")
        assert "超过 20 万字" in check.inner_text() and page.is_hidden("#check-result")
        page.set_input_files("#draft-file", files=[{"name": "大.txt", "mimeType": "text/plain",
                                                    "buffer": b"a" * (10 * 1024 * 1024 + 1)}])
        page.click("#check-btn")
        assert "超过 10 MB" in check.inner_text() and "error" in check.get_attribute("class")
        _shot(page, "desktop-6-too-large")

        page.click('nav button[data-tab="audit"]')
        page.wait_for_selector("#audit-rows tr")
        log = page.inner_text("#audit-rows")
        assert "查找相似案例" in log and "输入有误" in log and "内容过大" in log and "测试admin" in log
        page.fill("#audit-user", "没有这个人")
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('audit-status').textContent.includes('没有操作记录')")
        assert page.is_hidden("#audit-result")
        page.fill("#audit-user", "")
        page.click("#audit-btn")
        page.wait_for_selector("#audit-result:not([hidden])")
        _shot(page, "desktop-7-audit")
        assert not errors, errors
    finally:
        ctx.close()

    users = UserStore.for_workspace(web_workspace)
    ctx, page, errors = _login(browser, live_url, users.add("测试离职", "mediator"), VIEWPORTS["phone"])
    try:
        page.fill("#query", DISPUTE)
        users.remove("测试离职")  # the token stops working while the page is open
        page.click("#search-btn")
        page.wait_for_selector("#login:not([hidden])")
        assert "令牌无效或已过期" in page.inner_text("#login-error")
        assert page.is_hidden("#logout") and page.inner_text("#who") == ""
        page.fill("#token", tokens["mediator"])
        page.keyboard.press("Enter")
        page.wait_for_selector("#mediate:not([hidden])")
        assert page.input_value("#query") == DISPUTE  # what was typed is still there
        assert page.is_hidden('nav button[data-tab="audit"]')  # the audit log is the admin's
    finally:
        ctx.close()
