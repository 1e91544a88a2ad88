"""The language server: open documents are checked as framework roots (debounced on
change), and each request is answered from the latest analysis of its document."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from critc.compiler import __version__
from critc.compiler.lsp import actions, complete, outline, tokens
from critc.compiler.lsp.analysis import Analysis, uri_of
from critc.compiler.lsp.diagnostics import to_lsp
from critc.compiler.lsp.hover import hover_text
from critc.compiler.lsp.index import Occurrence, Symbol
from critc.compiler.lsp.positions import Lines
from critc.dsl import parse
from critc.dsl.parser import ParseCache
from critc.dsl.printer import format_module
from lsprotocol import types as lsp
from pygls.server import LanguageServer
from pygls.uris import to_fs_path

DEBOUNCE = 0.2  # seconds of quiet typing before a document is checked again
NEW_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[A-Za-z0-9_]+(?:[.\-][A-Za-z0-9_]+)*")


class CritServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE):
        super().__init__("critc", __version__)
        self.debounce = debounce
        self.analyses: dict[str, Analysis] = {}  # by document URI: every open document
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: set[str] = set()
        self.docs_base: str | None = None
        self.parses = ParseCache()  # every file's and item's last parse, kept between checks

    # ------------------------------------------------------------------ analyses
    def analyse(self, uri: str) -> None:
        """Check `uri` now, and the open documents that include it, and publish."""
        timer = self.pending.pop(uri, None)
        if timer is not None:
            timer.cancel()
        document = self.workspace.get_text_document(uri)
        overlay = self.overlay()
        changed = Analysis(uri, document.source, overlay, self.parses)
        self.analyses[uri] = changed
        for other, analysis in list(self.analyses.items()):
            if other != uri and analysis.holds(changed.path):
                self.analyses[other] = Analysis(other, analysis.text, overlay, self.parses)
        self.publish()

    def overlay(self) -> dict[Path, str]:
        """The open documents' texts by resolved path: includes are read from the buffers."""
        texts = {}
        for uri, document in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path:
                texts[Path(path).resolve()] = document.source
        return texts

    def schedule(self, uri: str) -> None:
        timer = self.pending.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if self.debounce <= 0:
            self.analyse(uri)
        else:
            self.pending[uri] = asyncio.get_running_loop().call_later(
                self.debounce, self.analyse, uri)

    def analysis(self, uri: str) -> Analysis:
        """The document's analysis, brought up to date first if a check is pending."""
        if uri in self.pending or uri not in self.analyses:
            self.analyse(uri)
        return self.analyses[uri]

    def related(self, analysis: Analysis) -> list[Analysis]:
        """This analysis and every other whose framework holds this document."""
        return [analysis] + [a for a in self.analyses.values()
                             if a is not analysis and a.holds(analysis.path)]

    def close(self, uri: str) -> None:
        timer = self.pending.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.analyses.pop(uri, None)
        self.publish()

    def publish(self) -> None:
        """Each file's diagnostics: from every open framework that holds it, without repeats."""
        found: dict[str, dict[tuple, lsp.Diagnostic]] = {}
        for analysis in self.analyses.values():
            for path in analysis.files:
                found.setdefault(uri_of(path), {})
            for diagnostic in analysis.result.diagnostics:
                path = diagnostic.span.path if diagnostic.span else analysis.path
                converted = to_lsp(diagnostic, analysis.lines, analysis.location, self.docs_base)
                key = (converted.range.start.line, converted.range.start.character,
                       converted.range.end.line, converted.range.end.character,
                       converted.code, converted.message)
                found.setdefault(uri_of(path), {})[key] = converted
        for uri in self.published - set(found):
            self.publish_diagnostics(uri, [])
        for uri, diagnostics in found.items():
            self.publish_diagnostics(uri, list(diagnostics.values()))
        self.published = set(found)

    # ------------------------------------------------------------------ navigation
    def symbol_at(self, uri: str, position: lsp.Position
                  ) -> tuple[Analysis, Occurrence] | None:
        analysis = self.analysis(uri)
        occurrence = analysis.occurrence_at(position)
        return (analysis, occurrence) if occurrence is not None else None

    def occurrences(self, analysis: Analysis, symbol: Symbol) -> list[tuple[Analysis,
                                                                            Occurrence]]:
        """Every occurrence of `symbol` in the frameworks that hold this document, once."""
        seen, out = set(), []
        for each in self.related(analysis):
            for occ in each.index.of(symbol):
                if occ.span not in seen:
                    seen.add(occ.span)
                    out.append((each, occ))
        return out

    def taken(self, analysis: Analysis, symbol: Symbol, name: str) -> bool:
        namespace = symbol[0]
        for each in self.related(analysis):
            fw, graph = each.result.framework, each.result.dependencies
            if name in each.index.names(namespace):
                return True
            if namespace == "item" and graph is not None and name in graph:
                return True
            if fw is not None and ((namespace == "scale" and name in fw.scales) or
                                   (namespace == "rating" and name in fw.rating_scales)):
                return True
        return False


server = CritServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: CritServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options if isinstance(params.initialization_options,
                                                          dict) else {}
    if isinstance(options.get("debounce"), (int, float)):
        ls.debounce = float(options["debounce"]) / 1000
    if isinstance(options.get("docsUrl"), str):
        ls.docs_base = options["docsUrl"]


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CritServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.analyse(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CritServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CritServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.analyse(params.text_document.uri)  # the frameworks that include it read it again


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CritServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.close(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: CritServer, params: lsp.HoverParams) -> lsp.Hover | None:
    found = ls.symbol_at(params.text_document.uri, params.position)
    if found is None:
        return None
    analysis, occurrence = found
    text = hover_text(analysis.result, occurrence.symbol)
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
                     range=analysis.lines(occurrence.span.path).range(occurrence.span))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: CritServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
    found = ls.symbol_at(params.text_document.uri, params.position)
    if found is None:
        return []
    analysis, occurrence = found
    return [each.location(occ.span) for each, occ in ls.occurrences(analysis, occurrence.symbol)
            if occ.definition]


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: CritServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    found = ls.symbol_at(params.text_document.uri, params.position)
    if found is None:
        return []
    analysis, occurrence = found
    declaration = params.context.include_declaration
    return [each.location(occ.span) for each, occ in ls.occurrences(analysis, occurrence.symbol)
            if declaration or not occ.definition]


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: CritServer, params: lsp.PrepareRenameParams) -> lsp.Range | None:
    found = ls.symbol_at(params.text_document.uri, params.position)
    if found is None:
        return None
    analysis, occurrence = found
    return analysis.lines(occurrence.span.path).range(occurrence.span)


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
def rename(ls: CritServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    found = ls.symbol_at(params.text_document.uri, params.position)
    if found is None:
        return None
    analysis, occurrence = found
    new = params.new_name
    if not NEW_NAME.fullmatch(new) or (occurrence.symbol[0] != "item"
                                       and not re.fullmatch(r"[A-Za-z_]\w*", new)):
        raise ValueError(f"`{new}` is not a name critc can read")
    if new != occurrence.symbol[1] and ls.taken(analysis, occurrence.symbol, new):
        raise ValueError(f"`{new}` is already the name of something in this framework")
    changes: dict[str, list[lsp.TextEdit]] = {}
    for each, occ in ls.occurrences(analysis, occurrence.symbol):
        edit = lsp.TextEdit(range=each.lines(occ.span.path).range(occ.span), new_text=new)
        changes.setdefault(uri_of(occ.span.path), []).append(edit)
    return lsp.WorkspaceEdit(changes=changes)


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: CritServer, params: lsp.DocumentSymbolParams
                    ) -> list[lsp.DocumentSymbol]:
    analysis = ls.analysis(params.text_document.uri)
    module = next((m for m in analysis.result.program.modules if m.path == analysis.path), None)
    return outline.document_symbols(module, analysis.lines(analysis.path)) if module else []


@server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_range(ls: CritServer, params: lsp.FoldingRangeParams) -> list[lsp.FoldingRange]:
    analysis = ls.analysis(params.text_document.uri)
    module = next((m for m in analysis.result.program.modules if m.path == analysis.path), None)
    return outline.folding_ranges(module, analysis.lines(analysis.path)) if module else []


@server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
                lsp.SemanticTokensLegend(token_types=tokens.TOKEN_TYPES, token_modifiers=[]))
def semantic_tokens(ls: CritServer, params: lsp.SemanticTokensParams) -> lsp.SemanticTokens:
    analysis = ls.analysis(params.text_document.uri)
    found = tokens.file_tokens(analysis.result, analysis.index, analysis.path)
    return lsp.SemanticTokens(data=tokens.encode(found, analysis.lines(analysis.path)))


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=["{", ","]))
def completion(ls: CritServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    analysis = ls.analyses.get(uri) or ls.analysis(uri)  # a slightly old model will do
    lines = Lines(document.source)
    line, col = lines.column(params.position)
    before = lines.line(line)[: col - 1]
    tags = {name for each in ls.related(analysis) for name in each.index.names("tag")}
    across = complete.in_across_block(lines.lines[:line - 1] + [before])
    items = complete.completions(analysis.result.framework, before, tags, across)
    return lsp.CompletionList(is_incomplete=False, items=items)


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: CritServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
    """`critc fmt` on the buffer: nothing while the file has a syntax error."""
    uri = params.text_document.uri
    original = ls.workspace.get_text_document(uri).source
    analysis = ls.analysis(uri)
    result = parse(original, analysis.path)
    if any(d.is_error for d in result.diagnostics) or not result.module.items:
        return []
    text = format_module(result.module, result.comments, original)
    if text == original:
        return []
    lines = analysis.lines(analysis.path)
    end = lsp.Position(line=len(lines.lines), character=0)
    return [lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=0, character=0), end=end),
                         new_text=text)]


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: CritServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    analysis = ls.analysis(uri)
    return actions.code_actions(uri, analysis.lines(analysis.path), params.context.diagnostics,
                                analysis.result.framework)


def serve() -> int:
    """Run the server over stdin and stdout until the client says exit."""
    server.start_io()
    return 0
