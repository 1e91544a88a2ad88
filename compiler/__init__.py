"""critc's middle and back end.

    text ─dsl.parse─▶ AST ─check─▶ checked model (+ diagnostics) ─graph─▶ dependency graph
         ─plan─▶ evaluation plan ─┬─ evaluate (NumPy over case records) ─▶ results
                                  └─ codegen ─▶ standalone scoring module
"""

__version__ = "0.1.0"
