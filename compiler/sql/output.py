"""Per inspection and figure: the cells of `critc score --format csv` (report/results.py
`as_csv`) as SQL: the value as a number, the figure as shown, its bands, its counts.

A cell that the CSV leaves empty is NULL here.
"""

from __future__ import annotations

from critc.compiler.model import framework as m
from critc.compiler.sql import build as b
from critc.compiler.sql import rounding
from critc.compiler.sql.figures import Columns
from sqlglot import exp

NA = "n/a"  # an undefined figure as shown (io/values.py)


class Shown:
    """The shown text of each figure, with the columns it needs added to `columns`."""

    def __init__(self, fw: m.Framework, columns: Columns, figure: dict[str, str]):
        self.fw = fw
        self.columns = columns
        self.figure = figure

    def value(self, node: str) -> exp.Expression:
        """The `value` cell: a score as a fraction, a number, a rating's points; NULL for a
        label and where undefined."""
        kind = self.fw.figure_type(node).kind
        column = b.col(self.figure[node])
        if kind == "label":
            return exp.Null()
        if kind == "rating":
            scale = self.fw.rating_scales[self.fw.figure_type(node).scale_id]
            points = [(i, scale.points.get(level)) for i, level in enumerate(scale.levels)]
            return b.lookup(column, [(b.double(i), b.double(p)) for i, p in points
                                     if p is not None])
        return column

    def text(self, node: str) -> exp.Expression:
        """The `shown` cell: as io/values.py `shown` writes it."""
        type_ = self.fw.figure_type(node)
        column = b.col(self.figure[node])
        if type_.kind == "rating":
            scale = self.fw.rating_scales[type_.scale_id]
            return b.lookup(column, [(b.double(i), b.text(scale.labels[level]))
                                     for i, level in enumerate(scale.levels)], b.text(NA))
        if type_.kind == "label":
            rows = self.fw.bands[type_.scale_id].ordered_rows
            return b.lookup(column, [(b.double(i), b.text(row.output))
                                     for i, row in enumerate(rows)], b.text(NA))
        return self.number(node, column, percent=type_.kind == "score")

    def number(self, node: str, column: exp.Column, percent: bool) -> exp.Expression:
        declared = self.fw.rounding_of(node)
        mode, places = declared.mode, declared.places
        value = b.mul(column, b.double(100.0)) if percent else column
        y = b.mul(value, b.double(rounding.scale_of(places)))
        units = b.col(self.columns.add("u", rounding.rounded_units(mode, y)))
        negative = b.col(self.columns.add("u", b.flag(
            rounding.negative_zero_or_less(mode, units, y))))
        digits = rounding.shown_digits(units, places, b.compare("=", negative, b.integer(1)))
        if percent:
            digits = exp.DPipe(this=digits, expression=b.text("%"), safe=True)
        return b.case([(b.is_null(column), b.text(NA))], digits)

    def bands(self, node: str) -> exp.Expression:
        """The `bands` cell: `band: label` for every band applied to the figure with `on`,
        joined with "; "; NULL when there is none."""
        parts: list[exp.Expression] = []
        for app in self.fw.applied_to(node):
            if parts:
                parts.append(b.text("; "))
            parts += [b.text(f"{app.band}: "), self.text(app.id)]
        if not parts:
            return exp.Null()
        out = parts[0]
        for part in parts[1:]:
            out = exp.DPipe(this=out, expression=part, safe=True)
        return out


def positions(count: int) -> exp.Select:
    """Rows numbered 0 .. count-1 in a column `position`, built from the CTE `digits`
    (0-9), which every dialect can select, rather than a VALUES list or a recursion."""
    places = max(1, len(str(max(count - 1, 0))))
    aliases = [f"d{i}" for i in range(places)]
    position = b.total([b.mul(b.col("digit", a), b.integer(10 ** i))
                        for i, a in enumerate(aliases)])
    select = exp.select(exp.alias_(position, "position", quoted=True))
    select = select.from_(exp.alias_(exp.to_identifier("digits", quoted=True), aliases[0],
                                     quoted=True))
    for a in aliases[1:]:
        select = select.join(exp.alias_(exp.to_identifier("digits", quoted=True), a,
                                        quoted=True), join_type="cross")
    return select.where(b.compare("<", position, b.integer(count)))


def by_position_in(table: str):
    """A function of one value per output figure: the one at `table`.position."""
    position = b.col("position", table)

    def by_position(values: list[exp.Expression]) -> exp.Expression:
        return b.lookup(position, [(b.integer(i), v) for i, v in enumerate(values)])

    return by_position
