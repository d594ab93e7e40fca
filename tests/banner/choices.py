"""Consent choices as the banner's script posts them."""

import json
import time

from django.test import RequestFactory
from django.utils import translation

from wagtail_charte.banner.config import BannerCategory, BannerConfig, get_banner_config

CONSENT_URL = "/charte/consent/"
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


def served_snapshot(language="fr", path="/"):
    """The snapshot hash in the banner config that pages in `language` carry."""
    with translation.override(language):
        return get_banner_config(RequestFactory().get(path)).snapshot.digest


def post_choice(client, data, **headers):
    """Posts `data`; a bare choice is sent as the script sends it, naming the served banner."""
    if isinstance(data, dict) and set(data) == COOKIE_KEYS:
        data = body(data, snapshot=served_snapshot())
    headers = {"HTTP_ORIGIN": "http://testserver", **headers}
    data = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post(CONSENT_URL, data, content_type="application/json", **headers)


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
