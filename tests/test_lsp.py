"""`critc lsp` end to end: a real server process, spoken to over the protocol (pytest-lsp).

Each test works on a copy of rules/omi-2012 and the shared file it includes, in tmp_path.
The tests share one server process (starting one takes a second or two of imports); each
test's documents are closed after it, so the next starts from a server with none open."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest
import pytest_asyncio
from critc.compiler.check.passes import check_file

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types as lsp  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SERVER = [sys.executable, "-m", "critc.compiler.lsp"]
OPENED: list[str] = []  # the documents the running test opened

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module",
                    loop_scope="module")
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), initialization_options={"debounce": 50}))
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(autouse=True, loop_scope="module")
async def close_documents(client: LanguageClient):
    """After each test, close what it opened (the server then checks nothing of it)."""
    yield
    for opened in dict.fromkeys(OPENED):
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(
            text_document=lsp.TextDocumentIdentifier(uri=opened)))
    OPENED.clear()


@pytest.fixture
def framework(tmp_path: Path) -> Path:
    """A copy of omi-2012 with its include, laid out as in rules/."""
    (tmp_path / "omi-2012").mkdir()
    (tmp_path / "shared").mkdir()
    shutil.copy(REPO / "rules/shared/probation-cases.crit", tmp_path / "shared")
    target = tmp_path / "omi-2012" / "omi-2012.crit"
    shutil.copy(REPO / "rules/omi-2012/omi-2012.crit", target)
    return target


def uri(path: Path) -> str:
    return from_fs_path(str(path))


async def diagnostics_for(client: LanguageClient, target: str, version: int | None = None,
                          timeout: float = 20) -> list[lsp.Diagnostic]:
    """The diagnostics published for `target` (for `version` or later, when given)."""
    async def wait() -> list[lsp.Diagnostic]:
        while True:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if target in client.diagnostics and (version is None or target in seen_after):
                return client.diagnostics[target]

    seen_after: set[str] = set()
    if version is not None:
        client.diagnostics.pop(target, None)
        seen_after.add(target)
    return await asyncio.wait_for(wait(), timeout)


async def open_file(client: LanguageClient, path: Path, text: str | None = None
                    ) -> list[lsp.Diagnostic]:
    client.diagnostics.pop(uri(path), None)
    OPENED.append(uri(path))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri(path), language_id="crit", version=1,
        text=path.read_text("utf-8") if text is None else text)))
    return await diagnostics_for(client, uri(path))


def position_of(text: str, needle: str, offset: int = 0) -> lsp.Position:
    """The position of `needle` (plus `offset` characters) in `text` (ASCII before it)."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return lsp.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply text edits (ASCII text: UTF-16 units are characters here), last first."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(p: lsp.Position) -> int:
        return min(starts[min(p.line, len(lines))] + p.character, len(text))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


async def test_a_clean_framework_gets_no_diagnostics(client: LanguageClient, framework: Path):
    assert await open_file(client, framework) == []


async def test_a_typo_as_you_type_gets_a_located_diagnostic_with_help(client: LanguageClient,
                                                                      framework: Path):
    text = framework.read_text("utf-8")
    await open_file(client, framework)
    typo = text.replace("applies when court_report != none", "applies when court_reprt != none",
                        1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri(framework), version=2),
        content_changes=[lsp.TextDocumentContentChangeEvent_Type2(text=typo)]))
    found = await diagnostics_for(client, uri(framework), version=2)
    assert [d.code for d in found] == ["unknown-reference"]
    start = position_of(typo, "court_reprt")
    assert found[0].range == lsp.Range(
        start=start, end=lsp.Position(line=start.line, character=start.character + 11))
    assert found[0].severity == lsp.DiagnosticSeverity.Error
    assert "help: did you mean `court_report`?" in found[0].message
    assert found[0].code_description.href.endswith("diagnostics.md#unknown-reference")


