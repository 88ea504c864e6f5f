"""Shared fixtures. Browser tests drive Debian's real headless Chromium through Playwright."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests
# make themselves (fixtures, asserts) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(autouse=True)
def _live_server_serves_static_files_by_name(request, settings):
    """The live server's static handler finds files by their source names, so browser tests
    use unhashed names (and get the real CSS, which axe's contrast checks need). Hashed,
    compressed files are tested through gunicorn in tests/foundation."""
    from django.core.cache import caches

    browser = request.node.get_closest_marker("browser")
    if browser:
        settings.STORAGES = settings.STORAGES | {
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        }
        # Fragments rendered before hold the other storage's names (base.html's layout is
        # kept per language); in production the storage never changes while a worker runs.
        caches["fragments"].clear()
    yield
    if browser:
        caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """``client.force_login`` skips the whole login, the second factor (iqportal.second_factor)
    included: the session is verified with a real TOTP device of the user's. Tests of the login
    itself post to the login and second-factor pages instead."""
    from django.test.client import ClientMixin

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from iqportal.security import needs_second_factor

        if needs_second_factor(user):
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, name="test", defaults={"confirmed": True}
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture(autouse=True)
def _figures_cache_starts_empty():
    """The rendered figures are kept under their networks' version numbers, which a test's
    rollback takes back: another test could meet the same numbers with other data."""
    from django.core.cache import caches

    caches["figures"].clear()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def axe():
    """Runs axe-core in a page and returns its violations (an empty list when clean)."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def violations(page):
        results = checker.run(page)
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})"
            for v in results.response["violations"]
        ]

    return violations
