"""The test client's audit, from the command and from "Run now", against a page of the project
that takes far longer than the limits: the page is given up, the run ends in time."""

import time

import pytest

from wagtail_charte.contrib.audit import tasks
from wagtail_charte.contrib.audit.models import AuditRun, RunStatus

SLOW = "http://localhost/fr/"
# What a run may take beyond its limit: the other pages, the admin login page, comparing,
# saving, and a slow CI.
MARGIN = 4


@pytest.fixture
def slow_home(settings):
    settings.ROOT_URLCONF = "tests.audit.slow_urls"


def test_a_slow_page_is_given_up_at_its_deadline_and_the_rest_is_audited(demo, slow_home, audit):
    started = time.monotonic()
    result = audit("--json", "--page-time-limit", "2")
    assert time.monotonic() - started < 2 + MARGIN
    assert result.status == 2
    pages = result.report["pages"]
    assert pages[0] == {"url": SLOW, "status": 0, "error": "timeout"}
    assert [page["status"] for page in pages[1:]] == [200] * 4


def test_run_now_ends_by_its_limit(admin_client, slow_home, run_now, monkeypatch):
    monkeypatch.setattr(tasks, "RUN_NOW_TIME_LIMIT", 3)
    started = time.monotonic()
    # The default backend runs the task at once, within the request.
    run_now(admin_client)
    assert time.monotonic() - started < 3 + MARGIN
    run = AuditRun.objects.get()
    assert run.status == RunStatus.DONE
    assert run.pages[0] == {"url": SLOW, "status": 0, "error": "timeout"}
    assert run.truncated
