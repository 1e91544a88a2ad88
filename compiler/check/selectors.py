"""Selectors: the items `all criteria in section 1 tagged roh except 1.3` picks, checked
(unknown tags, empty and ambiguous selections, `except` that takes out nothing)."""

from __future__ import annotations

from critc.compiler.check.declare import KIND_PLURAL, PLURAL_KIND, did_you_mean
from critc.compiler.check.references import References
from critc.dsl import ast
from critc.dsl.printer import selector_text


class Selectors(References):
    def select(self, sel: ast.Selector, context: str | None,
               shared: bool = False) -> list[str] | None:
        """The items `sel` picks. `shared`: the `on` selector of a band in an included file,
        which may pick nothing (or name tags nobody has) in the framework that includes it."""
        symbols = self.symbols
        kind = PLURAL_KIND.get(sel.plural, "question")
        if sel.role and kind != "question":
            self.error("invalid-selector", f"`{sel.role}` applies to questions, not {sel.plural}",
                       sel.span)
            return None
        base = self._scope(sel, context)
        if base is None:
            return None
        unknown = [t for t in sel.tags if t not in symbols.all_tags()]
        if unknown and shared:
            return []
        for tag in unknown:
            self.error("unknown-tag", f"no question or aggregate is tagged `{tag}`", sel.span,
                       hint=did_you_mean(tag, symbols.all_tags()) or "add `tags " + tag
                       + "` to the items it should select")
        if unknown:
            return None
        chosen = self._picked(sel, kind, base)
        if sel.excepted:
            kept = self._take_out(sel, chosen)
            if kept is None:
                return None
            if chosen and not kept:
                self.error("empty-selection", f"`{describe_selector(sel)}` selects nothing: "
                           "`except` takes out everything it picks", sel.span,
                           hint="take out fewer items, or select another set")
                return None
            chosen = kept
        return self._checked_selection(sel, context, shared, chosen)

    def _scope(self, sel: ast.Selector, context: str | None) -> list[str] | None:
        """The items a selector looks among: in the scope it names, inside `context`
        (`its`, or no scope word), or the whole framework."""
        symbols = self.symbols
        if sel.scope_kind:
            base: list[str] = []
            scope_kind = PLURAL_KIND.get(sel.scope_kind, sel.scope_kind)
            for ident in sel.scope_ids:
                if not self._check_item(ident, scope_kind, sel.span):
                    return None
                base.extend(symbols.descendants(ident))
        elif sel.scope_word == "its" or (sel.scope_word is None and context is not None):
            if context is None:
                self.error("invalid-selector", "`its` needs an enclosing aggregate", sel.span,
                           hint="name the scope instead, e.g. `criteria in sections 1, 2`")
                return None
            base = symbols.descendants(context)
        else:
            base = list(symbols.nodes)
        return base

    def _picked(self, sel: ast.Selector, kind: str, base: list[str]) -> list[str]:
        """The items of `base` of the selector's kind, role and tags, in framework order."""
        symbols = self.symbols
        chosen = []
        for node in dict.fromkeys(base):
            item = symbols.nodes[node]
            if symbols.kind(node) != kind or node in symbols.across:
                continue
            if not _has_role(item, sel.role):
                continue
            if sel.tags and not symbols.tags[node] & set(sel.tags):
                continue
            chosen.append(node)
        chosen.sort(key=symbols.order.__getitem__)
        return chosen

    def _checked_selection(self, sel: ast.Selector, context: str | None, shared: bool,
                           chosen: list[str]) -> list[str] | None:
        """`chosen`, or None with an error when it is empty or a single selector picks more
        than one."""
        symbols = self.symbols
        looked_in = context if context and not sel.scope_kind and sel.scope_word != "all" \
            else None
        where = f" in {symbols.kind(looked_in)} `{looked_in}`" if looked_in else ""
        if not chosen and ({looked_in, *sel.scope_ids} & symbols.lost_children):
            return None  # a duplicate id dropped its items; that error is already reported
        if not chosen and shared:
            return []
        if not chosen:
            self.error("empty-selection", f"`{describe_selector(sel)}` selects nothing{where}",
                       sel.span, hint=self._empty_hint(sel, context))
            return None
        if sel.single and len(chosen) > 1:
            self.error("ambiguous-selection", f"`{describe_selector(sel)}` must select one "
                       f"question but selects {len(chosen)}: {', '.join(chosen)}", sel.span,
                       hint="mark only one question with this role, or use a plural and a "
                       "function such as mean(...)")
            return None
        return chosen

    def _take_out(self, sel: ast.Selector, chosen: list[str]) -> list[str] | None:
        """`except ID, ...`: each id is taken out with everything inside it. An id that is
        not declared, or that takes out nothing the selector picks, is an error."""
        symbols = self.symbols
        kept, ok = list(chosen), True
        for ident in sel.excepted:
            if ident not in symbols.nodes:
                self.error("unknown-reference", f"`except {ident}`: there is no question or "
                           f"aggregate `{ident}`", sel.span,
                           hint=did_you_mean(ident, self._exceptable(chosen)))
                ok = False
                continue
            gone = {ident, *symbols.descendants(ident)}
            if not gone & set(kept):
                what = f"{symbols.kind(ident)} `{ident}`"
                self.error("except-not-selected", f"`except {ident}` takes out nothing: "
                           f"`{describe_selector(sel)}` does not pick {what}"
                           + ("" if symbols.kind(ident) == "question" else " or anything in it"),
                           sel.span, hint=did_you_mean(ident, self._exceptable(chosen))
                           or "remove it from the `except` list")
                ok = False
                continue
            kept = [n for n in kept if n not in gone]
        return kept if ok else None

    def _exceptable(self, chosen: list[str]) -> list[str]:
        """What `except` can name: the items chosen and the aggregates that hold them."""
        out = dict.fromkeys(chosen)
        for node in chosen:
            parent = self.symbols.parent.get(node)
            while parent is not None:
                out[parent] = None
                parent = self.symbols.parent.get(parent)
        return list(out)

    def _empty_hint(self, sel: ast.Selector, context: str | None) -> str:
        symbols = self.symbols
        if context and sel.scope_word != "all" and not sel.scope_kind:
            held = {symbols.kind(n) for n in symbols.descendants(context)}
            if held and PLURAL_KIND.get(sel.plural, "question") not in held:
                nouns = sorted(KIND_PLURAL.get(k, k) for k in held)
                return (f"{symbols.kind(context)} `{context}` holds only "
                        f"{' and '.join(nouns)}, no {sel.plural}")
        if context and sel.scope_word is None and not sel.scope_kind:
            return (f"without `in ...`, a selector looks inside {symbols.kind(context)} "
                    f"`{context}`; write `all "
                    f"{describe_selector(sel)}` to look across the whole framework")
        if sel.scope_kind:
            kind = PLURAL_KIND.get(sel.plural, "question")
            outside = [n for n in symbols.nodes if symbols.kind(n) == kind
                       and _has_role(symbols.nodes[n], sel.role)
                       and (not sel.tags or symbols.tags[n] & set(sel.tags))]
            if outside:
                shown = ", ".join(f"`{n}`" for n in outside[:3]) + (", ..." if
                                                                     len(outside) > 3 else "")
                return (f"without the scope it would select {shown}, which "
                        f"{'lie' if len(outside) > 1 else 'lies'} outside {sel.scope_kind} "
                        f"{', '.join(sel.scope_ids)}")
        return "check the kind, role, tags and scope it names"


# A selector is described in messages exactly as the formatter writes it.
describe_selector = selector_text


def _has_role(item: ast.Question | ast.Aggregate, role: ast.QuestionRole | None) -> bool:
    """True when no role is asked for, or `item` is a question with that role."""
    return role is None or (isinstance(item, ast.Question) and item.role == role)

