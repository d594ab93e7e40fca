"""One audit at a time, "Run now" or the command: a lock in the shared cache, which the audit
does without, saying so in the log, when the cache is down."""

import logging

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail_charte.contrib.audit import lock
from wagtail_charte.contrib.audit.models import AuditRun, RunStatus

REPORT = "/admin/reports/charte-audit/"


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def command_running():
    """The lock, as a command holds it while it runs."""
    holder = lock.for_command()
    assert lock.acquire(holder, 60)
    return holder


def messages_of(client, response):
    return client.get(response["Location"]).content.decode()


def test_run_now_while_the_command_runs_starts_nothing(
    admin_client, english, command_running, run_now, task_queue
):
    response = run_now(admin_client)
    assert response["Location"] == REPORT
    assert "Another audit is under way" in messages_of(admin_client, response)
    assert (AuditRun.objects.count(), len(task_queue)) == (0, 0)


def test_run_now_while_another_request_queues_one_starts_nothing(
    admin_client, english, run_now, task_queue
):
    # The other request's run holds the lock; its row is not committed yet.
    assert lock.acquire(lock.for_run(10**9), 60)
    response = run_now(admin_client)
    assert response["Location"] == REPORT
    assert "Another audit is under way" in messages_of(admin_client, response)
    assert (AuditRun.objects.count(), len(task_queue)) == (0, 0)


def test_a_run_that_ended_without_releasing_the_lock_holds_nothing_back(
    admin_client, run_now, task_queue
):
    # Its worker stopped as it ended.
    ended = AuditRun.objects.create(started_at=timezone.now(), mode="client")
    assert lock.acquire(lock.for_run(ended.pk), 60)
    run_now(admin_client)
    assert (AuditRun.objects.count(), len(task_queue)) == (2, 1)


def test_the_command_while_run_now_runs_says_so_and_exits_2(demo, english, run_now, admin_client):
    queued = AuditRun.objects.create(
        started_at=timezone.now(), mode="client", status=RunStatus.QUEUED
    )
    assert lock.acquire(lock.for_run(queued.pk), 60)
    with pytest.raises(CommandError, match="An audit is already under way") as error:
        call_command("charte_audit")
    assert error.value.returncode == 2
    assert AuditRun.objects.count() == 1


def test_each_audit_releases_the_lock_when_it_ends(demo, audit, admin_client, run_now, monkeypatch):
    assert audit().status == 0
    run_now(admin_client)
    run_now(admin_client)
    assert list(AuditRun.objects.values_list("status", flat=True)) == [RunStatus.DONE] * 3

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("wagtail_charte.contrib.audit.run.compare", broken)
    with pytest.raises(CommandError):
        call_command("charte_audit")
    run_now(admin_client)
    assert AuditRun.objects.first().status == RunStatus.FAILED
    holder = lock.for_command()
    assert lock.acquire(holder, 60)
    lock.release(holder)


@pytest.fixture
def cache_down(settings, monkeypatch):
    """Redis, where nothing answers."""
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    monkeypatch.setattr(lock, "_cache", lambda: caches["down"])


def test_with_the_cache_down_the_audit_runs_and_the_log_says_so(
    demo, audit, admin_client, run_now, cache_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="wagtail_charte.contrib.audit.lock"):
        assert audit().status == 0
        run_now(admin_client)
    assert list(AuditRun.objects.values_list("status", flat=True)) == [RunStatus.DONE] * 2
    assert "runs without its lock" in caplog.text
