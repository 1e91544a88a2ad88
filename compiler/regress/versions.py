"""Versions of one framework in a directory, each in force for a range of dates.

`load_versions(DIR)` reads every `.crit` file directly in DIR that holds a `framework`
header: each is a version, checked on its own, with `effective from D to D` saying when it
was in force (both days included). The ranges must not overlap, should leave no gaps, and
only the last may be open-ended; every version must group cases by the same `inspection`
field and date them by the same `inspection date` field.

`version_scoring.score_versions` scores each inspection with the version in force on its
date. Nothing here prints; problems come back as diagnostics.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import attrs
from critc.compiler.check.load import display_path, read_text
from critc.compiler.check.passes import CheckResult, check_file
from critc.compiler.model import framework as m
from critc.dsl import ast, parse
from critc.dsl.diagnostics import Diagnostic, Label, error, has_errors, warning
from critc.dsl.source import source_lines
from critc.dsl.span import Span

ONE_DAY = datetime.timedelta(days=1)


@attrs.frozen
class Version:
    """One framework file of a version directory and the dates it was in force."""

    name: str  # the file's name in the directory, e.g. "v1.crit"
    path: str  # as diagnostics show it
    result: CheckResult
    start: datetime.date
    end: datetime.date | None  # None: still in force
    span: Span  # its `effective` clause (or its header line)

    @property
    def framework(self) -> m.Framework:
        return self.result.model

    @property
    def version(self) -> str | None:
        return self.framework.header.version

    def in_force(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def dates(self) -> str:
        """`2018-06-01 to 2019-05-31`, or `from 2019-06-01` when open-ended."""
        if self.end is None:
            return f"from {self.start.isoformat()}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def label(self) -> str:
        """`v1.crit (version "1", 2018-06-01 to 2019-05-31)`"""
        version = f'version "{self.version}", ' if self.version else ""
        return f"{self.name} ({version}{self.dates()})"

    def describe(self) -> dict:
        """The version as JSON output shows it."""
        header = self.framework.header
        return {"file": self.name, "name": header.name, "version": header.version,
                "effective_from": self.start.isoformat(),
                "effective_to": self.end.isoformat() if self.end else None}


@attrs.frozen
class VersionSet:
    """The versions of a directory, in date order, with no overlaps."""

    directory: str
    versions: tuple[Version, ...]

    @property
    def first(self) -> Version:
        return self.versions[0]

    @property
    def inspection(self) -> str | None:
        return self.first.framework.inspection

    @property
    def inspection_date(self) -> m.Field:
        fw = self.first.framework
        assert fw.inspection_date is not None, "a version set's versions have a date field"
        return fw.fields[fw.inspection_date]

    @property
    def date_is_input(self) -> bool:
        return self.inspection_date.origin == "inspection"

    def in_force(self, day: datetime.date) -> Version | None:
        for version in self.versions:
            if version.in_force(day):
                return version
        return None

    def nearest(self, day: datetime.date) -> str:
        """Where `day` falls among the versions, when none is in force on it."""
        before = [(v, v.end) for v in self.versions if v.end is not None and v.end < day]
        after = [v for v in self.versions if v.start > day]
        if before and after:
            (a, a_end), b = before[-1], after[0]
            return f"it falls between {a.name}, which ends on {a_end.isoformat()}, and " \
                   f"{b.name}, which starts on {b.start.isoformat()}"
        if after:
            return f"the earliest version, {after[0].name}, starts on " \
                   f"{after[0].start.isoformat()}"
        last, last_end = before[-1]
        return f"the latest version, {last.name}, ended on {last_end.isoformat()}"


# ----------------------------------------------------------------------------- loading
def load_versions(directory: str | Path, sources: dict[str, str] | None = None
                  ) -> tuple[VersionSet | None, list[Diagnostic]]:
    """The versions in `directory`, checked, and every problem found. The set is None when
    any problem is an error. `sources` (if given) receives the text of every file read, for
    rendering the diagnostics."""
    folder = Path(directory)
    sources = {} if sources is None else sources
    diagnostics: list[Diagnostic] = []
    headed, plain = _sort_files(folder, diagnostics)
    versions: list[Version] = []
    included: set[str] = set()
    for path in headed:
        result = check_file(path)
        sources.update(result.program.sources)
        diagnostics.extend(result.diagnostics)
        included.update(result.program.sources)
        version = _version(path, result, diagnostics)
        if version is not None:
            versions.append(version)
    for shown, text, syntax in plain:
        if shown not in included:
            sources[shown] = text
            diagnostics.extend(syntax)  # perhaps a version whose header does not parse
            diagnostics.append(warning(
                "not-a-version", f"`{shown}` has no `framework` header, so it is not a "
                "version, and no version includes it", Span(shown, 1, 1, 1, 1),
                hint="give it a `framework` header with `effective from` dates to make it a "
                "version, or include it from the versions that share its declarations"))
    if not versions and not has_errors(diagnostics):
        diagnostics.append(error(
            "no-versions", f"`{display_path(folder)}` holds no framework versions: no `.crit` "
            "file in it has a `framework` header", None,
            hint="a version directory holds one `.crit` file per version, each with "
            "`effective from` dates"))
    versions.sort(key=lambda v: (v.start, v.end or datetime.date.max, v.name))
    diagnostics.extend(_date_problems(versions))
    diagnostics.extend(_field_problems(versions))
    diagnostics = list(dict.fromkeys(diagnostics))  # a shared include's, once
    if has_errors(diagnostics) or not versions:
        return None, diagnostics
    return VersionSet(display_path(folder), tuple(versions)), diagnostics


def _sort_files(folder: Path, diagnostics: list[Diagnostic]
                ) -> tuple[list[Path], list[tuple[str, str, tuple[Diagnostic, ...]]]]:
    """The `.crit` files directly in `folder`: those with a `framework` header (versions),
    and the others with their text and syntax problems."""
    headed, plain = [], []
    for path in sorted(p for p in folder.glob("*.crit") if p.is_file()):
        shown = display_path(path)
        text, problem = read_text(path, shown, None)
        if text is None:
            assert problem is not None, "read_text gives the text or a diagnostic"
            diagnostics.append(problem)
            continue
        parsed = parse(text, shown)
        if any(isinstance(item, ast.Framework) for item in parsed.module.items):
            headed.append(path)
        else:
            plain.append((shown, text, parsed.diagnostics))
    return headed, plain


def _version(path: Path, result: CheckResult, diagnostics: list[Diagnostic]
             ) -> Version | None:
    """The version a checked file is, with its dates; None if unusable (undated: reported)."""
    fw = result.framework
    if fw is None:
        return None
    header = fw.header
    shown = result.program.root
    text = result.program.sources.get(shown, "")
    if header.effective_from is None:
        diagnostics.append(error(
            "undated-version", f"`{shown}` is in a version directory but has no "
            "`effective from` date", _header_line(header.span, text),
            hint="say when it was in force, under the `framework` line: `effective from "
            "2018-06-01 to 2019-05-31` (a file of shared declarations has no `framework` "
            "header)"))
        return None
    return Version(path.name, shown, result, header.effective_from, header.effective_to,
                   _effective_span(header.span, text))


def _header_line(span: Span, text: str) -> Span:
    """The `framework` line of a header, not the whole header with its clauses."""
    lines = source_lines(text)
    length = len(lines[span.line - 1]) + 1 if 0 < span.line <= len(lines) else span.col + 1
    return Span(span.path, span.line, span.col, span.line, max(length, span.col + 1))


EFFECTIVE = re.compile(r"\beffective\s+(?:from\s+)?\d{4}-\d\d-\d\d(?:\s+to\s+\d{4}-\d\d-\d\d)?")


def _effective_span(span: Span, text: str) -> Span:
    """The header's `effective` clause, or else its `framework` line."""
    lines = source_lines(text)
    for number in range(span.line, min(span.end_line, len(lines)) + 1):
        found = EFFECTIVE.search(lines[number - 1])
        if found:
            return Span(span.path, number, found.start() + 1, number, found.end() + 1)
    return _header_line(span, text)


