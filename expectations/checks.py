"""Small builders so that each suite reads like a checklist: expectation, column, severity, why."""
from __future__ import annotations

from dataclasses import dataclass, field

import great_expectations as gx

GATE, QUARANTINE, WARN = "gate", "quarantine", "warn"


@dataclass(frozen=True)
class Check:
    """One expectation with its severity and the reason a quarantined row is given."""
    name: str
    severity: str
    expectation: gx.expectations.Expectation
    reason: str
    column: str | None = None


@dataclass
class Suite:
    name: str
    stage: str
    checks: list[Check] = field(default_factory=list)
    # a stage that received input and produced nothing fails its gate when this is True
    output_required: bool = True


E = gx.expectations


def not_null(col: str, severity: str, reason: str | None = None) -> Check:
    return Check(f"{col}_not_null", severity, E.ExpectColumnValuesToNotBeNull(column=col), reason or f"{col} is missing", col)


def unique(col: str, severity: str = GATE) -> Check:
    return Check(f"{col}_unique", severity, E.ExpectColumnValuesToBeUnique(column=col), f"{col} is not unique", col)


def in_set(col: str, values, severity: str = QUARANTINE) -> Check:
    return Check(
        f"{col}_in_set", severity, E.ExpectColumnValuesToBeInSet(column=col, value_set=list(values)),
        f"{col} is not one of {', '.join(map(str, values))}", col,
    )


def is_true(col: str, name: str, severity: str, reason: str) -> Check:
    """A derived boolean column (see derive.py) that must be true on every row (nulls pass)."""
    return Check(name, severity, E.ExpectColumnValuesToBeInSet(column=col, value_set=[True]), reason, col)


def between(col: str, lo, hi, severity: str, reason: str) -> Check:
    return Check(f"{col}_between", severity, E.ExpectColumnValuesToBeBetween(column=col, min_value=lo, max_value=hi), reason, col)


def ordered(a: str, b: str, severity: str = QUARANTINE) -> Check:
    """a <= b wherever both are set."""
    return Check(
        f"{a}_le_{b}", severity,
        E.ExpectColumnPairValuesAToBeGreaterThanB(column_A=b, column_B=a, or_equal=True, ignore_row_if="either_value_is_missing"),
        f"{a} is greater than {b}", f"{a},{b}",
    )


def row_count_at_least(n: int, severity: str = GATE) -> Check:
    return Check("row_count_at_least", severity, E.ExpectTableRowCountToBeBetween(min_value=n), f"fewer than {n} rows")
