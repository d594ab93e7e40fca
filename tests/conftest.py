import os
import shutil
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command

from wagtail_charte.contrib.audit.chromium import CHROMIUM_ARGS as AUDIT_CHROMIUM_ARGS
from wagtail_charte.models import CookieBannerSettings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    *AUDIT_CHROMIUM_ARGS,
    # Lets tests reach the live server as www.charte.test, to check parent-domain cookies.
    "--host-resolver-rules=MAP charte.test 127.0.0.1, MAP *.charte.test 127.0.0.1",
]


def load_demo():
    with open(os.devnull, "w") as devnull:
        call_command("charte_demo", stdout=devnull)


@pytest.fixture
def demo(db):
    """The sandbox's demo content, as `charte_demo` loads it."""
    load_demo()


@pytest.fixture
def banner(demo):
    """The demo site's banner settings."""
    return CookieBannerSettings.objects.get(site__is_default_site=True)


def restore_migration_data():
    """Puts back what migrations create and an earlier live-server test's flush removed.

    serialized_rollback cannot help: once Playwright runs, tests see another connection
    object, without the serialized data.
    """
    from wagtail.models import Collection, Locale, Page

    if Page.get_first_root_node() is None:
        locale, _ = Locale.objects.get_or_create(language_code="fr")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def admin_client(demo, client):
    client.login(username="admin", password="changeme")
    return client


@pytest.fixture
def editor_client(demo, client, django_user_model):
    """A user of the Wagtail admin with no permission on the register."""
    user = django_user_model.objects.create_user("editor", password="pw")
    group = Group.objects.create(name="Editors without register")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.login(username="editor", password="pw")
    return client


@pytest.fixture
def demo_server(transactional_db, live_server):
    """A live server of the sandbox with its demo content, for the browser."""
    restore_migration_data()
    load_demo()
    return live_server


@pytest.fixture
def site(demo_server):
    """The demo server, with no banner or page cached from an earlier test."""
    cache.clear()
    yield demo_server
    cache.clear()


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
    """`new_context(**options)`: a browser context, closed after the test once idle."""
    opened = []

    def make(**options):
        context = browser.new_context(**options)
        pending = set()
        context.on("request", lambda request: pending.add(request))
        context.on("requestfinished", lambda request: pending.discard(request))
        context.on("requestfailed", lambda request: pending.discard(request))
        opened.append((context, pending))
        return context

    yield make
    # A request still in flight (the consent POST is `keepalive`, the admin's editing-session
    # ping) would reach the live server while the database is flushed for the next test, and
    # lock it. Leaving each page first stops its timers from sending more.
    for context, pending in opened:
        for open_page in context.pages:
            deadline = time.monotonic() + 5
            while pending and time.monotonic() < deadline:
                open_page.wait_for_timeout(50)
            open_page.goto("about:blank")
        context.close()


@pytest.fixture
def page(new_context):
    return new_context(locale="fr-FR").new_page()


def axe_violations(page, **options):
    """axe-core's violations on the page as it is now, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=options or None)
    return [
        f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']]})"
        for v in results.response["violations"]
    ]


# The sandbox's demo admin, as charte_demo creates it.
DEMO_ADMIN = ("admin", "changeme")


def admin_log_in(page, server, user=DEMO_ADMIN):
    """Signs `user` (username, password) in to the admin, in Chromium, on `server`."""
    username, password = user
    page.goto(f"{server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def pytest_collection_modifyitems(config, items):
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
# simple_translation, and the consent log in a database of its own.
SUITE_SETTINGS = {
    "localize": "tests.settings_localize",
    "consent_log/database": "tests.settings_log_database",
}
collect_ignore = [
    suite
    for suite, settings_module in SUITE_SETTINGS.items()
    if os.environ.get("DJANGO_SETTINGS_MODULE") != settings_module
]