def _date_problems(versions: list[Version]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for i, a in enumerate(versions[:-1]):
        if a.end is None:
            b = versions[i + 1]
            out.append(error(
                "open-ended-version", f"`{a.path}` has no end date, but it is not the latest "
                f"version: `{b.path}` starts on {b.start.isoformat()}", a.span,
                labels=(Label(b.span, "the next version starts here"),),
                hint=f"end it the day before: `effective from {a.start.isoformat()} to "
                f"{(b.start - ONE_DAY).isoformat()}`; only the latest version may be "
                "open-ended"))
            continue
        for b in versions[i + 1:]:
            if b.start > a.end:
                break
            last = a.end if b.end is None else min(a.end, b.end)
            both = b.start.isoformat() if last == b.start else \
                f"{b.start.isoformat()} to {last.isoformat()}"
            out.append(error(
                "overlapping-versions", f"`{a.path}` ({a.dates()}) and `{b.path}` "
                f"({b.dates()}) are both in force on {both}", b.span,
                labels=(Label(a.span, f"{a.name} is in force {a.dates()}"),),
                hint=f"an inspection dated then could be scored by either; `effective to` is "
                f"inclusive, so end {a.name} on {(b.start - ONE_DAY).isoformat()} or start "
                f"{b.name} on {(a.end + ONE_DAY).isoformat()}"))
    covered: datetime.date | None = None  # the last day the versions so far cover
    for i, b in enumerate(versions):
        if covered is not None and b.start > covered + ONE_DAY:
            a = next(v for v in versions[:i] if v.end == covered)
            first, last = covered + ONE_DAY, b.start - ONE_DAY
            days = first.isoformat() if first == last else \
                f"{first.isoformat()} to {last.isoformat()}"
            out.append(warning(
                "version-gap", f"no version is in force on {days}, between `{a.path}` and "
                f"`{b.path}`", b.span, labels=(Label(a.span, f"{a.name} ends on "
                                                         f"{covered.isoformat()}"),),
                hint=f"inspections dated then cannot be scored; if {a.name} stayed in force "
                f"until {b.name} replaced it, end it on {last.isoformat()}"))
        if b.end is None:
            break  # open-ended: it covers every later day
        covered = b.end if covered is None else max(covered, b.end)
    return out


def _field_problems(versions: list[Version]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if not versions:
        return out
    first = versions[0]
    base = first.framework
    for v in versions[1:]:
        fw = v.framework
        if fw.inspection != base.inspection:
            out.append(error(
                "versions-disagree", f"`{v.path}` groups cases into inspections by "
                f"{_field_name(fw, fw.inspection)}, but `{first.path}` by "
                f"{_field_name(base, base.inspection)}", _field_span(fw, fw.inspection, v),
                labels=(Label(_field_span(base, base.inspection, first),
                              f"the inspection field of {first.name}"),),
                hint="every version must mark the same case field `inspection`, so that an "
                "inspection is the same set of cases whichever version scores it"))
        if _date_field(fw) != _date_field(base):
            out.append(error(
                "versions-disagree", f"`{v.path}` dates inspections by "
                f"{_field_name(fw, fw.inspection_date)}, but `{first.path}` by "
                f"{_field_name(base, base.inspection_date)}",
                _field_span(fw, fw.inspection_date, v),
                labels=(Label(_field_span(base, base.inspection_date, first),
                              f"the inspection date of {first.name}"),),
                hint="every version must mark the same field `inspection date`: its value "
                "picks the version that scores each inspection"))
        if fw.header.name != base.header.name:
            out.append(warning(
                "version-name-differs", f'`{v.path}` is framework "{fw.header.name}", but '
                f'`{first.path}` is "{base.header.name}"', _header_line(v.framework.header.span,
                                                                         v.result.program.sources
                                                                         .get(v.path, "")),
                hint="every file with a `framework` header directly in a version directory is "
                "a version of one framework; move other frameworks elsewhere, or rename"))
    if all(v.framework.inspection_date is None for v in versions):
        out.append(error(
            "no-inspection-date", f"no version in `{display_path(Path(first.path).parent)}` "
            "marks a field `inspection date`, so critc cannot tell which version scores an "
            "inspection", _header_line(base.header.span,
                                       first.result.program.sources.get(first.path, "")),
            hint='mark a date case field or inspection input: `fieldwork "First day of '
            'fieldwork": date, inspection date`'))
    return out


def _date_field(fw: m.Framework) -> tuple[str | None, str | None]:
    field = fw.fields.get(fw.inspection_date) if fw.inspection_date else None
    return (fw.inspection_date, field.origin if field else None)


def _field_name(fw: m.Framework, field: str | None) -> str:
    if field is None:
        return "no field (none is marked)"
    what = "inspection input" if fw.fields[field].origin == "inspection" else "case field"
    return f"the {what} `{field}`"


def _field_span(fw: m.Framework, field: str | None, version: Version) -> Span:
    if field is None:
        return _header_line(fw.header.span, version.result.program.sources.get(version.path, ""))
    return fw.fields[field].span
