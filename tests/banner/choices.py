"""Consent choices as the banner's script posts them."""

import json
import re
import time

from django.test import RequestFactory
from django.utils import translation

from wagtail_charte.banner.config import BannerCategory, BannerConfig, get_banner_config

CONSENT_URL = "/charte/consent/"
# The script's post, whatever language its query names, for Playwright's waits.
CONSENT_POST = re.compile(r"/charte/consent/(\?|$)")
COOKIE_KEYS = {"v", "ts", "id", "c"}
# A well-formed hash of no banner: bodies refused for another reason never reach it.
ANY_SNAPSHOT = "0" * 64


def choice(**overrides):
    """A choice as the cookie carries it."""
    return {
        "v": 1,
        "ts": int(time.time()),
        "id": "0123456789abcdef0123456789abcdef",
        "c": {"statistics": False},
        **overrides,
    }


def body(cookie_choice, snapshot=ANY_SNAPSHOT, method="custom", **extra):
    """What the script posts: the choice, the banner's snapshot hash and how it was made."""
    return {**cookie_choice, "snapshot": snapshot, "method": method, **extra}


def served_snapshot(language="fr", path="/", host="testserver"):
    """The snapshot hash in the banner config that pages in `language` on `host` carry."""
    with translation.override(language):
        return get_banner_config(RequestFactory(HTTP_HOST=host).get(path)).snapshot.digest


def post_choice(client, data, language=None, **headers):
    """Posts `data`, from a page in `language` (None: as a client that names none); a bare
    choice is sent as the script sends it, naming the served banner."""
    if isinstance(data, dict) and set(data) == COOKIE_KEYS:
        data = body(data, snapshot=served_snapshot(language or "fr"))
    headers = {"HTTP_ORIGIN": "http://testserver", **headers}
    data = data if isinstance(data, str | bytes) else json.dumps(data)
    url = f"{CONSENT_URL}?lang={language}" if language else CONSENT_URL
    return client.post(url, data, content_type="application/json", **headers)


def banner_config(bases, version=2, lifetime=182, gpc=False):
    """A banner config whose categories have the slugs and bases of `bases` ({slug: basis})."""
    categories = tuple(
        BannerCategory(slug=slug, basis=basis, name=slug, description="", lang="en", cookies=())
        for slug, basis in bases.items()
    )
    return BannerConfig(
        enabled=True,
        version=version,
        lifetime=lifetime,
        gpc=gpc,
        consent_mode=None,
        categories=categories,
    )


# Bodies the endpoint refuses, each for one reason.
BAD_BODIES = {
    "not JSON": "{nope",
    "empty": "",
    "JSON array": "[]",
    "null": "null",
    "extra key": json.dumps(body(choice(), x=1)),
    "the cookie's value alone": json.dumps(choice()),
    "string v": json.dumps(body(choice(v="1"))),
    "bad id": json.dumps(body(choice(id="zz"))),
    "unknown category": json.dumps(body(choice(c={"ads": True}))),
    "necessary is fixed": json.dumps(body(choice(c={"necessary": False}))),
    "non-boolean": json.dumps(body(choice(c={"statistics": "yes"}))),
    "stale version": json.dumps(body(choice(v=0))),
    "future ts": json.dumps(body(choice(ts=int(time.time()) + 3 * 86400))),
    "expired ts": json.dumps(body(choice(ts=int(time.time()) - 400 * 86400))),
    "bad snapshot": json.dumps(body(choice(), snapshot="ABC")),
    "unknown method": json.dumps(body(choice(), method="scroll")),
    "unhashable method": json.dumps(body(choice(), method=["custom"])),
    "NaN": '{"v": NaN}',
    "deep nesting": "[" * 100000 + "]" * 100000,
    "not UTF-8": b"\xff\xfe{}",
}
