// fazhi page: plain JavaScript, no external files. The token is kept in localStorage.
"use strict";
const $ = (id) => document.getElementById(id);
let token = localStorage.getItem("fazhi-token") || "";
let planText = "", planFor = "";
const MAX_UPLOAD = 10 * 1024 * 1024;  // bytes, as MAX_UPLOAD in fazhi/web/app.py
const HAS_WORDS = /[\p{L}\p{N}]/u;   // a query needs a character, letter or digit (else the API answers 422)

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
}

// The API's error details are English, for programs and logs; the page says in Chinese what happened and
// what to do, and keeps the detail for the tooltip (error.detail).
function problem(status, data) {
  const detail = typeof data.detail === "string" ? data.detail
    : Array.isArray(data.detail) ? data.detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ")
    : JSON.stringify(data);
  let msg;
  if (status === 422 && Array.isArray(data.detail)) {
    const d = data.detail[0] || {}, loc = d.loc || [], field = loc[loc.length - 1];
    if (d.type === "string_too_long") msg = `文字过长（最多 ${d.ctx && d.ctx.max_length} 字），请删减或拆分后再试。`;
    else if (field === "query" || (field === "text" && /words/.test(d.msg || ""))) msg = "请用文字描述纠纷情况（至少包含一个汉字、字母或数字）。";
    else if (field === "text") msg = "请先粘贴文件草稿或选择文件。";
    else if (field === "date" || field === "since" || field === "until") msg = "日期有误，请按“年-月-日”填写一个存在的日期。";
    else msg = "输入有误，请检查后再试。";
  } else if (status === 413) {
    msg = /characters/.test(detail) ? "文件中的文字超过 20 万字，请拆分后分别审查。"
      : "文件过大（最大 10 MB），请压缩图片、另存为 .txt 或拆分后再上传。";
  } else {
    msg = {400: "无法读取文件，请确认文件未损坏，或另存为 .docx / .txt 后再试。", 403: "当前角色无权使用此功能。",
           404: "未找到该案例，可能已被删除。", 503: "服务暂不可用（检索索引或模型未就绪），请联系管理员。"}[status]
      || `服务器出错（${status}），请稍后重试；如仍出错，请联系管理员。`;
  }
  const e = new Error(msg); e.detail = detail; e.status = status;
  return e;
}

