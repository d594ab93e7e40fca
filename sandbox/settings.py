"""Settings of the demo site. Local use only: the secret key and admin password are public."""

import os
from pathlib import Path

import dj_database_url

SANDBOX_DIR = Path(__file__).resolve().parent
REPO_DIR = SANDBOX_DIR.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "sandbox-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "wagtail_charte",
    "wagtail_charte.contrib.audit",
    "sandbox.home",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "wagtail_charte.middleware.EmbedGateMiddleware",
]
if not DEBUG:
    # Under gunicorn, which serves no static file: WhiteNoise serves the collected ones.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "sandbox.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SANDBOX_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sandbox.home.context_processors.demo_theme",
            ],
        },
    },
]

WSGI_APPLICATION = "sandbox.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SANDBOX_DIR / 'db.sqlite3'}", conn_max_age=0
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Wagtail's search index uses PostgreSQL's own fields there (a system error from Django 6.1 on).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

# One process (make run): its own memory. Several (docs/deploy.md): Redis, shared by all.
if os.environ.get("REDIS_URL"):
    # A Redis that fails answers within a second, not a TCP timeout.
    TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    CACHES = {
        # Wagtail's and Django's own: django-redis answers a miss when Redis fails, so that
        # pages still render (Wagtail reads its sites' root paths there).
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
        # The package's: it goes without a failing cache on its own, and says so.
        "charte": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": TIMEOUTS,
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"

STATIC_URL = "/static/"
STATIC_ROOT = SANDBOX_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = SANDBOX_DIR / "media"
STATICFILES_DIRS = [SANDBOX_DIR / "assets"]

# `make run THEME=dsfr`: the banner in the DSFR theme, with DSFR's stylesheet from npm.
DEMO_THEME = os.environ.get("CHARTE_DEMO_THEME", "")
if DEMO_THEME == "dsfr":
    STATICFILES_DIRS.append(("dsfr", REPO_DIR / "node_modules" / "@gouvfr" / "dsfr" / "dist"))

WAGTAIL_SITE_NAME = "Charte cookies — sandbox"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Embeds as wide as their column, at their own aspect ratio (site.css: .responsive-object).
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
# Read only when wagtail-localize replaces simple_translation: a new translation starts as
# a draft instead of going live with the source language's text (docs/translators.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

WAGTAIL_CHARTE = {"COOKIE_NAME": "cookies_preferences"}
if "charte" in CACHES:
    WAGTAIL_CHARTE["CACHE"] = "charte"
# Behind a proxy that gives the client's address in this header (benchmarks/bench_flood.py).
if os.environ.get("CLIENT_ADDRESS_HEADER"):
    WAGTAIL_CHARTE["CLIENT_ADDRESS_HEADER"] = os.environ["CLIENT_ADDRESS_HEADER"]

# The consent log goes to the database CONSENT_LOG_DATABASE names; the router sends it there.
# Set CONSENT_LOG_DATABASE_URL to keep it in a database of its own, then also run
# `manage.py migrate --database consent_log` (docs/consent-log.md).
DATABASE_ROUTERS = ["wagtail_charte.consent_log.router.ConsentLogRouter"]
if os.environ.get("CONSENT_LOG_DATABASE_URL"):
    DATABASES["consent_log"] = dj_database_url.parse(
        os.environ["CONSENT_LOG_DATABASE_URL"], conn_max_age=0
    )
    WAGTAIL_CHARTE["CONSENT_LOG_DATABASE"] = "consent_log"
