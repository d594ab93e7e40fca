"""The consent endpoint against hostile requests: malformed headers, snapshots that do not
match the choice, random bodies. It answers 4xx with a reason, never 500."""

import json
import random
import string
import time

import pytest
from django.test import Client, override_settings
from wagtail.models import Page, Site

from wagtail_charte.models import ConsentRecord, CookieBannerSettings

from ..consent_log.helpers import new_id
from .choices import CONSENT_URL, body, choice, post_choice, served_snapshot

MALFORMED_ORIGINS = [
    "http://[",
    "http://[::1",
    "https://]x[:443",
    "http://testserver:99999999999999999999",
    "http://testserver:-1",
    "http://tést.example",
    "http://%zz",
    "\x7f\x00",
    "http://" + "a" * 10000,
]


@pytest.mark.parametrize("origin", MALFORMED_ORIGINS)
@pytest.mark.parametrize("trusted", [[], ["https://*.example.org", "https://x.test"]])
def test_malformed_origins_are_refused_not_a_500(banner, client, origin, trusted):
    with override_settings(CSRF_TRUSTED_ORIGINS=trusted):
        response = post_choice(client, choice(), HTTP_ORIGIN=origin)
    assert response.status_code == 403
    assert response.json()["error"]


def test_a_snapshot_of_another_version_is_refused(banner, client):
    old = served_snapshot()
    banner.version = 2
    banner.save()
    response = post_choice(client, body(choice(v=2, id=new_id(1)), snapshot=old))
    assert response.status_code == 400
    assert response.json() == {"error": "the snapshot is of another site, language or version"}
    assert not ConsentRecord.objects.exists()
    assert post_choice(client, body(choice(v=2), snapshot=served_snapshot())).status_code == 204


def test_a_snapshot_of_another_site_is_refused(banner, client):
    other = Site.objects.create(
        hostname="agence.example", root_page=Page.objects.get(depth=1).get_children().first()
    )
    CookieBannerSettings.objects.create(site=other, enabled=True)
    theirs = served_snapshot(path="/", host="agence.example")
    assert theirs != served_snapshot()
    response = post_choice(client, body(choice(), snapshot=theirs))
    assert response.status_code == 400
    assert not ConsentRecord.objects.exists()
    # On their own host, the same choice is theirs to record.
    on_theirs = post_choice(
        Client(HTTP_HOST="agence.example"),
        body(choice(), snapshot=theirs),
        HTTP_ORIGIN="http://agence.example",
    )
    assert on_theirs.status_code == 204


@pytest.mark.parametrize("language", ["xx", "x" * 600, "../en", ""])
def test_an_unknown_language_is_refused(banner, client, language):
    response = client.post(
        f"{CONSENT_URL}?lang={language}",
        json.dumps(body(choice(), snapshot=served_snapshot())),
        content_type="application/json",
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 400


UNICODE = string.printable + "é\u00a0\ufeff\u2028\ud7ff\U0001f36a"
LATIN_1 = string.printable + "é\u00a0\u00ff\x00\x7f"  # what an HTTP header can carry


def random_text(rng, size, alphabet=UNICODE):
    return "".join(rng.choice(alphabet) for _ in range(size))


def random_value(rng, depth=0):
    kinds = [
        lambda: rng.randint(-(2**70), 2**70),
        lambda: rng.random() * 10.0 ** rng.randint(-5, 300),
        lambda: random_text(rng, rng.randint(0, 80)),
        lambda: rng.choice([True, False, None]),
        lambda: int(time.time()),
    ]
    if depth < 3:
        kinds += [
            lambda: [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))],
            lambda: {
                random_text(rng, 5): random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))
            },
        ]
    return rng.choice(kinds)()


def random_body(rng, digest):
    """Valid choices, near-valid ones with one or two fields spoiled, and raw bytes."""
    if rng.random() < 0.15:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    data = body(choice(id=f"{rng.getrandbits(128):032x}"), snapshot=digest)
    if rng.random() < 0.3:
        return json.dumps(data)
    for key in rng.sample(sorted(data), rng.randint(1, 2)):
        data[key] = random_value(rng)
    if rng.random() < 0.1:
        data[random_text(rng, 3)] = random_value(rng)
    text = json.dumps(data)
    return text if rng.random() < 0.8 else text[: rng.randint(0, len(text))]


def header(rng, size):
    return random_text(rng, size, LATIN_1)


def random_headers(rng):
    headers = {}
    for name, values in {
        "HTTP_ORIGIN": ["http://testserver", "null", "http://[", header(rng, 20)],
        "HTTP_SEC_FETCH_SITE": ["same-origin", "cross-site", header(rng, 10)],
        "CONTENT_LENGTH": ["-1", "0", "99999999999999999999", header(rng, 5)],
        "HTTP_COOKIE": ["cookies_preferences=" + header(rng, 200), header(rng, 50)],
        "HTTP_ACCEPT_LANGUAGE": ["en", "*", header(rng, 40)],
        "HTTP_X_FORWARDED_FOR": ["1.2.3.4", "::1, [", header(rng, 30)],
        "HTTP_SEC_GPC": ["1", header(rng, 5)],
    }.items():
        if rng.random() < 0.5:
            headers[name] = rng.choice(values)
    return headers


def test_no_request_makes_it_answer_500(banner):
    rng = random.Random(20261207)  # the same cases on every run
    digest = served_snapshot()
    client = Client(raise_request_exception=False)
    statuses = set()
    for _ in range(400):
        headers = random_headers(rng)
        query = rng.choice(["", "?lang=fr", "?lang=en", f"?lang={header(rng, 8)}"])
        content_type = rng.choice(["application/json", "text/plain", header(rng, 12)])
        response = client.post(
            CONSENT_URL + query, random_body(rng, digest), content_type=content_type, **headers
        )
        statuses.add(response.status_code)
        assert response.status_code < 500, (headers, query, response.content)
    assert {204, 400, 403, 415} <= statuses  # the cases reach every check
