"""Writing frames into the warehouse through Arrow: idempotent upserts, never row by row."""
from __future__ import annotations

import polars as pl
import duckdb


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [r[0] for r in rows]


def insert(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame, *, on_conflict_ignore: bool = False) -> int:
    """Insert the frame's columns that the table has (by name); missing ones stay null."""
    if df.is_empty():
        return 0
    cols = [c for c in table_columns(con, table) if c in df.columns]
    arrow = df.select(cols).to_arrow()
    con.register("_frame", arrow)
    try:
        collist = ", ".join(f'"{c}"' for c in cols)
        conflict = " ON CONFLICT DO NOTHING" if on_conflict_ignore else ""
        con.execute(f"INSERT INTO {table} ({collist}) SELECT {collist} FROM _frame{conflict}")
    finally:
        con.unregister("_frame")
    return df.height


def insert_new(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> int:
    """Insert rows whose key is not there yet; returns how many were new."""
    count = f"select count(*) from {table}"
    before = con.execute(count).fetchall()[0][0]
    insert(con, table, df, on_conflict_ignore=True)
    return con.execute(count).fetchall()[0][0] - before


def replace_keys(con: duckdb.DuckDBPyConnection, table: str, key: str, df: pl.DataFrame, keys: list[str]) -> int:
    """Delete the rows whose key is in `keys`, then insert the frame: a rerun replaces, never duplicates."""
    if keys:
        con.register("_keys", pl.DataFrame({"k": keys}).to_arrow())
        try:
            con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT k FROM _keys)")
        finally:
            con.unregister("_keys")
    return insert(con, table, df)


def read(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> pl.DataFrame:
    """Query -> Polars through Arrow."""
    return con.sql(query, params=params).pl() if params else con.sql(query).pl()
