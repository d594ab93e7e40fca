"""Writing a choice to the log: one INSERT, and nothing new when the same choice comes again."""

from django.db import IntegrityError

from .. import cache
from ..models import ConsentRecord


class UnknownSnapshot(Exception):
    """The snapshot the choice names is not in the log's database."""


def record(choice, method, snapshot, choices):
    """Stores `choice`, made by `method` on the banner of `snapshot` (a `StoredSnapshot`).

    `choices` is the choice read for every refusable category (`consent.read_choices`),
    so that a record never needs the cookie contract to be read.
    """
    row = ConsentRecord(
        consent_id=choice["id"],
        version=choice["v"],
        ts=choice["ts"],
        choices=choices,
        language=snapshot.language,
        method=method,
        snapshot_id=snapshot.id,
    )
    try:
        # Unique on (consent id, ts): a choice posted again is ignored by the database.
        ConsentRecord.objects.bulk_create([row], ignore_conflicts=True)
    except IntegrityError:
        # The snapshot's row went behind the cache's back (a log database emptied by
        # hand): forget the cached ids, so that the next banner built stores it again.
        cache.invalidate(cache.BANNERS, cache.SNAPSHOTS)
        raise UnknownSnapshot from None
