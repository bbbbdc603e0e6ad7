"""The analysts' HTML report of a scan: one self-contained file that works offline.

Charts are drawn with matplotlib (the object API, no pyplot state) into inline SVG with text kept as text
(``svg.fonttype = none``), so Chinese labels are drawn by the browser's own fonts and the file needs no
CDN, no script and no font download: trend lines of the daily counts of the leading dispute types with
the alert periods shaded, a district × type heat map, and the risk-level mix. Tables list the alerts,
near-duplicate clusters with their statutes, new terms, repeat parties (masked) and high-risk posts.
"""
from __future__ import annotations

import html
import io
import warnings
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

__all__ = ["render_report", "write_report", "trend_svg", "heatmap_svg"]

_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC",
          "SimHei", "DejaVu Sans"]
_RC = {"svg.fonttype": "none", "font.family": "sans-serif", "font.sans-serif": _FONTS, "axes.unicode_minus": False,
       "font.size": 9}


def _svg(fig) -> str:
    buf = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing-glyph warnings: the browser draws the text
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Creator": "fazhi", "Date": None})
    s = buf.getvalue()
    s = s[s.index("<svg"):]
    # matplotlib's RDF block names Dublin Core and Creative Commons vocabularies by URL; nothing is fetched, but an
    # offline report is checked by looking for http(s) addresses, and the block says nothing a reader needs
    start, end = s.find("<metadata>"), s.find("</metadata>")
    if 0 <= start < end:
        s = s[:start] + s[end + len("</metadata>"):]
    return s


def trend_svg(result: dict, top: int = 6, smooth_after: int = 28) -> str:
    """Daily counts of the ``top`` most frequent types, alert periods shaded. Over periods longer than
    ``smooth_after`` days the lines are 7-day trailing means: six daily series of small counts overlap
    into noise, while a week's mean still shows a burst of a few days."""
    import matplotlib
    import numpy as np
    from matplotlib.figure import Figure

    period = result.get("period")
    if not period:
        return ""
    start = date.fromisoformat(period["start"])
    days = [start + timedelta(d) for d in range(period["days"])]
    series: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in result["counts"]:
        series[c["type"]][c["date"]] += c["count"]
    types = list(result["by_type"])[:top]
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(9, 3.2))
        ax = fig.add_subplot()
        window = 7 if len(days) > smooth_after else 1
        for t in types:
            y = np.array([series[t].get(d.isoformat(), 0) for d in days], dtype=float)
            if window > 1:  # trailing mean; the first days average what there is
                y = np.convolve(y, np.ones(window))[:len(y)] / np.minimum(np.arange(1, len(y) + 1), window)
            ax.plot(days, y, label=t, linewidth=1.4)
        for a in result["alerts"]:
            if a["scope"] in ("type", "type×district") and a["type"] in types:  # a local burst counts too
                ax.axvspan(date.fromisoformat(a["start"]) - timedelta(hours=12),
                           date.fromisoformat(a["end"]) + timedelta(hours=12), color="#d62728", alpha=0.12)
        ax.set_ylabel("posts / day" + (" (7-day mean)" if window > 1 else ""))
        ax.legend(ncol=min(len(types), 6), loc="upper left", frameon=False, fontsize=8)
        ax.grid(alpha=0.3)
        fig.autofmt_xdate()
        return _svg(fig)


def heatmap_svg(result: dict, top_types: int = 10, top_districts: int = 15) -> str:
    """A district × type heat map of post counts."""
    import matplotlib
    import numpy as np
    from matplotlib.figure import Figure

    types = list(result["by_type"])[:top_types]
    districts = list(result["by_district"])[:top_districts]
    if not types or not districts:
        return ""
    m = np.zeros((len(districts), len(types)))
    ti = {t: i for i, t in enumerate(types)}
    di = {d: i for i, d in enumerate(districts)}
    for c in result["counts"]:
        if c["type"] in ti and c["district"] in di:
            m[di[c["district"]], ti[c["type"]]] += c["count"]
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(1.0 + 0.65 * len(types), 0.8 + 0.38 * len(districts)))
        ax = fig.add_subplot()
        im = ax.imshow(m, cmap="OrRd", aspect="auto")
        ax.set_xticks(range(len(types)), types, rotation=45, ha="right")
        ax.set_yticks(range(len(districts)), districts)
        top = m.max() or 1
        for i in range(len(districts)):
            for j in range(len(types)):
                if m[i, j]:
                    ax.text(j, i, int(m[i, j]), ha="center", va="center", fontsize=7,
                            color="white" if m[i, j] > top * 0.6 else "black")
        fig.colorbar(im, ax=ax, shrink=0.8, label="posts")
        return _svg(fig)


