"""Sends the read-only figures of the reports to a PostgreSQL read replica.

Only queries that ask for it (`.using("replica")` through `reports_db()`) go there; every
write and every ordinary read stays on the primary, so nobody reads their own write late.
"""

from django.conf import settings


def reports_db() -> str:
    return "replica" if "replica" in settings.DATABASES else "default"


class ReportsReplicaRouter:
    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True