async function api(path, body, isForm) {
  const opts = {method: body === undefined ? "GET" : "POST", headers: {Authorization: "Bearer " + token}};
  if (body !== undefined) {
    if (isForm) { opts.body = body; } else { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
  }
  let r;
  try { r = await fetch(path, opts); } catch (e) { throw new Error("无法连接服务器，请检查网络，或稍后再试。"); }
  if (r.status === 401) { showLogin("令牌无效或已过期，请重新登录；仍不能登录时，请联系管理员重新发放令牌。"); throw new Error("401"); }
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw problem(r.status, data);
  return data;
}

// a status line: "busy" shows a spinner, "error" is red and carries the API's detail as its tooltip
function say(id, text, kind, detail) {
  const el = $(id);
  el.textContent = text;
  el.className = "status" + (kind ? " " + kind : "");
  el.setAttribute("aria-busy", kind === "busy" ? "true" : "false");
  if (detail) el.title = detail; else el.removeAttribute("title");
}

function fail(id, what, e) {
  if (e.message !== "401") say(id, what + e.message, "error", e.detail);
}

function showLogin(message) {
  $("login").hidden = false; $("tabs").hidden = true; $("logout").hidden = true; $("who").textContent = "";
  document.querySelectorAll(".tab").forEach((t) => (t.hidden = true));
  $("login-error").textContent = message || "";
  $("token").focus();
}

async function start() {
  if (!token) { showLogin(); return; }
  try {
    const me = await api("/api/me");
    $("who").textContent = `${me.name}（${{mediator: "调解员", reviewer: "审查人员", admin: "管理员"}[me.role] || me.role}）`;
    $("login").hidden = true; $("tabs").hidden = false; $("logout").hidden = false;
    const mayCheck = me.may.includes("check"), mayPlan = me.may.includes("plan");
    document.querySelector('[data-tab="review"]').hidden = !mayCheck;
    document.querySelector('[data-tab="mediate"]').hidden = !me.may.includes("search");
    document.querySelector('[data-tab="audit"]').hidden = !me.may.includes("audit");
    $("plan-btn").hidden = !mayPlan;
    showTab(me.may.includes("search") ? "mediate" : "review");
    $("token").value = ""; $("login-error").textContent = "";
  } catch (e) { if (e.message !== "401") showLogin(e.message); }
}

function showTab(name) {
  document.querySelectorAll(".tab").forEach((t) => (t.hidden = t.id !== name));
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  if (name === "audit") loadAudit();  // always the latest records
}

function markTerms(text, terms) {
  let html = esc(text);
  for (const t of terms || []) {
    if (!t) continue;
    html = html.split(esc(t)).join(`<mark>${esc(t)}</mark>`);
  }
  return html;
}

function queryOk() {
  if (HAS_WORDS.test($("query").value)) return true;
  say("search-status", "请先用文字描述纠纷情况（例如：谁和谁、因为什么事、现在怎样）。", "error");
  $("query").focus();
  return false;
}

async function doSearch(ev) {
  ev.preventDefault();
  if (!queryOk()) return;
  const filters = {};
  if ($("kind").value) filters.kind = $("kind").value;
  if ($("region").value.trim()) filters.region = $("region").value.trim();
  if (planFor !== $("query").value) $("plan").hidden = true;  // a plan for another dispute would mislead
  $("search-btn").disabled = true; say("search-status", "正在检索……", "busy"); $("hits").innerHTML = "";
  try {
    const res = await api("/api/search", {query: $("query").value, k: 10, filters});
    say("search-status", res.hits.length ? `找到 ${res.hits.length} 个相似案例`
      : "没有找到相似案例。可以换一种说法" + (filters.kind || filters.region ? "，或去掉类型、地区条件" : "") + "后再试。");
    $("hits").innerHTML = res.hits.map((h) => `
      <li class="hit" data-id="${esc(h.doc_id)}">
        <div class="title">${esc(h.title || h.doc_id)}</div>
        <div class="meta">${esc({mediation: "调解案例", judgment: "裁判文书", regulation: "法律法规", post: "群众诉求"}[h.kind] || h.kind)}
          ${h.metadata && h.metadata.dispute_type ? " · " + esc(h.metadata.dispute_type) : ""}
          ${h.metadata && h.metadata.region ? " · " + esc(h.metadata.region) : ""}
          ${h.metadata && h.metadata.date ? " · " + esc(h.metadata.date) : ""}</div>
        <div class="snippet">${markTerms(h.snippet, h.terms)}</div>
        <button type="button" class="link">查看全文</button>
      </li>`).join("");
  } catch (e) { fail("search-status", "检索失败：", e); }
  $("search-btn").disabled = false;
}

async function openCase(id) {
  try {
    const c = await api("/api/cases/" + encodeURIComponent(id));
    $("case-title").textContent = c.title || c.id;
    $("case-meta").textContent = [c.region, c.published, c.metadata && c.metadata.outcome].filter(Boolean).join(" · ")
      + (c.masked ? "（已隐去个人信息）" : "");
    $("case-text").textContent = c.text;
    $("case-dialog").showModal();
  } catch (e) { fail("search-status", "打开案例失败：", e); }
}

// A small Markdown renderer for the plan (headings, paragraphs, lists, tables, quotes, **bold**, `code`);
// everything is escaped first, so the plan's text can never inject markup.
function inlineMd(s, ids) {
  return esc(s)
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/`([^`]+)`/g, (m, c) => ids.has(c) ? `<a href="#" class="case-link" data-id="${c}">${c}</a>` : `<code>${c}</code>`);
}

function markdownToHtml(md, ids) {
  const lines = md.split("\n");
  let html = "", list = null;
  const closeList = () => { if (list) { html += `</${list}>`; list = null; } };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m;
    if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
      closeList();
      const level = Math.min(m[1].length + 1, 4);
      html += `<h${level}>${inlineMd(m[2], ids)}</h${level}>`;
    } else if (/^\|.*\|\s*$/.test(line)) {
      closeList();
      const rows = [];
      while (i < lines.length && /^\|.*\|\s*$/.test(lines[i])) { rows.push(lines[i]); i++; }
      i--;
      const cells = (r) => r.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
      const body = rows.filter((r, k) => !(k === 1 && /^\|[\s:|-]+\|$/.test(r.trim())));
      html += '<div class="table-wrap"><table><thead><tr>' + cells(body[0]).map((c) => `<th>${inlineMd(c, ids)}</th>`).join("") +
        "</tr></thead><tbody>" + body.slice(1).map((r) => "<tr>" + cells(r).map((c) => `<td>${inlineMd(c, ids)}</td>`).join("") + "</tr>").join("") +
        "</tbody></table></div>";
    } else if ((m = /^\s*([-*]|\d+\.)\s+(.*)$/.exec(line))) {
      const kind = /\d/.test(m[1]) ? "ol" : "ul";
      if (list !== kind) { closeList(); html += `<${kind}>`; list = kind; }
      html += `<li>${inlineMd(m[2], ids)}</li>`;
    } else if ((m = /^>\s?(.*)$/.exec(line))) {
      closeList(); html += `<blockquote>${inlineMd(m[1], ids)}</blockquote>`;
    } else if (/^---+\s*$/.test(line)) {
      closeList(); html += "<hr>";
    } else if (line.trim()) {
      closeList(); html += `<p>${inlineMd(line, ids)}</p>`;
    }
  }
  closeList();
  return html;
}

function renderPlan(p) {
  planText = p.markdown || JSON.stringify(p, null, 2);
  const ids = new Set((p.similar_cases || []).map((c) => c.doc_id));
  // the card has its own heading: leave out the plan's top-level title
  $("plan-body").innerHTML = markdownToHtml(planText.replace(/^# .*\n/, ""), ids);
  $("plan").hidden = false;
  $("plan").scrollIntoView({behavior: "smooth", block: "start"});
}

async function doPlan() {
  if (!queryOk()) return;
  const text = $("query").value;
  $("plan-btn").disabled = true; $("plan").hidden = true; say("search-status", "正在生成调解预案……", "busy");
  try {
    renderPlan(await api("/api/plan", {text}));
    planFor = text;
    say("search-status", "调解预案已生成（见下方），可点“复制预案”粘贴到文书中。");
  } catch (e) { fail("search-status", "生成失败：", e); }
  $("plan-btn").disabled = false;
}

// The plan goes to the clipboard twice: as HTML, so that pasting into WPS or Word keeps headings, lists and
// the table of similar cases, and as the Markdown for plain-text editors.
function planHtml() {
  const body = markdownToHtml(planText.replace(/^# .*\n/, ""), new Set())
    .replace(/<table>/g, '<table border="1" cellpadding="4" style="border-collapse:collapse">');
  return `<meta charset="utf-8"><h1>调解预案</h1>${body}`;
}

async function copyPlan() {
  const html = planHtml();
  try {
    if (!window.ClipboardItem) throw new Error("no ClipboardItem");
    await navigator.clipboard.write([new ClipboardItem({"text/plain": new Blob([planText], {type: "text/plain"}),
                                                        "text/html": new Blob([html], {type: "text/html"})})]);
  } catch (e) {  // no clipboard API (a page served over plain http): the copy event takes both forms
    const put = (ev) => { ev.clipboardData.setData("text/plain", planText); ev.clipboardData.setData("text/html", html); ev.preventDefault(); };
    document.addEventListener("copy", put);
    document.execCommand("copy");
    document.removeEventListener("copy", put);
  }
  $("copy-plan").textContent = "已复制";
  setTimeout(() => ($("copy-plan").textContent = "复制预案"), 1500);
}

function renderFindings(text, findings) {
  const sevName = {error: "错误", warning: "警告", info: "提示"};
  const order = {error: 0, warning: 1, info: 2};
  findings = findings.map((f, i) => ({...f, n: i + 1}));
  const listed = [...findings].sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3) || (a.start ?? 0) - (b.start ?? 0));
  $("findings").innerHTML = listed.length ? listed.map((f) => `
    <li data-n="${f.n}"><span class="num">${f.n}</span><span class="sev ${esc(f.severity)}">${esc(sevName[f.severity] || f.severity)}</span>
      <b>${esc(f.quote || "")}</b> ${esc(f.message)}
      ${f.suggestion ? `<div class="src">建议：${esc(f.suggestion)}</div>` : ""}
      <div class="src code">${esc(f.code)}</div>
    </li>`).join("") : "<li>未发现问题。</li>";
  const spans = findings.filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let html = "", pos = 0;
  for (const f of spans) {
    if (f.start < pos) continue;  // overlapping findings: the first one is marked, all are listed
    html += esc(text.slice(pos, f.start));
    html += `<mark class="${esc(f.severity)}" data-n="${f.n}" title="${esc(f.n + ". " + f.code + "：" + f.message)}">${esc(text.slice(f.start, f.end))}</mark>`;
    pos = f.end;
  }
  html += esc(text.slice(pos));
  $("marked").innerHTML = html;
  $("check-result").hidden = false;
}

async function doCheck(ev) {
  ev.preventDefault();
  const file = $("draft-file").files[0];
  // the findings of the previous draft must not stay on screen under the status of this one
  $("check-result").hidden = true;
  if (file && file.size > MAX_UPLOAD) {
    say("check-status", `审查失败：${file.name} 有 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过 10 MB。请压缩图片、另存为 .txt 或拆分后再上传。`, "error");
    return;
  }
  if (!file && !$("draft").value.trim()) { say("check-status", "请先粘贴文件草稿，或点“上传文件”选择文件。", "error"); $("draft").focus(); return; }
  $("check-btn").disabled = true; say("check-status", file ? `正在读取并审查 ${file.name}……` : "正在审查……", "busy");
  try {
    let res, text;
    const kind = $("draft-kind").value, date = $("draft-date").value;
    if (file) {
      const form = new FormData(); form.append("file", file);
      if (kind) form.append("kind", kind);
      if (date) form.append("date", date);
      res = await api("/api/check/file", form, true); text = res.text; $("draft").value = text;
      $("draft-file").value = ""; $("file-name").textContent = `已读取 ${file.name}`;
    } else {
      text = $("draft").value;
      const body = {text};
      if (date) body.date = date;
      if (kind) body.kind = kind;
      res = await api("/api/check", body);
    }
    const errors = res.findings.filter((f) => f.severity === "error").length;
    say("check-status", `文件类型：${res.kind || "未识别"}；日期：${res.date || "未识别"}；发现 ${res.findings.length} 个问题（其中错误 ${errors} 个）`);
    renderFindings(text, res.findings);
  } catch (e) { fail("check-status", "审查失败：", e); }
  $("check-btn").disabled = false;
}

const ACTIONS = {"/api/search": "查找相似案例", "/api/plan": "生成调解预案", "/api/check": "文件审查",
                 "/api/check/file": "上传文件审查", "/api/extract": "信息抽取", "/api/me": "登录", "/api/audit": "查看操作日志"};
const OUTCOMES = {200: "成功", 400: "文件无法读取", 401: "令牌无效", 403: "无权限", 404: "未找到", 413: "内容过大",
                  422: "输入有误", 503: "服务不可用"};
const ROLES = {mediator: "调解员", reviewer: "审查人员", admin: "管理员"};

function auditDetail(raw) {
  let d;
  try { d = JSON.parse(raw || "{}"); } catch (e) { return raw; }  // cut at 300 characters
  const parts = [];
  if (d.query) parts.push(`“${d.query}”`);
  if (d.text) parts.push(`“${d.text}”`);
  if (d.doc_id) parts.push(d.doc_id);
  const size = (n) => n < 1024 ? `${n} 字节` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (d.file) parts.push(`${d.file}（${size(d.bytes || 0)}）`);
  else if (d.bytes) parts.push(size(d.bytes));
  if (d.filters && Object.keys(d.filters).length) parts.push("条件：" + Object.values(d.filters).join("、"));
  if (d.hits !== undefined) parts.push(`${d.hits} 个结果`);
  if (d.findings !== undefined) parts.push(`${d.findings} 个问题`);
  if (d.error) parts.push(d.error);
  return parts.join("；");
}

async function loadAudit(ev) {
  if (ev) ev.preventDefault();
  const q = new URLSearchParams({limit: $("audit-limit").value});
  if ($("audit-user").value.trim()) q.set("user", $("audit-user").value.trim());
  $("audit-btn").disabled = true; say("audit-status", "正在读取操作日志……", "busy");
  try {
    const res = await api("/api/audit?" + q);
    const local = (at) => { const t = new Date(at); return isNaN(t) ? at : t.toLocaleString("zh-CN", {hour12: false}); };
    $("audit-rows").innerHTML = res.records.map((r) => {
      const path = r.path || "", action = ACTIONS[path] || (path.startsWith("/api/cases/") ? "查看案例" : path);
      return `<tr class="${r.status >= 400 ? "failed" : ""}"><td>${esc(local(r.at))}</td>
        <td>${esc(r.user || "（未登录）")}${r.role ? `<div class="meta">${esc(ROLES[r.role] || r.role)}</div>` : ""}</td>
        <td>${esc(action)}</td><td>${esc(OUTCOMES[r.status] || r.status)}</td>
        <td class="detail">${esc(auditDetail(r.detail))}</td></tr>`;
    }).join("");
    $("audit-result").hidden = !res.records.length;
    say("audit-status", res.records.length ? `共 ${res.records.length} 条，最新的在前。` : "没有操作记录。");
  } catch (e) { fail("audit-status", "读取失败：", e); }
  $("audit-btn").disabled = false;
}

$("login-form").addEventListener("submit", (ev) => {
  ev.preventDefault(); token = $("token").value.trim(); localStorage.setItem("fazhi-token", token); start();
});
document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
$("search-form").addEventListener("submit", doSearch);
$("plan-btn").addEventListener("click", doPlan);
$("copy-plan").addEventListener("click", copyPlan);
$("hits").addEventListener("click", (ev) => { const li = ev.target.closest(".hit"); if (li) openCase(li.dataset.id); });
$("plan-body").addEventListener("click", (ev) => {
  const a = ev.target.closest(".case-link"); if (a) { ev.preventDefault(); openCase(a.dataset.id); }
});
$("findings").addEventListener("click", (ev) => {
  const li = ev.target.closest("li[data-n]"); if (!li) return;
  const m = document.querySelector(`#marked mark[data-n="${li.dataset.n}"]`);
  if (m) { m.scrollIntoView({behavior: "smooth", block: "center"}); m.classList.add("flash"); setTimeout(() => m.classList.remove("flash"), 1200); }
});
$("logout").addEventListener("click", () => {
  token = ""; localStorage.removeItem("fazhi-token");
  // what the last user saw does not stay in the page for the next one
  $("query").value = ""; $("draft").value = ""; $("draft-file").value = ""; $("file-name").textContent = "未选择文件";
  $("hits").innerHTML = ""; $("plan").hidden = true; planText = planFor = ""; $("check-result").hidden = true; $("audit-rows").innerHTML = "";
  $("audit-result").hidden = true;
  ["search-status", "check-status", "audit-status"].forEach((id) => say(id, ""));
  showLogin("已退出。");
});
$("case-close").addEventListener("click", () => $("case-dialog").close());
$("check-form").addEventListener("submit", doCheck);
$("audit-form").addEventListener("submit", loadAudit);
// Enter makes a new line in a dispute or a draft; Ctrl+Enter (⌘+Enter) submits
for (const [area, form] of [["query", "search-form"], ["draft", "check-form"]]) {
  $(area).addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); $(form).requestSubmit(); }
  });
}
$("draft-file").addEventListener("change", () => {
  const f = $("draft-file").files[0]; $("file-name").textContent = f ? f.name : "未选择文件";
});
start();
