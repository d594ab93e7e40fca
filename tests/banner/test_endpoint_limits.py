"""The consent endpoint's rate limits, counted in a real Redis shared by every process."""

import time
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from sandbox import servers
from wagtail_charte import throttle
from wagtail_charte.models import ConsentRecord

from ..consent_log.helpers import new_id
from .choices import choice, post_choice


@pytest.fixture(scope="module")
def redis_url():
    try:
        with servers.redis_server() as url:
            yield url
    except servers.Unavailable as missing:
        pytest.skip(str(missing))


@pytest.fixture
def shared_cache(settings, redis_url, monkeypatch):
    settings.CACHES = {
        **settings.CACHES,
        "charte": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
    }
    settings.WAGTAIL_CHARTE = {
        "CACHE": "charte",
        "CONSENT_RATE_PER_ADDRESS": 3,
        "CLIENT_ADDRESS_HEADER": "X-Forwarded-For",
    }
    caches["charte"].clear()
    # The middle of a minute: a test's choices all fall in one of the limit's windows.
    middle = time.time() // throttle.ADDRESS_WINDOW * throttle.ADDRESS_WINDOW + 30
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: middle))


def from_address(client, address, consent_id):
    return post_choice(client, choice(id=consent_id), HTTP_X_FORWARDED_FOR=f"10.0.0.1, {address}")


def test_one_address_gets_its_limit_a_minute_then_429(banner, client, shared_cache):
    answers = [from_address(client, "203.0.113.9", new_id(n)).status_code for n in range(5)]
    assert answers == [204, 204, 204, 429, 429]
    refused = from_address(client, "203.0.113.9", new_id(9))
    assert refused["Retry-After"] == "30"  # the end of the minute
    assert refused.json() == {"error": "too many choices"}
    assert "cookies_preferences" not in refused.cookies
    assert ConsentRecord.objects.count() == 3
    # Another visitor is not held back by the first one's flood.
    assert from_address(client, "198.51.100.7", new_id(10)).status_code == 204


def test_an_ipv6_host_counts_as_its_64(banner, client, shared_cache):
    hosts = [f"2001:db8:1:2::{n:x}" for n in range(4)]
    answers = [from_address(client, host, new_id(n)).status_code for n, host in enumerate(hosts)]
    assert answers == [204, 204, 204, 429]
    assert from_address(client, "2001:db8:1:3::1", new_id(8)).status_code == 204


def test_one_consent_id_makes_one_choice_per_interval(banner, client, shared_cache, settings):
    # A minute rather than the default second: a slow machine cannot let it lapse mid-test.
    settings.WAGTAIL_CHARTE = {**settings.WAGTAIL_CHARTE, "CONSENT_INTERVAL_PER_ID": 60}
    assert from_address(client, "203.0.113.1", new_id(1)).status_code == 204
    again = from_address(client, "203.0.113.2", new_id(1))
    assert again.status_code == 429
    assert again["Retry-After"] == "60"
    assert ConsentRecord.objects.count() == 1


def test_without_a_shared_cache_there_is_no_limit(banner, client, settings):
    settings.WAGTAIL_CHARTE = {"CONSENT_RATE_PER_ADDRESS": 1, "CLIENT_ADDRESS_HEADER": "X-Real-IP"}
    assert not throttle.is_on()
    for n in range(3):
        assert (
            post_choice(client, choice(id=new_id(n)), HTTP_X_REAL_IP="203.0.113.5").status_code
            == 204
        )


@pytest.mark.parametrize(
    ("header", "meta", "network"),
    [
        (None, {"REMOTE_ADDR": "81.250.1.5"}, "81.250.1.5"),
        (None, {"REMOTE_ADDR": "127.0.0.1"}, None),  # a proxy on the same machine
        (None, {"REMOTE_ADDR": "10.1.2.3"}, None),
        (None, {"REMOTE_ADDR": "::ffff:81.250.1.5"}, "81.250.1.5"),
        (None, {"REMOTE_ADDR": "2001:db8:aa::1"}, None),  # documentation range: not global
        (None, {"REMOTE_ADDR": "2a01:cb00:1:2:3::9"}, "2a01:cb00:1:2::/64"),
        ("X-Forwarded-For", {"HTTP_X_FORWARDED_FOR": "1.1.1.1, 10.0.0.2"}, "10.0.0.2"),
        ("X-Forwarded-For", {"HTTP_X_FORWARDED_FOR": "garbage, [::1"}, None),
        ("X-Forwarded-For", {"REMOTE_ADDR": "203.0.113.5"}, None),
    ],
)
def test_the_client_address_is_the_proxys_last_entry_or_the_connections(
    settings, header, meta, network
):
    settings.WAGTAIL_CHARTE = {"CLIENT_ADDRESS_HEADER": header}
    request = RequestFactory().post("/", **{"REMOTE_ADDR": "", **meta})
    assert throttle.client_network(request) == network