async def test_an_unsaved_edit_to_an_included_file_reaches_the_including_file(
        client: LanguageClient, framework: Path):
    """The includer is re-checked with the include's buffer, not the file on disk."""
    shared = framework.parent.parent / "shared" / "probation-cases.crit"
    assert await open_file(client, framework) == []
    text = shared.read_text("utf-8")
    await open_file(client, shared)
    renamed = text.replace('  rosh "OASys', '  rosh_level "OASys', 1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri(shared), version=2),
        content_changes=[lsp.TextDocumentContentChangeEvent_Type2(text=renamed)]))
    found: list[lsp.Diagnostic] = []
    while not found:  # the includer's clean diagnostics from opening `shared` may come first
        found = await diagnostics_for(client, uri(framework), version=2, timeout=5)
    assert {d.code for d in found} == {"unknown-reference"}
    assert all("`rosh`" in d.message for d in found)
    assert shared.read_text("utf-8") == text  # nothing was saved


async def test_a_did_you_mean_code_action_gives_a_file_that_checks_clean(
        client: LanguageClient, framework: Path):
    typo = framework.read_text("utf-8").replace("applies when court_report != none",
                                                "applies when court_reprt != none", 1)
    found = await open_file(client, framework, typo)
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework)), range=found[0].range,
        context=lsp.CodeActionContext(diagnostics=found)))
    [fix] = [a for a in actions if a.is_preferred]
    assert fix.title == "Replace `court_reprt` with `court_report`"
    fixed = apply_edits(typo, fix.edit.changes[uri(framework)])
    framework.write_text(fixed, "utf-8")
    assert check_file(framework).diagnostics == ()


async def test_acknowledging_a_warning_gives_a_file_that_checks_clean(client: LanguageClient,
                                                                      framework: Path):
    text = framework.read_text("utf-8") + (
        '\nband unused "Never applied"\n  50% and above: "high"\n  otherwise: "low"\n')
    found = await open_file(client, framework, text)
    assert [d.code for d in found] == ["unused-band"]
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework)), range=found[0].range,
        context=lsp.CodeActionContext(diagnostics=found)))
    [allow] = actions
    fixed = apply_edits(text, allow.edit.changes[uri(framework)])
    assert "# critc: allow unused-band (reason)\nband unused" in fixed
    framework.write_text(fixed, "utf-8")
    assert check_file(framework).diagnostics == ()


async def test_hover_on_a_question_shows_wording_applicability_and_what_it_feeds(
        client: LanguageClient, framework: Path):
    text = framework.read_text("utf-8")
    await open_file(client, framework)
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework)),
        position=position_of(text, "question 1.1-07", 10)))
    value = result.contents.value
    assert "**question 1.1-07**" in value
    assert "Was the report based on the required RoH assessment?" in value
    assert "Applies to: court_report != none" in value
    assert "`roh`" in value
    assert "Feeds section 1, criterion 1.1, headline roh" in value


async def test_hover_on_a_field_and_on_a_band(client: LanguageClient, framework: Path):
    text = framework.read_text("utf-8")
    await open_file(client, framework)
    field = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework)),
        position=position_of(text, "court_report != none", 2)))
    assert "**case field court_report**" in field.contents.value
    assert "Values: " in field.contents.value
    band = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework)),
        position=position_of(text, "band improvement", 6)))
    assert "| when | gives |" in band.contents.value


async def test_definition_across_an_include(client: LanguageClient, framework: Path):
    text = framework.read_text("utf-8")
    await open_file(client, framework)
    shared = framework.parent.parent / "shared" / "probation-cases.crit"
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework)),
        position=position_of(text, "rosh in {", 1)))
    shared_text = shared.read_text("utf-8")
    start = position_of(shared_text, "  rosh \"", 2)
    assert found == [lsp.Location(uri=uri(shared), range=lsp.Range(
        start=start, end=lsp.Position(line=start.line, character=start.character + 4)))]


