"""Every `WAGTAIL_CHARTE` setting, with its default. Nothing else reads the setting."""

from django.conf import settings

SETTING = "WAGTAIL_CHARTE"
DEFAULTS = {
    # The consent cookie's name (docs/banner.md).
    "COOKIE_NAME": "cookies_preferences",
    # The template a charte page extends, and the names of its blocks that the page fills
    # (docs/page.md#template). None for the head or switcher block: the base template has none.
    "PAGE_BASE_TEMPLATE": "base.html",
    "PAGE_CONTENT_BLOCK": "content",
    "PAGE_HEAD_BLOCK": "extra_head",
    "PAGE_LANGUAGE_SWITCHER_BLOCK": "language_switcher",
    # The class that gives the page's article its width and margins; None: the theme's own
    # ("charte-container", or DSFR's "fr-container"); "": none, the base template has one.
    "PAGE_CONTAINER_CLASS": None,
    # Seconds a cached charte body or banner lives if no change drops it first: a safety net
    # for writes that send no signal, such as raw SQL.
    "PAGE_CACHE_TIMEOUT": 300,
    "BANNER_CACHE_TIMEOUT": 3600,
    # Proof of consent (docs/consent-log.md): keep each choice and the banner it answered.
    "CONSENT_LOG": True,
    # Five years: the limitation period of most claims in France (Code civil, art. 2224).
    "CONSENT_LOG_RETENTION_DAYS": 1826,
    # The database alias of the log; the router `wagtail_charte.consent_log.router` sends it there.
    "CONSENT_LOG_DATABASE": "default",
    # The consent endpoint's limits (docs/deploy.md#flooding), counted in the shared cache;
    # None turns one off. Choices a minute from one client address (an IPv6 /64)...
    "CONSENT_RATE_PER_ADDRESS": 60,
    # ...and seconds between two choices of one consent id.
    "CONSENT_INTERVAL_PER_ID": 1,
    # The request header where the site's own proxy puts the client's address (its last
    # entry is read, e.g. "X-Forwarded-For"); None: the connection's address (REMOTE_ADDR).
    "CLIENT_ADDRESS_HEADER": None,
    # The alias, in CACHES, of the cache that holds them: shared by every process in production.
    "CACHE": "default",
    # The register's import (docs/import-export.md): the most entries a file imported in the
    # admin may hold and changes it may write, and the seconds after which PostgreSQL
    # cancels one of the import's statements.
    "ADMIN_IMPORT_MAX_ENTRIES": 200,
    "ADMIN_IMPORT_MAX_CHANGES": 20,
    "IMPORT_STATEMENT_TIMEOUT": 5,
}


def get(key):
    """The value of `key`: the site's own, else its default."""
    return getattr(settings, SETTING, {}).get(key, DEFAULTS[key])


def unknown_keys():
    """Keys the site sets that the package does not know: usually a typo."""
    return sorted(set(getattr(settings, SETTING, {})) - set(DEFAULTS))
