#!/usr/bin/env bash
# One command: set up and serve the portal with demo data on an embedded SQLite database.
# It writes .env (never committed) on its first run: a secret key of its own, the local host
# names, no HTTPS redirect and the console for e-mail, so that the README's manage.py commands
# work as written and the portal shows its own 404 and 500 pages (not Django's debug pages).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh run
source scripts/pdf_deps.sh
py=.venv/bin/python
if [ ! -f .env ]; then
    echo "==> writing .env for local use"
    umask 077
    cat > .env <<ENV
# Written by scripts/run.sh for local use on this machine; never commit it.
SECRET_KEY=$($py -c 'import secrets; print(secrets.token_urlsafe(50))')
DEBUG=false
ALLOWED_HOSTS=localhost,127.0.0.1,[::1]
SECURE_SSL_REDIRECT=false
SESSION_COOKIE_SECURE=false
CSRF_COOKIE_SECURE=false
SECURE_HSTS_SECONDS=0
EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
ENV
fi
$py scripts/compile_translations.py
$py manage.py collectstatic --noinput --verbosity 0
$py manage.py migrate --verbosity 0
$py manage.py setup_demo
$py manage.py demo_plan
echo "==> IQ Portal on http://127.0.0.1:8000  (Ctrl+C stops it)"
# DEBUG is off: whitenoise serves the collected, hashed static files as in production.
exec $py manage.py runserver 127.0.0.1:8000
