"""Snapshots: the banner a visitor met, as canonical JSON, stored once per SHA-256.

The banner's config gives what the banner shows (`banner_content`) and stores the snapshot
(`get_or_create`) before any page carries it, so the row exists by the time a choice names
it. The endpoint finds it by hash (`find`).
"""

import hashlib
import json
from dataclasses import dataclass

from .. import cache
from ..models import ConsentSnapshot

# Raised when the snapshot's layout changes, so that old and new ones never share a hash.
FORMAT = 1


def canonical_json(content):
    """Sorted keys, no spaces, UTF-8: the same content always gives the same bytes."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest_of(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredSnapshot:
    """A stored snapshot, as much of it as a record needs: its row, hash and language."""

    id: int
    digest: str
    language: str


def banner_content(
    *, site, language, settings, theme, wording, texts, categories, policy_page, policy_url
):
    """What the visitor is shown: everything on the banner and in its dialog, as JSON data."""
    return {
        "format": FORMAT,
        "site": site.hostname if site else "",
        "language": language,
        "version": settings.version,
        "lifetime_days": settings.lifetime_days,
        "theme": theme,
        "layout": settings.layout,
        "gpc": settings.honour_gpc,
        "consent_mode": settings.consent_mode_map() if settings.consent_mode else None,
        "policy": {
            "url": policy_url,
            "page": policy_page.pk,
            "revision": policy_page.live_revision_id,
        }
        if policy_page
        else None,
        "wording": wording,
        "texts": texts,
        "categories": [
            {
                key: getattr(category, key)
                for key in ("slug", "basis", "name", "description", "lang")
            }
            for category in categories
        ],
    }


def get_or_create(content) -> StoredSnapshot:
    """The snapshot of `content` (`banner_content`), stored if it is new.

    Stored even when CONSENT_LOG is off: a few rows keep the history of what was shown.
    """
    text = canonical_json(content)
    snapshot, _ = ConsentSnapshot.objects.get_or_create(
        digest=digest_of(text),
        defaults={
            "canonical": text,
            "language": content["language"],
            "version": content["version"],
        },
    )
    return _summary(snapshot)


def find(digest, current: StoredSnapshot | None) -> StoredSnapshot | None:
    """The snapshot named `digest`: `current` (the banner's own, if any) or a stored one."""
    if current and digest == current.digest:
        return current
    try:
        return cache.cached(cache.SNAPSHOTS, (digest,), lambda: _lookup(digest))
    except ConsentSnapshot.DoesNotExist:
        return None  # Not cached: the hash is refused until a banner stores it.


def _lookup(digest):
    return _summary(ConsentSnapshot.objects.only("digest", "language").get(digest=digest))


def _summary(snapshot):
    return StoredSnapshot(snapshot.pk, snapshot.digest, snapshot.language)
