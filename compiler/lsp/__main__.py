"""`python -m critc.compiler.lsp`: the language server, as `critc lsp` runs it."""

import sys

from critc.compiler.lsp.server import serve

sys.exit(serve())
