"""manage.py build_golden_corpus [--size N] [--output PATH] [--check]."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pathways.rules import golden


class Command(BaseCommand):
    help = "Records representative profiles and their verdicts as the golden corpus (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=golden.SIZE)
        parser.add_argument("--output", type=Path, default=golden.DEFAULT_PATH)
        parser.add_argument(
            "--check",
            action="store_true",
            help="only compare with the recorded corpus; exit 1 on a change",
        )

    def handle(self, *args, **options):
        path = options["output"]
        if options["check"]:
            recorded = json.loads(path.read_text("utf-8"))
            changes = golden.diff(recorded, golden.build(options["size"]))
            if changes:
                raise CommandError("verdicts changed:\n" + "\n".join(changes))
            self.stdout.write("golden corpus unchanged")
            return
        corpus = golden.write(path, options["size"])
        self.stdout.write(f"wrote {len(corpus['entries'])} profiles to {path}")
