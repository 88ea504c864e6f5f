"""Horizontal bar charts as SVG, drawn on the server from a ``reports.Table``.

The chart is one image (role="img") with a title and a description; the table below it
carries the numbers for screen readers and for copying. A hidden cell draws no bar but a
dashed outline marked "hidden", never a bar of zero.
Colours keep a contrast of at least 4.5:1 against white, so labels and bars both read.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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
        parts.append(format_html(
            '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
            '<text x="{}" y="{}">{}</text>',
            x, y, SERIES_COLOURS[n % len(SERIES_COLOURS)], x + 16, y + 11,
            table.columns[column],
        ))  # fmt: skip
        x += item_width
    top = LEGEND_HEIGHT * (line + 1) if legend else 4
    row_height = BAR_HEIGHT * len(columns) + ROW_GAP
    height = top + row_height * len(table.rows) + 4
    for r, (label, cells) in enumerate(table.rows):
        y = top + r * row_height
        parts.append(format_html(
            '<text x="{}" y="{}" text-anchor="end">{}</text>',
            LABEL_WIDTH - 8, y + BAR_HEIGHT * len(columns) / 2 + 4, _shorten(label),
        ))  # fmt: skip
        for n, column in enumerate(columns):
            cell = cells[column]
            bar_y = y + n * BAR_HEIGHT
            if cell.suppressed or cell.value is None:
                # Hidden, not zero: no bar, a dashed outline and the word for it.
                parts.append(format_html(
                    '<rect class="chart__hidden" x="{}" y="{}" width="{}" height="{}" '
                    'fill="none" stroke="#5a5a5f" stroke-dasharray="3 2"/>'
                    '<text x="{}" y="{}">{}</text>',
                    LABEL_WIDTH, bar_y, HIDDEN_WIDTH, BAR_HEIGHT - 2,
                    LABEL_WIDTH + HIDDEN_WIDTH + 4, bar_y + BAR_HEIGHT - 3,
                    _("%(value)s (hidden)") % {"value": cell.display},
                ))  # fmt: skip
                continue
            value = cell.value or 0
            length = round(BAR_WIDTH * value / biggest) if biggest else 0
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}">{}</text>',
                LABEL_WIDTH, bar_y, length, BAR_HEIGHT - 2, SERIES_COLOURS[n % len(SERIES_COLOURS)],
                LABEL_WIDTH + length + 4, bar_y + BAR_HEIGHT - 3, cell.display,
            ))  # fmt: skip
    title_id = f"chart-{table.key}-title"
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{} {}" viewBox="0 0 {} {}" '
        'width="{}" height="{}" xmlns="http://www.w3.org/2000/svg" font-size="12" '
        'fill="#1b1b1f"><title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        title_id, f"chart-{table.key}-desc", width, height, width, height,
        title_id, table.title, f"chart-{table.key}-desc",
        _("Bar chart. The table below shows the same figures."),
        format_html_join("", "{}", ((part,) for part in parts)),
    )  # fmt: skip
