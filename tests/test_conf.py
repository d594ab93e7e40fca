"""The package's settings: defaults, overrides, and the system checks of its keys and cache."""

import ast
import re
import time
from functools import partial
from pathlib import Path

from django.core import checks
from django.core.cache import caches
from django.test import override_settings

from wagtail_charte import cache, conf


def test_every_key_has_a_default_that_a_site_can_override():
    assert conf.get("COOKIE_NAME") == "cookies_preferences"
    with override_settings(WAGTAIL_CHARTE={"COOKIE_NAME": "consent"}):
        assert conf.get("COOKIE_NAME") == "consent"
        assert conf.get("PAGE_CACHE_TIMEOUT") == conf.DEFAULTS["PAGE_CACHE_TIMEOUT"]


def test_a_mistyped_key_is_reported_by_the_system_checks():
    with override_settings(WAGTAIL_CHARTE={"COOKIE_NAM": "consent"}):
        warnings = [m for m in checks.run_checks(databases=[]) if m.id == "wagtail_charte.W001"]
    assert len(warnings) == 1
    assert "COOKIE_NAM" in warnings[0].msg
    assert "COOKIE_NAME" in warnings[0].hint


def test_known_keys_raise_no_warning():
    with override_settings(WAGTAIL_CHARTE=dict(conf.DEFAULTS)):
        assert not [m for m in checks.run_checks(databases=[]) if m.id == "wagtail_charte.W001"]


def cache_warnings():
    ids = {"wagtail_charte.E003", "wagtail_charte.W002"}
    return [m for m in checks.run_checks(databases=[]) if m.id in ids]


LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DUMMY = "django.core.cache.backends.dummy.DummyCache"
REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}


@override_settings(DEBUG=False, CACHES=LOCMEM)
def test_a_per_process_cache_in_production_is_reported_with_the_fix():
    (warning,) = cache_warnings()
    assert warning.id == "wagtail_charte.W002"
    assert "“default”" in warning.msg and "LocMemCache" in warning.msg
    assert "RedisCache" in warning.hint and "docs/deploy.md" in warning.hint


@override_settings(DEBUG=False, CACHES={"default": {"BACKEND": DUMMY}})
def test_no_cache_at_all_is_reported_too():
    assert [m.id for m in cache_warnings()] == ["wagtail_charte.W002"]


@override_settings(
    DEBUG=False,
    CACHES={**LOCMEM, "shared": REDIS},
    WAGTAIL_CHARTE={"CACHE": "shared"},
)
def test_a_shared_cache_named_by_the_setting_raises_no_warning():
    assert cache_warnings() == []


@override_settings(
    CACHES={**LOCMEM, "charte": {**LOCMEM["default"], "LOCATION": "charte"}},
    WAGTAIL_CHARTE={"CACHE": "charte"},
)
def test_the_package_caches_in_the_cache_the_setting_names():
    computed = []

    def body():
        computed.append(1)
        return "body"

    assert cache.cached(cache.PAGES, ["page"], body) == "body"
    caches["default"].clear()
    cache.cached(cache.PAGES, ["page"], body)
    assert len(computed) == 1
    caches["charte"].clear()
    cache.cached(cache.PAGES, ["page"], body)
    assert len(computed) == 2


@override_settings(CACHES=LOCMEM)
def test_an_upgrade_does_not_serve_what_the_previous_release_cached(monkeypatch):
    releases = []

    def banner():
        releases.append(cache.RELEASE)
        return f"markup of {cache.RELEASE}"

    monkeypatch.setattr(cache, "RELEASE", "0.1.0")
    assert cache.cached(cache.BANNERS, ["banner"], banner) == "markup of 0.1.0"
    monkeypatch.setattr(cache, "RELEASE", "0.2.0")
    assert cache.cached(cache.BANNERS, ["banner"], banner) == "markup of 0.2.0"
    assert cache.cached(cache.BANNERS, ["banner"], banner) == "markup of 0.2.0"
    assert releases == ["0.1.0", "0.2.0"]


@override_settings(DEBUG=True, CACHES=LOCMEM)
def test_a_per_process_cache_is_fine_while_debugging():
    assert cache_warnings() == []


@override_settings(CACHES=LOCMEM, WAGTAIL_CHARTE={"CACHE": "shraed"})
def test_a_cache_alias_that_does_not_exist_is_an_error():
    (error,) = cache_warnings()
    assert error.id == "wagtail_charte.E003"
    assert "shraed" in error.msg and "default" in error.hint


def test_the_settings_reference_gives_every_key_its_real_default():
    page = (Path(__file__).resolve().parents[1] / "docs" / "settings.md").read_text()
    table = dict(re.findall(r"^\| `(\w+)` \| `([^`]+)` \|", page, re.MULTILINE))
    example = ast.literal_eval(re.search(r"WAGTAIL_CHARTE = (\{.*?\})", page, re.DOTALL)[1])
    assert {key: ast.literal_eval(value) for key, value in table.items()} == conf.DEFAULTS
    assert example == conf.DEFAULTS


@override_settings(
    CACHES=LOCMEM, WAGTAIL_CHARTE={"PAGE_CACHE_TIMEOUT": 10, "BANNER_CACHE_TIMEOUT": 100}
)
def test_each_namespace_keeps_an_entry_for_its_timeout_setting(monkeypatch):
    computed = []
    start = time.time()

    def read_all():
        for namespace in (cache.PAGES, cache.BANNERS, cache.SNAPSHOTS):
            cache.cached(namespace, ["entry"], partial(computed.append, namespace))

    read_all()
    computed.clear()
    monkeypatch.setattr(time, "time", lambda: start + 50)
    read_all()
    assert computed == [cache.PAGES]
    computed.clear()
    monkeypatch.setattr(time, "time", lambda: start + 150)
    read_all()
    assert computed == [cache.PAGES, cache.BANNERS, cache.SNAPSHOTS]
