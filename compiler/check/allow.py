"""`# critc: allow CODE` comments: a deliberate warning acknowledged where it is raised.

    band improvement "Improvement required"   # critc: allow threshold-gap
    # critc: allow question-feeds-no-score (a restatement the report evidences)
    question B1-b "..."

A comment at the end of a line allows warnings reported on that line; a comment on a line
of its own allows those reported on the next line that is not blank or a comment. Several
codes may be listed, separated by commas; anything after them is a reason for readers.
Only warnings can be allowed. A directive that allows nothing is itself a warning, so
stale ones do not pile up.
"""

from __future__ import annotations

import re

from critc.dsl.diagnostics import Diagnostic, Severity, warning
from critc.dsl.source import source_lines
from critc.dsl.span import Span

DIRECTIVE = re.compile(r"#\s*critc:\s*allow\s+([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)")


def _target_line(lines: list[str], line: int, col: int) -> int:
    """The line a directive at (line, col) speaks of."""
    if lines[line - 1][: col - 1].strip():  # code before the comment: this line
        return line
    for number in range(line + 1, len(lines) + 1):
        text = lines[number - 1].strip()
        if text and not text.startswith("#"):
            return number
    return line


def apply(diagnostics: list[Diagnostic], sources: dict[str, str], comments: dict
          ) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(what is still reported, the warnings allowed). Directives that allow nothing, or
    name an error, add a warning of their own."""
    allowed: set[int] = set()
    out: list[Diagnostic] = []
    for path, found in comments.items():
        lines = source_lines(sources[path])  # numbered as the comments' positions are
        for comment in found:
            match = DIRECTIVE.match(comment.text)
            if not match:
                continue
            target = _target_line(lines, comment.line, comment.col)
            at = Span(path, comment.line, comment.col, comment.line,
                      comment.col + len(comment.text))
            for code in (c.strip() for c in match.group(1).split(",")):
                hits = [i for i, d in enumerate(diagnostics) if d.code == code
                        and d.span is not None and d.span.path == path
                        and d.span.line == target]
                errors = [i for i in hits if diagnostics[i].severity is Severity.ERROR]
                if errors:
                    out.append(warning("cannot-allow", f"`{code}` is an error, and errors "
                                       "cannot be allowed", at,
                                       hint="fix the error; only warnings can be allowed"))
                elif hits:
                    allowed.update(hits)
                else:
                    out.append(warning("unused-allow", f"nothing to allow: no `{code}` "
                                       f"warning on line {target}", at,
                                       hint="remove the directive, or move it onto (or just "
                                       "above) the line the warning points at"))
    kept = [d for i, d in enumerate(diagnostics) if i not in allowed]
    return kept + out, [diagnostics[i] for i in sorted(allowed)]
