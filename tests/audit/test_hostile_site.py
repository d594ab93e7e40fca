"""`charte_audit --url` against a broken or hostile site: every page ends by its deadline, the
run by its own, and whatever a page does is a page that did not load, never the run's end."""

import time

import pytest
from django.core.management import CommandError, call_command

from wagtail_charte.contrib.audit.models import AuditFinding, AuditRun

from .hostile_site import hostile_site

# What a run may take beyond its limit: the admin login page, comparing, saving, and a slow CI.
MARGIN = 3


@pytest.fixture
def site():
    with hostile_site() as url:
        yield url


def timed(run, *args):
    started = time.monotonic()
    result = run(*args)
    return result, time.monotonic() - started


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_a_trickling_page_is_given_up_at_its_deadline_and_the_run_goes_on(demo, site, audit, path):
    result, seconds = timed(
        audit, "--json", "--page-time-limit", "2", "--url", site + path, site + "/ok"
    )
    assert seconds < 2 + MARGIN
    assert result.status == 2
    assert result.report["pages"] == [
        {"url": site + path, "status": 0, "error": "timeout"},
        {"url": site + "/ok", "status": 200},
    ]


def test_the_time_limit_ends_the_run_whatever_a_page_does(demo, site, settings):
    settings.LANGUAGE_CODE = "en"
    # The page trickles a byte every TRICKLE_EVERY seconds: no socket timeout ever trips.
    started = time.monotonic()
    with pytest.raises(CommandError) as error:
        call_command("charte_audit", "--time-limit", "3", "--url", site + "/trickle-body")
    assert time.monotonic() - started < 3 + MARGIN
    assert error.value.returncode == 2
    assert "nothing was audited" in str(error.value)


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/many-headers", "response"),
        ("/bad-status-line", "response"),
        ("/reset", "connection"),
        ("/nowhere", None),  # a 404
    ],
)
def test_a_broken_answer_is_a_page_that_did_not_load(demo, site, audit, settings, path, error):
    result = audit("--json", "--url", site + path, site + "/ok")
    assert result.status == 2
    failed, loaded = result.report["pages"]
    assert failed == (
        {"url": site + path, "status": 0, "error": error}
        if error
        else {"url": site + path, "status": 404}
    )
    assert loaded == {"url": site + "/ok", "status": 200}
    # The cookie of the page that did load is audited.
    assert [finding["name"] for finding in result.findings("undeclared")] == ["seen"]
    assert AuditRun.objects.get().failed_pages == [failed]
    settings.LANGUAGE_CODE = "en"
    output = audit("--url", site + path, site + "/ok").output
    why = {
        "response": "not a valid HTTP response",
        "connection": "no connection",
        None: "404",
    }[error]
    assert f"Pages that did not load:\n  {site}{path} ({why})" in output


def test_more_than_a_hundred_headers_alone_is_an_audit_that_could_not_run(demo, site, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(CommandError, match="nothing was audited") as error:
        call_command("charte_audit", "--url", site + "/many-headers")
    assert error.value.returncode == 2


def test_a_redirect_loop_is_visited_once_each_way(demo, site, audit):
    result = audit("--json", "--url", site + "/loop-a")
    assert result.report["pages"] == [
        {"url": site + "/loop-a", "status": 302},
        {"url": site + "/loop-b", "status": 302},
    ]


def test_a_body_in_an_unknown_charset_is_read(demo, site, audit):
    result = audit("--json", "--url", site + "/latin1")
    assert result.status == 0
    assert result.report["pages"] == [{"url": site + "/latin1", "status": 200}]


def test_links_that_are_no_urls_are_skipped(demo, site, audit):
    result = audit("--json", "--url", site + "/bad-link")
    assert [page["url"] for page in result.report["pages"]] == [site + "/bad-link", site + "/ok"]


def test_an_error_of_the_audit_itself_exits_2_not_1(demo, site, monkeypatch):
    # A traceback would exit 1, which CI reads as findings.
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("wagtail_charte.contrib.audit.run.compare", broken)
    with pytest.raises(CommandError, match="disk full") as error:
        call_command("charte_audit", "--url", site + "/ok")
    assert error.value.returncode == 2


def test_a_cookie_that_outlasts_any_number_is_reported(demo, site, audit):
    result = audit("--json", "--url", site + "/endless-cookie")
    assert result.status == 1
    (finding,) = result.findings("undeclared")
    assert finding["name"] == "endless"
    assert finding["lifetime_seconds"] > 1000 * 366 * 24 * 3600


def test_a_domain_longer_than_any_is_stored_cut_to_its_column(demo, site, audit):
    # PostgreSQL refuses a value longer than the column: the run would not be saved.
    assert audit("--url", site + "/long-domain").status == 1
    (finding,) = AuditFinding.objects.filter(name="long", kind="undeclared")
    assert finding.domain == "a" * 255
