"""Data quality as the IQ monitoring reports it: per network and period, how many of the people
counselled have a valid value and how many a missing one, field by field, so that a
coordinator can fill the gaps before the figures are reported.

The people are those of the figures (an individual consultation in the period). Missing means
(decided here):
- nationality, country of qualification: no country recorded;
- reference occupation: none chosen;
- residence status: "Not known";
- recognition outcome: none recorded on or before the last day of the period (the figures then
  count the person as "not applied for", the default, so the gap would otherwise not show).
One query for all networks; the table goes beside the figures and into their exports.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from counselling import disclosure, rollups
from counselling.reports import Cell, Figures, Table, people_rows
from iqportal.db_routers import reports_db

# The fields whose gaps are counted, in the order of the monitoring: the client's
# (``reports.CLIENT_GAPS``) and whether a recognition outcome was recorded by the end.
FIELDS = (
    ("nationality", gettext_lazy("Nationality")),
    ("qualification_country", gettext_lazy("Country where the qualification was acquired")),
    ("reference_occupation", gettext_lazy("Reference occupation")),
    ("residence_status", gettext_lazy("Residence status")),
    ("recognition_outcome", gettext_lazy("Recognition outcome")),
)


@dataclass(frozen=True)
class Completeness:
    field: str
    label: str
    valid: int
    missing: int
    # Sums of the record keys of the people counted (counselling.disclosure).
    valid_key: int = 0
    missing_key: int = 0

    @property
    def share_valid(self) -> float | None:
        total = self.valid + self.missing
        return round(100 * self.valid / total, 1) if total else None


def completeness(
    networks,
    start: datetime.date,
    end: datetime.date,
    years: tuple[int, int] | None = None,
    people: list[dict] | None = None,
) -> dict[int, list]:
    """``Completeness`` of every field per network id (networks without people left out);
    from the roll-ups for the whole ``years`` they hold (``counselling.rollups``), else from
    the people of the period (``reports.people_rows``, counted here unless given)."""
    db = reports_db()
    if years:
        return _blocks(rollups.completeness_rows(networks, years, db))
    if people is None:
        people = people_rows(networks, start, end, db)
    found: dict[int, dict] = {}
    for group in people:
        row = found.setdefault(group["network"], {"network": group["network"], "total": 0,
                                                  "total_key": 0})  # fmt: skip
        row["total"] += group["n"]
        row["total_key"] += group["key"]
        for name, _label in FIELDS:
            gap = group["then"] is None if name == "recognition_outcome" else group[f"gap_{name}"]
            row.setdefault(f"missing_{name}", 0)
            row.setdefault(f"missing_key_{name}", None)
            if gap:
                row[f"missing_{name}"] += group["n"]
                row[f"missing_key_{name}"] = (row[f"missing_key_{name}"] or 0) + group["key"]
    return _blocks(found.values())


def _blocks(rows) -> dict[int, list]:
    return {
        row["network"]: [
            Completeness(name, str(label), row["total"] - row[f"missing_{name}"],
                         row[f"missing_{name}"],
                         (row["total_key"] or 0) - (row[f"missing_key_{name}"] or 0),
                         row[f"missing_key_{name}"] or 0)
            for name, label in FIELDS
        ]
        for row in rows
    }  # fmt: skip


def table(figures: Figures) -> Table:
    """The data-quality table of ``figures``' networks and period, one block per network."""
    found = completeness(
        figures.networks, figures.start, figures.end, figures.years, figures.people_rows
    )
    result = Table(
        "data_quality",
        _("Data quality: valid and missing values"),
        _("Field"),
        [_("Valid"), _("Missing"), _("Share valid")],
        chart=False,
        note=_(
            "People counselled in the period. Missing: no country, no reference occupation, "
            "residence status “Not known”, or no recognition outcome recorded by the end of the "
            "period."
        ),
    )
    several = len(figures.networks) > 1
    for network in figures.networks:
        for item in found.get(network.pk, []):
            label = f"{network.short_name}: {item.label}" if several else item.label
            cells = [Cell(item.valid, key=item.valid_key),
                     Cell(item.missing, key=item.missing_key),
                     Cell(item.share_valid, share=True)]  # fmt: skip
            result.rows.append((label, cells))
    return result


def with_quality(figures: Figures) -> Figures:
    """``figures`` with the data-quality table after the overview (perturbed like the rest)."""
    quality = table(figures)
    if figures.suppressed:
        disclosure.perturb_tables([quality])
        for _label, (valid, missing, share) in quality.rows:
            share.value = disclosure.percent(valid.value, valid.value + missing.value)
    figures.tables.insert(1, quality)
    return figures
