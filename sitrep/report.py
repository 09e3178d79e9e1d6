"""The analyst's report: one self-contained HTML file (inline CSS and SVG, no script, no network)
with the last runs' checks, quarantined and rejected rows, and the published facts."""
from __future__ import annotations

import json
import os
from datetime import datetime
from html import escape
from pathlib import Path

import polars as pl

from sitrep.charts import OTHER, color_map, fmt, stacked_bars, timeline
from warehouse.report_data import ReportData, default_report_path, load

OUTCOMES = ["killed", "injured", "detained", "missing"]
OUTCOME_COLORS = {"killed": "#c0392b", "injured": "#e67e22", "detained": "#2980b9", "missing": "#8e44ad"}
OUTCOME_SHAPES = {"killed": "circle", "injured": "triangle", "detained": "square", "missing": "diamond"}
STATUS_SHAPES = {"deployed": "circle", "planned": "square", "withdrawing": "triangle"}
CHECK_COLORS = {"passed": "#59a14f", "warn": "#edc948", "quarantine": "#f28e2b", "gate": "#e15759"}
TOP_COUNTRIES = 9
MAX_POINTS = 3000  # marks per timeline: the largest figures are kept, so the file stays light
RECORD_KEYS = ["fact_id", "mention_id", "article_id", "title", "source_uri", "language", "n_chars", "outcome", "victim_group",
               "sender", "receiver", "status", "actor", "country_iso3", "count_low", "count_best", "count_high",
               "troops_low", "troops_best", "troops_high", "qualifier", "event_date", "quote"]

CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#222;margin:0;background:#f6f6f4}
header{background:#1f2d3a;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}
header .meta{color:#c9d3dc;font-size:13px}nav{padding:8px 28px;background:#e9ecef;font-size:13px}
nav a{margin-right:14px;color:#1f2d3a}main{padding:8px 28px 40px;max-width:1200px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:14px 18px;margin:16px 0}
h2{font-size:18px;margin:0 0 10px}h3{font-size:15px;margin:16px 0 8px}h4{font-size:13px;margin:12px 0 4px;color:#444}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e5e5e5;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;font-weight:600;color:#fff}
.gate,.failed,.crashed{background:#c0392b}.quarantine{background:#e67e22}.warn{background:#b7950b}
.completed,.passed{background:#27ae60}.running{background:#7f8c8d}
.quote{font-style:italic;color:#333}.ex li,.rec,.src{overflow-wrap:anywhere}ul.ex{min-width:300px}.badge,th{white-space:nowrap}.muted{color:#777;font-size:12px}.ex{margin:0;padding-left:16px}
details summary{cursor:pointer;color:#1f5f8b}pre{white-space:pre-wrap;font-size:12px;background:#f7f7f7;padding:6px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#f3f5f7;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:20px}figure{margin:8px 0}svg.chart{max-width:100%;height:auto;display:block}figcaption{color:#666;font-size:12px}
"""


def _e(v) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return escape(v.strftime("%Y-%m-%d %H:%M UTC"))
    return escape(str(v))


def _num(v) -> str:
    return "" if v is None else f"{v:,}"


def _badge(kind: str | None) -> str:
    kind = kind or "?"
    return f'<span class="badge {escape(kind)}">{escape(kind)}</span>'


def _table(headers: list[str], rows: list[list[str]], num: set[int] = frozenset(), cls: str = "") -> str:
    """Cells are already HTML."""
    head = "".join(f'<th class="num">{escape(h)}</th>' if i in num else f"<th>{escape(h)}</th>" for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in num else f"<td>{c}</td>" for i, c in enumerate(r)) + "</tr>"
                   for r in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _name(name: str | None) -> str:
    """An identifier that may break after its underscores and commas."""
    return _e(name).replace("_", "_<wbr>").replace(",", ",<wbr>")


def _short(run_id: str | None) -> str:
    return escape((run_id or "")[:8])


def _examples(raw: str | None) -> str:
    """unexpected_examples JSON -> a short list, one line per row."""
    if not raw:
        return ""
    try:
        items = json.loads(raw)
    except ValueError:
        return f"<code>{escape(raw[:300])}</code>"
    lines = []
    for it in items:
        if isinstance(it, dict):
            parts = [f"<b>{escape(k)}</b>=" + ("<i>null</i>" if v is None else escape(str(v))) for k, v in it.items() if k != "quote"]
            if it.get("quote"):
                parts.append(f'<span class="quote">“{escape(str(it["quote"]))}”</span>')
            lines.append(" ".join(parts))
        else:
            lines.append(escape(str(it)))
    return '<ul class="ex">' + "".join(f"<li>{x}</li>" for x in lines) + "</ul>"


def _record(raw: str) -> str:
    try:
        rec = json.loads(raw)
    except ValueError:
        return f"<code>{escape(raw[:300])}</code>"
    keys = [k for k in RECORD_KEYS if rec.get(k) not in (None, "")][:9]
    summary = "<br>".join(f"<b>{escape(k)}</b>: " + (f'<span class="quote">“{escape(str(rec[k])[:200])}”</span>' if k == "quote"
                                                      else escape(str(rec[k])[:120])) for k in keys)
    full = escape(json.dumps(rec, ensure_ascii=False, indent=1)[:4000])
    return f'<div class="rec">{summary}</div><details><summary>whole row</summary><pre>{full}</pre></details>'


def _source(row: dict) -> str:
    title = escape(row.get("title") or row.get("url") or "?")
    url = row.get("url")
    link = f'<a href="{escape(url)}">{title}</a>' if url else title
    bits = [b for b in (row.get("source"), row.get("published_date")) if b]
    return link + (f'<div class="muted">{" · ".join(escape(str(b)) for b in bits)}</div>' if bits else "")


# ---- sections -------------------------------------------------------------------------------------

def section_runs(d: ReportData) -> str:
    if not d.runs.height:
        return '<section id="runs"><h2>Runs</h2><p>No run yet: <code>sitrep run</code> fills the warehouse.</p></section>'
    failed = d.failures.group_by("run_id").len() if d.failures.height else pl.DataFrame({"run_id": [], "len": []})
    n_failed = dict(zip(failed["run_id"].to_list(), failed["len"].to_list()))
    quarantined = d.validations.group_by("run_id").agg(pl.col("n_quarantined").sum()) if d.validations.height else None
    n_quar = dict(zip(quarantined["run_id"].to_list(), quarantined["n_quarantined"].to_list())) if quarantined is not None else {}
    rows = [[f"<code>{_short(r['run_id'])}</code>", _e(r["started_at"]), _badge(r["status"]), _num(r["n_documents"]),
             _num(r["n_articles"]), _num(r["n_casualties"]), _num(r["n_deployments"]), _num(r["n_troop_counts"]),
             _num(n_failed.get(r["run_id"], 0)), _num(n_quar.get(r["run_id"], 0)), _e(r["message"])]
            for r in d.runs.iter_rows(named=True)]
    table = _table(["run", "started", "status", "documents", "articles", "casualties", "deployments", "troop counts",
                    "checks failed", "rows quarantined", "message"], rows, num={3, 4, 5, 6, 7, 8, 9})
    return f'<section id="runs"><h2>Last runs</h2>{table}</section>'


def section_checks(d: ReportData) -> str:
    last = d.latest_run
    if not last:
        return ""
    v = d.validations.filter(pl.col("run_id") == last["run_id"]).sort("checked_at")
    f = d.failures.filter(pl.col("run_id") == last["run_id"])
    chart = ""
    if v.height:
        rows = []
        for r in v.iter_rows(named=True):
            fs = f.filter(pl.col("suite") == r["suite"])
            by = {s: fs.filter(pl.col("severity") == s).height for s in ("warn", "quarantine", "gate")}
            rows.append((r["suite"], {"passed": r["n_expectations"] - r["n_failed"], **by}))
        chart = ('<figure>' + stacked_bars(rows, list(CHECK_COLORS), CHECK_COLORS, "Expectations per suite in the last run", bar=16)
                 + "<figcaption>Expectations of each suite in the last run: passed, and failed by severity.</figcaption></figure>")
    table = _table(["stage", "suite", "rows", "expectations", "failed", "rows quarantined", "result"],
                   [[_e(r["stage"]), _e(r["suite"]), _num(r["n_rows"]), _num(r["n_expectations"]), _num(r["n_failed"]),
                     _num(r["n_quarantined"]), _badge("gate" if r["gate_failed"] else ("passed" if r["success"] else "warn"))]
                    for r in v.iter_rows(named=True)], num={2, 3, 4, 5})
    docs = ""
    if d.data_docs:
        docs = f'<p>Great Expectations Data Docs of the last runs: <a href="{escape(d.data_docs_href)}">{escape(str(d.data_docs))}</a></p>'
    return (f'<section id="checks"><h2>Checks of the last run <code>{_short(last["run_id"])}</code> {_badge(last["status"])}</h2>'
            f"{chart}{table}{docs}</section>")


def section_failures(d: ReportData) -> str:
    if not d.failures.height:
        return '<section id="failures"><h2>Failed expectations</h2><p>Every expectation passed in the last runs.</p></section>'
    rows = [[_badge(r["severity"]), f"<code>{_short(r['run_id'])}</code>", f"{_name(r['suite'])}<div class='muted'>{_e(r['stage'])}</div>",
             f"<b>{_name(r['expectation'])}</b><div class='muted'>{_e(r['reason'])}</div>", _name(r["column_name"]),
             _num(r["unexpected_count"]), _e(r["observed_value"]), _examples(r["unexpected_examples"])]
            for r in d.failures.iter_rows(named=True)]
    return ('<section id="failures"><h2>Failed expectations</h2><p class="muted">gate: the stage stopped and nothing was '
            'published · quarantine: the rows were held back (below) · warn: recorded, the rows were published.</p>'
            + _table(["severity", "run", "suite", "expectation", "column", "rows", "observed", "examples"], rows, num={5})
            + "</section>")


def section_quarantine(d: ReportData) -> str:
    if not d.quarantine.height:
        return '<section id="quarantine"><h2>Quarantined rows</h2><p>No row was quarantined in the last runs.</p></section>'
    more = (f'<p class="muted">Showing {d.quarantine.height} of {d.quarantine_total}: '
            '<code>sitrep sql "select * from dq.quarantine"</code> has them all.</p>') if d.quarantine_total > d.quarantine.height else ""
    rows = [[f"<code>{_short(r['run_id'])}</code>", _e(r["stage"]), f"<b>{_name(r['expectation'])}</b>", _e(r["reason"]), _record(r["record"])]
            for r in d.quarantine.iter_rows(named=True)]
    return ('<section id="quarantine"><h2>Quarantined rows</h2>' + more
            + _table(["run", "stage", "expectation", "reason", "row"], rows) + "</section>")


def section_rejections(d: ReportData) -> str:
    if not d.rejections.height:
        return ""
    rows = [[f"<code>{_short(r['run_id'])}</code>", _e(r["stage"]), f'<span class="src">{_e(r["source_uri"])}</span>', _e(r["reason"])]
            for r in d.rejections.iter_rows(named=True)]
    return '<section id="rejections"><h2>Rejected documents</h2>' + _table(["run", "stage", "source", "reason"], rows) + "</section>"


def _country_colors(d: ReportData) -> dict[str, str]:
    weight: dict[str, int] = {}
    for c in d.casualties["country"].to_list() + d.deployments["country"].to_list():
        weight[c] = weight.get(c, 0) + 1
    ordered = sorted(weight, key=lambda c: (-weight[c], c))
    return color_map(ordered[:TOP_COUNTRIES])


def _key(colors: dict[str, str], country: str) -> str:
    return country if country in colors else "other"


def section_facts(d: ReportData) -> str:
    c = d.counts
    cards = "".join(f'<div class="card"><b>{_num(c.get(k, 0))}</b>{label}</div>' for k, label in
                    (("articles", "articles"), ("casualty", "casualty facts"), ("deployment", "deployments"), ("troop_count", "troop counts")))
    parts = [f'<section id="facts"><h2>Facts published</h2><div class="cards">{cards}</div>']
    if d.totals.height:
        pivot: dict[str, dict[str, dict]] = {}
        for r in d.totals.iter_rows(named=True):
            pivot.setdefault(r["country"], {})[r["outcome"]] = r
        order = sorted(pivot, key=lambda k: -sum(v["sum_of_articles"] for v in pivot[k].values()))
        chart_rows = [(k, {o: pivot[k][o]["sum_of_articles"] for o in pivot[k]}) for k in order[:15]]
        parts.append('<h3>Casualties per country and outcome</h3><figure>'
                     + stacked_bars(chart_rows, OUTCOMES, OUTCOME_COLORS, "Casualties per country and outcome")
                     + "<figcaption>Sum over articles of each article's largest figure per outcome (subsets skipped). "
                       "Several articles on the same event each add their figure: read it as reported volume, not a toll."
                       "</figcaption></figure>")

        def cell(k, o):
            r = pivot[k].get(o)
            if not r:
                return ""
            return f"<b>{_num(r['sum_of_articles'])}</b><div class='muted'>largest {_num(r['largest'])} · {r['n_articles']} art.</div>"
        parts.append(_table(["country", *OUTCOMES], [[f"<b>{_e(k)}</b>", *[cell(k, o) for o in OUTCOMES]] for k in order],
                            num={1, 2, 3, 4}))
    colors = _country_colors(d)
    if d.casualties.filter(pl.col("country").is_in(list(colors)).not_()).height or \
            d.deployments.filter(pl.col("country").is_in(list(colors)).not_()).height:
        colors = {**colors, "other": OTHER}
    cas = [{"date": r["date"], "value": r["count_best"], "color": _key(colors, r["country"]), "shape": r["outcome"],
            "tip": f"{r['country']} · {r['outcome']} {r['qualifier'] or ''} {r['count_best']:,} · {r['date']}"
                   f"{' (subset)' if r['is_subset'] else ''} — {(r['quote'] or '')[:160]}"}
           for r in d.casualties.iter_rows(named=True)]
    dep = [{"date": r["date"], "value": r["troops_best"], "color": _key(colors, r["country"]), "shape": r["status"],
            "tip": f"{r['sender']} → {r['country']} · {r['status']} · {_num(r['troops_best']) or 'no figure'} · {r['date']}"
                   f" — {(r['quote'] or '')[:160]}"}
           for r in d.deployments.iter_rows(named=True)]
    cas = sorted(cas, key=lambda p: -(p["value"] or 0))[:MAX_POINTS]
    dep = sorted(dep, key=lambda p: -(p["value"] or 0))[:MAX_POINTS]
    parts.append('<h3 id="timeline">Timeline per country</h3><h4>Casualties</h4><figure>'
                 + timeline(cas, colors, OUTCOME_SHAPES, "Casualties over time per country", "people", "country", "outcome")
                 + "<figcaption>Each mark is one reported casualty figure, at its event date (else the publication date); "
                   "colour: country, shape: outcome. Hover a mark for its quote.</figcaption></figure><h4>Troop deployments</h4><figure>"
                 + timeline(dep, colors, STATUS_SHAPES, "Troop deployments over time per receiving country", "troops",
                            "receiving country", "status")
                 + "<figcaption>Each mark is one deployment, coloured by the receiving country, shaped by status; "
                   "deployments the article gives no size for sit on the lower band.</figcaption></figure>")
    parts.append("</section>")
    return "".join(parts)


def section_largest(d: ReportData) -> str:
    if not d.largest.height:
        return ""
    parts = ['<section id="largest"><h2>Largest reported figures</h2>']
    for kind, title in (("casualty", "Casualties"), ("deployment", "Troop deployments"), ("troop_count", "Troop counts")):
        rows = []
        for r in d.largest.filter(pl.col("kind") == kind).iter_rows(named=True):
            rng = ""
            if r["low"] is not None and r["high"] is not None and r["low"] != r["high"]:
                rng = f"<div class='muted'>{_num(r['low'])}–{_num(r['high'])}</div>"
            rows.append([f"<b>{_num(r['best'])}</b>{rng}", _e(r["qualifier"]), _e(r["what"]), _e(r["country"]),
                         _e(r["event_date"]), f'<span class="quote">“{_e(r["quote"])}”</span>', _source(r)])
        if rows:
            parts.append(f"<h3>{title}</h3>" + _table(["figure", "qualifier", "what", "country", "event date", "quote", "source"],
                                                      rows, num={0}))
    return "".join(parts) + "</section>"


def render(d: ReportData) -> str:
    last = d.latest_run
    run_id = last["run_id"] if last else ""
    status = f"last run {_short(run_id)} {_badge(last['status'])}" if last else "no run yet"
    nav = "".join(f'<a href="#{a}">{t}</a>' for a, t in (("runs", "runs"), ("checks", "checks"), ("failures", "failed expectations"),
                                                        ("quarantine", "quarantine"), ("rejections", "rejections"),
                                                        ("facts", "facts"), ("timeline", "timeline"), ("largest", "largest figures")))
    body = "".join([section_runs(d), section_checks(d), section_failures(d), section_quarantine(d), section_rejections(d),
                    section_facts(d), section_largest(d)])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="sitrep-run-id" content="{escape(run_id)}">
<title>sitrep report — data quality and facts</title><style>{CSS}</style></head>
<body><header><h1>sitrep — data quality and facts</h1>
<div class="meta">{status} · warehouse {_e(d.db)} · generated {_e(d.generated_at)}</div></header>
<nav>{nav}</nav><main>{body}
<p class="muted">Ask the warehouse directly: <code>sitrep sql "select * from dq.last_run_failures"</code>,
<code>sitrep sql "select * from dq.quarantine order by quarantined_at desc"</code>.</p></main></body></html>
"""


def build(db: str | Path, out: str | Path | None = None, n_runs: int = 5) -> Path:
    """Read the warehouse, write the report (atomically) and return its path."""
    out = Path(out) if out else default_report_path(db)
    data = load(db, n_runs=n_runs)
    data.data_docs_href = os.path.relpath(data.data_docs, out.resolve().parent) if data.data_docs else ""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(render(data), "utf-8")
    tmp.replace(out)
    return out


def report_run_id(path: str | Path) -> str | None:
    """The run a written report was built after (read from its head), None when there is none."""
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(2000)
    except OSError:
        return None
    marker = '<meta name="sitrep-run-id" content="'
    i = head.find(marker)
    return head[i + len(marker):head.find('"', i + len(marker))] if i >= 0 else None
