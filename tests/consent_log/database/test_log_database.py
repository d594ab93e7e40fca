"""The consent log in a database of its own: run with `--ds=tests.settings_log_database`."""

import json
import os
import time

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail_charte.models import ConsentRecord, ConsentSnapshot

from ...banner.choices import body, choice, post_choice, served_snapshot
from ..helpers import new_id, post

pytestmark = pytest.mark.django_db(databases=["default", "consent_log"])


def rows(model, alias):
    return model.objects.using(alias).count()


def test_migrate_gives_each_database_its_own_tables():
    """pytest-django migrated both databases, as `migrate --database consent_log` does."""
    log_tables = {ConsentRecord._meta.db_table, ConsentSnapshot._meta.db_table}
    log = set(connections["consent_log"].introspection.table_names())
    cms = set(connections["default"].introspection.table_names())
    assert log == {*log_tables, "django_migrations"}
    assert "wagtail_charte_cookie" in cms
    assert not log_tables & cms


def test_choices_and_snapshots_go_to_the_log_database(banner, client):
    ts = int(time.time())
    assert post(client, consent_id=new_id(1), ts=ts).status_code == 204
    assert post(client, consent_id=new_id(1), ts=ts).status_code == 204  # the same choice again
    assert (rows(ConsentRecord, "consent_log"), rows(ConsentSnapshot, "consent_log")) == (1, 1)


def test_unknown_snapshots_are_refused(banner, client):
    served_snapshot()
    response = post_choice(client, body(choice(), snapshot="b" * 64))
    assert response.status_code == 400
    assert rows(ConsentRecord, "consent_log") == 0


def test_a_choice_costs_a_read_and_an_insert_on_the_log_database(banner, client):
    post(client, consent_id=new_id(1))
    data = json.dumps(body(choice(id=new_id(2)), snapshot=served_snapshot()))
    with CaptureQueriesContext(connections["consent_log"]) as log:
        assert post_choice(client, data).status_code == 204
    # The read looks for a later choice of the id (a replay) on the unique index.
    assert [q["sql"].split()[0] for q in log.captured_queries] == ["SELECT", "INSERT"]


def test_the_admin_reads_and_the_purge_deletes_in_the_log_database(banner, client, auditor_client):
    post(client, consent_id=new_id(5))
    html = auditor_client.get(reverse("wagtail_charte_consent_log:index")).content.decode()
    assert new_id(5) in html
    record = ConsentRecord.objects.get()
    inspect = reverse("wagtail_charte_consent_log:inspect", args=[record.pk])
    assert auditor_client.get(inspect).status_code == 200
    statistics = auditor_client.get(reverse("wagtail_charte_consent_statistics:index"))
    assert 'width="100.00"' in statistics.content.decode()
    export = auditor_client.get(reverse("wagtail_charte_consent_log:index") + "?export=csv")
    assert new_id(5) in b"".join(export.streaming_content).decode()
    with open(os.devnull, "w") as devnull:
        call_command("charte_purge_consents", "--older-than", "0", stdout=devnull)
    assert rows(ConsentRecord, "consent_log") == 0
