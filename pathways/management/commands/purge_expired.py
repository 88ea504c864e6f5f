"""Deletes saved questionnaire answers and hiring plans whose stated time has run out.

Run daily (cron or the platform's scheduler), together with `manage.py clearsessions`,
so that nothing is kept longer than the portal tells people it is.
"""

from django.core.management.base import BaseCommand

from pathways.models import EmployerPlan, SavedAnswers


class Command(BaseCommand):
    help = "Delete expired saved answers and hiring plans."

    def handle(self, *args, **options):
        answers, _ = SavedAnswers.objects.expired().delete()
        plans, _ = EmployerPlan.objects.expired().delete()
        self.stdout.write(f"Deleted {answers} saved answers and {plans} hiring plans.")
