"""What a run leaves for the analyst besides the warehouse rows: Great Expectations Data Docs, the
HTML report, and Prefect artifacts on the flow run (a markdown summary, a table of the checks,
links to the report and to the Data Docs). Called once at the end of every run, failed or not."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import polars as pl

from expectations.gate import StageResult

MAX_TABLE_ROWS = 300
SEVERITY_ORDER = {"gate": 0, "quarantine": 1, "warn": 2}


def _logger():
    try:
        from prefect import get_run_logger

        return get_run_logger()
    except Exception:
        return logging.getLogger("sitrep.artifacts")


def _results(results: list[StageResult]) -> pl.DataFrame:
    frames = [r.results for r in results if r.results.height]
    return pl.concat(frames) if frames else pl.DataFrame()


def _runs(results: list[StageResult]) -> pl.DataFrame:
    frames = [r.run for r in results if r.run.height]
    return pl.concat(frames) if frames else pl.DataFrame()


def markdown_summary(summary: dict, results: list[StageResult], links: dict[str, str]) -> str:
    """The run in a few lines: what was read and published, each suite's outcome, what failed."""
    facts = summary.get("facts") or {}
    lines = [
        f"# sitrep run `{summary.get('run_id')}`: **{summary.get('status')}**",
        "",
        "| documents | rejected | articles | casualties | deployments | troop counts | checks failed | rows quarantined |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {summary.get('documents', 0)} | {summary.get('rejected', 0)} | {summary.get('articles', 0)} | {facts.get('casualty', 0)} "
        f"| {facts.get('deployment', 0)} | {facts.get('troop_count', 0)} | {summary.get('checks_failed', 0)} | {summary.get('quarantined', 0)} |",
    ]
    if summary.get("message"):
        lines += ["", f"> {summary['message']}"]
    runs = _runs(results)
    if runs.height:
        lines += ["", "## Checks", "", "| stage | suite | rows | expectations | failed | quarantined | result |", "|---|---|---:|---:|---:|---:|---|"]
        for r in runs.iter_rows(named=True):
            verdict = "gate failed" if r["gate_failed"] else ("passed" if r["success"] else "warnings")
            lines.append(f"| {r['stage']} | {r['suite']} | {r['n_rows']} | {r['n_expectations']} | {r['n_failed']} "
                         f"| {r['n_quarantined']} | {verdict} |")
    res = _results(results)
    failed = res.filter(~pl.col("success")) if res.height else res
    if failed.height:
        lines += ["", "## Failed expectations", ""]
        failed = failed.with_columns(pl.col("severity").replace_strict(SEVERITY_ORDER, default=3).alias("_o")).sort(["_o", "suite"])
        for r in failed.iter_rows(named=True):
            n = r["unexpected_count"]
            lines.append(f"- **{r['severity']}** `{r['suite']}.{r['expectation']}`"
                         f"{f' — {n} row(s)' if n else ''}: {r.get('reason') or ''}")
    if links:
        lines += ["", "## Reports", ""] + [f"- {name}: [{Path(url).name if '://' not in url else url}]({url})" for name, url in links.items()]
    return "\n".join(lines)


def checks_table(results: list[StageResult]) -> list[dict]:
    """Every expectation of the run, failures first (Prefect renders a list of dicts as a table)."""
    res = _results(results)
    if not res.height:
        return []
    res = res.with_columns(pl.col("severity").replace_strict(SEVERITY_ORDER, default=3).alias("_o")).sort(
        ["success", "_o", "stage", "suite", "expectation"])
    cols = ["stage", "suite", "expectation", "severity", "success", "unexpected_count", "observed_value", "column_name"]
    return [{k: r[k] for k in cols} for r in res.head(MAX_TABLE_ROWS).iter_rows(named=True)]


def publish_artifacts(summary: dict, results: list[StageResult], links: dict[str, str]) -> None:
    from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

    run = str(summary.get("run_id"))
    create_markdown_artifact(key="sitrep-run-summary", markdown=markdown_summary(summary, results, links),
                             description=f"sitrep run {run}: what was read, published, checked and quarantined")
    table = checks_table(results)
    if table:
        create_table_artifact(key="sitrep-checks", table=table, description=f"Expectation results of run {run}, failures first")
    for name, url in links.items():
        create_link_artifact(key=f"sitrep-{name.replace(' ', '-').lower()}", link=url, link_text=f"{name} of run {run[:8]}",
                             description=f"{name} written at the end of run {run}")


def after_run(db: str | Path, summary, results: list[StageResult]) -> dict[str, str]:
    """Data Docs, report and Prefect artifacts of one run. Never fails the run: a part that
    breaks is logged and the others still happen. Set SITREP_DATA_DOCS=0 to skip the Data Docs."""
    log = _logger()
    s = summary.as_dict() if hasattr(summary, "as_dict") else dict(summary)
    if s.get("status") == "running":
        s["status"] = "crashed"
    links: dict[str, str] = {}
    if results and os.environ.get("SITREP_DATA_DOCS", "1") != "0":
        try:
            from expectations.docs import build_data_docs

            index = build_data_docs(results, s["run_id"], db)
            if index:
                links["data docs"] = index.resolve().as_uri()
        except Exception as exc:
            log.warning("Great Expectations Data Docs not built: %s: %s", type(exc).__name__, exc)
    try:
        from sitrep.report import build

        links["report"] = build(db).resolve().as_uri()
    except Exception as exc:
        log.warning("report not written: %s: %s", type(exc).__name__, exc)
    try:
        publish_artifacts(s, results, links)
    except Exception as exc:
        log.warning("Prefect artifacts not created: %s: %s", type(exc).__name__, exc)
    for name, url in links.items():
        log.info("%s: %s", name, url)
    return links
