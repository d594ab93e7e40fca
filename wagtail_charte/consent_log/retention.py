"""Retention: records older than the cutoff go in batches, then the snapshots left unused."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, router, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .. import cache
from ..models import ConsentRecord, ConsentSnapshot

# Short statements: a large log is purged without locking it for long.
BATCH_SIZE = 5000


@dataclass
class Purge:
    cutoff: object
    records: int
    snapshots: int


def purge(older_than_days, dry_run=False, batch_size=BATCH_SIZE):
    """Deletes (or, dry, counts) what was received more than `older_than_days` days ago.

    A snapshot goes when no record points to it any more and it was first shown before the
    cutoff too: one a banner still shows, that no choice has answered yet, stays.
    """
    cutoff = timezone.now() - timedelta(days=older_than_days)
    old = ConsentRecord.objects.filter(received_at__lt=cutoff)
    unused = ConsentSnapshot.objects.filter(created_at__lt=cutoff).exclude(
        Exists(ConsentRecord.objects.filter(snapshot=OuterRef("pk"), received_at__gte=cutoff))
    )
    if dry_run:
        return Purge(cutoff, old.count(), unused.count())
    records = 0
    while batch := list(old.order_by().values_list("pk", flat=True)[:batch_size]):
        records += ConsentRecord.objects.filter(pk__in=batch).delete()[0]
    snapshots = sum(
        _delete_if_unused(unused, pk) for pk in list(unused.values_list("pk", flat=True))
    )
    if snapshots:
        # Cached banners and ids may name a deleted snapshot: the next build stores it again.
        cache.invalidate(cache.BANNERS, cache.SNAPSHOTS)
    return Purge(cutoff, records, snapshots)


def _delete_if_unused(unused, pk):
    """Deletes snapshot `pk` if `unused` still holds it; 1 if it went, else 0.

    A choice may name it meanwhile: the delete then finds it used, or (in the instant between
    that check and the delete) fails on the foreign key, in a transaction of its own. Either way
    the snapshot stays, with the choice, and the purge goes on.
    """
    try:
        with transaction.atomic(using=router.db_for_write(ConsentSnapshot)):
            return unused.filter(pk=pk).delete()[0]
    except IntegrityError:  # ProtectedError included
        return 0
