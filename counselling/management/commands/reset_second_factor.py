"""Removes a user's second factor (TOTP app and recovery codes) when the phone is lost.

The user's sessions end, and at the next login with their password they set up a new app and
get new recovery codes (``iqportal.second_factor.setup``). The reset is written to the audit
log. docs/operations.md says who may ask for it and how to check it is really them.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from counselling.models import AccessAction, AccessLog, role_of


def end_sessions(user) -> int:
    ended = 0
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


class Command(BaseCommand):
    help = "Remove a user's TOTP app and recovery codes (lost device); logged."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reason", default="device lost", help="Why, for the audit log (e.g. a ticket)."
        )
        parser.add_argument("--operator", default="", help="Who runs the reset, for the log.")

    def handle(self, *args, username, reason, operator, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        with transaction.atomic():
            apps = TOTPDevice.objects.filter(user=user).count()
            codes = StaticDevice.objects.filter(user=user).count()
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            sessions = end_sessions(user)
            role = role_of(user)
            AccessLog.objects.create(
                username=(operator or "manage.py")[:150],
                action=AccessAction.ACCOUNT,
                network_id=role.network_id if role else None,
                detail=(
                    f"second factor reset for {username}: {reason}; {apps} app(s), "
                    f"{codes} recovery set(s), {sessions} session(s) ended"
                )[:300],
            )
        self.stdout.write(
            f"{username}: {apps} app(s) and {codes} recovery code set(s) removed, "
            f"{sessions} session(s) ended. At the next login they set up a new app."
        )
