import re

import pytest
from django.core.management import call_command

from pathways.models import EmployerPlan


@pytest.mark.django_db
def test_the_demo_plan_of_herr_delic_shows_two_late_steps_and_replaces_itself(client, capsys):
    call_command("demo_plan")
    call_command("demo_plan")

    saved = EmployerPlan.objects.get()
    assert len(saved.progress) == 2
    assert f"/hiring/plan/{saved.token}/" in capsys.readouterr().out
    page = client.get(f"/hiring/plan/{saved.token}/", HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 200
    # Two steps done a week late each push the start of work back.
    assert re.search(
        r"Die Arbeit beginnt \d+ Tage später als zuerst geplant", page.content.decode()
    )
