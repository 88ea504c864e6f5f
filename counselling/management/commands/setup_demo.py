"""Loads the demo data for `scripts/run.sh` and prints the demo accounts' passwords.

Idempotent: reference data is added where missing (edits made in the admin stay), accounts get
new passwords, and synthetic consultations are generated only while there are none.
"""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.utils import timezone

from counselling import rollups
from counselling.models import Centre, Consultation, Network, Occupation, Role, StaffRole, Topic
from counselling.synthetic import Generator, Plan

FIXTURES = settings.BASE_DIR / "fixtures"
REFERENCE = [
    ("iq_networks.json", Network, "slug"),
    ("counselling_topics.json", Topic, "code"),
    ("counselling_occupations.json", Occupation, "code"),
]
HESSEN, OWL = "iq-netzwerk-hessen-rin-2023", "iq-nrw-ost-2023"
CENTRES = [
    (HESSEN, "IQ Beratungsstelle Frankfurt am Main", "Frankfurt am Main"),
    (HESSEN, "IQ Beratungsstelle Kassel", "Kassel"),
    (OWL, "IQ Beratungsstelle Bielefeld", "Bielefeld"),
]
# user name, first name, role, centre or network
DEMO_ACCOUNTS = [
    ("beraterin", "Demo-Beraterin", Role.COUNSELLOR, "IQ Beratungsstelle Frankfurt am Main"),
    ("berater-owl", "Demo-Berater", Role.COUNSELLOR, "IQ Beratungsstelle Bielefeld"),
    ("koordinator", "Demo-Koordinator", Role.COORDINATOR, HESSEN),
    ("programm", "Demo-Programm", Role.PROGRAMME, None),
]
PROGRAMME_ADMIN = "Programme administration"
DEMO_CONSULTATIONS = 300


class Command(BaseCommand):
    help = "Load demo data and (re)set the demo accounts' passwords."

    def handle(self, *args, **options):
        for file_name, model, key in REFERENCE:
            self._load(file_name, model, key)
        for slug, name, city in CENTRES:
            Centre.objects.get_or_create(
                network=Network.objects.get(slug=slug), name=name, defaults={"city": city}
            )
        lines = [self._account(*account) for account in DEMO_ACCOUNTS]
        self._demo_consultations()
        self.stdout.write("Demo accounts (user name, password):\n" + "\n".join(lines))

    def _load(self, file_name, model, key):
        with open(FIXTURES / file_name, encoding="utf-8") as file:
            for entry in json.load(file):
                fields = dict(entry["fields"])
                model.objects.get_or_create(**{key: fields.pop(key)}, defaults=fields)

    def _account(self, username, first_name, role, place):
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first_name}
        )
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.is_staff = role == Role.PROGRAMME
        user.save()
        if user.is_staff:
            user.groups.add(self._programme_admin_group())
        centre = Centre.objects.filter(name=place).first() if role == Role.COUNSELLOR else None
        network = Network.objects.filter(slug=place).first() if role == Role.COORDINATOR else None
        StaffRole.objects.update_or_create(
            user=user, defaults={"role": role, "centre": centre, "network": network}
        )
        return f"  {username:<14} {password}   ({role.label})"

    def _programme_admin_group(self):
        group, _ = Group.objects.get_or_create(name=PROGRAMME_ADMIN)
        # Not "staffrole": roles are given by a verified superuser only (counselling.admin).
        models = ["network", "centre", "topic", "occupation"]
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="counselling", content_type__model__in=models
            )
        )
        return group

    def _demo_consultations(self):
        if Consultation.objects.exists():
            return
        today = timezone.localdate()
        start = today.replace(year=today.year - 1, day=1)
        networks = list(Network.objects.counselling().valid_on(today))
        Generator(Plan(networks, start, today), seed=2026).run(DEMO_CONSULTATIONS)
        rollups.rebuild()
        self.stdout.write(
            f"{DEMO_CONSULTATIONS} synthetic consultations in {len(networks)} networks."
        )
