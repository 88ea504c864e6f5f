"""Proves that a backup restores: dumps the database (pg_dump, custom format), restores the dump
into a fresh scratch database on the same server (pg_restore), and compares every table's row
count and a checksum of the key tables' contents (the rows the figures count, the audit log,
the accounts), then drops the scratch database.

    DATABASE_URL=postgres://... python scripts/backup_check.py [--dump FILE] [--keep]

``--dump FILE`` checks an existing dump instead of making one (the nightly backup file itself);
``--keep`` leaves the scratch database for a look. Exit 0 when everything matches, 1 when a
count or checksum differs, 2 on a usage or connection problem. The role needs CREATEDB.
The figures are computed from the key tables alone, so equal checksums mean equal figures.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

# The tables whose contents are compared row by row (ordered by primary key); every other
# table of the schema is compared by its row count.
KEY_TABLES = [
    "counselling_network",
    "counselling_centre",
    "counselling_staffrole",
    "counselling_client",
    "counselling_consultation",
    "counselling_consultation_topics",
    "counselling_historicalconsultation",
    "counselling_recognitionoutcomechange",
    "counselling_accesslog",
    "counselling_erasurerequest",
    "auth_user",
    "otp_totp_totpdevice",
    "pathways_savedanswers",
    "pathways_employerplan",
]


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        sys.exit(f"{name} not found: install the PostgreSQL client tools.")
    return candidates[-1]


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def snapshot_of(conn) -> dict[str, tuple[int, str | None]]:
    """{table: (rows, md5 of the rows or None)} of the public schema, on ``conn``."""
    out: dict[str, tuple[int, str | None]] = {}
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    for table in tables:
        ident = sql.Identifier(table)
        rows = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(ident)).fetchone()[0]
        digest = None
        if table in KEY_TABLES:
            # Every row as text (all its columns), in a fixed order.
            query = sql.SQL(
                "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                " FROM {} AS t"
            ).format(ident)
            digest = conn.execute(query).fetchone()[0]
        out[table] = (rows, digest)
    return out


def snapshot(url: str) -> dict[str, tuple[int, str | None]]:
    with psycopg.connect(url) as conn:
        return snapshot_of(conn)


def compare(before: dict, after: dict) -> list[str]:
    """Lines naming every table whose count or checksum differs, or that is missing."""
    problems = []
    for table in sorted(before.keys() | after.keys()):
        if table not in after:
            problems.append(f"{table}: missing after the restore")
        elif table not in before:
            problems.append(f"{table}: only in the restore")
        elif before[table] != after[table]:
            (rows_a, sum_a), (rows_b, sum_b) = before[table], after[table]
            what = f"rows {rows_a} -> {rows_b}" if rows_a != rows_b else "contents differ"
            problems.append(f"{table}: {what} (checksum {sum_a} -> {sum_b})")
    return problems


def dump(url: str, path: str, snapshot_id: str | None = None) -> None:
    command = [pg_tool("pg_dump"), "--format=custom", f"--file={path}"]
    if snapshot_id:
        command.append(f"--snapshot={snapshot_id}")
    subprocess.run([*command, url], check=True)


def dump_and_snapshot(url: str, path: str) -> dict[str, tuple[int, str | None]]:
    """The dump and the counts of the same moment: pg_dump reads the snapshot that this
    transaction exports, so writes of a running portal do not make the two differ."""
    with psycopg.connect(url) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot_id = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        before = snapshot_of(conn)
        dump(url, path, snapshot_id)
        conn.execute("COMMIT")
    return before


def restore(url: str, path: str, scratch: str) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    target = with_database(url, scratch)
    subprocess.run(
        [pg_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={target}", path],
        check=True,
    )
    return target


def drop(url: str, scratch: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))


def check(url: str, dump_file: str | None = None, keep: bool = False, out=sys.stdout) -> int:
    """Dump (or take ``dump_file``), restore into a scratch database, compare; 0 when equal.
    With ``dump_file`` the live database is compared as it is now: run it on a quiet database
    or against a restored copy of the day the dump was made."""
    scratch = f"iqportal_restore_check_{int(time.time())}_{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp:
        path = dump_file or os.path.join(tmp, "iqportal.dump")
        start = time.perf_counter()
        before = dump_and_snapshot(url, path) if dump_file is None else snapshot(url)
        size = os.path.getsize(path)
        dumped = time.perf_counter()
        target = restore(url, path, scratch)
        restored = time.perf_counter()
        try:
            after = snapshot(target)
        finally:
            if not keep:
                drop(url, scratch)
    problems = compare(before, after)
    rows = sum(count for count, _ in before.values())
    summed = sum(1 for _, digest in before.values() if digest is not None)
    print(
        f"tables {len(before)}, rows {rows}, key tables checksummed {summed}; "
        f"dump {size / 1e6:.2f} MB in {dumped - start:.1f} s, restore {restored - dumped:.1f} s",
        file=out,
    )
    for line in problems:
        print("DIFFERS " + line, file=out)
    if keep:
        print(f"scratch database kept: {scratch}", file=out)
    print("backup check: OK" if not problems else "backup check: FAILED", file=out)
    return 0 if not problems else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", help="check this pg_dump file (custom format) instead")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("Set DATABASE_URL to the PostgreSQL database to check.", file=sys.stderr)
        return 2
    try:
        return check(url, args.dump, args.keep)
    except (psycopg.Error, subprocess.CalledProcessError) as error:
        print(f"backup check: could not complete: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
