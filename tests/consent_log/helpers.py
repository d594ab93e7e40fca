"""What the consent log's tests share: choices posted as the banner posts them."""

import json

from wagtail.models import Locale

from wagtail_charte.models import BannerWording

from ..banner.choices import choice, post_choice, served_snapshot


def new_id(n):
    return f"{n:032x}"


def post(client, consent_id=None, method="custom", language="fr", **choice_overrides):
    """A choice posted as the banner's script posts it, naming the banner served."""
    body = {
        **choice(id=consent_id or new_id(1), **choice_overrides),
        "snapshot": served_snapshot(language),
        "method": method,
    }
    return post_choice(client, json.dumps(body), language)


def change_wording(banner, title):
    """Gives the banner a new live French wording: the banner shown changes."""
    fr = Locale.objects.get(language_code="fr")
    banner.wording = BannerWording.objects.create(locale=fr, title=title, live=True)
    banner.save()
