"""Write docs/diagnostics.md: one entry per diagnostic code of `critc check`.

Every example is a real file: this script writes it to a temporary folder, runs
`critc check` on it and pastes the output it gets, so the page always shows what the
checker prints today. Every "fixed" example is checked too and must come out clean.

    python docs/tools/gen_diagnostics.py            # rewrite docs/diagnostics.md
    python docs/tools/gen_diagnostics.py --check    # exit 1 if the page is out of date

Codes found in dsl/ and compiler/ but neither documented here nor listed in RECORDS,
VERSIONS or TESTS are reported, so a new diagnostic cannot go undocumented unnoticed; so
are documented codes that nothing emits any more (which also shows when the scan stops
finding a helper's codes).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "diagnostics.md"

PREFIX = '''framework "Example" version "1"

scale sufficiency
  sufficient "Sufficient" above the line
  insufficient "Insufficient"
  na "Not applicable" not applicable

case fields
  case_ref: text, case id
  area: text, inspection
  rosh: one of {low, medium, high, very_high}
'''

C12 = '''criterion 1.2 "Assessment of Risk of Harm" = mean of its questions
  question 1.2a "Was a RoH screening completed?"
'''
GRADE = '''rating scale grade "Section 4 grade"
  well_met "Well met" 3 points
  satisfactorily_met "Satisfactorily met" 2 points
  partly_met "Partly met" 1 point
  not_met "Not met" 0 points
'''
RATING = '''rating scale rating "Rating"
  outstanding "Outstanding" 3 points
  good "Good" 2 points
  requires_improvement "Requires improvement" 1 point
  inadequate "Inadequate" 0 points
'''
CONCLUSION = '''band conclusion
  on criterion 1.2
  70% and above: "Performance against this criterion was good."
  60% and above: "This criterion represents a priority for improvement."
  otherwise: "This criterion represents an urgent priority for improvement."
'''


def ex(body: str, files: dict | None = None, whole: bool = False):
    """An example: the text after PREFIX (or a whole file), with extra files beside it."""
    return {"body": body, "files": files or {}, "whole": whole}


# Each entry: code, severity, what it means, why, examples (with output), fix, fixed example.
ENTRIES: list[dict] = []


def entry(code, severity, what, why, examples, fix, fixed=None, group=""):
    ENTRIES.append(dict(code=code, severity=severity, what=what, why=why, group=group,
                        examples=examples if isinstance(examples, list) else [examples],
                        fix=fix, fixed=fixed))


# ----------------------------------------------------------------------------- files
G = "Files and includes"
entry("file-not-found", "error",
      "A file named in an `include` (or on the command line) does not exist.",
      "The declarations in that file are missing, so many names would be unknown. While this "
      "error stands, the checker hides the follow-on errors it would cause.",
      ex('include "shared/case-fields.crit"\n\nframework "Offender Management Inspection" '
         'version "2008"\n', whole=True),
      "Correct the path. An include path is relative to the file that contains the "
      "`include`, not to the folder you run `critc` from.", group=G)
entry("not-a-file", "error",
      "An `include` names a folder, not a file.",
      "Only a single framework file can be included.",
      ex('include "shared"\n\nframework "Offender Management Inspection" version "2008"\n',
         files={"shared/case-fields.crit": "case fields\n  case_ref: text, case id\n"},
         whole=True),
      "Name the file inside the folder: `include \"shared/case-fields.crit\"`.", group=G)
entry("unreadable-file", "error",
      "A file exists but cannot be read, for example because of its permissions.",
      "The checker cannot see the declarations in it.",
      ex('include "secret.crit"\n\nframework "Offender Management Inspection" version "2008"\n',
         files={"secret.crit": "case fields\n  case_ref: text, case id\n"}, whole=True),
      "Make the file readable for the user who runs `critc` (ask whoever manages the shared "
      "folder), or copy it somewhere readable.", group=G)
entry("not-a-regular-file", "error",
      "A file named on the command line or in an `include` is a device, a named pipe (FIFO) "
      "or a socket, not a regular file.",
      "Reading `/dev/zero` or `/dev/urandom` would never end, and a pipe would block until "
      "something writes to it, so critc refuses them before reading anything.",
      ex('include "/dev/zero"\n\nframework "Offender Management Inspection" version "2008"\n',
         whole=True),
      "Name the framework file itself. To check text produced by another program, save it "
      "to a file first.", group=G)
entry("file-too-large", "error",
      "A framework file (or a test file) is larger than 8 MiB.",
      "The largest real framework is about 100 KB; a file this large is almost certainly "
      "the wrong file (a case export, a log), and reading it whole would hold it in memory.",
      ex('include "export.crit"\n\nframework "Offender Management Inspection" version "2008"\n',
         files={"export.crit": b"#" * ((8 << 20) + 1)}, whole=True),
      "Name the `.crit` file. Case records are not included: give them to `critc score`.",
      group=G)
entry("not-text", "error",
      "A file holds binary data (it contains zero bytes), so it is not framework text.",
      "Usually the wrong file was named: a picture, a spreadsheet or a word-processor "
      "document.",
      ex('include "logo.png"\n\nframework "Offender Management Inspection" version "2008"\n',
         files={"logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, whole=True),
      "Include the `.crit` file. If the framework was written in a word processor, save it "
      "as plain text.", group=G)
entry("not-utf8", "error",
      "A file is not UTF-8 text. The message gives the first byte that is not valid UTF-8 "
      "and the line it is on.",
      "critc reads framework files as UTF-8 only, so that accented letters and symbols mean "
      "the same on every computer. Files saved by old editors or copied from spreadsheets are "
      "often in Windows-1252, where a curly apostrophe is the byte 0x92.",
      ex(b'framework "Offender Management Inspection" version "2008"\n'
         b'  description "Inspectors\x92 guidance"\n', whole=True),
      "Save the file as UTF-8 (most editors offer this under *Save as* or *Encoding*).",
      group=G)
entry("empty-file", "error",
      "A framework file declares nothing: it is empty, or holds only comments and blank "
      "lines.",
      "An empty file is almost always a mistake, such as the wrong file name.",
      ex("", whole=True),
      "Check that you named the right file; a framework starts with a `framework` line.",
      group=G)
entry("include-cycle", "error",
      "A file includes itself, directly or through other files. The message shows the chain.",
      "Including would never end.",
      ex('include "fields.crit"\n\nframework "Offender Management Inspection" version "2008"\n',
         files={"fields.crit": 'include "scales.crit"\n\ncase fields\n  case_ref: text, case id\n',
                "scales.crit": 'include "fields.crit"\n\nscale sufficiency\n'
                               '  sufficient above the line\n  insufficient\n'},
         whole=True),
      "Remove one of the includes. Shared files should not include each other; let the "
      "main framework file include each of them.", group=G)
entry("backslash-in-include", "error",
      "An `include` path separates its folders with backslashes, as Windows paths are often "
      "written.",
      "In a framework's text a backslash begins an escape (`\\n` is a line break), so "
      "`..\\shared\\cases.crit` would be read as `..sharedcases.crit`. critc reports the "
      "backslashes and follows the path with `/` in their place, so nothing else is "
      "reported because of it. A path whose backslashes are all escapes of the language "
      "(`\\\\` for a backslash, `\\\"` for a quote, `\\n`, `\\t`) is left as it is.",
      ex('framework "Offender Management Inspection" version "2008"\n\n'
         'include "shared\\case-fields.crit"\n',
         files={"shared/case-fields.crit": "case fields\n  case_ref: text, case id\n"},
         whole=True),
      "Write the path with `/`: `include \"shared/case-fields.crit\"`. Forward slashes work "
      "on Windows too.",
      ex('framework "Offender Management Inspection" version "2008"\n\n'
         'include "shared/case-fields.crit"\n',
         files={"shared/case-fields.crit": "case fields\n  case_ref: text, case id\n"},
         whole=True), group=G)
entry("duplicate-header", "error",
      "A second `framework` header, usually one in an included file.",
      "A framework has one name, version and set of defaults.",
      ex('include "shared.crit"\n\nframework "Offender Management Inspection" version "2008"\n\n'
         + C12, files={"shared.crit": 'framework "Shared declarations"\n\nscale sufficiency\n'
                                      '  sufficient above the line\n  insufficient\n'},
         whole=True),
      "Delete the header from the included file: it should hold only shared declarations "
      "such as case fields and scales.", group=G)

# ----------------------------------------------------------------------------- syntax
G = "Syntax"
entry("syntax-error", "error",
      "The text does not follow the language's grammar at the marked place. The message says "
      "what was found there; the help line either explains a common mistake or lists what "
      "could have come instead.",
      "The checker cannot tell what was meant, so the item containing the error is left out. "
      "The other items are still checked, but errors that the missing item may cause "
      "(unknown names, unused bands) are hidden until the syntax error is fixed.",
      [ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
          '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
          '    applies if rosh in {medium, high, very_high}\n'),
       ex('criterion 1.2 "Assessment of Risk of Harm" = mean(questions in criterion 1.2, '
          'question 1.3a)\n  question 1.2a "Was a RoH screening completed?"\n\n'
          'criterion 1.3 "Assessment of likelihood of reoffending" = mean of its questions\n'
          '  question 1.3a "Was the LoR assessment on time?"\n')],
      "Follow the help line. Common causes: `applies if` for `applies when`; a band row "
      "without a colon; `==` for `=`; tags without commas; an enumeration without braces; a "
      "text whose closing `\"` is missing; a wording, or a band label of several words, "
      "without quotes (`text must be in double quotes`: the help puts the text alone in "
      "quotes, leaving a question's `on SCALE` and other clauses after it). In the second "
      "example, a selector's `in` scope "
      "reads every comma-separated id after it, so `question` was read as an id; put such a "
      "selector last in the call or in brackets (see "
      "[Selectors](language.md#a-scope-takes-every-following-id)).",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when rosh in {medium, high, very_high}\n'), group=G)
entry("bad-indentation", "error",
      "A line is indented less than the line above, but not as far as any enclosing block.",
      "Indentation says what belongs to what. A line that matches no level cannot be placed.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'),
      "Indent the line exactly as far as the other lines of its block. Indent with spaces: "
      "a tab counts as four.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'), group=G)
entry("tab-indentation", "error",
      "A line is indented with a tab in a file whose other lines are indented with spaces.",
      "A tab counts as four columns, so a tab-indented line can land in a different block "
      "than it appears to, and the error shows up far away (an `its questions` that selects "
      "nothing, say). While this error stands, the checker hides those follow-on errors.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '\tquestion 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'),
      "Indent with spaces only (most editors can turn tabs into spaces for you).",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'), group=G)
entry("misplaced-clause", "error",
      "A clause is given to an item that does not take it, such as a formula on a question.",
      "Each kind of item has its own clauses; the help line lists the ones it takes.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?" rounding half up to whole percent\n'),
      "Move the clause to the item it belongs to, or remove it. Here, rounding belongs to the "
      "criterion (or to a band).",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  rounding half up to whole percent\n'
         '  question 1.2a "Was a RoH screening completed?"\n'), group=G)
entry("repeated-clause", "error",
      "The same clause is given twice to one item.",
      "Only one can apply; the checker does not guess which one you meant.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when rosh in {medium, high, very_high}\n'
         '    applies when rosh != low\n'),
      "Keep one. To combine two conditions, join them with `and` or `or` in one clause.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when rosh in {medium, high, very_high}\n'), group=G)
entry("expression-too-deep", "error",
      "An expression nests more than 50 levels deep: `not not ...`, `- - ...`, calls inside "
      "calls such as `mean(mean(...))`, or a chain of more than 50 terms joined by `+` "
      "(each operator nests the part before it).",
      "Every step after parsing (checking, formatting, scoring, compiling) walks an "
      "expression level by level; a limit far above what a framework needs keeps all of "
      "them working. Brackets alone do not count.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when ' + "not " * 50 + 'rosh = low\n'),
      "Write the expression more simply (`not not x` is `x`), or split it into aggregates, "
      "each with its own formula.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when rosh = low\n'), group=G)
entry("number-out-of-range", "error",
      "A number in the framework (a threshold, weight, constant, points value or number of "
      "decimal places) has more than 15 digits before or after the decimal point, or a "
      "rounding asks for more than 15 decimal places.",
      "Such a number cannot be held exactly: `1` followed by 400 zeros would become "
      "infinity and `0.000...1` would become zero, silently.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n  70% and above: "Good."\n'
         '  1' + '0' * 20 + '% and above: "Impossible."\n  otherwise: "Poor."\n'),
      "Write the number as the framework means it, with at most 15 digits on each side of "
      "the point.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n  70% and above: "Good."\n'
         '  otherwise: "Poor."\n'), group=G)
entry("invalid-date", "error",
      "A date written as `YYYY-MM-DD` does not exist on the calendar.",
      "Dates are checked so that a typing slip cannot silently shift a period.",
      ex('framework "Offender Management Inspection" version "2008"\n'
         '  effective from 2008-02-30\n', whole=True),
      "Correct the date.", group=G)
entry("misplaced-item", "error",
      "A question or aggregate is indented under a question.",
      "Questions are the leaves of a framework: they hold no other items.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '    question 1.2b "Was the screening on time?"\n'),
      "Indent the inner item to the level of the question, so both sit in the criterion.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'), group=G)

# ----------------------------------------------------------------------------- declarations
G = "Declarations"
entry("missing-header", "warning",
      "The framework has questions but no `framework` header.",
      "Reports and results are labelled with the framework's name and version.",
      ex('scale sufficiency\n  sufficient "Sufficient" above the line\n'
         '  insufficient "Insufficient"\n\n' + C12, whole=True),
      "Start the file with a header such as `framework \"Offender Management Inspection\" "
      "version \"2008\"`.", group=G)
entry("effective-dates-reversed", "error",
      "The framework's `effective` period ends before it starts.",
      "The dates are probably swapped.",
      ex('framework "Offender Management Inspection" version "2008"\n'
         '  effective from 2009-03-31 to 2006-05-01\n', whole=True),
      "Write the start date first: `effective from 2006-05-01 to 2009-03-31`.", group=G)
entry("duplicate-name", "error",
      "An id is declared twice. Case fields, inspection inputs, questions, aggregates and "
      "bands share one set of ids; answer scales and rating scales share another.",
      "A reference to the id would be ambiguous.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2a "Was the screening on time?"\n'),
      "Give each item its own id.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'), group=G)
entry("reserved-name", "warning",
      "A case field or inspection input is named by a word of the language, such as "
      "`count`, `score` or `key` (see [Reserved words](language.md#19-reserved-words)).",
      "Formulas and conditions read that word as a keyword, so the field can be declared "
      "but never used: `applies when count > 2` is a syntax error.",
      ex('inspection inputs\n  count "Cases in the sample": integer\n\n' + C12),
      "Rename the field (and its column in the case or inputs file).",
      ex('inspection inputs\n  case_count "Cases in the sample": integer\n\n' + C12),
      group=G)
entry("duplicate-code", "error",
      "In an answer scale, two codes or aliases are spelt the same; or in a rating scale, a "
      "level is listed twice.",
      "A case record with that spelling could mean either answer.",
      ex('scale sufficiency_2\n  sufficient "Sufficient" above the line aliases "yes", "Y"\n'
         '  insufficient "Insufficient" aliases "no", "N"\n'
         '  na_2 "Not applicable" not applicable aliases "n/a", "N"\n\n'
         'criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n    on sufficiency_2\n'),
      "Give each spelling to one code only.", group=G)
entry("contradictory-code", "error",
      "An answer code is marked both `above the line` and `not applicable`.",
      "A not-applicable answer removes the case from the question; it cannot also count as "
      "sufficient.",
      ex('scale sufficiency_2\n  sufficient "Sufficient" above the line\n'
         '  insufficient "Insufficient"\n'
         '  na_2 "Not applicable" above the line not applicable\n'),
      "Keep the flag you mean; for a not-applicable answer, that is `not applicable`.",
      group=G)
entry("empty-scale", "error",
      "An answer scale declares no answers, or a rating scale no levels.",
      "Questions on the scale could never be answered.",
      ex('scale timeliness "Timeliness"\n'),
      "List one code per indented line under the scale.",
      ex('scale timeliness "Timeliness"\n  on_time "On time" above the line\n  late "Late"\n'),
      group=G)
entry("no-answer-above-the-line", "error",
      "No answer of a scale is marked `above the line`.",
      "Every question on the scale would score 0%.",
      ex('scale timeliness "Timeliness"\n  on_time "On time"\n  late "Late"\n'),
      "Mark the answers that count as sufficient with `above the line`.",
      ex('scale timeliness "Timeliness"\n  on_time "On time" above the line\n  late "Late"\n'),
      group=G)
entry("no-answer-below-the-line", "warning",
      "Every answer of a scale is above the line or not applicable.",
      "Every question on the scale would score 100% (or n/a), which is rarely intended.",
      ex('scale done "Done"\n  yes "Done" above the line\n'
         '  na_2 "Not applicable" not applicable\n'),
      "Add the answer that records insufficient or missing work.",
      ex('scale done "Done"\n  yes "Done" above the line\n  no "Not done"\n'
         '  na_2 "Not applicable" not applicable\n'), group=G)
entry("missing-points", "error",
      "A rating scale gives points to some levels but not others; or `points(...)` is used "
      "on a rating whose scale has no points.",
      "Points are needed to add ratings up; a level without points would have no value.",
      [ex(GRADE.replace('partly_met "Partly met" 1 point', 'partly_met "Partly met"')),
       ex('rating scale judgement\n  good "Good"\n  poor "Poor"\n\ninspection inputs\n'
          '  leadership: rating judgement\n\nscore leadership_points = points(leadership)\n')],
      "Give every level its points, or none; use `points(...)` only with a scale that has "
      "them.",
      ex(GRADE), group=G)
entry("levels-out-of-order", "warning",
      "The points of a rating scale's levels do not fall from the first level to the last.",
      "Levels are listed best first: the order decides what `min`, `max` and `>=` mean. "
      "Rising points suggest the list is upside down.",
      ex('rating scale grade_2\n  not_met "Not met" 0 points\n  partly_met "Partly met" 1 point\n'
         '  satisfactorily_met "Satisfactorily met" 2 points\n  well_met "Well met" 3 points\n'),
      "List the levels from best to worst.",
      ex('rating scale grade_2\n  well_met "Well met" 3 points\n'
         '  satisfactorily_met "Satisfactorily met" 2 points\n'
         '  partly_met "Partly met" 1 point\n  not_met "Not met" 0 points\n'), group=G)
entry("misplaced-role", "error",
      "An inspection input has a role that only case fields can have (`case id` or "
      "`inspection`).",
      "Inspection inputs already have one value per inspection; they are matched to "
      "inspections by the case field with the `inspection` role.",
      ex('inspection inputs\n  trust: text, inspection\n'),
      "Remove the role, or move the field to `case fields`.",
      ex('inspection inputs\n  trust: text\n'), group=G)
entry("duplicate-role", "error",
      "Two fields have the same role (`case id`, `inspection` or `inspection date`).",
      "Each role picks out one field.",
      ex('framework "Example" version "1"\n\nscale sufficiency\n'
         '  sufficient "Sufficient" above the line\n  insufficient "Insufficient"\n\n'
         'case fields\n  case_ref: text, case id\n'
         '  crn "Case reference number": text, case id\n', whole=True),
      "Keep the role on one field.", group=G)
entry("no-scale", "error",
      "A question has no `on SCALE`, the header has no `default scale`, and there is more "
      "than one answer scale.",
      "The checker cannot tell which answers the question takes.",
      ex('scale timeliness\n  on_time "On time" above the line\n  late "Late"\n\n' + C12),
      "Add `default scale sufficiency` to the framework header, or `on SCALE` to the "
      "question.",
      ex('scale timeliness\n  on_time "On time" above the line\n  late "Late"\n\n'
         'criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n    on sufficiency\n'), group=G)

# ----------------------------------------------------------------------------- names
G = "Names and references"
entry("unknown-reference", "error",
      "A name or id is not declared: a field, question or aggregate in a formula or "
      "condition, a band, an answer scale, or a rating scale.",
      "Usually a typing slip; the help line suggests close matches.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when rsh in {medium, high, very_high}\n'),
      "Correct the name, or declare the item. Items whose id is not a simple name (such as "
      "`1.2`) must be referred to with their kind: `criterion 1.2`.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when rosh in {medium, high, very_high}\n'), group=G)
entry("wrong-kind", "error",
      "An item is referred to with the wrong kind, such as `criterion 1` for a section.",
      "The kind is part of the reference, so that `criterion 1.2` cannot silently pick a "
      "question with the same id.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n' + "  "
         + C12.replace("\n  ", "\n    ") + '\nscore s = criterion 1\n'),
      "Use the kind the item was declared with, as the help line says.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n' + "  "
         + C12.replace("\n  ", "\n    ") + '\nscore s = section 1\n'), group=G)
entry("unknown-value", "error",
      "A name compared with an enumeration field or an answer is not one of its declared "
      "values; or a row of a `gives` band names a level its rating scale does not have.",
      "A misspelt value would make a condition silently false.",
      [ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
          '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
          '    applies when rosh in {medium, hihg, very_high}\n'),
       ex(RATING + '\ncriterion 2.1 "Assessment" = mean of its questions\n'
          '  question 2.1a "Was the assessment sufficiently analytical?"\n\n'
          'rating r2_1 "Assessment rating" = standard_band(criterion 2.1)\n\n'
          'band standard_band\n  gives rating\n  80% and above: outstanding\n'
          '  65% and above: good\n  50% and above: requires_improvment\n'
          '  otherwise: inadequate\n')],
      "Use one of the declared values, spelt exactly.", group=G)
entry("cyclic-dependency", "error",
      "A figure depends on itself, through the chain the message shows; or a question's "
      "condition reads the question's own answer.",
      "A circular definition has no value. Each step of the cycle is shown with the place "
      "where the reference is made.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?"\n'
         '  criterion 1.9 "Adjusted" = 0.5 * section 1 + 0.5 * criterion 1.2\n'),
      "Change one of the references so the chain no longer comes back. Here the adjusted "
      "figure belongs outside section 1.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?"\n\n'
         'score adjusted "Adjusted" = 0.5 * section 1 + 0.5 * criterion 1.2\n'), group=G)

# ----------------------------------------------------------------------------- selectors
G = "Selectors"
entry("invalid-selector", "error",
      "A selector asks for something that cannot be: a question role (`individual`, "
      "`summary`, `key`) with aggregates, or `its` where there is no enclosing aggregate "
      "(in a band's `on`).",
      "Only questions have roles; `its` means \"inside the aggregate whose formula this is\".",
      [ex('section 1 "Assessment and sentence planning" = mean of individual criteria\n'
          + "  " + C12.replace("\n  ", "\n    ")),
       ex(C12 + '\nband conclusion\n  on its criteria\n'
          '  70% and above: "Performance against this criterion was good."\n'
          '  otherwise: "This criterion represents a priority for improvement."\n')],
      "Drop the role, or select questions; in a band, name the scope: "
      "`on criteria in section 1`, or `on all criteria`.", group=G)
entry("unknown-tag", "error",
      "A selector filters by a tag that no question or aggregate has.",
      "Usually a typing slip, which would otherwise select nothing.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?" tags roh\n\n'
         'thread roh "RoH Thread" = pooled over all questions tagged rho\n'),
      "Correct the tag, or add `tags ...` to the items it should select.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?" tags roh\n\n'
         'thread roh "RoH Thread" = pooled over all questions tagged roh\n'), group=G)
entry("empty-selection", "error",
      "A selector selects nothing.",
      "A figure made of nothing is always undefined. The most common cause is a selector "
      "without `all` or `in`, which looks only inside the aggregate whose formula it is.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?" tags roh\n\n'
         'thread roh "RoH Thread" = pooled over questions tagged roh\n'),
      "Say where to look (`all ...`, or `... in sections 1, 2`) and check the kind, role and "
      "tags the selector names.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?" tags roh\n\n'
         'thread roh "RoH Thread" = pooled over questions tagged roh in sections 1\n'), group=G)
entry("except-not-selected", "error",
      "An id in a selector's `except` list names nothing the selector picks.",
      "`except` takes items out of what a selector picks (with everything inside them); an "
      "id that takes nothing out is a typing slip, or the selector does not pick what you "
      "think it does.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?" tags roh\n'
         '    question 1.2b "Was the RoH screening accurate?" tags roh\n\n'
         'section 2 "Interventions" = mean of its criteria\n'
         '  criterion 2.3 "Protecting the public" = mean of its questions\n'
         '    question 2.3a "Was RoH reviewed?" tags roh\n\n'
         'thread roh "RoH Thread" = pooled over questions tagged roh in section 1 except 2.3\n'),
      "Name an item the selector picks, or an aggregate that holds one; remove the id "
      "otherwise.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?" tags roh\n'
         '    question 1.2b "Was the RoH screening accurate?" tags roh\n\n'
         'section 2 "Interventions" = mean of its criteria\n'
         '  criterion 2.3 "Protecting the public" = mean of its questions\n'
         '    question 2.3a "Was RoH reviewed?" tags roh\n\n'
         'thread roh "RoH Thread"\n'
         '  = pooled over questions tagged roh in sections 1, 2 except 2.3, 1.2b\n'), group=G)
entry("ambiguous-selection", "error",
      "A singular selector (`summary question`, `key question`) selects more than one "
      "question.",
      "A singular selector stands for one question's figure.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  = weighted mean(individual questions: 0.8, summary question: 0.2)\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  summary question 1.2s "Overall, was RoH assessment sufficient?"\n'
         '  summary question 1.2t "Overall, was RoH assessment timely?"\n'),
      "Give the role to one question only, or use the plural with a function: "
      "`mean(summary questions)`.", group=G)
entry("set-where-figure-expected", "error",
      "A plural selector stands where one figure is needed, for example in arithmetic.",
      "A selector is a set of figures; it has to be combined into one first.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  = 0.8 * individual questions + 0.2 * summary question\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'
         '  summary question 1.2s "Overall, was RoH assessment sufficient?"\n'),
      "Combine the set with a function such as `mean(...)`; for a weighting rule, use "
      "`weighted mean`, where a selector stands for the mean of what it selects.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  = weighted mean(individual questions: 0.8, summary question: 0.2)\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'
         '  summary question 1.2s "Overall, was RoH assessment sufficient?"\n'), group=G)

# ----------------------------------------------------------------------------- formulas
G = "Formulas and types"
entry("missing-formula", "error",
      "An aggregate has no `= ...` formula.",
      "Every aggregate must say how its figure is computed; nothing is assumed.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'),
      "Add a formula, such as the one the help line suggests.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2b "Was the screening on time?"\n'), group=G)
entry("not-a-figure", "error",
      "A formula gives something that is not a score, number or rating: a text, a date, a "
      "set of values, or a band's text label.",
      "An aggregate's value is a figure that other figures and bands can use.",
      [ex(C12 + '\nscore text = "Performance against this criterion was good."\n'),
       ex(C12 + '\nscore words = conclusion(criterion 1.2)\n\n'
          + CONCLUSION.replace("  on criterion 1.2\n", ""))],
      "To report words beside a figure, attach a band to it with `on` instead.",
      ex(C12 + '\n' + CONCLUSION), group=G)
entry("condition-in-formula", "error",
      "A formula contains a yes/no test (a comparison, `and`, `or`, `not`, `in {...}`).",
      "Formulas compute figures; tests decide which cases a question applies to.",
      ex(C12 + '\nscore good = criterion 1.2 >= 70%\n'),
      "To turn a figure into words or a rating by thresholds, use a band. To limit a "
      "question to some cases, use `applies when`.", group=G)
entry("case-field-in-formula", "error",
      "A formula uses a case field.",
      "A case field has a different value in every case, while a formula computes one figure "
      "for a whole inspection.",
      ex(C12 + '\nscore weighted_risk = criterion 1.2 * rosh\n'),
      "Use case fields in `applies when` conditions. A value that is the same for the whole "
      "inspection belongs in `inspection inputs`.", group=G)
entry("band-as-figure", "error",
      "A formula names a band as if it were a figure.",
      "A band is a rule that needs a figure to band.",
      ex(C12 + '\nscore twice = 2 * conclusion\n\n' + CONCLUSION),
      "Apply the band to a figure, `conclusion(criterion 1.2)`, or use the figure itself.",
      group=G)
entry("rating-as-number", "error",
      "A rating is used in arithmetic or where a number is needed.",
      "Ratings are ordinal: \"good\" minus \"requires improvement\" has no meaning.",
      ex(GRADE + '\nstandard 4.1 "Leadership and planning" = grade_4_1\n'
         'standard 4.2 "Performance against targets" = grade_4_2\n\n'
         'score section_4 = standard 4.1 + standard 4.2\n\ninspection inputs\n'
         '  grade_4_1: rating grade\n  grade_4_2: rating grade\n'),
      "Turn ratings into points first: `sum(points(all standards))`.",
      ex(GRADE + '\nstandard 4.1 "Leadership and planning" = grade_4_1\n'
         'standard 4.2 "Performance against targets" = grade_4_2\n\n'
         'score section_4 = sum(points(all standards))\n\ninspection inputs\n'
         '  grade_4_1: rating grade\n  grade_4_2: rating grade\n'), group=G)
entry("label-as-number", "error",
      "A band's text label is used in arithmetic.",
      "A label such as \"Performance against this criterion was good.\" is words, not a "
      "number.",
      ex(C12 + '\nscore bonus = conclusion(criterion 1.2) + 5%\n\n' + CONCLUSION),
      "Do the arithmetic on the figure, and band the result.", group=G)
entry("type-mismatch", "error",
      "Two values of different types meet where they must match, or a value has the wrong "
      "type for its place. The message names both types.",
      "Comparing a RoSH level with a number, or banding points with percentage thresholds, "
      "has no sensible meaning.",
      [ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
          '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
          '    applies when rosh >= 3\n'),
       ex(GRADE + '\ninspection inputs\n  grade_4_1: rating grade\n\n' + C12
          + '\nscore points_4 = sum(points(grade_4_1))\nrating rated_4 = level(points_4)\n\n'
          'band level\n  gives grade\n  on criterion 1.2\n  70% and above: well_met\n'
          '  otherwise: not_met\n'),
       ex(GRADE + RATING.replace("rating scale rating", "\nrating scale rating")
          + '\ninspection inputs\n  grade_4_1: rating grade\n\n'
          'standard 4.1 "Leadership and planning" = grade_4_1\n  rated rating\n')],
      "Compare like with like: an enumeration with its own values (`rosh >= medium`), a "
      "number with a number. Use a band for scores or for numbers, not both. Rate an "
      "aggregate on the scale its formula gives.", group=G)
entry("wrong-arguments", "error",
      "`points(...)` is given more than one rating.",
      "`points` turns one rating into its points.",
      ex(GRADE + '\ninspection inputs\n  grade_4_1: rating grade\n  grade_4_2: rating grade\n\n'
         'score section_4_points = points(grade_4_1, grade_4_2)\n'),
      "Add the points up with `sum`: `sum(points(grade_4_1, grade_4_2))`.",
      ex(GRADE + '\ninspection inputs\n  grade_4_1: rating grade\n  grade_4_2: rating grade\n\n'
         'score section_4_points = sum(points(grade_4_1, grade_4_2))\n'), group=G)
entry("no-inputs", "error",
      "A function is called with nothing in its brackets.",
      "A mean of nothing is never defined.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean()\n'
         '  question 1.2a "Was a RoH screening completed?"\n'),
      "Say what to combine: `mean of its questions`.", group=G)
entry("pooled-needs-questions", "error",
      "`pooled` is given aggregates (or other figures) instead of questions.",
      "`pooled` adds up the answers of questions case by case; aggregates have no answers.",
      ex('section 1 "Assessment and sentence planning" = pooled over its criteria\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?"\n'),
      "Pool the questions themselves (`pooled over its questions`), or average the "
      "aggregates with `mean`.",
      ex('section 1 "Assessment and sentence planning" = pooled over its questions\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?"\n'), group=G)
entry("weights-do-not-sum-to-one", "error",
      "The weights of a `weighted mean` do not add up to 1 (or 100%).",
      "Weights that do not add up to 1 would scale the result up or down, which is almost "
      "always a typing slip.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  = weighted mean(individual questions: 0.8, summary question: 0.3)\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  summary question 1.2s "Overall, was RoH assessment sufficient?"\n'),
      "Correct the weights.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  = weighted mean(individual questions: 0.8, summary question: 0.2)\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  summary question 1.2s "Overall, was RoH assessment sufficient?"\n'), group=G)
entry("negative-weight", "error",
      "A weight of a `weighted mean` is negative.",
      "A negative weight would make better work lower the score. The grammar does not let a "
      "weight carry a sign, so today a negative weight is reported as a "
      "[`syntax-error`](#syntax-error) instead, as the example shows; this code is kept for "
      "weights the grammar may accept later.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  = weighted mean(individual questions: 1.2, summary question: -0.2)\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  summary question 1.2s "Overall, was RoH assessment sufficient?"\n'),
      "Use weights between 0 and 1 that add up to 1.", group=G)

# ----------------------------------------------------------------------------- conditions
G = "Applicability conditions"
entry("condition-not-boolean", "error",
      "An `applies when` condition, or a part of one joined by `and`, `or` or `not`, is a "
      "value rather than a yes/no test.",
      "A question applies when its condition is true; `rosh` alone is neither true nor false.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when rosh\n'),
      "Compare the value with something: `rosh in {medium, high, very_high}`. Boolean "
      "fields may stand alone.",
      ex('criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '  question 1.2d "Was the full RoH analysis of sufficient quality?"\n'
         '    applies when rosh in {medium, high, very_high}\n'), group=G)
entry("not-a-value", "error",
      "The braces of `in {...}` name a field or question instead of listing values.",
      "`in {...}` compares with a fixed list of values; a field inside the braces would "
      "change from case to case.",
      ex('case fields\n  rosh_review "RoSH at review": one of {low, medium, high, very_high}\n\n'
         'criterion 2.2 "Protecting the public" = mean of its questions\n'
         '  question 2.2-04 "Was RoH reviewed after a change of classification?"\n'
         '    applies when rosh not in {rosh_review}\n'),
      "Compare two fields with `=` or `!=`.",
      ex('case fields\n  rosh_review "RoSH at review": one of {low, medium, high, very_high}\n\n'
         'criterion 2.2 "Protecting the public" = mean of its questions\n'
         '  question 2.2-04 "Was RoH reviewed after a change of classification?"\n'
         '    applies when rosh != rosh_review\n'), group=G)
entry("figure-in-condition", "error",
      "A condition uses a score, an aggregate or a function such as `mean`.",
      "A condition is decided case by case, before any score exists; scores exist only for "
      "whole inspections.",
      ex(C12 + '\ncriterion 1.5 "Sentence planning" = mean of its questions\n'
         '  question 1.5-15 "Was the sentence plan cross-referenced to the RMP?"\n'
         '    applies when criterion 1.2 >= 60%\n'),
      "Base the condition on case fields, inspection inputs or answers to other questions "
      "in the same case, such as `question 1.2a = sufficient`.",
      ex(C12 + '\ncriterion 1.5 "Sentence planning" = mean of its questions\n'
         '  question 1.5-15 "Was the sentence plan cross-referenced to the RMP?"\n'
         '    applies when question 1.2a = sufficient\n'), group=G)
entry("applicability-never-true", "error",
      "No combination of the values the condition's fields can take makes it hold, so the "
      "question can never apply. Numeric, date and text comparisons are treated as free "
      "yes/no choices, so the finding is certain.",
      "The question would be n/a in every inspection; most often `and` was written for "
      "`or`.",
      ex(C12 + '  question 1.2-18 "Was the RMP completed within 5 working days?"\n'
         '    applies when rosh = high and rosh = very_high\n'),
      "Check `and`/`or` and the values named.",
      ex(C12 + '  question 1.2-18 "Was the RMP completed within 5 working days?"\n'
         '    applies when rosh = high or rosh = very_high\n'), group=G)
entry("applicability-always-true", "warning",
      "The condition holds for every declared value of the fields it reads.",
      "The condition filters nothing (only blanks, which never satisfy a condition), so it "
      "is probably not what was meant.",
      ex(C12 + '  question 1.2-18 "Was the RMP completed within 5 working days?"\n'
         '    applies when rosh >= high or rosh < very_high\n'),
      "Narrow the condition, or remove it if the question applies to every case.",
      ex(C12 + '  question 1.2-18 "Was the RMP completed within 5 working days?"\n'
         '    applies when rosh >= high\n'), group=G)

# ----------------------------------------------------------------------------- bands
G = "Bands"
entry("empty-band", "error",
      "A band has no rows.",
      "It would give no label to any value.",
      ex(C12 + '\nband conclusion "Conclusion"\n  on criterion 1.2\n'),
      "Add rows such as `70% and above: \"...\"`.", group=G)
entry("threshold-not-percent", "error",
      "A band that bands scores has a threshold without `%`.",
      "Scores are proportions shown as percentages: `70%` is 0.7, while `70` would be 70 "
      "whole units. Requiring `%` keeps the two apart.",
      ex(C12 + '\n' + CONCLUSION.replace("70% and above", "70 and above")),
      "Write the threshold as a percentage: `70%`.", ex(C12 + '\n' + CONCLUSION), group=G)
entry("threshold-is-percent", "error",
      "A band that bands plain numbers (such as points) has a threshold with `%`.",
      "Points and counts are not percentages.",
      ex(RATING + '\ninspection inputs\n  r1_1: rating rating\n  r1_2: rating rating\n\n'
         'rating overall "Overall rating" = overall_band(sum(points(r1_1, r1_2)))\n\n'
         'band overall_band\n  gives rating\n  rounding half up to whole numbers\n'
         '  5% and above: outstanding\n  3 to 4: good\n  1 to 2: requires_improvement\n'
         '  otherwise: inadequate\n'),
      "Remove the `%`.",
      ex(RATING + '\ninspection inputs\n  r1_1: rating rating\n  r1_2: rating rating\n\n'
         'rating overall "Overall rating" = overall_band(sum(points(r1_1, r1_2)))\n\n'
         'band overall_band\n  gives rating\n  rounding half up to whole numbers\n'
         '  5 and above: outstanding\n  3 to 4: good\n  1 to 2: requires_improvement\n'
         '  otherwise: inadequate\n'), group=G)
entry("label-in-rating-band", "error",
      "A band with `gives SCALE` has a row whose output is quoted text.",
      "Such a band gives a level of the rating scale, named by its id.",
      ex(RATING + '\ncriterion 2.1 "Assessment" = mean of its questions\n'
         '  question 2.1a "Was the assessment sufficiently analytical?"\n\n'
         'rating r2_1 "Assessment rating" = standard_band(criterion 2.1)\n\n'
         'band standard_band\n  gives rating\n  80% and above: outstanding\n'
         '  65% and above: "Good"\n  50% and above: requires_improvement\n'
         '  otherwise: inadequate\n'),
      "Write the level's id without quotes: `65% and above: good`.", group=G)
entry("unquoted-label", "error",
      "A row of a text band (one without `gives`) has an unquoted output.",
      "Labels are text and are written in double quotes; an unquoted word is read as a "
      "rating level, which only a `gives` band has.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n  70% and above: good\n'
         '  otherwise: "This criterion represents a priority for improvement."\n'),
      "Quote the label, or add `gives SCALE` to give rating levels.", group=G)
entry("otherwise-not-last", "error",
      "An `otherwise` row is followed by other rows.",
      "`otherwise` takes every value the other rows leave; rows after it read as if they "
      "came first.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n'
         '  otherwise: "This criterion represents an urgent priority for improvement."\n'
         '  70% and above: "Performance against this criterion was good."\n'
         '  60% and above: "This criterion represents a priority for improvement."\n'),
      "Move `otherwise` to the end.", ex(C12 + '\n' + CONCLUSION), group=G)
entry("repeated-otherwise", "error",
      "A band has two `otherwise` rows. (The first is then also not the last row, which is "
      "reported as [`otherwise-not-last`](#otherwise-not-last).)",
      "Only one can apply.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n'
         '  70% and above: "Performance against this criterion was good."\n'
         '  otherwise: "This criterion represents a priority for improvement."\n'
         '  otherwise: "This criterion represents an urgent priority for improvement."\n'),
      "Keep one `otherwise`, or give the other row a threshold.",
      ex(C12 + '\n' + CONCLUSION), group=G)
entry("thresholds-out-of-order", "error",
      "A band's rows are neither listed from the highest threshold down nor from the lowest "
      "up, or an open-ended row comes before rows it already covers.",
      "Rows are read top down and cascade (each row ends where the one before it starts), "
      "so a row can be hidden by an earlier one and never be reached.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n'
         '  60% and above: "This criterion represents a priority for improvement."\n'
         '  70% and above: "Performance against this criterion was good."\n'
         '  otherwise: "This criterion represents an urgent priority for improvement."\n'),
      "List the rows from the highest threshold down (or from the lowest up).",
      ex(C12 + '\n' + CONCLUSION), group=G)
entry("overlapping-thresholds", "error",
      "Two rows of a band both hold a value that can occur after rounding. The message gives "
      "the first such value.",
      "A value in both rows would have two labels.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n'
         '  70% to 100%: "Performance against this criterion was good."\n'
         '  60% to 70%: "This criterion represents a priority for improvement."\n'
         '  0% to 59%: "This criterion represents an urgent priority for improvement."\n'),
      "Start each row just above the end of the previous one, or use the cascading form "
      "`70% and above` / `60% and above` / `otherwise`.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n'
         '  70% to 100%: "Performance against this criterion was good."\n'
         '  60% to 69%: "This criterion represents a priority for improvement."\n'
         '  0% to 59%: "This criterion represents an urgent priority for improvement."\n'),
      group=G)
entry("empty-band-row", "error",
      "No value can fall in a row once values are rounded as the band says. The message "
      "gives the rounding and the row's range.",
      "Values are rounded before they are banded (by default half up to whole percent), so "
      "a row narrower than one rounding step may hold no possible value.",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n'
         '  70% and above: "Performance against this criterion was good."\n'
         '  69.5% to 69.9%: "Nearly good."\n'
         '  otherwise: "This criterion represents a priority for improvement."\n'),
      "Widen the row, remove it, or give the band a finer `rounding` "
      "(`rounding half up to 1 decimal place`).",
      ex(C12 + '\nband conclusion\n  on criterion 1.2\n  rounding half up to 1 decimal place\n'
         '  70% and above: "Performance against this criterion was good."\n'
         '  69.5% to 69.9%: "Nearly good."\n'
         '  otherwise: "This criterion represents a priority for improvement."\n'), group=G)
entry("threshold-gap", "error or warning",
      "Some values that can occur after rounding get no label. Between two rows this is an "
      "error; below the lowest row or above the highest (when there is no `otherwise`) it is "
      "a warning. For a score band the rows must cover 0% to 100%.",
      "A figure in the gap would be reported without its conclusion.",
      [ex(C12 + '\nband conclusion\n  on criterion 1.2\n'
          '  70% to 100%: "Performance against this criterion was good."\n'
          '  60% to 68%: "This criterion represents a priority for improvement."\n'
          '  0% to 59%: "This criterion represents an urgent priority for improvement."\n'),
       ex(C12 + '\nband conclusion\n  on criterion 1.2\n'
          '  70% and above: "Performance against this criterion was good."\n'
          '  60% and above: "This criterion represents a priority for improvement."\n')],
      "Close the gap, or add an `otherwise` row for everything else.",
      ex(C12 + '\n' + CONCLUSION), group=G)
entry("invalid-band-target", "error",
      "A band's `on` names something that is not a question or aggregate, such as an "
      "inspection input.",
      "`on` reports a label beside a figure of the framework.",
      ex('inspection inputs\n  caseload "Cases per offender manager": number\n\n' + C12
         + '\nband workload\n  on caseload\n  50 and above: "Unmanageable"\n'
         '  otherwise: "Manageable"\n'),
      "Make the value an aggregate (`score caseload_figure = caseload`) and band that.",
      ex('inspection inputs\n  caseload "Cases per offender manager": number\n\n' + C12
         + '\nscore caseload_figure "Caseload" = caseload\n\n'
         'band workload\n  on caseload_figure\n  50 and above: "Unmanageable"\n'
         '  otherwise: "Manageable"\n'), group=G)
entry("duplicate-band-target", "warning",
      "A band is attached to the same figure twice, for example once by a selector and once "
      "by name.",
      "The second attachment has no effect.",
      ex('section 1 "Assessment and sentence planning" = mean of its criteria\n'
         '  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions\n'
         '    question 1.2a "Was a RoH screening completed?"\n\n'
         + CONCLUSION.replace("  on criterion 1.2\n",
                              "  on criteria in section 1\n  on criterion 1.2\n")),
      "Remove the repeated target.", group=G)
TOTALS = (C12 + 'criterion 1.3 "Assessment of likelihood of reoffending" = mean of its questions\n'
          '  question 1.3a "Was the likelihood of reoffending assessed?"\n\n' + GRADE
          + '\nband by_points gives grade\n  2 and above: well_met\n'
          '  1 and above: satisfactorily_met\n  otherwise: not_met\n')
entry("partial-total", "warning",
      "A rating or band reads a `sum(...)` written `skipping undefined` (of inputs that can "
      "be undefined), directly or through the figures computed from it. A band inside the "
      "sum, on one of its operands (`sum(points(grade(criterion 1.1)), ...)`), does not "
      "read the total and is not reported.",
      "A sum that skips an undefined input adds up whatever is there: an inspection with no "
      "case for one criterion gets a smaller total, and so a worse (or, with penalties, a "
      "better) rating, without a word. Without `skipping undefined` the total is undefined "
      "when an input is, and so is the rating.",
      ex(TOTALS + '\nrating overall "Overall" = by_points(sum(criterion 1.2, criterion 1.3) '
         'skipping undefined)\n'),
      "Remove `skipping undefined`; if a partial total is really meant, say so with "
      "`# critc: allow partial-total` and why.",
      ex(TOTALS + '\nrating overall "Overall" = by_points(sum(criterion 1.2, '
         'criterion 1.3))\n'), group="Formulas and types")
entry("misplaced-skipping", "error",
      "`skipping undefined` follows a function other than `sum` or `mean`.",
      "`min`, `max` and `count` always skip undefined inputs, `pooled` counts answers, and "
      "`points` reads one rating: the words would say nothing.",
      ex(C12 + '\nscore lowest "Lowest" = min of all questions skipping undefined\n'),
      "Remove `skipping undefined`.",
      ex(C12 + '\nscore lowest "Lowest" = min of all questions\n'), group="Formulas and types")
G = "Counting above the line"
QUALITY = '''scale quality
  sufficient "Sufficient" above the line
  partly "Partly sufficient"
  insufficient "Insufficient"
  na "Not applicable" not applicable

section 1 "Assessment" = mean of its criteria
  criterion 1.2 "Assessment of Risk of Harm" = mean of its questions
    question 1.2a "Was a RoH screening completed?" on sufficiency tags roh
    question 1.2d "Was the RoH analysis of sufficient quality?" on quality tags roh

'''
entry("counting-unused-question", "error",
      "A `counting ... above the line` clause names a question that the aggregate's formula "
      "does not use itself.",
      "The clause changes how this figure counts the questions it uses, and nothing else. "
      "An aggregate that uses another aggregate's figure uses it as computed (with that "
      "aggregate's own counting), so a question it reaches only through another aggregate "
      "cannot be counted differently here.",
      ex(QUALITY + 'thread roh "RoH Thread" = mean(criterion 1.2)\n'
         '  counting {sufficient, partly} above the line for question 1.2d\n'),
      "Put the clause on the aggregate whose formula uses the question, or use the question "
      "in this formula (`pooled over all questions tagged roh`).",
      ex(QUALITY + 'thread roh "RoH Thread" = pooled over all questions tagged roh\n'
         '  counting {sufficient, partly} above the line for question 1.2d\n'), group=G)
entry("not-applicable-above-the-line", "error",
      "A `counting ... above the line` clause names a code that its scale marks "
      "`not applicable`.",
      "A case answered with a not-applicable code does not count for the question at all, "
      "so it can be neither above nor below the line.",
      ex(QUALITY + 'thread roh "RoH Thread" = pooled over all questions tagged roh\n'
         '  counting {sufficient, partly, na} above the line for question 1.2d\n'),
      "Leave the not-applicable code out of the set.",
      ex(QUALITY + 'thread roh "RoH Thread" = pooled over all questions tagged roh\n'
         '  counting {sufficient, partly} above the line for question 1.2d\n'), group=G)
entry("duplicate-counting", "error",
      "A question is given an above-the-line set twice in one aggregate (an error), or a "
      "code is named twice in one set (a warning).",
      "An aggregate counts each question one way; two sets for one question would contradict "
      "each other, and a code named twice is a typing slip.",
      [ex(QUALITY + 'thread roh "RoH Thread" = pooled over all questions tagged roh\n'
          '  counting {sufficient, partly} above the line for question 1.2d\n'
          '  counting {partly} above the line for question 1.2d\n'),
       ex(QUALITY + 'thread roh "RoH Thread" = pooled over all questions tagged roh\n'
          '  counting {partly, partly, sufficient} above the line for question 1.2d\n')],
      "Name each question in one clause, and each code once.",
      ex(QUALITY + 'thread roh "RoH Thread" = pooled over all questions tagged roh\n'
         '  counting {sufficient, partly} above the line for question 1.2d\n'), group=G)
entry("redundant-counting", "warning",
      "A `counting ... above the line` set is the one the question's scale already counts.",
      "The clause changes nothing, which usually means the set was meant to differ.",
      ex(QUALITY + 'thread roh "RoH Thread" = pooled over all questions tagged roh\n'
         '  counting {sufficient} above the line for question 1.2d\n'),
      "Remove the question from the clause (or the clause), or write the set meant.",
      ex(QUALITY + 'thread roh "RoH Thread" = pooled over all questions tagged roh\n'
         '  counting {sufficient, partly} above the line for question 1.2d\n'), group=G)
G = "Figures across inspections"
INPUT = ('\ninspection inputs\n  judged "Judged score": number\n\n'
         'score adjusted "Adjusted" = criterion 1.2 - judged * 1%\n')
entry("across-outside-block", "error",
      "`FUNCTION of FIGURE across inspections` is used in a figure computed per inspection.",
      "It has one value for all the inspections scored together; a figure of one "
      "inspection cannot be built from it.",
      ex(C12 + '\nscore overall "Overall" = mean of criterion 1.2 across inspections\n'),
      "Declare the figure in an `across inspections` block.",
      ex(C12 + '\nacross inspections\n  score overall "Overall" = mean of criterion 1.2 '
         'across inspections\n'), group=G)
entry("across-figure-per-inspection", "error",
      "A figure computed per inspection refers to a figure across inspections.",
      "The figure across inspections is computed once, after every inspection's figures, "
      "so no inspection's figure can depend on it.",
      ex(C12 + '\nacross inspections\n  score overall "Overall" = mean of criterion 1.2 across '
         'inspections\n\nscore gap "Gap" = criterion 1.2 - score overall\n'),
      "Declare the figure that uses it in the `across inspections` block too (combining "
      "the per-inspection figure with a function), or use a figure per inspection.",
      ex(C12 + '\nacross inspections\n  score overall "Overall" = mean of criterion 1.2 across '
         'inspections\n  score gap "Largest gap" = score overall - min of criterion 1.2 across '
         'inspections\n'), group=G)
entry("per-inspection-in-across", "error",
      "A figure across inspections reads a per-inspection figure (or an inspection input) "
      "without saying how to combine the inspections' values.",
      "A per-inspection figure has a value in every inspection: its mean, its lowest and "
      "its value over all the cases pooled are different figures.",
      ex(C12 + '\nacross inspections\n  score overall "Overall" = criterion 1.2\n'),
      "Combine it: `mean of ... across inspections` (or `min`, `max`, `sum`, `count`, "
      "`pooled over`).",
      ex(C12 + '\nacross inspections\n  score overall "Overall" = mean of criterion 1.2 across '
         'inspections\n'), group=G)
entry("across-of-across", "error",
      "`... across inspections` combines a figure that is itself across inspections.",
      "That figure already has one value for all inspections; there is nothing to combine.",
      ex(C12 + '\nacross inspections\n  score overall "Overall" = mean of criterion 1.2 across '
         'inspections\n  score again "Again" = mean of score overall across inspections\n'),
      "Refer to it directly.",
      ex(C12 + '\nacross inspections\n  score overall "Overall" = mean of criterion 1.2 across '
         'inspections\n  score again "Again" = score overall\n'), group=G)
entry("across-needs-figure", "error",
      "`... across inspections` is given an inspection input rather than a question or "
      "aggregate.",
      "Only figures (questions and aggregates) are combined across inspections.",
      ex(C12 + INPUT + '\nacross inspections\n  score overall "Overall" = mean of judged across '
         'inspections\n'),
      "Combine the figure that reads the input.",
      ex(C12 + INPUT + '\nacross inspections\n  score overall "Overall" = mean of score adjusted '
         'across inspections\n'), group=G)
entry("pooled-needs-cases", "error",
      "`pooled over FIGURE across inspections` pools a figure that depends on an "
      "inspection input.",
      "A pooled figure is computed over the cases of every inspection together, as one "
      "inspection; an inspection input has a value per inspection, not one for all of "
      "them.",
      ex(C12 + INPUT + '\nacross inspections\n  score overall "Overall" = pooled over score '
         'adjusted across inspections\n'),
      "Combine the inspections' values instead: `mean of ... across inspections`.",
      ex(C12 + INPUT + '\nacross inspections\n  score overall "Overall" = mean of score adjusted '
         'across inspections\n'), group=G)
G = "Allowed warnings"
entry("unused-allow", "warning",
      "A `# critc: allow CODE` comment finds no `CODE` warning on the line it speaks of: its "
      "own line for a comment at the end of a line, otherwise the next line that is not "
      "blank or a comment.",
      "The warning it was written for has gone (or was never there), so the comment no "
      "longer says anything true; left in place it would also hide the warning if it came "
      "back for another reason.",
      ex(C12 + '\n# critc: allow unused-band (kept for the next revision)\n' + CONCLUSION),
      "Remove the comment, or move it onto (or just above) the line the warning points at.",
      ex(C12 + '\n' + CONCLUSION), group=G)
entry("cannot-allow", "warning",
      "A `# critc: allow CODE` comment names a code that is an error on that line.",
      "Errors mean the framework cannot be used as written; they cannot be acknowledged "
      "away. The error is still reported.",
      ex(C12 + '\nscore s "S"\n  = criterion 1.3  # critc: allow unknown-reference\n'),
      "Fix the error and remove the comment.",
      ex(C12 + '\nscore s "S"\n  = criterion 1.2\n'), group=G)
G = "Unused items"
entry("unused-band", "warning",
      "A band is neither attached to a figure with `on` nor applied in any formula.",
      "It has no effect on any result.",
      ex(C12 + '\n' + CONCLUSION.replace("  on criterion 1.2\n", "")),
      "Attach it with `on ...`, apply it in a formula, or delete it.",
      ex(C12 + '\n' + CONCLUSION), group=G)
entry("question-feeds-no-score", "warning",
      "No formula uses a question, directly or through a selector (and no other question's "
      "condition reads its answer).",
      "Inspectors would answer it in every case for nothing. Often a selector's role or tag "
      "leaves it out, as here: `individual questions` does not include `key` questions.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  = weighted mean(individual questions: 0.8, summary question: 0.2)\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  key question 1.2k "Was the RoH classification correct?"\n'
         '  summary question 1.2s "Overall, was RoH assessment sufficient?"\n'),
      "Change the formula's selectors, roles or tags so that it selects the question, or "
      "delete the question.",
      ex('criterion 1.2 "Assessment of Risk of Harm"\n'
         '  = weighted mean(individual questions: 0.8, summary question: 0.2)\n'
         '  question 1.2a "Was a RoH screening completed?"\n'
         '  question 1.2k "Was the RoH classification correct?"\n'
         '  summary question 1.2s "Overall, was RoH assessment sufficient?"\n'), group=G)

# Codes that `critc score` reports about case records and inspection inputs, not `critc
# check`; listed briefly on the page until scoring is documented.
RECORDS = {
    "unknown-format": "the case file's extension is not .csv, .jsonl/.ndjson, .json, .xlsx "
                      "or .parquet",
    "empty-records": "the case file is empty, has no header row, or has a header but no cases "
                     "(for a workbook of several sheets, naming the other sheets)",
    "malformed-records": "the case file cannot be read as CSV, JSON, Excel or Parquet (for "
                         "example a CSV row with the wrong number of values)",
    "wrong-delimiter": "a CSV file separates its values with semicolons or tabs, not commas "
                       "(its header is one column holding every name)",
    "unknown-sheet": "`--sheet` (or `--inputs-sheet`) names a sheet the workbook does not "
                     "have; the message lists its sheets",
    "duplicate-column": "two columns of the case file have the same name",
    "cell-too-long": "a cell holds more than 64 KiB of text (usually a quote left open, so "
                     "that one cell runs on over many lines)",
    "too-many-columns": "the case file has more than 16,384 columns (as many as an Excel "
                        "sheet holds); it is refused before it is read into tables",
    "duplicate-key": "a JSON or JSON Lines object gives the same key twice",
    "formula-without-value": "an Excel cell holds a formula with no saved value (the workbook "
                             "was written by a program and never calculated)",
    "formula-cell": "Excel cells hold formulas; the values saved with them are read (warning)",
    "unsupported-column-type": "a Parquet or database column's type (a list, struct, map, "
                               "binary or interval) cannot hold one value per cell",
    "bad-database-url": "`--db URL` (or `critc.from_db`) is not a database URL, names no "
                        "SQLite file, or has a scheme no ADBC driver is known for",
    "missing-database-driver": "the ADBC driver for the URL's database is not installed "
                               "(`pip install 'critc[db]'` installs SQLite's and "
                               "PostgreSQL's)",
    "database-unreachable": "the database cannot be opened: the server refuses or cannot be "
                            "reached, the login fails, or the SQLite file does not exist (the "
                            "driver's message)",
    "missing-table": "`--table` names no table or view in the database (its tables are "
                     "listed)",
    "query-failed": "the database refused `--query` (or the table's rows could not be read); "
                    "the database's own message",
    "mixed-column-types": "a SQLite column holds both numbers with a fraction and text "
                          "(SQLite keeps each value's type); its numbers could not be read "
                          "exactly",
    "duplicate-inspection": "the inspection inputs file has two rows for one inspection",
    "missing-column": "a case field (not `optional`), question or inspection input has no "
                      "column",
    "unknown-column": "a column is neither a case field nor a question; it is ignored "
                      "(warning)",
    "invalid-value": "a cell holds a value its field's type or question's scale does not "
                     "allow (spelling must be exact; declare other spellings as aliases; "
                     "numbers and dates are written as [case records](case-records.md) "
                     "describe)",
    "blank-case-id": "cases with a blank case id",
    "duplicate-case-id": "the same case id on several rows",
    "applicable-left-blank": "a question applies to a case but its answer is blank; the case "
                             "is counted as missing",
    "answer-where-not-applicable": "a question is answered in a case it does not apply to; "
                                   "the answer is ignored",
    "missing-inputs": "an inspection has no row in the inspection inputs file; figures that "
                      "use the inputs are n/a (warning)",
    "unknown-inspection": "the inputs file has a row for an inspection with no cases "
                          "(warning)",
}

# Codes about a directory of versions of one framework (`critc check DIR`, `critc score DIR`);
# see docs/versions.md.
VERSIONS = {
    "no-versions": "the directory holds no `.crit` file with a `framework` header",
    "undated-version": "a framework file in a version directory has no `effective from` date",
    "not-a-version": "a `.crit` file in the directory has no `framework` header and no version "
                     "includes it (warning)",
    "overlapping-versions": "two versions are in force on the same days (`effective to` is "
                            "inclusive)",
    "version-gap": "no version is in force on some days between the first and the last "
                   "(warning)",
    "open-ended-version": "a version with no `to` date is not the latest",
    "versions-disagree": "versions mark different `inspection` or `inspection date` fields",
    "no-inspection-date": "no version marks a field `inspection date`",
    "version-name-differs": "versions have different framework names (warning)",
    "undated-inspection": "`critc score DIR`: an inspection has no date (blank in all its cases, "
                          "or no date in the inputs file)",
    "inconsistent-inspection-date": "`critc score DIR`: the cases of one inspection give "
                                    "different dates",
    "no-version-in-force": "`critc score DIR`: no version is in force on an inspection's date",
}

# Codes about test files (`critc test`); see docs/testing.md.
# Codes of `critc compile` targets other than Python.
COMPILE = {
    "sql-unsupported": "`critc compile --target sql` meets a plan step it cannot translate to "
                       "SQL; nothing is written (see [sql](sql.md))",
}

TESTS = {
    "test-yaml-syntax": "the test file is not valid YAML (the message says what: a tab, a line "
                        "indented differently from the lines before it, a `: ` in a value, an "
                        "unclosed bracket)",
    "test-empty": "the test file is empty",
    "test-bad-shape": "a value is of the wrong kind (a list where a mapping belongs, a YAML "
                      "tag), or `cases`/`inputs` is neither a file name nor written out",
    "test-missing-key": "no `framework`, no `tests`, a test with no `name`, or no `cases`",
    "test-unknown-key": "a key the test file format does not have (with a did-you-mean)",
    "test-duplicate-key": "the same key twice in one mapping (YAML would keep only the second)",
    "test-unknown-figure": "an expectation names no question, aggregate or band of the framework",
    "test-bad-value": "an expected value cannot be read, or cannot match (a score without `%`, "
                      "more decimals than the figure is shown with, a label the figure cannot "
                      "have, a band not attached to the figure)",
    "test-unknown-field": "an inline case or inspection input names no case field, question or "
                          "inspection input of the framework",
    "test-unknown-inspection": "the test names an inspection its cases do not hold, or the "
                               "cases form several inspections and the test names none",
}

# ----------------------------------------------------------------------------- running


def critc_check(folder: Path) -> str:
    cmd = [sys.executable, "-m", "critc.compiler", "check", "framework.crit"]
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", TERM="dumb")
    return subprocess.run(cmd, cwd=folder, capture_output=True, text=True, env=env).stdout


def run(example: dict, code: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        body = example["body"]
        if not example["whole"]:
            body = PREFIX + "\n" + body
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        (folder / "framework.crit").write_bytes(data)
        for name, content in example["files"].items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        if code == "unreadable-file":
            (folder / "secret.crit").chmod(0)
            if os.geteuid() == 0 and shutil.which("setpriv"):  # root reads anything otherwise
                cmd = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search",
                       sys.executable, "-m", "critc.compiler", "check", "framework.crit"]
                return subprocess.run(cmd, cwd=folder, capture_output=True, text=True).stdout
        return critc_check(folder)


def shown(example: dict) -> str:
    body = example["body"]
    if isinstance(body, bytes):
        return body.decode("cp1252")
    return body


# The functions that take a diagnostic code as their first argument: `error` and `warning`
# (dsl/diagnostics.py, and the checker's own `error`), `problem` (the test-file reader in
# compiler/testing.py) and `make` (compiler/validate.py: `error` or `warning` by
# strictness). A new helper that emits codes must be added here.
EMITTERS = ("error", "warning", "problem", "make")


def emitted_codes() -> set[str]:
    """Every code written as the first argument of a call to an emitter in dsl/ and
    compiler/."""
    codes = set()
    pattern = re.compile(r'(?:' + "|".join(EMITTERS) + r')\(\s*"([a-z0-9-]+)"')
    for folder in ("dsl", "compiler"):
        for path in (ROOT / folder).rglob("*.py"):
            codes.update(pattern.findall(path.read_text(encoding="utf-8")))
    return codes


def documented_codes() -> set[str]:
    """Every code this page documents: an entry of its own, or a row of a table."""
    return {e["code"] for e in ENTRIES} | set(RECORDS) | set(VERSIONS) | set(TESTS) | set(COMPILE)


def page() -> tuple[str, list[str]]:
    problems = []
    out = [HEADER.strip() + "\n"]
    groups: dict[str, list[dict]] = {}
    for e in ENTRIES:
        groups.setdefault(e["group"], []).append(e)
    out.append("## Index\n")
    for group, entries in groups.items():
        links = ", ".join(f"[`{e['code']}`](#{e['code']})" for e in entries)
        out.append(f"- **{group}**: {links}")
    out.append("- **Test files** (`critc test`): see [below](#test-files)")
    out.append("- **Case records** (from `critc score`): see [below](#case-records)")
    out.append("- **Version directories** (`critc check DIR`, `critc score DIR`): see "
               "[the last section](#version-directories)\n")
    out.append("The examples below that do not start with `framework` are added after this "
               "prefix, so line numbers in the output count from the top of the whole file:\n")
    out.append("```crit\n" + PREFIX + "```\n")
    for group, entries in groups.items():
        out.append(f"## {group}\n")
        for e in entries:
            out.append(f"### {e['code']}\n")
            out.append(f"*{e['severity'].capitalize()}.*\n")
            out.append(f"**What it means.** {e['what']}\n")
            out.append(f"**Why.** {e['why']}\n")
            out.append("**Example.**\n")
            for example in e["examples"]:
                text = run(example, e["code"])
                expected = "syntax-error" if e["code"] == "negative-weight" else e["code"]
                if f"[{expected}]" not in text:
                    problems.append(f"{e['code']}: example does not produce it:\n{text}")
                fence = "crit-bad"
                out.append(f"```{fence}\n{shown(example)}```\n")
                out.append("```console\n$ critc check framework.crit\n" + text + "```\n")
            out.append(f"**Fix.** {e['fix']}\n")
            if e["fixed"] is not None:
                text = run(e["fixed"], "")
                if "no problems found" not in text:
                    problems.append(f"{e['code']}: fixed example is not clean:\n{text}")
                out.append("```crit-part\n" + shown(e["fixed"]) + "```\n")
    out.append("## Case records\n")
    out.append("These codes are reported by `critc score`, `critc explain`, `critc test`, "
               "`critc coverage` and `critc diff` about case records and inspection inputs, "
               "not by `critc check`. Each names the file, row and column of the problem; "
               "`missing-column` and `invalid-value` also say which value or column was "
               "expected.\n")
    out.append("| Code | Meaning |\n|---|---|")
    for code, meaning in RECORDS.items():
        out.append(f"| `{code}` | {meaning} |")
    out.append("")
    out.append("## Version directories\n")
    out.append("These codes are about a directory of versions of one framework, each in force "
               "for a range of dates; see [versions](versions.md) for what each means and "
               "an example.\n")
    out.append("| Code | Meaning |\n|---|---|")
    for code, meaning in VERSIONS.items():
        out.append(f"| [`{code}`](versions.md#{code}) | {meaning} |")
    out.append("")
    out.append("## Compile targets\n")
    out.append("These codes are reported by `critc compile` for a target other than Python.\n")
    out.append("| Code | Meaning |\n|---|---|")
    for code, meaning in COMPILE.items():
        out.append(f"| `{code}` | {meaning} |")
    out.append("")
    out.append("## Test files\n")
    out.append("These codes are about test files (`*.test.yaml`), reported by `critc test`; "
               "see [testing](testing.md) for the format. Problems in the cases and inputs a "
               "test gives are reported with the case-record codes above, pointing at the "
               "line of the test file.\n")
    out.append("| Code | Meaning |\n|---|---|")
    for code, meaning in TESTS.items():
        out.append(f"| `{code}` | {meaning} |")
    out.append("")
    documented = documented_codes()
    emitted = emitted_codes()
    for code in sorted(emitted - documented):
        problems.append(f"{code}: emitted by the code but not documented")
    for code in sorted(documented - emitted):
        problems.append(f"{code}: documented but emitted nowhere in dsl/ or compiler/ (or "
                        "by a helper not in EMITTERS)")
    return "\n".join(out), problems


HEADER = """
# Diagnostics

