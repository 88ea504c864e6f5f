from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from pathways.models import EmployerPlan, SavedAnswers


@pytest.mark.django_db
def test_purging_deletes_only_what_has_expired(capsys):
    now = timezone.now()
    SavedAnswers.objects.create(code="OLD00001", expires_at=now - timedelta(seconds=1))
    kept = SavedAnswers.objects.create(code="NEW00001", expires_at=now + timedelta(days=1))
    EmployerPlan.objects.create(expires_at=now - timedelta(days=1))
    live_plan = EmployerPlan.objects.create(expires_at=now + timedelta(days=30))

    call_command("purge_expired")

    assert list(SavedAnswers.objects.all()) == [kept]
    assert list(EmployerPlan.objects.all()) == [live_plan]
    assert "Deleted 1 saved answers and 1 hiring plans." in capsys.readouterr().out
