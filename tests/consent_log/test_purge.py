"""`charte_purge_consents`: what is older than the retention goes, and nothing else."""

import io
import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connections, router
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


@pytest.fixture
def unused_snapshot(committed_banner, client):
    """A snapshot of a wording no longer shown, whose only choice is 10 days old; committed,
    so that foreign keys are checked as in production."""
    post(client, consent_id=new_id(1))
    age(new_id(1), 10)
    old = ConsentSnapshot.objects.get()
    ConsentSnapshot.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(20))
    change_wording(committed_banner, "Nos cookies")
    return old


def a_choice(snapshot):
    """A visitor's choice naming `snapshot`, stored and committed."""
    return ConsentRecord.objects.create(
        consent_id=new_id(9),
        version=1,
        ts=1_800_000_000,
        choices={"statistics": True},
        language="fr",
        method="custom",
        snapshot=snapshot,
    )


def in_another_connection(function):
    """`function()` as another process would run it: in a thread, with a connection of its own."""
    done = []

    def run():
        try:
            done.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return done[0]


@contextmanager
def after_statement(matches, action):
    """Runs `action()` once, right after the first statement of the log's database that
    `matches` (its SQL); yields what it returned, in a list."""
    done = []

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not done and matches(sql):
            done.append(action())
        return result

    with connections[router.db_for_write(ConsentRecord)].execute_wrapper(wrapper):
        yield done
    assert done, "no such statement"


def finds_unused_snapshots(sql):
    table = ConsentSnapshot._meta.db_table
    return sql.startswith("SELECT") and f'FROM "{table}" WHERE' in sql and "EXISTS" in sql


def checks_records_of_snapshots(sql):
    table = ConsentRecord._meta.db_table
    return (
        sql.startswith("SELECT") and f'FROM "{table}" WHERE' in sql and '"snapshot_id" IN (' in sql
    )


@pytest.mark.django_db(transaction=True)
def test_a_choice_stored_after_the_unused_snapshots_are_found_keeps_its_snapshot(unused_snapshot):
    """The choice comes between the query that finds the unused snapshots and their delete."""
    with after_statement(finds_unused_snapshots, lambda: a_choice(unused_snapshot)) as arrived:
        done = purge(5)
    assert (done.records, done.snapshots) == (1, 0)
    assert ConsentRecord.objects.get().pk == arrived[0].pk
    assert ConsentRecord.objects.get().snapshot_id == unused_snapshot.pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql  # SQLite runs one writer at a time: the race cannot happen there
def test_a_choice_committed_as_its_snapshot_is_deleted_keeps_it(unused_snapshot):
    """The choice is committed by another connection once the delete has checked that no
    record points to the snapshot: the foreign key refuses the delete, not the choice."""

    def choose():
        return in_another_connection(lambda: a_choice(unused_snapshot))

    with after_statement(checks_records_of_snapshots, choose) as arrived:
        done = purge(5)
    assert (done.records, done.snapshots) == (1, 0)
    assert ConsentRecord.objects.get().pk == arrived[0].pk
    assert ConsentSnapshot.objects.filter(pk=unused_snapshot.pk).exists()
