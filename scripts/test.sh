#!/usr/bin/env bash
# One command: install what the tests need, start a throwaway PostgreSQL 15 cluster, run the
# checks and the whole test suite (unit and browser tests) against it, stop the cluster.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/pathways -x`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
source scripts/pdf_deps.sh
if ! command -v pdftotext >/dev/null; then
    echo "==> installing Debian's poppler-utils (the tests read the PDF's text with pdftotext)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "==> installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
    echo "==> installing the PostgreSQL server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_dir=$(mktemp -d /tmp/iqportal-pg.XXXXXX)
chmod 755 "$pg_dir"
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
pg_port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop_cluster() {
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
}
trap stop_cluster EXIT
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o \
    "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
echo "==> PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
# The database itself, so that makemigrations can check the migration history against it.
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres iqportal

export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/iqportal"
export SECRET_KEY="test-only-$(date +%s)-not-for-production"
export DEBUG=false ALLOWED_HOSTS="localhost,127.0.0.1,testserver" SECURE_SSL_REDIRECT=false
export STATIC_ROOT="$pg_dir/static"
# A developer's .env (written by scripts/run.sh) must not change what the tests see.
export ENV_FILE=
py=.venv/bin/python

echo "==> static checks"
.venv/bin/ruff check --quiet .
.venv/bin/mypy --strict pathways/rules
$py manage.py check --fail-level WARNING
$py manage.py makemigrations --check --dry-run >/dev/null || {
    echo "A model change has no migration: run 'manage.py makemigrations'." >&2; exit 1; }
$py scripts/check_translations.py --strict-journeys
$py scripts/compile_translations.py
$py manage.py collectstatic --noinput --verbosity 0

echo "==> pytest"
set +e
$py -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collected nothing: treat as a failure, never as green.
[ $status -eq 5 ] && echo "No tests were collected." >&2
exit $status
