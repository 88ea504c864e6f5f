"""scripts/backup_check.py: a pg_dump restored into a fresh database holds every row, and the
check notices when a restore does not. Against the test PostgreSQL (committed data, so that
pg_dump's own connection sees it)."""

import datetime
import io
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from counselling.models import AccessAction, AccessLog
from tests.counselling.factory import (
    make_centre,
    make_client,
    make_consultation,
    make_counsellor,
    make_network,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import backup_check

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture
def records():
    network = make_network("backup-a")
    centre = make_centre(network)
    counsellor = make_counsellor(centre, username="backup_counsellor")
    for i in range(5):
        client = make_client(network, nationality="SY", birth_year=1980 + i)
        make_consultation(client, datetime.date(2026, 3, 1 + i), centre=centre, note=f"Notiz {i}")
        AccessLog.objects.record(counsellor, AccessAction.VIEW, client)


def test_a_dump_restores_with_every_row_and_checksum(records):
    out = io.StringIO()
    assert backup_check.check(database_url(), out=out) == 0, out.getvalue()
    text = out.getvalue()
    assert "backup check: OK" in text
    assert "DIFFERS" not in text
    with psycopg.connect(database_url()) as conn:
        left = conn.execute(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'iqportal_restore_check_%'"
        ).fetchone()[0]
    assert left == 0  # the scratch database is dropped


def test_the_check_notices_a_restore_that_differs(records, tmp_path):
    url = database_url()
    path = str(tmp_path / "iqportal.dump")
    before = backup_check.dump_and_snapshot(url, path)
    assert before["counselling_client"][0] == 5
    assert before["counselling_accesslog"][1] is not None
    scratch = "iqportal_restore_check_tampered"
    target = backup_check.restore(url, path, scratch)
    try:
        assert backup_check.compare(before, backup_check.snapshot(target)) == []
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("UPDATE counselling_client SET birth_year = 1900 WHERE birth_year = 1984")
            conn.execute("DELETE FROM django_session")
            conn.execute("INSERT INTO django_session VALUES ('x', 'y', now())")
            conn.execute("DROP TABLE pathways_employerplan")
        problems = backup_check.compare(before, backup_check.snapshot(target))
    finally:
        backup_check.drop(url, scratch)
    assert any(p.startswith("counselling_client: contents differ") for p in problems), problems
    assert any(p.startswith("pathways_employerplan: missing") for p in problems), problems
    assert any(p.startswith("django_session: rows") for p in problems), problems