async def test_references_and_rename_of_a_tag(client: LanguageClient, framework: Path):
    text = framework.read_text("utf-8")
    await open_file(client, framework)
    where = lsp.TextDocumentIdentifier(uri=uri(framework))
    at = position_of(text, "tagged ce", 7)
    refs = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=where, position=at, context=lsp.ReferenceContext(
            include_declaration=True)))
    expected = text.count(" tags ce") + 1  # every `tags ce` and the `tagged ce`
    assert len(refs) == expected
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=where, position=at, new_name="compliance"))
    renamed = apply_edits(text, edit.changes[uri(framework)])
    assert " tags ce" not in renamed and "tagged compliance" in renamed
    framework.write_text(renamed, "utf-8")
    assert check_file(framework).diagnostics == ()


async def test_rename_of_a_field_edits_every_file_and_refuses_a_taken_name(
        client: LanguageClient, framework: Path):
    text = framework.read_text("utf-8")
    await open_file(client, framework)
    where = lsp.TextDocumentIdentifier(uri=uri(framework))
    at = position_of(text, "rosh in {", 1)
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=where, position=at, new_name="risk_of_harm"))
    shared = framework.parent.parent / "shared" / "probation-cases.crit"
    assert set(edit.changes) == {uri(framework), uri(shared)}
    for path in (framework, shared):
        path.write_text(apply_edits(path.read_text("utf-8"), edit.changes[uri(path)]), "utf-8")
    assert check_file(framework).diagnostics == ()
    with pytest.raises(Exception, match="already the name"):
        await client.text_document_rename_async(lsp.RenameParams(
            text_document=where, position=at, new_name="tier"))


async def test_completion_of_enum_values_ids_and_fields(client: LanguageClient,
                                                       framework: Path):
    text = framework.read_text("utf-8")
    await open_file(client, framework)
    where = lsp.TextDocumentIdentifier(uri=uri(framework))

    async def labels(position: lsp.Position) -> list[str]:
        found = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=where, position=position))
        return [item.label for item in found.items]

    assert await labels(position_of(text, "rosh in {", 9)) == [
        "low", "medium", "high", "very_high"]
    ids = await labels(position_of(text, "criterion 1.1 ", 10))
    assert "1.1" in ids and "1.2" in ids and "1.1-01" not in ids
    anywhere = await labels(lsp.Position(line=position_of(text, "court_report != none").line,
                                         character=19))
    assert "court_report" in anywhere and "applies" in anywhere


async def test_document_symbols_nest_sections_criteria_and_questions(client: LanguageClient,
                                                                     framework: Path):
    await open_file(client, framework)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework))))
    names = [s.name for s in symbols]
    assert names[0] == "Offender Management Inspection (OMI2)"
    section = symbols[names.index("section 1")]
    criterion = section.children[0]
    assert criterion.name == "criterion 1.1"
    assert criterion.children[0].name == "question 1.1-01"
    assert criterion.children[0].detail == "Was the report of the appropriate type?"


async def test_formatting_gives_the_canonical_form(client: LanguageClient, framework: Path):
    text = framework.read_text("utf-8")
    messy = text.replace('section 1 "Assessment', 'section   1   "Assessment', 1)
    await open_file(client, framework, messy)
    edits = await client.text_document_formatting_async(lsp.DocumentFormattingParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework)),
        options=lsp.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert apply_edits(messy, edits) == text


