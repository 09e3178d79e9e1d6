"""Running a suite on a stage's output and acting on the severities.

gate       -> the stage fails: the flow stops before the next stage, nothing is published
quarantine -> the failing rows leave the frame for dq.quarantine, with the expectation's name
warn       -> recorded in dq.expectation_results, nothing moves
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

import polars as pl

from expectations.checks import GATE, GX_SEVERITY, QUARANTINE, Suite, columns_of, evidence_columns

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
logging.getLogger("great_expectations").setLevel(logging.ERROR)

RESULT_SCHEMA = {
    "run_id": pl.Utf8, "stage": pl.Utf8, "suite": pl.Utf8, "expectation": pl.Utf8, "column_name": pl.Utf8,
    "severity": pl.Utf8, "success": pl.Boolean, "unexpected_count": pl.Int64, "observed_value": pl.Utf8,
    "unexpected_examples": pl.Utf8, "reason": pl.Utf8, "checked_at": pl.Datetime("us", "UTC"),
}
QUARANTINE_SCHEMA = {
    "run_id": pl.Utf8, "stage": pl.Utf8, "expectation": pl.Utf8, "record": pl.Utf8, "reason": pl.Utf8,
    "quarantined_at": pl.Datetime("us", "UTC"),
}
RUN_SCHEMA = {
    "run_id": pl.Utf8, "stage": pl.Utf8, "suite": pl.Utf8, "success": pl.Boolean, "n_rows": pl.Int64,
    "n_expectations": pl.Int64, "n_failed": pl.Int64, "n_quarantined": pl.Int64, "gate_failed": pl.Boolean,
    "checked_at": pl.Datetime("us", "UTC"),
}
MAX_EXAMPLES = 5


class GateFailed(RuntimeError):
    """A gate-severity expectation failed: the flow must stop before publishing."""

    def __init__(self, message: str, summary: dict | None = None) -> None:
        super().__init__(message)
        self.summary = summary or {}


@dataclass
class StageResult:
    passed: pl.DataFrame          # rows that go on to the next stage (derived check columns dropped)
    quarantined: pl.DataFrame     # QUARANTINE_SCHEMA
    results: pl.DataFrame         # RESULT_SCHEMA
    run: pl.DataFrame             # RUN_SCHEMA, one row
    gate_failures: list[str]
    suite: Suite | None = None    # the suite that was run (Data Docs render it)
    gx_result: object = None      # GX's ExpectationSuiteValidationResult (None for an empty frame)

    @property
    def gate_failed(self) -> bool:
        return bool(self.gate_failures)


@lru_cache(maxsize=1)
def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return ctx


@lru_cache(maxsize=None)
def _batch_definition(suite_name: str):
    ctx = _context()
    source = ctx.data_sources.add_or_update_pandas(f"sitrep_{suite_name}")
    asset = source.add_dataframe_asset(name=suite_name)
    return asset.add_batch_definition_whole_dataframe("whole_frame")


def gx_suite(suite: Suite):
    """The suite as a GX ExpectationSuite, each expectation carrying our name, severity and reason."""
    import great_expectations as gx

    expectations = []
    for check in suite.checks:
        exp = check.expectation.copy(deep=True)
        exp.meta = {"severity": check.severity, "name": check.name, "reason": check.reason}
        exp.severity = GX_SEVERITY[check.severity]
        exp.description = f"{check.name} [{check.severity}]: {check.reason}"  # what Data Docs show for it
        expectations.append(exp)
    # built in one go: add_expectation() would compare every pair and ask the store each time
    return gx.ExpectationSuite(name=suite.name, expectations=expectations)


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


MAX_TEXT = 1000  # long article texts are cut in quarantine records; core.articles keeps them whole


def _record_json(row: dict) -> str:
    out = {k: _jsonable(v) for k, v in row.items() if not k.startswith("_")}
    if isinstance(out.get("text"), str) and len(out["text"]) > MAX_TEXT:
        out["text"] = out["text"][:MAX_TEXT] + "…"
    return json.dumps(out, ensure_ascii=False)


def _clip(value, n: int = 160):
    value = _jsonable(value)
    return value[:n] + "…" if isinstance(value, str) and len(value) > n else value


def _examples(df: pl.DataFrame, idx: list[int], columns: list[str], fallback) -> str | None:
    """JSON list of the first unexpected rows, each with the columns that explain it."""
    if idx and columns:
        rows = df[idx[:MAX_EXAMPLES]].select(columns).to_dicts()
        return json.dumps([{k.lstrip("_"): _clip(v) for k, v in r.items()} for r in rows], ensure_ascii=False, default=str)
    if fallback:
        return json.dumps([_clip(x) for x in fallback[:MAX_EXAMPLES]], ensure_ascii=False, default=str)
    return None


def _observed(res: dict) -> str | None:
    """GX's observed value, or for row checks "k of n rows unexpected"."""
    if res.get("observed_value") is not None:
        return str(_jsonable(res["observed_value"]))
    if res.get("partial_missing_list") is not None:  # a set expectation: the values that should be there and are not
        return f"{res.get('missing_count') or 0} missing: {', '.join(map(str, res['partial_missing_list'][:20]))}"
    if res.get("element_count") is not None:
        return f"{res.get('unexpected_count') or 0} of {res['element_count']} rows unexpected"
    return None


