#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1, for the tests, the benchmarks and the load test.
# Sourced, after the venv exists:
#     source scripts/throwaway_pg.sh NAME [postgres -c settings, e.g. "-c max_connections=200"]
# installs Debian's PostgreSQL server if missing, starts a cluster in /tmp/iqportal-NAME.XXXXXX on
# a free port, creates the database "iqportal" and sets pg_bin, pg_dir, pg_port and DATABASE_URL.
# The caller's EXIT trap calls `stop_throwaway_pg`, which stops the cluster and removes its files.
# Durability is off (fsync, synchronous_commit, full_page_writes): nothing here outlives the run.

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
    echo "==> installing the PostgreSQL server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pg_dir=$(mktemp -d "/tmp/iqportal-${1:-pg}.XXXXXX")
chmod 755 "$pg_dir"
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
pg_port=$(free_port)
stop_throwaway_pg() {
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
}
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o \
    "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${*:2}" \
    start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres iqportal
export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/iqportal"
