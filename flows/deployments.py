"""The flows that deployments run, and `sitrep serve`: the deployments, their schedules, triggers
and parameters are declared in prefect.yaml (one place, editable without touching code); this
module reads that file and serves them with Prefect's runner.

- `sitrep-run` runs the pipeline once over the config's sources (deployment `ingest-feeds`), or
  rebuilds every layer from the raw documents already landed (`rebuild-marts`, `full_refresh`);
- `sitrep-report` writes the data-quality and facts report (`quality-report`, triggered when a
  rebuild completes).
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from sitrep import config as cfg

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = "prefect.yaml"
RUN_TIMEOUT = 6 * 3600      # a scheduled run that hangs is failed (and its writer lock freed) after this
REPORT_TIMEOUT = 3600


def _artifact(markdown: str, key: str, description: str) -> None:
    """A markdown artifact on the current flow run (a failure to write it never fails the run)."""
    try:
        from prefect.artifacts import create_markdown_artifact

        create_markdown_artifact(markdown=markdown, key=key, description=description)
    except Exception as exc:  # pragma: no cover - the API may be briefly unavailable
        get_run_logger().warning("could not write the %s artifact: %s", key, exc)


@flow(name="sitrep-run", log_prints=True, timeout_seconds=RUN_TIMEOUT)
def scheduled_run(sources: list[str | dict] | None = None, db: str | None = None, config: str | None = None,
                  full_refresh: bool = False, batch_size: int | None = None, runner: str | None = None,
                  dask_address: str | None = None, workers: int | None = None) -> dict:
    """One pipeline run: the config's sources and warehouse unless given; `full_refresh` rebuilds
    every layer from the raw documents already landed; `runner` is thread (default), process or
    dask (implied by `dask_address`)."""
    from flows.runners import pipeline_with_runner

    log = get_run_logger()
    conf = cfg.load(config)
    db = db or conf.db
    chosen = list(sources) if sources else [s.as_dict() for s in conf.sources]
    kwargs: dict[str, Any] = {"sources": chosen, "db": db, "batch_size": batch_size or conf.batch_size}
    if full_refresh:
        kwargs.update(sources=[], full_refresh=True)
    if not kwargs["sources"] and not full_refresh:
        raise ValueError(f"no sources given and none in the config {conf.path or '(none found)'}")
    log.info("%s over %s into %s with the %s runner%s", "full refresh" if full_refresh else "run",
             "the raw layer" if full_refresh else f"{len(kwargs['sources'])} source(s)", db,
             runner or ("dask" if dask_address else "thread"),
             f" at {dask_address}" if dask_address else "")
    # the pipeline (a subflow, with the chosen task runner) writes its own logs and artifacts:
    # the run summary, the checks, links to the report and the Data Docs (flows/artifacts.py)
    return pipeline_with_runner(runner, dask_address, workers)(**kwargs)


@flow(name="sitrep-report", log_prints=True, timeout_seconds=REPORT_TIMEOUT)
def quality_report(db: str | None = None, config: str | None = None, out: str | None = None) -> str:
    """The data-quality and facts report of the warehouse, as an HTML file; returns its path."""
    from flows.writer import flow_writer

    log = get_run_logger()
    conf = cfg.load(config)
    db = db or conf.db
    if not Path(db).exists():
        raise FileNotFoundError(f"no warehouse at {db}: run the pipeline first")
    # DuckDB lets one process open the file at a time: read between two runs, not during one
    with flow_writer(db, "quality-report", log):
        try:
            from sitrep.report import build
        except ImportError:
            build = None
        if build is not None:
            path = Path(build(db, out)).resolve()
            body = f"# sitrep quality report\n\nWritten to `{path}`.\n\n" + _quality_markdown(db)
        else:  # no report builder in this version: the summary of the last run's checks
            body = "# sitrep quality summary\n\n" + _quality_markdown(db)
            path = Path(out or Path(db).with_suffix(".quality.md")).resolve()
            path.write_text(body, "utf-8")
    _artifact(body, "sitrep-quality-report", "data-quality report of the warehouse")
    log.info("quality report written to %s", path)
    return str(path)


def _quality_markdown(db: str) -> str:
    """The last run's checks per stage and severity, from dq.expectation_results."""
    from warehouse.db import connect

    con = connect(db, read_only=True)
    try:
        last = con.execute("select run_id, status, started_at from ops.runs order by started_at desc limit 1").fetchone()
        if not last:
            return "No run in the warehouse yet."
        rows = con.execute(
            """select stage, severity, count(*) filter (where success), count(*) filter (where not success),
                      coalesce(sum(unexpected_count) filter (where not success), 0)
               from dq.expectation_results where run_id = ? group by 1, 2 order by 1, 2""", [last[0]]).fetchall()
    finally:
        con.close()
    lines = [f"Last run `{last[0]}`: **{last[1]}** (started {last[2]}).", "",
             "| stage | severity | passed | failed | unexpected rows |", "|---|---|---|---|---|"]
    lines += [f"| {s} | {sev} | {p} | {f} | {u} |" for s, sev, p, f, u in rows]
    return "\n".join(lines)


