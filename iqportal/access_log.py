"""gunicorn's access log without bearer secrets (``logger_class`` in iqportal/gunicorn.conf.py).

Saved questionnaire codes (``/check/r/<code>/``, ``?questionnaire=``, ``?code=``) and hiring
plan tokens (``/hiring/plan/<token>/``) open what they guard to whoever has them, so an access
log line names them by a short hash only: ``/check/r/#3fa2c1d09e4b/``. The hash is the one of
``counselling.audit.code_hash`` for codes, so a log line and an audit log entry can be matched.
The referrer is treated the same way.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode

from gunicorn.glogging import Logger

# Path segments that are secrets: the one after /check/r/ and after /hiring/plan/.
_SECRET_PATH = re.compile(r"(/(?:check/r|hiring/plan)/)([^/?#\s]+)")
_SECRET_PARAMETERS = frozenset({"questionnaire", "code", "questionnaire_code", "token"})


def _hash(secret: str) -> str:
    # As counselling.audit.code_hash: upper case, spaces and dashes dropped, O/I/L read as 0/1/1.
    normal = secret.strip().upper().replace(" ", "").replace("-", "")
    normal = normal.translate(str.maketrans("OIL", "011"))
    return "#" + hashlib.sha256(normal.encode()).hexdigest()[:12]


def redact_path(path: str) -> str:
    return _SECRET_PATH.sub(lambda m: m.group(1) + _hash(m.group(2)), path or "")


def redact_query(query: str) -> str:
    if not query or not any(name in query for name in _SECRET_PARAMETERS):
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode(
        [(name, _hash(value) if name in _SECRET_PARAMETERS else value) for name, value in pairs],
        safe="#",
    )


def redact_uri(uri: str) -> str:
    path, question, query = (uri or "").partition("?")
    return redact_path(path) + (question + redact_query(query) if question else "")


class RedactingLogger(Logger):
    """gunicorn's logger whose access log atoms carry hashes instead of codes and tokens."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        method, _, rest = atoms["r"].partition(" ")
        uri, _, protocol = rest.rpartition(" ")
        atoms["r"] = f"{method} {redact_uri(uri)} {protocol}"
        atoms["U"] = redact_path(atoms["U"])
        atoms["q"] = redact_query(atoms["q"])
        atoms["f"] = redact_uri(atoms["f"])
        for key in _REDACTED_ATOMS & atoms.keys():
            atoms[key] = redact_uri(atoms[key])
        return atoms


# The request's URI, path, query and referrer as ``%({name}e)s`` / ``%({name}i)s`` atoms.
_REDACTED_ATOMS = frozenset({"{raw_uri}e", "{path_info}e", "{query_string}e", "{referer}i"})
