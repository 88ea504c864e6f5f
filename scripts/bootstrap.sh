#!/usr/bin/env bash
# Creates .venv with a Python >= 3.12 and installs one dependency group from the lock file.
# Usage: scripts/bootstrap.sh run|test      (sourced helpers: scripts/run.sh, scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
group=${1:?usage: scripts/bootstrap.sh run|test}

find_python() {
    local wanted candidates c
    wanted=$(cat .python-version 2>/dev/null || true)
    candidates=()
    [ -n "$wanted" ] && candidates+=("${PYENV_ROOT:-$HOME/.pyenv}/versions/$wanted/bin/python")
    candidates+=(python3.13 python3.12 python3.14 python3)
    for c in "${candidates[@]}"; do
        if command -v "$c" >/dev/null 2>&1 &&
            "$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$c"
            return 0
        fi
    done
    return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
    if ! python=$(find_python); then
        echo "IQ Portal needs Python 3.12 or newer (Django 6), and none was found." >&2
        echo "Install one (e.g. 'pyenv install $(cat .python-version)') and run this again." >&2
        exit 1
    fi
    echo "==> creating .venv with $python ($("$python" --version))"
    rm -rf .venv
    "$python" -m venv .venv
fi

# Installs exactly the pins of requirements/<group>.txt (exported from uv.lock, every file checked
# against its sha256), so a new release of a dependency cannot change a clean install or CI.
lock=requirements/$group.txt
if ! .venv/bin/python scripts/lock_stamp.py --check "$lock"; then
    echo "pyproject.toml's dependency groups changed since $lock was generated." >&2
    echo "Regenerate the lock with 'bash scripts/lock.sh' and commit uv.lock and requirements/." >&2
    exit 1
fi
stamp=.venv/.installed-$group
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    echo "==> installing the '$group' dependencies from $lock"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
        --no-deps -r "$lock"
    touch "$stamp"
fi

if ! command -v msgfmt >/dev/null 2>&1; then
    echo "==> installing gettext (msgfmt compiles the translations)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
fi
