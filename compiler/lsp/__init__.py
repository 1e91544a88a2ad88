"""`critc lsp`: a language server for `.crit` files over stdio (pygls and lsprotocol).

It reuses the checker: every analysis is `check_file` on the editor's text, and every
answer (diagnostics, hover, definitions, references, rename, completion, outline) is read
from the checked program, its model and its dependency graph. `server.py` wires the
protocol; the other modules are plain functions over a checked program.
"""
