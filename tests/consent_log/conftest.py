"""Fixtures of the consent log's tests."""

import pytest

from wagtail_charte.models import CookieBannerSettings

from ..helpers import PASSWORD, user_with_permissions


@pytest.fixture
def committed_banner(committed_demo):
    """The demo banner, committed: foreign keys are checked as in production."""
    return CookieBannerSettings.objects.get(site__is_default_site=True)


@pytest.fixture
def auditor_client(demo, client):
    """A user of the Wagtail admin whose only other permission is to view the consent log."""
    user_with_permissions("access_admin", "view_consentrecord", username="auditor")
    client.login(username="auditor", password=PASSWORD)
    return client
