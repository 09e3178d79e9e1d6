"""Small builders so that each suite reads like a checklist: expectation, column, severity, why.

Severities: `gate` stops the stage (nothing is published), `quarantine` moves the failing rows to
dq.quarantine with the expectation's name, `warn` records the failure and moves nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import great_expectations as gx
from great_expectations.expectations.row_conditions import Column

GATE, QUARANTINE, WARN = "gate", "quarantine", "warn"
SEVERITIES = (GATE, QUARANTINE, WARN)
# GX's own severity field, so that Data Docs rank the failures as the pipeline does
GX_SEVERITY = {GATE: "critical", QUARANTINE: "warning", WARN: "info"}


@dataclass(frozen=True)
class Check:
    """One expectation with its severity, the reason a failing row is given, and the columns
    shown as evidence for an unexpected row (besides the suite's key)."""
    name: str
    severity: str
    expectation: gx.expectations.Expectation
    reason: str
    column: str | None = None
    evidence: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.name}: unknown severity {self.severity!r}")


@dataclass
class Suite:
    name: str
    stage: str
    checks: list[Check] = field(default_factory=list)
    # a stage that received input and produced nothing fails its gate when this is True
    output_required: bool = True
    # the column(s) that identify a row for a reader, in examples and reports
    key: str | tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        names = [c.name for c in self.checks]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"suite {self.name}: duplicate check names {sorted(dupes)}")


E = gx.expectations


def columns_of(column: str | None) -> tuple[str, ...]:
    return tuple(c for c in (column or "").split(",") if c)


def _where(where: tuple[str, str] | None) -> tuple[dict, tuple[str, ...]]:
    """GX row condition limiting a check to the rows where column == value (and that column as evidence)."""
    if not where:
        return {}, ()
    return {"row_condition": Column(where[0]) == where[1]}, (where[0],)


def not_null(col: str, severity: str, reason: str | None = None, *, where: tuple[str, str] | None = None,
             name: str | None = None) -> Check:
    kw, evidence = _where(where)
    return Check(name or f"{col}_not_null", severity, E.ExpectColumnValuesToNotBeNull(column=col, **kw),
                 reason or f"{col} is missing", col, evidence)


def unique(col: str, severity: str = GATE) -> Check:
    return Check(f"{col}_unique", severity, E.ExpectColumnValuesToBeUnique(column=col), f"{col} is not unique", col)


def in_set(col: str, values, severity: str = QUARANTINE, name: str | None = None, reason: str | None = None) -> Check:
    return Check(
        name or f"{col}_in_set", severity, E.ExpectColumnValuesToBeInSet(column=col, value_set=list(values)),
        reason or f"{col} is not one of {', '.join(map(str, values))}", col,
    )


def contains_all(col: str, values, severity: str, reason: str, name: str | None = None) -> Check:
    """Every one of `values` appears in the column (a code table has no hole)."""
    return Check(name or f"{col}_contains_all", severity,
                 E.ExpectColumnDistinctValuesToContainSet(column=col, value_set=sorted(values)), reason, col)


def matches(col: str, regex: str, severity: str, reason: str, name: str | None = None) -> Check:
    return Check(name or f"{col}_matches", severity, E.ExpectColumnValuesToMatchRegex(column=col, regex=regex), reason, col)


def is_true(col: str, name: str, severity: str, reason: str, evidence: tuple[str, ...] = ()) -> Check:
    """A derived boolean column (see derive.py) that must be true on every row (nulls pass);
    `evidence` names the real columns that explain a failure."""
    shown = ",".join(c for c in evidence if not c.startswith("_")) or col  # the real columns, for readers of the results
    return Check(name, severity, E.ExpectColumnValuesToBeInSet(column=col, value_set=[True]), reason, shown, evidence)


def between(col: str, lo, hi, severity: str, reason: str, *, where: tuple[str, str] | None = None, name: str | None = None) -> Check:
    """lo <= col <= hi (either bound may be None); `where=(column, value)` limits it to those rows."""
    kw, evidence = _where(where)
    return Check(name or f"{col}_between", severity, E.ExpectColumnValuesToBeBetween(column=col, min_value=lo, max_value=hi, **kw),
                 reason, col, evidence)


def ordered(a: str, b: str, severity: str = QUARANTINE) -> Check:
    """a <= b wherever both are set."""
    return Check(
        f"{a}_le_{b}", severity,
        E.ExpectColumnPairValuesAToBeGreaterThanB(column_A=b, column_B=a, or_equal=True, ignore_row_if="either_value_is_missing"),
        f"{a} is greater than {b}", f"{a},{b}", ("qualifier",),
    )


def row_count_at_least(n: int, severity: str = GATE) -> Check:
    return Check("row_count_at_least", severity, E.ExpectTableRowCountToBeBetween(min_value=n), f"fewer than {n} rows")


def evidence_columns(check: Check, key: str | tuple[str, ...] | None, columns: list[str]) -> list[str]:
    """The columns that make an unexpected row readable: key, checked columns, evidence, quote."""
    derived = getattr(check.expectation, "column", None)
    derived = derived if derived and derived.startswith("_") else None  # a derived boolean says nothing by itself
    keys = (key,) if isinstance(key, str) or key is None else tuple(key)
    wanted = [*keys, *columns_of(check.column), *check.evidence, "quote"]
    return [c for c in dict.fromkeys(wanted) if c and c in columns and c != derived]
