"""`charte_audit` through the test client: the sandbox, and views that break its register."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.utils import translation

from wagtail_charte.contrib.audit.crawl import Budget
from wagtail_charte.contrib.audit.management.commands.charte_audit import Command
from wagtail_charte.contrib.audit.models import AuditFinding, AuditRun
from wagtail_charte.contrib.audit.report import finding_details
from wagtail_charte.models import Cookie
from wagtail_charte.page_urls import live_page_urls

EN_POLICY = "http://localhost/en/cookie-policy/"
FR_POLICY = "http://localhost/fr/charte-cookies/"
ADMIN_LOGIN = "http://localhost/admin/login/"


def test_the_sandbox_audits_clean(demo, audit):
    result = audit("--json")
    assert result.status == 0
    report = result.report
    assert report["clean"] is True
    assert report["mode"] == "client"
    urls = {page["url"]: page["status"] for page in report["pages"]}
    # Every live page of both locales, and the admin login page, which sets csrftoken.
    assert urls == {
        "http://localhost/fr/": 200,
        "http://localhost/en/": 200,
        FR_POLICY: 200,
        EN_POLICY: 200,
        "http://localhost/admin/login/": 200,
    }
    assert result.findings("undeclared") == result.findings("violation") == []
    # Seen and declared: not reported. Set by scripts or after a choice: listed as unseen.
    unseen = {finding["name"] for finding in result.findings("unseen")}
    assert not {"csrftoken", "sessionid"} & unseen
    assert {"_pk_id.*", "cookies_preferences"} <= unseen


def test_signing_in_on_the_admin_login_page_is_audited_and_leaves_nothing_behind(demo, audit):
    users, sessions = User.objects.count(), Session.objects.count()
    # The session cookie of "remember me" lasts SESSION_COOKIE_AGE, two weeks: say one day.
    Cookie.objects.filter(name="sessionid").update(lifetime_value=1, lifetime_unit="days")
    result = audit("--json")
    assert result.status == 1
    (finding,) = result.findings("lifetime")
    assert finding["name"] == "sessionid"
    assert finding["lifetime_seconds"] == 14 * 24 * 3600
    assert finding["urls"] == ["http://localhost/admin/login/"]
    # The throwaway user, and its session, are gone.
    assert (User.objects.count(), Session.objects.count()) == (users, sessions)
    assert not User.objects.filter(username__startswith="charte-audit-").exists()


def test_without_a_throwaway_user_the_session_cookie_is_unseen(demo, audit, monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("a required field")

    monkeypatch.setattr(User, "save", refuse)
    result = audit("--json")
    assert result.status == 0
    unseen = {finding["name"] for finding in result.findings("unseen")}
    assert "sessionid" in unseen
    assert "csrftoken" not in unseen


def test_the_report_is_in_the_active_language(demo, audit, settings):
    assert "Aucun problème trouvé." in audit().output
    settings.LANGUAGE_CODE = "en"
    assert "No problem found." in audit().output


@pytest.fixture
def trackers(settings):
    """The sandbox, with views that set cookies in place of its charte pages."""
    settings.ROOT_URLCONF = "tests.testapp.urls"


def test_an_undeclared_cookie_is_reported_with_its_url(demo, trackers, audit):
    result = audit("--json", "--locale", "en")
    assert result.status == 1
    assert result.report["clean"] is False
    (undeclared,) = result.findings("undeclared")
    assert undeclared["name"] == "_hjSessionUser_1"
    assert undeclared["urls"] == [EN_POLICY]
    assert undeclared["party"] == "first"
    assert undeclared["domain"] == "localhost"
    assert undeclared["lifetime_seconds"] == 365 * 24 * 3600
    assert undeclared["before_choice"] is True
    # Not declared, so not known to be necessary: set before any choice, it is a violation.
    (violation,) = result.findings("violation")
    assert (violation["name"], violation["phase"], violation["urls"]) == (
        "_hjSessionUser_1",
        "before",
        [EN_POLICY],
    )


def test_the_text_report_names_the_cookie_the_url_and_the_violation(
    demo, trackers, audit, settings
):
    settings.LANGUAGE_CODE = "en"
    output = audit("--locale", "en").output
    assert "_hjSessionUser_1 — Cookie, localhost, First party, 1 year, not in the register" in (
        output
    )
    assert "set before any choice" in output
    assert f"seen on: {EN_POLICY}" in output
    assert output.endswith("2 problems found.\n")


def test_a_consent_cookie_set_before_any_choice_is_a_violation(demo, trackers, audit):
    result = audit("--json", "--locale", "fr")
    assert result.status == 1
    (violation,) = result.findings("violation")
    assert violation["name"] == "_pk_id.1.server"
    assert violation["declared_name"] == "_pk_id.*"
    assert violation["category"] == "statistics"
    assert violation["phase"] == "before"
    assert violation["urls"] == [FR_POLICY]
    # Declared: a violation, not an undeclared cookie.
    assert result.findings("undeclared") == []


def test_a_cookie_that_outlives_its_declared_lifetime_is_reported(demo, audit):
    # Django's CSRF cookie lasts 52 weeks; say it lasts a month.
    Cookie.objects.filter(name="csrftoken").update(lifetime_value=1, lifetime_unit="months")
    result = audit("--json")
    assert result.status == 1
    (finding,) = result.findings("lifetime")
    assert finding["name"] == "csrftoken"
    assert finding["lifetime_seconds"] == 52 * 7 * 24 * 3600
    assert finding["declared_lifetime"] == "1 month"
    assert finding["urls"] == ["http://localhost/admin/login/"]
    # A month is read as up to 31 days: 52 weeks fit in 12 months, not in 11.
    Cookie.objects.filter(name="csrftoken").update(lifetime_value=12, lifetime_unit="months")
    assert audit("--json").status == 0
    Cookie.objects.filter(name="csrftoken").update(lifetime_value=11, lifetime_unit="months")
    assert audit("--json").status == 1


def test_a_session_cookie_is_never_longer_than_declared(demo, audit):
    Cookie.objects.filter(name="csrftoken").update(lifetime_value=None, lifetime_unit="session")
    (finding,) = audit("--json").findings("lifetime")
    assert finding["declared_lifetime"] == "session"


def test_only_the_published_register_counts(demo, audit):
    for cookie in Cookie.objects.filter(name="csrftoken"):
        cookie.unpublish()
    result = audit("--json")
    assert result.status == 1
    assert [f["name"] for f in result.findings("undeclared")] == ["csrftoken"]


def test_the_json_report_has_a_stable_shape(demo, audit):
    report = audit("--json").report
    assert set(report) == {
        "clean",
        "mode",
        "started_at",
        "pages",
        "truncated",
        "findings_omitted",
        "banner_missing",
        "findings",
        "requests_before_choice",
    }
    assert set(report["findings"][0]) == {
        "kind",
        "tracker",
        "name",
        "domain",
        "party",
        "lifetime_seconds",
        "phase",
        "before_choice",
        "urls",
        "declared_name",
        "declared_lifetime",
        "category",
    }


def test_each_run_is_stored_and_only_the_latest_are_kept(demo, audit, monkeypatch):
    monkeypatch.setattr("wagtail_charte.contrib.audit.run.RUNS_KEPT", 2)
    for _ in range(3):
        audit()
    assert AuditRun.objects.count() == 2
    assert AuditFinding.objects.filter(run__in=AuditRun.objects.all()).count() > 0


def test_under_en_us_each_page_is_audited_in_its_own_language(demo, audit, settings):
    # Django's and Wagtail's default: Wagtail would build `/en-us/…`, which no page answers.
    settings.LANGUAGE_CODE = "en-us"
    result = audit("--json")
    assert result.status == 0, result.output
    assert {page["url"]: page["status"] for page in result.report["pages"]} == {
        "http://localhost/fr/": 200,
        "http://localhost/en/": 200,
        FR_POLICY: 200,
        EN_POLICY: 200,
        ADMIN_LOGIN: 200,
    }


@pytest.fixture
def a_page_that_does_not_load(monkeypatch):
    """The sandbox's pages, and one that answers 404."""
    missing = "http://localhost/en/gone/"
    pages = live_page_urls

    monkeypatch.setattr(
        "wagtail_charte.contrib.audit.run.live_page_urls",
        lambda locales: [*pages(locales), missing],
    )
    return missing


