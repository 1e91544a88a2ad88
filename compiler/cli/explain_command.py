"""`critc explain FILE CASES --node ID`: how a figure was formed, down to the cases."""

from __future__ import annotations

import numpy as np
from critc.compiler.check.declare import did_you_mean
from critc.compiler.cli.cases import case_arguments, open_session
from critc.compiler.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.session import Session
from critc.compiler.report.explain import Explainer
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
    session = open_session(args)
    if session is None:
        return EXIT_PROBLEMS
    fw = session.plan.framework
    if args.node not in fw.questions and args.node not in fw.aggregates:
        hint = did_you_mean(args.node, list(fw.questions) + list(fw.aggregates))
        raise UsageError(f"no question or aggregate `{args.node}`" + (f"; {hint}" if hint
                                                                        else ""))
    results = evaluate(session.plan, session.table, session.grouping, session.inputs)
    case, groups = _chosen(args, session)
    explainer = Explainer(results, session.table, session.inputs,
                          session.check.program.sources)
    console = Console(highlight=False)
    for g in groups:
        explainer.render(console, args.node, g, case)
    return EXIT_OK


def _chosen(args, session: Session) -> tuple[int | None, list[int]]:
    """The case (--case) and the inspections to explain."""
    keys = session.grouping.keys
    if args.case is not None:
        ids = session.table.case_ids
        if ids is None:
            raise UsageError("the framework declares no `case id` field to find cases by")
        found = np.flatnonzero(ids == args.case)
        if not len(found):
            raise UsageError(f"no case `{args.case}` in {args.cases}")
        case = int(found[0])
        return case, [int(session.grouping.group[case])]
    if args.inspection is not None:
        if args.inspection not in keys:
            hint = did_you_mean(args.inspection, keys)
            raise UsageError(f"no inspection `{args.inspection}`" + (f"; {hint}" if hint else
                                                                    f"; there are: "
                                                                    f"{', '.join(keys[:10])}"))
        return None, [keys.index(args.inspection)]
    if len(keys) <= SHOWN_WITHOUT_ASKING:
        return None, list(range(len(keys)))
    raise UsageError(f"{len(keys)} inspections: say which with --inspection (e.g. "
                     f"--inspection {keys[0]})")
