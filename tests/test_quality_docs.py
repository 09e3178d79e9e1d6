"""Great Expectations Data Docs beside the warehouse: a page per validation, the last runs kept."""
from expectations.docs import build_data_docs
from tests.test_quality_planted import build_planted_warehouse
from warehouse.report_data import data_docs_index


def test_data_docs_render_each_run_and_keep_only_the_last_ones(tmp_path):
    db = tmp_path / "sitrep.duckdb"
    for i in range(3):
        results = build_planted_warehouse(db, run_id=f"run-{i}")["results"]
        index = build_data_docs(results, f"run-{i}", db, keep=2)
    assert index == data_docs_index(db) and index.exists()
    runs = sorted(p.name for p in (index.parent / "validations" / "fact_casualties").iterdir())
    assert runs == ["run-1", "run-2"]
    page = next((index.parent / "validations" / "fact_casualties" / "run-2").rglob("*.html")).read_text("utf-8")
    # each expectation is shown with our name, severity and reason
    assert "event_date_within_year_of_publication [warn]: event date more than a year before publication" in page
    assert (index.parent / "expectations" / "dim_countries.html").exists()
    assert "run-0" not in index.read_text("utf-8") and "run-2" in index.read_text("utf-8")
