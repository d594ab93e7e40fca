"""The audit and the link helper in the host: each page at its own language's URL, all of them."""

import io
import json

import pytest
from django.core.management import call_command

from wagtail_charte.models import ConsentRecord
from wagtail_charte.testing import pages_without_preferences_link

from .helpers import live_pages, url_of

ADMIN_LOGIN = "http://testserver/admin/login/"


def audit(*args):
    output = io.StringIO()
    try:
        call_command("charte_audit", "--json", *args, stdout=output)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, json.loads(output.getvalue())


def expected_pages(server=""):
    pages = {url_of(page) for page in live_pages()}
    return {f"{server or 'http://testserver'}{url}" for url in pages} | {ADMIN_LOGIN}


def test_every_page_keeps_its_preferences_link(host, client):
    assert pages_without_preferences_link(client) == []


def test_the_audit_visits_every_page_and_finds_the_host_clean(committed_host):
    status, report = audit()
    assert {page["url"]: page["status"] for page in report["pages"]} == dict.fromkeys(
        expected_pages(), 200
    )
    assert (status, report["clean"]) == (0, True)


@pytest.mark.browser
def test_the_browser_audit_finds_the_host_clean_and_logs_no_choice(host_server):
    status, report = audit("--browser")
    assert {page["url"] for page in report["pages"]} == expected_pages()
    assert report["banner_missing"] is False
    assert (status, report["clean"]) == (0, True), report["findings"]
    assert not ConsentRecord.objects.exists()
