"""Failures of the shared cache and of the log's database, logged once per interval.

A failing Redis or database fails every request alike: one line a minute says so, with how
many failures it stands for, instead of one line per request.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)

INTERVAL = 60  # seconds between two lines about the same part
CACHE = "cache"
LOG_DATABASE = "consent log database"
CONSEQUENCES = {
    CACHE: "pages and banners are rendered without the cache",
    LOG_DATABASE: "choices are not recorded: proof of consent is being lost",
}

_lock = threading.Lock()
# {part: (monotonic time of the last line, failures since then)}
_seen: dict[str, tuple[float, int]] = {}


def report(part, error):
    """Counts a failure of `part` (CACHE or LOG_DATABASE); logs it if the last line is old."""
    now = time.monotonic()
    with _lock:
        logged_at, count = _seen.get(part, (float("-inf"), 0))
        count += 1
        due = now - logged_at >= INTERVAL
        _seen[part] = (now, 0) if due else (logged_at, count)
    if due:
        logger.error(
            "The %s fails (%s: %s), %d time(s) since the last report: %s.",
            part,
            type(error).__name__,
            error,
            count,
            CONSEQUENCES[part],
        )
