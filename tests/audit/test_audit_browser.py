"""`charte_audit --browser`: Chromium before any choice, after accepting, after refusing."""

import time

import pytest

from wagtail_charte.models import ConsentRecord

from .hostile_site import hostile_site

pytestmark = pytest.mark.browser


# Under Django's default LANGUAGE_CODE, "en-us", in tests/host/test_audit.py.
def test_the_sandbox_audits_clean_in_the_browser(demo_server, audit):
    # No --url: the command serves this project itself and loads its live pages.
    result = audit("--browser", "--json")
    assert result.status == 0, result.output
    report = result.report
    assert report["mode"] == "browser"
    assert report["banner_missing"] is False
    assert {page["url"] for page in report["pages"]} == {
        "http://localhost/fr/",
        "http://localhost/en/",
        "http://localhost/fr/charte-cookies/",
        "http://localhost/en/cookie-policy/",
        # Through the test client, signing in there.
        "http://localhost/admin/login/",
    }
    assert result.findings("undeclared") == result.findings("violation") == []
    # The statistics script ran after "accept all" only; the consent cookie was set.
    unseen = {finding["name"] for finding in result.findings("unseen")}
    assert not {"_pk_id.*", "cookies_preferences", "csrftoken", "sessionid"} & unseen
    # The audit's own "accept all" and "refuse all" are not visitors' choices.
    assert not ConsentRecord.objects.exists()


def test_over_http_the_browser_audit_leaves_no_choice_in_the_consent_log(demo_server, audit):
    # As on a production site with --url: its legal log holds only its visitors' choices.
    result = audit("--browser", "--json", "--url", f"{demo_server.url}/en/")
    assert result.report["banner_missing"] is False
    assert not ConsentRecord.objects.exists()


def test_a_script_that_sets_cookies_before_any_choice_is_caught(demo_server, settings, audit):
    settings.ROOT_URLCONF = "tests.testapp.urls"
    url = f"{demo_server.url}/tracker/"
    result = audit("--browser", "--json", "--url", url, "--max-pages", "1")
    assert result.status == 1
    violations = {(f["name"], f["phase"]): f for f in result.findings("violation")}
    # A cookie the register puts under statistics, which needs consent: before any choice,
    # and again after "refuse all".
    assert violations["_pk_id.1.script", "before"]["urls"] == [url]
    assert violations["_pk_id.1.script", "before"]["category"] == "statistics"
    assert ("_pk_id.1.script", "refused") in violations
    # An undeclared one: reported as such, and as a violation before any choice.
    (undeclared,) = result.findings("undeclared", "_tracker_uid")
    assert undeclared["urls"] == [url]
    assert undeclared["before_choice"] is True
    assert undeclared["lifetime_seconds"] <= 3600
    assert ("_tracker_uid", "before") in violations


def test_storage_keys_third_party_cookies_and_requests_before_a_choice(
    demo_server, settings, audit
):
    settings.ROOT_URLCONF = "tests.testapp.urls"
    url = f"{demo_server.url}/tracker/storage/"
    pixel = url.replace("localhost", "127.0.0.1").replace("/storage/", "/pixel/")
    result = audit("--browser", "--json", "--url", url, "--max-pages", "1")
    assert result.status == 1
    undeclared = {f["name"]: f for f in result.findings("undeclared")}
    assert undeclared["tracker_state"]["tracker"] == "localStorage"
    assert undeclared["tracker_tab"]["tracker"] == "sessionStorage"
    for key in ("tracker_state", "tracker_tab"):
        assert (undeclared[key]["urls"], undeclared[key]["before_choice"]) == ([url], True)
    # The pixel's Set-Cookie, though Chromium does not keep a third party's cookie.
    cookie = undeclared["_3p_uid"]
    assert (cookie["domain"], cookie["party"], cookie["urls"]) == ("127.0.0.1", "third", [url])
    assert cookie["lifetime_seconds"] == 3600
    assert {"url": pixel, "page": url} in result.report["requests_before_choice"]


def test_a_gated_script_fetched_before_any_choice_is_a_violation(demo_server, settings, audit):
    settings.ROOT_URLCONF = "tests.testapp.urls"
    url = f"{demo_server.url}/tracker/ungated/"
    result = audit("--browser", "--json", "--url", url, "--max-pages", "1")
    assert result.status == 1
    requests = {f["phase"]: f for f in result.findings("violation") if f["tracker"] == "request"}
    # The statistics script, requested before any choice and again after "refuse all".
    assert set(requests) == {"before", "refused"}
    before = requests["before"]
    assert before["name"] == f"{demo_server.url}/static/sandbox/stats.js"
    assert (before["category"], before["urls"]) == ("statistics", [url])


def test_in_the_browser_a_trickling_page_is_given_up_at_its_deadline(demo, audit):
    with hostile_site() as site:
        started = time.monotonic()
        result = audit(
            "--json",
            "--browser",
            "--page-time-limit",
            "2",
            "--url",
            site + "/trickle-body",
            site + "/ok",
        )
        seconds = time.monotonic() - started
    # Chromium's start, the other page, and a slow CI; well below Playwright's 30 s default.
    assert seconds < 2 + 12
    assert result.status == 2
    assert result.report["pages"] == [
        {"url": site + "/trickle-body", "status": 0, "error": "timeout"},
        {"url": site + "/ok", "status": 200},
    ]
