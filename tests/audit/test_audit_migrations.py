"""A site that ran the audit in the core adds its app: the tables and their rows are kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from wagtail_charte.contrib.audit.models import AuditFinding, AuditRun, RunStatus

CORE_WITH_AUDIT = ("wagtail_charte", "0003_alter_consentrecord_options")
CORE_WITHOUT_AUDIT = ("wagtail_charte", "0004_audit_moves_to_its_own_app")
AUDIT_APP_ABSENT = ("wagtail_charte_audit", None)
TABLES = ["wagtail_charte_auditrun", "wagtail_charte_auditfinding"]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(*targets):
    """Migrates to `targets`: (app, migration name or None to unapply all); every app's latest
    when none are given."""
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets or executor.loader.graph.leaf_nodes()))


def models_at(target):
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.fixture(autouse=True)
def latest_schema_after():
    yield
    migrate()


def columns(table):
    with connection.cursor() as cursor:
        return {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }


def test_the_runs_the_core_stored_are_the_apps_once_it_is_added():
    migrate(CORE_WITH_AUDIT)
    old = models_at(CORE_WITH_AUDIT)
    run = old.get_model("wagtail_charte", "AuditRun").objects.create(
        started_at=timezone.now(),
        mode="client",
        pages=[{"url": "http://localhost/", "status": 200}],
    )
    old.get_model("wagtail_charte", "AuditFinding").objects.create(
        run=run, kind="undeclared", tracker="cookie", name="_ga"
    )
    # The package upgraded, the app not added yet: the tables stay, unused.
    migrate(CORE_WITHOUT_AUDIT, AUDIT_APP_ABSENT)
    assert set(TABLES) <= set(connection.introspection.table_names())
    migrate()
    kept = AuditRun.objects.get(pk=run.pk)
    assert (kept.status, kept.pages) == (
        RunStatus.DONE,
        [{"url": "http://localhost/", "status": 200}],
    )
    assert [finding.name for finding in kept.findings.all()] == ["_ga"]


def test_a_database_without_the_tables_gets_them():
    expected = {table: columns(table) for table in TABLES}
    migrate(CORE_WITHOUT_AUDIT, AUDIT_APP_ABSENT)
    before = {table: columns(table) for table in TABLES}
    with connection.schema_editor() as editor:
        for table in reversed(TABLES):
            editor.execute(f"DROP TABLE {editor.quote_name(table)}")
    migrate()
    assert {table: columns(table) for table in TABLES} == expected
    # The takeover alone made the core's columns; the next migrations added the status, and the
    # count of findings not stored.
    assert expected["wagtail_charte_auditrun"] - before["wagtail_charte_auditrun"] == {
        "status",
        "error",
        "findings_omitted",
    }
    run = AuditRun.objects.create(started_at=timezone.now(), mode="client")
    AuditFinding.objects.create(run=run, kind="unseen", tracker="cookie", name="_pk_id.*")
    assert run.findings.count() == 1