async def test_non_ascii_and_crlf_give_utf16_ranges(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "emoji.crit"
    text = ('framework "Façade 🏠" version "1"\r\n\r\ncase fields\r\n'
            '  size "Größe 🏠": one of {small, large}\r\n\r\n'
            'scale yes_no\r\n  yes above the line\r\n  no\r\n\r\n'
            'criterion 1 "Crit 🏠" = pooled over its questions\r\n'
            '  question 1a "Ça 🏠?" on yes_no\r\n'
            '    applies when size = "🏠" or sze in {small}\r\n')
    found = await open_file(client, path, text)
    [typo] = [d for d in found if d.code == "unknown-reference"]
    line = '    applies when size = "🏠" or sze in {small}'
    before = line[: line.index("sze")]
    character = len(before.encode("utf-16-le")) // 2  # the emoji counts two units
    assert character == len(before) + 1
    assert typo.range == lsp.Range(start=lsp.Position(line=11, character=character),
                                   end=lsp.Position(line=11, character=character + 3))


async def test_semantic_tokens_type_names_by_kind_and_mark_keywords_strings_and_comments(
        client: LanguageClient, framework: Path):
    text = framework.read_text("utf-8")
    await open_file(client, framework)
    result = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(framework))))
    legend = ["keyword", "string", "number", "comment", "variable", "function", "property",
              "type", "enum", "decorator"]
    found, line, start = {}, 0, 0
    data = result.data
    for i in range(0, len(data), 5):
        line, start = line + data[i], (start + data[i + 1]) if data[i] == 0 else data[i + 1]
        found[(line, start)] = (data[i + 2], legend[data[i + 3]])
    lines = text.split("\n")

    def token(needle: str, offset: int = 0) -> tuple[str, str]:
        p = position_of(text, needle, offset)
        length, kind = found[(p.line, p.character)]
        return lines[p.line][p.character:p.character + length], kind

    assert token("framework ") == ("framework", "keyword")
    assert token("applies when court_report", 13) == ("court_report", "property")
    assert token('question 2.2-05', 9) == ("2.2-05", "variable")
    assert token('question 2.2-05 "', 16)[1] == "string"
    comment = next(i for i, t in enumerate(lines) if t.lstrip().startswith("#"))
    assert found[(comment, lines[comment].index("#"))][1] == "comment"


async def fixes_for(client: LanguageClient, path: Path, found: list[lsp.Diagnostic]
                    ) -> list[lsp.CodeAction]:
    return await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(path)), range=found[0].range,
        context=lsp.CodeActionContext(diagnostics=found)))


async def test_quoting_an_unquoted_wording_gives_a_file_that_checks_clean(
        client: LanguageClient, framework: Path):
    wording = "Was the probation contribution to child protection procedures effective?"
    text = framework.read_text("utf-8").replace(f'"{wording}"', wording, 1)
    found = await open_file(client, framework, text)
    assert [d.code for d in found] == ["syntax-error"]
    [fix] = [a for a in await fixes_for(client, framework, found) if a.is_preferred]
    assert fix.title == f"Put `{wording}` in double quotes"
    framework.write_text(apply_edits(text, fix.edit.changes[uri(framework)]), "utf-8")
    assert check_file(framework).diagnostics == ()


async def test_adding_an_otherwise_row_removes_the_gap_below_a_text_band(
        client: LanguageClient, framework: Path):
    text = framework.read_text("utf-8").replace(
        "# critc: allow threshold-gap (no published cut below 71% to label: see "
        "rules/README.md)\n", "", 1)
    found = await open_file(client, framework, text)
    assert [d.code for d in found] == ["threshold-gap"]
    [fix] = [a for a in await fixes_for(client, framework, found) if a.is_preferred]
    assert fix.title == "Add an `otherwise` row"
    fixed = apply_edits(text, fix.edit.changes[uri(framework)])
    assert ('71% to 79%: "MODERATE improvement required."  # [I] observed 71 (1.4) and 78 '
            '(2.2); 79 follows the 80 cut\n  otherwise: "(write the label)"\n') in fixed
    framework.write_text(fixed, "utf-8")
    assert check_file(framework).diagnostics == ()


RATED = '''framework "Rated" version "1"

scale yes_no
  yes above the line
  no

rating scale grade "Grade"
  outstanding "Outstanding"
  good "Good"
  inadequate "Inadequate"

criterion 1 "One" = pooled over its questions
  question 1a "First?" on yes_no
  question 1b "Second?" on yes_no

band grading "Grade from the score"
  on criterion 1
  gives grade
  80% and above: outstanding
  60% to 79%: good
'''


