"""The package's cross-request cache: charte pages, their register blocks, banners, and
banner snapshots' ids.

Each namespace has a version key, and every entry's key carries that version: replacing it
drops the whole namespace at constant cost, and the keys written cannot drift from the keys
dropped. Timeouts are a safety net for writes that send no signal.
"""

import hashlib
import uuid
from importlib.metadata import PackageNotFoundError, version

from django.core.cache import caches
from django.db import transaction

from . import conf

PAGES = "pages"
REGISTER = "register"
BANNERS = "banners"
SNAPSHOTS = "snapshots"
try:
    RELEASE = version("wagtail-charte")
except PackageNotFoundError:  # a copy of the package that pip did not install
    RELEASE = "unknown"
TIMEOUT_SETTING = {
    PAGES: "PAGE_CACHE_TIMEOUT",
    REGISTER: "PAGE_CACHE_TIMEOUT",
    BANNERS: "BANNER_CACHE_TIMEOUT",
    SNAPSHOTS: "BANNER_CACHE_TIMEOUT",
}


def _cache():
    """The cache named by the `CACHE` setting: it must be shared by every process that serves."""
    return caches[conf.get("CACHE")]


def _version_key(namespace):
    # Per release: an upgrade never serves markup cached by the previous release to its script.
    return f"wagtail_charte:{RELEASE}:{namespace}:version"


def _version(cache, namespace):
    key = _version_key(namespace)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def invalidate(*namespaces):
    """Drops the namespaces (all when none is named), now and again once the transaction commits.

    The second time covers a request that cached the old content under the new version
    while the change was not committed yet. Code that writes the register without sending
    signals (bulk updates, raw SQL) calls `invalidate()`.
    """

    names = namespaces or tuple(TIMEOUT_SETTING)

    def replace_version():
        _cache().set_many({_version_key(name): uuid.uuid4().hex for name in names}, None)

    replace_version()
    transaction.on_commit(replace_version)


def cached(namespace, parts, compute):
    """`compute()`, cached under `parts` for the namespace's current version."""
    cache = _cache()
    raw = ":".join(str(part) for part in (_version(cache, namespace), *parts))
    key = f"wagtail_charte:{namespace}:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        # Wrapped so that a computed None is cached too.
        found = (compute(),)
        cache.set(key, found, conf.get(TIMEOUT_SETTING[namespace]))
    return found[0]
