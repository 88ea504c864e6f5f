#!/usr/bin/env bash
# One command: the benchmark suite (issue 16). Starts a throwaway PostgreSQL and gunicorn on
# 127.0.0.1 with the demo data, measures the pages against the bare floor view (/bench/floor,
# on only here: BENCH_FLOOR=1), then the engine rate, the figures at 100k and 1M consultations
# and the first-load bytes. `--quick`: short runs and 100k only, for trying.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
for arg in "$@"; do
    case $arg in
        --quick) quick=true ;;
        *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
    esac
done
bash scripts/bootstrap.sh test
source scripts/pdf_deps.sh
py=.venv/bin/python

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "==> installing wrk (Debian) as the load generator"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } ||
        echo "    (not installed: the small asyncio load generator is used instead)"
fi

source scripts/throwaway_pg.sh bench
web_port=$(free_port)
gunicorn_pid=
cleanup() {
    [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
    stop_throwaway_pg
}
trap cleanup EXIT
echo "==> PostgreSQL on 127.0.0.1:$pg_port, gunicorn on 127.0.0.1:$web_port"
export SECRET_KEY="bench-only-$(date +%s)-not-for-production"
export DEBUG=false ALLOWED_HOSTS="localhost,127.0.0.1,testserver" SECURE_SSL_REDIRECT=false
export SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0
export STATIC_ROOT="$pg_dir/static" ENV_FILE= BENCH_FLOOR=1 LOG_LEVEL=WARNING
# A bench run fails login many times never; still, no lockout may end it halfway.
export AXES_FAILURE_LIMIT=100000

echo "==> demo data (as scripts/run.sh)"
$py scripts/compile_translations.py
$py manage.py collectstatic --noinput --verbosity 0
$py manage.py migrate --verbosity 0
$py manage.py setup_demo >/dev/null
$py manage.py demo_plan >/dev/null

GUNICORN_BIND="127.0.0.1:$web_port" GUNICORN_WORKERS="${GUNICORN_WORKERS:-$(( $(nproc) * 2 ))}" \
    GUNICORN_THREADS="${GUNICORN_THREADS:-1}" \
    .venv/bin/gunicorn -c iqportal/gunicorn.conf.py --access-logfile /dev/null \
    --error-logfile "$pg_dir/gunicorn.log" &
gunicorn_pid=$!
for _ in $(seq 60); do
    curl -fsS "http://127.0.0.1:$web_port/bench/floor" >/dev/null 2>&1 && break
    sleep 0.5
done

echo "==> pages (20 concurrent clients, each page in turns with /bench/floor)"
if $quick; then
    $py benchmarks/bench_pages.py --base "http://127.0.0.1:$web_port" --duration 3 --rounds 1
else
    $py benchmarks/bench_pages.py --base "http://127.0.0.1:$web_port" --duration 10 --rounds 2
fi

echo
echo "==> engine"
if [ -f benchmarks/bench_engine.py ]; then
    $py benchmarks/bench_engine.py | tail -n 1
else
    echo "engine: not available (benchmarks/bench_engine.py is not in this checkout)"
fi

echo
echo "==> figures"
if [ -f benchmarks/bench_figures.py ]; then
    if $quick; then $py benchmarks/bench_figures.py --sizes 100000
    else $py benchmarks/bench_figures.py --sizes 100000,1000000; fi
else
    echo "figures: not available (benchmarks/bench_figures.py is not in this checkout)"
fi
