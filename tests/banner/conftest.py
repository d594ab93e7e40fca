"""Fixtures of the banner's tests."""

import pytest
from django.core.cache import cache

from wagtail_charte.models import CookieBannerSettings


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def banner(demo):
    return CookieBannerSettings.objects.get(site__is_default_site=True)
