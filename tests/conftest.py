"""The fixtures every room shares: the demo loaded once, users, the live server and Chromium."""

import os
import shutil

import pytest
from django.core.cache import cache
from django.db import connection

from wagtail_charte.contrib.audit.chromium import CHROMIUM_ARGS as AUDIT_CHROMIUM_ARGS
from wagtail_charte.models import CookieBannerSettings

from .helpers import (
    DEMO_ADMIN,
    PASSWORD,
    load_demo,
    loaded_database,
    track_requests,
    user_with_permissions,
    wait_for_requests,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    *AUDIT_CHROMIUM_ARGS,
    # Lets tests reach the live server as www.charte.test, to check parent-domain cookies.
    "--host-resolver-rules=MAP charte.test 127.0.0.1, MAP *.charte.test 127.0.0.1",
]


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """The demo, loaded once per session into the test database, before any test's transaction."""
    yield from loaded_database(django_db_blocker, load_demo)


@pytest.fixture
def demo_ready(demo_database, django_db_blocker):
    """The demo as loaded, put back first if a transactional test's flush emptied the database
    (pytest-django flushes after the test's own fixtures are torn down)."""
    with django_db_blocker.unblock():
        if not CookieBannerSettings.objects.exists():
            demo_database.restore()
    return demo_database


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages and banners cached by another test name
    rows that its rollback removed."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(demo_ready, db):
    """The sandbox's demo content, as `charte_demo` loads it; the test's changes are rolled back."""


@pytest.fixture
def committed_demo(demo_ready, django_db_blocker):
    """The demo as another thread or process sees it: no transaction around the test, whose
    committed changes are undone when it ends."""
    with django_db_blocker.unblock():
        yield
        demo_ready.restore()


@pytest.fixture
def banner(demo):
    """The demo site's banner settings."""
    return CookieBannerSettings.objects.get(site__is_default_site=True)


@pytest.fixture
def admin_client(demo, client):
    client.login(username=DEMO_ADMIN[0], password=DEMO_ADMIN[1])
    return client


@pytest.fixture
def editor_client(demo, client):
    """A user of the Wagtail admin with no permission on the register."""
    user_with_permissions("access_admin", username="editor")
    client.login(username="editor", password=PASSWORD)
    return client


@pytest.fixture(scope="session")
def demo_live_server(demo_database):
    """One live server of the sandbox for the session, over the demo's database."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def demo_server(committed_demo, demo_live_server):
    """The live server of the sandbox with its demo content, for the browser."""
    return demo_live_server


@pytest.fixture
def site(demo_server):
    """The demo server (the cache is emptied around every test)."""
    return demo_server


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django then refuses ORM calls without this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser):
    """`new_context(**options)`: a browser context, closed after the test once idle.

    Contexts ask for reduced motion, as some visitors do: pages come to rest at once, and
    axe never sees a colour mid-transition.
    """
    opened = []

    def make(**options):
        context = browser.new_context(**{"reduced_motion": "reduce", **options})
        track_requests(context)
        opened.append(context)
        return context

    yield make
    # A request still in flight (the consent POST is `keepalive`, the admin's editing-session
    # ping) would reach the live server while the database is put back for the next test.
    # Leaving each page first stops its timers from sending more.
    for context in opened:
        for open_page in context.pages:
            wait_for_requests(open_page)
            open_page.goto("about:blank")
        context.close()


@pytest.fixture
def page(new_context):
    return new_context(locale="fr-FR").new_page()


def pytest_collection_modifyitems(config, items):
    # Tests of what only PostgreSQL does belong to `make test-postgres`: left out elsewhere.
    if connection.vendor != "postgresql":
        elsewhere = [item for item in items if "postgresql" in item.keywords]
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if "postgresql" not in item.keywords]
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


# CI sets CHARTE_NO_SKIP: there, a skipped test is a missing install step, not a pass.
_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(f"{report.nodeid}: {report.longrepr[-1]}")


def pytest_sessionfinish(session, exitstatus):
    if _skipped and os.environ.get("CHARTE_NO_SKIP"):
        print("\nCHARTE_NO_SKIP is set, but tests were skipped:", *_skipped, sep="\n  ")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# Suites that need their own settings run alone: wagtail-localize in place of
# simple_translation, the consent log in a database of its own, and a host site that is not
# the sandbox (in three variants).
SUITE_SETTINGS = {
    "localize": {"tests.settings_localize"},
    "consent_log/database": {"tests.settings_log_database"},
    "host": {
        "tests.host.settings",
        "tests.host.settings_monolingual",
        "tests.host.settings_localize",
    },
}
collect_ignore = [
    suite
    for suite, settings_modules in SUITE_SETTINGS.items()
    if os.environ.get("DJANGO_SETTINGS_MODULE") not in settings_modules
]
