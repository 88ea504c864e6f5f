"""The database cache's table (settings.CACHES), for the code-guessing throttles."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # createcachetable makes the table of every DatabaseCache in settings.CACHES (none with
    # Redis) on this migration's database, and skips tables that exist.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS iqportal_cache")


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]
    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
