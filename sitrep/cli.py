"""The `sitrep` command line (CONTRACT.md): run, serve, sql, eval, report, schema, export, cache prune."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from sitrep import config as cfg


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="warehouse file (default: the config's, warehouse/sitrep.duckdb)")
    p.add_argument("--config", help="config file (default: ./sitrep.toml)")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sitrep", description="News articles -> casualty, deployment and troop-count fact tables in DuckDB.")
    sub = ap.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the pipeline flow once over the sources")
    run.add_argument("--source", action="append", default=[], help="file, folder or URL (repeatable; default: the config's sources)")
    run.add_argument("--batch-size", type=int, help="documents per task")
    run.add_argument("--full-refresh", action="store_true",
                     help="rebuild every layer from the raw documents already landed, without fetching")
    run.add_argument("--runner", choices=["thread", "process", "dask"],
                     help="where fetching, cleaning and extraction run: threads (default), processes, or a Dask cluster (implied by --dask-address)")
    run.add_argument("--dask-address", help="scheduler of an existing Dask cluster, tcp://HOST:PORT (default: a temporary local one)")
    run.add_argument("--workers", type=int, help="pool size for the runner (default: one per core)")
    _db_arg(run)

    sql = sub.add_parser("sql", help="ad-hoc SQL on the warehouse, read-only")
    sql.add_argument("query")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _db_arg(sql)

    sch = sub.add_parser("schema", help="print every warehouse table and column with its description")
    sch.add_argument("--format", choices=["text", "json"], default="text")
    _db_arg(sch)

    ex = sub.add_parser("export", help="write the marts as Parquet, partitioned by year and month (hive layout)")
    ex.add_argument("out_dir")
    ex.add_argument("--format", choices=["parquet"], default="parquet")
    _db_arg(ex)

    srv = sub.add_parser("serve", help="serve the Prefect deployments of prefect.yaml with their schedules")
    srv.add_argument("--file", help="deployments file (default: ./prefect.yaml, else the project's)")
    srv.add_argument("--config", help="config file given to every deployment (default: the one prefect.yaml names)")
    srv.add_argument("--deployment", action="append", default=[], help="serve only this deployment (repeatable)")
    srv.add_argument("--limit", type=int, help="flow runs at the same time (default: no limit)")

    rep = sub.add_parser("report", help="write the HTML report: last runs' checks, quarantined rows, facts and charts")
    rep.add_argument("--out", help="report file (default: reports/report.html beside the warehouse)")
    rep.add_argument("--runs", type=int, default=5, help="how many recent runs the checks cover (default 5)")
    _db_arg(rep)

    cache = sub.add_parser("cache", help="the task cache of cleaning and extraction results")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True)
    prune = cache_sub.add_parser("prune", help="remove cache entries older than some days (default: [cache] max_age_days)")
    prune.add_argument("--older-than", type=float, metavar="DAYS", help="age in days (default: the config's, 14)")
    prune.add_argument("--config", help="config file (default: ./sitrep.toml)")

    ev = sub.add_parser("eval", help="score the extractor on a gold folder")
    ev.add_argument("gold_dir")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    return ap


def _db(args, conf: cfg.Config) -> str:
    return args.db or conf.db


def cmd_run(args) -> int:
    conf = cfg.load(args.config)
    # every source travels with its options (a --source that names a configured location keeps them)
    sources = [(conf.source_for(s).as_dict() if conf.source_for(s) else {"location": s}) for s in args.source] or [
        s.as_dict() for s in conf.sources
    ]
    if not sources and not args.full_refresh:
        print("sitrep run: no source given and no [[sources]] in the config", file=sys.stderr)
        return 2
    from expectations.gate import GateFailed
    from flows.runners import pipeline_with_runner

    try:
        pipeline = pipeline_with_runner(args.runner, args.dask_address, args.workers)
    except (ValueError, RuntimeError) as exc:
        print(f"sitrep run: {exc}", file=sys.stderr)
        return 2
    db = _db(args, conf)
    try:
        summary = pipeline(sources=[] if args.full_refresh else sources, db=db, fetch=conf.fetch,
                           batch_size=args.batch_size or conf.batch_size, full_refresh=args.full_refresh)
        code = 0
    except GateFailed as exc:
        summary, code = exc.summary, 1
    summary["report"] = _run_report(db, summary.get("run_id"))
    print_summary(summary)
    return code


def _run_report(db: str, run_id: str | None) -> str | None:
    """The report of this run: the flow writes it at its end; written here when it could not."""
    from sitrep.report import build, report_run_id
    from warehouse.report_data import default_report_path

    path = default_report_path(db)
    if run_id and report_run_id(path) == run_id:
        return str(path)
    try:
        return str(build(db, path))
    except Exception as exc:  # the run's outcome stands; say why there is no report
        print(f"sitrep run: report not written: {exc}", file=sys.stderr)
        return None


def print_summary(s: dict) -> None:
    facts = s.get("facts") or {}
    lines = [
        "",
        f"sitrep run {s.get('run_id')}: {s.get('status')}",
        f"  documents read     {s.get('documents', 0)} ({s.get('rejected', 0)} rejected, {s.get('new_raw', 0)} new in raw layer)",
        f"  articles landed    {s.get('articles', 0)}",
        f"  fact_casualties    {facts.get('casualty', 0)}",
        f"  fact_deployments   {facts.get('deployment', 0)}",
        f"  fact_troop_counts  {facts.get('troop_count', 0)}",
        f"  checks             {s.get('checks_passed', 0)} passed, {s.get('checks_failed', 0)} failed, {s.get('quarantined', 0)} rows quarantined",
        f"  warehouse          {s.get('db')}",
        f"  quality results    sitrep sql \"select * from dq.expectation_results where run_id = '{s.get('run_id')}' and not success\"",
    ]
    if s.get("report"):
        lines.append(f"  report             {s['report']}")
    if s.get("message"):
        lines.append(f"  message            {s['message']}")
    print("\n".join(lines))


def cmd_sql(args) -> int:
    import duckdb
    import polars as pl

    from warehouse.db import connect

    conf = cfg.load(args.config)
    try:
        con = connect(_db(args, conf), read_only=True)
    except FileNotFoundError as exc:
        print(f"sitrep sql: {exc}", file=sys.stderr)
        return 2
    try:
        df = con.sql(args.query).pl()
    except duckdb.Error as exc:
        print(f"sitrep sql: {exc}", file=sys.stderr)
        return 1
    except AttributeError:  # a statement that returns no rows
        return 0
    finally:
        con.close()
    if args.format == "csv":
        sys.stdout.write(df.write_csv())
    elif args.format == "json":
        print(json.dumps(df.to_dicts(), default=str, ensure_ascii=False, indent=1))
    else:
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=80, tbl_width_chars=200, tbl_hide_dataframe_shape=True):
            print(df)
    return 0


def cmd_schema(args) -> int:
    from warehouse import catalog
    from warehouse.db import connect, init

    db = _db(args, cfg.load(args.config))
    if not Path(db).exists():
        init(db)
    con = connect(db, read_only=True)
    try:
        df = catalog.describe(con)
    finally:
        con.close()
    print(json.dumps(df.to_dicts(), ensure_ascii=False, indent=1) if args.format == "json" else catalog.as_text(df))
    return 0


def cmd_export(args) -> int:
    from warehouse.export import export_parquet

    try:
        counts = export_parquet(_db(args, cfg.load(args.config)), args.out_dir)
    except FileNotFoundError as exc:
        print(f"sitrep export: {exc}", file=sys.stderr)
        return 2
    for table, n in counts.items():
        print(f"{n:>8}  {Path(args.out_dir) / table}")
    return 0


def cmd_eval(args) -> int:
    from transforms.evaluate import evaluate_folder, format_report

    folder = Path(args.gold_dir)
    if not (folder / "gold.jsonl").exists():
        print(f"sitrep eval: no gold.jsonl in {folder}", file=sys.stderr)
        return 2
    result = evaluate_folder(folder)
    if args.json:
        print(json.dumps(result, default=str, ensure_ascii=False))
    else:
        print(format_report(result))
    return 0


def cmd_report(args) -> int:
    from sitrep.report import build

    conf = cfg.load(args.config)
    try:
        path = build(_db(args, conf), args.out, n_runs=args.runs)
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"sitrep report: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


def cmd_cache(args) -> int:
    from flows.cache import prune

    days = args.older_than if args.older_than is not None else cfg.load(args.config).cache_max_age_days
    if days < 0:
        print("sitrep cache prune: --older-than must be 0 or more days", file=sys.stderr)
        return 2
    result = prune(days)
    print(result.line(days))
    for err in result.errors:
        print(f"  not removed: {err}", file=sys.stderr)
    return 0


def _create_limits(conf: cfg.Config) -> None:
    """The global concurrency limits the scheduled runs use: the writer's, and one per host of the
    configured URL sources (hosts found later get theirs when a run plans them)."""
    from flows import limits
    from transforms.fetch import FetchSettings
    from transforms.urls import host_of

    hosts = {host_of(s.location) for s in conf.sources if "://" in s.location}
    if limits.ensure(hosts, FetchSettings.from_dict(conf.fetch).max_per_host):
        print(f"sitrep serve: concurrency limits {limits.WRITER} (1) and {len(hosts)} host limit(s) ready (prefect gcl ls)",
              file=sys.stderr)


def cmd_serve(args) -> int:
    from flows.deployments import load_deployments
    from prefect import serve
    from prefect.settings import get_current_settings

    try:
        deployments = load_deployments(args.file, args.config, args.deployment or None)
    except (FileNotFoundError, ValueError) as exc:
        print(f"sitrep serve: {exc}", file=sys.stderr)
        return 2
    if not deployments:
        print(f"sitrep serve: no deployment named {', '.join(args.deployment)}", file=sys.stderr)
        return 2
    if not get_current_settings().api.url:
        print("sitrep serve: PREFECT_API_URL is not set, so the deployments live in a temporary local Prefect API;\n"
              "  start `prefect server start` and `export PREFECT_API_URL=http://127.0.0.1:4200/api` to keep them and see the runs.",
              file=sys.stderr)
    _create_limits(cfg.load(args.config) if args.config else cfg.current())
    serve(*deployments, limit=args.limit)
    return 0


COMMANDS = {"serve": cmd_serve, "run": cmd_run, "sql": cmd_sql, "eval": cmd_eval, "schema": cmd_schema, "export": cmd_export,
            "report": cmd_report, "cache": cmd_cache}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # the first start of Prefect's temporary server migrates its database: give it time
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
    args = parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
