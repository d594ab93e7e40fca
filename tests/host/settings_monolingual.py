"""The host as a one-language site: Django's defaults for languages, no i18n, no locale in URLs."""

from tests.host.settings import *  # noqa: F403
from tests.host.settings import INSTALLED_APPS, MIDDLEWARE

del LANGUAGES, WAGTAIL_CONTENT_LANGUAGES  # noqa: F821
WAGTAIL_I18N_ENABLED = False
INSTALLED_APPS = [
    app
    for app in INSTALLED_APPS
    if app not in ("wagtail.contrib.simple_translation", "wagtail.locales")
]
MIDDLEWARE = [entry for entry in MIDDLEWARE if entry != "django.middleware.locale.LocaleMiddleware"]
ROOT_URLCONF = "tests.host.urls_monolingual"
