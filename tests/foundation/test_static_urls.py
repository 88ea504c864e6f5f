"""Static file URLs (iqportal.static_storage): the manifest's hashed names, looked up once per
name and process, unhashed under DEBUG, and an unknown name refused every time."""

import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from iqportal.static_storage import StaticFilesStorage


def test_a_static_url_is_the_manifests_hashed_name_and_kept():
    staticfiles_storage.url("js/portal.js")  # sets the lazy storage up
    assert isinstance(staticfiles_storage._wrapped, StaticFilesStorage)  # settings.STORAGES
    storage = StaticFilesStorage()
    url = storage.url("js/portal.js")
    assert re.fullmatch(r"/static/js/portal\.[0-9a-f]{12}\.js", url), url
    # What whitenoise's own storage says, and the same object the second time (kept).
    assert url == CompressedManifestStaticFilesStorage().url("js/portal.js")
    assert storage.url("js/portal.js") is url
    assert list(storage._urls) == [("js/portal.js", False, False)]


def test_under_debug_the_name_is_not_hashed_and_after_it_is_again():
    storage = StaticFilesStorage()
    hashed = storage.url("js/portal.js")
    with override_settings(DEBUG=True):
        assert storage.url("js/portal.js") == "/static/js/portal.js"
    assert storage.url("js/portal.js") == hashed


def test_a_name_not_in_the_manifest_is_refused_every_time():
    storage = StaticFilesStorage()
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("js/not-there.js")
    assert storage._urls == {}
