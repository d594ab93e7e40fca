"""The host with wagtail-localize, as its docs install it, in place of simple_translation."""

from tests.host.settings import *  # noqa: F403
from tests.host.settings import INSTALLED_APPS

INSTALLED_APPS = [
    app
    for app in INSTALLED_APPS
    if app not in ("wagtail.contrib.simple_translation", "wagtail.locales")
]
INSTALLED_APPS[INSTALLED_APPS.index("wagtail.admin") : 0] = [
    "wagtail_localize",
    "wagtail_localize.locales",
]
