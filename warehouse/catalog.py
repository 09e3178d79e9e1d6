"""The warehouse describing itself: tables and columns with their COMMENTs."""
from __future__ import annotations

import duckdb
import polars as pl

SCHEMAS = ("raw", "core", "marts", "dq", "ops")


def describe(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...] = SCHEMAS) -> pl.DataFrame:
    """One row per column: schema, table, table comment, column, type, column comment."""
    return con.sql(
        f"""
        select c.schema_name as schema, c.table_name as "table", t.comment as table_comment,
               c.column_name as "column", c.data_type as type, c.comment as comment
        from duckdb_columns() c
        join duckdb_tables() t using (database_name, schema_name, table_name)
        where c.schema_name in ({", ".join(f"'{s}'" for s in schemas)})
        order by c.schema_name, c.table_name, c.column_index
        """
    ).pl()


def as_text(df: pl.DataFrame) -> str:
    """Readable listing: each table, its comment, then its columns."""
    lines: list[str] = []
    for (schema, table), part in df.group_by(["schema", "table"], maintain_order=True):
        lines.append(f"{schema}.{table}: {part['table_comment'][0] or ''}")
        width = max(len(c) for c in part["column"])
        for col, typ, comment in part.select("column", "type", "comment").iter_rows():
            lines.append(f"  {col:<{width}}  {typ:<12} {comment or ''}")
        lines.append("")
    return "\n".join(lines)
