"""`Sec-GPC: 1` on the server: the refusal banner.js records, unasked, for a GPC browser."""

import time

import pytest
from django.test import RequestFactory

from wagtail_charte.banner import consent
from wagtail_charte.banner.gpc import gpc_choice
from wagtail_charte.banner.reading import read_consent

from .choices import banner_config

BASES = {
    "necessary": "necessary",
    "statistics": "consent",
    "audience": "exempt",
    "video": "consent",
}
CONFIG = banner_config(BASES, gpc=True)


def request(gpc=None, cookie=None):
    headers = {} if gpc is None else {"HTTP_SEC_GPC": gpc}
    if cookie is not None:
        headers["HTTP_COOKIE"] = f"cookies_preferences={cookie}"
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("header", "honoured"), [("1", True), (" 1", True), ("0", False), ("yes", False), (None, False)]
)
def test_only_sec_gpc_1_is_honoured(header, honoured):
    assert (gpc_choice(request(header), CONFIG) is not None) is honoured


def test_gpc_refuses_what_needs_consent_and_leaves_exempt_on():
    choice = gpc_choice(request("1"), CONFIG, now=1_767_225_600)
    assert choice == {
        "v": 2,
        "ts": 1_767_225_600,
        "id": None,
        "c": {"statistics": False, "video": False},
    }
    seen = consent.Consent(choice=choice, is_current=True, bases=BASES)
    assert seen.allows("necessary")
    assert seen.allows("audience")  # exempt: GPC does not refuse it, as in banner.js
    assert not seen.allows("statistics") and not seen.allows("video")


def test_a_banner_that_does_not_honour_gpc_ignores_the_header():
    assert gpc_choice(request("1"), banner_config(BASES, gpc=False)) is None


def test_a_current_choice_wins_over_gpc():
    """As in the script: a visitor who opted in with GPC on keeps that choice."""
    value = consent.serialise(
        {"v": 2, "ts": int(time.time()), "id": "0" * 32, "c": {"statistics": True}}
    )
    assert read_consent(request("1", value), CONFIG).allows("statistics")


def test_read_consent_honours_sec_gpc():
    seen = read_consent(request("1"), CONFIG)
    assert seen.is_current
    assert seen.choice["c"] == {"statistics": False, "video": False}
    assert seen.choice["id"] is None
    assert seen.allows("audience") and not seen.allows("statistics")
    assert not read_consent(request(), CONFIG).is_current
