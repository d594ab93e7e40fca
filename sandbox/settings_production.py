"""Production settings on top of the site's own: the example of docs/deploy.md.

`manage.py check --deploy` is clean with them (tests/test_deploy.py).
"""

import os

import dj_database_url

from sandbox.settings import *  # noqa: F403 (the site's own settings)
from sandbox.settings import MIDDLEWARE

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")
WAGTAILADMIN_BASE_URL = os.environ["WAGTAILADMIN_BASE_URL"]

DATABASES = {"default": dj_database_url.config(conn_max_age=60, conn_health_checks=True)}

# Every worker, on every server, shares one cache: the package keeps its charte page bodies
# and banners there, and a change dropped by one worker must be dropped for all.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
}
WAGTAIL_CHARTE = {"CACHE": "default"}

# Behind a proxy that terminates TLS, sets X-Forwarded-Proto and passes Host on unchanged.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 365 * 24 * 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# HSTS preloading is hard to undo: ask for it once every subdomain serves HTTPS.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Static files: hashed and compressed by collectstatic, served by WhiteNoise with far-future
# caching headers, right after SecurityMiddleware.
WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
MIDDLEWARE = [MIDDLEWARE[0], WHITENOISE, *(name for name in MIDDLEWARE[1:] if name != WHITENOISE)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
