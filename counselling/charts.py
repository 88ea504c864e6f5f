"""Horizontal bar charts as SVG, drawn on the server from a ``reports.Table``.

The chart is one image (role="img") with a title and a description; the table below it
carries the numbers for screen readers and for copying. A hidden cell draws no bar but a
dashed outline marked "hidden", never a bar of zero.
Colours keep a contrast of at least 4.5:1 against white, so labels and bars both read.
"""

from __future__ import annotations

from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from counselling.reports import Table

SERIES_COLOURS = ("#0b4f8a", "#a34700", "#1d6b33", "#6b2c91")
LABEL_WIDTH = 220
BAR_WIDTH = 320
VALUE_WIDTH = 70
BAR_HEIGHT = 14
ROW_GAP = 10
LEGEND_HEIGHT = 24
HIDDEN_WIDTH = 24


def _shorten(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value) -> str:
    """``value`` escaped for the SVG, as ``format_html`` would escape it, at a fraction of its
    cost (a figures page draws hundreds of shapes). The numbers and colours are ours."""
    return escape(str(value))


def bar_chart(table: Table) -> SafeString:
    columns = table.count_columns
    biggest = max(
        (
            cells[i].value or 0
            for _label, cells in table.rows
            for i in columns
            if not cells[i].suppressed
        ),
        default=0,
    )
    legend = len(columns) > 1
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts, x, line = [], 0, 0
    for n, column in enumerate(columns if legend else []):
        item_width = 16 + 7 * len(str(table.columns[column])) + 20
        if x and x + item_width > width:
            x, line = 0, line + 1
        y = 4 + line * LEGEND_HEIGHT
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y + 11}">{_text(table.columns[column])}</text>'
        )
        x += item_width
    top = LEGEND_HEIGHT * (line + 1) if legend else 4
    row_height = BAR_HEIGHT * len(columns) + ROW_GAP
    height = top + row_height * len(table.rows) + 4
    for r, (label, cells) in enumerate(table.rows):
        y = top + r * row_height
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * len(columns) / 2 + 4}" '
            f'text-anchor="end">{_text(_shorten(label))}</text>'
        )
        for n, column in enumerate(columns):
            cell = cells[column]
            bar_y = y + n * BAR_HEIGHT
            if cell.suppressed or cell.value is None:
                # Hidden, not zero: no bar, a dashed outline and the word for it.
                hidden = _("%(value)s (hidden)") % {"value": cell.display}
                parts.append(
                    f'<rect class="chart__hidden" x="{LABEL_WIDTH}" y="{bar_y}" '
                    f'width="{HIDDEN_WIDTH}" height="{BAR_HEIGHT - 2}" '
                    'fill="none" stroke="#5a5a5f" stroke-dasharray="3 2"/>'
                    f'<text x="{LABEL_WIDTH + HIDDEN_WIDTH + 4}" y="{bar_y + BAR_HEIGHT - 3}">'
                    f"{_text(hidden)}</text>"
                )
                continue
            value = cell.value or 0
            length = round(BAR_WIDTH * value / biggest) if biggest else 0
            colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{length}" '
                f'height="{BAR_HEIGHT - 2}" fill="{colour}"/>'
                f'<text x="{LABEL_WIDTH + length + 4}" y="{bar_y + BAR_HEIGHT - 3}">'
                f"{_text(cell.display)}</text>"
            )
    title_id, desc_id = f"chart-{table.key}-title", f"chart-{table.key}-desc"
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{} {}" viewBox="0 0 {} {}" '
        'width="{}" height="{}" xmlns="http://www.w3.org/2000/svg" font-size="12" '
        'fill="#1b1b1f"><title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        title_id, desc_id, width, height, width, height,
        title_id, table.title, desc_id,
        _("Bar chart. The table below shows the same figures."),
        mark_safe("".join(parts)),  # every part above is escaped by _text
    )  # fmt: skip
