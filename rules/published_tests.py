"""Write each framework's `published.test.yaml` from its `expected.json`.

    python rules/published_tests.py                 # rewrite every framework's test file
    python rules/published_tests.py omi-2012         # only this one
    python rules/published_tests.py --check          # exit 1 if a committed file differs

`expected.json` is the one source of truth for the published figures; the test file shows
the same figures in the `critc test` format, so they can be read and run without Python:

- one test, "INSPECTION: the published figures", per inspection, with every figure of
  `figures` (its value as shown; `counts` where the report gives the numerator and
  denominator; its band label, or its bands' labels), each after a comment giving its
  `source`;
- one test, "INSPECTION: where the rules do not give the published figure", holding the
  value (and band) the rules give for every documented `inconsistency` of a figure as shown,
  after a comment with the published value. Inconsistencies of a denominator, or of data
  that are not a figure of the rules, stay in expected.json only;
- one test, "all inspections: the published figures across them", of the figures
  `across_inspections` lists: figures the framework declares `across inspections`, with
  the cases grouped by inspection.

tests/test_rules.py fails if a committed file is not what this script writes.

Stdlib only, apart from critc's test-file quoting (`scalar_text`, as `critc test --update`
writes values).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from critc.compiler.regress.testing import scalar_text

RULES = Path(__file__).resolve().parent
FRAMEWORKS = ("esi-2006", "omi-2008", "omi-2012", "iaow-2014", "probation-2018")
FILE_NAME = "published.test.yaml"

HEADER = """\
# The published figures of {fw}, as critc shows them: the same figures as
# expected.json (which tests/test_rules.py also checks), as a test file that
# methodology staff can read and run:
#   critc test rules/{fw}/published.test.yaml
# Each figure's comment gives its source; NOTES.md explains how the case
# records were built. This file is written from expected.json by
# rules/published_tests.py: change expected.json and rerun the script (and put
# new tests in a test file of your own).
"""

INCONSISTENCY_NOTE = """\
    # What the rules give from the published findings. The report printed a
    # different figure: see `inconsistencies` in expected.json and NOTES.md.
"""


def expectation(node: str, shown: str, numerator=None, denominator=None,
                bands: dict[str, str] | None = None) -> str:
    """`node: value` as a line of `expect`, in the shortest form that says everything."""
    parts = []
    if bands:
        if len(bands) == 1:
            parts.append("band: " + scalar_text(next(iter(bands.values())), flow=True))
        else:
            inner = ", ".join(f"{band}: {scalar_text(label, flow=True)}"
                              for band, label in bands.items())
            parts.append("bands: {" + inner + "}")
    if numerator is not None and denominator is not None:
        parts.append(f"counts: {numerator}/{denominator}")
    if not parts:
        return f"{scalar_text(node)}: {scalar_text(shown)}"
    return f"{scalar_text(node)}: {{value: {scalar_text(shown, flow=True)}, " \
        + ", ".join(parts) + "}"


def comment(text: str, indent: str) -> str:
    if "\n" in text:
        raise ValueError(f"a comment cannot span lines: {text!r}")
    return f"{indent}# {text}\n"


def test_start(name: str, inspection: str) -> str:
    return f"  - name: {scalar_text(name)}\n    inspection: {scalar_text(inspection)}\n"


def generate(fw: str, exp: dict | None = None) -> str:
    """The text of rules/FW/published.test.yaml."""
    if exp is None:
        exp = json.loads((RULES / fw / "expected.json").read_text(encoding="utf-8"))
    out = [HEADER.format(fw=fw), f"framework: {scalar_text(exp['rules'])}\n",
           f"cases: {scalar_text(exp['cases'])}\n"]
    if exp.get("inputs"):
        out.append(f"inputs: {scalar_text(exp['inputs'])}\n")
    out.append("\ntests:\n")
    for key, inspection in exp["inspections"].items():
        out.append(test_start(f"{key}: the published figures", key))
        out.append("    expect:\n")
        for node, figure in inspection["figures"].items():
            out.append(comment(figure["source"], "      "))
            out.append("      " + expectation(node, figure["shown"], figure.get("numerator"),
                                              figure.get("denominator"),
                                              figure.get("bands")) + "\n")
        differing = [item for item in exp.get("inconsistencies", [])
                     if item.get("inspection") == key and "rules_give" in item
                     and item.get("field", "shown") == "shown"]
        if not differing:
            continue
        out.append(test_start(f"{key}: where the rules do not give the published figure",
                               key))
        out.append(INCONSISTENCY_NOTE)
        out.append("    expect:\n")
        for item in differing:
            published = item["published"]
            if "published_band" in item:
                published += ", " + item["published_band"]
            out.append(comment(f"published: {published}", "      "))
            bands = {"band": item["rules_band"]} if "rules_band" in item else None
            out.append("      " + expectation(item["figure"], item["rules_give"], bands=bands)
                       + "\n")
    across = exp.get("across_inspections")
    if across:  # figures across inspections: the cases grouped as the framework says
        out.append(test_start("all inspections: the published figures across them",
                              "all inspections"))
        out.append("    expect:\n")
        for node, figure in across["figures"].items():
            out.append(comment(figure["source"], "      "))
            out.append("      " + expectation(node, figure["shown"],
                                              bands=figure.get("bands")) + "\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("frameworks", nargs="*", default=list(FRAMEWORKS))
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed file differs")
    args = parser.parse_args(argv)
    stale = []
    for fw in args.frameworks:
        path = RULES / fw / FILE_NAME
        text = generate(fw)
        if args.check:
            if not path.exists() or path.read_bytes() != text.encode("utf-8"):
                stale.append(fw)
            continue
        path.write_text(text, encoding="utf-8", newline="")
        print(f"wrote {path.relative_to(RULES.parent)}")
    for fw in stale:
        print(f"rules/{fw}/{FILE_NAME} differs from expected.json: run "
              f"python rules/published_tests.py {fw}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
