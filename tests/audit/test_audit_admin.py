"""The "Cookie audit" report: stored runs, "Run now", and a draft cookie from a finding."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail_charte.audit.run import run_audit, store
from wagtail_charte.models import (
    AuditFinding,
    AuditRun,
    Cookie,
    CookieCategory,
    FindingKind,
    Tracker,
)

from ..helpers import PASSWORD, user_with_permissions

REPORT = "/admin/reports/charte-audit/"
EN_POLICY = "http://localhost/en/cookie-policy/"


@pytest.fixture
def trackers(settings):
    settings.ROOT_URLCONF = "tests.testapp.urls"


def draft_url(finding):
    return f"{REPORT}finding/{finding.pk}/draft/"


def edit_url(cookie):
    return reverse(Cookie.snippet_viewset.get_url_name("edit"), args=[cookie.pk])


def test_run_now_stores_an_audit_and_shows_where_each_finding_was_seen(admin_client, trackers):
    response = admin_client.post(f"{REPORT}run/")
    run = AuditRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{REPORT}{run.pk}/"
    assert run.mode == "client"
    page = admin_client.get(response["Location"]).content.decode()
    undeclared = run.findings.get(kind=FindingKind.UNDECLARED)
    assert undeclared.name == "_hjSessionUser_1"
    assert f'href="{EN_POLICY}"' in page
    assert "Cookie, localhost, Interne (first party), 1 an, absent du registre" in page
    assert f'action="{draft_url(undeclared)}"' in page
    # The declared cookie set before any choice, with a link to its register entry.
    violation = run.findings.get(kind=FindingKind.VIOLATION, name="_pk_id.1.server")
    assert f'href="{edit_url(violation.cookie)}"' in page
    assert f'href="{REPORT}{run.pk}/"' in admin_client.get(REPORT).content.decode()


def test_a_finding_becomes_a_draft_for_an_editor_to_complete(admin_client, trackers):
    admin_client.post(f"{REPORT}run/")
    finding = AuditFinding.objects.get(kind=FindingKind.UNDECLARED)
    response = admin_client.post(draft_url(finding))
    cookie = Cookie.objects.get(name="_hjSessionUser_1")
    assert response.status_code == 302
    assert response["Location"] == edit_url(cookie)
    # A draft of the default locale, with what was observed; a category that needs consent
    # until the editor says otherwise, and the provider of the site's own cookies.
    assert not cookie.live
    assert cookie.locale.language_code == "fr"
    assert (cookie.party, cookie.lifetime_value, cookie.lifetime_unit) == ("first", 1, "years")
    assert cookie.category.basis == "consent"
    assert cookie.provider.name == "Opendatasoft"
    assert cookie.latest_revision is not None
    assert admin_client.get(edit_url(cookie)).status_code == 200
    # Asked again, it opens the same draft.
    page = admin_client.get(f"{REPORT}{finding.run_id}/").content.decode()
    assert f'href="{edit_url(cookie)}"' in page
    assert f'action="{draft_url(finding)}"' not in page
    assert admin_client.post(draft_url(finding))["Location"] == edit_url(cookie)
    assert Cookie.objects.filter(name="_hjSessionUser_1").count() == 1
    # Until it is published, the audit still reports it.
    run, findings = run_audit()
    assert any(f.kind == FindingKind.UNDECLARED and f.name == cookie.name for f in findings)
    # The editor completes and publishes it: declared at last.
    cookie.category = CookieCategory.objects.get(slug="necessary", locale=cookie.locale)
    cookie.purpose = "Test"
    cookie.save_revision().publish()
    run, findings = run_audit()
    assert not [f for f in findings if f.name == cookie.name and f.is_problem]


def test_a_storage_key_that_cannot_be_a_register_name_is_refused_with_a_reason(admin_client):
    run = store(*run_audit())
    finding = AuditFinding.objects.create(
        run=run, kind=FindingKind.UNDECLARED, tracker=Tracker.LOCAL, name="app:<b>state</b>"
    )
    response = admin_client.post(draft_url(finding), follow=True)
    assert response.redirect_chain[-1][0] == f"{REPORT}{run.pk}/"
    assert "app:&lt;b&gt;state&lt;/b&gt;" in response.content.decode()
    assert not Cookie.objects.filter(name__startswith="app:").exists()


def test_only_undeclared_findings_become_drafts(admin_client):
    run = store(*run_audit())
    unseen = run.findings.filter(kind=FindingKind.UNSEEN).first()
    cookies = Cookie.objects.count()
    # Not found (the sandbox's LocaleMiddleware then redirects to /fr/…): nothing is created.
    assert admin_client.post(draft_url(unseen)).status_code in (302, 404)
    assert admin_client.get(draft_url(unseen)).status_code == 405
    assert Cookie.objects.count() == cookies


def test_users_without_register_permissions_see_and_run_nothing(editor_client, trackers):
    store(*run_audit())
    finding = AuditFinding.objects.get(kind=FindingKind.UNDECLARED)
    run = finding.run
    cookies = Cookie.objects.count()
    for response in (
        editor_client.get(REPORT),
        editor_client.get(f"{REPORT}{run.pk}/"),
        editor_client.post(f"{REPORT}run/"),
        editor_client.post(draft_url(finding)),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert AuditRun.objects.count() == 1
    assert Cookie.objects.count() == cookies
    menu = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT not in menu


def test_the_draft_button_needs_the_add_permission(demo, client, trackers):
    user_with_permissions("access_admin", "change_cookie", username="reviewer")
    client.login(username="reviewer", password=PASSWORD)
    run = store(*run_audit())
    finding = run.findings.get(kind=FindingKind.UNDECLARED)
    page = client.get(f"{REPORT}{run.pk}/").content.decode()
    assert "_hjSessionUser_1" in page
    assert draft_url(finding) not in page
    response = client.post(draft_url(finding))
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not Cookie.objects.filter(name="_hjSessionUser_1").exists()


def test_the_run_page_costs_the_same_queries_however_many_findings(admin_client):
    run = store(*run_audit())
    url = f"{REPORT}{run.pk}/"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    before = queries()
    cookie = Cookie.objects.first()
    AuditFinding.objects.bulk_create(
        AuditFinding(run=run, kind=kind, tracker=Tracker.COOKIE, name=f"c{i}", cookie=cookie)
        for i in range(20)
        for kind in (FindingKind.UNDECLARED, FindingKind.LIFETIME)
    )
    assert queries() == before


def test_the_latest_audits_come_first(admin_client):
    now = timezone.now()
    # Stored out of order: a run's date, not its id, says which is the latest.
    runs = [
        AuditRun.objects.create(started_at=now - timedelta(days=days), mode="client")
        for days in (2, 0, 1)
    ]
    page = admin_client.get(REPORT).content.decode()
    links = [page.index(f'href="{REPORT}{run.pk}/"') for run in runs]
    assert links[1] < links[2] < links[0]
