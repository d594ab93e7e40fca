"""Snapshots: the banner a visitor met, as canonical JSON, stored once per SHA-256.

The banner's config gives what the banner shows (`banner_content`) and stores the snapshot
(`get_or_create`) before any page carries it, so the row exists by the time a choice names
it. The endpoint finds it by hash (`find`). While the log's database is unreachable the
banner still shows: its snapshot is hashed in memory and stored by the first choice that can.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import DatabaseError

from .. import cache, outages
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
    """A snapshot, as much of it as a record and its checks need.

    `id` is None while the log's database could not store it: `canonical` holds it until then.
    """

    id: int | None
    digest: str
    language: str
    version: int
    site: str
    canonical: str = ""


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
    """The snapshot of `content` (`banner_content`), stored if it is new; not stored yet
    (`id` None) when the log's database fails.

    Stored even when CONSENT_LOG is off: a few rows keep the history of what was shown.
    """
    text = canonical_json(content)
    pending = StoredSnapshot(
        None, digest_of(text), content["language"], content["version"], content["site"], text
    )
    try:
        return store(pending)
    except DatabaseError as error:
        outages.report(outages.LOG_DATABASE, error)
        return pending


def store(snapshot: StoredSnapshot) -> StoredSnapshot:
    """`snapshot` (not stored yet) as a row of the log's database; raises DatabaseError."""
    row, _ = ConsentSnapshot.objects.get_or_create(
        digest=snapshot.digest,
        defaults={
            "canonical": snapshot.canonical,
            "language": snapshot.language,
            "version": snapshot.version,
        },
    )
    return _summary(row)


def find(digest, current: StoredSnapshot | None) -> StoredSnapshot | None:
    """The snapshot named `digest`: `current` (the banner's own, if any) or a stored one.

    Stores `current` if it is not stored yet; raises DatabaseError if the log's database fails.
    """
    if current and digest == current.digest:
        if current.id is not None:
            return current
        stored = store(current)
        # The banners' configs still hold it unstored: rebuilt, they name its row.
        cache.invalidate(cache.BANNERS)
        return stored
    try:
        return cache.cached(cache.SNAPSHOTS, (digest,), lambda: _lookup(digest))
    except ConsentSnapshot.DoesNotExist:
        return None  # Not cached: the hash is refused until a banner stores it.


def _lookup(digest):
    fields = ("digest", "language", "version", "canonical")
    return _summary(ConsentSnapshot.objects.only(*fields).get(digest=digest))


def _summary(row):
    return StoredSnapshot(row.pk, row.digest, row.language, row.version, row.content["site"])
