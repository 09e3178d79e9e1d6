"""Great Expectations Data Docs of each run: the run's validation results rendered as GX's own HTML
site in a folder next to the warehouse (<db dir>/reports/gx_docs/index.html).

The validations themselves run on an in-memory context (gate.py); here a file-backed context is
opened once per run, only to store the results and render them. The last KEEP_RUNS runs are kept.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

from expectations.gate import StageResult, _context, gx_suite
from warehouse.report_data import data_docs_index, reports_dir

SITE = "sitrep_docs"
KEEP_RUNS = 10  # the index re-reads every stored result: keep it short


def docs_dir(db: str | Path) -> Path:
    return data_docs_index(db).parent


def _file_context(root: Path):
    import great_expectations as gx

    root.mkdir(parents=True, exist_ok=True)
    ctx = gx.get_context(mode="file", project_root_dir=str(root))
    sites = ctx.list_data_docs_sites()
    if SITE not in sites:
        ctx.add_data_docs_site(SITE, {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": "../gx_docs/"},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    for other in [s for s in sites if s != SITE]:
        ctx.delete_data_docs_site(other)
    return ctx


def _fingerprints(root: Path, suites: dict) -> tuple[dict, dict]:
    """(fingerprints stored last time, fingerprints now) of the suites: storing a suite is slow,
    so only a changed one is stored again."""
    try:
        known = json.loads((root / "gx" / "sitrep_suites.json").read_text("utf-8"))
    except (OSError, ValueError):
        known = {}
    now = {name: hashlib.sha1(json.dumps(s.to_json_dict(), sort_keys=True, default=str).encode()).hexdigest()
           for name, s in suites.items()}
    return known, now


def _prune(ctx, docs: Path, keep: int) -> None:
    """Forget validation results (and their pages) of all but the last `keep` runs."""
    store = ctx.validation_results_store
    keys = store.list_keys()
    latest: dict[str, str] = {}
    for k in keys:
        name, when = k.run_id.run_name, str(k.run_id.run_time)
        latest[name] = max(latest.get(name, when), when)
    old = set(sorted(latest, key=latest.get, reverse=True)[keep:])
    for k in keys:
        if k.run_id.run_name in old:
            store.remove_key(k)
            shutil.rmtree(docs / "validations" / k.expectation_suite_identifier.name / k.run_id.run_name, ignore_errors=True)


def build_data_docs(results: list[StageResult], run_id: str, db: str | Path, keep: int = KEEP_RUNS) -> Path | None:
    """Store the run's GX validation results and render their pages and the index; returns index.html."""
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (ExpectationSuiteIdentifier,
                                                                            ValidationResultIdentifier)

    from great_expectations.data_context.data_context.context_factory import set_context

    validated = [r for r in results if r.gx_result is not None and r.suite is not None]
    if not validated:
        return None
    suites = {r.suite.name: gx_suite(r.suite) for r in validated}  # built before the file context is current
    try:
        ctx = _file_context(reports_dir(db))
        run = RunIdentifier(run_name=run_id, run_time=datetime.now(timezone.utc))
        keys: list = []
        for r in validated:
            key = ValidationResultIdentifier(expectation_suite_identifier=ExpectationSuiteIdentifier(name=r.suite.name),
                                             run_id=run, batch_identifier=r.suite.stage)
            ctx.validation_results_store.set(key, r.gx_result)
            keys.append(key)
        known, now = _fingerprints(reports_dir(db), suites)
        for name in [n for n, p in now.items() if known.get(n) != p]:
            ctx.suites.add_or_update(suites[name])
            keys.append(ExpectationSuiteIdentifier(name=name))
        (reports_dir(db) / "gx" / "sitrep_suites.json").write_text(json.dumps({**known, **now}, indent=1), "utf-8")
        _prune(ctx, docs_dir(db), keep)
        ctx.build_data_docs(site_names=[SITE], resource_identifiers=keys)
    finally:
        set_context(_context())  # the validations of later runs stay in memory
    index = docs_dir(db) / "index.html"
    return index if index.exists() else None
