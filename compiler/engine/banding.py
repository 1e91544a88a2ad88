"""The value a band compares: a figure in the band's units (a score × 100) rounded with the
band's declared rounding. The engine's band lookup (`evaluate.band_row`) and explain's
rounding step ("79.50% rounds half up to 80%") both read it here, so they cannot differ."""

from __future__ import annotations

import numpy as np
from critc.compiler.engine import runtime
from critc.compiler.plan.lower import BandTable


def band_rounded(table: BandTable, value: np.ndarray) -> np.ndarray:
    """`value` as `table` compares it: in its units, rounded as the band declares."""
    shown = value * 100.0 if table.percent else value
    return runtime.ROUNDING[table.rounding.mode](shown, table.rounding.places)