def risk_svg(result: dict) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    levels = result.get("risk", {}).get("levels") or {}
    if not levels:
        return ""
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(4, 2.2))
        ax = fig.add_subplot()
        colors = {"none": "#9e9e9e", "low": "#8bc34a", "medium": "#ff9800", "high": "#d32f2f"}
        ax.bar(list(levels), list(levels.values()), color=[colors.get(k, "#777") for k in levels])
        ax.set_ylabel("posts")
        for i, v in enumerate(levels.values()):
            ax.text(i, v, str(v), ha="center", va="bottom", fontsize=8)
        return _svg(fig)


def _table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    if not rows:
        return "<p class='none'>none</p>"
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in columns)
    body = []
    for r in rows:
        cells = []
        for key, _ in columns:
            v = r.get(key)
            if isinstance(v, (list, tuple)):
                v = "、".join(str(x) for x in v)
            elif isinstance(v, dict):
                v = "、".join(f"{k} {n}" for k, n in v.items())
            cls = f" class='risk-{v}'" if key == "risk" else ""
            cells.append(f"<td{cls}>{html.escape('' if v is None else str(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;
color:#222;max-width:1200px}
h1{font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .5em;
text-align:left;vertical-align:top}th{background:#f4f4f4}.none{color:#888}.meta{color:#555}
.risk-high{background:#fdd;font-weight:bold}.risk-medium{background:#ffe9c7}.risk-low{background:#eef7e0}
.charts{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}svg{max-width:100%;height:auto}
.synthetic{color:#a00}
"""


def render_report(result: dict, title: str = "fazhi scan") -> str:
    """The report as an HTML string."""
    period = result.get("period") or {}
    alerts = [dict(a, type=a["type"] or "（全部类型）", district=a["district"] or "（全部地区）",
                   statutes=[s["citation"] for s in a.get("statutes", [])]) for a in result["alerts"]]
    clusters = [dict(c, ids=c["ids"][:12], statutes=[s["citation"] for s in c.get("statutes", [])])
                for c in result["clusters"]]
    parties = [dict(p, ids=p["ids"][:12]) for p in result["repeat_parties"]]
    high = [dict(h, signals=[s["text"] for s in h["signals"]]) for h in result.get("risk", {}).get("high", [])]
    parts = [
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p class='meta'>{result['posts']} posts, {period.get('start')} – {period.get('end')} "
        f"({period.get('days')} days); {len(result['alerts'])} alerts, {len(result['clusters'])} clusters. "
        + (f"{result['reposts']} reposts of posts already seen are counted once in the alerts. "
           if result.get("reposts") else "") +
        "Types come from fazhi's classifier; risk from its escalation-cue rules. Generated offline by fazhi.</p>",
        "<h2>Trends</h2><div class='charts'>", trend_svg(result), "</div>",
        "<h2>Districts × types</h2><div class='charts'>", heatmap_svg(result), risk_svg(result), "</div>",
        "<h2>Alerts (bursts)</h2>",
        _table(alerts, [("scope", "scope"), ("type", "type"), ("district", "district"), ("start", "start"),
                        ("end", "end"), ("count", "count"), ("baseline", "baseline"), ("score", "score −log10 p"),
                        ("risk", "risk"), ("statutes", "related statutes")]),
        "<h2>Near-duplicate clusters</h2>",
        _table(clusters, [("size", "size"), ("district", "district"), ("date", "date"), ("risk", "risk"),
                          ("reposts", "of which reposts"), ("summary", "summary"), ("signals", "signals"),
                          ("statutes", "related statutes"), ("ids", "posts")]),
        "<h2>New terms</h2>",
        _table(result["new_terms"], [("term", "term"), ("recent", "recent posts"), ("before", "before"),
                                     ("ratio", "rate ratio"), ("first_seen", "first seen")]),
        "<h2>Repeat parties (masked)</h2>",
        _table(parties, [("party", "party"), ("count", "records"), ("types", "types"), ("districts", "districts"),
                         ("ids", "posts / cases")]),
        "<h2>High-risk posts</h2>",
        _table(high, [("id", "id"), ("date", "date"), ("district", "district"), ("type", "type"),
                      ("summary", "post (masked)"), ("signals", "signals"), ("urgency", "urgency")]),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(result: dict, path: str | Path, title: str = "fazhi scan") -> Path:
    """Write :func:`render_report` to ``path`` (UTF-8). Returns the path."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(render_report(result, title), encoding="utf-8")
    return p