`critc check` reports every problem it finds in a framework, each with a **code** in
brackets, the place, and usually a `help:` line:

```text
error[unknown-reference]: `rsh` is not defined
  --> framework.crit:15:18
   |
15 |     applies when rsh in {medium, high, very_high}
   |                  ^^^
  = help: did you mean `rosh`?
```

An **error** means the framework cannot be used as written: `critc check` exits with status
1, and `critc graph` and the scoring commands refuse it. A **warning** points at something
that is valid but probably not what was meant; the exit status stays 0. Several problems
are reported in one run; while a syntax error or an unreadable include stands, errors that
it may cause (such as unknown names) are held back.

A warning that is deliberate can be acknowledged where it arises with a comment
`# critc: allow CODE (reason)`, at the end of the line the warning points at or on a line of
its own just above it; `critc check` then leaves it out and says how many it allowed.
Errors cannot be allowed, and a directive that allows nothing is itself a warning
([`unused-allow`](#unused-allow), [`cannot-allow`](#cannot-allow)).

`critc check --format json` prints the same diagnostics as JSON, one object per diagnostic
with its `code`, `severity`, `message`, `span`, `hint` and `labels`.

This page has one entry per code: what it means, why it matters, an example with the exact
output of `critc check`, and how to fix it. It is generated by
`docs/tools/gen_diagnostics.py`, which runs every example.
"""


def main(argv: list[str]) -> int:
    text, problems = page()
    for problem in problems:
        print(problem, file=sys.stderr)
    if "--check" in argv:
        same = PAGE.exists() and PAGE.read_text(encoding="utf-8") == text
        if not same:
            print("docs/diagnostics.md is out of date; run docs/tools/gen_diagnostics.py",
                  file=sys.stderr)
        return 0 if same and not problems else 1
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}: {len(ENTRIES)} codes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
