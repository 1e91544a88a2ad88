"""Expectations against results: each difference a `Mismatch`, with what `--update`
would write instead.
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.io.values import NA, defined, labels_for, shown, value_of
from critc.compiler.model import framework as m
from critc.compiler.regress.testing.expectations import Expectation, Expected
from ruamel.yaml.nodes import ScalarNode

EPSILON = 1e-9  # slack for float noise when comparing in the units shown


@attrs.frozen
class Mismatch:
    figure: str
    what: str  # "", "band NAME" or "counts"
    expected: str
    actual: str
    detail: str = ""
    node: ScalarNode | None = None  # the scalar --update rewrites
    replacement: str | None = None

    def describe(self) -> str:
        name = self.figure + (f" {self.what}" if self.what else "")
        text = f"{name}: expected {self.expected}, actual {self.actual}"
        return text + (f" ({self.detail})" if self.detail else "")



def _quoted(label: str) -> str:
    return label if label == NA else f'"{label}"'


def _plain_number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def unrounded(fw: m.Framework, figure: str, value) -> str:
    """The unrounded value in the units shown (percent for scores)."""
    if not defined(value):
        return NA
    if fw.figure_type(figure).kind == "score":
        return _plain_number(float(value) * 100) + "%"
    return _plain_number(float(value))


def _shown_number(text: str) -> float:
    return float(text.rstrip("%"))


def _tolerance_text(expected: Expected, value: float, percent: bool) -> str:
    """`expected.text` with its number replaced by `value`, precise enough to pass."""
    tolerance = expected.tolerance or 0.0
    shown_value = value * 100 if percent else value
    if tolerance > 0:
        digits = max(1, -int(np.floor(np.log10(tolerance))) + 1)
        number = f"{shown_value:.{digits}f}".rstrip("0").rstrip(".")
    else:
        number = f"{shown_value:.12g}"
    assert expected.number_at is not None, "a number is written somewhere in its text"
    start, end = expected.number_at
    return expected.text[:start] + number + expected.text[end:]


def compare(expectation: Expectation, fw: m.Framework, results, g: int) -> list[Mismatch]:
    figure = expectation.figure
    value = value_of(results, figure, g)
    out = []
    detail = ""
    if figure in fw.questions:
        q = results.plan.question(figure)
        num, den = int(results.numerators[g, q.index]), int(results.denominators[g, q.index])
        detail = f"{num} of {den} applicable cases above the line" if den else \
            "no applicable cases"
    if expectation.value is not None:
        mismatch = _compare_value(expectation.value, fw, figure, value, detail)
        if mismatch is not None:
            out.append(mismatch)
    if expectation.bands:
        labels = dict(labels_for(results, figure, g))
        for band, expected in expectation.bands:
            actual = labels.get(band, NA)
            if not _label_matches(expected, actual):
                out.append(Mismatch(figure, f"band {band}", _quoted(expected.text),
                                    _quoted(actual), f"{figure} is {shown(fw, figure, value)}",
                                    expected.node, actual))
    if expectation.counts is not None:
        num_e, den_e, node = expectation.counts
        q = results.plan.question(figure)
        num, den = int(results.numerators[g, q.index]), int(results.denominators[g, q.index])
        if (num, den) != (num_e, den_e):
            written = node.value
            replacement = f"{num} of {den}" if " of " in written else f"{num}/{den}"
            out.append(Mismatch(figure, "counts", written, f"{num}/{den}",
                                "above the line / applicable", node, replacement))
    return out


def _label_matches(expected: Expected, actual: str) -> bool:
    if expected.kind == "na":
        return actual == NA
    return expected.label == actual


def _compare_value(expected: Expected, fw: m.Framework, figure: str, value,
                   detail: str) -> Mismatch | None:
    actual = shown(fw, figure, value)
    kind = fw.figure_type(figure).kind
    if expected.kind == "na" or expected.kind == "label":
        if _label_matches(expected, actual):
            return None
        written = _quoted(expected.text) if expected.kind == "label" else expected.text
        return Mismatch(figure, "", written, _quoted(actual) if kind in ("rating", "label")
                        else actual, detail, expected.node, actual)
    percent = kind == "score"
    number = expected.number
    assert number is not None, "an expected value that is neither n/a nor a label is a number"
    if expected.tolerance is None:
        if actual != NA and abs(_shown_number(actual) - number) < EPSILON:
            return None
        extra = f"unrounded {unrounded(fw, figure, value)}" if defined(value) else ""
        return Mismatch(figure, "", expected.text, actual,
                        "; ".join(p for p in (extra, detail) if p), expected.node, actual)
    if defined(value):
        in_units = float(value) * 100 if percent else float(value)
        if abs(in_units - number) <= expected.tolerance + EPSILON:
            return None
        off = abs(in_units - number)
        units = " percentage points" if percent else ""
        extra = f"unrounded {unrounded(fw, figure, value)}, off by {_plain_number(off)}{units}"
        return Mismatch(figure, "", expected.text, actual,
                        "; ".join(p for p in (extra, detail) if p), expected.node,
                        _tolerance_text(expected, float(value), percent))
    return Mismatch(figure, "", expected.text, NA, detail, expected.node, NA)
