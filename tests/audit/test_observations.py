"""How the audit reads a `Set-Cookie` and an observed lifetime."""

import pytest

from wagtail_charte.contrib.audit.observations import parse_set_cookie
from wagtail_charte.models.lifetime import lifetime_from_seconds, longest_seconds

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
URL = "https://www.example.org/fr/"
DAY = 24 * 3600


@pytest.mark.parametrize(
    "header, expected",
    [
        ("sessionid=abc; Path=/; HttpOnly", ("sessionid", "www.example.org", None)),
        ("a=1; Max-Age=3600", ("a", "www.example.org", 3600)),
        ("a=1; expires=Fri, 02 Jan 2026 00:00:00 GMT", ("a", "www.example.org", DAY)),
        # Max-Age wins over Expires, as in browsers.
        ("a=1; Expires=Fri, 02 Jan 2026 00:00:00 GMT; Max-Age=60", ("a", "www.example.org", 60)),
        ("_ga=1; Domain=.example.org; Max-Age=10", ("_ga", "example.org", 10)),
        ("a=1; Max-Age=soon", ("a", "www.example.org", None)),
    ],
)
def test_a_set_cookie_gives_its_name_domain_and_lifetime(header, expected):
    assert parse_set_cookie(header, URL, now=NOW) == expected


@pytest.mark.parametrize(
    "header",
    [
        "a=; Max-Age=0",
        'a=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
        "a=1; Expires=Wed, 31 Dec 2025 00:00:00 GMT",
        "=nameless",
    ],
)
def test_a_deletion_is_not_a_cookie_set(header):
    assert parse_set_cookie(header, URL, now=NOW) is None


@pytest.mark.parametrize(
    "seconds, lifetime",
    [
        (None, (None, "session")),
        (90 * 60, (2, "hours")),
        (36 * 3600, (36, "hours")),
        (14 * DAY, (14, "days")),
        (14 * DAY - 5, (14, "days")),  # read a few seconds after it was set
        (182 * DAY, (6, "months")),
        (390 * DAY, (13, "months")),  # the sandbox's statistics cookie
        (52 * 7 * DAY, (1, "years")),  # Django's CSRF cookie
        (730 * DAY, (2, "years")),
    ],
)
def test_an_observed_lifetime_reads_in_the_largest_natural_unit(seconds, lifetime):
    assert lifetime_from_seconds(seconds) == lifetime
    # And the draft made from it covers what was observed.
    assert longest_seconds(*lifetime) >= (seconds or 0)


def test_declared_lifetimes_are_read_at_their_longest():
    assert longest_seconds(1, "months") == 31 * DAY
    assert longest_seconds(1, "years") == 366 * DAY
    assert longest_seconds(None, "session") == 0
