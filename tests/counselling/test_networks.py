"""The networks fixture follows the research file: confirmed rounds, assumed continuations."""

import datetime
import json

import pytest
from django.conf import settings

from counselling import network_data
from counselling.models import Network

FIXTURE = settings.BASE_DIR / "fixtures" / "iq_networks.json"


def regional(name, rounds, states=("Hessen",), **extra):
    return {"name": name, "kind": "regional_2023_2028", "states": list(states),
            "rounds": rounds, "source": [{"url": f"https://example.org/{len(name)}"}],
            "confidence": "high", **extra}  # fmt: skip


def fields_by_name(data, existing=()):
    return {row["fields"]["name"]: row for row in network_data.fixture(data, list(existing))}


def test_a_network_confirmed_for_2023_2025_goes_on_into_2026_2028_as_assumed():
    rows = fields_by_name({"networks": [regional("RIN Hessen", ["2023-2025"])]})
    fields = rows["RIN Hessen"]["fields"]
    assert (fields["valid_from"], fields["valid_until"], fields["confirmed_until"]) == (
        "2023-01-01", "2028-12-31", "2025-12-31",
    )  # fmt: skip
    assert "2026-2028 assumed" in fields["assumption"]
    assert network_data.SOURCE_FILE in fields["assumption"]


def test_a_network_confirmed_for_both_rounds_is_not_assumed():
    rows = fields_by_name({"networks": [regional("RIN Hessen", ["2023-2025", "2026-2028"])]})
    fields = rows["RIN Hessen"]["fields"]
    assert (fields["valid_until"], fields["confirmed_until"], fields["assumption"]) == (
        "2028-12-31", "2028-12-31", "",
    )  # fmt: skip


def test_a_successor_for_the_same_states_ends_the_network_with_2025():
    data = {"networks": [
        regional("IQ MV", ["2023-2025"], states=["Mecklenburg-Vorpommern"]),
        regional("RINIA", ["2026-2028"], states=["Mecklenburg-Vorpommern"]),
    ]}  # fmt: skip
    rows = fields_by_name(data)
    assert (rows["IQ MV"]["fields"]["valid_until"], rows["IQ MV"]["fields"]["assumption"]) == (
        "2025-12-31", "",
    )  # fmt: skip
    assert rows["RINIA"]["fields"]["valid_from"] == "2026-01-01"


def test_an_umbrella_entry_is_left_out_and_earlier_rows_keep_slug_and_key():
    data = {"networks": [
        regional("MigraNet plus", ["2023-2025"], region="umbrella, not itself counted as a RIN"),
        regional("IQ Netzwerk Hessen (RIN Hessen)", ["2023-2025"]),
        regional("Netzwerk Süd", ["2023-2025"]),
    ]}  # fmt: skip
    existing = [{"model": "counselling.network", "pk": 7, "fields": {
        "name": "IQ Netzwerk Hessen (RIN Hessen)", "kind": "regional",
        "slug": "hessen-old", "short_name": "IQ Hessen"}}]  # fmt: skip
    rows = fields_by_name(data, existing)
    assert set(rows) == {"IQ Netzwerk Hessen (RIN Hessen)", "Netzwerk Süd"}
    kept = rows["IQ Netzwerk Hessen (RIN Hessen)"]
    assert (kept["pk"], kept["fields"]["slug"], kept["fields"]["short_name"]) == (
        7, "hessen-old", "IQ Hessen",
    )  # fmt: skip
    new = rows["Netzwerk Süd"]
    assert (new["pk"], new["fields"]["slug"]) == (8, "netzwerk-sued-2023")


def test_the_fixture_holds_the_confirmed_networks_of_both_rounds():
    rows = [row["fields"] for row in json.loads(FIXTURE.read_text(encoding="utf-8"))]
    regional_2023 = [r for r in rows if r["kind"] == "regional" and r["valid_from"] == "2023-01-01"]
    assert len(regional_2023) == 13
    assert len([r for r in rows if r["kind"] == "fachstelle"]) == 3
    assert len([r for r in rows if r["kind"] == "state"]) == 16
    assert "MigraNet plus" not in {r["name"] for r in rows}
    confirmed_2026 = [r for r in rows if r["confirmed_until"] == "2028-12-31"]
    assert {r["short_name"] for r in confirmed_2026} == {
        "IQ NRW \N{EN DASH} Ost", "IQ Netzwerk Hessen (RIN)", "RINIA Mecklenburg-Vorpommern",
    }  # fmt: skip
    assert all(r["sources"] for r in rows)


@pytest.mark.django_db
def test_in_2026_the_demo_has_13_regional_networks_of_which_10_assumed(capsys):
    from django.core.management import call_command

    call_command("setup_demo")
    in_2026 = Network.objects.counselling().valid_on(datetime.date(2026, 6, 1))
    assert in_2026.count() == 13
    assert sum(network.validity_assumed for network in in_2026) == 10
    assert not Network.objects.get(slug="iq-netzwerk-mecklenburg-vorpommern-2023").validity_assumed
