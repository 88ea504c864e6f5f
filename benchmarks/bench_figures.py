"""Benchmark: the figures pages at 100,000 and 1,000,000 consultations (issue 16).

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/iq_bench SECRET_KEY=x \\
        .venv/bin/python benchmarks/bench_figures.py --sizes 100000,1000000

On the PostgreSQL in DATABASE_URL (a throwaway one: it migrates it and fills it), for each size
it generates consultations over 2015-2025 with COPY up to that size (``generate_consultations
--copy``, which rebuilds the roll-ups), then times every figures page through Django's test
client as the role that sees it (a coordinator for one network, the programme role for all),
the bare SQL over the roll-ups that answers the same page, and the same figures in SQL over the
raw rows. "ms" is the page computed (its rendered figures cache emptied before each request, as
on the first view after a change of the data), "again ms" the same page seen again unchanged
(from ``counselling.figures_cache``). Prints one table: size, page, ms, bare-SQL ms, ratio,
raw-SQL ms, again ms (best of 5 each).
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqportal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.conf import settings  # noqa: E402

# Pages render without collectstatic: static URLs need no manifest here.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client as Browser  # noqa: E402
from django.urls import reverse  # noqa: E402

from counselling import figures_cache  # noqa: E402
from counselling.models import Consultation, Network, Role, StaffRole  # noqa: E402

REPEAT = 5
D = datetime.date
# (page, scope, start, end): scope "one" is the busiest network as its coordinator, "all" the
# programme role over every network.
PAGES = [
    ("one network, 2024", "one", D(2024, 1, 1), D(2024, 12, 31)),
    ("one network, 14 Feb 2024-3 Apr 2025", "one", D(2024, 2, 14), D(2025, 4, 3)),
    ("all networks, 2024", "all", D(2024, 1, 1), D(2024, 12, 31)),
    ("all networks, 2015-2022", "all", D(2015, 1, 1), D(2022, 12, 31)),
    ("all networks, 2015-2025", "all", D(2015, 1, 1), D(2025, 12, 31)),
]

# The monthly roll-ups' rows of a period (as ``rollups.spans``): its whole years from their year
# rows, the months around them from month rows.
SPANS = """((months = 12 AND month >= %(years_from)s AND month < %(years_after)s)
            OR (months = 1 AND month >= %(first)s AND month < %(years_from)s)
            OR (months = 1 AND month >= %(years_after)s AND month <= %(last)s))"""

# The bare SQL over the roll-ups: what the page's figures need, one statement each.
ROLLUP_SQL = [
    """SELECT network_id, channel,
              SUM(n) FILTER (WHERE is_first), SUM(key) FILTER (WHERE is_first),
              SUM(n) FILTER (WHERE NOT is_first), SUM(key) FILTER (WHERE NOT is_first),
              SUM(n) FILTER (WHERE format = 'group'), SUM(key) FILTER (WHERE format = 'group'),
              SUM(n) FILTER (WHERE format = 'employer'),
              SUM(key) FILTER (WHERE format = 'employer'),
              SUM(participants) FILTER (WHERE format = 'group')
       FROM counselling_consultationmonth
       WHERE network_id = ANY(%(networks)s) AND {SPANS}
       GROUP BY 1, 2""",
    """SELECT nationality, occupation_id, SUM(n), SUM(key) FROM counselling_originmonth
       WHERE network_id = ANY(%(networks)s) AND {SPANS}
       GROUP BY 1, 2""",
    """SELECT topic_id, SUM(n) FILTER (WHERE is_first), SUM(key) FILTER (WHERE is_first),
              SUM(n) FILTER (WHERE NOT is_first), SUM(key) FILTER (WHERE NOT is_first),
              SUM(n) FILTER (WHERE format = 'group'), SUM(key) FILTER (WHERE format = 'group'),
              SUM(n) FILTER (WHERE format = 'employer'),
              SUM(key) FILTER (WHERE format = 'employer')
       FROM counselling_topicmonth
       WHERE network_id = ANY(%(networks)s) AND {SPANS}
       GROUP BY 1""",
    """SELECT network_id, outcome, SUM(n), SUM(n) FILTER (WHERE refugee), SUM(key),
              SUM(key) FILTER (WHERE refugee)
       FROM counselling_peopleyears
       WHERE network_id = ANY(%(networks)s) AND first_year = %(y1)s AND last_year = %(y2)s
       GROUP BY 1, 2""",
    """SELECT outcome, SUM(n), SUM(key) FROM counselling_reachedyears
       WHERE network_id = ANY(%(networks)s) AND first_year = %(y1)s AND last_year = %(y2)s
       GROUP BY 1""",
    """SELECT network_id, SUM(n), SUM(key),
              SUM(n) FILTER (WHERE missing & 1 > 0), SUM(n) FILTER (WHERE missing & 2 > 0),
              SUM(n) FILTER (WHERE missing & 4 > 0), SUM(n) FILTER (WHERE missing & 8 > 0),
              SUM(n) FILTER (WHERE missing & 16 > 0)
       FROM counselling_peopleyears
       WHERE network_id = ANY(%(networks)s) AND first_year = %(y1)s AND last_year = %(y2)s
       GROUP BY 1""",
]

ROLLUP_SQL = [sql.replace("{SPANS}", SPANS) for sql in ROLLUP_SQL]

# The same figures over the raw rows (as before the roll-ups).
RAW_SQL = [
    """SELECT network_id, channel,
              COUNT(*) FILTER (WHERE is_first), SUM(record_key) FILTER (WHERE is_first),
              COUNT(*) FILTER (WHERE NOT is_first), COUNT(*) FILTER (WHERE format = 'group'),
              COUNT(*) FILTER (WHERE format = 'employer'),
              SUM(participants) FILTER (WHERE format = 'group')
       FROM counselling_consultation
       WHERE network_id = ANY(%(networks)s) AND date BETWEEN %(start)s AND %(end)s
       GROUP BY 1, 2""",
    """SELECT cl.nationality, cl.reference_occupation_id, COUNT(*), SUM(c.record_key)
       FROM counselling_consultation c JOIN counselling_client cl ON cl.id = c.client_id
       WHERE c.network_id = ANY(%(networks)s) AND c.date BETWEEN %(start)s AND %(end)s
             AND c.is_first GROUP BY 1, 2""",
    """SELECT t.topic_id, COUNT(*) FILTER (WHERE c.is_first), COUNT(*) FILTER (WHERE NOT c.is_first)
       FROM counselling_consultation_topics t
       JOIN counselling_consultation c ON c.id = t.consultation_id
       WHERE c.network_id = ANY(%(networks)s) AND c.date BETWEEN %(start)s AND %(end)s
       GROUP BY 1""",
    """SELECT cl.network_id, COALESCE((SELECT o.outcome FROM counselling_recognitionoutcomechange o
                 WHERE o.client_id = cl.id AND o.date <= %(end)s
                 ORDER BY o.date DESC, o.created_at DESC, o.id DESC LIMIT 1), 'not_applied'),
              COUNT(*), SUM(cl.record_key)
       FROM counselling_client cl
       WHERE cl.id IN (SELECT client_id FROM counselling_consultation
                       WHERE network_id = ANY(%(networks)s) AND date BETWEEN %(start)s AND %(end)s
                             AND format = 'individual')
       GROUP BY 1, 2""",
    """SELECT outcome, COUNT(DISTINCT client_id) FROM counselling_recognitionoutcomechange
       WHERE network_id = ANY(%(networks)s) AND date BETWEEN %(start)s AND %(end)s GROUP BY 1""",
]


def whole_years(first: datetime.date, last: datetime.date) -> dict:
    """The calendar years wholly within the months ``first``..``last``, as SPANS takes them."""
    first_year = first.year if first.month == 1 else first.year + 1
    last_year = last.year if last.month == 12 else last.year - 1
    if first_year > last_year:  # none: every month from month rows
        after = D(last.year + 1, 1, 1) if last.month == 12 else D(last.year, last.month + 1, 1)
        return {"years_from": after, "years_after": after}
    return {"years_from": D(first_year, 1, 1), "years_after": D(last_year + 1, 1, 1)}


def best_ms(function) -> float:
    best = None
    for _ in range(REPEAT):
        began = time.perf_counter()
        function()
        took = (time.perf_counter() - began) * 1000
        best = took if best is None else min(best, took)
    return best


def run_sql(statements, params) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params)
            cursor.fetchall()


def login(role: str, network=None) -> Browser:
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    name = f"bench-{role}-{network.pk if network else 'all'}"
    user, _ = get_user_model().objects.get_or_create(username=name)
    if not StaffRole.objects.filter(user=user).exists():
        StaffRole.objects.create(user=user, role=role, network=network)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    browser = Browser()
    browser.force_login(user)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser


def fill(size: int) -> None:
    have = Consultation.objects.count()
    if have < size:
        began = time.perf_counter()
        call_command(
            "generate_consultations", count=size - have, batch=20_000, copy=True, seed=size,
            start=D(2015, 1, 1), end=D(2025, 12, 31), stdout=sys.stderr,
        )  # fmt: skip
        print(f"# generated {size - have:,} consultations with COPY and rebuilt the roll-ups "
              f"in {time.perf_counter() - began:.0f} s", file=sys.stderr)  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if connection.vendor != "postgresql":
        sys.exit("bench_figures needs PostgreSQL (DATABASE_URL).")
    call_command("migrate", verbosity=0)
    call_command("setup_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    url = reverse("counselling:figures")
    print(f"{'size':>9}  {'page':<38} {'ms':>7} {'bare SQL ms':>11} {'ratio':>6} "
          f"{'raw SQL ms':>10} {'again ms':>8}")  # fmt: skip
    for size in sizes:
        fill(size)
        # The network with the most consultations in the one-network pages' periods (many
        # networks of the data ran only in earlier funding rounds and have none then).
        busiest = (
            Consultation.objects.filter(date__gte=D(2024, 1, 1), date__lte=D(2025, 4, 3))
            .values("network").annotate(n=Count("pk")).order_by("-n").first()
        )  # fmt: skip
        one = Network.objects.get(pk=busiest["network"])
        everyone = list(Network.objects.values_list("pk", flat=True))
        browsers = {"one": login(Role.COORDINATOR, one), "all": login(Role.PROGRAMME)}
        for page, scope, start, end in PAGES:
            query = {"start": start.isoformat(), "end": end.isoformat(),
                     "network": one.slug if scope == "one" else "all"}  # fmt: skip
            browser = browsers[scope]

            def get(browser=browser, query=query, fresh=True):
                if fresh:  # computed, as on the first view after a change of the data
                    caches[figures_cache.CACHE].clear()
                response = browser.get(url, query, secure=True)
                assert response.status_code == 200, response.status_code

            page_ms = best_ms(get)
            again_ms = best_ms(lambda get=get: get(fresh=False))
            params = {"networks": [one.pk] if scope == "one" else everyone,
                      "first": start.replace(day=1), "last": end.replace(day=1),
                      **whole_years(start.replace(day=1), end.replace(day=1)),
                      "y1": start.year, "y2": end.year, "start": start, "end": end}  # fmt: skip
            bare_ms = best_ms(lambda params=params: run_sql(ROLLUP_SQL, params))
            raw_ms = best_ms(lambda params=params: run_sql(RAW_SQL, params))
            print(f"{size:>9,}  {page:<38} {page_ms:7.1f} {bare_ms:11.1f} "
                  f"{page_ms / bare_ms:6.1f} {raw_ms:10.1f} {again_ms:8.1f}",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
