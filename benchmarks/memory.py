"""Peak resident memory of one call, in this process (Linux only).

Writing 5 to /proc/self/clear_refs resets the process's peak RSS (VmHWM) to its current
RSS, so the peak after a call, less the RSS before it, is what the call added at its
worst: memory held by inputs built before the call is not counted. Approximate: memory
the allocator kept from earlier work can be reused without raising RSS.
"""

from __future__ import annotations

import gc
from pathlib import Path

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def _kib(key: str) -> int:
    for line in STATUS.read_text(encoding="ascii").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def available() -> bool:
    try:
        CLEAR_REFS.write_text("5", encoding="ascii")
        return True
    except OSError:
        return False


def peak_growth_mib(fn) -> float | None:
    """MiB by which `fn()` raised this process's resident memory at its peak (None if
    the peak cannot be reset here)."""
    gc.collect()
    if not available():
        return None
    before = _kib("VmRSS")
    fn()
    return max(_kib("VmHWM") - before, 0) / 1024  # RSS can fall below `before`
