"""The first `critc score` reads well in an 80-column terminal (issue 12, item 5): one line
per question (its id and wording, cut with `…`), nothing wider than the terminal."""

from __future__ import annotations

from critc.compiler.cli.main import main

DEMO = ["examples/demo/framework.crit", "examples/demo/cases.csv", "--inputs",
        "examples/demo/inputs.csv"]


def demo_table(monkeypatch, capsys, *options: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["score", *DEMO, *options]) == 0
    return capsys.readouterr().out.split("\n")


def test_the_demo_table_fits_80_columns_one_line_per_question(in_repo, monkeypatch, capsys):
    lines = demo_table(monkeypatch, capsys)
    assert max(len(line) for line in lines) <= 80
    first = lines[:lines.index("")]
    rows = [line for line in first if line.startswith("│")]
    question = next(line for line in rows if "1.1a" in line)
    assert question.startswith("│     1.1a  Was the report of")  # id and wording, compact
    assert "…" in question or "appropriate type?" in question
    # a question's row is never followed by a continuation row
    at = rows.index(question)
    assert rows[at + 1].split("│")[1].strip().startswith("1.1b")
    assert len(lines) < 400  # was 577 lines of wrapped wording


def test_hide_questions_shows_aggregates_only(in_repo, monkeypatch, capsys):
    lines = demo_table(monkeypatch, capsys, "--hide-questions")
    text = "\n".join(lines)
    assert "criterion 1.1  Preparing" in text and "1.1a" not in text
