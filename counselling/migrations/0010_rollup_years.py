"""Year rows in the monthly roll-ups (``months`` 12, counselling.rollups): added up here from
the month rows already stored, so the figures read them without a rebuild."""

from django.db import migrations, models
from django.db.models import Sum
from django.db.models.functions import TruncYear

MONTHLY = {
    "consultationmonth": (("channel", "format", "is_first"), ("n", "key", "participants")),
    "originmonth": (("nationality", "occupation_id"), ("n", "key")),
    "topicmonth": (("topic_id", "format", "is_first"), ("n", "key")),
}


def add_years(apps, schema_editor):
    for name, (categories, sums) in MONTHLY.items():
        model = apps.get_model("counselling", name)
        rows = (
            model.objects.using(schema_editor.connection.alias)
            .filter(months=1)
            .annotate(year=TruncYear("month"))
            .values("network_id", "year", *categories)
            .annotate(**{f"total_{field}": Sum(field) for field in sums})
            .order_by()
        )
        model.objects.using(schema_editor.connection.alias).bulk_create(
            [model(network_id=row["network_id"], month=row["year"], months=12,
                   **{field: row[field] for field in categories},
                   **{field: row[f"total_{field}"] for field in sums}) for row in rows],
            batch_size=5000,
        )  # fmt: skip


def drop_years(apps, schema_editor):
    for name in MONTHLY:
        model = apps.get_model("counselling", name)
        model.objects.using(schema_editor.connection.alias).filter(months=12).delete()


class Migration(migrations.Migration):
    dependencies = [("counselling", "0009_origin_month_split")]

    operations = [
        migrations.RemoveIndex(model_name="consultationmonth", name="counselling_network_5ebb0b_idx"),
        migrations.RemoveIndex(model_name="originmonth", name="counselling_network_557f76_idx"),
        migrations.RemoveIndex(model_name="topicmonth", name="counselling_network_3dc349_idx"),
        *(
            migrations.AddField(
                model_name=name, name="months", field=models.PositiveSmallIntegerField(default=1)
            )
            for name in MONTHLY
        ),
        migrations.AddIndex(
            model_name="consultationmonth",
            index=models.Index(fields=["network", "months", "month"], name="consultationmonth_span"),
        ),
        migrations.AddIndex(
            model_name="originmonth",
            index=models.Index(fields=["network", "months", "month"], name="originmonth_span"),
        ),
        migrations.AddIndex(
            model_name="topicmonth",
            index=models.Index(fields=["network", "months", "month"], name="topicmonth_span"),
        ),
        migrations.RunPython(add_years, drop_years, elidable=True),
    ]
