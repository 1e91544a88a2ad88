"""Test files for frameworks: `*.test.yaml`, read, run, compared, re-recorded and reported.

A test file names a framework, gives case records (inline, or a file) and optional
inspection inputs, and says which figures a test expects:

    framework: framework.crit
    tests:
      - name: Ashford as published
        cases: cases.csv
        inputs: inputs.csv
        inspection: Ashford
        expect:
          1.2b: 70%                 # as the report shows it (declared rounding)
          roh: 73.5% ± 0.5          # unrounded, within a tolerance in the units shown
          overall: Well met         # a rating or band label by its label
          1.2: {value: 74%, band: Performance against this criterion was good.}

The YAML is composed into nodes, never constructed into objects: no tag can run code, every
scalar stays the text it was written as (`1.1`, `no` and `2024-04-01` are text, as in the
framework), and every key and value keeps its line and column, so a problem in a test file
is a `Diagnostic` like any other. `--update` edits the file's text at those positions, so
everything else (comments, order, quoting, layout) stays byte for byte as written.
"""

from critc.compiler.regress.testing.files import ALL_CASES, find_test_files, is_test_file
from critc.compiler.regress.testing.runner import Runner
from critc.compiler.regress.testing.runs import FileRun, TestRun, summary
from critc.compiler.regress.testing.update import apply_edits, scalar_text, updates

__all__ = ["ALL_CASES", "FileRun", "Runner", "TestRun", "apply_edits", "find_test_files",
           "is_test_file", "scalar_text", "summary", "updates"]
