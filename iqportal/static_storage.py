"""The static files storage: whitenoise's (hashed names, precompressed files), with the URL of
each file kept once it is looked up."""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """``{% static %}`` looks the name up in the manifest and builds its URL anew on every call,
    about 26 µs; every page makes two such calls outside its kept fragments (htmx and
    portal.js). The manifest is read once per process and does not change while it runs, so
    each name's URL is kept (per ``force`` and DEBUG, under which the names are not hashed).
    A name not in the manifest still raises, every time."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool, bool], str] = {}

    def url(self, name, force=False):
        key = (name, force, settings.DEBUG)
        found = self._urls.get(key)
        if found is None:
            found = self._urls[key] = super().url(name, force)
        return found
