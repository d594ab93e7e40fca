"""What the tests of several rooms share: the demo, users, the admin in Chromium, axe, texts.

Test modules import shared code from here or from a helpers module of their own room, never
from a conftest.py or from another test module.
"""

import html
import json
import os
import re
import shutil
import sqlite3
import subprocess
import time
import weakref
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection

import wagtail_charte

# The sandbox's demo admin, as charte_demo creates it.
DEMO_ADMIN = ("admin", "changeme")


def load_demo():
    """The sandbox's demo content, as `charte_demo` loads it."""
    with open(os.devnull, "w") as devnull:
        call_command("charte_demo", stdout=devnull)


def ensure_test_database():
    """pytest-django makes the test database only when a collected test asks for `db`: a run of
    browser tests alone asks for none. Returns the name to go back to if it made one here."""
    name = connection.settings_dict["NAME"]
    if name == connection.creation._get_test_db_name():
        return None
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return name


class LoadedDatabase:
    """The test database with `load`'s content committed in it, and the means to put it back."""

    def __init__(self, load):
        self.load = load
        load()
        self.copy = None
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.copy = sqlite3.connect(":memory:")
            connection.connection.backup(self.copy)

    def restore(self):
        """Puts the database back as `load` left it, after a test that committed changes."""
        if self.copy is not None:
            connection.ensure_connection()
            self.copy.backup(connection.connection)
            return
        call_command("flush", interactive=False, verbosity=0)
        restore_migration_data()
        self.load()


def loaded_database(django_db_blocker, load):
    """A session fixture's body: `load` committed once in the test database (made here when
    no collected test asked for one, and then dropped at the end)."""
    with django_db_blocker.unblock():
        created_from = ensure_test_database()
        database = LoadedDatabase(load)
    yield database
    if created_from:
        with django_db_blocker.unblock():
            connection.creation.destroy_test_db(created_from, verbosity=0)


def restore_migration_data():
    """Puts back what migrations create and a flush of the database removed."""
    from wagtail.models import Collection, Locale, Page

    if Page.get_first_root_node() is None:
        locale, _ = Locale.objects.get_or_create(language_code="fr")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


# The password of every user the tests create.
PASSWORD = "pw"


def user_with_permissions(*codenames, username="editor"):
    """A user (password PASSWORD) who is no superuser, in a group of their own with these
    permissions only."""
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    group = Group.objects.create(name=f"Group of {username}")
    permissions = Permission.objects.filter(codename__in=codenames)
    assert sorted(p.codename for p in permissions) == sorted(codenames), "unknown codename"
    group.permissions.add(*permissions)
    user.groups.add(group)
    return user


def admin_log_in(page, server, user=DEMO_ADMIN):
    """Signs `user` (username, password) in to the admin, in Chromium, on `server`."""
    username, password = user
    page.goto(f"{server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


# Every animation and transition of the page, finished or cancelled (an infinite one never ends:
# axe would not be run on it mid-way anyway, contexts ask for reduced motion).
ANIMATIONS_DONE = (
    "Promise.all(document.getAnimations()"
    ".filter(a => a.effect?.getTiming().iterations !== Infinity)"
    ".map(a => a.finished.catch(() => null))).then(() => true)"
)


def wait_for_animations(page):
    """Waits until no animation or transition of the page is running."""
    page.evaluate(ANIMATIONS_DONE)


# What each browser context of the tests has requested and not yet received.
_IN_FLIGHT = weakref.WeakKeyDictionary()


def track_requests(context):
    """Keeps count of `context`'s requests in flight, for `wait_for_requests` and `settle`."""
    pending = _IN_FLIGHT[context] = set()
    # Playwright takes functions as handlers, not a set's bound methods.
    context.on("request", lambda request: pending.add(request))
    context.on("requestfinished", lambda request: pending.discard(request))
    context.on("requestfailed", lambda request: pending.discard(request))


def wait_for_requests(page, seconds=5):
    """Waits until no request of the page's context is in flight (`track_requests`), for
    `seconds` at most; returns the URLs still in flight."""
    pending = _IN_FLIGHT[page.context]
    deadline = time.monotonic() + seconds
    while pending and time.monotonic() < deadline:
        page.wait_for_timeout(20)  # Playwright delivers the request events meanwhile
    return [request.url for request in pending]


# Two frames: what a click or a load sets going (scripts, requests, animations) has started.
NEXT_FRAMES = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def settle(page):
    """Waits until the page is at rest: what its last action started has loaded and run,
    and nothing moves. Then what did not happen will not."""
    page.evaluate(NEXT_FRAMES)
    assert wait_for_requests(page) == []
    page.evaluate(NEXT_FRAMES)  # the scripts just loaded have run, and started theirs
    assert wait_for_requests(page) == []
    wait_for_animations(page)


def axe_violations(page, **options):
    """axe-core's violations on the page at rest (no animation running), as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    wait_for_animations(page)
    results = Axe().run(page, options=options or None)
    return [
        f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']]})"
        for v in results.response["violations"]
    ]


VNU = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"
# One page to check: the JVM's quick compiler halves the run, with the deeper stack it needs.
QUICK_START = ["-XX:TieredStopAtLevel=1", "-Xss8m"]
needs_vnu = pytest.mark.skipif(
    not (shutil.which("java") and VNU.exists()), reason="needs java and vnu.jar"
)


def w3c_errors(content):
    """The W3C HTML checker's errors on a page's bytes."""
    result = subprocess.run(
        ["java", *QUICK_START, "-jar", str(VNU), "--errors-only", "--format", "json", "-"],
        input=content,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


CONTRAST_RULES = {"runOnly": ["color-contrast", "link-in-text-block"]}


def contrast_failures(page, selector):
    """axe-core's contrast failures inside `selector`, as readable strings: its violations,
    and text of its background's very colour, which axe leaves "incomplete" (hidden text?)."""
    from axe_playwright_python.sync_playwright import Axe

    wait_for_animations(page)
    results = Axe().run(page, context={"include": [[selector]]}, options=CONTRAST_RULES).response
    nodes = [node for rule in results["violations"] for node in rule["nodes"]]
    nodes += [
        node
        for rule in results["incomplete"]
        for node in rule["nodes"]
        if re.search(r"has a [\d.]+:1 contrast ratio", node["any"][0]["message"])
    ]
    return [f"{node['target']}: {node['any'][0]['message']}" for node in nodes]


CATALOGUE = Path(wagtail_charte.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def english_phrases():
    """Our msgids of two words or more whose French differs, as they would appear in a page."""
    phrases = set()
    for entry in polib.pofile(str(CATALOGUE)):
        for msgid, msgstr in [(entry.msgid, entry.msgstr), (entry.msgid_plural, None)]:
            if not msgid or msgstr == msgid:
                continue
            for part in re.split(r"%\(\w+\)s|%s|\{\w*\}", msgid):
                part = part.strip(" .:;,“”()")
                if len(part.split()) >= 2:
                    phrases.add(part)
    return phrases


def visible_text(content):
    """The text of an HTML response as a reader sees it: no tags, scripts or styles."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", content.decode(), flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text))
