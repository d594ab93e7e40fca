"""The test settings without the optional audit app: the core must not need it."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "wagtail_charte.contrib.audit"]