async def test_adding_an_otherwise_row_to_a_rating_band_offers_its_scale_s_levels(
        client: LanguageClient, tmp_path: Path):
    path = tmp_path / "rated.crit"
    found = await open_file(client, path, RATED)
    assert [d.code for d in found] == ["threshold-gap"]
    offered = [a for a in await fixes_for(client, path, found) if "otherwise" in a.title]
    assert [a.title for a in offered] == [
        "Add an `otherwise` row giving `inadequate`", "Add an `otherwise` row giving "
        "`outstanding`", "Add an `otherwise` row giving `good`"]
    assert [a.is_preferred for a in offered] == [True, False, False]
    fixed = apply_edits(RATED, offered[0].edit.changes[uri(path)])
    assert fixed == RATED + "  otherwise: inadequate\n"
    path.write_text(fixed, "utf-8")
    assert check_file(path).diagnostics == ()


async def test_quoting_an_unquoted_band_label_gives_a_file_that_checks_clean(
        client: LanguageClient, tmp_path: Path):
    """One word (`unquoted-label`) and several (a syntax error) are both put in quotes."""
    path = tmp_path / "labels.crit"
    clean = RATED.replace("  gives grade\n", "").replace(": outstanding", ': "Very good"') \
        .replace(": good", ': "Fair"') + '  otherwise: "Poor"\n'
    for unquoted, code in (('"Fair"', "unquoted-label"), ('"Very good"', "syntax-error")):
        text = clean.replace(unquoted, unquoted.strip('"'))
        found = await open_file(client, path, text)
        assert [d.code for d in found] == [code]
        [fix] = [a for a in await fixes_for(client, path, found) if a.is_preferred]
        assert fix.title == f"Put `{unquoted.strip(chr(34))}` in double quotes"
        assert apply_edits(text, fix.edit.changes[uri(path)]) == clean
    path.write_text(clean, "utf-8")
    assert check_file(path).diagnostics == ()


ACROSS = '''framework "Across" version "1"

scale s
  yes "Yes" above the line
  no "No"

case fields
  insp "Inspection": text, inspection

criterion 1 "Criterion" = mean of its questions
  question 1a "First?"
  question 1b "Second?"

across inspections
  criterion 1-mean "Mean of the inspections" = mean of criterion 1 across inspections
  criterion 1-kept = mean of criterion 1 across inspections skipping undefined
  criterion 1-pooled "All cases" = pooled over criterion 1 across inspections
  score 1-low = min of criterion 1 across inspections
  score 1-range = max of criterion 1 across inspections - score 1-low
'''


@pytest.fixture
def across(tmp_path: Path) -> Path:
    """A framework with an `across inspections` block."""
    target = tmp_path / "across.crit"
    target.write_text(ACROSS, "utf-8")
    assert check_file(target).diagnostics == ()
    return target


async def test_the_outline_shows_the_across_inspections_block_and_its_figures(
        client: LanguageClient, across: Path):
    await open_file(client, across)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(across))))
    block = symbols[[s.name for s in symbols].index("across inspections")]
    assert block.kind == lsp.SymbolKind.Namespace and block.detail == "5 figures"
    assert [c.name for c in block.children or []] == [
        "criterion 1-mean", "criterion 1-kept", "criterion 1-pooled", "score 1-low",
        "score 1-range"]
    assert block.children and block.children[0].detail == "Mean of the inspections"
    folds = await client.text_document_folding_range_async(lsp.FoldingRangeParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(across))))
    start = position_of(ACROSS, "across inspections\n").line
    assert any(f.start_line == start and f.end_line == start + 5 for f in folds)


async def test_hover_on_a_figure_across_inspections(client: LanguageClient, across: Path):
    await open_file(client, across)
    where = lsp.TextDocumentIdentifier(uri=uri(across))
    own = await client.text_document_hover_async(lsp.HoverParams(
        text_document=where, position=position_of(ACROSS, "criterion 1-pooled", 11)))
    value = own.contents.value
    assert value.startswith("**criterion 1-pooled** — All cases")
    assert "*Across inspections*: computed once over every inspection" in value
    assert "In words: criterion 1 (Criterion) computed over the cases of every inspection " \
           "together." in value
    assert "= pooled over criterion 1 across inspections" in value
    assert "Depends on:\n- criterion 1" in value
    used = await client.text_document_hover_async(lsp.HoverParams(
        text_document=where, position=position_of(ACROSS, "- score 1-low", 9)))
    assert "**score 1-low**" in used.contents.value
    assert "Feeds score 1-range" in used.contents.value
    combined = await client.text_document_hover_async(lsp.HoverParams(
        text_document=where, position=position_of(ACROSS, "min of criterion 1 ", 17)))
    assert combined.contents.value.startswith("**criterion 1** — Criterion")
    assert "criterion 1-mean" in combined.contents.value  # what it feeds