def test_a_page_that_did_not_load_makes_the_audit_incomplete(
    demo, a_page_that_does_not_load, audit, settings
):
    result = audit("--json")
    assert result.status == 2
    assert result.report["clean"] is False
    assert {"url": a_page_that_does_not_load, "status": 404} in result.report["pages"]
    assert result.findings("undeclared") == result.findings("violation") == []
    settings.LANGUAGE_CODE = "en"
    output = audit().output
    assert f"Pages that did not load:\n  {a_page_that_does_not_load} (404)" in output
    assert output.endswith("\n1 page did not load: the audit is incomplete.\n")
    assert "No problem found." not in output


def test_the_page_limit_bounds_the_crawl(demo, audit):
    report = audit("--json", "--max-pages", "2").report
    pages = [page["url"] for page in report["pages"]]
    assert pages == ["http://localhost/fr/", "http://localhost/en/", ADMIN_LOGIN]
    assert report["truncated"] is True


@pytest.mark.parametrize("limit", [["--max-pages", "1"], ["--time-limit", "1"]])
def test_the_limits_never_drop_the_admin_login_page(demo, audit, monkeypatch, limit):
    # However short the crawl, signing in is audited: here, a session longer than declared.
    Cookie.objects.filter(name="sessionid").update(lifetime_value=1, lifetime_unit="days")
    if "--time-limit" in limit:
        monkeypatch.setattr(Budget, "remaining", property(lambda budget: 0))
    result = audit("--json", *limit)
    assert result.status == 1
    assert result.report["truncated"] is True
    assert result.report["pages"][-1] == {"url": ADMIN_LOGIN, "status": 200}
    (finding,) = result.findings("lifetime")
    assert (finding["name"], finding["urls"]) == ("sessionid", [ADMIN_LOGIN])


