"""The package's cross-request cache: charte pages, banners, and banner snapshots' ids.

Each namespace has a version, and every entry holds the version it was computed under:
replacing the version drops the whole namespace at constant cost, and an entry is read
with its namespace's version in one round trip. Timeouts are a safety net for writes that
send no signal.

A cache that fails is bypassed, never a cause of failure: values are computed, and the
namespaces a change could not drop are dropped at the next call that reaches the cache.
"""

import hashlib
import uuid
from importlib.metadata import PackageNotFoundError, version

from django.core.cache import caches
from django.db import transaction

from . import conf, outages

PAGES = "pages"
BANNERS = "banners"
SNAPSHOTS = "snapshots"
try:
    RELEASE = version("wagtail-charte")
except PackageNotFoundError:  # a copy of the package that pip did not install
    RELEASE = "unknown"
TIMEOUT_SETTING = {
    PAGES: "PAGE_CACHE_TIMEOUT",
    BANNERS: "BANNER_CACHE_TIMEOUT",
    SNAPSHOTS: "BANNER_CACHE_TIMEOUT",
}
# Namespaces to drop once the cache answers again (per process).
_undropped: set[str] = set()


def backend():
    """The cache named by the `CACHE` setting: it must be shared by every process that serves."""
    return caches[conf.get("CACHE")]


def _key(namespace, name):
    # Per release: an upgrade never serves markup cached by the previous release to its script.
    return f"wagtail_charte:{RELEASE}:{namespace}:{name}"


def invalidate(*namespaces):
    """Drops the namespaces (all when none is named), now and again once the transaction commits.

    The second time covers a request that cached the old content under the new version
    while the change was not committed yet. Code that writes the register without sending
    signals (bulk updates, raw SQL) calls `invalidate()`.
    """

    names = namespaces or tuple(TIMEOUT_SETTING)

    def replace_version():
        _undropped.update(names)
        _drop_undropped()

    replace_version()
    transaction.on_commit(replace_version)


def _drop_undropped():
    """Replaces the versions of the namespaces not dropped yet; False if the cache fails."""
    names = set(_undropped)
    try:
        backend().set_many({_key(name, "version"): uuid.uuid4().hex for name in names}, None)
    except Exception as error:  # any backend's own error
        outages.report(outages.CACHE, error)
        return False
    _undropped.difference_update(names)
    return True


def cached(namespace, parts, compute):
    """`compute()`, cached under `parts` until the namespace is dropped; computed when the
    cache fails."""
    raw = ":".join(str(part) for part in parts)
    key = _key(namespace, hashlib.sha256(raw.encode()).hexdigest())
    if _undropped and not _drop_undropped():
        return compute()  # what the cache holds may be stale
    try:
        current, entry = _read(namespace, key)
    except Exception as error:
        outages.report(outages.CACHE, error)
        return compute()
    if entry is not None and entry[0] == current:
        return entry[1]
    value = compute()
    try:
        backend().set(key, (current, value), conf.get(TIMEOUT_SETTING[namespace]))
    except Exception as error:
        outages.report(outages.CACHE, error)
    return value


def _read(namespace, key):
    """(the namespace's version, the entry at `key` or None)."""
    cache = backend()
    version_key = _key(namespace, "version")
    found = cache.get_many([version_key, key])
    current = found.get(version_key)
    if current is None:
        cache.add(version_key, uuid.uuid4().hex, None)
        current = cache.get(version_key)
    return current, found.get(key)
