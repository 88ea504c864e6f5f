"""The networks fixture (``fixtures/iq_networks.json``) built from the programme's research file
(``shared/data/iq_networks.json``): one ``Network`` row per network, valid over the rounds the
sources confirm and, where that is assumed, beyond them.

The IQ programme runs the Landesnetzwerke of 2015-2022 and two ESF Plus rounds, 2023-2025 and
2026-2028, of the Regionale Integrationsnetzwerke (RIN) and the three Fachstellen. Decided here:
- A network confirmed for 2023-2025 only goes on into 2026-2028, marked as assumed
  (``confirmed_until`` 2025-12-31, ``assumption`` says why and names the file), unless the data
  says otherwise: another entry for the same federal states confirmed for 2026-2028 only (a
  successor such as RINIA in Mecklenburg-Vorpommern) ends it with 2025.
- Umbrella entries that the data says are not themselves a RIN ("not itself counted") are left
  out, so that the figures do not count one network twice.
- Rows already in the fixture keep their primary key, slug and short name (matched by name and
  kind), so that demo accounts, links and admin edits stay; only new rows get a derived slug.
Adding, renaming and ending networks after that is an admin task.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils.text import slugify

ROUNDS = {
    "2015-2022": (datetime.date(2015, 1, 1), datetime.date(2022, 12, 31)),
    "2023-2025": (datetime.date(2023, 1, 1), datetime.date(2025, 12, 31)),
    "2026-2028": (datetime.date(2026, 1, 1), datetime.date(2028, 12, 31)),
}
KINDS = {
    "landesnetzwerk_2015_2022": "state",
    "regional_2023_2028": "regional",
    "fachstelle_2023_2028": "fachstelle",
}
UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
SOURCE_FILE = "shared/data/iq_networks.json"
ASSUMED = (
    "2026-2028 assumed: {file} confirms the round 2023-2025 only and names no successor for "
    "{states}; a network of 2023-2025 is taken to go on into 2026-2028 unless the data says "
    "otherwise. Check with the programme and correct the end date here."
)


def _rounds(entry: dict[str, Any]) -> list[str]:
    if entry.get("kind") == "landesnetzwerk_2015_2022":
        return ["2015-2022"]
    return sorted(entry.get("rounds") or ["2023-2025"])


def _is_umbrella(entry: dict[str, Any]) -> bool:
    return "not itself counted" in (entry.get("region") or "")


def _states(entry: dict[str, Any]) -> tuple[str, ...]:
    return tuple(entry.get("states") or ())


def _sources(entry: dict[str, Any]) -> str:
    lines = []
    for source in entry.get("source") or []:
        if isinstance(source, dict):
            where = source.get("url") or " ".join(
                str(source[key]) for key in ("file", "line") if source.get(key)
            )
            lines.append(where or str(source.get("supports", "")))
        else:
            lines.append(str(source))
    return "\n".join(line for line in lines if line)


def _notes(entry: dict[str, Any]) -> str:
    parts = [f"{key}: {entry[key]}" for key in ("coordinator_note", "region") if entry.get(key)]
    if entry.get("aliases"):
        parts.append("aliases: " + "; ".join(entry["aliases"]))
    if entry.get("notes"):
        parts.append(str(entry["notes"]))
    return "\n".join(parts)


def short_name(name: str) -> str:
    """The name without its explanation in brackets at the end."""
    return re.sub(r"\s*\(.*\)\s*$", "", name).strip()[:80] or name[:80]


def validity(
    entry: dict[str, Any], successors: set[tuple[str, ...]]
) -> tuple[datetime.date, datetime.date, datetime.date, str]:
    """``valid_from``, ``valid_until``, ``confirmed_until`` and the assumption (or "")."""
    rounds = _rounds(entry)
    start, confirmed = ROUNDS[rounds[0]][0], ROUNDS[rounds[-1]][1]
    if rounds == ["2023-2025"] and _states(entry) not in successors:
        states = ", ".join(_states(entry)) or "it"
        until = ROUNDS["2026-2028"][1]
        return start, until, confirmed, ASSUMED.format(file=SOURCE_FILE, states=states)
    return start, confirmed, confirmed, ""


def networks(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``fields`` of every network in the research file, without primary key."""
    entries = [*data.get("networks", []), *data.get("fachstellen", [])]
    successors = {
        _states(entry)
        for entry in entries
        if entry.get("kind") == "regional_2023_2028" and _rounds(entry) == ["2026-2028"]
    }
    found = []
    for entry in entries:
        if _is_umbrella(entry):
            continue
        valid_from, valid_until, confirmed_until, assumption = validity(entry, successors)
        found.append(
            {
                "name": entry["name"],
                "short_name": short_name(entry["name"]),
                "kind": KINDS[entry["kind"]],
                "states": ", ".join(_states(entry)),
                "coordinator": entry.get("coordinator") or "",
                "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat(),
                "confirmed_until": confirmed_until.isoformat(),
                "assumption": assumption,
                "confidence": entry.get("confidence") or "",
                "notes": _notes(entry),
                "sources": _sources(entry),
            }
        )
    return found


def fixture(data: dict[str, Any], existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fixture rows for ``data``; rows of ``existing`` (the fixture as it was) keep their
    primary key, slug and short name."""
    kept = {(row["fields"]["name"], row["fields"]["kind"]): row for row in existing}
    next_pk = max((row["pk"] for row in existing), default=0) + 1
    slugs = {row["fields"]["slug"] for row in existing}
    rows = []
    for fields in networks(data):
        earlier = kept.get((fields["name"], fields["kind"]))
        if earlier:
            pk = earlier["pk"]
            fields["slug"] = earlier["fields"]["slug"]
            fields["short_name"] = earlier["fields"]["short_name"]
        else:
            pk, next_pk = next_pk, next_pk + 1
            german = fields["short_name"].translate(UMLAUTS)
            slug = slugify(f"{german}-{fields['valid_from'][:4]}")[:80]
            while slug in slugs:
                slug = f"{slug[:76]}-{pk}"
            fields["slug"] = slug
        slugs.add(fields["slug"])
        ordered = {"slug": fields.pop("slug"), **fields}
        rows.append({"model": "counselling.network", "pk": pk, "fields": ordered})
    return sorted(rows, key=lambda row: row["pk"])
