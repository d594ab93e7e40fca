"""The package's settings: defaults, overrides, and a warning for a key it does not know."""

from django.core import checks
from django.test import override_settings

from wagtail_charte import conf


def test_every_key_has_a_default_that_a_site_can_override():
    assert conf.get("COOKIE_NAME") == "cookies_preferences"
    with override_settings(WAGTAIL_CHARTE={"COOKIE_NAME": "consent"}):
        assert conf.get("COOKIE_NAME") == "consent"
        assert conf.get("PAGE_CACHE_TIMEOUT") == conf.DEFAULTS["PAGE_CACHE_TIMEOUT"]


def test_a_mistyped_key_is_reported_by_the_system_checks():
    with override_settings(WAGTAIL_CHARTE={"COOKIE_NAM": "consent"}):
        warnings = [m for m in checks.run_checks() if m.id == "wagtail_charte.W001"]
    assert len(warnings) == 1
    assert "COOKIE_NAM" in warnings[0].msg
    assert "COOKIE_NAME" in warnings[0].hint


def test_known_keys_raise_no_warning():
    with override_settings(WAGTAIL_CHARTE=dict(conf.DEFAULTS)):
        assert not [m for m in checks.run_checks() if m.id == "wagtail_charte.W001"]