# ---- prefect.yaml -> served deployments ---------------------------------------------------------

def find_file(path: str | Path | None = None) -> Path:
    """The deployments file: the one given, else ./prefect.yaml, else the project's."""
    if path:
        p = Path(path)
        if not p.exists():
            raise FileNotFoundError(f"deployments file not found: {p}")
        return p
    for p in (Path.cwd() / DEFAULT_FILE, PROJECT_ROOT / DEFAULT_FILE):
        if p.exists():
            return p
    raise FileNotFoundError(f"no {DEFAULT_FILE} here nor in {PROJECT_ROOT}")


def _load_flow(entrypoint: str, base: Path):
    """`flows/deployments.py:scheduled_run` -> the flow (imported as a module when it is one)."""
    file, _, name = entrypoint.rpartition(":")
    if file.endswith(".py") and not Path(file).is_absolute():
        module = file[:-3].replace("/", ".").replace("\\", ".")
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            pass
    from prefect.flows import load_flow_from_entrypoint

    return load_flow_from_entrypoint(str(base / entrypoint) if not Path(file).is_absolute() else entrypoint)


def _schedule(spec: dict):
    """One `schedules:` entry of prefect.yaml (interval seconds, cron or rrule) -> a Prefect schedule."""
    from datetime import timedelta

    from prefect.schedules import Schedule
    from prefect.types._datetime import parse_datetime

    kinds = [k for k in ("interval", "cron", "rrule") if spec.get(k) is not None]
    if len(kinds) != 1:
        raise ValueError(f"a schedule needs exactly one of interval, cron or rrule: {spec}")
    kw: dict[str, Any] = {k: spec[k] for k in ("cron", "rrule", "timezone", "day_or", "parameters", "slug") if spec.get(k) is not None}
    if "interval" in kinds:
        iv = spec["interval"]
        kw["interval"] = timedelta(seconds=iv) if isinstance(iv, (int, float)) else iv
    if spec.get("anchor_date"):
        kw["anchor_date"] = parse_datetime(str(spec["anchor_date"]))
    if spec.get("active") is not None:
        kw["active"] = bool(spec["active"])
    return Schedule(**kw)


def _concurrency(spec):
    if spec is None or isinstance(spec, int):
        return spec
    from prefect.client.schemas.objects import ConcurrencyLimitConfig

    return ConcurrencyLimitConfig(**spec)


def _triggers(name: str, specs: list[dict]) -> list:
    from prefect.events import DeploymentTriggerTypes
    from pydantic import TypeAdapter

    adapter = TypeAdapter(DeploymentTriggerTypes)
    out = []
    for i, spec in enumerate(specs or [], start=1):
        spec = dict(spec)
        spec.setdefault("name", f"{name}__automation_{i}")
        out.append(adapter.validate_python(spec))
    return out


def read_declarations(path: str | Path | None = None) -> tuple[Path, list[dict]]:
    import yaml

    p = find_file(path)
    data = yaml.safe_load(p.read_text("utf-8")) or {}
    deployments = data.get("deployments") or []
    if not deployments:
        raise ValueError(f"{p}: no deployments")
    return p, deployments


def load_deployments(path: str | Path | None = None, config: str | Path | None = None,
                     names: list[str] | None = None) -> list:
    """The deployments of prefect.yaml as runner deployments; `config` replaces every deployment's
    `config` parameter; a relative config path is relative to the deployments file."""
    from prefect.deployments.runner import EntrypointType

    p, specs = read_declarations(path)
    base = p.resolve().parent
    out = []
    for d in specs:
        if names and d["name"] not in names:
            continue
        fl = _load_flow(d["entrypoint"], base)
        params = dict(d.get("parameters") or {})
        conf = config or params.get("config")
        if "config" in fl.parameters.properties and conf:
            params["config"] = str(Path(conf) if Path(conf).is_absolute() else (Path.cwd() / conf if config else base / conf).resolve())
        out.append(fl.to_deployment(
            name=d["name"],
            schedules=[_schedule(s) for s in d.get("schedules") or []],
            parameters=params,
            triggers=_triggers(d["name"], d.get("triggers") or []),
            concurrency_limit=_concurrency(d.get("concurrency_limit")),
            description=d.get("description"),
            tags=d.get("tags"),
            paused=d.get("paused"),
            entrypoint_type=EntrypointType.MODULE_PATH,
        ))
    return out


def serve_all(path: str | Path | None = None, config: str | Path | None = None, limit: int | None = None,
              names: list[str] | None = None) -> None:
    """Register the deployments with their schedules and triggers, then run what comes due (blocks)."""
    from prefect import serve

    from flows import limits

    deployments = load_deployments(path, config, names)
    limits.ensure()  # the writer's limit; host limits are set by each run for the hosts it plans
    serve(*deployments, limit=limit)
