"""Deployments for real: a Prefect server on 127.0.0.1 with its own PREFECT_HOME, `sitrep serve`
registering prefect.yaml's deployments with their schedules (and the writer's concurrency
limit), and a triggered run of each
completing against the bundled sample corpus (the quality report also follows the rebuild)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.conftest import ROOT, SAMPLES

SERVER_START = 240   # the first start migrates the server's SQLite database
RUN_TIMEOUT = 300


def test_prefect_yaml_declares_the_deployments_readme_lists(tmp_path):
    from flows.deployments import load_deployments

    deployments = {d.name: d for d in load_deployments(ROOT / "prefect.yaml")}
    assert set(deployments) == {"ingest-feeds", "rebuild-marts", "quality-report"}
    ingest, rebuild, report = deployments["ingest-feeds"], deployments["rebuild-marts"], deployments["quality-report"]
    assert [s.schedule.interval for s in ingest.schedules] == [timedelta(minutes=30)]
    assert [s.schedule.cron for s in rebuild.schedules] == ["30 2 * * *"]
    assert rebuild.parameters["full_refresh"] is True
    assert not report.schedules and report.triggers
    # the config named in prefect.yaml is resolved next to it, so serving works from any folder
    assert ingest.parameters["config"] == str((ROOT / "sitrep.toml").resolve())
    assert ingest.entrypoint == "flows.deployments.scheduled_run"
    # --config replaces it everywhere
    other = tmp_path / "other.toml"
    assert all(d.parameters["config"] == str(other) for d in load_deployments(ROOT / "prefect.yaml", other))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, n: int = 60) -> str:
    try:
        return "\n".join(path.read_text("utf-8", "replace").splitlines()[-n:])
    except OSError:
        return ""


def _stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`prefect server start` on a free port of 127.0.0.1, with a PREFECT_HOME of its own."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home / "home"), "PREFECT_API_URL": url,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_SERVER_UI_ENABLED": "false",
           "PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(port)}
    log = home / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "prefect"), "server", "start",
                                 "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START
        while True:
            if proc.poll() is not None:
                pytest.fail(f"prefect server exited:\n{_tail(log)}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"prefect server not up after {SERVER_START} s:\n{_tail(log)}")
            time.sleep(1)
        yield {"url": url, "env": env, "home": home}
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def served(server, tmp_path_factory):
    """`sitrep serve` against that server, with a config over the bundled samples."""
    work = tmp_path_factory.mktemp("served")
    config = work / "sitrep.toml"
    config.write_text(f'[warehouse]\npath = "{work / "wh" / "sitrep.duckdb"}"\n\n'
                      f'[[sources]]\nname = "sample-corpus"\nlocation = "{SAMPLES / "articles"}"\n', "utf-8")
    log = work / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "sitrep"), "serve", "--config", str(config)],
                                cwd=work, env=server["env"], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield {"db": work / "wh" / "sitrep.duckdb", "log": log, "proc": proc, "config": config}
    finally:
        _stop(proc)


def _wait_for_deployments(client, names: set[str], proc, log: Path, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        found = {d.name: d for d in client.read_deployments()}
        if names <= set(found):
            return found
        if proc.poll() is not None:
            pytest.fail(f"sitrep serve exited:\n{_tail(log)}")
        if time.monotonic() > deadline:
            pytest.fail(f"deployments not registered after {timeout} s (found {sorted(found)}):\n{_tail(log)}")
        time.sleep(1)


def test_serve_registers_schedules_and_each_triggered_run_completes(server, served):
    from prefect import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    t0 = time.monotonic()
    timings = {}
    with temporary_settings(updates={PREFECT_API_URL: server["url"]}):
        with get_client(sync_client=True) as client:
            found = _wait_for_deployments(client, {"ingest-feeds", "rebuild-marts", "quality-report"},
                                          served["proc"], served["log"])
            timings["registered"] = time.monotonic() - t0
            # `sitrep serve` created the warehouse writer's global concurrency limit before any run
            assert client.read_global_concurrency_limit_by_name("sitrep-warehouse-writer").limit == 1
            assert [s.schedule.interval for s in found["ingest-feeds"].schedules] == [timedelta(minutes=30)]
            assert [s.schedule.cron for s in found["rebuild-marts"].schedules] == ["30 2 * * *"]
            assert all(s.active for d in ("ingest-feeds", "rebuild-marts") for s in found[d].schedules)
            assert found["ingest-feeds"].parameters["config"] == str(served["config"])

            def trigger(name: str):
                start = time.monotonic()
                run = run_deployment(name, timeout=RUN_TIMEOUT, poll_interval=2)
                timings[name] = round(time.monotonic() - start, 1)
                assert run.state.is_completed(), f"{name}: {run.state}\n{_tail(served['log'])}"
                return run

            trigger("sitrep-run/ingest-feeds")
            con = duckdb.connect(str(served["db"]), read_only=True)
            try:
                assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 10
                n_facts = con.execute("select count(*) from marts.fact_casualties").fetchone()[0]
                assert n_facts > 0
            finally:
                con.close()
            artifacts = client.read_artifacts()
            assert "sitrep-run-summary" in {a.key for a in artifacts}  # written by the pipeline subflow

            trigger("sitrep-run/rebuild-marts")
            con = duckdb.connect(str(served["db"]), read_only=True)
            try:
                assert con.execute("select count(*) from marts.fact_casualties").fetchone()[0] == n_facts
                assert [r[0] for r in con.execute("select status from ops.runs order by started_at").fetchall()] == ["completed"] * 2
            finally:
                con.close()

            # the rebuild's completion triggers a quality report by itself
            report_dep = found["quality-report"].id
            deadline = time.monotonic() + RUN_TIMEOUT
            while True:
                runs = client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[report_dep])))
                done = [r for r in runs if r.state and r.state.is_final()]
                if done:
                    assert done[0].state.is_completed(), f"quality report after the rebuild: {done[0].state}"
                    break
                assert time.monotonic() < deadline, f"no quality report after the rebuild: {[r.state for r in runs]}"
                time.sleep(2)
            timings["report after rebuild"] = round(time.monotonic() - t0, 1)

            trigger("sitrep-report/quality-report")
            from warehouse.report_data import default_report_path

            assert default_report_path(served["db"]).exists()
    print("timings (s):", timings)
