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
  const r = await fetch(path, opts);
  if (r.status === 401) { showLogin("令牌无效或已过期，请重新登录。"); throw new Error("401"); }
  const data = await r.json().catch(() => ({}));
  if (!r.ok) { throw new Error(typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail || data)); }
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
    $("login").hidden = true; $("tabs").hidden = false;
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

function renderPlan(p) {
  if (p.markdown) { planText = p.markdown; }
  else { planText = JSON.stringify(p, null, 2); }
  const lines = planText.split("\n");
  let html = "", inList = false;
  for (const line of lines) {
    if (/^#{1,6}\s/.test(line)) {
      if (inList) { html += "</ul>"; inList = false; }
      html += `<h3>${esc(line.replace(/^#+\s*/, ""))}</h3>`;
    } else if (/^\s*([-*]|\d+\.)\s/.test(line)) {
      if (!inList) { html += "<ul>"; inList = true; }
      html += `<li>${esc(line.replace(/^\s*([-*]|\d+\.)\s/, ""))}</li>`;
    } else if (line.trim()) {
      if (inList) { html += "</ul>"; inList = false; }
      html += `<p>${esc(line)}</p>`;
    }
  }
  if (inList) html += "</ul>";
  $("plan-body").innerHTML = html;
  $("plan").hidden = false;
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
  $("findings").innerHTML = findings.length ? findings.map((f, i) => `
    <li><span class="sev ${esc(f.severity)}">${esc(sevName[f.severity] || f.severity)}</span>
      <b>${esc(f.quote || "")}</b> ${esc(f.message)}
      ${f.suggestion ? `<div class="src">建议：${esc(f.suggestion)}</div>` : ""}
      ${f.evidence ? `<div class="src">依据：${esc(typeof f.evidence === "string" ? f.evidence : JSON.stringify(f.evidence))}</div>` : ""}
    </li>`).join("") : "<li>未发现问题。</li>";
  const spans = findings.filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.end > f.start)
    .sort((a, b) => a.start - b.start);
  let html = "", pos = 0;
  for (const f of spans) {
    if (f.start < pos) continue;  // overlapping findings: the first one is marked
    html += esc(text.slice(pos, f.start));
    html += `<mark class="${esc(f.severity)}" title="${esc(f.code + "：" + f.message)}">${esc(text.slice(f.start, f.end))}</mark>`;
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
    } else {
      text = $("draft").value;
      if (!text.trim()) throw new Error("请粘贴草稿或选择文件");
      const body = {text};
      if ($("draft-date").value) body.date = $("draft-date").value;
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
$("case-close").addEventListener("click", () => $("case-dialog").close());
$("check-form").addEventListener("submit", doCheck);
start();
