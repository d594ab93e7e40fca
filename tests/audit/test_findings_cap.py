"""A page that sets 10,000 cookies: the audit reports the first findings of each kind and how
many more there were, rather than storing them all."""

import html

import pytest

from wagtail_charte.contrib.audit.models import AuditFinding, AuditRun

from .flood_urls import COOKIES


@pytest.fixture
def flood(settings):
    settings.ROOT_URLCONF = "tests.audit.flood_urls"
    settings.LANGUAGE_CODE = "en"


def test_the_findings_of_each_kind_are_capped_and_the_rest_counted(demo, flood, audit):
    result = audit("--json", "--locale", "en")
    assert result.status == 1
    # Each crumb is undeclared, and set before any choice: two findings each.
    undeclared, violations = result.findings("undeclared"), result.findings("violation")
    assert len(undeclared) == len(violations) == 200
    assert undeclared[0]["name"] == "crumb_00000"
    omitted = COOKIES - 200
    assert result.report["findings_omitted"] == {"undeclared": omitted, "violation": omitted}
    run = AuditRun.objects.get()
    assert run.findings_omitted == {"undeclared": omitted, "violation": omitted}
    assert AuditFinding.objects.filter(run=run, name__startswith="crumb_").count() == 400


def test_the_cap_is_an_option_and_the_report_says_what_was_not_stored(demo, flood, audit):
    output = audit("--locale", "en", "--max-findings", "3").output
    assert (
        "Not in the register (3)\n  The first 3 are listed; 9997 more were found and not stored.\n"
        in output
    )
    assert "crumb_00002" in output
    assert "crumb_00003" not in output


def test_a_run_without_so_many_findings_omits_none(demo, audit):
    assert audit("--json").report["findings_omitted"] == {}


def test_the_admin_report_says_what_was_not_stored(admin_client, flood, run_now):
    page = html.unescape(admin_client.get(run_now(admin_client)["Location"]).content.decode())
    assert "Not in the register (200)" in page
    assert "The first 200 are listed; 9800 more were found and not stored." in page
