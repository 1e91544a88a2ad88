"""`critc explain FILE CASES --node ID`: how a figure was formed, down to the cases."""

from __future__ import annotations

from critc.compiler.api.scores import Scores
from critc.compiler.check.declare import did_you_mean
from critc.compiler.cli.cases import case_arguments, open_scores
from critc.compiler.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, checked
from rich.console import Console

SHOWN_WITHOUT_ASKING = 3  # up to this many inspections are explained without --inspection


def register(sub) -> None:
    p = sub.add_parser("explain", help="show how a figure was formed")
    case_arguments(p)
    p.add_argument("--node", required=True, metavar="ID", help="the question or aggregate")
    p.add_argument("--inspection", metavar="KEY")
    p.add_argument("--case", metavar="ID", help="one case's answers and contribution")
    p.set_defaults(run=cmd_explain)


def cmd_explain(args) -> int:
    result = checked(args.framework)
    scores = open_scores(args, result) if result is not None else None
    if result is None or scores is None or result.framework is None:
        return EXIT_PROBLEMS
    fw = result.framework
    if args.node in fw.across:  # one explanation for every inspection together
        scores.print_across(args.node, Console(highlight=False))
        return EXIT_OK
    if args.node not in fw.questions and args.node not in fw.aggregates:
        hint = did_you_mean(args.node, list(fw.questions) + list(fw.aggregates))
        raise UsageError(f"no question or aggregate `{args.node}`" + (f"; {hint}" if hint
                                                                        else ""))
    console = Console(highlight=False)
    for key in _chosen(args, scores):
        scores.explain(args.node, inspection=key, case=args.case).print(console)
    return EXIT_OK


def _chosen(args, scores: Scores) -> list[str]:
    """The inspections to explain: the case's (--case), the one asked for, or all of a
    few."""
    keys = list(scores.inspections)
    if args.case is not None:
        try:
            return [scores.inspection_of(args.case)]
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
