"""Loads the demo data for `scripts/run.sh` and prints the demo accounts' passwords."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_ACCOUNTS = [
    ("beraterin", "Demo-Beraterin"),
    ("koordinator", "Demo-Koordinator"),
]


class Command(BaseCommand):
    help = "Load demo data and (re)set the demo accounts' passwords."

    def handle(self, *args, **options):
        user_model = get_user_model()
        lines = []
        for username, first_name in DEMO_ACCOUNTS:
            user, _ = user_model.objects.get_or_create(
                username=username, defaults={"first_name": first_name}
            )
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save()
            lines.append(f"  {username:<14} {password}")
        self.stdout.write("Demo accounts (user name, password):\n" + "\n".join(lines))
