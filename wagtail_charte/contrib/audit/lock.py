"""One audit at a time: a lock in the package's shared cache, held by a run of "Run now" or by
a command.

When the cache fails, the audit runs all the same (an audit is worth more than its lock), and
the log says so.
"""

import logging
import uuid

from wagtail_charte import cache

logger = logging.getLogger(__name__)
KEY = "wagtail_charte:audit:lock"
RUN = "run:"
# How long a command holds the lock beyond its time limit, if it is not released first:
# Chromium's start, the admin login page, comparing and saving.
SLACK = 300


def _cache():
    return cache.backend()


def for_run(run_id):
    """The holder that a run of "Run now" is."""
    return f"{RUN}{run_id}"


def for_command():
    """A holder of its own, for one command."""
    return f"command:{uuid.uuid4().hex}"


def acquire(holder, seconds):
    """Whether `holder` holds the lock now, for `seconds` at most (if it is not released
    first): True when it already did, or when the cache fails."""
    try:
        shared = _cache()
        return shared.add(KEY, holder, seconds) or shared.get(KEY) == holder
    except Exception:
        logger.warning(
            "The cache failed: this cookie audit runs without its lock, another may run at once.",
            exc_info=True,
        )
        return True


def take_over(holder, seconds):
    """Gives the lock to `holder` whoever holds it, for `seconds` at most; True."""
    try:
        _cache().set(KEY, holder, seconds)
    except Exception:
        logger.warning(
            "The cache failed: this cookie audit runs without its lock, another may run at once.",
            exc_info=True,
        )
    return True


def run_holding():
    """The id of the run of "Run now" that holds the lock, or None (a command, or nobody)."""
    try:
        holder = _cache().get(KEY) or ""
    except Exception:
        return None
    return int(holder.removeprefix(RUN)) if holder.startswith(RUN) else None


def release(holder):
    """Releases the lock if `holder` still holds it."""
    try:
        shared = _cache()
        if shared.get(KEY) == holder:
            shared.delete(KEY)
    except Exception:
        logger.warning("The cache failed: the cookie audit's lock was not released.", exc_info=True)
