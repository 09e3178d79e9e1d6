"""What a run shows on its Prefect flow run page: the markdown summary and the checks table."""
from flows.artifacts import checks_table, markdown_summary
from tests.test_quality_planted import build_planted_warehouse


def test_summary_and_table_put_failures_first(tmp_path):
    results = build_planted_warehouse(tmp_path / "sitrep.duckdb")["results"]
    summary = {"run_id": "r-1", "status": "completed", "documents": 4, "articles": 3, "rejected": 0,
               "facts": {"casualty": 5, "deployment": 1, "troop_count": 2}, "checks_failed": 9, "quarantined": 5}
    md = markdown_summary(summary, results, {"report": "file:///x/reports/report.html"})
    assert md.startswith("# sitrep run `r-1`: **completed**")
    assert "| facts | fact_casualties | 8 |" in md
    lines = md.splitlines()
    failures = [line for line in lines if line.startswith("- **")]
    assert failures[0].startswith("- **quarantine**") and failures[-1].startswith("- **warn**")
    assert any("event_date_within_year_of_publication" in line and "more than a year" in line for line in failures)
    assert "[file:///x/reports/report.html](file:///x/reports/report.html)" in md
    table = checks_table(results)
    assert table[0]["success"] is False and table[-1]["success"] is True
    assert {"stage", "suite", "expectation", "severity", "success", "unexpected_count", "observed_value"} <= set(table[0])
