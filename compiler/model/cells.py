"""How cell values are represented: the rules that the readers, the engine and generated
modules share. Standard library only."""

from __future__ import annotations

import datetime

EPOCH = datetime.date(1970, 1, 1)


def date_number(value: datetime.date) -> float:
    """A date as the number of days since 1970-01-01 (how dates are held in arrays)."""
    return float((value - EPOCH).days)
