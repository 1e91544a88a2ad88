"""`critc explain FILE|DIR CASES FIGURE`: how a figure was formed, down to the cases; also
an inspection input, a band or a rating scale. With a directory of versions, the version
in force on the inspection's date explains it."""

from __future__ import annotations

import argparse
import json
import os

from critc.compiler.api.explanation import Explanation
from critc.compiler.api.scores import Scores
from critc.compiler.check.declare import did_you_mean
from critc.compiler.cli.cases import case_arguments, open_scores, score_version_directory
from critc.compiler.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    checked,
    write_output,
)
from critc.compiler.regress.versions import VersionSet
from critc.compiler.report.explain_lines import Line
from rich.console import Console

SHOWN_WITHOUT_ASKING = 3  # up to this many inspections are explained without --inspection


class FigureAnywhere(argparse.ArgumentParser):
    """Reads options and positionals intermixed, so that FIGURE may follow `--inputs FILE`
    (argparse otherwise takes the optional FIGURE as left out when an option comes first)."""

    intermixing = False

    def parse_known_args(self, args=None, namespace=None):
        if self.intermixing:  # parse_known_intermixed_args calls back here
            return super().parse_known_args(args, namespace)
        self.intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self.intermixing = False


def register(sub) -> None:
    p = sub.add_parser("explain", help="show how a figure was formed")
    p.__class__ = FigureAnywhere  # the subcommand's parser, made by `sub`
    case_arguments(p, versions=True, inputs_alone=True)
    p.add_argument("figure", metavar="FIGURE", nargs="?", help="the figure to explain (a "
                   "question, aggregate or band label such as conclusion[1.2]), an "
                   "inspection input, a band or a rating scale")
    p.add_argument("--node", metavar="ID", help="the same as FIGURE")
    p.add_argument("--inspection", metavar="KEY")
    p.add_argument("--case", metavar="ID", help="one case's answers and contribution")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=cmd_explain)


def cmd_explain(args) -> int:
    node = _figure_asked(args)
    if os.path.isdir(args.framework):
        return _explain_versions(args, node)
    result = checked(args.framework)
    scores = open_scores(args, result) if result is not None else None
    if result is None or scores is None or result.framework is None:
        return EXIT_PROBLEMS
    if node in result.framework.across:  # one explanation for every inspection together
        _print(args, [_explain(scores, node, None, args.case)])
        return EXIT_OK
    if node not in scores.explainable:  # say so (with a did-you-mean) before asking which
        _explain(scores, node, None, args.case)  # inspection: raises a UsageError
    explanations = [_explain(scores, node, key, args.case) for key in _chosen(args, scores)]
    _print(args, explanations)
    return EXIT_OK


def _figure_asked(args) -> str:
    if args.figure is None and args.node is None and args.inputs is not None \
            and args.cases is not None and not os.path.exists(args.cases):
        args.figure, args.cases = args.cases, None  # FRAMEWORK FIGURE --inputs FILE
    if args.figure is not None and args.node is not None and args.figure != args.node:
        raise UsageError(f"two figures asked for: `{args.figure}` and --node `{args.node}`")
    node = args.figure or args.node
    if node is None:
        raise UsageError("say which figure to explain: critc explain FRAMEWORK CASES FIGURE")
    return node


def _explain(scores: Scores, node: str, key: str | None, case: str | None) -> Explanation:
    try:
        return scores.explain(node, inspection=key, case=case)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None


def _print(args, explanations: list[Explanation]) -> None:
    if args.format == "json":
        data = [e.to_dict() for e in explanations]
        write_output(None, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    console = Console(highlight=False)
    for explanation in explanations:
        explanation.print(console)


def _explain_versions(args, node: str) -> int:
    """Each inspection asked for, explained by the version that scored it."""
    found, scored = score_version_directory(args)
    if found is None or scored is None:
        return EXIT_PROBLEMS
    by_key = {key: s for s in scored for key in s.keys}
    every = [key for s in scored for key in s.keys]
    explanations = []
    for key in _keys(args, every, lambda case: _inspection_of(scored, case)):
        s = by_key[key]
        assert s.session is not None  # every version that scored kept its session
        scores = Scores(s.session, s.results)
        explanation = _explain(scores, node, key, args.case)
        explanation.version = s.version.name
        explanation.lines.insert(1, Line.of(_version_note(found, s, key), "note"))
        explanations.append(explanation)
    _print(args, explanations)
    return EXIT_OK


def _version_note(found: VersionSet, scored, key: str) -> str:
    field = found.inspection_date.id
    return (f"{field} = {scored.dates[key].isoformat()}: explained with "
            f"{scored.version.label()}, the version in force on that date")


def _inspection_of(scored, case: str) -> str:
    for s in scored:
        try:
            return Scores(s.session, s.results).inspection_of(case)
        except KeyError:
            continue
    raise KeyError(f"no case `{case}`")


def _chosen(args, scores: Scores) -> list[str]:
    return _keys(args, list(scores.inspections), scores.inspection_of)


def _keys(args, keys: list[str], inspection_of) -> list[str]:
    """The inspections to explain: the case's (--case), the one asked for, or all of a
    few."""
    if args.case is not None:
        try:
            return [inspection_of(args.case)]
        except KeyError as exc:
            message = exc.args[0]
            where = f" in {args.cases}" if message.startswith("no case") else ""
            raise UsageError(message + where) from None
    if args.inspection is not None:
        if args.inspection not in keys:
            hint = did_you_mean(args.inspection, keys)
            raise UsageError(f"no inspection `{args.inspection}`" + (f"; {hint}" if hint else
                                                                    f"; there are: "
                                                                    f"{', '.join(keys[:10])}"))
        return [args.inspection]
    if len(keys) <= SHOWN_WITHOUT_ASKING:
        return keys
    raise UsageError(f"{len(keys)} inspections: say which with --inspection (e.g. "
                     f"--inspection {keys[0]})")
