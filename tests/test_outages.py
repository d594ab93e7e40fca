"""A failing cache or log database costs the site neither its pages nor its visitors' choices.

The cache is a backend that raises as a dead Redis does (tests/testapp/failing_cache.py); the
log's database fails as psycopg does when its server is gone. tests/test_faults.py crashes
the real servers under gunicorn.
"""

import logging
from unittest import mock

import pytest
from django.core import checks
from django.db import OperationalError

from tests.testapp.failing_cache import FailingCache
from wagtail_charte import cache, outages
from wagtail_charte.banner.config import banner_config
from wagtail_charte.checks import check_proof_is_kept
from wagtail_charte.models import ConsentRecord, ConsentSnapshot, CookieBannerSettings

from .banner.choices import choice, post_choice
from .consent_log.helpers import change_wording, new_id

FAILING = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "charte": {"BACKEND": "tests.testapp.failing_cache.FailingCache", "LOCATION": "charte"},
}
PAGES = ("/fr/", "/en/", "/fr/charte-cookies/")
LOG_DOWN = OperationalError('connection to server at "127.0.0.1", port 5433 failed')


@pytest.fixture(autouse=True)
def fresh_state():
    outages._seen.clear()
    cache._undropped.clear()
    FailingCache.down = False
    yield
    FailingCache.down = False
    cache._undropped.clear()


@pytest.fixture
def failing_cache(settings):
    settings.CACHES = FAILING
    settings.WAGTAIL_CHARTE = {"CACHE": "charte"}


def reports(caplog, part):
    return [r for r in caplog.records if r.getMessage().startswith(f"The {part} fails")]


def test_pages_and_choices_go_without_a_failing_cache(banner, client, failing_cache, caplog):
    FailingCache.down = True
    for path in PAGES * 3:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b'id="charte-config"' in response.content
    response = post_choice(client, choice(id=new_id(1)))
    assert response.status_code == 204
    assert response.cookies["cookies_preferences"].value
    assert ConsentRecord.objects.count() == 1
    # One line for every failure of the interval, not one per request.
    (report,) = reports(caplog, outages.CACHE)
    assert report.levelno == logging.ERROR
    assert "ConnectionError" in report.getMessage()


def test_the_next_report_counts_the_failures_it_stands_for(banner, client, failing_cache, caplog):
    FailingCache.down = True
    client.get("/fr/")
    with mock.patch("wagtail_charte.outages.time.monotonic", return_value=10**9):
        client.get("/fr/")
    first, second = reports(caplog, outages.CACHE)
    assert "1 time(s)" in first.getMessage()
    assert "1 time(s)" not in second.getMessage()


def test_a_change_made_while_the_cache_fails_is_shown_once_it_answers(
    banner, client, failing_cache
):
    assert "Nos cookies" not in client.get("/fr/").content.decode()  # cached
    FailingCache.down = True
    change_wording(banner, "Nos cookies")  # its drop of the banners fails
    assert cache._undropped
    FailingCache.down = False
    # The stale banner is still in the cache: the overdue drop goes first.
    assert "Nos cookies" in client.get("/fr/").content.decode()
    assert not cache._undropped


def test_banners_show_while_the_log_database_fails(banner, client, caplog):
    stored = banner_config(banner.site, "fr").snapshot
    cache.invalidate()
    with mock.patch.object(ConsentSnapshot.objects, "get_or_create", side_effect=LOG_DOWN):
        pending = banner_config(banner.site, "fr").snapshot
        assert client.get("/fr/").status_code == 200
    # The same banner, hashed in memory, not stored.
    assert (pending.id, pending.digest) == (None, stored.digest)
    (report,) = reports(caplog, outages.LOG_DATABASE)
    assert "proof of consent is being lost" in report.getMessage()


def test_a_choice_the_log_cannot_take_sets_the_cookie_and_is_logged(banner, client, caplog):
    chosen = choice(id=new_id(2), c={"statistics": True})
    with mock.patch.object(ConsentRecord.objects, "bulk_create", side_effect=LOG_DOWN):
        response = post_choice(client, chosen)
    assert response.status_code == 503
    assert response.json() == {"error": "the choice is set but could not be recorded"}
    assert response["Cache-Control"] == "no-store"
    assert response.cookies["cookies_preferences"].value
    (lost,) = [r for r in caplog.records if r.name == "wagtail_charte.consent_log.records"]
    assert new_id(2) in lost.getMessage() and '"statistics": true' in lost.getMessage()
    assert not ConsentRecord.objects.exists()


def test_the_first_choice_once_the_log_answers_stores_the_banner_it_names(banner, client):
    change_wording(banner, "Nos cookies")  # a banner no row holds yet
    with mock.patch.object(ConsentSnapshot.objects, "get_or_create", side_effect=LOG_DOWN):
        pending = banner_config(banner.site, "fr").snapshot
        assert post_choice(client, choice(id=new_id(3))).status_code == 503
    assert pending.id is None
    assert not ConsentSnapshot.objects.filter(digest=pending.digest).exists()
    assert post_choice(client, choice(id=new_id(4))).status_code == 204
    record = ConsentRecord.objects.get()
    assert record.snapshot.digest == pending.digest
    assert record.snapshot.canonical == pending.canonical
    assert banner_config(banner.site, "fr").snapshot.id == record.snapshot_id


def test_the_health_check_says_when_proof_is_lost_and_the_cache_fails(banner, failing_cache):
    assert check_proof_is_kept(None, databases=["default"]) == []
    assert check_proof_is_kept(None) == []  # `check` without --database: nothing to reach
    FailingCache.down = True
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection") as down:
        down.side_effect = LOG_DOWN
        found = check_proof_is_kept(None, databases=["default"])
    assert [(type(p), p.id) for p in found] == [
        (checks.Error, "wagtail_charte.E004"),
        (checks.Warning, "wagtail_charte.W009"),
    ]
    assert "proof of consent is being lost" in found[0].msg


def test_banner_settings_save_while_the_cache_fails(banner, failing_cache):
    FailingCache.down = True
    banner.enabled = False
    banner.save()  # the signal's drop fails: the save does not
    assert not CookieBannerSettings.objects.get(pk=banner.pk).enabled
