"""Parse tree → AST, the selectors: `all criteria in section 1 tagged roh except 1.3`."""

from __future__ import annotations

from critc.dsl import ast
from critc.dsl.to_ast_tokens import TokenReading


class SelectorRules(TokenReading):
    def scope_word(self, meta, children):
        return ("scope_word", str(children[0]))

    def plural(self, meta, children):
        return ("plural", str(children[0]))

    def tag_filter(self, meta, children):
        return ("tags", tuple(str(c) for c in children))

    def scope(self, meta, children):
        kind = children[0][1] if isinstance(children[0], tuple) else children[0]
        return ("scope", (kind, tuple(str(c) for c in children[1:])))

    def exception(self, meta, children):
        return ("excepted", tuple(str(c) for c in children))

    def _selector(self, meta, children, single):
        parts: dict = {"scope_word": None, "role": None, "plural": "questions"}
        for child in children:
            if isinstance(child, tuple):
                key, value = child
                if key == "scope":
                    parts["scope_kind"], parts["scope_ids"] = value
                else:
                    parts[key] = value
            else:
                parts["role"] = child
        return ast.Selector(single=single, span=self.span(meta), **parts)

    def selector(self, meta, children):
        return self._selector(meta, children, single=False)

    def single_selector(self, meta, children):
        return self._selector(meta, children, single=True)
