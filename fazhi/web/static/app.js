// fazhi page: plain JavaScript, no external files. The token is kept in localStorage.
"use strict";
const $ = (id) => document.getElementById(id);
let token = localStorage.getItem("fazhi-token") || "";
let planText = "";

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
}

async function api(path, body, isForm) {
  const opts = {method: body === undefined ? "GET" : "POST", headers: {Authorization: "Bearer " + token}};
  if (body !== undefined) {
    if (isForm) { opts.body = body; } else { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
  }
  let r;
  try { r = await fetch(path, opts); } catch (e) { throw new Error("无法连接服务器，请检查网络"); }
  if (r.status === 401) { showLogin("令牌无效或已过期，请重新登录。"); throw new Error("401"); }
  const data = await r.json().catch(() => ({}));
  if (!r.ok) {
    const detail = typeof data.detail === "string" ? data.detail
      : Array.isArray(data.detail) ? data.detail.map((d) => d.msg).join("；") : JSON.stringify(data);
    const prefix = {400: "无法读取：", 403: "当前角色无权使用此功能：", 404: "未找到：", 413: "内容过大：",
                    422: "输入有误：", 503: "服务暂不可用（索引或模型未就绪），请联系管理员："}[r.status] || `出错（${r.status}）：`;
    throw new Error(prefix + detail);
  }
  return data;
}

function showLogin(message) {
  $("login").hidden = false; $("tabs").hidden = true;
  document.querySelectorAll(".tab").forEach((t) => (t.hidden = true));
  $("login-error").textContent = message || "";
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
    $("plan-btn").hidden = !mayPlan;
    showTab(me.may.includes("search") ? "mediate" : "review");
  } catch (e) { if (e.message !== "401") showLogin(e.message); }
}

function showTab(name) {
  document.querySelectorAll(".tab").forEach((t) => (t.hidden = t.id !== name));
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
}

function markTerms(text, terms) {
  let html = esc(text);
  for (const t of terms || []) {
    if (!t) continue;
    html = html.split(esc(t)).join(`<mark>${esc(t)}</mark>`);
  }
  return html;
}

async function doSearch(ev) {
  ev.preventDefault();
  const filters = {};
  if ($("kind").value) filters.kind = $("kind").value;
  if ($("region").value.trim()) filters.region = $("region").value.trim();
  $("search-btn").disabled = true; $("search-status").textContent = "正在检索……"; $("hits").innerHTML = "";
  try {
    const res = await api("/api/search", {query: $("query").value, k: 10, filters});
    $("search-status").textContent = res.hits.length ? `找到 ${res.hits.length} 个相似案例` : "没有找到相似案例";
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
  } catch (e) { if (e.message !== "401") $("search-status").textContent = "检索失败：" + e.message; }
  $("search-btn").disabled = false;
}

async function openCase(id) {
  try {
    const c = await api("/api/cases/" + encodeURIComponent(id));
    $("case-title").textContent = c.title || c.id;
    $("case-meta").textContent = [c.region, c.published, c.metadata && c.metadata.outcome, c.masked ? "（已隐去个人信息）" : ""]
      .filter(Boolean).join(" · ");
    $("case-text").textContent = c.text;
    $("case-dialog").showModal();
  } catch (e) { if (e.message !== "401") $("search-status").textContent = "打开案例失败：" + e.message; }
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
  if (!$("query").value.trim()) { $("search-status").textContent = "请先填写纠纷情况"; return; }
  $("plan-btn").disabled = true; $("search-status").textContent = "正在生成调解预案……";
  try {
    renderPlan(await api("/api/plan", {text: $("query").value}));
    $("search-status").textContent = "调解预案已生成";
  } catch (e) { if (e.message !== "401") $("search-status").textContent = "生成失败：" + e.message; }
  $("plan-btn").disabled = false;
}

async function copyPlan() {
  try { await navigator.clipboard.writeText(planText); }
  catch (e) {
    const ta = document.createElement("textarea"); ta.value = planText; document.body.appendChild(ta);
    ta.select(); document.execCommand("copy"); ta.remove();
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
  $("check-btn").disabled = true; $("check-status").textContent = "正在审查……";
  try {
    let res, text;
    const file = $("draft-file").files[0];
    if (file) {
      const form = new FormData(); form.append("file", file);
      res = await api("/api/check/file", form, true); text = res.text; $("draft").value = text;
      $("draft-file").value = ""; $("file-name").textContent = `已读取 ${file.name}`;
    } else {
      text = $("draft").value;
      if (!text.trim()) throw new Error("请粘贴草稿或选择文件");
      const body = {text};
      if ($("draft-date").value) body.date = $("draft-date").value;
      if ($("draft-kind").value) body.kind = $("draft-kind").value;
      res = await api("/api/check", body);
    }
    const errors = res.findings.filter((f) => f.severity === "error").length;
    $("check-status").textContent = `文件类型：${res.kind || "未识别"}；日期：${res.date || "未识别"}；发现 ${res.findings.length} 个问题（其中错误 ${errors} 个）`;
    renderFindings(text, res.findings);
  } catch (e) { if (e.message !== "401") $("check-status").textContent = "审查失败：" + e.message; }
  $("check-btn").disabled = false;
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
$("logout").addEventListener("click", () => { token = ""; localStorage.removeItem("fazhi-token"); $("who").textContent = ""; $("logout").hidden = true; showLogin("已退出。"); });
$("case-close").addEventListener("click", () => $("case-dialog").close());
$("check-form").addEventListener("submit", doCheck);
$("draft-file").addEventListener("change", () => {
  const f = $("draft-file").files[0]; $("file-name").textContent = f ? f.name : "未选择文件";
});
start();
