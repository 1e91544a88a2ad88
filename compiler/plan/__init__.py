"""The lowered evaluation plan: the one source of truth for scoring semantics."""
