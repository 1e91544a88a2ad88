"""The SQL back end: a lowered plan translated into one SQL query (`critc compile --target
sql`), built as a sqlglot expression tree and rendered per dialect (docs/sql.md)."""
