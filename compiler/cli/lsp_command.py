"""`critc lsp`: the language server for editors, over stdin and stdout."""

from __future__ import annotations

from critc.compiler.cli.common import EXIT_USAGE, stderr


def register(sub) -> None:
    p = sub.add_parser("lsp", help="run the language server for editors (over stdio)")
    p.add_argument("--stdio", action="store_true",
                   help="talk over stdin and stdout (the default, and the only transport)")
    p.set_defaults(run=cmd_lsp)


def cmd_lsp(args) -> int:
    try:
        # lazy: pygls is an optional dependency (pip install 'critc[lsp]')
        from critc.compiler.lsp.server import serve
    except ImportError as exc:
        stderr().print(f"critc lsp: the language server needs pygls ({exc}); install it "
                       "with `pip install 'critc[lsp]'`")
        return EXIT_USAGE
    return serve()
