"""Test runs (`critc test`) → text: what failed, the summary line and JUnit XML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from critc.compiler.regress.testing import FileRun, TestRun, summary
from critc.compiler.report import render


def failure_text(run: TestRun) -> str:
    """What went wrong, in lines, for people and for JUnit."""
    lines = []
    if run.problem:
        lines.append(run.problem)
    lines.extend(m.describe() for m in run.mismatches)
    return "\n".join(lines)


def summary_line(runs: list[FileRun]) -> str:
    passed, failed, errors = summary(runs)
    text = f"{passed} passed, {failed} failed"
    if errors:
        text += f", {errors} error{'s' * (errors != 1)}"
    return text


def junit_xml(runs: list[FileRun]) -> str:
    """JUnit XML: a testsuite per test file, a testcase per test; no timestamps or times,
    so the same run gives the same bytes."""
    passed, failed, errors = summary(runs)
    root = ET.Element("testsuites", name="critc test", tests=str(passed + failed + errors),
                      failures=str(failed), errors=str(errors))
    for run in runs:
        _suite(root, run)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"


def _suite(root: ET.Element, run: FileRun) -> None:
    """One test file's testsuite: a testcase per test, and one for the file's problem."""
    suite_failures = sum(t.status == "fail" for t in run.tests)
    suite_errors = sum(t.status == "error" for t in run.tests)
    tests = len(run.tests)
    if run.problem is not None:
        suite_errors, tests = suite_errors + 1, tests + 1
    suite = ET.SubElement(root, "testsuite", name=run.path, tests=str(tests),
                          failures=str(suite_failures), errors=str(suite_errors),
                          skipped="0")
    classname = re.sub(r"\.test\.ya?ml$", "", run.path).replace("/", ".").replace("\\", ".")
    if run.problem is not None:
        case = ET.SubElement(suite, "testcase", name="(test file)", classname=classname,
                             file=run.path)
        problem = ET.SubElement(case, "error", message=run.problem, type="problem")
        problem.text = _diagnostics_text(run)
    for test in run.tests:
        case = ET.SubElement(suite, "testcase", name=test.name, classname=classname,
                             file=run.path, line=str(test.test.line))
        if test.status == "fail":
            count = len(test.mismatches)
            message = f"{count} expectation{'s' * (count != 1)} not met" if count \
                else (test.problem or "failed")
            failure = ET.SubElement(case, "failure", message=message, type="mismatch")
            failure.text = failure_text(test)
        elif test.status == "error":
            problem = ET.SubElement(case, "error", message=test.problem or "error",
                                    type="problem")
            problem.text = _diagnostics_text(run)


def _diagnostics_text(run: FileRun) -> str:
    return render.to_plain(run.diagnostics, run.sources, run.path).rstrip("\n")
