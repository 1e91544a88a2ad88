"""Small pieces of English that reports share: counts with the right plural, and a figure's
unrounded value as people read it."""

from __future__ import annotations

from critc.compiler.io.values import defined
from critc.dsl.diagnostics import plural


def unrounded_text(kind: str, value) -> str | None:
    """A score or number before rounding (`72.41%`, `3.1667`); None for a rating, a label
    or an undefined value."""
    if not defined(value) or kind not in ("score", "number"):
        return None
    if kind == "score":
        return f"{value * 100:.2f}%"
    return f"{value:.4f}".rstrip("0").rstrip(".")


__all__ = ["plural", "unrounded_text"]
