"""Saves Herr Delić's hiring plan (seed 000) as a demo of a tracked plan and prints its link.

The plan starts ten weeks ago; the first two steps are marked done a week late each, so the
page shows the re-planned dates and the slip. Each run replaces the previous demo plan.
"""

from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.urls import reverse

from pathways import hiring
from pathways.models import EmployerPlan

DEMO_MARK = "demo:herr_delic"


class Command(BaseCommand):
    help = "Save Herr Delić's hiring plan with two steps done late, and print its link."

    def handle(self, *args, **options):
        EmployerPlan.objects.filter(inputs__demo=DEMO_MARK).delete()
        start = date.today() - timedelta(weeks=10)
        inputs = hiring.herr_delic()["inputs"] | {"start": start.isoformat(), "demo": DEMO_MARK}
        # His brochure route, § 81a towards § 18a (the ranking may put another way first).
        saved = hiring.save_plan(inputs, "de", route=("skilled_worker", True))
        tracked = hiring.track(saved.inputs, saved.baseline, {})
        for planned in tracked.timeline.plan.steps[:2]:
            late = planned.end + timedelta(weeks=1)
            hiring.record_done(saved, planned.key, min(late, date.today()))
        link = reverse("hiring:plan", args=[saved.token])
        self.stdout.write(
            f"Herr Delić: example http://127.0.0.1:8000{reverse('hiring:herr_delic')}\n"
            f"            saved plan http://127.0.0.1:8000{link}"
        )
