"""Prints a digest of pyproject.toml's dependency groups.

scripts/lock.sh writes it into requirements/<group>.txt; scripts/bootstrap.sh compares it, so a
dependency added without regenerating the lock stops the install with a clear message instead of
silently installing the old pins.
"""

import hashlib
import json
import sys
import tomllib
from pathlib import Path

pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
groups = tomllib.loads(pyproject.read_text())
digest = hashlib.sha256(
    json.dumps(groups.get("dependency-groups", {}), sort_keys=True).encode()
).hexdigest()[:16]

if len(sys.argv) > 1:  # --check FILE: does FILE carry the current digest?
    header = Path(sys.argv[2]).read_text().splitlines()[1]
    sys.exit(0 if header == f"# dependency-groups: {digest}" else 1)
print(digest)
