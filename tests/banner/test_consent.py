"""wagtail_charte.consent: the Python side of the consent cookie contract."""

import json
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from wagtail_charte.banner import consent
from wagtail_charte.banner.reading import read_consent
from wagtail_charte.models import ConsentBasis

from .choices import banner_config

VALUES = json.loads((Path(__file__).parents[1] / "data" / "consent_values.json").read_text())
GOOD = VALUES["choice"]
CONFIG = banner_config(
    {"necessary": "necessary", "statistics": "consent", "ads": "consent", "audience": "exempt"}
)


def request_with(value, name="cookies_preferences"):
    cookie = {} if value is None else {"HTTP_COOKIE": f"{name}={value}"}
    return RequestFactory().get("/", **cookie)


def test_serialise_matches_the_js_encoding():
    assert consent.serialise(GOOD) == VALUES["serialised"]
    assert consent.parse(VALUES["serialised"]) == GOOD


@pytest.mark.parametrize("label", sorted(VALUES["invalid"]))
def test_parse_refuses_what_is_not_a_choice(label):
    assert consent.parse(VALUES["invalid"][label]) is None


# What each valid form of tests/data/consent_values.json reads as.
PARSED = {
    "50 categories": {**GOOD, "c": {f"c{i}": True for i in range(50)}},
    "spaces and another key order": GOOD,
    "an escaped key": GOOD,
    "a version written -0": {**GOOD, "v": 0},
}


@pytest.mark.parametrize("label", sorted(VALUES["valid"]))
def test_parse_accepts_any_strict_json_form_of_a_choice(label):
    assert consent.parse(VALUES["valid"][label]) == PARSED[label]


def test_fifty_categories_is_the_cap():
    assert len(consent.parse(VALUES["valid"]["50 categories"])["c"]) == consent.MAX_CATEGORIES
    assert len(VALUES["invalid"]["51 categories"]) < consent.MAX_ENCODED_LENGTH


@pytest.mark.parametrize(
    "case", VALUES["headers"]["cases"], ids=[c["label"] for c in VALUES["headers"]["cases"]]
)
def test_one_rule_picks_the_choice_among_cookies_of_the_same_name(case):
    now = 1700000100
    choice = consent.current_choice(case["header"], "cookies_preferences", 2, 182, now=now)
    expected = case["expected"]
    assert (choice and {"ts": choice["ts"], "c": choice["c"]}) == expected


def test_read_consent_reads_the_raw_header_as_the_script_does(monkeypatch):
    """A parent-domain cookie that accepts, sent after a newer host cookie that refuses."""
    monkeypatch.setattr(consent.time, "time", lambda: GOOD["ts"] + 100)
    refused = consent.serialise({**GOOD, "ts": GOOD["ts"] + 50, "c": {"statistics": False}})
    accepted = consent.serialise({**GOOD, "c": {"statistics": True}})
    header = f"cookies_preferences={refused}; cookies_preferences={accepted}"
    request = RequestFactory().get("/", HTTP_COOKIE=header)
    assert request.COOKIES["cookies_preferences"] == accepted  # what Django alone would take
    assert not read_consent(request, CONFIG).allows("statistics")


def test_parse_refuses_oversized_values_and_duplicate_keys():
    choice = {**GOOD, "c": {f"category-with-a-long-slug-number-{i}": True for i in range(49)}}
    raw = consent.serialise(choice)
    assert len(raw) > consent.MAX_ENCODED_LENGTH
    assert consent.parse(raw) is None
    assert consent.parse(raw[:2000]) is None
    duplicated = '{"v":2,"v":3,"ts":1,"id":"ID","c":{}}'.replace("ID", GOOD["id"])
    with pytest.raises(consent.InvalidChoice):
        consent.loads(duplicated)
    with pytest.raises(consent.InvalidChoice):
        consent.loads('{"v":NaN,"ts":1,"id":"ID","c":{}}'.replace("ID", GOOD["id"]))


@pytest.mark.parametrize(
    ("version", "lifetime", "now", "current"),
    [
        (2, 182, GOOD["ts"] + 10, True),
        (3, 182, GOOD["ts"] + 10, False),  # stale version
        (1, 182, GOOD["ts"] + 10, False),  # a version above the site's is forged
        (2, 182, GOOD["ts"] - 86401, False),  # more than a day in the future
        (2, 182, GOOD["ts"] - 3600, True),  # within the clock skew
        (2, 1, GOOD["ts"] + 86400, False),  # expired
        (2, 1, GOOD["ts"] + 86399, True),
    ],
)
def test_is_current(version, lifetime, now, current):
    assert consent.is_current(GOOD, version, lifetime, now=now) is current


def test_read_consent_applies_the_bases(monkeypatch):
    now = GOOD["ts"] + 10
    monkeypatch.setattr(consent.time, "time", lambda: now)
    value = consent.serialise({**GOOD, "c": {"statistics": True, "audience": False}})
    result = read_consent(request_with(value), CONFIG)
    assert result.is_current
    assert result.allows("necessary")
    assert result.allows("statistics")
    assert not result.allows("ads")  # consent, missing: refused
    assert not result.allows("audience")  # exempt, refused explicitly
    assert not result.allows("unknown")
    missing_exempt = consent.serialise({**GOOD, "c": {}})
    assert read_consent(request_with(missing_exempt), CONFIG).allows("audience")


@pytest.mark.parametrize(
    "value", [None, "garbage", "%7B", consent.serialise({**GOOD, "v": 1}), "x" * 5000]
)
def test_no_current_choice_means_defaults(value, monkeypatch):
    monkeypatch.setattr(consent.time, "time", lambda: GOOD["ts"] + 10)
    result = read_consent(request_with(value), CONFIG)
    assert not result.is_current
    assert result.allows("necessary")
    assert result.allows("audience")
    assert not result.allows("statistics")


@override_settings(WAGTAIL_CHARTE={"COOKIE_NAME": "my_consent"})
def test_cookie_name_comes_from_settings(monkeypatch):
    monkeypatch.setattr(consent.time, "time", lambda: GOOD["ts"] + 10)
    value = consent.serialise(GOOD)
    assert read_consent(request_with(value, "my_consent"), CONFIG).allows("statistics")
    assert not read_consent(request_with(value), CONFIG).allows("statistics")


def test_the_contract_names_the_bases_of_the_register():
    assert {consent.NECESSARY, consent.EXEMPT, consent.CONSENT} == set(ConsentBasis.values)
