"""Horizontal bar charts as inline SVG, drawn by matplotlib (never SVG geometry by hand).

A chart is a list of `Bar`s (a label, a value in display units, the text written beside
it, a colour) and the band thresholds to draw as dashed lines. Output is byte-identical
for the same input: the SVG backend's id salt is fixed per chart, the file carries no
date, and text is drawn as paths with matplotlib's bundled DejaVu Sans (so no font on the
reader's machine changes it). Text reaches the SVG only through matplotlib, which escapes
it; math notation in labels (`$x$`) is switched off.

matplotlib is imported lazily: `import critc` should not pay for it.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# Okabe & Ito's colour-blind-safe palette, best band first (by how many bands there are)
PALETTES = {
    1: ("#009E73",),
    2: ("#009E73", "#D55E00"),
    3: ("#009E73", "#E69F00", "#D55E00"),
    4: ("#009E73", "#56B4E9", "#E69F00", "#D55E00"),
    5: ("#0072B2", "#009E73", "#56B4E9", "#E69F00", "#D55E00"),
}
MORE_COLOURS = ("#0072B2", "#009E73", "#56B4E9", "#F0E442", "#E69F00", "#D55E00", "#CC79A7",
                "#000000")
NO_BAND = "#9A9A9A"  # a bar with no band, or whose band is undefined
LABEL_WIDTH = 42  # characters of a bar's label before it is wrapped (two lines at most)
TEXT_WIDTH = 40  # characters of the text beside a bar, likewise
RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "text.parse_math": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def level_colour(rank: int, levels: int) -> str:
    """The colour of the band level ranked `rank` (0: best) of `levels`."""
    palette = PALETTES.get(levels, MORE_COLOURS)
    return palette[rank % len(palette)]


@attrs.frozen
class Bar:
    label: str  # what the bar is: `1.1 Preparing for sentence`
    value: float | None  # in display units (72.0 for 72%); None when undefined
    text: str  # written beside the bar: `72% · n=12 · Good`
    colour: str


@attrs.frozen
class Threshold:
    at: float  # in display units
    text: str  # `70%`


def _wrapped(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=2, placeholder=" …")) or " "


def _limit(bars: list[Bar], thresholds: list[Threshold], unit: str,
           limit: float | None) -> float:
    if limit is not None:
        return limit
    if unit == "%":
        return 100.0
    values = [b.value for b in bars if b.value is not None] + [t.at for t in thresholds]
    top = max(values, default=1.0)
    return top * 1.1 if top > 0 else 1.0


def bar_chart(bars: list[Bar], thresholds: list[Threshold], unit: str, salt: str,
              limit: float | None = None) -> str:
    """The chart as an `<svg>` element (no XML prolog), for inlining in HTML. `salt` makes
    the SVG's internal ids unique in a page that holds several charts; `limit` is the end
    of the value axis (100 for `%`, else the largest value or threshold, plus a tenth)."""
    import matplotlib  # lazy: heavy, needed only by `critc report`

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt  # lazy: as above

    with matplotlib.rc_context({**RC, "svg.hashsalt": salt}):
        height = 0.9 + 0.5 * len(bars)
        fig, ax = plt.subplots(figsize=(9.0, height))
        positions = list(range(len(bars)))[::-1]  # the first bar on top
        limit = _limit(bars, thresholds, unit, limit)
        ax.barh(positions, [b.value or 0.0 for b in bars], height=0.62,
                color=[b.colour for b in bars], edgecolor="#333333", linewidth=0.4)
        ax.set_yticks(positions, [_wrapped(b.label, LABEL_WIDTH) for b in bars])
        ax.set_ylim(-0.6, len(bars) - 0.4)
        ax.set_xlim(0, limit)
        ax.tick_params(axis="y", length=0)
        if unit == "%":
            ax.set_xticks([0, 20, 40, 60, 80, 100], ["0%", "20%", "40%", "60%", "80%", "100%"])
        for threshold in thresholds:
            ax.axvline(threshold.at, color="#222222", linestyle=(0, (4, 3)), linewidth=0.9)
            ax.text(threshold.at, len(bars) - 0.45, threshold.text, ha="center", va="bottom",
                    fontsize=8, color="#222222")
        transform = ax.get_yaxis_transform()  # x in axes units, y in data units
        for y, bar in zip(positions, bars, strict=True):
            ax.text(1.02, y, _wrapped(bar.text, TEXT_WIDTH), transform=transform, va="center",
                    fontsize=9, linespacing=1.1)
        fig.subplots_adjust(left=0.3, right=0.72, top=1 - 0.35 / height,
                            bottom=0.45 / height)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight",
                    pad_inches=0.05)
        plt.close(fig)
    svg = out.getvalue()
    return svg[svg.index("<svg"):]
