"""A cross-request cache of the charte pages' bodies, which read the register.

Every key carries the register's version, which any change to a register entry or a
reusable section replaces: a change shows on the next request. The timeout is a safety
net for bulk writes that send no signal.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "wagtail_charte:register-version"


def _timeout():
    return getattr(settings, "WAGTAIL_CHARTE", {}).get("PAGE_CACHE_TIMEOUT", 300)


def register_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate():
    """Forgets every cached fragment, now and again once the transaction commits.

    The second time covers a request that rendered the old rows under the new version
    while the change was not committed yet.
    """
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def cached(parts, compute):
    """`compute()`, cached under `parts` for the current register version."""
    raw = ":".join(str(part) for part in (register_version(), *parts))
    key = "wagtail_charte:fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        # Wrapped so that a computed None is cached too.
        found = (compute(),)
        cache.set(key, found, _timeout())
    return found[0]
