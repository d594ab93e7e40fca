"""`charte_purge_consents`: what is older than the retention goes, and nothing else."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail_charte.consent_log.retention import purge
from wagtail_charte.models import ConsentRecord, ConsentSnapshot

from ..banner.choices import served_snapshot
from .helpers import change_wording, new_id, post


def age(consent_id, days):
    ConsentRecord.objects.filter(consent_id=consent_id).update(
        received_at=timezone.now() - timedelta(days=days)
    )


def run(*args):
    out = io.StringIO()
    call_command("charte_purge_consents", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def aged_log(banner, client):
    """Records 10, 100 and 2000 days old under a first banner; a new one under a second."""
    for n, days in ((1, 10), (2, 100), (3, 2000)):
        post(client, consent_id=new_id(n))
        age(new_id(n), days)
    old = ConsentSnapshot.objects.get()
    ConsentSnapshot.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(3000))
    change_wording(banner, "Nos cookies")
    post(client, consent_id=new_id(4))
    return old


def left():
    return sorted(int(r.consent_id, 16) for r in ConsentRecord.objects.all())


def test_the_default_retention_keeps_five_years(aged_log):
    assert "2000" not in run()
    assert left() == [1, 2, 4]
    assert ConsentSnapshot.objects.count() == 2  # the old banner still has records


def test_older_than_removes_what_is_older_and_nothing_else(aged_log):
    run("--older-than", "50")
    assert left() == [1, 4]
    assert ConsentSnapshot.objects.count() == 2
    run("--older-than", "5")
    assert left() == [4]
    # The first banner has no record left and is older than the cutoff: it goes.
    assert not ConsentSnapshot.objects.filter(pk=aged_log.pk).exists()
    assert ConsentRecord.objects.get().snapshot.digest == served_snapshot()


def test_a_recent_snapshot_no_choice_answered_yet_stays(banner, client):
    digest = served_snapshot()  # shown, no choice yet
    assert purge(1).snapshots == 0
    assert ConsentSnapshot.objects.filter(digest=digest).exists()
    assert post(client).status_code == 204


def test_dry_run_counts_and_deletes_nothing(aged_log):
    output = run("--older-than", "5", "--dry-run")
    assert ": 3." in output and ": 1." in output
    assert left() == [1, 2, 3, 4]
    assert ConsentSnapshot.objects.count() == 2


def test_records_go_in_batches(aged_log):
    done = purge(5, batch_size=1)
    assert (done.records, done.snapshots) == (3, 1)
    assert left() == [4]


def test_a_purged_banner_still_shown_is_stored_again_by_the_next_page(banner, client):
    digest = served_snapshot()
    ConsentSnapshot.objects.update(created_at=timezone.now() - timedelta(days=10))
    assert purge(5).snapshots == 1
    assert served_snapshot() == digest  # the banner cache was dropped, the snapshot stored again
    assert post(client).status_code == 204


@pytest.mark.parametrize("days", ["-1", "abc"])
def test_bad_ages_are_refused(banner, days):
    with pytest.raises(CommandError):
        run("--older-than", days)
