"""critc: a rules-as-code compiler for inspection criteria, as a Python library.

    >>> import critc
    >>> framework = critc.load("examples/demo/framework.crit")
    >>> scores = framework.score("examples/demo/cases.csv", inputs="examples/demo/inputs.csv")

See docs/api.md. The names below are the public API; everything else in `critc.compiler`
and `critc.dsl` is internal and may change.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from critc.compiler.api.errors import CasesError, CritcError, FrameworkError
from critc.compiler.api.explanation import Explanation
from critc.compiler.api.figures import Figure
from critc.compiler.api.framework import Diff, Framework, load
from critc.compiler.api.output_schema import results_schema
from critc.compiler.api.scores import Scores
from critc.dsl.diagnostics import Diagnostic, Severity

try:
    __version__ = _version("critc")
except PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0+unknown"

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
    "load",
    "results_schema",
]
