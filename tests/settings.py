"""Test settings: the sandbox, plus a test app, with fast hashing and isolated caches."""

from sandbox.settings import *  # noqa: F403
from sandbox.settings import INSTALLED_APPS, REPO_DIR, STATICFILES_DIRS

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
