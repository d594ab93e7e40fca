"""The consent endpoint: what it accepts, what it refuses, and the cookie it sets."""

import json

import pytest
from django.core import checks
from django.test import Client, override_settings

from wagtail_charte.banner import consent

from .choices import BAD_BODIES, CONSENT_URL, body, choice, post_choice


def test_endpoint_sets_the_cookie_per_the_contract(banner, client):
    chosen = choice(c={"statistics": True})
    response = post_choice(client, chosen)
    assert response.status_code == 204
    morsel = response.cookies["cookies_preferences"]
    assert consent.parse(morsel.value) == chosen
    assert morsel["path"] == "/"
    assert morsel["domain"] == ""
    assert morsel["samesite"] == "Lax"
    assert morsel["max-age"] == 182 * 86400
    assert not morsel["secure"]
    assert not morsel["httponly"]
    header = response.cookies.output()
    assert "Domain" not in header


def test_endpoint_marks_the_cookie_secure_on_https(banner, client):
    response = post_choice(client, choice(), HTTP_ORIGIN="https://testserver", secure=True)
    assert response.status_code == 204
    assert response.cookies["cookies_preferences"]["secure"]


def test_endpoint_needs_no_csrf_token(banner):
    response = post_choice(Client(enforce_csrf_checks=True), choice())
    assert response.status_code == 204


@pytest.mark.parametrize("label", sorted(BAD_BODIES))
def test_endpoint_refuses_malformed_bodies_with_a_reason(banner, client, label):
    response = post_choice(client, BAD_BODIES[label])
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["error"]
    assert "cookies_preferences" not in response.cookies


def test_endpoint_refuses_oversized_bodies(banner, client):
    padded = json.dumps(body(choice(), pad="x" * 10000))
    assert post_choice(client, padded).status_code == 413


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "https://testserver"},  # scheme differs
        {"HTTP_ORIGIN": "", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": ""},
    ],
)
def test_endpoint_refuses_cross_origin(banner, client, headers):
    response = post_choice(client, choice(), **headers)
    assert response.status_code == 403
    assert "cookies_preferences" not in response.cookies


def test_endpoint_accepts_sec_fetch_site_without_origin(banner, client):
    response = post_choice(client, choice(), HTTP_ORIGIN="", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 204


def test_endpoint_refuses_other_methods_and_content_types(banner, client):
    assert client.get(CONSENT_URL).status_code == 405
    response = client.post(CONSENT_URL, {"v": 1}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 415


def test_endpoint_survives_a_bad_content_length(banner, client):
    response = client.post(
        CONSENT_URL,
        json.dumps(choice()),
        content_type="application/json",
        HTTP_ORIGIN="http://testserver",
        CONTENT_LENGTH="abc",
    )
    assert 400 <= response.status_code < 500


PROXIED = {"HTTP_ORIGIN": "https://testserver"}  # HTTPS outside, plain HTTP behind the proxy


def test_behind_a_tls_proxy_the_endpoint_trusts_csrf_trusted_origins(banner, client, caplog):
    assert post_choice(client, choice(), **PROXIED).status_code == 403
    assert "https://testserver" in caplog.text  # the refusal is logged, with the origin
    with override_settings(CSRF_TRUSTED_ORIGINS=["https://testserver"]):
        response = post_choice(client, choice(), **PROXIED)
    assert response.status_code == 204
    assert response.cookies["cookies_preferences"]["secure"]  # the page is on HTTPS


@pytest.mark.parametrize(
    ("trusted", "origin", "status"),
    [
        ("https://*.testserver", "https://www.testserver", 204),
        ("https://*.testserver", "http://www.testserver", 403),
        ("https://*.testserver", "https://evil-testserver", 403),
        ("https://other.example", "https://testserver", 403),
    ],
)
def test_trusted_origins_follow_djangos_rule(banner, client, trusted, origin, status):
    with override_settings(CSRF_TRUSTED_ORIGINS=[trusted]):
        assert post_choice(client, choice(), HTTP_ORIGIN=origin).status_code == status


@override_settings(WAGTAIL_CHARTE={"COOKIE_NAME": "__Host-consent"})
def test_a_host_prefixed_cookie_is_always_secure(banner, client):
    response = post_choice(client, choice())
    assert response.status_code == 204
    morsel = response.cookies["__Host-consent"]
    assert morsel["secure"]
    assert morsel["path"] == "/"
    assert morsel["domain"] == ""


@pytest.mark.parametrize(
    ("overrides", "warned"),
    [
        ({"CSRF_TRUSTED_ORIGINS": ["https://example.org"]}, True),
        (
            {
                "CSRF_TRUSTED_ORIGINS": ["https://example.org"],
                "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
            },
            False,
        ),
        ({"CSRF_TRUSTED_ORIGINS": []}, False),
    ],
)
def test_a_system_check_warns_about_a_proxy_hiding_https(overrides, warned):
    with override_settings(DEBUG=False, **overrides):
        ids = [message.id for message in checks.run_checks(databases=[])]
    assert ("wagtail_charte.W003" in ids) is warned
