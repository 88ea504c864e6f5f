"""What a staff login does to the session.

- It ends what the browser's visitor had typed into the questionnaire: a counsellor's session
  must not carry a migrant's answers (e.g. on a shared counter PC) into the counselling pages,
  where they could end up in a record by mistake.
- It starts the idle timeout's clock (iqportal.middleware.IdleTimeoutMiddleware).
"""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from iqportal.middleware import IDLE_KEY
from iqportal.security import needs_second_factor
from pathways.questionnaire import SESSION_KEY, UNLOCKED_KEY


@receiver(user_logged_in, dispatch_uid="counselling_staff_login")
def staff_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and needs_second_factor(user):
        request.session.pop(SESSION_KEY, None)
        request.session.pop(UNLOCKED_KEY, None)
        request.session[IDLE_KEY] = time.time()
