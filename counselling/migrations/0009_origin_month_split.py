"""OriginMonth holds first consultations by nationality and, apart from that, by reference
occupation instead of by the pair of both (counselling.rollups): the existing rows are added up
into the new ones, so the figures stay the same without a rebuild."""

from django.db import migrations
from django.db.models import Sum


def split(apps, schema_editor):
    origin = apps.get_model("counselling", "OriginMonth")
    rows = origin.objects.using(schema_editor.connection.alias)
    nationalities = list(
        rows.exclude(nationality="")
        .values("network_id", "month", "nationality")
        .annotate(total=Sum("n"), keys=Sum("key"))
        .order_by()
    )
    occupations = list(
        rows.filter(occupation_id__isnull=False)
        .values("network_id", "month", "occupation_id")
        .annotate(total=Sum("n"), keys=Sum("key"))
        .order_by()
    )
    rows.all().delete()
    rows.bulk_create(
        [origin(network_id=r["network_id"], month=r["month"], nationality=r["nationality"],
                n=r["total"], key=r["keys"]) for r in nationalities]
        + [origin(network_id=r["network_id"], month=r["month"], occupation_id=r["occupation_id"],
                  n=r["total"], key=r["keys"]) for r in occupations],
        batch_size=5000,
    )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("counselling", "0008_erasure_request")]

    operations = [migrations.RunPython(split, migrations.RunPython.noop, elidable=True)]
