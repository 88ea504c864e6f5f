"""Applies the retention rules of ``counselling.retention`` (run daily; docs/operations.md).

``--dry-run`` prints what would be anonymised and deleted and changes nothing.
"""

from django.core.management.base import BaseCommand

from counselling.retention import apply_retention


class Command(BaseCommand):
    help = "Anonymise inactive clients, delete old questionnaire copies and audit log entries."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        outcome = apply_retention(dry_run=dry_run)
        for line in outcome.lines():
            self.stdout.write(line)
