"""Test settings: the sandbox, plus a test app, with fast hashing and isolated caches."""

import os
import tempfile

from sandbox.settings import *  # noqa: F403
from sandbox.settings import DATABASES, INSTALLED_APPS, REPO_DIR, STATICFILES_DIRS

# django_tasks as an app: only so does the django-tasks of Wagtail 7.0 see a test override TASKS.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp", "django_tasks"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
WAGTAILADMIN_BASE_URL = "http://testserver"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# DSFR's stylesheet (npm dev dependency), which base.html loads when DEMO_THEME is "dsfr".
STATICFILES_DIRS = [
    *STATICFILES_DIRS,
    ("dsfr", REPO_DIR / "node_modules" / "@gouvfr" / "dsfr" / "dist"),
]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the live server's thread reads what the tests committed through a
    # connection of its own. One file per process, as the matrix runs side by side; nothing in
    # it needs to survive a crash.
    name = os.path.join(tempfile.gettempdir(), f"charte-tests-{os.getpid()}.sqlite3")
    DATABASES = {
        "default": {
            **DATABASES["default"],
            "TEST": {"NAME": name},
            "OPTIONS": {"init_command": "PRAGMA synchronous=OFF;"},
        }
    }
