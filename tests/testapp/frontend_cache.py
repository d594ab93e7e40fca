"""A frontend cache backend that records what it is asked to purge."""

from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)
