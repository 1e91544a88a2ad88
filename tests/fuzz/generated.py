"""Grammar-aware inputs: valid frameworks drawn from the hypothesis strategies of the test
suite (`test_properties_language.frameworks`, `engine_strategies.scenarios` and
`adversarial_scenarios`), reproducibly from a seed."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent.parent
if str(TESTS) not in sys.path:  # run as `python -m tests.fuzz`: the strategies' folder
    sys.path.insert(0, str(TESTS))

import engine_strategies  # noqa: E402
import test_properties_language  # noqa: E402
from critc.dsl.printer import format_module  # noqa: E402


def draw_examples(strategy: st.SearchStrategy, count: int, at_seed: int) -> list:
    """Up to `count` examples of `strategy`, the same ones for the same seed."""
    found: list = []

    @settings(database=None, max_examples=count, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @seed(at_seed)
    @given(strategy)
    def collect(value):
        found.append(value)

    collect()
    return found


def framework_texts(count: int, at_seed: int) -> list[str]:
    """Valid framework texts: printed ASTs, engine scenarios and adversarial scenarios."""
    texts = st.one_of(
        test_properties_language.frameworks().map(format_module),
        engine_strategies.scenarios().map(lambda s: s.text),
        engine_strategies.adversarial_scenarios().map(lambda s: s.text))
    return draw_examples(texts, count, at_seed)
