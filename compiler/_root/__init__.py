"""critc: a rules-as-code compiler for inspection criteria, as a Python library.

    >>> import critc
    >>> framework = critc.load("examples/demo/framework.crit")
    >>> scores = framework.score("examples/demo/cases.csv", inputs="examples/demo/inputs.csv")

See docs/api.md. The names below are the public API; everything else in `critc.compiler`
and `critc.dsl` is internal and may change.

Each name is imported when first used (PEP 562), so that `import critc.compiler.cli.main`,
which imports this package first, does not load the API's NumPy, pyarrow and reports: a
cold `critc check` starts in a fraction of the time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from critc.compiler.api.errors import CasesError, CritcError, FrameworkError
    from critc.compiler.api.explanation import Explanation
    from critc.compiler.api.figures import Figure
    from critc.compiler.api.framework import Diff, Framework, load
    from critc.compiler.api.output_schema import results_schema
    from critc.compiler.api.records import from_db
    from critc.compiler.api.scores import Scores
    from critc.dsl.diagnostics import Diagnostic, Severity

    __version__: str

# each public name → the module that defines it
_HOMES = {
    "CasesError": "critc.compiler.api.errors",
    "CritcError": "critc.compiler.api.errors",
    "FrameworkError": "critc.compiler.api.errors",
    "Explanation": "critc.compiler.api.explanation",
    "Figure": "critc.compiler.api.figures",
    "Diff": "critc.compiler.api.framework",
    "Framework": "critc.compiler.api.framework",
    "load": "critc.compiler.api.framework",
    "results_schema": "critc.compiler.api.output_schema",
    "from_db": "critc.compiler.api.records",
    "Scores": "critc.compiler.api.scores",
    "Diagnostic": "critc.dsl.diagnostics",
    "Severity": "critc.dsl.diagnostics",
}


def __getattr__(name: str) -> object:
    if name == "__version__":
        value: object = _installed_version()
    elif name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)  # lazy: see the docstring
    else:
        raise AttributeError(f"module 'critc' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES) | {"__version__"})


def _installed_version() -> str:
    """The installed distribution's version (importlib.metadata takes a tenth of a second
    to import, so it is asked only when the version is)."""
    metadata = importlib.import_module("importlib.metadata")  # lazy: as above
    try:
        return str(metadata.version("critc"))
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "0+unknown"


__all__ = [
    "CasesError",
    "CritcError",
    "Diagnostic",
    "Diff",
    "Explanation",
    "Figure",
    "Framework",
    "FrameworkError",
    "Scores",
    "Severity",
    "__version__",
    "from_db",
    "load",
    "results_schema",
]
