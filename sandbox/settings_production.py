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

# Every worker, on every server, shares Redis: the package keeps its charte page bodies and
# banners there, and a change dropped by one worker must be dropped for all. Wagtail's own
# reads of the default cache answer a miss when Redis fails (django-redis); the package's
# cache raises, and the package renders without it and says so (docs/deploy.md#failures).
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    },
    "charte": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    },
}
WAGTAIL_CHARTE = {
    "CACHE": "charte",
    # The proxy below appends the client's address: the consent endpoint's limits count it.
    "CLIENT_ADDRESS_HEADER": "X-Forwarded-For",
}

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
