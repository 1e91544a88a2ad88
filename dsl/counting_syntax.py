"""The surface syntax of an aggregate's own above-the-line set for some of its questions:
its AST node (re-exported by `dsl/ast.py`) and its canonical text (used by
`dsl/printer.py`).

    thread roh "RoH Thread" = pooled over questions tagged roh in sections 1, 2
      counting {sufficient, partly} above the line for questions 1.2d, 2.2a

The set replaces the questions' scale's above-the-line codes in this aggregate's formula
only; the questions' own figures and every other aggregate keep the scale's.
"""

from __future__ import annotations

import attrs
from critc.dsl.span import NO_SPAN, Span


@attrs.frozen(kw_only=True)
class Counting:
    """`counting {sufficient, partly} above the line for question 1.2d`."""

    codes: tuple[str, ...]  # as written
    questions: tuple[str, ...]
    code_spans: tuple[Span, ...] = attrs.field(default=(), eq=False, repr=False)
    question_spans: tuple[Span, ...] = attrs.field(default=(), eq=False, repr=False)
    span: Span = attrs.field(default=NO_SPAN, eq=False, repr=False)


def counting_text(clause: Counting) -> str:
    """The clause as `critc fmt` writes it: `question` before one id, `questions` before
    more."""
    word = "question" if len(clause.questions) == 1 else "questions"
    return "counting {" + ", ".join(clause.codes) + "} above the line for " + word + " " \
        + ", ".join(clause.questions)
