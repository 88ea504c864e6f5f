#!/usr/bin/env bash
# Runs benchmarks/load_counselling.py against gunicorn and a throwaway PostgreSQL, both on
# loopback, as scripts/test.sh starts them; stops both afterwards, also on failure.
#   bash benchmarks/run_load.sh [--users 100 --posts 3 --concurrency 100]
# GUNICORN_WORKERS (default 5) and GUNICORN_THREADS (default 2) size the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test >/dev/null
py=.venv/bin/python
# Durable as in production: the load test counts what is stored.
source scripts/throwaway_pg.sh load -c fsync=on -c synchronous_commit=on -c full_page_writes=on \
    -c max_connections=200
web_port=$(free_port)
gunicorn_pid=
stop() {
    [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
    stop_throwaway_pg
}
trap stop EXIT
export SECRET_KEY="load-only-$(date +%s)-not-for-production" ENV_FILE=
export DEBUG=false ALLOWED_HOSTS="127.0.0.1,localhost" SECURE_SSL_REDIRECT=false
export SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0
export STATIC_ROOT="$pg_dir/static"
$py scripts/compile_translations.py >/dev/null
$py manage.py collectstatic --noinput --verbosity 0
$py manage.py migrate --verbosity 0
GUNICORN_BIND="127.0.0.1:$web_port" GUNICORN_WORKERS="${GUNICORN_WORKERS:-5}" \
    GUNICORN_THREADS="${GUNICORN_THREADS:-2}" \
    .venv/bin/gunicorn -c iqportal/gunicorn.conf.py --access-logfile "$pg_dir/access.log" \
    --error-logfile "$pg_dir/error.log" >"$pg_dir/server-out.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 50); do
    curl -fsS "http://127.0.0.1:$web_port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
echo "==> gunicorn (${GUNICORN_WORKERS:-5} workers × ${GUNICORN_THREADS:-2} threads) on 127.0.0.1:$web_port, PostgreSQL on $pg_port"
set +e
$py benchmarks/load_counselling.py --url "http://127.0.0.1:$web_port" "$@"
status=$?
set -e
echo "==> HTTP statuses in the access log:"
awk '{for (i=1;i<=NF;i++) if ($i ~ /^HTTP\//) {print $(i+1); break}}' "$pg_dir/access.log" | sort | uniq -c || true
grep -c "Traceback" "$pg_dir/error.log" | sed 's/^/tracebacks in the error log: /'
exit $status
