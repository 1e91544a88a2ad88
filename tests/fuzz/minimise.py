"""Delta-debugging minimisation (Zeller's ddmin, complement-only): remove ever smaller
chunks of a list while the failure persists. Text shrinks by lines, then by characters."""

from __future__ import annotations

from collections.abc import Callable


def ddmin(items: list, fails: Callable[[list], bool], budget: list[int]) -> list:
    """A smaller list that still fails. `budget` is a one-element list of tests allowed
    (shared between passes, decremented here)."""
    chunks = 2
    while len(items) >= 2 and budget[0] > 0:
        size = max(len(items) // chunks, 1)
        for start in range(0, len(items), size):
            if budget[0] <= 0:
                return items
            candidate = items[:start] + items[start + size:]
            budget[0] -= 1
            if candidate and fails(candidate):
                items = candidate
                chunks = max(chunks - 1, 2)
                break
        else:
            if size == 1:
                return items
            chunks = min(chunks * 2, len(items))
    return items


def minimise_text(text: str, fails: Callable[[str], bool], tests: int = 400) -> str:
    """Shrink lines, then characters, while `fails` holds."""
    budget = [tests]
    lines = ddmin(text.splitlines(keepends=True), lambda ls: fails("".join(ls)), budget)
    return "".join(ddmin(list("".join(lines)), lambda cs: fails("".join(cs)), budget))