def checked_columns(suite: Suite, columns: list[str]) -> list[str]:
    """The columns the suite's expectations read (checked, paired, row-condition columns).

    GX copies the frame it validates many times (once per metric and row condition), so
    handing it only these columns rather than whole articles makes validation several times cheaper.
    """
    wanted: list[str] = []
    for check in suite.checks:
        exp = check.expectation
        for attr in ("column", "column_A", "column_B"):
            if getattr(exp, attr, None):
                wanted.append(getattr(exp, attr))
        wanted += list(getattr(exp, "column_list", None) or [])
        wanted += [*columns_of(check.column), *check.evidence]
    kept = [c for c in dict.fromkeys(wanted) if c in columns]
    return kept or columns[:1]  # a table-level check (row count) still needs a frame with rows


def validate(suite: Suite, df: pl.DataFrame, run_id: str, n_input: int | None = None) -> StageResult:
    """Validate a stage's output frame with its suite (real GX on a pandas frame built from Arrow)."""
    now = datetime.now(timezone.utc)
    checks = {c.name: c for c in suite.checks}
    gate_failures: list[str] = []
    result_rows: list[dict] = []
    bad_rows: dict[int, list[str]] = {}
    gx_result = None

    if not df.is_empty():
        pdf = df.select(checked_columns(suite, df.columns)).to_pandas(use_pyarrow_extension_array=False).reset_index(drop=True)
        batch = _batch_definition(suite.name).get_batch(batch_parameters={"dataframe": pdf})
        outcome = batch.validate(gx_suite(suite), result_format={"result_format": "COMPLETE", "partial_unexpected_count": MAX_EXAMPLES})
        gx_result = outcome
        for r in outcome.results:
            name = r.expectation_config.meta["name"]
            check = checks[name]
            res = r.result or {}
            unexpected = res.get("unexpected_count")
            idx = [int(i) for i in (res.get("unexpected_index_list") or [])]
            if not r.success:
                if r.exception_info and r.exception_info.get("raised_exception"):
                    raise RuntimeError(f"{suite.name}.{name}: expectation raised {r.exception_info.get('exception_message')}")
                if check.severity == GATE:
                    gate_failures.append(f"{suite.name}.{name}: {check.reason}")
                elif check.severity == QUARANTINE:
                    for i in idx:
                        bad_rows.setdefault(i, []).append(name)
            examples = None if r.success else _examples(df, idx, evidence_columns(check, suite.key, df.columns),
                                                        res.get("partial_unexpected_list"))
            result_rows.append({
                "run_id": run_id, "stage": suite.stage, "suite": suite.name, "expectation": name,
                "column_name": check.column, "severity": check.severity, "success": bool(r.success),
                "unexpected_count": int(unexpected) if unexpected is not None else (0 if r.success else None),
                "observed_value": _observed(res), "unexpected_examples": examples, "reason": check.reason, "checked_at": now,
            })

    produced_nothing = bool(n_input) and df.is_empty() and suite.output_required
    result_rows.append({
        "run_id": run_id, "stage": suite.stage, "suite": suite.name, "expectation": "output_when_input",
        "column_name": None, "severity": GATE, "success": not produced_nothing,
        "unexpected_count": None, "observed_value": f"{n_input or 0} in, {df.height} out",
        "unexpected_examples": None, "reason": "the stage received input and produced nothing", "checked_at": now,
    })
    if produced_nothing:
        gate_failures.append(f"{suite.name}.output_when_input: the stage received {n_input} rows and produced none")

    quarantined_rows = []
    if bad_rows:
        records = df.to_dicts()
        for i, names in sorted(bad_rows.items()):
            reason = "; ".join(checks[n].reason for n in names)
            quarantined_rows.append({
                "run_id": run_id, "stage": suite.stage, "expectation": ",".join(names),
                "record": _record_json(records[i]), "reason": reason, "quarantined_at": now,
            })
    keep = pl.Series([i not in bad_rows for i in range(df.height)], dtype=pl.Boolean)
    passed = df.filter(keep) if bad_rows else df
    passed = passed.select([c for c in passed.columns if not c.startswith("_")])

    results = pl.DataFrame(result_rows, schema=RESULT_SCHEMA, orient="row")
    run = pl.DataFrame([{
        "run_id": run_id, "stage": suite.stage, "suite": suite.name, "success": bool(results["success"].all()),
        "n_rows": df.height, "n_expectations": results.height, "n_failed": int((~results["success"]).sum()),
        "n_quarantined": len(bad_rows), "gate_failed": bool(gate_failures), "checked_at": now,
    }], schema=RUN_SCHEMA, orient="row")
    quarantined = pl.DataFrame(quarantined_rows, schema=QUARANTINE_SCHEMA, orient="row") if quarantined_rows else pl.DataFrame(schema=QUARANTINE_SCHEMA)
    return StageResult(passed, quarantined, results, run, gate_failures, suite, gx_result)
