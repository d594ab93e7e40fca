"""The "Cookie audit" report: stored runs, "Run now" as a background task, and a draft
cookie from a finding."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail_charte.contrib.audit import run as run_module
from wagtail_charte.contrib.audit import tasks
from wagtail_charte.contrib.audit.models import (
    AuditFinding,
    AuditRun,
    FindingKind,
    RunStatus,
    Tracker,
)
from wagtail_charte.contrib.audit.run import run_audit, save_audit
from wagtail_charte.models import Cookie, CookieCategory

from ..helpers import PASSWORD, user_with_permissions

REPORT = "/admin/reports/charte-audit/"
EN_POLICY = "http://localhost/en/cookie-policy/"


@pytest.fixture
def trackers(settings):
    settings.ROOT_URLCONF = "tests.testapp.urls"


def page_text(client, url):
    return client.get(url, follow=True).content.decode()


def draft_url(finding):
    return f"{REPORT}finding/{finding.pk}/draft/"


def edit_url(cookie):
    return reverse(Cookie.snippet_viewset.get_url_name("edit"), args=[cookie.pk])


def test_run_now_stores_an_audit_and_shows_where_each_finding_was_seen(
    admin_client, trackers, run_now
):
    # The default backend runs the task at once, within the request.
    response = run_now(admin_client)
    run = AuditRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{REPORT}{run.pk}/"
    assert (run.mode, run.status) == ("client", RunStatus.DONE)
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
    assert REPORT in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_finding_becomes_a_draft_for_an_editor_to_complete(admin_client, trackers, run_now):
    run_now(admin_client)
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
    run = save_audit(*run_audit())
    finding = AuditFinding.objects.create(
        run=run, kind=FindingKind.UNDECLARED, tracker=Tracker.LOCAL, name="app:<b>state</b>"
    )
    response = admin_client.post(draft_url(finding), follow=True)
    assert response.redirect_chain[-1][0] == f"{REPORT}{run.pk}/"
    assert "app:&lt;b&gt;state&lt;/b&gt;" in response.content.decode()
    assert not Cookie.objects.filter(name__startswith="app:").exists()


def test_only_undeclared_findings_become_drafts(admin_client):
    run = save_audit(*run_audit())
    unseen = run.findings.filter(kind=FindingKind.UNSEEN).first()
    cookies = Cookie.objects.count()
    # Not found (the sandbox's LocaleMiddleware then redirects to /fr/…): nothing is created.
    assert admin_client.post(draft_url(unseen)).status_code in (302, 404)
    assert admin_client.get(draft_url(unseen)).status_code == 405
    assert Cookie.objects.count() == cookies


def test_users_without_register_permissions_see_and_run_nothing(editor_client, trackers, run_now):
    save_audit(*run_audit())
    finding = AuditFinding.objects.get(kind=FindingKind.UNDECLARED)
    run = finding.run
    cookies = Cookie.objects.count()
    for response in (
        editor_client.get(REPORT),
        editor_client.get(f"{REPORT}{run.pk}/"),
        run_now(editor_client),
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
    run = save_audit(*run_audit())
    finding = run.findings.get(kind=FindingKind.UNDECLARED)
    page = client.get(f"{REPORT}{run.pk}/").content.decode()
    assert "_hjSessionUser_1" in page
    assert draft_url(finding) not in page
    response = client.post(draft_url(finding))
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not Cookie.objects.filter(name="_hjSessionUser_1").exists()


def test_the_run_page_costs_the_same_queries_however_many_findings(admin_client):
    run = save_audit(*run_audit())
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


def test_with_a_task_queue_run_now_answers_at_once_and_the_report_follows_the_run(
    admin_client, trackers, run_now, task_queue, monkeypatch
):
    response = run_now(admin_client)
    run = AuditRun.objects.get()
    url = f"{REPORT}{run.pk}/"
    assert response["Location"] == url
    # Queued for a worker: nothing crawled in the request.
    assert (run.status, run.pages, run.findings.count()) == (RunStatus.QUEUED, [], 0)
    (queued,) = task_queue
    assert (queued.task.func, list(queued.args)) == (tasks.run_queued_audit.func, [run.pk])
    assert "En attente : l'audit commence dès qu'un processus est libre." in page_text(
        admin_client, url
    )
    assert "En attente" in page_text(admin_client, REPORT)

    # The worker takes it: running while it crawls, then done, with its findings.
    while_running = []

    def crawl_then_look(**options):
        while_running.append(page_text(admin_client, url))
        return run_audit(**options)

    monkeypatch.setattr(tasks, "run_audit", crawl_then_look)
    tasks.run_queued_audit.call(run.pk)
    assert "En cours : l'audit charge les pages du site." in while_running[0]
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert "_hjSessionUser_1" in page_text(admin_client, url)
    # Delivered twice, it does not run twice.
    findings = run.findings.count()
    tasks.run_queued_audit.call(run.pk)
    assert len(while_running) == 1
    assert run.findings.count() == findings


def test_run_now_opens_the_audit_already_under_way(admin_client, run_now, task_queue):
    first = run_now(admin_client)
    second = run_now(admin_client)
    assert second["Location"] == first["Location"]
    assert "Un audit est déjà en cours : le voici." in page_text(admin_client, REPORT)
    assert (AuditRun.objects.count(), len(task_queue)) == (1, 1)
    # A run left queued long ago (no worker took it) holds nothing back.
    AuditRun.objects.update(started_at=timezone.now() - timedelta(hours=1))
    third = run_now(admin_client)
    assert third["Location"] != first["Location"]
    assert (AuditRun.objects.count(), len(task_queue)) == (2, 2)


def test_a_run_that_stops_on_an_error_says_so(admin_client, run_now, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr("wagtail_charte.contrib.audit.run.crawl", broken)
    response = run_now(admin_client)
    run = AuditRun.objects.get()
    assert (run.status, run.error) == (RunStatus.FAILED, "No space left on device")
    assert "L'audit s'est arrêté sur une erreur : No space left on device" in page_text(
        admin_client, response["Location"]
    )
    assert "Échec" in page_text(admin_client, REPORT)


def test_a_run_that_loads_no_page_fails_and_lists_them(admin_client, run_now, monkeypatch):
    missing = "http://localhost/fr/nowhere/"
    monkeypatch.setattr(
        "wagtail_charte.contrib.audit.run.live_page_urls", lambda locales: [missing]
    )
    monkeypatch.setattr("wagtail_charte.contrib.audit.run.visit_admin_login", lambda seen: None)
    page = page_text(admin_client, run_now(admin_client)["Location"])
    assert AuditRun.objects.get().status == RunStatus.FAILED
    assert "Aucune page n'a pu être chargée : rien n'a été audité." in page
    assert f"{missing} (404)" in page


def test_a_run_with_a_page_that_did_not_load_is_incomplete(admin_client, run_now, monkeypatch):
    missing = "http://localhost/en/gone/"
    pages = run_module.live_page_urls
    monkeypatch.setattr(run_module, "live_page_urls", lambda locales: [*pages(locales), missing])
    page = html.unescape(page_text(admin_client, run_now(admin_client)["Location"]))
    assert AuditRun.objects.get().status == RunStatus.DONE
    assert "1 page n'a pas pu être chargée : l'audit est incomplet." in page
    assert "Aucun problème trouvé." not in page
    assert f"{missing} (404)" in page
    assert "1 page n'a pas pu être chargée" in html.unescape(page_text(admin_client, REPORT))


def test_only_web_page_addresses_are_links_in_the_report(admin_client):
    run = AuditRun.objects.create(started_at=timezone.now(), mode="client")
    urls = ["javascript:alert(1)", "data:text/html,x", EN_POLICY]
    AuditFinding.objects.create(
        run=run, kind=FindingKind.UNDECLARED, tracker=Tracker.COOKIE, name="_x", urls=urls
    )
    page = admin_client.get(f"{REPORT}{run.pk}/").content.decode()
    assert f'<a href="{EN_POLICY}">{EN_POLICY}</a>' in page
    for url in urls[:2]:
        assert f"<li>{html.escape(url)}</li>" in page
    assert 'href="javascript:' not in page
    assert 'href="data:' not in page
