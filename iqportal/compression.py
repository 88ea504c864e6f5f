"""Django's ``GZipMiddleware`` at compression level 3 for whole responses (Django uses 6).

On the portal's large pages level 6 costs more than twice the CPU of level 3 for 15-20 %
fewer bytes (2026-12-03, one process, best of 5 runs of 40 compressions each):

| page | HTML | level 6 | level 3 |
|---|---|---|---|
| result page | 67.8 KB | 1.21 ms, 9.5 KB | 0.49 ms, 11.4 KB |
| Herr Delić | 37.1 KB | 0.55 ms, 6.4 KB | 0.30 ms, 7.1 KB |
| programme figures | 62.3 KB | 0.97 ms, 8.4 KB | 0.42 ms, 9.4 KB |

(nginx compresses at level 1 by default.) Everything else is Django's: what is compressed and
when (``super()`` decides and handles streaming responses), the ``Vary`` and ``ETag`` headers,
and the random-length file name in the gzip header against BREACH ("Heal the Breach", see
docs/operations.md), written as ``django.utils.text.compress_string`` writes it.
"""

from __future__ import annotations

import gzip
import secrets

from django.middleware import gzip as django_gzip
from django.utils.cache import patch_vary_headers

LEVEL = 3


def compress(content: bytes, *, max_random_bytes: int, level: int = LEVEL) -> bytes:
    """``content`` gzipped at ``level``, with a file name of 0 to ``max_random_bytes - 1``
    bytes in the header, so that the length of the response varies."""
    data = gzip.compress(content, compresslevel=level, mtime=0)
    header = bytearray(data[:10])
    header[3] = gzip.FNAME
    name = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return bytes(header) + name + data[10:]


class GZipMiddleware(django_gzip.GZipMiddleware):
    def process_response(self, request, response):
        accepts = django_gzip.re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if (
            response.streaming
            or len(response.content) < 200
            or response.has_header("Content-Encoding")
            or not accepts
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = compress(response.content, max_random_bytes=self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
