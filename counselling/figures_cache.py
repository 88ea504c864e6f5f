"""Rendered figures kept per worker under the versions of the data they show (issue 16).

A figures page is the same for everybody who may see it: it depends on the networks, the
period, whether the figures are perturbed (the programme role) and the language, not on the
person. Each network has a version number (``FiguresVersion``), raised in the same transaction
as every write that changes its figures: the roll-up recounts of ``counselling.rollups`` (every
change of consultations, clients and recognition outcomes goes through them), their rebuild,
and a change of the names the figures show (networks, topics, reference occupations). The
figures are kept under those numbers, so a page computed before a change is not found after
it; the old entries simply age out of the cache.

The filter form above the figures is kept under the same key with the network and the dates as
typed: the programme role's list of every network changes only with the networks, and each
change of a network raises every version.

A reader that sees a version sees at least the data committed with it (read committed), so
what it computes and keeps under it is that data or newer: never older.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from counselling.models import FiguresVersion, Network, Occupation, Topic

# The rendered figures (``{% cache … using=CACHE %}`` in counselling/figures.html).
CACHE = "figures"


def bump(network_ids: Iterable[int | None]) -> None:
    """Raises the figures versions of ``network_ids`` (call inside the writing transaction)."""
    ids = sorted({network for network in network_ids if network})
    if not ids:
        return
    FiguresVersion.objects.bulk_create(
        [FiguresVersion(network_id=network) for network in ids], ignore_conflicts=True
    )
    FiguresVersion.objects.filter(network_id__in=ids).update(number=F("number") + 1)


def bump_all() -> None:
    bump(Network.objects.values_list("pk", flat=True))


def key(networks, start, end, suppressed: bool) -> str:
    """What a figures page shows depends on, but the language (the template adds it).

    ``networks`` is the queryset of the page's networks: their versions are read with them, in
    one query, from the database the figures are read from."""
    versions = networks.order_by("pk").values_list("pk", "figures_version__number")
    scope = ",".join(f"{pk}.{number or 0}" for pk, number in versions)
    return f"{start:%Y-%m-%d}..{end:%Y-%m-%d} {'perturbed' if suppressed else 'exact'} {scope}"


def _names_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        bump_all()


def connect() -> None:
    for model in (Network, Topic, Occupation):
        uid = f"counselling_figures_cache_{model.__name__}"
        post_save.connect(_names_changed, model, dispatch_uid=uid + "_save")
        post_delete.connect(_names_changed, model, dispatch_uid=uid + "_delete")
