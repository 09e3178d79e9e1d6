"""Three outlets report one attack with different figures: one event, counted once."""
import duckdb
import pytest

from flows.pipeline import pipeline
from tests.conftest import FIXTURES

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_three_reports_of_one_attack_make_one_event_per_outcome(warehouse_path):
    pipeline(sources=[str(FIXTURES / "same_event")], db=str(warehouse_path))
    con = duckdb.connect(str(warehouse_path), read_only=True)
    rows = con.execute("""select outcome, low, best, high, n_sources, n_articles, len(fact_ids), first_reported, last_reported
                          from marts.casualty_events where country_iso3 = 'MLI' and victim_group = 'civilians'
                          order by outcome""").fetchall()
    con.close()
    by_outcome = {r[0]: r[1:] for r in rows}
    assert set(by_outcome) == {"injured", "killed"}
    # killed: 12 on Saturday, then 18 and 17 on Sunday -> best is the lower of the latest reports
    low, best, high, n_sources, n_articles, n_facts, first, last = by_outcome["killed"]
    assert (low, best, high) == (12, 17, 18)
    assert n_sources == 3 and n_articles == 3 and n_facts == 3
    assert str(first) == "2024-03-02" and str(last) == "2024-03-03"
    # injured: 30, then 41 and 45
    assert by_outcome["injured"][:5] == (30, 41, 45, 3, 3)
