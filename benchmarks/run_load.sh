#!/usr/bin/env bash
# Runs benchmarks/load_counselling.py against gunicorn and a throwaway PostgreSQL, both on
# loopback, as scripts/test.sh starts them; stops both afterwards, also on failure.
#   bash benchmarks/run_load.sh [--users 100 --posts 3 --concurrency 100]
# GUNICORN_WORKERS (default 5) and GUNICORN_THREADS (default 2) size the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test >/dev/null
py=.venv/bin/python
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
work=$(mktemp -d /tmp/iqportal-load.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" = 0 ] && chown postgres "$work"
free_port() { $py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
web_port=$(free_port)
gunicorn_pid=
stop() {
    [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
    as_pg "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop EXIT
as_pg "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o \
    "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres iqportal
export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/iqportal"
export SECRET_KEY="load-only-$(date +%s)-not-for-production" ENV_FILE=
export DEBUG=false ALLOWED_HOSTS="127.0.0.1,localhost" SECURE_SSL_REDIRECT=false
export SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0
export STATIC_ROOT="$work/static"
$py scripts/compile_translations.py >/dev/null
$py manage.py collectstatic --noinput --verbosity 0
$py manage.py migrate --verbosity 0
GUNICORN_BIND="127.0.0.1:$web_port" GUNICORN_WORKERS="${GUNICORN_WORKERS:-5}" \
    GUNICORN_THREADS="${GUNICORN_THREADS:-2}" \
    .venv/bin/gunicorn -c iqportal/gunicorn.conf.py --access-logfile "$work/access.log" \
    --error-logfile "$work/error.log" >"$work/server-out.log" 2>&1 &
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
awk '{for (i=1;i<=NF;i++) if ($i ~ /^HTTP\//) {print $(i+1); break}}' "$work/access.log" | sort | uniq -c || true
grep -c "Traceback" "$work/error.log" | sed 's/^/tracebacks in the error log: /'
exit $status
