from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "counselling"
    verbose_name = _("Counselling")

    def ready(self):
        from counselling import figures_cache, rollups, signals  # noqa: F401 - connects receivers

        rollups.connect()
        figures_cache.connect()
