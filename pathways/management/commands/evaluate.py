"""manage.py evaluate [FILE|-] [--on YYYY-MM-DD] [--lang de|en]: one profile in, the result out."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pathways.rules.engine import evaluate, parse_on
from pathways.rules.texts import ProfileError


class Command(BaseCommand):
    help = "Evaluates one profile (JSON from a file or standard input) and prints the result."
    # Tests pass a StringIO as stdin through call_command.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="JSON file, or - for stdin")
        parser.add_argument("--on", help="evaluate as the law stood on this date (YYYY-MM-DD)")
        parser.add_argument("--lang", default="de", choices=["de", "en"])

    def handle(self, *args, **options):
        source = options["file"]
        try:
            stdin = options.get("stdin") or sys.stdin
            text = stdin.read() if source == "-" else Path(source).read_text("utf-8")
        except OSError as error:
            raise CommandError(f"file: cannot read {source}: {error.strerror}") from None
        try:
            profile = json.loads(text)
        except ValueError as error:
            raise CommandError(f"profile: not valid JSON ({error})") from None
        try:
            result = evaluate(profile, on=parse_on(options["on"]))
        except ProfileError as error:
            raise CommandError(f"{error.field}: {error.message.get(options['lang'])}") from None
        self.stdout.write(json.dumps(result.to_dict(options["lang"]), ensure_ascii=False, indent=2))
