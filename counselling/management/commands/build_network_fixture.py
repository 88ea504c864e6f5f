"""Rebuilds ``fixtures/iq_networks.json`` from the programme's research file (see
``counselling.network_data``); ``--check`` fails when the fixture is not what the file gives."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from counselling import network_data

FIXTURE = settings.BASE_DIR / "fixtures" / "iq_networks.json"
RESEARCH = settings.BASE_DIR.parent / "shared" / "data" / "iq_networks.json"


class Command(BaseCommand):
    help = "Rebuild fixtures/iq_networks.json from shared/data/iq_networks.json."

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", type=Path, default=RESEARCH)
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, source, check, **options):
        if not source.is_file():
            raise CommandError(f"{source} not found; name the research file as an argument.")
        data = json.loads(source.read_text(encoding="utf-8"))
        existing = json.loads(FIXTURE.read_text(encoding="utf-8")) if FIXTURE.is_file() else []
        rows = network_data.fixture(data, existing)
        text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
        if check:
            if FIXTURE.read_text(encoding="utf-8") != text:
                raise CommandError("fixtures/iq_networks.json is out of date: run without --check.")
            return
        FIXTURE.write_text(text, encoding="utf-8")
        kinds = {}
        for row in rows:
            kinds[row["fields"]["kind"]] = kinds.get(row["fields"]["kind"], 0) + 1
        assumed = sum(1 for row in rows if row["fields"]["assumption"])
        self.stdout.write(f"{len(rows)} networks {kinds}, {assumed} continued as assumed.")
