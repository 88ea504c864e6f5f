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

source scripts/throwaway_pg.sh pg
trap stop_throwaway_pg EXIT
echo "==> PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
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