async def test_definition_references_and_rename_inside_the_block(client: LanguageClient,
                                                                across: Path):
    await open_file(client, across)
    where = lsp.TextDocumentIdentifier(uri=uri(across))
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=where, position=position_of(ACROSS, "max of criterion 1 ", 17)))
    declared = position_of(ACROSS, "criterion 1 \"Criterion\"", 10)
    assert [f.range.start for f in found] == [declared]
    low = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=where, position=position_of(ACROSS, "- score 1-low", 9)))
    assert [f.range.start for f in low] == [position_of(ACROSS, "score 1-low =", 6)]
    refs = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=where, position=declared,
        context=lsp.ReferenceContext(include_declaration=False)))
    assert len(refs) == 5  # one in each figure across inspections
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=where, position=declared, new_name="c1"))
    renamed = apply_edits(ACROSS, edit.changes[uri(across)])
    assert renamed.count("of criterion c1 across inspections") == 4
    assert "pooled over criterion c1 across" in renamed and "criterion 1-mean" in renamed
    across.write_text(renamed, "utf-8")
    assert check_file(across).diagnostics == ()
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=where, position=position_of(ACROSS, "score 1-low =", 6),
        new_name="lowest"))
    renamed = apply_edits(ACROSS, edit.changes[uri(across)])
    assert "score lowest = min" in renamed and "- score lowest\n" in renamed


async def test_completion_inside_the_across_inspections_block(client: LanguageClient,
                                                              across: Path):
    await open_file(client, across)
    where = lsp.TextDocumentIdentifier(uri=uri(across))

    async def labels(needle: str, offset: int) -> list[str]:
        found = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=where, position=position_of(ACROSS, needle, offset)))
        return [item.label for item in found.items]

    start = await labels('"All cases" = pooled', 14)  # after `= `
    assert start[:6] == ["mean of", "pooled over", "min of", "max of", "sum of", "count of"]
    assert "1-mean" in start
    assert await labels("1-kept = mean of criterion 1 across", 29) == ["across inspections"]
    assert await labels("1-kept = mean of criterion 1 across inspections skipping", 48) == \
        ["skipping undefined"]
    ids = await labels("1-low = min of criterion 1", 25)  # after `min of criterion `
    assert ids == ["1"]  # a figure of each inspection, not one across them
    outside = await labels('criterion 1 "Criterion" = mean', 26)
    assert "mean of" not in outside and "across inspections" in outside


async def test_semantic_tokens_in_the_across_inspections_block(client: LanguageClient,
                                                               across: Path):
    await open_file(client, across)
    result = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(across))))
    legend = ["keyword", "string", "number", "comment", "variable", "function", "property",
              "type", "enum", "decorator"]
    found, line, start = {}, 0, 0
    data = result.data
    for i in range(0, len(data), 5):
        line, start = line + data[i], (start + data[i + 1]) if data[i] == 0 else data[i + 1]
        found[(line, start)] = legend[data[i + 3]]

    def kind(needle: str, offset: int = 0) -> str:
        p = position_of(ACROSS, needle, offset)
        return found[(p.line, p.character)]

    assert kind("across inspections\n") == "keyword"
    assert kind("across inspections\n", 7) == "keyword"
    assert kind("criterion 1-mean", 10) == "function"  # its own id
    assert kind("min of criterion 1 ", 17) == "function"  # the figure it combines
    assert kind("- score 1-low", 8) == "function"
    assert kind("skipping undefined") == "keyword" and kind("pooled over") == "keyword"
