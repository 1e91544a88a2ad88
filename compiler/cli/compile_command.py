"""`critc compile FILE -o MODULE`: a standalone Python scoring module."""

from __future__ import annotations

from critc.compiler.cli.common import EXIT_OK, EXIT_PROBLEMS, checked, stderr, write_output
from critc.compiler.codegen.generate import generate
from critc.compiler.plan.lower import plan_for
from critc.compiler.report.wording import plural


def register(sub) -> None:
    p = sub.add_parser("compile", help="write a standalone Python scoring module")
    p.add_argument("framework", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT", help="the module to write (atomically)")
    p.set_defaults(run=cmd_compile)


def cmd_compile(args) -> int:
    result = checked(args.framework)
    if result is None:
        return EXIT_PROBLEMS
    root = result.program.root
    text = generate(plan_for(result), root, result.program.sources[root])
    write_output(args.output, text)
    if args.output not in (None, "-"):
        fw = result.model
        figures = len(fw.questions) + len(fw.aggregates) + len(fw.applications)
        stderr().print(f"wrote {args.output}: {plural(len(fw.questions), 'question')}, "
                       f"{plural(figures, 'figure')}", markup=False)
    return EXIT_OK
