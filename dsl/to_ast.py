"""Parse tree → AST. One method per grammar rule; raises nothing.


Problems the grammar cannot see (a clause given twice, a date that does not exist) are
collected as diagnostics in `ToAst.diagnostics`. The rule methods are grouped by construct,
each group a class in its own module: `to_ast_tokens.py` (spans, numbers, text, dates),
`to_ast_clauses.py`, `to_ast_declarations.py` (header, include, scales, fields),
`to_ast_items.py` (questions, aggregates, bands), `to_ast_expressions.py`,
`to_ast_selectors.py`.
"""

from __future__ import annotations

from critc.dsl import ast
from critc.dsl.to_ast_declarations import DeclarationRules
from critc.dsl.to_ast_expressions import ExpressionRules
from critc.dsl.to_ast_items import ItemRules
from critc.dsl.to_ast_selectors import SelectorRules
from lark import Tree


class ToAst(DeclarationRules, ItemRules, ExpressionRules, SelectorRules):
    def transform(self, tree: Tree):
        """The AST of a parse tree, children first: each rule's method is called with the
        tree's meta and its transformed children (a rule without a method stays a Tree).
        Called directly rather than through lark's `v_args` wrappers, which cost a
        `functools.update_wrapper` on every node."""
        children = [self.transform(c) if isinstance(c, Tree) else c for c in tree.children]
        method = getattr(self, tree.data, None)
        if method is None:
            return Tree(tree.data, children, tree.meta)
        return method(tree.meta, children)

    # ------------------------------------------------------------------ file
    def start(self, meta, children):
        items = []
        for child in children:
            items.extend(child if isinstance(child, list) else [child])
        return ast.Module(path=self.path, items=tuple(items), span=self.span(meta))
