"""The consent endpoint writes the log: one record per choice, nothing for a refused post."""

import json

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from wagtail_charte.models import ConsentMethod, ConsentRecord, ConsentSnapshot

from ..banner.choices import (
    BAD_BODIES,
    CONSENT_URL,
    body,
    choice,
    post_choice,
    served_snapshot,
)
from .helpers import change_wording, new_id, post


def test_a_choice_is_recorded_with_the_banner_it_answered(banner, client):
    chosen = choice(id=new_id(7), c={"statistics": True, "external": False})
    digest = served_snapshot()
    response = post_choice(client, body(chosen, snapshot=digest, method="custom"))
    assert response.status_code == 204
    record = ConsentRecord.objects.get()
    assert record.consent_id == new_id(7)
    assert record.version == 1
    assert record.ts == chosen["ts"]
    assert record.choices == {"statistics": True, "external": False}
    assert record.method == ConsentMethod.CUSTOM
    assert record.language == "fr"
    assert record.snapshot == ConsentSnapshot.objects.get(digest=digest)
    assert record.received_at is not None
    # Nothing that identifies the visitor's browser or account.
    fields = {f.name for f in ConsentRecord._meta.get_fields()}
    assert fields == {
        *("id", "consent_id", "version", "choices", "ts", "received_at"),
        *("language", "method", "snapshot"),
    }


@pytest.mark.parametrize("method", ConsentMethod.values)
def test_refusals_are_recorded_like_acceptances(banner, client, method):
    refused = {"statistics": False, "external": False}
    assert post(client, method=method, c=refused).status_code == 204
    record = ConsentRecord.objects.get()
    assert record.choices == {"statistics": False, "external": False}
    assert record.method == method


def test_a_category_left_out_is_recorded_as_the_contract_reads_it(banner, client):
    # A consent category the choice leaves out is refused.
    assert post(client, c={"statistics": True}).status_code == 204
    assert ConsentRecord.objects.get().choices == {"statistics": True, "external": False}


def test_posting_the_same_choice_again_stores_nothing_new(banner, client):
    assert post(client).status_code == 204
    same = ConsentRecord.objects.get()
    assert post(client, ts=same.ts).status_code == 204
    assert ConsentRecord.objects.count() == 1
    assert post(client, ts=same.ts + 1, method="withdrawal").status_code == 204
    assert ConsentRecord.objects.count() == 2


def test_a_choice_older_than_one_recorded_is_refused_as_a_replay(banner, client):
    assert post(client).status_code == 204
    recorded = ConsentRecord.objects.get()
    replay = post(client, ts=recorded.ts - 60, method="accept_all", c={"statistics": True})
    assert replay.status_code == 409
    assert "cookies_preferences" not in replay.cookies
    assert ConsentRecord.objects.get() == recorded


def test_a_choice_from_a_page_showing_an_older_banner_names_that_banner(banner, client):
    old = served_snapshot()
    change_wording(banner, "Nos cookies")
    new = served_snapshot()
    assert new != old
    chosen = choice(id=new_id(1))
    assert post_choice(client, body(chosen, snapshot=old)).status_code == 204
    assert post_choice(client, body(choice(id=new_id(2)), snapshot=new)).status_code == 204
    assert [r.snapshot.digest for r in ConsentRecord.objects.order_by("consent_id")] == [old, new]


def test_an_unknown_snapshot_is_refused_and_stores_nothing(banner, client):
    served_snapshot()
    response = post_choice(client, body(choice(), snapshot="a" * 64))
    assert response.status_code == 400
    assert response.json() == {"error": "unknown snapshot"}
    assert "cookies_preferences" not in response.cookies
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize("label", sorted(BAD_BODIES))
def test_malformed_posts_store_nothing(banner, client, label):
    served_snapshot()
    response = post_choice(client, BAD_BODIES[label])
    assert 400 <= response.status_code < 500
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_ORIGIN": "", "HTTP_SEC_FETCH_SITE": "none"}],
)
def test_cross_origin_posts_store_nothing(banner, client, headers):
    data = json.dumps(body(choice(), snapshot=served_snapshot()))
    assert post_choice(client, data, **headers).status_code == 403
    assert not ConsentRecord.objects.exists()


def test_oversized_and_non_json_posts_store_nothing(banner, client):
    good = body(choice(), snapshot=served_snapshot())
    assert post_choice(client, json.dumps({**good, "pad": "x" * 5000})).status_code == 413
    response = client.post(CONSENT_URL, good, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 415
    assert not ConsentRecord.objects.exists()


def test_with_the_log_off_the_endpoint_stores_nothing(banner, client, settings):
    settings.WAGTAIL_CHARTE = {"CONSENT_LOG": False}
    assert post(client).status_code == 204
    assert not ConsentRecord.objects.exists()


def test_once_warm_a_choice_costs_one_read_and_one_insert(banner, client):
    post(client, consent_id=new_id(1))
    data = json.dumps(body(choice(id=new_id(2)), snapshot=served_snapshot()))
    with CaptureQueriesContext(connections["default"]) as queries:
        assert post_choice(client, data).status_code == 204
    # Wagtail finds the request's site (as before the log); the log looks for a later choice
    # of the id (a replay), on the unique index, and adds one INSERT.
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 3
    assert 'FROM "wagtailcore_site"' in statements[0]
    assert 'FROM "wagtail_charte_consentrecord"' in statements[1]
    assert statements[2].startswith("INSERT")


def test_a_snapshot_deleted_behind_the_cache_is_refused_then_stored_again(committed_banner, client):
    digest = served_snapshot()
    ConsentSnapshot.objects.all().delete()  # the log database emptied by hand
    response = post(client)
    assert response.status_code == 400
    assert not ConsentRecord.objects.exists()
    assert served_snapshot() == digest  # the cache was dropped: the banner stored it again
    assert post(client).status_code == 204
    assert ConsentRecord.objects.get().snapshot.digest == digest


def test_a_choice_names_the_banner_in_its_own_language(banner, client):
    digest = served_snapshot("en")
    chosen = choice(id=new_id(3))
    # The French banner's language, whatever the browser's (the endpoint's URL has none).
    wrong = post_choice(client, body(chosen, snapshot=digest), "fr", HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 400
    assert post_choice(client, body(chosen, snapshot=digest), "en").status_code == 204
    record = ConsentRecord.objects.get()
    assert record.language == "en"
    assert record.snapshot.digest == digest