@pytest.mark.parametrize(
    "args",
    [
        ["--locale", "xx"],
        ["--url", "ftp://example.org/"],
        ["--url", "http://localhost/", "--locale", "fr"],
        ["--chromium", "/usr/bin/chromium"],
        # Nothing answers on the discard port: no page, so no verdict.
        ["--url", "http://127.0.0.1:9/"],
    ],
)
def test_usage_errors_exit_2(db, args):
    with pytest.raises(CommandError) as error:
        call_command("charte_audit", *args)
    assert error.value.returncode == 2
    assert not AuditRun.objects.exists()


def test_argument_errors_exit_2():
    command = Command()
    command._called_from_command_line = True  # as manage.py runs it: argparse exits
    parser = command.create_parser("manage.py", "charte_audit")
    with pytest.raises(SystemExit) as exit:
        parser.parse_args(["--max-pages", "0"])
    assert exit.value.code == 2


def test_over_http_the_crawl_follows_redirects_and_links(demo_server, settings, audit):
    settings.ROOT_URLCONF = "tests.testapp.urls"
    result = audit("--json", "--url", f"{demo_server.url}/")
    assert result.report["mode"] == "http"
    assert result.status == 1
    # "/" redirects to "/fr/", whose banner links to the charte page: here, a view that sets
    # a statistics cookie.
    assert [page["url"] for page in result.report["pages"]] == [
        f"{demo_server.url}/",
        f"{demo_server.url}/fr/",
        f"{demo_server.url}/fr/charte-cookies/",
    ]
    (violation,) = result.findings("violation")
    assert violation["name"] == "_pk_id.1.server"
    assert violation["urls"] == [f"{demo_server.url}/fr/charte-cookies/"]


def test_without_playwright_the_browser_audit_says_what_to_install(db, monkeypatch):
    monkeypatch.setattr("wagtail_charte.contrib.audit.browser.sync_playwright", None)
    with pytest.raises(CommandError, match=r"wagtail-charte\[audit\]") as error:
        call_command("charte_audit", "--browser")
    assert error.value.returncode == 2


def test_a_missing_chromium_is_a_clear_error(db):
    with pytest.raises(CommandError, match="/nonexistent/chromium") as error:
        call_command("charte_audit", "--browser", "--chromium", "/nonexistent/chromium")
    assert error.value.returncode == 2


def test_an_undeclared_storage_key_says_where_to_declare_it():
    # DSFR's own `scheme` key, which every DSFR site meets.
    finding = AuditFinding(
        kind="undeclared",
        tracker="localStorage",
        name="scheme",
        domain="localhost",
        party="first",
        phase="before",
    )
    with translation.override("en"):
        assert finding_details(finding) == (
            "localStorage key, localhost, First party, first seen before any choice, "
            "declare it in the register under this key, as a cookie is"
        )
