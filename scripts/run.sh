#!/usr/bin/env bash
# One command: set up and serve the portal with demo data on an embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh run
export DEBUG=${DEBUG:-true}
py=.venv/bin/python
$py manage.py compilemessages --ignore=.venv --verbosity 0
$py manage.py migrate --verbosity 0
$py manage.py setup_demo
$py manage.py demo_plan
echo "==> IQ Portal on http://127.0.0.1:8000  (Ctrl+C stops it)"
exec $py manage.py runserver 127.0.0.1:8000
