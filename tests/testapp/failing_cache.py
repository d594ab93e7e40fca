"""A cache backend that fails as a Redis that is down does: every call raises."""

from django.core.cache.backends.locmem import LocMemCache


class FailingCache(LocMemCache):
    """LocMemCache, but each call raises ConnectionError while `down` is set (class-wide)."""

    down = False

    def __getattribute__(self, name):
        if name in CALLS and type(self).down:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        return super().__getattribute__(name)


CALLS = {"get", "get_many", "set", "set_many", "add", "incr", "delete", "clear"}
