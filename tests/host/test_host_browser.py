"""The host in Chromium: its dark stylesheet colours p, h2, a and label white, and the policy
page, the banner and the dialog stay readable and accessible (axe-core)."""

import pytest

from wagtail_charte.models import CookiePolicyPage

from ..helpers import axe_violations, contrast_failures
from .helpers import url_of

pytestmark = pytest.mark.browser

BANNER = "[data-charte-banner]"
DIALOG = "[data-charte-dialog]"


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_policy_page_banner_and_dialog_pass_axe_on_the_host(host_server, new_context, scheme):
    for policy in CookiePolicyPage.objects.live():
        page = new_context(color_scheme=scheme).new_page()
        page.goto(host_server.url + url_of(policy))
        page.wait_for_selector(BANNER, state="visible")
        assert contrast_failures(page, BANNER) == [], policy.locale
        assert axe_violations(page) == [], policy.locale
        page.click(f'{BANNER} [data-charte-action="customize"]')
        page.wait_for_selector(DIALOG, state="visible")
        assert contrast_failures(page, DIALOG) == [], policy.locale
        assert axe_violations(page) == [], policy.locale
