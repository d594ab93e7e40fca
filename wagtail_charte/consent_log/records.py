"""Writing a choice to the log: one read and one INSERT, nothing new when the same choice
comes again, and a line in the log file for each choice the database could not take."""

import json
import logging

from django.db import IntegrityError

from .. import cache
from ..models import ConsentRecord

# One line per lost choice: enough to count them, and to replay them.
lost = logging.getLogger(__name__)


class UnknownSnapshot(Exception):
    """The snapshot the choice names is not in the log's database."""


class Superseded(Exception):
    """The log holds a later choice of the same consent id."""


def record(choice, method, snapshot, choices):
    """Stores `choice`, made by `method` on the banner of `snapshot` (a `StoredSnapshot`).

    `choices` is the choice read for every refusable category (`consent.read_choices`),
    so that a record never needs the cookie contract to be read.
    """
    # A choice older than one recorded is a replay: the unique index answers at once.
    if ConsentRecord.objects.filter(consent_id=choice["id"], ts__gt=choice["ts"]).exists():
        raise Superseded
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


def log_lost(choice, digest, method, error):
    """Writes a choice the log's database failed to take to this module's logger."""
    lost.error(
        "Consent record lost (%s): %s",
        type(error).__name__,
        json.dumps({**choice, "snapshot": digest, "method": method}, sort_keys=True),
    )
